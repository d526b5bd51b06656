"""Workspace queries: me, workspace, customers."""

from __future__ import annotations

import strawberry

from finance_graphql.context import Context
from finance_graphql.core import access
from finance_graphql.core.access import Permission
from finance_graphql.core.arguments import optional_id
from finance_graphql.core.errors import Forbidden
from finance_graphql.core.pagination import Connection, build_connection, page_request
from finance_graphql.workspaces import repository
from finance_graphql.workspaces.loaders import load_workspaces
from finance_graphql.workspaces.types import ViewerType, Workspace


@strawberry.type
class WorkspaceQueries:
    @strawberry.field(description="The signed-in user and the active workspace.")
    async def me(self, info: strawberry.Info[Context]) -> ViewerType:
        viewer = info.context.viewer
        row = await info.context.loader(load_workspaces).load(viewer.workspace.id)
        assert row is not None
        return ViewerType(email=viewer.email, workspace_row=row)

    @strawberry.field(description="A workspace within reach; default: the active workspace.")
    async def workspace(
        self, info: strawberry.Info[Context], ow_id: strawberry.ID | None = None
    ) -> Workspace | None:
        viewer = info.context.viewer
        workspace_id = optional_id(ow_id, "owId") or viewer.workspace.id
        row = await info.context.loader(load_workspaces).load(workspace_id)
        if row is None or not access.reaches(viewer, row.ref):
            raise Forbidden()
        return Workspace(row=row)

    @strawberry.field(
        description="Workspaces the active one manages: an organization's customers; for the "
        "super organization, every organization and customer."
    )
    async def customers(
        self,
        info: strawberry.Info[Context],
        search: str | None = None,
        first: int | None = 50,
        after: str | None = None,
    ) -> Connection[Workspace]:
        viewer = info.context.viewer
        access.authorize(viewer, Permission.MANAGE_CUSTOMER_FINANCE)
        page = page_request(first, after, repository.CUSTOMER_SORT, descending=False)
        text = search.strip()[:200] if search and search.strip() else None
        async with info.context.db.connection() as conn:
            rows = await repository.list_customers(conn, viewer, text, page)

        async def total() -> int:
            async with info.context.db.connection() as conn:
                return await repository.count_customers(conn, viewer, text)

        return build_connection(
            rows,
            page,
            node=lambda r: Workspace(row=r),
            sort_value=lambda r: r.id,
            row_id=lambda r: r.id,
            count_total=total,
        )
