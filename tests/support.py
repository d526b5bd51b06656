"""Test helpers: a client that speaks GraphQL over HTTP to the real app, and small factories."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import asyncpg
import httpx

from finance_graphql.core.tenancy import issue_token

SECRET = "test-secret-0123456789abcdef0123456789abcdef"


@dataclass(frozen=True)
class Login:
    """A user acting in a workspace: the two headers every request carries."""

    email: str
    ow_id: int

    def headers(self) -> dict[str, str]:
        token = issue_token(self.email, SECRET, 3600)
        return {"Authorization": f"Bearer {token}", "X-IAA-OW-ID": str(self.ow_id)}


@dataclass
class Api:
    """The app under test, its database, and the super organization's login."""

    client: httpx.AsyncClient
    dsn: str
    super_login: Login
    app: Any = None  # the Starlette app, for tests that reach its services (subscriptions)

    async def post(
        self,
        query: str,
        variables: dict[str, Any] | None = None,
        *,
        login: Login | None,
        headers: dict[str, str] | None = None,
    ) -> httpx.Response:
        sent = {**(login.headers() if login else {}), **(headers or {})}
        return await self.client.post(
            "/graphql", json={"query": query, "variables": variables or {}}, headers=sent
        )

    async def gql(
        self, query: str, variables: dict[str, Any] | None = None, *, login: Login | None = None
    ) -> dict[str, Any]:
        """The response body of a request as `login` (the super organization by default)."""
        response = await self.post(query, variables, login=login or self.super_login)
        assert response.status_code == 200, response.text
        body: dict[str, Any] = response.json()
        return body

    async def data(
        self, query: str, variables: dict[str, Any] | None = None, *, login: Login | None = None
    ) -> dict[str, Any]:
        """The `data` of a request that must not fail."""
        body = await self.gql(query, variables, login=login)
        assert "errors" not in body, body["errors"]
        result: dict[str, Any] = body["data"]
        return result

    async def sql(self, query: str, *args: Any) -> list[asyncpg.Record]:
        conn = await asyncpg.connect(self.dsn)
        try:
            return await conn.fetch(query, *args)
        finally:
            await conn.close()

    async def create_workspace(
        self,
        kind: str,
        name: str,
        *,
        parent: int | None = None,
        login: Login | None = None,
        currency: str = "USD",
        member: str | None = None,
    ) -> tuple[int, Login]:
        """Create a workspace as `login` and a member for it; returns its id and that login."""
        data = await self.data(
            CREATE_WORKSPACE,
            {
                "input": {
                    "kind": kind,
                    "name": name,
                    "currency": currency,
                    "parentOwId": str(parent) if parent else None,
                }
            },
            login=login,
        )
        payload = data["createWorkspace"]
        assert payload["userErrors"] == [], payload["userErrors"]
        ow_id = int(payload["workspace"]["id"])
        email = member or f"user-{ow_id}@example.test"
        added = await self.data(
            ADD_MEMBER, {"input": {"owId": str(ow_id), "email": email}}, login=login
        )
        assert added["addWorkspaceMember"]["userErrors"] == []
        return ow_id, Login(email, ow_id)

    async def organization(self, name: str = "Org", currency: str = "USD") -> tuple[int, Login]:
        return await self.create_workspace("ORGANIZATION", name, currency=currency)

    async def customer(self, org: tuple[int, Login], name: str = "Customer") -> tuple[int, Login]:
        return await self.create_workspace("CUSTOMER", name, login=org[1])


CREATE_WORKSPACE = """
mutation($input: CreateWorkspaceInput!) {
  createWorkspace(input: $input) {
    workspace { id name kind currency parent { id } }
    userErrors { field code message }
  }
}"""

ADD_MEMBER = """
mutation($input: AddWorkspaceMemberInput!) {
  addWorkspaceMember(input: $input) { workspace { id } userErrors { field code message } }
}"""


async def subscribe(
    api: Api, query: str, variables: dict[str, Any] | None = None, *, login: Login | None = None
) -> Any:
    """Start a subscription on the app's real schema and services as `login` would over a
    WebSocket (the viewer is resolved exactly as at connection_init); returns the async
    iterator of ExecutionResults."""
    from finance_graphql.context import Context
    from finance_graphql.db import RequestDB, acquire
    from finance_graphql.workspaces.repository import find_viewer

    login = login or api.super_login
    services = api.app.state.services["services"]
    async with acquire(services.pool) as conn:
        viewer = await find_viewer(conn, login.email, login.ow_id)
    assert viewer is not None
    context = Context(
        services=services,
        request=None,
        response=None,  # type: ignore[arg-type]
        db=RequestDB(services.pool),
        authenticated=viewer,
    )
    schema = api.app.state.schema
    return await schema.subscribe(query, variable_values=variables, context_value=context)
