"""Starting a job: recorded in the caller's transaction, picked up by the runner on commit."""

from __future__ import annotations

from typing import Any

import asyncpg

from finance_graphql.core.events import publish
from finance_graphql.core.tenancy import Viewer
from finance_graphql.jobs import repository
from finance_graphql.jobs.repository import JobRow


async def start(
    conn: asyncpg.Connection, viewer: Viewer, workspace_id: int, kind: str, params: dict[str, Any]
) -> JobRow:
    job = await repository.create(conn, workspace_id, kind, params, viewer.user_id)
    await publish(conn, "job_created", job.id, workspace_id)
    return job
