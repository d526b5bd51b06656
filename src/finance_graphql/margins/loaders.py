"""Batch loads of margins."""

from __future__ import annotations

from typing import TYPE_CHECKING

from finance_graphql.margins import repository
from finance_graphql.margins.repository import MarginRow

if TYPE_CHECKING:
    from finance_graphql.context import Context


async def load_margins(context: Context, workspace_ids: list[int]) -> list[MarginRow]:
    """Each workspace's margins (an empty row where none is configured), one statement."""
    async with context.db.connection() as conn:
        found = await repository.margins_of(conn, workspace_ids)
    return [found.get(i) or MarginRow.empty(i) for i in workspace_ids]
