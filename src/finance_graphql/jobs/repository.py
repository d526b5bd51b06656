"""Job SQL: create, claim (one worker per job, across processes), progress, finish."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import asyncpg

from finance_graphql.lookups.catalog import JOB_STATUSES, JobStatus

COLUMNS = (
    "id, workspace_id, kind, status, progress, params, result, error, attempts, created_at,"
    " started_at, finished_at, modified_at"
)
LEASE = "interval '5 minutes'"
MAX_ATTEMPTS = 3


@dataclass(frozen=True)
class JobRow:
    id: int
    workspace_id: int
    kind: str
    status: JobStatus
    progress: Decimal
    params: dict[str, Any]
    result: Any
    error: str | None
    attempts: int
    created_at: dt.datetime
    started_at: dt.datetime | None
    finished_at: dt.datetime | None
    modified_at: dt.datetime


def _row(record: asyncpg.Record) -> JobRow:
    values = dict(record)
    values["status"] = JOB_STATUSES.member(values["status"])
    return JobRow(**values)


async def create(
    conn: asyncpg.Connection,
    workspace_id: int,
    kind: str,
    params: dict[str, Any],
    created_by: int | None,
) -> JobRow:
    record = await conn.fetchrow(
        f"INSERT INTO jobs (workspace_id, kind, params, created_by) VALUES ($1, $2, $3, $4)"
        f" RETURNING {COLUMNS}",
        workspace_id,
        kind,
        params,
        created_by,
    )
    assert record is not None
    return _row(record)


async def by_ids(conn: asyncpg.Connection, ids: list[int]) -> dict[int, JobRow]:
    records = await conn.fetch(f"SELECT {COLUMNS} FROM jobs WHERE id = ANY($1)", ids)
    return {r["id"]: _row(r) for r in records}


async def claim_next(conn: asyncpg.Connection) -> JobRow | None:
    """Take the oldest runnable job (new, or running with an expired lease) for this worker.

    SKIP LOCKED lets several workers (processes) claim different jobs without waiting.
    """
    record = await conn.fetchrow(
        f"""
        UPDATE jobs SET status = 2, attempts = attempts + 1, locked_until = now() + {LEASE},
               started_at = coalesce(started_at, now()), modified_at = now()
         WHERE id = (SELECT id FROM jobs
                      WHERE status = 1 OR (status = 2 AND locked_until < now())
                      ORDER BY id FOR UPDATE SKIP LOCKED LIMIT 1)
        RETURNING {COLUMNS}"""
    )
    return _row(record) if record else None


async def report_progress(conn: asyncpg.Connection, job_id: int, progress: float) -> None:
    """Record progress and renew the lease (a worker that reports is alive)."""
    await conn.execute(
        f"UPDATE jobs SET progress = $2, locked_until = now() + {LEASE}, modified_at = now()"
        " WHERE id = $1 AND status = 2",
        job_id,
        Decimal(str(round(min(max(progress, 0.0), 1.0), 4))),
    )


async def succeed(conn: asyncpg.Connection, job_id: int, result: Any) -> None:
    await conn.execute(
        "UPDATE jobs SET status = 3, progress = 1, result = $2, error = NULL,"
        " locked_until = NULL, finished_at = now(), modified_at = now() WHERE id = $1",
        job_id,
        json.loads(json.dumps(result, default=str)),
    )


async def fail(conn: asyncpg.Connection, job_id: int, error: str, *, retry: bool) -> None:
    """Record a failure: FAILED for good, or back to CREATED while attempts remain."""
    await conn.execute(
        "UPDATE jobs SET status = CASE WHEN $3 AND attempts < $4 THEN 1 ELSE 4 END,"
        " error = $2, locked_until = NULL,"
        " finished_at = CASE WHEN $3 AND attempts < $4 THEN NULL ELSE now() END,"
        " modified_at = now() WHERE id = $1",
        job_id,
        error,
        retry,
        MAX_ATTEMPTS,
    )
