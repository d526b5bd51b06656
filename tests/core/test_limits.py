"""Query limits refuse abusive documents before any resolver or SQL runs."""

from __future__ import annotations

from tests.support import Api


async def test_deep_queries_are_refused(api: Api) -> None:
    nested = "id " + "parent { " * 14 + "id" + " }" * 14
    body = await api.gql("{ workspace { " + nested + " } }")
    assert body["data"] is None
    assert "exceeds maximum operation depth" in body["errors"][0]["message"]


async def test_too_many_aliases_are_refused(api: Api) -> None:
    aliases = " ".join(f"a{i}: me {{ email }}" for i in range(40))
    body = await api.gql("{ " + aliases + " }")
    assert body["data"] is None
    assert "aliases" in body["errors"][0]["message"].lower()


async def test_too_many_tokens_are_refused(api: Api) -> None:
    fields = " ".join("__typename" for _ in range(4000))
    body = await api.gql("{ " + fields + " }")
    assert "token" in body["errors"][0]["message"].lower()


async def test_syntax_errors_and_unknown_fields_are_client_errors(api: Api) -> None:
    broken = await api.post("{ me { ", login=api.super_login)
    unknown = await api.post("{ nothing }", login=api.super_login)
    for response in (broken, unknown):
        assert 400 <= response.status_code < 500 or "errors" in response.json()
        assert response.status_code < 500


async def test_malformed_bodies_are_400_never_500(api: Api) -> None:
    headers = {**api.super_login.headers(), "Content-Type": "application/json"}
    for body in (b"{", b"[]", b'{"query": 5}', b'"text"', b"\xff\xfe"):
        response = await api.client.post("/graphql", content=body, headers=headers)
        assert 400 <= response.status_code < 500, (body, response.status_code)
