"""Batch loads of workspaces."""

from __future__ import annotations

from typing import TYPE_CHECKING

from finance_graphql.workspaces import repository
from finance_graphql.workspaces.repository import WorkspaceRow

if TYPE_CHECKING:
    from finance_graphql.context import Context


async def load_workspaces(context: Context, ids: list[int]) -> list[WorkspaceRow | None]:
    async with context.db.connection() as conn:
        found = await repository.by_ids(conn, ids)
    return [found.get(i) for i in ids]
