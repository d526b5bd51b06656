"""The pure invoice rules: the status machine and the amount maths."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from finance_graphql.core.errors import UserErrors
from finance_graphql.invoices import rules, settlement
from finance_graphql.invoices.rules import Action
from finance_graphql.lookups.catalog import InvoiceStatus as S

ZERO = Decimal(0)


def _refusal(action: Action, stored: S, paid: str = "0", reserved: str = "0") -> str:
    with pytest.raises(UserErrors) as refused:
        rules.next_status(action, stored, Decimal(paid), Decimal(reserved))
    [error] = refused.value.errors
    assert error.code == "INVALID_STATE"
    return error.message


def test_approve_moves_pending_to_unpaid_only() -> None:
    assert rules.next_status(Action.APPROVE, S.PENDING, ZERO, ZERO) is S.UNPAID
    for stored in (S.UNPAID, S.PARTIALLY_PAID, S.PAID, S.PROCESSING, S.CANCELLED):
        assert "Only a PENDING invoice can be approved" in _refusal(Action.APPROVE, stored)


def test_cancel_while_nothing_is_paid_or_reserved() -> None:
    for stored in (S.PENDING, S.UNPAID):
        assert rules.next_status(Action.CANCEL, stored, ZERO, ZERO) is S.CANCELLED


def test_cancel_refused_with_money_on_it_or_when_final() -> None:
    assert "money paid" in _refusal(Action.CANCEL, S.PARTIALLY_PAID, paid="0.01")
    assert "PROCESSING payment" in _refusal(Action.CANCEL, S.UNPAID, reserved="5")
    assert "PROCESSING payment" in _refusal(Action.CANCEL, S.PROCESSING)
    assert "PAID invoice" in _refusal(Action.CANCEL, S.PAID, paid="10")
    assert "CANCELLED invoice" in _refusal(Action.CANCEL, S.CANCELLED)


def test_taxes_change_only_while_pending() -> None:
    rules.require_taxes_editable(S.PENDING)
    for stored in (S.UNPAID, S.PAID, S.CANCELLED):
        with pytest.raises(UserErrors):
            rules.require_taxes_editable(stored)


@pytest.mark.parametrize(
    ("total", "rate", "currency", "expected"),
    [
        ("1250.15", "18", "USD", "225.03"),  # 225.027 rounds half up
        ("100.10", "5", "USD", "5.01"),  # 5.005: half up, not to even
        ("1001", "8", "JPY", "80"),  # 80.08: no minor unit
        ("10.000", "7.5", "KWD", "0.750"),  # three decimals
    ],
)
def test_tax_from_rate_rounds_half_up_to_the_currency(
    total: str, rate: str, currency: str, expected: str
) -> None:
    amount = rules.tax_from_rate(Decimal(total), Decimal(rate), currency)
    assert str(amount) == expected


def test_invoice_amount_is_the_exact_sum_of_lines_and_taxes() -> None:
    lines = [Decimal("0.10")] * 3
    assert rules.invoice_amount(lines, [Decimal("0.03")]) == Decimal("0.33")
    assert rules.invoice_amount([], []) == ZERO


def test_overdue_is_read_from_unpaid_or_partially_paid_past_due() -> None:
    today = dt.date(2026, 3, 10)
    yesterday = today - dt.timedelta(days=1)
    assert settlement.reads_as(S.UNPAID, yesterday, today) is S.OVERDUE
    assert settlement.reads_as(S.PARTIALLY_PAID, yesterday, today) is S.OVERDUE
    assert settlement.reads_as(S.UNPAID, today, today) is S.UNPAID  # due today: not yet
    assert settlement.reads_as(S.PAID, yesterday, today) is S.PAID
    assert settlement.reads_as(S.PENDING, None, today) is S.PENDING
