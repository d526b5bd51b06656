"""A workspace's finance overview for a year (Workspace.financeDetails): SQL, batch load, type.

One statement answers a whole batch of (workspace, year) keys. Per key it reads the workspace's
campaigns (counts by status, as they are now), its spend of the year through the
(workspace_id, spend_date) index (index-only: the index carries the costs and margin), its
credit claimed in the year, and its balance.

Definitions (docs/finance-details.md):
- dataCost, actualSpent: the year's recorded data cost and media cost, each rounded to the
  currency; spent = the two added;
- earning: what the organization earns from its margin on that spend: for each row,
  cost x m / (100 - m) with m the margin captured on the row (the billed amount is
  cost x 100 / (100 - m), see docs/invoice-generation.md), summed exactly, rounded once;
- credits: credit the workspace claimed during the year;
- balance: the workspace's balance now (the sum of its ledger entries).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

import asyncpg
import strawberry

from finance_graphql.campaigns.catalog import CAMPAIGN_STATUSES, CampaignStatus
from finance_graphql.core.errors import BadInput
from finance_graphql.core.money import quantize
from finance_graphql.lookups.catalog import CREDIT_STATUSES, CreditStatus

if TYPE_CHECKING:
    from finance_graphql.context import Context

FIRST_YEAR, LAST_YEAR = 2000, 2100

# Earning per margin group: the costs are summed first, then multiplied once per distinct
# margin; the dividend is widened to 20 decimals so the division stays exact to far below a cent.
_OVERVIEW = """
WITH keys AS (
    SELECT k.workspace_id, k.year,
           make_date(k.year, 1, 1) AS first_day, make_date(k.year + 1, 1, 1) AS next_year
      FROM unnest($1::bigint[], $2::int[]) AS k(workspace_id, year)
)
SELECT k.workspace_id, k.year,
       coalesce(c.pending, 0) AS pending, coalesce(c.running, 0) AS running,
       coalesce(c.total, 0) AS total,
       coalesce(s.media, 0) AS media, coalesce(s.data, 0) AS data,
       coalesce(s.earning, 0) AS earning,
       coalesce(cr.claimed, 0) AS credits,
       coalesce(b.balance, 0) AS balance
  FROM keys k
  LEFT JOIN LATERAL (
      SELECT count(*) FILTER (WHERE status = $3) AS pending,
             count(*) FILTER (WHERE status = $4) AS running,
             count(*) FILTER (WHERE status <> $5) AS total
        FROM campaigns WHERE workspace_id = k.workspace_id
  ) c ON true
  LEFT JOIN LATERAL (
      SELECT sum(g.media) AS media, sum(g.data) AS data,
             sum((g.media + g.data)::numeric(40, 20) * g.margin / (100 - g.margin)) AS earning
        FROM (SELECT margin, sum(media_cost) AS media, sum(data_cost) AS data
                FROM campaign_spend
               WHERE workspace_id = k.workspace_id
                 AND spend_date >= k.first_day AND spend_date < k.next_year
               GROUP BY margin) g
  ) s ON true
  LEFT JOIN LATERAL (
      SELECT sum(amount) AS claimed FROM credits
       WHERE workspace_id = k.workspace_id AND status = $6
         AND claimed_at >= k.first_day AND claimed_at < k.next_year
  ) cr ON true
  LEFT JOIN workspace_balances b ON b.workspace_id = k.workspace_id
"""


@dataclass(frozen=True)
class Overview:
    pending: int
    running: int
    total: int
    media: Decimal
    data: Decimal
    earning: Decimal
    credits: Decimal
    balance: Decimal


async def overviews(
    conn: asyncpg.Connection, keys: list[tuple[int, int]]
) -> dict[tuple[int, int], Overview]:
    """The overview of each (workspace id, year), one statement."""
    records = await conn.fetch(
        _OVERVIEW,
        [workspace_id for workspace_id, _ in keys],
        [year for _, year in keys],
        CAMPAIGN_STATUSES.id(CampaignStatus.PENDING),
        CAMPAIGN_STATUSES.id(CampaignStatus.RUNNING),
        CAMPAIGN_STATUSES.id(CampaignStatus.DELETED),
        CREDIT_STATUSES.id(CreditStatus.CLAIMED),
    )
    return {
        (r["workspace_id"], r["year"]): Overview(
            **{name: r[name] for name in Overview.__dataclass_fields__}
        )
        for r in records
    }


async def load_overviews(context: Context, keys: list[tuple[int, int]]) -> list[Overview]:
    async with context.db.connection() as conn:
        found = await overviews(conn, keys)
    return [found[key] for key in keys]


def year_or_current(year: int | None) -> int:
    """The year asked for (default: the current one, UTC), within 2000..2100."""
    chosen = dt.datetime.now(dt.UTC).year if year is None else year
    if not FIRST_YEAR <= chosen <= LAST_YEAR:
        raise BadInput(f"year: must be between {FIRST_YEAR} and {LAST_YEAR}", "year")
    return chosen


@strawberry.type(description="A workspace's campaigns and money for a year.")
class FinanceDetails:
    overview: strawberry.Private[Overview]
    currency: strawberry.Private[str]

    def _money(self, amount: Decimal) -> Decimal:
        return quantize(amount, self.currency)

    @strawberry.field(description="Campaigns now in pending status.")
    def pending_campaigns(self) -> int:
        return self.overview.pending

    @strawberry.field(description="Campaigns now running.")
    def running_campaigns(self) -> int:
        return self.overview.running

    @strawberry.field(description="Campaigns of the workspace (deleted ones left out).")
    def total_campaigns(self) -> int:
        return self.overview.total

    @strawberry.field(description="Data cost recorded in the year.")
    def data_cost(self) -> Decimal:
        return self._money(self.overview.data)

    @strawberry.field(description="Media cost recorded in the year.")
    def actual_spent(self) -> Decimal:
        return self._money(self.overview.media)

    @strawberry.field(description="Credit claimed in the year.")
    def credits(self) -> Decimal:
        return self._money(self.overview.credits)

    @strawberry.field(description="The balance now: the sum of the workspace's ledger entries.")
    def balance(self) -> Decimal:
        return self._money(self.overview.balance)

    @strawberry.field(description="actualSpent + dataCost (the two figures shown, added).")
    def spent(self) -> Decimal:
        return self._money(self.overview.media) + self._money(self.overview.data)

    @strawberry.field(description="The organization's earning from its margin on the spend.")
    def earning(self) -> Decimal:
        return self._money(self.overview.earning)
