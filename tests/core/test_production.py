"""Production mode: no introspection, no GraphiQL, and still no internals in errors."""

from __future__ import annotations

from collections.abc import AsyncIterator

import httpx
import pytest

from finance_graphql.app import create_app
from finance_graphql.config import Settings
from tests.support import SECRET, Api, Login


@pytest.fixture
async def production(api: Api) -> AsyncIterator[httpx.AsyncClient]:
    settings = Settings(jwt_secret=SECRET, environment="production", pool_min_size=1)
    app = create_app(settings, dsn=api.dsn)
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://prod") as client:
            yield client


async def test_introspection_and_graphiql_are_off(api: Api, production: httpx.AsyncClient) -> None:
    headers = api.super_login.headers()
    body = (
        await production.post(
            "/graphql", json={"query": "{ __schema { types { name } } }"}, headers=headers
        )
    ).json()
    assert body.get("data") is None
    assert "introspection" in body["errors"][0]["message"].lower()
    page = await production.get("/graphql", headers={"Accept": "text/html"})
    assert "graphiql" not in page.text.lower()


async def test_ordinary_queries_still_work(api: Api, production: httpx.AsyncClient) -> None:
    login: Login = api.super_login
    response = await production.post(
        "/graphql", json={"query": "{ me { email } }"}, headers=login.headers()
    )
    assert response.json() == {"data": {"me": {"email": login.email}}}
