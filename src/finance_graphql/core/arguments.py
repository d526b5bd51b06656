"""Checks on query arguments, made before any SQL runs."""

from __future__ import annotations

import strawberry

from finance_graphql.core.errors import BadInput
from finance_graphql.core.ids import parse_id
from finance_graphql.core.scalars import InvalidScalar

MAX_PAGE_SIZE = 100


def require_id(value: strawberry.ID | str | int, argument: str) -> int:
    """The integer id of an argument, or a BAD_USER_INPUT error naming it."""
    number = parse_id(value)
    if number is None:
        raise BadInput(f'{argument}: must be the id of a record, such as "202318"', argument)
    return number


def optional_id(value: strawberry.ID | str | int | None, argument: str) -> int | None:
    return None if value is None else require_id(value, argument)


def page_size(first: int | None, argument: str = "first") -> int:
    """`first` must be 1..100 so that no request can ask for an unbounded page."""
    size = 50 if first is None else first
    if not 1 <= size <= MAX_PAGE_SIZE:
        raise BadInput(f"{argument}: must be between 1 and {MAX_PAGE_SIZE}", argument)
    return size


def require_valid(value: object, argument: str) -> None:
    """Refuse a scalar argument that could not be read (see core.scalars.InvalidScalar)."""
    if isinstance(value, InvalidScalar):
        raise BadInput(f"{argument}: {value.reason}", argument)
