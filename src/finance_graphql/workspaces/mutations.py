"""Workspace mutations: createWorkspace, addWorkspaceMember."""

from __future__ import annotations

import asyncpg
import strawberry

from finance_graphql.context import Context
from finance_graphql.core.errors import UserError
from finance_graphql.core.mutations import mutate
from finance_graphql.core.tenancy import WorkspaceKind
from finance_graphql.core.validation import validate_input
from finance_graphql.workspaces import schemas, service
from finance_graphql.workspaces.types import Workspace


@strawberry.input
class CreateWorkspaceInput:
    kind: WorkspaceKind
    name: str
    parent_ow_id: strawberry.ID | None = None
    currency: str | None = "USD"


@strawberry.input
class AddWorkspaceMemberInput:
    ow_id: strawberry.ID
    email: str


@strawberry.type
class WorkspacePayload:
    workspace: Workspace | None = None
    user_errors: list[UserError] = strawberry.field(default_factory=list)


def _refused(errors: list[UserError]) -> WorkspacePayload:
    return WorkspacePayload(user_errors=errors)


@strawberry.type
class WorkspaceMutations:
    @strawberry.mutation(
        description="Super: organizations and customers; organization: its customers."
    )
    async def create_workspace(
        self, info: strawberry.Info[Context], input: CreateWorkspaceInput
    ) -> WorkspacePayload:
        viewer = info.context.viewer

        async def work(conn: asyncpg.Connection) -> WorkspacePayload:
            command = validate_input(schemas.CreateWorkspace, input)
            row = await service.create_workspace(conn, viewer, command)
            return WorkspacePayload(workspace=Workspace(row=row))

        return await mutate(info.context, work, _refused)

    @strawberry.mutation(
        description="Super: any workspace; organization: itself and its customers. The user "
        "(by e-mail, created if new) may then act there."
    )
    async def add_workspace_member(
        self, info: strawberry.Info[Context], input: AddWorkspaceMemberInput
    ) -> WorkspacePayload:
        viewer = info.context.viewer

        async def work(conn: asyncpg.Connection) -> WorkspacePayload:
            command = validate_input(schemas.AddWorkspaceMember, input)
            row = await service.add_member(conn, viewer, command)
            return WorkspacePayload(workspace=Workspace(row=row))

        return await mutate(info.context, work, _refused)
