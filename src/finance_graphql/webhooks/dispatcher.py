"""Delivering the outbox: POST each due delivery, signed; retry with backoff until it lands.

Signature: `X-Finance-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<body>")>`,
so a receiver checks both who sent it and that it is fresh. A 2xx answer delivers it; anything
else (or no answer) schedules the next try after 2^attempts seconds (at most an hour), and after
MAX_ATTEMPTS tries the delivery is FAILED (kept, with its last error, for inspection).
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import hmac
import json
import logging
import time

import asyncpg
import httpx

from finance_graphql.db import acquire

log = logging.getLogger(__name__)

MAX_ATTEMPTS = 12
BATCH = 20

_CLAIM = """
UPDATE webhook_deliveries d
   SET attempts = d.attempts + 1, locked_until = now() + interval '1 minute'
  FROM webhook_endpoints e
 WHERE e.id = d.endpoint_id
   AND d.id IN (SELECT id FROM webhook_deliveries
                 WHERE status = 'PENDING' AND next_attempt_at <= now()
                   AND (locked_until IS NULL OR locked_until < now())
                 ORDER BY next_attempt_at, id LIMIT $1 FOR UPDATE SKIP LOCKED)
RETURNING d.id, d.uuid::text AS uuid, d.event_type, d.payload, d.attempts, d.created_at,
          e.url, e.secret
"""


def signature(secret: str, timestamp: int, body: bytes) -> str:
    digest = hmac.new(secret.encode(), f"{timestamp}.".encode() + body, hashlib.sha256)
    return f"t={timestamp},v1={digest.hexdigest()}"


def backoff_seconds(attempts: int) -> int:
    return int(min(2**attempts, 3600))


def _body(delivery: asyncpg.Record) -> bytes:
    document = {
        "id": delivery["uuid"],
        "type": delivery["event_type"],
        "createdAt": delivery["created_at"].isoformat(),
        "data": delivery["payload"],
    }
    return json.dumps(document, separators=(",", ":"), default=str).encode()


class WebhookDispatcher:
    def __init__(
        self, pool: asyncpg.Pool, client: httpx.AsyncClient | None = None, poll_seconds: float = 1.0
    ) -> None:
        self.pool = pool
        self.client = client or httpx.AsyncClient(timeout=10.0)
        self.poll_seconds = poll_seconds
        self._task: asyncio.Task[None] | None = None

    def start(self) -> None:
        self._task = asyncio.create_task(self._loop())

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
        await self.client.aclose()

    async def _loop(self) -> None:
        while True:
            try:
                sent = await self.run_once()
            except Exception:
                log.exception("webhook dispatch failed")
                sent = 0
            if not sent:
                await asyncio.sleep(self.poll_seconds)

    async def run_once(self) -> int:
        """Try every due delivery once; returns how many were tried."""
        async with acquire(self.pool) as conn:
            due = await conn.fetch(_CLAIM, BATCH)
        results = await asyncio.gather(*(self._send(d) for d in due))
        async with acquire(self.pool) as conn:
            for delivery, error in zip(due, results, strict=True):
                await self._record(conn, delivery, error)
        return len(due)

    async def _send(self, delivery: asyncpg.Record) -> str | None:
        """None when delivered; else why not."""
        body = _body(delivery)
        headers = {
            "Content-Type": "application/json",
            "User-Agent": "finance-graphql-webhooks",
            "X-Finance-Event": delivery["event_type"],
            "X-Finance-Delivery": delivery["uuid"],
            "X-Finance-Signature": signature(delivery["secret"], int(time.time()), body),
        }
        try:
            response = await self.client.post(delivery["url"], content=body, headers=headers)
        except httpx.HTTPError as error:
            return f"{type(error).__name__}: {error}"[:500]
        if 200 <= response.status_code < 300:
            return None
        return f"HTTP {response.status_code}"

    @staticmethod
    async def _record(
        conn: asyncpg.Connection, delivery: asyncpg.Record, error: str | None
    ) -> None:
        if error is None:
            await conn.execute(
                "UPDATE webhook_deliveries SET status = 'DELIVERED', delivered_at = now(),"
                " last_error = NULL, locked_until = NULL WHERE id = $1",
                delivery["id"],
            )
            return
        final = delivery["attempts"] >= MAX_ATTEMPTS
        await conn.execute(
            "UPDATE webhook_deliveries SET last_error = $2, locked_until = NULL,"
            " status = CASE WHEN $3 THEN 'FAILED' ELSE 'PENDING' END,"
            " next_attempt_at = now() + make_interval(secs => $4) WHERE id = $1",
            delivery["id"],
            error,
            final,
            backoff_seconds(delivery["attempts"]),
        )
