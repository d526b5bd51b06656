"""Credit queries: the credits the viewer reaches (the organization's offers, the customer's)."""

from __future__ import annotations

import strawberry

from finance_graphql.context import Context
from finance_graphql.core import access
from finance_graphql.core.access import Permission
from finance_graphql.core.arguments import optional_id
from finance_graphql.core.pagination import Connection, build_connection, page_request
from finance_graphql.credits import repository
from finance_graphql.credits.types import Credit
from finance_graphql.lookups.catalog import CreditStatus
from finance_graphql.workspaces.loaders import authorized_workspace


@strawberry.input
class CreditFilter:
    ow_id: strawberry.ID | None = strawberry.field(
        default=None, description="Only the credits of this customer."
    )
    status: list[CreditStatus] | None = None


@strawberry.type
class CreditQueries:
    @strawberry.field(
        description="Credits, last modified first: a customer sees those offered to it, an "
        "organization those it offered to its customers, super all."
    )
    async def credits(
        self,
        info: strawberry.Info[Context],
        filter: CreditFilter | None = None,
        first: int | None = 50,
        after: str | None = None,
    ) -> Connection[Credit]:
        viewer = info.context.viewer
        access.authorize(viewer, Permission.VIEW_FINANCE)
        page = page_request(first, after, repository.SORT, descending=True)
        wanted = filter or CreditFilter()
        workspace_id = optional_id(wanted.ow_id, "filter.owId")
        if workspace_id is not None:
            await authorized_workspace(info.context, Permission.VIEW_FINANCE, workspace_id)
        found = repository.CreditFilter(
            workspace_id=workspace_id, statuses=tuple(wanted.status or ())
        )
        async with info.context.db.connection() as conn:
            rows = await repository.list_credits(conn, viewer, found, page)

        async def total() -> int:
            async with info.context.db.connection() as conn:
                return await repository.count_credits(conn, viewer, found)

        return build_connection(
            rows,
            page,
            node=lambda r: Credit(row=r),
            sort_value=lambda r: r.modified_at,
            row_id=lambda r: r.id,
            count_total=total,
        )
