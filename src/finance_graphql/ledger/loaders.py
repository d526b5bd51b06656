"""Batch loads of balances."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

from finance_graphql.ledger import repository

if TYPE_CHECKING:
    from finance_graphql.context import Context


async def load_balances(context: Context, workspace_ids: list[int]) -> list[Decimal]:
    async with context.db.connection() as conn:
        found = await repository.balances(conn, workspace_ids)
    return [found.get(ws_id, Decimal(0)) for ws_id in workspace_ids]
