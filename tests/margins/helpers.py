"""Factories and calls shared by the margin, fee, credit and campaign tests."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from tests.support import Api, Login

USER_ERRORS = "userErrors { field code message }"
NOT_ALLOWED_CUSTOMER = "User is not allowed to access provided customer details"
NOT_ALLOWED_API = "User is not allowed to access this api"


@dataclass(frozen=True)
class Roles:
    """Two organizations with a customer each, and the super organization."""

    super: Login
    org_id: int
    org: Login
    customer_id: int
    customer: Login
    other_org_id: int
    other_org: Login
    other_customer_id: int
    other_customer: Login


async def roles(api: Api) -> Roles:
    org = await api.organization("Northwind")
    customer = await api.customer(org, "Acme")
    other_org = await api.organization("Blue Ocean")
    other_customer = await api.customer(other_org, "Delta")
    return Roles(api.super_login, *org, *customer, *other_org, *other_customer)


async def mutate(
    api: Api, mutation: str, value: dict[str, Any], login: Login | None = None
) -> dict[str, Any]:
    """The payload of a mutation that must not fail at the GraphQL level."""
    data = await api.data(mutation, {"input": value}, login=login)
    payload: dict[str, Any] = next(iter(data.values()))
    return payload


async def refused(
    api: Api, query: str, variables: dict[str, Any], login: Login
) -> list[dict[str, Any]]:
    """The errors of a request refused as FORBIDDEN (the data says nothing)."""
    body = await api.gql(query, variables, login=login)
    assert "errors" in body, body
    assert {e["extensions"]["code"] for e in body["errors"]} == {"FORBIDDEN"}, body["errors"]
    errors: list[dict[str, Any]] = body["errors"]
    return errors


def only_error(payload: dict[str, Any]) -> tuple[list[str] | None, str]:
    """(field, code) of the one user error of a payload."""
    errors = payload["userErrors"]
    assert len(errors) == 1, errors
    return errors[0]["field"], errors[0]["code"]
