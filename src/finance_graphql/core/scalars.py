"""The contract's scalars: Decimal (exact, a JSON string), Date, DateTime, JSON, Upload.

Input values that cannot be read do not fail the whole request during coercion: they become an
`InvalidScalar` marker, so that a mutation can answer with a `UserError` naming the field.
Queries reject them through `core.arguments`.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

import strawberry
from strawberry.file_uploads import Upload
from strawberry.scalars import JSON

__all__ = ["JSON", "DateScalar", "DateTimeScalar", "DecimalScalar", "InvalidScalar", "Upload"]

_DECIMAL_TEXT = re.compile(r"^[+-]?\d{1,20}(\.\d{1,12})?$")


@dataclass(frozen=True)
class InvalidScalar:
    """An input value that is not of its scalar's form; `reason` says what was expected."""

    raw: Any
    reason: str


def serialize_decimal(value: Decimal) -> str:
    if not isinstance(value, Decimal):
        value = Decimal(str(value))
    return format(value, "f")


def parse_decimal(value: Any) -> Decimal | InvalidScalar:
    reason = 'must be a decimal number written as a string, such as "1250.50"'
    if isinstance(value, bool):
        return InvalidScalar(value, reason)
    if isinstance(value, int):
        text = str(value)
    elif isinstance(value, str):
        text = value.strip()
    else:  # floats are refused: they cannot carry money exactly
        return InvalidScalar(value, reason)
    if not _DECIMAL_TEXT.match(text):
        return InvalidScalar(value, reason)
    try:
        return Decimal(text)
    except InvalidOperation:
        return InvalidScalar(value, reason)


def parse_date(value: Any) -> dt.date | InvalidScalar:
    reason = "must be a date written as YYYY-MM-DD"
    if not isinstance(value, str):
        return InvalidScalar(value, reason)
    text = value.strip()
    if len(text) != 10:
        return InvalidScalar(value, reason)
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        return InvalidScalar(value, reason)


def parse_datetime(value: Any) -> dt.datetime | InvalidScalar:
    reason = "must be an ISO 8601 date-time with an offset, such as 2026-01-31T12:00:00+00:00"
    if not isinstance(value, str):
        return InvalidScalar(value, reason)
    try:
        parsed = dt.datetime.fromisoformat(value.strip())
    except ValueError:
        return InvalidScalar(value, reason)
    if parsed.tzinfo is None:
        return InvalidScalar(value, reason)
    return parsed


def serialize_datetime(value: dt.datetime) -> str:
    if value.tzinfo is None:
        value = value.replace(tzinfo=dt.UTC)
    return value.isoformat()


DecimalScalar = strawberry.scalar(
    name="Decimal",
    description='An exact decimal number, written as a JSON string such as "1250.50".',
    serialize=serialize_decimal,
    parse_value=parse_decimal,
)
DateScalar = strawberry.scalar(
    name="Date",
    description="A calendar date, ISO 8601 (YYYY-MM-DD).",
    serialize=lambda value: value.isoformat(),
    parse_value=parse_date,
)
DateTimeScalar = strawberry.scalar(
    name="DateTime",
    description="A point in time, ISO 8601 with an offset.",
    serialize=serialize_datetime,
    parse_value=parse_datetime,
)

SCALAR_MAP: dict[object, Any] = {
    Decimal: DecimalScalar,
    dt.date: DateScalar,
    dt.datetime: DateTimeScalar,
}
