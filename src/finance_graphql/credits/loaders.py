"""Batch loads of what is applied from credits."""

from __future__ import annotations

from typing import TYPE_CHECKING

from finance_graphql.credits import repository
from finance_graphql.credits.repository import AllocationRow

if TYPE_CHECKING:
    from finance_graphql.context import Context


async def load_allocations(context: Context, credit_ids: list[int]) -> list[list[AllocationRow]]:
    """Each credit's allocations to invoices, oldest first, one statement for the batch."""
    async with context.db.connection() as conn:
        found = await repository.allocations_of(conn, credit_ids)
    return [found.get(i, []) for i in credit_ids]
