"""GraphQL types of margins, the settings history and the invoice-template prerequisite."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import strawberry

from finance_graphql.margins.history import HistoryRow
from finance_graphql.margins.repository import MarginRow
from finance_graphql.margins.schemas import GROSS_MARGIN_TYPE_ID, MARGIN_TYPES


def trimmed(value: Decimal | None) -> Decimal | None:
    """A stored percentage or rate as the seeds show it: 15, 12.5 (no trailing zeros)."""
    return None if value is None else value.normalize()


@strawberry.type(description="One margin of a workspace, by margin type (1: Gross Margin).")
class MarginSetting:
    margin_type_id: int
    margin_type: str
    margin_value: Decimal | None = strawberry.field(description="Percent; null when not set.")

    @classmethod
    def gross(cls, value: Decimal | None) -> MarginSetting:
        return cls(
            margin_type_id=GROSS_MARGIN_TYPE_ID,
            margin_type=MARGIN_TYPES[GROSS_MARGIN_TYPE_ID],
            margin_value=trimmed(value),
        )


@strawberry.type(description="A workspace's margins and bid shading flag.")
class MarginDetails:
    row: strawberry.Private[MarginRow]
    type_ids: strawberry.Private[list[int] | None]

    @strawberry.field(description="The workspace (owId).")
    def ow_id(self) -> strawberry.ID:
        return strawberry.ID(str(self.row.workspace_id))

    @strawberry.field(description="The margins asked for (marginTypeIds), or all.")
    def margins(self) -> list[MarginSetting]:
        wanted = self.type_ids or list(MARGIN_TYPES)
        return (
            [MarginSetting.gross(self.row.gross_margin)] if GROSS_MARGIN_TYPE_ID in wanted else []
        )

    @strawberry.field
    def is_bid_shading_enabled(self) -> bool:
        return self.row.bid_shading_enabled

    @strawberry.field(description="The platform's part of the margin, as last sent with it.")
    def workspace_margin(self) -> Decimal | None:
        return trimmed(self.row.workspace_margin)

    @strawberry.field(description="The organization's part of the margin, as last sent with it.")
    def organization_margin(self) -> Decimal | None:
        return trimmed(self.row.organization_margin)


@strawberry.type(description="One change of a margin or fee: who, when, from what, to what.")
class FinanceSettingChange:
    row: strawberry.Private[HistoryRow]

    @strawberry.field
    def id(self) -> strawberry.ID:
        return strawberry.ID(str(self.row.id))

    @strawberry.field(description="The setting's GraphQL name: grossMargin, aqsRate, ...")
    def setting(self) -> str:
        return self.row.setting

    @strawberry.field(description="The campaign, for a campaign's margin.")
    def campaign_id(self) -> strawberry.ID | None:
        return None if self.row.campaign_id is None else strawberry.ID(str(self.row.campaign_id))

    @strawberry.field(description="Text form of the value before; null: not configured.")
    def old_value(self) -> str | None:
        return self.row.old_value

    @strawberry.field(description="Text form of the value after; null: not configured.")
    def new_value(self) -> str | None:
        return self.row.new_value

    @strawberry.field(description="E-mail of who changed it; null when a default was applied.")
    def changed_by(self) -> str | None:
        return self.row.changed_by

    @strawberry.field
    def changed_at(self) -> dt.datetime:
        return self.row.changed_at


@strawberry.type(description="A customer of the organization whose margin is not configured.")
class CustomerWithoutMargin:
    ow_id: strawberry.ID
    customer_name: str


@strawberry.type(description="What an organization needs before invoices can be issued.")
class InvoiceTemplatePrerequisite:
    is_parent_invoice_template_set: bool = strawberry.field(
        description="The organization's invoice settings (template) exist."
    )
    invoice_template_required: bool = strawberry.field(
        description="The organization has customers to invoice, so it needs a template."
    )
    organization_app_accessible: bool = strawberry.field(
        description="Invoicing is open to the organization: no template is missing."
    )
    customer_app_accessible: bool = strawberry.field(
        description="Invoices can reach customers: the template is in place and every customer "
        "has a margin."
    )
    customer_margin_list: list[CustomerWithoutMargin] = strawberry.field(
        description="Customers without a gross margin (newest first, at most `first`)."
    )
