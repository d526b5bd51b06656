"""Workspace rules: who creates which kind where; members; the one super organization."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

import asyncpg

from finance_graphql.core import access
from finance_graphql.core.access import Permission
from finance_graphql.core.errors import NOT_ALLOWED_API, ErrorCode, Forbidden, refuse
from finance_graphql.core.tenancy import Viewer, WorkspaceKind
from finance_graphql.ledger import repository as ledger
from finance_graphql.workspaces import repository
from finance_graphql.workspaces.repository import WorkspaceRow
from finance_graphql.workspaces.schemas import AddWorkspaceMember, CreateWorkspace

# Other domains add what a new workspace starts with (the organization's default margin, ...).
NewWorkspaceHook = Callable[[asyncpg.Connection, WorkspaceRow], Awaitable[None]]
on_workspace_created: list[NewWorkspaceHook] = []


async def reachable(conn: asyncpg.Connection, viewer: Viewer, workspace_id: int) -> WorkspaceRow:
    """The workspace if the viewer reaches it; FORBIDDEN alike when it is foreign or missing."""
    row = await repository.get(conn, workspace_id)
    if row is None or not access.reaches(viewer, row.ref):
        raise Forbidden()
    return row


async def authorized(
    conn: asyncpg.Connection, viewer: Viewer, permission: Permission, workspace_id: int
) -> WorkspaceRow:
    """The workspace if the viewer holds `permission` on it; FORBIDDEN otherwise."""
    access.authorize(viewer, permission)
    row = await reachable(conn, viewer, workspace_id)
    access.authorize(viewer, permission, row.ref)
    return row


async def _parent_for(conn: asyncpg.Connection, viewer: Viewer, command: CreateWorkspace) -> int:
    active = viewer.workspace
    if command.kind is WorkspaceKind.ORGANIZATION:
        if not viewer.is_super:
            raise Forbidden(NOT_ALLOWED_API)
        if command.parent_ow_id not in (None, active.id):
            raise refuse(
                ErrorCode.INVALID,
                "parentOwId: an organization belongs to the super organization",
                "parentOwId",
            )
        return active.id
    parent_id = command.parent_ow_id or (None if viewer.is_super else active.id)
    if parent_id is None:
        raise refuse(
            ErrorCode.REQUIRED, "parentOwId: name the organization of the customer", "parentOwId"
        )
    parent = await reachable(conn, viewer, parent_id)
    if parent.kind is not WorkspaceKind.ORGANIZATION:
        raise refuse(
            ErrorCode.INVALID, "parentOwId: a customer belongs to an organization", "parentOwId"
        )
    return parent.id


async def create_workspace(
    conn: asyncpg.Connection, viewer: Viewer, command: CreateWorkspace
) -> WorkspaceRow:
    access.authorize(viewer, Permission.CREATE_WORKSPACE)
    if command.kind is WorkspaceKind.SUPER_ORGANIZATION:
        raise refuse(
            ErrorCode.INVALID,
            "kind: the super organization is created once, by `finance-graphql bootstrap`",
            "kind",
        )
    parent_id = await _parent_for(conn, viewer, command)
    return await _create(conn, command.kind, command.name, parent_id, command.currency)


async def _create(
    conn: asyncpg.Connection, kind: WorkspaceKind, name: str, parent_id: int | None, currency: str
) -> WorkspaceRow:
    row = await repository.insert(conn, kind, name, parent_id, currency)
    await ledger.open_balance(conn, row.id)
    for hook in on_workspace_created:
        await hook(conn, row)
    return row


async def add_member(
    conn: asyncpg.Connection, viewer: Viewer, command: AddWorkspaceMember
) -> WorkspaceRow:
    row = await authorized(conn, viewer, Permission.ADD_MEMBER, command.ow_id)
    user_id = await repository.upsert_user(conn, command.email)
    await repository.add_member(conn, user_id, row.id)
    return row


async def bootstrap(conn: asyncpg.Connection, email: str, name: str) -> tuple[WorkspaceRow, bool]:
    """The super organization with `email` as a member; created on the first call only.

    Returns the workspace and whether this call created it.
    """
    await conn.execute("LOCK TABLE workspaces IN SHARE ROW EXCLUSIVE MODE")
    existing = await repository.super_organization(conn)
    created = existing is None
    row = existing or await _create(conn, WorkspaceKind.SUPER_ORGANIZATION, name, None, "USD")
    user_id = await repository.upsert_user(conn, email)
    await repository.add_member(conn, user_id, row.id)
    return row, created
