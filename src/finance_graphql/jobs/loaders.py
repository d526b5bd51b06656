"""Batch loads of jobs."""

from __future__ import annotations

from typing import TYPE_CHECKING

from finance_graphql.jobs import repository
from finance_graphql.jobs.repository import JobRow

if TYPE_CHECKING:
    from finance_graphql.context import Context


async def load_jobs(context: Context, ids: list[int]) -> list[JobRow | None]:
    async with context.db.connection() as conn:
        found = await repository.by_ids(conn, ids)
    return [found.get(i) for i in ids]
