"""The job query and the jobUpdated subscription."""

from __future__ import annotations

from collections.abc import AsyncGenerator

import asyncpg
import strawberry

from finance_graphql.context import Context
from finance_graphql.core import access
from finance_graphql.core.arguments import require_id
from finance_graphql.core.errors import ErrorCode, PublicError
from finance_graphql.core.tenancy import Viewer
from finance_graphql.db import acquire
from finance_graphql.jobs import repository
from finance_graphql.jobs.repository import JobRow
from finance_graphql.jobs.types import Job
from finance_graphql.lookups.catalog import JobStatus
from finance_graphql.workspaces import repository as workspaces

FINISHED = (JobStatus.SUCCESS, JobStatus.FAILED)


async def visible_job(conn: asyncpg.Connection, viewer: Viewer, job_id: int) -> JobRow | None:
    """The job when its workspace is within the viewer's reach; None alike when missing."""
    job = (await repository.by_ids(conn, [job_id])).get(job_id)
    if job is None:
        return None
    owner = await workspaces.get(conn, job.workspace_id)
    return job if owner is not None and access.reaches(viewer, owner.ref) else None


@strawberry.type
class JobQueries:
    @strawberry.field(description="A job of a workspace within reach; null when there is none.")
    async def job(self, info: strawberry.Info[Context], id: strawberry.ID) -> Job | None:
        job_id = require_id(id, "id")
        async with info.context.db.connection() as conn:
            row = await visible_job(conn, info.context.viewer, job_id)
        return Job(row=row) if row else None


@strawberry.type
class JobSubscriptions:
    @strawberry.subscription(
        description="The job now, then at every change of status or progress, until it ends."
    )
    async def job_updated(
        self, info: strawberry.Info[Context], id: strawberry.ID
    ) -> AsyncGenerator[Job, None]:
        viewer = info.context.viewer
        job_id = require_id(id, "id")
        pool = info.context.services.pool
        with info.context.services.hub.subscribe("job") as events:
            async with acquire(pool) as conn:
                row = await visible_job(conn, viewer, job_id)
            if row is None:
                raise PublicError("No such job", ErrorCode.NOT_FOUND)
            yield Job(row=row)
            if row.status in FINISHED:
                return
            async for event in events:
                if event.id != job_id:
                    continue
                async with acquire(pool) as conn:
                    found = await repository.by_ids(conn, [job_id])
                row = found[job_id]
                yield Job(row=row)
                if row.status in FINISHED:
                    return
