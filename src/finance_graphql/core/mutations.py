"""How a mutation runs: one transaction; user errors roll it back and come back as data."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, TypeVar

import asyncpg
from pydantic import BaseModel

from finance_graphql.core.errors import UserError, UserErrors
from finance_graphql.core.tenancy import Viewer
from finance_graphql.core.validation import validate_input

if TYPE_CHECKING:
    from finance_graphql.context import Context

P = TypeVar("P")
R = TypeVar("R")
C = TypeVar("C", bound=BaseModel)
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


async def run_command(
    context: Context,
    model: type[C],
    data: object,
    step: Callable[[asyncpg.Connection, Viewer, C], Awaitable[R]],
    answer: Callable[[R], P],
    refused: Callable[[list[UserError]], P],
) -> P:
    """The body of most mutations: validate `data` into `model`, run `step(conn, viewer,
    command)` in one transaction and `answer` with its result; refusals become `refused`."""
    viewer = context.viewer

    async def work(conn: asyncpg.Connection) -> P:
        return answer(await step(conn, viewer, validate_input(model, data)))

    return await mutate(context, work, refused)
