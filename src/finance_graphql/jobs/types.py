"""The Job type."""

from __future__ import annotations

import datetime as dt

import strawberry
from strawberry.scalars import JSON

from finance_graphql.context import Context
from finance_graphql.jobs.repository import JobRow
from finance_graphql.lookups.catalog import JobStatus
from finance_graphql.workspaces.types import Workspace, referenced_workspace


@strawberry.type(description="Long work run in the background: status, progress, result, error.")
class Job:
    row: strawberry.Private[JobRow]

    @strawberry.field
    def id(self) -> strawberry.ID:
        return strawberry.ID(str(self.row.id))

    @strawberry.field(description="What the job does, e.g. GENERATE_INVOICES.")
    def kind(self) -> str:
        return self.row.kind

    @strawberry.field
    def status(self) -> JobStatus:
        return self.row.status

    @strawberry.field(description="From 0 to 1.")
    def progress(self) -> float:
        return float(self.row.progress)

    @strawberry.field(description="What went wrong, for a FAILED job.")
    def error(self) -> str | None:
        return self.row.error

    @strawberry.field(description="What the job produced, for a SUCCESS job.")
    def result(self) -> JSON | None:
        return self.row.result  # type: ignore[no-any-return]

    @strawberry.field
    def attempts(self) -> int:
        return self.row.attempts

    @strawberry.field
    def created_at(self) -> dt.datetime:
        return self.row.created_at

    @strawberry.field
    def started_at(self) -> dt.datetime | None:
        return self.row.started_at

    @strawberry.field
    def finished_at(self) -> dt.datetime | None:
        return self.row.finished_at

    @strawberry.field
    async def workspace(self, info: strawberry.Info[Context]) -> Workspace:
        return await referenced_workspace(info, self.row.workspace_id)
