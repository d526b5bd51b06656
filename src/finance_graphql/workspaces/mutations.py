"""Workspace mutations: createWorkspace, addWorkspaceMember."""

from __future__ import annotations

import strawberry

from finance_graphql.context import Context
from finance_graphql.core.errors import UserError
from finance_graphql.core.mutations import run_command
from finance_graphql.core.tenancy import WorkspaceKind
from finance_graphql.workspaces import schemas, service
from finance_graphql.workspaces.repository import WorkspaceRow
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


def _answer(row: WorkspaceRow) -> WorkspacePayload:
    return WorkspacePayload(workspace=Workspace(row=row))


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
        return await run_command(
            info.context,
            schemas.CreateWorkspace,
            input,
            service.create_workspace,
            _answer,
            _refused,
        )

    @strawberry.mutation(
        description="Super: any workspace; organization: itself and its customers. The user "
        "(by e-mail, created if new) may then act there."
    )
    async def add_workspace_member(
        self, info: strawberry.Info[Context], input: AddWorkspaceMemberInput
    ) -> WorkspacePayload:
        return await run_command(
            info.context, schemas.AddWorkspaceMember, input, service.add_member, _answer, _refused
        )
