"""Margin mutations: updateCustomerMargin, updateOrganizationMargin, setBidShading."""

from __future__ import annotations

from decimal import Decimal

import asyncpg
import strawberry

from finance_graphql.context import Context
from finance_graphql.core.errors import UserError
from finance_graphql.core.mutations import mutate, run_command
from finance_graphql.core.validation import validate_input
from finance_graphql.margins import schemas, service
from finance_graphql.margins.types import MarginDetails
from finance_graphql.workspaces.mutations import WorkspacePayload
from finance_graphql.workspaces.repository import WorkspaceRow
from finance_graphql.workspaces.types import Workspace


@strawberry.input(description="A workspace's gross margin, 1..99 percent.")
class UpdateCustomerMarginInput:
    ow_id: strawberry.ID
    margin_value: Decimal
    margin_type_id: int | None = strawberry.field(
        default=1, description="Margin type; only 1 (Gross Margin) exists."
    )
    workspace_margin: Decimal | None = strawberry.field(
        default=None, description="The platform's part of the margin, 0..99 (kept as sent)."
    )
    organization_margin: Decimal | None = strawberry.field(
        default=None, description="The organization's part of the margin, 0..99 (kept as sent)."
    )


@strawberry.input(description="The organization's default gross margin for new customers.")
class UpdateOrganizationMarginInput:
    margin_value: Decimal
    margin_type_id: int | None = strawberry.field(
        default=1, description="Margin type; only 1 (Gross Margin) exists."
    )


@strawberry.input
class SetBidShadingInput:
    ow_id: strawberry.ID
    enabled: bool


@strawberry.type
class MarginDetailsPayload:
    margin_details: MarginDetails | None = None
    user_errors: list[UserError] = strawberry.field(default_factory=list)


def _workspace(row: WorkspaceRow) -> WorkspacePayload:
    return WorkspacePayload(workspace=Workspace(row=row))


def _workspace_refused(errors: list[UserError]) -> WorkspacePayload:
    return WorkspacePayload(user_errors=errors)


def _details_refused(errors: list[UserError]) -> MarginDetailsPayload:
    return MarginDetailsPayload(user_errors=errors)


@strawberry.type
class MarginMutations:
    @strawberry.mutation(
        description="Organization (or super): set a managed workspace's gross margin."
    )
    async def update_customer_margin(
        self, info: strawberry.Info[Context], input: UpdateCustomerMarginInput
    ) -> WorkspacePayload:
        return await run_command(
            info.context,
            schemas.UpdateCustomerMargin,
            input,
            service.update_customer_margin,
            _workspace,
            _workspace_refused,
        )

    @strawberry.mutation(
        description="Organization: set the default gross margin of customers created from now on."
    )
    async def update_organization_margin(
        self, info: strawberry.Info[Context], input: UpdateOrganizationMarginInput
    ) -> WorkspacePayload:
        return await run_command(
            info.context,
            schemas.UpdateOrganizationMargin,
            input,
            service.update_organization_margin,
            _workspace,
            _workspace_refused,
        )

    @strawberry.mutation(description="Organization (or super): turn bid shading on or off.")
    async def set_bid_shading(
        self, info: strawberry.Info[Context], input: SetBidShadingInput
    ) -> MarginDetailsPayload:
        viewer = info.context.viewer

        async def work(conn: asyncpg.Connection) -> MarginDetailsPayload:
            command = validate_input(schemas.SetBidShading, input)
            row = await service.set_bid_shading(conn, viewer, command)
            return MarginDetailsPayload(margin_details=MarginDetails(row=row, type_ids=None))

        return await mutate(info.context, work, _details_refused)
