"""A month (or any period) of invoices for every customer of an organization, as a job.

`generateInvoices` records a GENERATE_INVOICES job; the runner generates each customer's invoice
from its spend (`campaigns.generation.generate_invoice`, the same rules as `generateInvoice`),
one transaction per customer, reporting progress as it goes. A customer whose invoice cannot be
made (no spend in the period, already invoiced) is listed in the result with the reason; the
others still get theirs. Running the job again skips what is already invoiced.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

import asyncpg
import strawberry
from pydantic import Field, model_validator

from finance_graphql.campaigns.generation import generate_invoice
from finance_graphql.campaigns.schemas import GenerateInvoice
from finance_graphql.context import Context
from finance_graphql.core import access
from finance_graphql.core.access import Permission
from finance_graphql.core.errors import ErrorCode, UserError, UserErrors, refuse
from finance_graphql.core.mutations import mutate
from finance_graphql.core.tenancy import Viewer, WorkspaceKind
from finance_graphql.core.validation import Command, validate_input
from finance_graphql.db import acquire
from finance_graphql.jobs import runner, service
from finance_graphql.jobs.runner import JobContext, JobFailed
from finance_graphql.jobs.types import Job
from finance_graphql.workspaces import repository as workspaces
from finance_graphql.workspaces import service as workspace_rules
from finance_graphql.workspaces.schemas import WorkspaceId

KIND = "GENERATE_INVOICES"


class GenerateInvoices(Command):
    ow_id: WorkspaceId | None = None
    period_from: dt.date
    period_to: dt.date
    payment_term_days: Annotated[int, Field(ge=0, le=3650)] | None = None

    @model_validator(mode="after")
    def _period(self) -> GenerateInvoices:
        if self.period_to < self.period_from:
            raise ValueError("periodTo must not be before periodFrom")
        return self


@strawberry.input
class GenerateInvoicesInput:
    ow_id: strawberry.ID | None = strawberry.field(
        default=None, description="The organization; default: the active one."
    )
    period_from: dt.date
    period_to: dt.date
    payment_term_days: int | None = None


@strawberry.type
class JobPayload:
    job: Job | None = None
    user_errors: list[UserError] = strawberry.field(default_factory=list)


async def start(conn: asyncpg.Connection, viewer: Viewer, command: GenerateInvoices) -> Job:
    access.authorize(viewer, Permission.MANAGE_CUSTOMER_FINANCE)
    organization_id = command.ow_id or viewer.workspace.id
    organization = await workspace_rules.reachable(conn, viewer, organization_id)
    if organization.kind is not WorkspaceKind.ORGANIZATION:
        raise refuse(
            ErrorCode.INVALID,
            "owId: invoices are generated for the customers of an organization",
            "owId",
        )
    access.authorize(viewer, Permission.MANAGE_CUSTOMER_FINANCE)
    params = {
        "organizationId": organization.id,
        "periodFrom": command.period_from.isoformat(),
        "periodTo": command.period_to.isoformat(),
        "paymentTermDays": command.payment_term_days,
        "email": viewer.email,
        "actingWorkspaceId": viewer.workspace.id,
    }
    return Job(row=await service.start(conn, viewer, organization.id, KIND, params))


async def run(context: JobContext) -> dict[str, Any]:
    """The job's work: one invoice per customer, each in its own transaction."""
    params = context.job.params
    async with acquire(context.pool) as conn:
        viewer = await workspaces.find_viewer(conn, params["email"], params["actingWorkspaceId"])
        customers = await conn.fetch(
            "SELECT id FROM workspaces WHERE parent_id = $1 AND kind = 'CUSTOMER' ORDER BY id",
            params["organizationId"],
        )
    if viewer is None:
        raise JobFailed("The user who started the job may no longer act in that workspace")
    created: list[str] = []
    skipped: list[dict[str, str]] = []
    for done, customer in enumerate(customers, start=1):
        command = GenerateInvoice(
            ow_id=customer["id"],
            period_from=dt.date.fromisoformat(params["periodFrom"]),
            period_to=dt.date.fromisoformat(params["periodTo"]),
            payment_term_days=params["paymentTermDays"],
        )
        try:
            async with acquire(context.pool) as conn, conn.transaction():
                invoice = await generate_invoice(conn, viewer, command)
            created.append(str(invoice.id))
        except UserErrors as refusal:
            skipped.append({"owId": str(customer["id"]), "reason": str(refusal)})
        await context.progress(done / len(customers))
    return {"invoiceIds": created, "skipped": skipped, "customers": len(customers)}


runner.register(KIND, run)


@strawberry.type
class GenerationMutations:
    @strawberry.mutation(
        description="Start a job generating, from recorded spend, the invoice of every customer "
        "of an organization for a period; follow it with job(id) or jobUpdated(id)."
    )
    async def generate_invoices(
        self, info: strawberry.Info[Context], input: GenerateInvoicesInput
    ) -> JobPayload:
        viewer = info.context.viewer

        async def work(conn: asyncpg.Connection) -> JobPayload:
            command = validate_input(GenerateInvoices, input)
            return JobPayload(job=await start(conn, viewer, command))

        return await mutate(info.context, work, lambda errors: JobPayload(user_errors=errors))
