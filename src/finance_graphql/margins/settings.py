"""Writing a workspace's finance settings: lock its row, change what differs, keep the history.

Margins (`workspace_margins`) and fees (`workspace_fees`) are one row per workspace, created on
first write. Every write goes through `write`, so no change escapes the history and two
concurrent writers of one workspace queue on its row instead of recording stale "old" values.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

import asyncpg

from finance_graphql.margins import history
from finance_graphql.margins.history import Change, setting_text

TABLES = frozenset({"workspace_margins", "workspace_fees"})


@dataclass(frozen=True)
class Setting:
    """A column of a settings table and the name its changes carry in the history."""

    table: str
    column: str
    name: str
    show: Callable[[Any], str | None] = field(default=setting_text, compare=False)

    def __post_init__(self) -> None:
        assert self.table in TABLES, self.table


async def lock_row(conn: asyncpg.Connection, table: str, workspace_id: int) -> asyncpg.Record:
    """The workspace's row of `table` (created empty when missing), locked until commit."""
    assert table in TABLES, table
    record = await conn.fetchrow(
        f"INSERT INTO {table} (workspace_id) VALUES ($1) ON CONFLICT (workspace_id)"
        " DO UPDATE SET workspace_id = EXCLUDED.workspace_id RETURNING *",
        workspace_id,
    )
    assert record is not None
    return record


async def write(
    conn: asyncpg.Connection,
    workspace_id: int,
    wanted: Mapping[Setting, Any],
    changed_by: int | None,
) -> asyncpg.Record:
    """Set the settings of one table to the wanted values; returns the row as it now is.

    Only values that differ are written and recorded in the history (with the old value read
    under the row lock). An empty `wanted` is not allowed.
    """
    tables = {setting.table for setting in wanted}
    assert len(tables) == 1, "one table per write"
    (table,) = tables
    before = await lock_row(conn, table, workspace_id)
    changed = {s: v for s, v in wanted.items() if before[s.column] != v}
    if not changed:
        return before
    assignments = ", ".join(f"{s.column} = ${i}" for i, s in enumerate(changed, start=3))
    after = await conn.fetchrow(
        f"UPDATE {table} SET {assignments}, modified_by = $2, modified_at = now()"
        " WHERE workspace_id = $1 RETURNING *",
        workspace_id,
        changed_by,
        *changed.values(),
    )
    assert after is not None
    await history.record(
        conn,
        workspace_id,
        [Change(s.name, s.show(before[s.column]), s.show(v)) for s, v in changed.items()],
        changed_by,
    )
    return after
