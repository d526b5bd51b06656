"""Who is asking, and in which workspace: the facts every access rule is decided on."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import Enum

import jwt
import strawberry

TOKEN_ALGORITHM = "HS256"  # noqa: S105 - an algorithm name, not a secret


@strawberry.enum(description="The three kinds of workspace.")
class WorkspaceKind(Enum):
    SUPER_ORGANIZATION = "SUPER_ORGANIZATION"
    ORGANIZATION = "ORGANIZATION"
    CUSTOMER = "CUSTOMER"


@dataclass(frozen=True)
class WorkspaceRef:
    """The part of a workspace that access rules look at."""

    id: int
    kind: WorkspaceKind
    parent_id: int | None
    currency: str = "USD"


@dataclass(frozen=True)
class Viewer:
    """An authenticated user acting in one workspace they are a member of (X-IAA-OW-ID)."""

    user_id: int
    email: str
    workspace: WorkspaceRef

    @property
    def kind(self) -> WorkspaceKind:
        return self.workspace.kind

    @property
    def is_super(self) -> bool:
        return self.workspace.kind is WorkspaceKind.SUPER_ORGANIZATION


class InvalidToken(Exception):
    """The bearer token is missing, malformed, expired, or not signed by us."""


def issue_token(email: str, secret: str, ttl_seconds: int) -> str:
    now = dt.datetime.now(dt.UTC)
    claims = {"sub": email.lower(), "iat": now, "exp": now + dt.timedelta(seconds=ttl_seconds)}
    return jwt.encode(claims, secret, algorithm=TOKEN_ALGORITHM)


def read_token(token: str, secret: str) -> str:
    """The e-mail in a valid token; HS256 only, so `alg: none` and key confusion are refused."""
    try:
        claims = jwt.decode(
            token, secret, algorithms=[TOKEN_ALGORITHM], options={"require": ["exp", "sub"]}
        )
    except jwt.PyJWTError as error:
        raise InvalidToken(str(error)) from error
    subject = claims.get("sub")
    if not isinstance(subject, str) or "@" not in subject:
        raise InvalidToken("the token names no user")
    return subject.lower()
