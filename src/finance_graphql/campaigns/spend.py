"""Spend SQL: the daily spend of campaigns, written in bulk, read by page and by period.

Spend does not move the ledger: the customer pays for it through the invoices generated from it
(docs/spend.md explains why).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import asyncpg

from finance_graphql.core.pagination import Page, SortKey, page_query

SORT = SortKey("spend_date", "date")


@dataclass(frozen=True)
class SpendInput:
    campaign_id: int
    spend_date: dt.date
    media_cost: Decimal
    data_cost: Decimal
    impressions: int


@dataclass(frozen=True)
class Written:
    inserted: int
    updated: int


@dataclass(frozen=True)
class SpendRow:
    id: int
    campaign_id: int
    workspace_id: int
    spend_date: dt.date
    media_cost: Decimal
    data_cost: Decimal
    impressions: int
    margin: Decimal
    modified_at: dt.datetime


# One statement for the whole request. The margin in force is captured on each row: the
# campaign's own, else its customer's gross margin, else none. A row sent again with the same
# values is left alone (neither counted nor touched).
_UPSERT = """
WITH sent AS (
    SELECT * FROM unnest($1::bigint[], $2::date[], $3::numeric[], $4::numeric[], $5::bigint[])
      AS r(campaign_id, spend_date, media_cost, data_cost, impressions)
), written AS (
    INSERT INTO campaign_spend AS s
           (campaign_id, spend_date, workspace_id, media_cost, data_cost, impressions, margin,
            recorded_by)
    SELECT r.campaign_id, r.spend_date, c.workspace_id, r.media_cost, r.data_cost, r.impressions,
           coalesce(c.margin, m.gross_margin, 0), $6
      FROM sent r
      JOIN campaigns c ON c.id = r.campaign_id
      LEFT JOIN workspace_margins m ON m.workspace_id = c.workspace_id
    ON CONFLICT (campaign_id, spend_date) DO UPDATE
       SET media_cost = EXCLUDED.media_cost, data_cost = EXCLUDED.data_cost,
           impressions = EXCLUDED.impressions, margin = EXCLUDED.margin,
           recorded_by = EXCLUDED.recorded_by, modified_at = now()
     WHERE (s.media_cost, s.data_cost, s.impressions, s.margin)
           IS DISTINCT FROM (EXCLUDED.media_cost, EXCLUDED.data_cost, EXCLUDED.impressions,
                             EXCLUDED.margin)
    RETURNING (xmax = 0) AS inserted
)
SELECT count(*) FILTER (WHERE inserted) AS inserted,
       count(*) FILTER (WHERE NOT inserted) AS updated
  FROM written
"""


async def upsert(conn: asyncpg.Connection, rows: list[SpendInput], recorded_by: int) -> Written:
    """Insert or replace the spend of each (campaign, day); campaigns must exist."""
    record = await conn.fetchrow(
        _UPSERT,
        [r.campaign_id for r in rows],
        [r.spend_date for r in rows],
        [r.media_cost for r in rows],
        [r.data_cost for r in rows],
        [r.impressions for r in rows],
        recorded_by,
    )
    assert record is not None
    return Written(inserted=record["inserted"], updated=record["updated"])


@dataclass(frozen=True)
class SpendFilter:
    workspace_id: int
    campaign_id: int | None = None
    date_from: dt.date | None = None
    date_to: dt.date | None = None


def _where(found: SpendFilter) -> tuple[str, list[Any]]:
    conditions, args = ["workspace_id = $1"], list[Any]([found.workspace_id])
    for column, operator, value in (
        ("campaign_id", "=", found.campaign_id),
        ("spend_date", ">=", found.date_from),
        ("spend_date", "<=", found.date_to),
    ):
        if value is not None:
            args.append(value)
            conditions.append(f"{column} {operator} ${len(args)}")
    return " AND ".join(conditions), args


async def list_spend(conn: asyncpg.Connection, found: SpendFilter, page: Page) -> list[SpendRow]:
    """A page (plus one row) of a customer's spend rows, latest day first."""
    where, args = _where(found)
    columns = (
        "id, campaign_id, workspace_id, spend_date, media_cost, data_cost, impressions, margin,"
        " modified_at"
    )
    sql, values = page_query("campaign_spend", columns, [where], args, SORT, page)
    return [SpendRow(**dict(r)) for r in await conn.fetch(sql, *values)]


async def count_spend(conn: asyncpg.Connection, found: SpendFilter) -> int:
    where, args = _where(found)
    return int(await conn.fetchval(f"SELECT count(*) FROM campaign_spend WHERE {where}", *args))


@dataclass(frozen=True)
class SpendGroup:
    """A period's spend of one customer with the same margin, campaign type and creative type."""

    margin: Decimal
    campaign_type: int
    creative_type: int
    media_cost: Decimal
    data_cost: Decimal
    impressions: int
    rows: int


async def period_groups(
    conn: asyncpg.Connection, workspace_id: int, date_from: dt.date, date_to: dt.date
) -> list[SpendGroup]:
    """The customer's spend from `date_from` to `date_to` (inclusive), grouped for invoicing."""
    records = await conn.fetch(
        "SELECT s.margin, c.type AS campaign_type, c.creative_type,"
        " sum(s.media_cost) AS media_cost, sum(s.data_cost) AS data_cost,"
        " sum(s.impressions)::bigint AS impressions, count(*) AS rows"
        " FROM campaign_spend s JOIN campaigns c ON c.id = s.campaign_id"
        " WHERE s.workspace_id = $1 AND s.spend_date BETWEEN $2 AND $3"
        " GROUP BY s.margin, c.type, c.creative_type"
        " ORDER BY s.margin, c.type, c.creative_type",
        workspace_id,
        date_from,
        date_to,
    )
    return [SpendGroup(**dict(r)) for r in records]
