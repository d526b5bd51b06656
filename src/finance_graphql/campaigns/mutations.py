"""Campaign mutations: createCampaign, updateCampaign, updateCampaignMargin, recordSpend,
generateInvoice."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import asyncpg
import strawberry

from finance_graphql.campaigns import generation, schemas, service
from finance_graphql.campaigns.catalog import CampaignStatus, CampaignType, CreativeType
from finance_graphql.campaigns.types import Campaign
from finance_graphql.context import Context
from finance_graphql.core.errors import UserError
from finance_graphql.core.mutations import mutate
from finance_graphql.core.validation import validate_input
from finance_graphql.invoices.inputs import InvoicePayload
from finance_graphql.invoices.types import Invoice


@strawberry.input
class CreateCampaignInput:
    ow_id: strawberry.ID
    name: str
    creative_type: CreativeType
    status: CampaignStatus = CampaignStatus.PENDING
    type: CampaignType = CampaignType.ADVANCED


@strawberry.input(description="Only the fields given change.")
class UpdateCampaignInput:
    campaign_id: strawberry.ID
    name: str | None = None
    status: CampaignStatus | None = None
    creative_type: CreativeType | None = None


@strawberry.input(description="A campaign's own margin (0..99); null: the customer's applies.")
class UpdateCampaignMarginInput:
    campaign_id: strawberry.ID
    margin_value: Decimal | None = None


@strawberry.input(description="A campaign's spend of one day.")
class SpendRowInput:
    campaign_id: strawberry.ID
    date: dt.date
    media_cost: Decimal
    data_cost: Decimal
    impressions: int = 0


@strawberry.input(
    description="Spend rows (1..5000) to insert or replace, per campaign and day; with owId, "
    "every campaign must be that customer's."
)
class RecordSpendInput:
    rows: list[SpendRowInput]
    ow_id: strawberry.ID | None = None


@strawberry.input(description="Invoice a customer's recorded spend of a period (inclusive).")
class GenerateInvoiceInput:
    ow_id: strawberry.ID
    period_from: dt.date
    period_to: dt.date
    payment_term_days: int | None = strawberry.field(
        default=None, description="Default: the organization's invoice settings, else 30."
    )
    name: str | None = None


@strawberry.type
class CampaignPayload:
    campaign: Campaign | None = None
    user_errors: list[UserError] = strawberry.field(default_factory=list)


@strawberry.type
class RecordSpendPayload:
    inserted: int = strawberry.field(default=0, description="Rows new for their campaign and day.")
    updated: int = strawberry.field(default=0, description="Rows that replaced different values.")
    unchanged: int = strawberry.field(default=0, description="Rows sent again with same values.")
    user_errors: list[UserError] = strawberry.field(default_factory=list)


def _campaign_refused(errors: list[UserError]) -> CampaignPayload:
    return CampaignPayload(user_errors=errors)


def _spend_refused(errors: list[UserError]) -> RecordSpendPayload:
    return RecordSpendPayload(user_errors=errors)


def _invoice_refused(errors: list[UserError]) -> InvoicePayload:
    return InvoicePayload(user_errors=errors)


@strawberry.type
class CampaignMutations:
    @strawberry.mutation(description="A customer, its organization or super: a new campaign.")
    async def create_campaign(
        self, info: strawberry.Info[Context], input: CreateCampaignInput
    ) -> CampaignPayload:
        viewer = info.context.viewer

        async def work(conn: asyncpg.Connection) -> CampaignPayload:
            command = validate_input(schemas.CreateCampaign, input)
            return CampaignPayload(
                campaign=Campaign(row=await service.create(conn, viewer, command))
            )

        return await mutate(info.context, work, _campaign_refused)

    @strawberry.mutation(description="Rename a campaign, change its status or creative type.")
    async def update_campaign(
        self, info: strawberry.Info[Context], input: UpdateCampaignInput
    ) -> CampaignPayload:
        viewer = info.context.viewer

        async def work(conn: asyncpg.Connection) -> CampaignPayload:
            command = validate_input(schemas.UpdateCampaign, input)
            return CampaignPayload(
                campaign=Campaign(row=await service.update(conn, viewer, command))
            )

        return await mutate(info.context, work, _campaign_refused)

    @strawberry.mutation(description="Organization (or super): a campaign's own margin.")
    async def update_campaign_margin(
        self, info: strawberry.Info[Context], input: UpdateCampaignMarginInput
    ) -> CampaignPayload:
        viewer = info.context.viewer

        async def work(conn: asyncpg.Connection) -> CampaignPayload:
            command = validate_input(schemas.UpdateCampaignMargin, input)
            row = await service.update_margin(conn, viewer, command)
            return CampaignPayload(campaign=Campaign(row=row))

        return await mutate(info.context, work, _campaign_refused)

    @strawberry.mutation(
        description="Organization (or super), e.g. through a BFF: record daily spend in bulk."
    )
    async def record_spend(
        self, info: strawberry.Info[Context], input: RecordSpendInput
    ) -> RecordSpendPayload:
        viewer = info.context.viewer

        async def work(conn: asyncpg.Connection) -> RecordSpendPayload:
            command = validate_input(schemas.RecordSpend, input)
            written = await service.record_spend(conn, viewer, command)
            return RecordSpendPayload(
                inserted=written.inserted,
                updated=written.updated,
                unchanged=len(command.rows) - written.inserted - written.updated,
            )

        return await mutate(info.context, work, _spend_refused)

    @strawberry.mutation(
        description="Organization (or super): a PENDING invoice of a customer's spend of a "
        "period, its margin and fees applied (docs/invoice-generation.md)."
    )
    async def generate_invoice(
        self, info: strawberry.Info[Context], input: GenerateInvoiceInput
    ) -> InvoicePayload:
        viewer = info.context.viewer

        async def work(conn: asyncpg.Connection) -> InvoicePayload:
            command = validate_input(schemas.GenerateInvoice, input)
            row = await generation.generate_invoice(conn, viewer, command)
            return InvoicePayload(invoice=Invoice(row=row))

        return await mutate(info.context, work, _invoice_refused)
