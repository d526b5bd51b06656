"""How a mutation runs: one transaction; user errors roll it back and come back as data."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, TypeVar

import asyncpg

from finance_graphql.core.errors import UserError, UserErrors

if TYPE_CHECKING:
    from finance_graphql.context import Context

P = TypeVar("P")
log = logging.getLogger(__name__)

# Serialization failures and deadlocks are PostgreSQL asking us to try again; a few tries with a
# short pause resolve them without the client ever seeing one.
RETRYABLE = (asyncpg.SerializationError, asyncpg.DeadlockDetectedError)
ATTEMPTS = 4


async def mutate(
    context: Context,
    work: Callable[[asyncpg.Connection], Awaitable[P]],
    refused: Callable[[list[UserError]], P],
) -> P:
    """Run `work` in a transaction; `UserErrors` roll it back and become `refused(errors)`."""
    for attempt in range(1, ATTEMPTS + 1):
        try:
            async with context.db.transaction() as conn:
                return await work(conn)
        except UserErrors as refusal:
            return refused(refusal.errors)
        except RETRYABLE:
            if attempt == ATTEMPTS:
                raise
            log.info("transaction retried", extra={"attempt": attempt})
            await asyncio.sleep(0.01 * attempt)
    raise AssertionError("unreachable")
