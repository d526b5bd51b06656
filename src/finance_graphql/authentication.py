"""Who is calling: the bearer token and the X-IAA-OW-ID header, checked before GraphQL runs."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import asyncpg

from finance_graphql.core.errors import ErrorCode
from finance_graphql.core.ids import parse_id
from finance_graphql.core.tenancy import InvalidToken, Viewer, read_token
from finance_graphql.db import acquire
from finance_graphql.workspaces import repository

WORKSPACE_HEADER = "x-iaa-ow-id"


@dataclass(frozen=True)
class Refusal(Exception):
    status: int
    code: str
    message: str


def _header(headers: Mapping[str, Any], name: str) -> str | None:
    for key, value in headers.items():
        if key.lower() == name:
            return str(value) if value is not None else None
    return None


async def authenticate(pool: asyncpg.Pool, secret: str, headers: Mapping[str, Any]) -> Viewer:
    """The viewer of a request, or a Refusal: 401 without a valid token, 403 outside the workspace.

    A workspace that does not exist and one the user is not a member of are refused alike.
    """
    authorization = _header(headers, "authorization") or ""
    scheme, _, token = authorization.partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise Refusal(
            401,
            ErrorCode.UNAUTHENTICATED,
            "Authentication required: send 'Authorization: Bearer <token>'",
        )
    try:
        email = read_token(token.strip(), secret)
    except InvalidToken:
        raise Refusal(401, ErrorCode.UNAUTHENTICATED, "Invalid or expired token") from None
    raw_workspace = _header(headers, WORKSPACE_HEADER)
    if raw_workspace is None:
        raise Refusal(
            400,
            ErrorCode.BAD_USER_INPUT,
            "The X-IAA-OW-ID header is required: the id of the workspace to act in",
        )
    workspace_id = parse_id(raw_workspace.strip())
    if workspace_id is None:
        raise Refusal(400, ErrorCode.BAD_USER_INPUT, "X-IAA-OW-ID must be a workspace id")
    async with acquire(pool) as conn:
        viewer = await repository.find_viewer(conn, email, workspace_id)
    if viewer is None:
        raise Refusal(403, ErrorCode.FORBIDDEN, "User is not allowed to access this workspace")
    return viewer
