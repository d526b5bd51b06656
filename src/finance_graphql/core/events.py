"""Change events for subscriptions, carried by PostgreSQL NOTIFY.

`publish` runs inside the transaction that made the change, so an event is delivered only when
that change commits, and to every process of the service (each listens on one connection).
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass
from typing import Any

import asyncpg

CHANNEL = "finance_events"
QUEUE_SIZE = 1000
log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Event:
    """What changed: a topic (payment, invoice, job, credit), the row id and its workspace."""

    topic: str
    id: int
    workspace_id: int | None
    parent_id: int | None


# Called with every published event inside its transaction (the webhooks' outbox).
after_publish: list[Callable[[asyncpg.Connection, Event], Awaitable[None]]] = []


async def publish(
    conn: asyncpg.Connection,
    topic: str,
    row_id: int,
    workspace_id: int | None,
    parent_id: int | None = None,
) -> None:
    payload = {"topic": topic, "id": row_id, "workspaceId": workspace_id, "parentId": parent_id}
    await conn.execute("SELECT pg_notify($1, $2)", CHANNEL, json.dumps(payload))
    for hook in after_publish:
        await hook(conn, Event(topic, row_id, workspace_id, parent_id))


class EventHub:
    """One LISTEN connection per process, fanned out to in-process subscribers."""

    def __init__(self) -> None:
        self._queues: set[asyncio.Queue[Event]] = set()
        self._conn: asyncpg.Connection | None = None

    async def start(self, dsn: str) -> None:
        self._conn = await asyncpg.connect(dsn)
        await self._conn.add_listener(CHANNEL, self._on_notify)

    async def stop(self) -> None:
        if self._conn is not None:
            with contextlib.suppress(Exception):
                await self._conn.close()
            self._conn = None

    def _on_notify(self, _conn: object, _pid: int, _channel: str, payload: object) -> None:
        try:
            data: dict[str, Any] = json.loads(str(payload))
            event = Event(
                data["topic"], int(data["id"]), data.get("workspaceId"), data.get("parentId")
            )
        except (ValueError, KeyError, TypeError):
            log.warning("unreadable event dropped", extra={"payload": str(payload)[:200]})
            return
        for queue in list(self._queues):
            # A subscriber that stopped reading loses events rather than stalling the others.
            with contextlib.suppress(asyncio.QueueFull):
                queue.put_nowait(event)

    def subscribe(self, topic: str) -> Subscription:
        """Events of one topic from this call on (use with `with`, iterate with `async for`)."""
        return Subscription(self, topic)


class Subscription:
    """A subscriber's queue, registered at creation so no event after it is missed."""

    def __init__(self, hub: EventHub, topic: str) -> None:
        self.hub = hub
        self.topic = topic
        self.queue: asyncio.Queue[Event] = asyncio.Queue(maxsize=QUEUE_SIZE)
        hub._queues.add(self.queue)

    def __enter__(self) -> Subscription:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    def __del__(self) -> None:
        self.close()

    def close(self) -> None:
        self.hub._queues.discard(self.queue)

    def __aiter__(self) -> AsyncIterator[Event]:
        return self

    async def __anext__(self) -> Event:
        while True:
            event = await self.queue.get()
            if event.topic == self.topic:
                return event
