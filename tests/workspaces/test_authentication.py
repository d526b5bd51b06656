"""The edge: a request needs a valid token and a workspace the user is a member of."""

from __future__ import annotations

import datetime as dt
from typing import Any

import jwt

from tests.support import SECRET, Api, Login

ME = "{ me { email activeWorkspace { id } } }"


def _token(claims: dict[str, object], secret: str = SECRET, algorithm: str = "HS256") -> str:
    return jwt.encode(claims, secret, algorithm=algorithm)


def _claims(**overrides: object) -> dict[str, object]:
    now = dt.datetime.now(dt.UTC)
    return {
        "sub": "root@platform.test",
        "iat": now,
        "exp": now + dt.timedelta(hours=1),
        **overrides,
    }


async def _status(api: Api, headers: dict[str, str]) -> tuple[int, dict[str, Any]]:
    response = await api.post(ME, login=None, headers=headers)
    return response.status_code, response.json()


async def test_a_member_with_a_valid_token_is_served(api: Api) -> None:
    data = await api.data(ME)
    assert data["me"] == {
        "email": "root@platform.test",
        "activeWorkspace": {"id": str(api.super_login.ow_id)},
    }


async def test_no_token_is_401(api: Api) -> None:
    status, body = await _status(api, {"X-IAA-OW-ID": str(api.super_login.ow_id)})
    assert status == 401
    assert body["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"


async def test_bad_tokens_are_401(api: Api) -> None:
    ow = str(api.super_login.ow_id)
    unsigned = jwt.encode(_claims(), key="", algorithm="none")
    expired = _token(_claims(exp=dt.datetime.now(dt.UTC) - dt.timedelta(seconds=5)))
    wrong_signature = _token(_claims(), secret="another-secret-of-sufficient-length-1234")
    no_expiry = _token({"sub": "root@platform.test"})
    for token in ["garbage", unsigned, expired, wrong_signature, no_expiry]:
        status, body = await _status(api, {"Authorization": f"Bearer {token}", "X-IAA-OW-ID": ow})
        assert status == 401, token
        assert "root@platform.test" not in str(body)
    status, _ = await _status(api, {"Authorization": "Basic abc", "X-IAA-OW-ID": ow})
    assert status == 401


async def test_workspace_header_is_required_and_must_be_an_id(api: Api) -> None:
    headers = Login("root@platform.test", 1).headers()
    del headers["X-IAA-OW-ID"]
    status, body = await _status(api, headers)
    assert status == 400
    assert "X-IAA-OW-ID" in body["errors"][0]["message"]
    status, _ = await _status(api, {**headers, "X-IAA-OW-ID": "abc"})
    assert status == 400


async def test_unknown_and_foreign_workspaces_are_both_403(api: Api) -> None:
    org_id, org_login = await api.organization("Org A")
    unknown = await _status(api, Login(org_login.email, 999_999).headers())
    foreign = await _status(api, Login(org_login.email, api.super_login.ow_id).headers())
    assert unknown[0] == foreign[0] == 403
    assert unknown[1] == foreign[1]
    assert org_id  # the user is a member of its own organization only


async def test_a_stranger_with_a_valid_token_is_403(api: Api) -> None:
    status, body = await _status(api, Login("nobody@example.test", api.super_login.ow_id).headers())
    assert status == 403
    assert body["errors"][0]["extensions"]["code"] == "FORBIDDEN"


async def test_graphiql_is_served_to_browsers_without_a_token(api: Api) -> None:
    response = await api.client.get("/graphql", headers={"Accept": "text/html"})
    assert response.status_code == 200
    assert "graphiql" in response.text.lower()


async def test_queries_over_get_need_a_token_and_mutations_are_refused(api: Api) -> None:
    headers = api.super_login.headers()
    response = await api.client.get(
        "/graphql", params={"query": "{ me { email } }"}, headers=headers
    )
    assert response.status_code == 200
    assert response.json()["data"]["me"]["email"] == "root@platform.test"
    mutation = (
        'mutation { addWorkspaceMember(input: {owId: "1", email: "a@b.co"})'
        " { userErrors { code } } }"
    )
    refused = await api.client.get("/graphql", params={"query": mutation}, headers=headers)
    assert refused.status_code in (400, 405)
