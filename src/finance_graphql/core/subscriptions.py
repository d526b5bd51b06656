"""What every subscription resolver needs between the event hub and GraphQL."""

from __future__ import annotations

from collections.abc import AsyncGenerator, AsyncIterator, Awaitable, Callable
from contextlib import aclosing
from typing import TYPE_CHECKING, TypeVar, cast

import strawberry

from finance_graphql.core import access
from finance_graphql.core.arguments import optional_id
from finance_graphql.core.events import Event

if TYPE_CHECKING:
    from finance_graphql.context import Context

R = TypeVar("R")


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


async def changes_in_reach(
    context: Context,
    topic: str,
    ow_id: strawberry.ID | None,
    load: Callable[[Context, int], Awaitable[R | None]],
) -> AsyncGenerator[R, None]:
    """The records of `topic` changed from now on that the viewer reaches (only workspace
    `ow_id`'s when given, FORBIDDEN if out of reach), each loaded fresh by `load`."""
    from finance_graphql.workspaces.service import reachable

    viewer = context.viewer
    workspace_id = optional_id(ow_id, "owId")
    try:
        if workspace_id is not None:
            async with context.db.connection() as conn:
                await reachable(conn, viewer, workspace_id)
            await context.db.release()  # hold no connection while waiting for events
        # each_event is an async generator: closing it releases its hub queue at once.
        stream = cast(AsyncGenerator[Event, None], each_event(context, topic))
        async with aclosing(stream) as events:
            async for event in events:
                if not access.reaches_record(viewer, event.workspace_id, event.parent_id):
                    continue
                if workspace_id is not None and event.workspace_id != workspace_id:
                    continue
                record = await load(context, event.id)
                if record is not None:
                    yield record
    finally:
        # Refused, closed or cancelled: the connection goes back to the pool in every case.
        await context.db.release()
