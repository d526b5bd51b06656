"""Campaign SQL: rows, the tenant filter, filters and sort of the list."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import asyncpg

from finance_graphql.campaigns.catalog import (
    CAMPAIGN_STATUSES,
    CAMPAIGN_TYPES,
    CREATIVE_TYPES,
    CampaignStatus,
    CampaignType,
    CreativeType,
)
from finance_graphql.core.pagination import Page, SortKey, page_query
from finance_graphql.core.sql import contains
from finance_graphql.core.tenancy import Viewer, WorkspaceKind, WorkspaceRef

COLUMNS = (
    "id, workspace_id, parent_id, name, status, type, creative_type, margin, created_at,"
    " modified_at"
)
SORT = SortKey("id", "int")


@dataclass(frozen=True)
class CampaignRow:
    id: int
    workspace_id: int  # the customer running it
    parent_id: int  # that customer's organization
    name: str
    status: CampaignStatus
    type: CampaignType
    creative_type: CreativeType
    margin: Decimal | None  # None: the customer's gross margin applies
    created_at: dt.datetime
    modified_at: dt.datetime

    @property
    def ref(self) -> WorkspaceRef:
        """The customer running the campaign, for access rules."""
        return WorkspaceRef(self.workspace_id, WorkspaceKind.CUSTOMER, self.parent_id)


def campaign_row(record: asyncpg.Record) -> CampaignRow:
    return CampaignRow(
        id=record["id"],
        workspace_id=record["workspace_id"],
        parent_id=record["parent_id"],
        name=record["name"],
        status=CAMPAIGN_STATUSES.member(record["status"]),
        type=CAMPAIGN_TYPES.member(record["type"]),
        creative_type=CREATIVE_TYPES.member(record["creative_type"]),
        margin=record["margin"],
        created_at=record["created_at"],
        modified_at=record["modified_at"],
    )


def _reach(viewer: Viewer, param: int) -> tuple[str, list[Any]]:
    """A customer's own campaigns, an organization's customers', all for super."""
    if viewer.is_super:
        return "TRUE", []
    if viewer.kind is WorkspaceKind.ORGANIZATION:
        return f"parent_id = ${param}", [viewer.workspace.id]
    return f"workspace_id = ${param}", [viewer.workspace.id]


async def insert(
    conn: asyncpg.Connection,
    *,
    workspace_id: int,
    parent_id: int,
    name: str,
    status: CampaignStatus,
    campaign_type: CampaignType,
    creative_type: CreativeType,
    created_by: int | None,
) -> CampaignRow:
    record = await conn.fetchrow(
        "INSERT INTO campaigns (workspace_id, parent_id, name, status, type, creative_type,"
        f" created_by) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING {COLUMNS}",
        workspace_id,
        parent_id,
        name,
        CAMPAIGN_STATUSES.id(status),
        CAMPAIGN_TYPES.id(campaign_type),
        CREATIVE_TYPES.id(creative_type),
        created_by,
    )
    assert record is not None
    return campaign_row(record)


async def lock_reachable(
    conn: asyncpg.Connection, viewer: Viewer, campaign_id: int
) -> CampaignRow | None:
    """The campaign, locked until the transaction ends, when the viewer reaches it; else None
    (a foreign campaign and a missing one look alike)."""
    reach, args = _reach(viewer, 2)
    record = await conn.fetchrow(
        f"SELECT {COLUMNS} FROM campaigns WHERE id = $1 AND {reach} FOR UPDATE", campaign_id, *args
    )
    return campaign_row(record) if record else None


async def update(
    conn: asyncpg.Connection, campaign_id: int, changes: dict[str, Any]
) -> CampaignRow:
    """Set the given columns (names chosen in code: name, status, type, creative_type, margin)."""
    allowed = {"name", "status", "type", "creative_type", "margin"}
    assert set(changes) <= allowed, changes
    assignments = "".join(f"{column} = ${i}, " for i, column in enumerate(changes, start=2))
    record = await conn.fetchrow(
        f"UPDATE campaigns SET {assignments}modified_at = now() WHERE id = $1 RETURNING {COLUMNS}",
        campaign_id,
        *changes.values(),
    )
    assert record is not None
    return campaign_row(record)


async def by_ids(conn: asyncpg.Connection, ids: list[int]) -> dict[int, CampaignRow]:
    """Campaigns by id, with no tenant filter: callers check reach."""
    records = await conn.fetch(f"SELECT {COLUMNS} FROM campaigns WHERE id = ANY($1)", ids)
    return {r["id"]: campaign_row(r) for r in records}


# --- The list -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class CampaignFilter:
    """`workspace_id` is already checked to be within the viewer's reach."""

    workspace_id: int | None = None
    statuses: tuple[CampaignStatus, ...] = ()
    search: str | None = None


def _where(viewer: Viewer, found: CampaignFilter) -> tuple[str, list[Any]]:
    reach, args = _reach(viewer, 1)
    conditions = [reach]
    if found.workspace_id is not None:
        args.append(found.workspace_id)
        conditions.append(f"workspace_id = ${len(args)}")
    if found.statuses:
        args.append(CAMPAIGN_STATUSES.ids(list(found.statuses)))
        conditions.append(f"status = ANY(${len(args)}::smallint[])")
    if found.search:
        args.append(contains(found.search))
        condition = f"name ILIKE ${len(args)}"
        if found.search.isdigit() and len(found.search) < 19:
            args.append(int(found.search))
            condition = f"({condition} OR id = ${len(args)})"
        conditions.append(condition)
    return " AND ".join(conditions), args


async def list_campaigns(
    conn: asyncpg.Connection, viewer: Viewer, found: CampaignFilter, page: Page
) -> list[CampaignRow]:
    """A page (plus one row) of the campaigns the viewer reaches, newest first."""
    where, args = _where(viewer, found)
    sql, values = page_query("campaigns", COLUMNS, [where], args, SORT, page)
    return [campaign_row(r) for r in await conn.fetch(sql, *values)]


async def count_campaigns(conn: asyncpg.Connection, viewer: Viewer, found: CampaignFilter) -> int:
    where, args = _where(viewer, found)
    return int(await conn.fetchval(f"SELECT count(*) FROM campaigns WHERE {where}", *args))
