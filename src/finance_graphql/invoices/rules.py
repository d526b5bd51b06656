"""The invoice rules that need no database: the status machine and the amount maths.

Status machine (stored statuses; OVERDUE is only ever read, see settlement.reads_as):
  approve: PENDING -> UNPAID (issued today, due after the payment term)
  cancel:  PENDING or UNPAID -> CANCELLED, only while nothing is paid and no PROCESSING payment
           reserves part of it. PARTIALLY_PAID, PROCESSING and PAID have money on them; a
           CANCELLED invoice is final.
Taxes change only while PENDING: once approved the invoice has been issued to the customer,
and its amount is what payments are measured against.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal
from enum import Enum

from finance_graphql.core.errors import ErrorCode, UserErrors, refuse
from finance_graphql.core.money import ZERO, quantize
from finance_graphql.lookups.catalog import InvoiceStatus

HUNDRED = Decimal(100)


class Action(Enum):
    APPROVE = "approve"
    CANCEL = "cancel"


def _state_error(message: str) -> UserErrors:
    return refuse(ErrorCode.INVALID_STATE, message)


def next_status(
    action: Action, stored: InvoiceStatus, paid: Decimal, reserved: Decimal
) -> InvoiceStatus:
    """The stored status after `action`, or `UserErrors` (INVALID_STATE) saying why not.

    `paid` is the invoice's paid amount; `reserved` what PROCESSING payments apply to it.
    """
    if action is Action.APPROVE:
        if stored is not InvoiceStatus.PENDING:
            raise _state_error(
                f"Only a PENDING invoice can be approved; this one is {stored.value}."
            )
        return InvoiceStatus.UNPAID
    if stored in (InvoiceStatus.PAID, InvoiceStatus.CANCELLED):
        raise _state_error(f"A {stored.value} invoice cannot be cancelled.")
    if paid > ZERO:
        raise _state_error("An invoice with money paid on it cannot be cancelled.")
    if reserved > ZERO or stored is InvoiceStatus.PROCESSING:
        raise _state_error(
            "An invoice with a PROCESSING payment applied cannot be cancelled; "
            "reject or cancel that payment first."
        )
    return InvoiceStatus.CANCELLED


def require_taxes_editable(stored: InvoiceStatus) -> None:
    """Taxes are added or deleted only before the invoice is approved (issued)."""
    if stored is not InvoiceStatus.PENDING:
        raise _state_error(
            f"Taxes can change only while the invoice is PENDING; this one is {stored.value}."
        )


def tax_from_rate(lines_total: Decimal, rate: Decimal, currency: str) -> Decimal:
    """A tax of `rate` percent of the lines' total, rounded to the currency (half up)."""
    return quantize(lines_total * rate / HUNDRED, currency)


def invoice_amount(line_amounts: Iterable[Decimal], tax_amounts: Iterable[Decimal]) -> Decimal:
    """The invoice amount: the exact sum of its lines and its taxes."""
    return sum(line_amounts, ZERO) + sum(tax_amounts, ZERO)
