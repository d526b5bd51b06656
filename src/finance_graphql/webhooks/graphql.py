"""GraphQL of webhooks: subscribe an endpoint, list them with their latest deliveries, remove."""

from __future__ import annotations

import datetime as dt

import asyncpg
import strawberry

from finance_graphql.context import Context
from finance_graphql.core.arguments import require_id
from finance_graphql.core.errors import UserError
from finance_graphql.core.mutations import mutate
from finance_graphql.core.validation import validate_input
from finance_graphql.webhooks import service
from finance_graphql.webhooks.outbox import EVENT_TYPES
from finance_graphql.webhooks.service import DeliveryRow, EndpointRow


async def load_deliveries(context: Context, endpoint_ids: list[int]) -> list[list[DeliveryRow]]:
    async with context.db.connection() as conn:
        found = await service.deliveries(conn, endpoint_ids)
    return [found.get(i, []) for i in endpoint_ids]


@strawberry.type(description="One try-until-delivered POST of an event to an endpoint.")
class WebhookDelivery:
    id: strawberry.ID
    event_type: str
    status: str = strawberry.field(description="PENDING, DELIVERED or FAILED (gave up).")
    attempts: int
    last_error: str | None
    created_at: dt.datetime
    delivered_at: dt.datetime | None

    @classmethod
    def of(cls, row: DeliveryRow) -> WebhookDelivery:
        return cls(
            id=strawberry.ID(row.uuid),
            event_type=row.event_type,
            status=row.status,
            attempts=row.attempts,
            last_error=row.last_error,
            created_at=row.created_at,
            delivered_at=row.delivered_at,
        )


@strawberry.type(description="Where the active organization's events are POSTed, signed.")
class WebhookEndpoint:
    row: strawberry.Private[EndpointRow]

    @strawberry.field
    def id(self) -> strawberry.ID:
        return strawberry.ID(str(self.row.id))

    @strawberry.field
    def url(self) -> str:
        return self.row.url

    @strawberry.field(description='Event types it receives ("*" for all).')
    def events(self) -> list[str]:
        return self.row.events

    @strawberry.field
    def active(self) -> bool:
        return self.row.active

    @strawberry.field
    def created_at(self) -> dt.datetime:
        return self.row.created_at

    @strawberry.field(description="The latest deliveries, newest first.")
    async def deliveries(self, info: strawberry.Info[Context]) -> list[WebhookDelivery]:
        rows = await info.context.loader(load_deliveries).load(self.row.id)
        return [WebhookDelivery.of(r) for r in rows]


@strawberry.input
class CreateWebhookEndpointInput:
    url: str
    events: list[str]


@strawberry.input
class DeleteWebhookEndpointInput:
    endpoint_id: strawberry.ID


@strawberry.type
class WebhookEndpointPayload:
    endpoint: WebhookEndpoint | None = None
    secret: str | None = strawberry.field(
        default=None, description="The signing secret; shown once, when the endpoint is created."
    )
    user_errors: list[UserError] = strawberry.field(default_factory=list)


def _refused(errors: list[UserError]) -> WebhookEndpointPayload:
    return WebhookEndpointPayload(user_errors=errors)


@strawberry.type
class WebhookQueries:
    @strawberry.field(description="The active organization's webhook endpoints.")
    async def webhook_endpoints(self, info: strawberry.Info[Context]) -> list[WebhookEndpoint]:
        async with info.context.db.connection() as conn:
            rows = await service.endpoints(conn, info.context.viewer)
        return [WebhookEndpoint(row=r) for r in rows]

    @strawberry.field(description="Every event type an endpoint may subscribe to.")
    def webhook_event_types(self) -> list[str]:
        return list(EVENT_TYPES)


@strawberry.type
class WebhookMutations:
    @strawberry.mutation(
        description="Organization or super: POST these events (of itself and the workspaces it "
        "manages) to a URL, signed with the returned secret (X-Finance-Signature)."
    )
    async def create_webhook_endpoint(
        self, info: strawberry.Info[Context], input: CreateWebhookEndpointInput
    ) -> WebhookEndpointPayload:
        viewer = info.context.viewer

        async def work(conn: asyncpg.Connection) -> WebhookEndpointPayload:
            command = validate_input(service.CreateEndpoint, input)
            row, secret = await service.create(conn, viewer, command)
            return WebhookEndpointPayload(endpoint=WebhookEndpoint(row=row), secret=secret)

        return await mutate(info.context, work, _refused)

    @strawberry.mutation(description="Stop sending to an endpoint.")
    async def delete_webhook_endpoint(
        self, info: strawberry.Info[Context], input: DeleteWebhookEndpointInput
    ) -> WebhookEndpointPayload:
        viewer = info.context.viewer
        endpoint_id = require_id(input.endpoint_id, "endpointId")

        async def work(conn: asyncpg.Connection) -> WebhookEndpointPayload:
            row = await service.deactivate(conn, viewer, endpoint_id)
            return WebhookEndpointPayload(endpoint=WebhookEndpoint(row=row))

        return await mutate(info.context, work, _refused)
