"""Mutation input to a validated pydantic model, or `UserErrors` naming each bad field."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from enum import Enum
from typing import Any, TypeVar

import strawberry
from pydantic import BaseModel, ConfigDict, ValidationError
from pydantic.alias_generators import to_camel

from finance_graphql.core.errors import ErrorCode, UserError, UserErrors
from finance_graphql.core.scalars import InvalidScalar

M = TypeVar("M", bound=BaseModel)

_RANGE_ERRORS = {
    "greater_than",
    "greater_than_equal",
    "less_than",
    "less_than_equal",
    "out_of_range",
}


class Command(BaseModel):
    """Base of the validated form of a mutation input; fields use the Python (snake) names."""

    model_config = ConfigDict(frozen=True, arbitrary_types_allowed=True, extra="forbid")


def input_to_dict(value: Any) -> Any:
    """A strawberry input as plain data, without the fields the client left out."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {
            f.name: input_to_dict(getattr(value, f.name))
            for f in dataclasses.fields(value)
            if getattr(value, f.name) is not strawberry.UNSET
        }
    if isinstance(value, list):
        return [input_to_dict(item) for item in value]
    return value


def _invalid_scalars(value: Any, path: tuple[str | int, ...]) -> Iterator[UserError]:
    if isinstance(value, InvalidScalar):
        yield _user_error(path, ErrorCode.INVALID, value.reason)
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _invalid_scalars(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _invalid_scalars(item, (*path, index))


def _field_path(loc: tuple[str | int, ...]) -> list[str]:
    return ["input", *(to_camel(p) if isinstance(p, str) else str(p) for p in loc)]


def _user_error(loc: tuple[str | int, ...], code: str, reason: str) -> UserError:
    path = _field_path(loc)
    return UserError(field=path, code=code, message=f"{'.'.join(path[1:])}: {reason}")


def _code(error_type: str) -> str:
    if error_type == "missing":
        return ErrorCode.REQUIRED
    if error_type in _RANGE_ERRORS:
        return ErrorCode.OUT_OF_RANGE
    upper = error_type.upper()
    return upper if upper in vars(ErrorCode).values() else ErrorCode.INVALID


def _reason(message: str) -> str:
    return message.removeprefix("Value error, ")


def validate_input(model: type[M], value: Any, **extra: Any) -> M:
    """Validate a mutation input (a strawberry input object) into `model`.

    Unreadable scalars and pydantic's refusals become one `UserError` each, with the field path
    (["input", "lines", "0", "amount"]) and a stable code; nothing has been written yet.
    """
    data = input_to_dict(value)
    data.update(extra)
    errors = list(_invalid_scalars(data, ()))
    if errors:
        raise UserErrors(errors)
    try:
        return model.model_validate(data)
    except ValidationError as error:
        raise UserErrors(
            [
                _user_error(tuple(e["loc"]), _code(e["type"]), _reason(e["msg"]))
                for e in error.errors()
            ]
        ) from None


def enum_value(value: Enum | str) -> str:
    return value.value if isinstance(value, Enum) else value
