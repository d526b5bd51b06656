"""Reusable pydantic field types for mutation inputs: ids, bounded decimals, required text.

Each refusal carries a stable code through `core.validation` (the error type is the code):
REQUIRED for blank text, OUT_OF_RANGE for a number outside its bounds, INVALID otherwise.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Annotated

from pydantic import BeforeValidator
from pydantic_core import PydanticCustomError

from finance_graphql.core.ids import parse_id
from finance_graphql.core.money import decimal_places


def _record_id(value: object) -> int:
    number = parse_id(value)
    if number is None:
        raise PydanticCustomError("invalid", 'must be the id of a record, such as "202318"')
    return number


RecordId = Annotated[int, BeforeValidator(_record_id)]


def _plain(number: Decimal) -> str:
    return format(number.normalize(), "f")


def between(
    low: Decimal | int,
    high: Decimal | int,
    *,
    low_exclusive: bool = False,
    places: int = 4,
) -> Callable[[Decimal], Decimal]:
    """A check that a Decimal lies within [low, high] (or (low, high]) with at most `places`
    decimals; the refusal names the bounds ("must be between 1 and 99").

    Use in a type alias: `Margin = Annotated[Decimal, AfterValidator(between(1, 99, places=2))]`.
    """
    lowest, highest = Decimal(low), Decimal(high)
    sentence = (
        f"must be more than {_plain(lowest)} and at most {_plain(highest)}"
        if low_exclusive
        else f"must be between {_plain(lowest)} and {_plain(highest)}"
    )

    def check(value: Decimal) -> Decimal:
        if not value.is_finite():
            raise PydanticCustomError("invalid", "must be a number")
        too_low = value <= lowest if low_exclusive else value < lowest
        if too_low or value > highest:
            raise PydanticCustomError("out_of_range", sentence)
        if decimal_places(value) > places:
            raise PydanticCustomError("invalid", f"must have at most {places} decimals")
        return value

    return check


def text_of(max_length: int) -> Callable[[object], str]:
    """A check that text is not blank (REQUIRED) nor longer than `max_length` (INVALID);
    surrounding spaces are removed. Use as `Annotated[str, BeforeValidator(text_of(200))]`."""

    def check(value: object) -> str:
        if not isinstance(value, str):
            raise PydanticCustomError("invalid", "must be text")
        text = value.strip()
        if not text:
            raise PydanticCustomError("required", "must not be blank")
        if len(text) > max_length:
            raise PydanticCustomError(
                "invalid", f"must be at most {max_length} characters (got {len(text)})"
            )
        return text

    return check
