"""Batch loads of workspaces."""

from __future__ import annotations

from typing import TYPE_CHECKING

from finance_graphql.core import access
from finance_graphql.core.access import Permission
from finance_graphql.core.errors import Forbidden
from finance_graphql.workspaces import repository
from finance_graphql.workspaces.repository import WorkspaceRow

if TYPE_CHECKING:
    from finance_graphql.context import Context


async def load_workspaces(context: Context, ids: list[int]) -> list[WorkspaceRow | None]:
    async with context.db.connection() as conn:
        found = await repository.by_ids(conn, ids)
    return [found.get(i) for i in ids]


async def authorized_workspace(
    context: Context, permission: Permission, workspace_id: int | None
) -> WorkspaceRow:
    """For query resolvers: the workspace (default: the active one) if the viewer holds
    `permission` on it, through the request's dataloader; FORBIDDEN alike when it is foreign
    or missing."""
    viewer = context.viewer
    access.authorize(viewer, permission)
    row = await context.loader(load_workspaces).load(workspace_id or viewer.workspace.id)
    if row is None or not access.reaches(viewer, row.ref):
        raise Forbidden()
    access.authorize(viewer, permission, row.ref)
    return row
