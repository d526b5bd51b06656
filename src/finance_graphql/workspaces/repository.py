"""Workspace, user and membership SQL."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import asyncpg

from finance_graphql.core.pagination import Page, SortKey, page_query
from finance_graphql.core.tenancy import Viewer, WorkspaceKind, WorkspaceRef

COLUMNS = "id, kind, name, parent_id, currency, created_at, modified_at"
CUSTOMER_SORT = SortKey("id", "int")


@dataclass(frozen=True)
class WorkspaceRow:
    id: int
    kind: WorkspaceKind
    name: str
    parent_id: int | None
    currency: str
    created_at: dt.datetime
    modified_at: dt.datetime

    @property
    def ref(self) -> WorkspaceRef:
        return WorkspaceRef(self.id, self.kind, self.parent_id, self.currency)


def _row(record: asyncpg.Record) -> WorkspaceRow:
    return WorkspaceRow(
        id=record["id"],
        kind=WorkspaceKind(record["kind"]),
        name=record["name"],
        parent_id=record["parent_id"],
        currency=record["currency"].strip(),
        created_at=record["created_at"],
        modified_at=record["modified_at"],
    )


async def get(conn: asyncpg.Connection, workspace_id: int) -> WorkspaceRow | None:
    record = await conn.fetchrow(f"SELECT {COLUMNS} FROM workspaces WHERE id = $1", workspace_id)
    return _row(record) if record else None


async def by_ids(conn: asyncpg.Connection, ids: list[int]) -> dict[int, WorkspaceRow]:
    records = await conn.fetch(f"SELECT {COLUMNS} FROM workspaces WHERE id = ANY($1)", ids)
    return {r["id"]: _row(r) for r in records}


async def super_organization(conn: asyncpg.Connection) -> WorkspaceRow | None:
    record = await conn.fetchrow(
        f"SELECT {COLUMNS} FROM workspaces WHERE kind = 'SUPER_ORGANIZATION'"
    )
    return _row(record) if record else None


async def insert(
    conn: asyncpg.Connection, kind: WorkspaceKind, name: str, parent_id: int | None, currency: str
) -> WorkspaceRow:
    record = await conn.fetchrow(
        f"INSERT INTO workspaces (kind, name, parent_id, currency) VALUES ($1, $2, $3, $4)"
        f" RETURNING {COLUMNS}",
        kind.value,
        name,
        parent_id,
        currency,
    )
    assert record is not None
    return _row(record)


async def upsert_user(conn: asyncpg.Connection, email: str) -> int:
    user_id = await conn.fetchval(
        "INSERT INTO users (email) VALUES ($1) ON CONFLICT (email) DO UPDATE SET email = $1"
        " RETURNING id",
        email.lower(),
    )
    return int(user_id)


async def add_member(conn: asyncpg.Connection, user_id: int, workspace_id: int) -> None:
    await conn.execute(
        "INSERT INTO memberships (user_id, workspace_id) VALUES ($1, $2) ON CONFLICT DO NOTHING",
        user_id,
        workspace_id,
    )


async def find_viewer(conn: asyncpg.Connection, email: str, workspace_id: int) -> Viewer | None:
    """The viewer when `email` is a member of the workspace; None otherwise."""
    record = await conn.fetchrow(
        "SELECT u.id AS user_id, u.email, w.id, w.kind, w.parent_id, w.currency"
        "  FROM users u"
        "  JOIN memberships m ON m.user_id = u.id"
        "  JOIN workspaces w ON w.id = m.workspace_id"
        " WHERE u.email = $1 AND w.id = $2",
        email.lower(),
        workspace_id,
    )
    if record is None:
        return None
    workspace = WorkspaceRef(
        record["id"], WorkspaceKind(record["kind"]), record["parent_id"], record["currency"].strip()
    )
    return Viewer(user_id=record["user_id"], email=record["email"], workspace=workspace)


def _customers_filter(viewer: Viewer, search: str | None) -> tuple[str, list[Any]]:
    """Workspaces below the viewer's, optionally matching a search text (name or id)."""
    if viewer.is_super:
        conditions, args = ["kind <> 'SUPER_ORGANIZATION'"], list[Any]()
    else:
        conditions, args = ["parent_id = $1"], [viewer.workspace.id]
    if search:
        args.append(f"%{search}%")
        condition = f"name ILIKE ${len(args)}"
        if search.strip().isdigit() and len(search.strip()) < 19:
            args.append(int(search.strip()))
            condition = f"({condition} OR id = ${len(args)})"
        conditions.append(condition)
    return " AND ".join(conditions), args


async def list_customers(
    conn: asyncpg.Connection, viewer: Viewer, search: str | None, page: Page
) -> list[WorkspaceRow]:
    where, args = _customers_filter(viewer, search)
    sql, values = page_query("workspaces", COLUMNS, [where], args, CUSTOMER_SORT, page)
    return [_row(r) for r in await conn.fetch(sql, *values)]


async def count_customers(conn: asyncpg.Connection, viewer: Viewer, search: str | None) -> int:
    where, args = _customers_filter(viewer, search)
    return int(await conn.fetchval(f"SELECT count(*) FROM workspaces WHERE {where}", *args))
