"""Health, readiness, metrics, request ids, and masking of unexpected errors."""

from __future__ import annotations

import strawberry
from strawberry.extensions import MaskErrors

from finance_graphql.schema import should_mask
from tests.support import Api


async def test_health_and_readiness(api: Api) -> None:
    assert (await api.client.get("/healthz")).json() == {"status": "ok"}
    ready = await api.client.get("/readyz")
    assert ready.status_code == 200
    assert ready.json() == {"status": "ready"}


async def test_metrics_count_requests(api: Api) -> None:
    await api.client.get("/healthz")
    text = (await api.client.get("/metrics")).text
    assert 'finance_http_requests_total{path="/healthz",status="200"}' in text
    assert "finance_http_request_seconds_count" in text


async def test_every_response_has_a_request_id(api: Api) -> None:
    response = await api.client.get("/healthz", headers={"X-Request-ID": "abc-123"})
    assert response.headers["x-request-id"] == "abc-123"
    fresh = await api.client.get("/healthz")
    assert len(fresh.headers["x-request-id"]) == 32


def test_unexpected_errors_are_masked_and_public_ones_are_not() -> None:
    from graphql import GraphQLError

    from finance_graphql.core.errors import Forbidden

    leaked = GraphQLError('relation "x" does not exist', original_error=RuntimeError("sql"))
    assert should_mask(leaked)
    assert not should_mask(GraphQLError("Forbidden", original_error=Forbidden()))
    assert not should_mask(GraphQLError("Cannot query field 'x'"))


async def test_a_crash_in_a_resolver_reaches_the_client_as_a_plain_message() -> None:
    @strawberry.type
    class Broken:
        @strawberry.field
        def boom(self) -> int:
            raise RuntimeError('duplicate key value violates unique constraint "users_email"')

    schema = strawberry.Schema(
        query=Broken,
        extensions=[
            lambda: MaskErrors(should_mask_error=should_mask, error_message="Internal server error")
        ],
    )
    result = await schema.execute("{ boom }")
    assert result.errors is not None
    assert result.errors[0].message == "Internal server error"
