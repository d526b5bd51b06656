"""GraphQL types of campaigns and spend records."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import strawberry

from finance_graphql.campaigns.catalog import (
    CREATIVE_TYPES,
    CampaignStatus,
    CampaignType,
    CreativeType,
)
from finance_graphql.campaigns.repository import CampaignRow
from finance_graphql.campaigns.spend import SpendRow
from finance_graphql.context import Context
from finance_graphql.core import access
from finance_graphql.core.access import Permission
from finance_graphql.margins.loaders import load_margins
from finance_graphql.margins.types import trimmed
from finance_graphql.workspaces.types import Workspace, referenced_workspace


def _margins_visible(info: strawberry.Info[Context], row: CampaignRow) -> None:
    """Margins are for organization and super users; a customer's request is refused."""
    access.authorize(info.context.viewer, Permission.VIEW_FINANCE_SETTINGS, row.ref)


@strawberry.type(description="An advertising campaign of a customer.")
class Campaign:
    row: strawberry.Private[CampaignRow]

    @strawberry.field(description="The campaign id.")
    def id(self) -> strawberry.ID:
        return strawberry.ID(str(self.row.id))

    @strawberry.field(description="The customer running it.")
    async def workspace(self, info: strawberry.Info[Context]) -> Workspace:
        return await referenced_workspace(info, self.row.workspace_id)

    @strawberry.field
    def name(self) -> str:
        return self.row.name

    @strawberry.field
    def status(self) -> CampaignStatus:
        return self.row.status

    @strawberry.field
    def type(self) -> CampaignType:
        return self.row.type

    @strawberry.field
    def creative_type(self) -> CreativeType:
        return self.row.creative_type

    @strawberry.field(description="The seeds' creativeTypeId (11 image, 13 video, ...).")
    def creative_type_id(self) -> int:
        return CREATIVE_TYPES.id(self.row.creative_type)

    @strawberry.field(
        description="The campaign's own margin, percent; null: the customer's gross margin "
        "applies. Organization and super users only."
    )
    def margin(self, info: strawberry.Info[Context]) -> Decimal | None:
        _margins_visible(info, self.row)
        return trimmed(self.row.margin)

    @strawberry.field(
        description="True when the customer's gross margin applies. Organization and super "
        "users only."
    )
    def is_default_margin(self, info: strawberry.Info[Context]) -> bool | None:
        _margins_visible(info, self.row)
        return self.row.margin is None

    @strawberry.field(
        description="The margin spend of this campaign is recorded with: its own, else the "
        "customer's gross margin, else none (0). Organization and super users only."
    )
    async def effective_margin(self, info: strawberry.Info[Context]) -> Decimal | None:
        _margins_visible(info, self.row)
        if self.row.margin is not None:
            return self.row.margin.normalize()
        margins = await info.context.loader(load_margins).load(self.row.workspace_id)
        return (margins.gross_margin or Decimal(0)).normalize()

    @strawberry.field
    def created_at(self) -> dt.datetime:
        return self.row.created_at

    @strawberry.field
    def modified_at(self) -> dt.datetime:
        return self.row.modified_at


@strawberry.type(description="A campaign's spend of one day, as recorded (costs to 4 decimals).")
class SpendRecord:
    row: strawberry.Private[SpendRow]

    @strawberry.field
    def id(self) -> strawberry.ID:
        return strawberry.ID(str(self.row.id))

    @strawberry.field
    def campaign_id(self) -> strawberry.ID:
        return strawberry.ID(str(self.row.campaign_id))

    @strawberry.field
    def date(self) -> dt.date:
        return self.row.spend_date

    @strawberry.field
    def media_cost(self) -> Decimal:
        return self.row.media_cost

    @strawberry.field
    def data_cost(self) -> Decimal:
        return self.row.data_cost

    @strawberry.field
    def impressions(self) -> int:
        return self.row.impressions

    @strawberry.field
    def modified_at(self) -> dt.datetime:
        return self.row.modified_at
