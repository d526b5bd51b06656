"""The worker that runs jobs inside the service process.

Each kind of job has a handler registered by its domain (`register`). The runner claims jobs
one at a time (SKIP LOCKED, so several processes share the work), reports progress as the
handler goes (a `job` event each time, for `jobUpdated`), and records the result or the error.
A job whose worker died is reclaimed when its lease expires.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

import asyncpg

from finance_graphql.core.errors import PublicError, UserErrors
from finance_graphql.core.events import EventHub, publish
from finance_graphql.db import acquire
from finance_graphql.jobs import repository
from finance_graphql.jobs.repository import JobRow

log = logging.getLogger(__name__)


class JobFailed(Exception):
    """A failure whose message is meant for the job's owner (and is not retried)."""


@dataclass
class JobContext:
    """What a handler gets: the job, the pool, and a way to report progress (0..1)."""

    job: JobRow
    pool: asyncpg.Pool

    async def progress(self, fraction: float) -> None:
        async with acquire(self.pool) as conn:
            await repository.report_progress(conn, self.job.id, fraction)
            await publish(conn, "job", self.job.id, self.job.workspace_id)


Handler = Callable[[JobContext], Awaitable[Any]]
HANDLERS: dict[str, Handler] = {}


def register(kind: str, handler: Handler) -> None:
    HANDLERS[kind] = handler


class JobRunner:
    def __init__(self, pool: asyncpg.Pool, hub: EventHub, poll_seconds: float = 2.0) -> None:
        self.pool = pool
        self.hub = hub
        self.poll_seconds = poll_seconds
        self._wake = asyncio.Event()
        self._tasks: list[asyncio.Task[None]] = []

    def start(self) -> None:
        self._tasks = [asyncio.create_task(self._work()), asyncio.create_task(self._listen())]

    async def stop(self) -> None:
        for task in self._tasks:
            task.cancel()
        for task in self._tasks:
            with contextlib.suppress(asyncio.CancelledError):
                await task

    async def _listen(self) -> None:
        async for _ in self.hub.subscribe("job_created"):
            self._wake.set()

    async def _work(self) -> None:
        while True:
            try:
                ran = await self.run_one()
            except Exception:
                log.exception("job runner error")
                ran = False
            if not ran:
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(self._wake.wait(), self.poll_seconds)
                self._wake.clear()

    async def run_one(self) -> bool:
        """Claim and run one job; False when there was none."""
        async with acquire(self.pool) as conn:
            job = await repository.claim_next(conn)
            if job is None:
                return False
            await publish(conn, "job", job.id, job.workspace_id)
        await self._run(job)
        return True

    async def _run(self, job: JobRow) -> None:
        handler = HANDLERS.get(job.kind)
        try:
            if handler is None:
                raise JobFailed(f"No worker knows jobs of kind {job.kind}")
            result = await handler(JobContext(job=job, pool=self.pool))
        except (JobFailed, PublicError, UserErrors) as refusal:
            await self._finish(job, error=str(refusal), retry=False)
        except Exception:
            log.exception("job failed", extra={"jobId": job.id, "kind": job.kind})
            await self._finish(
                job,
                error="The job failed unexpectedly; it was retried and then given up",
                retry=True,
            )
        else:
            await self._finish(job, result=result)

    async def _finish(
        self, job: JobRow, *, result: Any = None, error: str | None = None, retry: bool = False
    ) -> None:
        async with acquire(self.pool) as conn:
            if error is None:
                await repository.succeed(conn, job.id, result)
            else:
                await repository.fail(conn, job.id, error, retry=retry)
            await publish(conn, "job", job.id, job.workspace_id)
