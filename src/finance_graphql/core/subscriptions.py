"""What every subscription resolver needs between the event hub and GraphQL."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import TYPE_CHECKING

from finance_graphql.core.events import Event

if TYPE_CHECKING:
    from finance_graphql.context import Context


async def each_event(context: Context, topic: str) -> AsyncIterator[Event]:
    """Events of `topic` from now on, for a subscription resolver to filter and resolve.

    One WebSocket context serves every event of the connection, so before each event its
    dataloaders are dropped (no stale rows) and after it, once GraphQL has resolved the result
    and asks for the next, its connection goes back to the pool (none held while idle).
    """
    try:
        with context.services.hub.subscribe(topic) as events:
            async for event in events:
                context.forget_loaders()
                yield event
                await context.db.release()
    finally:
        await context.db.release()
