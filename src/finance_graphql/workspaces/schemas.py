"""Validated forms of the workspace mutations' inputs."""

from __future__ import annotations

import re
from typing import Annotated

from pydantic import BeforeValidator, Field, StringConstraints

from finance_graphql.core.ids import parse_id
from finance_graphql.core.money import is_currency
from finance_graphql.core.tenancy import WorkspaceKind
from finance_graphql.core.validation import Command

_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


def _workspace_id(value: object) -> int:
    number = parse_id(value)
    if number is None:
        raise ValueError('must be the id of a workspace, such as "202318"')
    return number


def _currency(value: object) -> str:
    code = str(value or "USD").strip().upper()
    if not is_currency(code):
        raise ValueError("must be an ISO 4217 currency code, such as USD")
    return code


def _email(value: object) -> str:
    address = str(value).strip().lower()
    if len(address) > 254 or not _EMAIL.match(address):
        raise ValueError("must be an e-mail address")
    return address


WorkspaceId = Annotated[int, BeforeValidator(_workspace_id)]
Name = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]
Currency = Annotated[str, BeforeValidator(_currency)]
Email = Annotated[str, BeforeValidator(_email)]


class CreateWorkspace(Command):
    kind: WorkspaceKind
    name: Name
    parent_ow_id: WorkspaceId | None = None
    currency: Currency = Field(default="USD")


class AddWorkspaceMember(Command):
    ow_id: WorkspaceId
    email: Email
