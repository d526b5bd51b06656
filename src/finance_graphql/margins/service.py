"""Margin rules: who sets which margin; the default a new customer starts with."""

from __future__ import annotations

from typing import Any

import asyncpg

from finance_graphql.core.access import Permission
from finance_graphql.core.tenancy import Viewer, WorkspaceKind
from finance_graphql.margins import repository, settings
from finance_graphql.margins.repository import MarginRow, margin_row
from finance_graphql.margins.schemas import (
    SetBidShading,
    UpdateCustomerMargin,
    UpdateOrganizationMargin,
)
from finance_graphql.margins.settings import Setting
from finance_graphql.workspaces import service as workspaces
from finance_graphql.workspaces.repository import WorkspaceRow


async def update_customer_margin(
    conn: asyncpg.Connection, viewer: Viewer, command: UpdateCustomerMargin
) -> WorkspaceRow:
    """Set a managed workspace's gross margin (and the optional split values sent with it)."""
    workspace = await workspaces.authorized(
        conn, viewer, Permission.MANAGE_CUSTOMER_FINANCE, command.ow_id
    )
    wanted: dict[Setting, Any] = {repository.GROSS_MARGIN: command.margin_value}
    if command.workspace_margin is not None:
        wanted[repository.WORKSPACE_MARGIN] = command.workspace_margin
    if command.organization_margin is not None:
        wanted[repository.ORGANIZATION_MARGIN] = command.organization_margin
    await settings.write(conn, workspace.id, wanted, viewer.user_id)
    return workspace


async def update_organization_margin(
    conn: asyncpg.Connection, viewer: Viewer, command: UpdateOrganizationMargin
) -> WorkspaceRow:
    """Set the active organization's default gross margin for customers created from now on."""
    workspace = await workspaces.authorized(
        conn, viewer, Permission.MANAGE_OWN_SETTINGS, viewer.workspace.id
    )
    wanted = {repository.DEFAULT_CUSTOMER_MARGIN: command.margin_value}
    await settings.write(conn, workspace.id, wanted, viewer.user_id)
    return workspace


async def set_bid_shading(
    conn: asyncpg.Connection, viewer: Viewer, command: SetBidShading
) -> MarginRow:
    workspace = await workspaces.authorized(
        conn, viewer, Permission.MANAGE_CUSTOMER_FINANCE, command.ow_id
    )
    record = await settings.write(
        conn, workspace.id, {repository.BID_SHADING: command.enabled}, viewer.user_id
    )
    return margin_row(record)


async def apply_default_margin(conn: asyncpg.Connection, row: WorkspaceRow) -> None:
    """Hook run when a workspace is created: a new customer takes the default gross margin."""
    if row.kind is WorkspaceKind.CUSTOMER and row.parent_id is not None:
        await repository.apply_default_margin(conn, row.id, row.parent_id)


workspaces.on_workspace_created.append(apply_default_margin)
