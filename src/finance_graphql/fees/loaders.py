"""Batch loads of fee rows."""

from __future__ import annotations

from typing import TYPE_CHECKING

from finance_graphql.fees import repository
from finance_graphql.fees.repository import FeesRow

if TYPE_CHECKING:
    from finance_graphql.context import Context


async def load_fees(context: Context, workspace_ids: list[int]) -> list[FeesRow]:
    """Each workspace's fees (an empty row where none is configured), one statement."""
    async with context.db.connection() as conn:
        found = await repository.fees_of(conn, workspace_ids)
    return [found.get(i) or FeesRow(workspace_id=i) for i in workspace_ids]
