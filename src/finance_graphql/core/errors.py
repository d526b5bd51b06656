"""Errors a client may see, and the `UserError` type of every mutation payload."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import strawberry
from graphql import GraphQLError

NOT_ALLOWED_CUSTOMER = "User is not allowed to access provided customer details"
NOT_ALLOWED_API = "User is not allowed to access this api"


class ErrorCode:
    """The stable codes of `UserError.code` and of error extensions."""

    INVALID = "INVALID"
    REQUIRED = "REQUIRED"
    OUT_OF_RANGE = "OUT_OF_RANGE"
    NOT_FOUND = "NOT_FOUND"
    CONFLICT = "CONFLICT"
    INVALID_STATE = "INVALID_STATE"
    DUPLICATE = "DUPLICATE"
    INSUFFICIENT_FUNDS = "INSUFFICIENT_FUNDS"
    OVERPAYMENT = "OVERPAYMENT"
    IDEMPOTENCY_MISMATCH = "IDEMPOTENCY_MISMATCH"
    FORBIDDEN = "FORBIDDEN"
    UNAUTHENTICATED = "UNAUTHENTICATED"
    BAD_USER_INPUT = "BAD_USER_INPUT"


@strawberry.type(
    description="An expected refusal: the input or the record's state did not allow it."
)
class UserError:
    field: list[str] | None = strawberry.field(
        description='Path into the input, e.g. ["input", "marginValue"]; null when not a field.'
    )
    code: str = strawberry.field(description="Stable machine code: INVALID, OUT_OF_RANGE, ...")
    message: str = strawberry.field(description="A sentence for people.")


class PublicError(GraphQLError):
    """An error whose message and code are meant for the client (never masked)."""

    def __init__(self, message: str, code: str, **extensions: Any) -> None:
        super().__init__(message, extensions={"code": code, **extensions})


class Forbidden(PublicError):
    """Authorization refused. The message never tells whether the record exists."""

    def __init__(self, message: str = NOT_ALLOWED_CUSTOMER) -> None:
        super().__init__(message, ErrorCode.FORBIDDEN)


class BadInput(PublicError):
    """An argument of a query that cannot be used (bad id, page size out of range)."""

    def __init__(self, message: str, argument: str) -> None:
        super().__init__(message, ErrorCode.BAD_USER_INPUT, argument=argument)


class UserErrors(Exception):
    """Raised by services to refuse; the mutation rolls back and returns these as data."""

    def __init__(self, errors: Sequence[UserError]) -> None:
        super().__init__("; ".join(e.message for e in errors))
        self.errors = list(errors)


def refuse(code: str, message: str, *field: str) -> UserErrors:
    """A single user error; `field` is the path inside the mutation input."""
    path = ["input", *field] if field else None
    return UserErrors([UserError(field=path, code=code, message=message)])
