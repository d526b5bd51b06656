"""Campaign queries: campaigns (with search) and spend records."""

from __future__ import annotations

import datetime as dt

import strawberry

from finance_graphql.campaigns import repository, spend
from finance_graphql.campaigns.catalog import CampaignStatus
from finance_graphql.campaigns.types import Campaign, SpendRecord
from finance_graphql.context import Context
from finance_graphql.core import access
from finance_graphql.core.access import Permission
from finance_graphql.core.arguments import optional_id, require_id, require_valid
from finance_graphql.core.pagination import Connection, build_connection, page_request
from finance_graphql.workspaces.loaders import authorized_workspace


@strawberry.input
class CampaignFilter:
    ow_id: strawberry.ID | None = strawberry.field(
        default=None, description="Only this customer's campaigns."
    )
    status: list[CampaignStatus] | None = None
    search: str | None = strawberry.field(default=None, description="Name contains, or the id.")


@strawberry.input
class SpendFilter:
    ow_id: strawberry.ID = strawberry.field(description="The customer.")
    campaign_id: strawberry.ID | None = None
    date_from: dt.date | None = None
    date_to: dt.date | None = None


@strawberry.type
class CampaignQueries:
    @strawberry.field(
        description="Campaigns, newest first: a customer's own, an organization's customers', "
        "all for super. Campaign margins are in `margin` / `effectiveMargin`."
    )
    async def campaigns(
        self,
        info: strawberry.Info[Context],
        filter: CampaignFilter | None = None,
        first: int | None = 50,
        after: str | None = None,
    ) -> Connection[Campaign]:
        viewer = info.context.viewer
        access.authorize(viewer, Permission.VIEW_FINANCE)
        page = page_request(first, after, repository.SORT, descending=True)
        wanted = filter or CampaignFilter()
        workspace_id = optional_id(wanted.ow_id, "filter.owId")
        if workspace_id is not None:
            await authorized_workspace(info.context, Permission.VIEW_FINANCE, workspace_id)
        text = wanted.search.strip()[:200] if wanted.search and wanted.search.strip() else None
        found = repository.CampaignFilter(workspace_id, tuple(wanted.status or ()), text)
        async with info.context.db.connection() as conn:
            rows = await repository.list_campaigns(conn, viewer, found, page)

        async def total() -> int:
            async with info.context.db.connection() as conn:
                return await repository.count_campaigns(conn, viewer, found)

        return build_connection(
            rows,
            page,
            node=lambda r: Campaign(row=r),
            sort_value=lambda r: r.id,
            row_id=lambda r: r.id,
            count_total=total,
        )

    @strawberry.field(description="A customer's daily spend records, latest day first.")
    async def spend_records(
        self,
        info: strawberry.Info[Context],
        filter: SpendFilter,
        first: int | None = 50,
        after: str | None = None,
    ) -> Connection[SpendRecord]:
        page = page_request(first, after, spend.SORT, descending=True)
        require_valid(filter.date_from, "filter.dateFrom")
        require_valid(filter.date_to, "filter.dateTo")
        workspace = await authorized_workspace(
            info.context, Permission.VIEW_FINANCE, require_id(filter.ow_id, "filter.owId")
        )
        found = spend.SpendFilter(
            workspace_id=workspace.id,
            campaign_id=optional_id(filter.campaign_id, "filter.campaignId"),
            date_from=filter.date_from,
            date_to=filter.date_to,
        )
        async with info.context.db.connection() as conn:
            rows = await spend.list_spend(conn, found, page)

        async def total() -> int:
            async with info.context.db.connection() as conn:
                return await spend.count_spend(conn, found)

        return build_connection(
            rows,
            page,
            node=lambda r: SpendRecord(row=r),
            sort_value=lambda r: r.spend_date,
            row_id=lambda r: r.id,
            count_total=total,
        )
