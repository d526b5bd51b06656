"""Pure pieces: scalars, cursors, money, and the access table."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from finance_graphql.core import access
from finance_graphql.core.access import Permission
from finance_graphql.core.errors import BadInput
from finance_graphql.core.money import fits_currency, quantize
from finance_graphql.core.pagination import SortKey, decode_cursor, encode_cursor
from finance_graphql.core.scalars import InvalidScalar, parse_date, parse_decimal
from finance_graphql.core.tenancy import Viewer, WorkspaceKind, WorkspaceRef

SUPER = WorkspaceRef(1, WorkspaceKind.SUPER_ORGANIZATION, None)
ORG = WorkspaceRef(2, WorkspaceKind.ORGANIZATION, 1)
OTHER_ORG = WorkspaceRef(3, WorkspaceKind.ORGANIZATION, 1)
CUSTOMER = WorkspaceRef(4, WorkspaceKind.CUSTOMER, 2)
OTHER_CUSTOMER = WorkspaceRef(5, WorkspaceKind.CUSTOMER, 3)


def viewer(workspace: WorkspaceRef) -> Viewer:
    return Viewer(user_id=1, email="a@b.co", workspace=workspace)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1250.50", Decimal("1250.50")),
        ("-3", Decimal(-3)),
        ("0.0001", Decimal("0.0001")),
        (42, Decimal(42)),
    ],
)
def test_decimals_are_read_exactly(text: object, expected: Decimal) -> None:
    assert parse_decimal(text) == expected


@pytest.mark.parametrize("bad", [1.5, "1e5", "NaN", "abc", "", True, None, "1.2.3", "Infinity"])
def test_anything_else_is_not_a_decimal(bad: object) -> None:
    assert isinstance(parse_decimal(bad), InvalidScalar)


def test_dates() -> None:
    assert parse_date("2026-02-28") == dt.date(2026, 2, 28)
    for bad in ("2026-02-30", "yesterday", "2026-2-1", 20260101):
        assert isinstance(parse_date(bad), InvalidScalar)


def test_money_rounding_is_half_up_at_the_minor_unit() -> None:
    assert quantize(Decimal("2.345"), "USD") == Decimal("2.35")
    assert quantize(Decimal("2.5"), "JPY") == Decimal(3)
    assert quantize(Decimal("1.0005"), "BHD") == Decimal("1.001")
    assert fits_currency(Decimal("1.10"), "USD")
    assert not fits_currency(Decimal("1.001"), "USD")
    assert not fits_currency(Decimal("1.5"), "JPY")


def test_cursors_round_trip_and_refuse_tampering() -> None:
    for sort, value in [
        (SortKey("amount", "decimal"), Decimal("12.50")),
        (SortKey("issued_on", "date"), dt.date(2026, 1, 2)),
        (SortKey("id", "int"), 7),
    ]:
        assert decode_cursor(encode_cursor(value, 99), sort) == (value, 99)
    with pytest.raises(BadInput):
        decode_cursor("bm90IGpzb24", SortKey("id", "int"))
    with pytest.raises(BadInput):
        decode_cursor(encode_cursor("x", 1), SortKey("id", "int"))


def test_reach() -> None:
    assert access.reaches(viewer(SUPER), OTHER_CUSTOMER)
    assert access.reaches(viewer(ORG), CUSTOMER)
    assert access.reaches(viewer(ORG), ORG)
    assert not access.reaches(viewer(ORG), OTHER_CUSTOMER)
    assert not access.reaches(viewer(ORG), OTHER_ORG)
    assert not access.reaches(viewer(ORG), SUPER)
    assert access.reaches(viewer(CUSTOMER), CUSTOMER)
    assert not access.reaches(viewer(CUSTOMER), ORG)


@pytest.mark.parametrize(
    ("active", "permission", "target", "allowed"),
    [
        (ORG, Permission.MANAGE_CUSTOMER_FINANCE, CUSTOMER, True),
        (ORG, Permission.MANAGE_CUSTOMER_FINANCE, ORG, False),
        (ORG, Permission.MANAGE_CUSTOMER_FINANCE, OTHER_CUSTOMER, False),
        (SUPER, Permission.MANAGE_CUSTOMER_FINANCE, OTHER_CUSTOMER, True),
        (CUSTOMER, Permission.MANAGE_CUSTOMER_FINANCE, CUSTOMER, False),
        (CUSTOMER, Permission.CLAIM_CREDIT, CUSTOMER, True),
        (ORG, Permission.CLAIM_CREDIT, CUSTOMER, False),
        (CUSTOMER, Permission.ADD_FUNDS, CUSTOMER, True),
        (SUPER, Permission.SUPER_ONLY_SETTINGS, CUSTOMER, True),
        (ORG, Permission.SUPER_ONLY_SETTINGS, CUSTOMER, False),
        (ORG, Permission.THIRD_PARTY_COST, ORG, True),
        (ORG, Permission.THIRD_PARTY_COST, CUSTOMER, True),
        (SUPER, Permission.THIRD_PARTY_COST, CUSTOMER, False),
        (ORG, Permission.MANAGE_OWN_SETTINGS, ORG, True),
        (CUSTOMER, Permission.MANAGE_OWN_SETTINGS, CUSTOMER, False),
        (CUSTOMER, Permission.VIEW_FINANCE, CUSTOMER, True),
        (CUSTOMER, Permission.VIEW_FINANCE, OTHER_CUSTOMER, False),
    ],
)
def test_access_table(
    active: WorkspaceRef, permission: Permission, target: WorkspaceRef, allowed: bool
) -> None:
    assert access.allows(viewer(active), permission, target) is allowed
