"""The history of finance-setting changes (margins and fees): who, when, old value, new value.

One table for every setting of every workspace (`finance_settings_history`). Values are kept as
text so that one column fits every kind of setting; `setting_text` writes them.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from enum import Enum
from typing import Any

import asyncpg

from finance_graphql.core.pagination import Page, SortKey, page_query

SORT = SortKey("changed_at", "datetime")


@dataclass(frozen=True)
class Change:
    """One setting that changed; `campaign_id` is set for a campaign's margin."""

    setting: str
    old: str | None
    new: str | None
    campaign_id: int | None = None


@dataclass(frozen=True)
class HistoryRow:
    id: int
    workspace_id: int
    setting: str
    campaign_id: int | None
    old_value: str | None
    new_value: str | None
    changed_by: str | None  # the user's e-mail; None when the system applied a default
    changed_at: dt.datetime


def setting_text(value: Any) -> str | None:
    """The text form of a setting's value: "15.5" (no trailing zeros), "true", "PERCENTAGE"."""
    if value is None:
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")
    if isinstance(value, Enum):
        return str(value.name)
    return str(value)


async def record(
    conn: asyncpg.Connection, workspace_id: int, changes: list[Change], changed_by: int | None
) -> None:
    """Write the changes of one update, in one statement."""
    if not changes:
        return
    await conn.execute(
        "INSERT INTO finance_settings_history"
        " (workspace_id, setting, campaign_id, old_value, new_value, changed_by)"
        " SELECT $1, c.setting, c.campaign_id, c.old_value, c.new_value, $2"
        " FROM unnest($3::text[], $4::bigint[], $5::text[], $6::text[])"
        " AS c(setting, campaign_id, old_value, new_value)",
        workspace_id,
        changed_by,
        [c.setting for c in changes],
        [c.campaign_id for c in changes],
        [c.old for c in changes],
        [c.new for c in changes],
    )


def _filter(
    workspace_id: int, hidden: frozenset[str], setting: str | None
) -> tuple[str, list[Any]]:
    conditions, args = ["workspace_id = $1"], list[Any]([workspace_id])
    if hidden:
        args.append(sorted(hidden))
        conditions.append(f"NOT (setting = ANY(${len(args)}::text[]))")
    if setting:
        args.append(setting)
        conditions.append(f"setting = ${len(args)}")
    return " AND ".join(conditions), args


async def list_changes(
    conn: asyncpg.Connection,
    workspace_id: int,
    page: Page,
    *,
    hidden: frozenset[str] = frozenset(),
    setting: str | None = None,
) -> list[HistoryRow]:
    """A page of the workspace's changes, newest first; `hidden` settings are left out."""
    where, args = _filter(workspace_id, hidden, setting)
    columns = (
        "id, workspace_id, setting, campaign_id, old_value, new_value, changed_at,"
        " (SELECT email FROM users u WHERE u.id = changed_by) AS changed_by"
    )
    sql, values = page_query("finance_settings_history", columns, [where], args, SORT, page)
    return [HistoryRow(**dict(r)) for r in await conn.fetch(sql, *values)]


async def count_changes(
    conn: asyncpg.Connection,
    workspace_id: int,
    *,
    hidden: frozenset[str] = frozenset(),
    setting: str | None = None,
) -> int:
    where, args = _filter(workspace_id, hidden, setting)
    return int(
        await conn.fetchval(f"SELECT count(*) FROM finance_settings_history WHERE {where}", *args)
    )
