"""The payment rules that need no database: status moves, amounts, allocations, refunds, fees.

Each check returns the problems it finds (empty when the input is fine) so that one answer can
name every bad field at once; the service raises them together.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from enum import Enum

from finance_graphql.core.errors import ErrorCode, UserError
from finance_graphql.core.money import ZERO, decimal_places, fits_currency, minor_units, quantize
from finance_graphql.lookups.catalog import InvoiceStatus, PaymentMode, PaymentStatus, PaymentType

# Wide enough for any real payment, and well inside the numeric(20, 4) columns.
MAX_AMOUNT = Decimal("1000000000000")
MAX_EXCHANGE_RATE = Decimal("1000000")
EXCHANGE_RATE_DECIMALS = 10
BANK_REQUIRED = frozenset({PaymentMode.CHEQUE, PaymentMode.WIRE_TRANSFER})
PAYABLE_INVOICE = frozenset(
    {InvoiceStatus.UNPAID, InvoiceStatus.PARTIALLY_PAID, InvoiceStatus.PROCESSING}
)


def problem(code: str, message: str, *field: str) -> UserError:
    """A user error whose `field` is the path inside the mutation input."""
    return UserError(field=["input", *field] if field else None, code=code, message=message)


class Action(Enum):
    """A decision on a PROCESSING payment."""

    APPROVE = "approve"
    REJECT = "reject"
    CANCEL = "cancel"


_DECIDED = {
    Action.APPROVE: PaymentStatus.PAID,
    Action.REJECT: PaymentStatus.REJECTED,
    Action.CANCEL: PaymentStatus.CANCELLED,
}
_PAST = {Action.APPROVE: "approved", Action.REJECT: "rejected", Action.CANCEL: "cancelled"}


def next_status(current: PaymentStatus, action: Action) -> PaymentStatus | UserError:
    """Where a decision takes a payment: forward from PROCESSING only, never back."""
    if current is not PaymentStatus.PROCESSING:
        return problem(
            ErrorCode.INVALID_STATE,
            f"paymentId: the payment is {current.value.lower()}; only a processing payment can"
            f" be {_PAST[action]}",
            "paymentId",
        )
    return _DECIDED[action]


def editable(current: PaymentStatus) -> UserError | None:
    """A payment is edited only while PROCESSING (a paid one is corrected by a refund)."""
    if current is PaymentStatus.PROCESSING:
        return None
    return problem(
        ErrorCode.INVALID_STATE,
        f"paymentId: the payment is {current.value.lower()}; only a processing payment can be"
        " edited",
        "paymentId",
    )


def money_problems(value: Decimal, currency: str, field: str, *, positive: bool) -> list[UserError]:
    """An amount above zero (or at least zero), no finer than the currency, and not absurd."""
    if positive and value <= 0:
        return [problem(ErrorCode.OUT_OF_RANGE, f"{field}: must be more than 0", field)]
    if value < 0:
        return [problem(ErrorCode.OUT_OF_RANGE, f"{field}: must be 0 or more", field)]
    if value > MAX_AMOUNT:
        return [problem(ErrorCode.OUT_OF_RANGE, f"{field}: must be at most {MAX_AMOUNT}", field)]
    if not fits_currency(value, currency):
        places = minor_units(currency)
        return [
            problem(
                ErrorCode.INVALID,
                f"{field}: {currency} amounts have at most {places} decimal places",
                field,
            )
        ]
    return []


def exchange_problems(
    currency: str, workspace_currency: str, rate: Decimal | None
) -> list[UserError]:
    """A payment in another currency says how many workspace units one of its units is worth."""
    if rate is None:
        if currency != workspace_currency:
            return [
                problem(
                    ErrorCode.REQUIRED,
                    f"exchangeRate: required for a {currency} payment to a {workspace_currency}"
                    " workspace",
                    "exchangeRate",
                )
            ]
        return []
    if rate <= 0 or rate > MAX_EXCHANGE_RATE:
        return [
            problem(
                ErrorCode.OUT_OF_RANGE,
                f"exchangeRate: must be more than 0 and at most {MAX_EXCHANGE_RATE}",
                "exchangeRate",
            )
        ]
    if decimal_places(rate) > EXCHANGE_RATE_DECIMALS:
        return [
            problem(
                ErrorCode.INVALID,
                f"exchangeRate: at most {EXCHANGE_RATE_DECIMALS} decimal places",
                "exchangeRate",
            )
        ]
    if currency == workspace_currency and rate != 1:
        return [
            problem(
                ErrorCode.INVALID,
                "exchangeRate: must be 1 (or left out) when the payment is in the workspace's"
                " currency",
                "exchangeRate",
            )
        ]
    return []


def in_workspace_currency(
    amount: Decimal, rate: Decimal | None, workspace_currency: str
) -> Decimal:
    """The amount as the workspace's balance counts it (rounded to its minor unit)."""
    return quantize(amount * (rate or Decimal(1)), workspace_currency)


@dataclass(frozen=True)
class Shape:
    """What decides which fields a new payment must or must not carry."""

    type: PaymentType
    mode: PaymentMode
    amount: Decimal
    tds: Decimal
    transaction_charge: Decimal
    bank_name: str | None
    refund_reason: str | None
    allocations: Sequence[tuple[int, Decimal]] | None


def shape_problems(shape: Shape, currency: str) -> list[UserError]:
    """Fields by type and mode: bank for cheque/wire, reason for refunds, allocations."""
    found = money_problems(shape.amount, currency, "amount", positive=True)
    found += money_problems(shape.tds, currency, "tds", positive=False)
    found += money_problems(shape.transaction_charge, currency, "transactionCharge", positive=False)
    if shape.mode in BANK_REQUIRED and not shape.bank_name:
        label = shape.mode.value.lower().replace("_", " ")
        found.append(
            problem(ErrorCode.REQUIRED, f"bankName: required for a {label} payment", "bankName")
        )
    refund = shape.type is PaymentType.REFUND
    if shape.mode is PaymentMode.TO_FUNDS and not refund:
        found.append(
            problem(ErrorCode.INVALID, "mode: TO_FUNDS is only for a refund to the balance", "mode")
        )
    if refund and not shape.refund_reason:
        found.append(
            problem(ErrorCode.REQUIRED, "refundReason: a refund needs a reason", "refundReason")
        )
    if not refund and shape.refund_reason:
        found.append(
            problem(ErrorCode.INVALID, "refundReason: only a refund has a reason", "refundReason")
        )
    return found + allocation_shape_problems(shape, currency)


def allocation_shape_problems(shape: Shape, currency: str) -> list[UserError]:
    """AGAINST_INVOICE spreads amount + TDS + charge over its invoices; no other type may."""
    against = shape.type is PaymentType.AGAINST_INVOICE
    if not against:
        if shape.allocations:
            return [
                problem(
                    ErrorCode.INVALID,
                    "allocations: only an AGAINST_INVOICE payment applies to invoices",
                    "allocations",
                )
            ]
        return []
    if not shape.allocations:
        return [
            problem(
                ErrorCode.REQUIRED,
                "allocations: name the invoices this payment settles",
                "allocations",
            )
        ]
    found: list[UserError] = []
    seen: set[int] = set()
    for index, (invoice_id, amount) in enumerate(shape.allocations):
        at = ("allocations", str(index))
        found += [
            problem(e.code, f"allocations.{index}.{e.message}", *at, "amount")
            for e in money_problems(amount, currency, "amount", positive=True)
        ]
        if invoice_id in seen:
            found.append(
                problem(
                    ErrorCode.INVALID,
                    f"allocations.{index}.invoiceId: invoice {invoice_id} is named twice",
                    *at,
                    "invoiceId",
                )
            )
        seen.add(invoice_id)
    if not found:
        found += sum_problems(shape, shape.amount)
    return found


def sum_problems(shape: Shape, amount: Decimal, field: str = "allocations") -> list[UserError]:
    """amount + TDS + transaction charge must equal what the allocations apply."""
    allocated = sum((a for _, a in shape.allocations or ()), ZERO)
    settles = amount + shape.tds + shape.transaction_charge
    if settles == allocated:
        return []
    return [
        problem(
            ErrorCode.INVALID,
            f"{field}: amount + tds + transactionCharge ({settles}) must equal the sum of the"
            f" allocations ({allocated})",
            field,
        )
    ]


@dataclass(frozen=True)
class InvoiceBalance:
    """An invoice as an allocation sees it, read under its row lock."""

    id: int
    workspace_id: int
    status: InvoiceStatus
    currency: str
    amount: Decimal
    paid: Decimal
    reserved: Decimal  # what PROCESSING payments already apply to it

    @property
    def open_amount(self) -> Decimal:
        return self.amount - self.paid - self.reserved


def allocation_problems(
    allocations: Sequence[tuple[int, Decimal]],
    invoices: Mapping[int, InvoiceBalance],
    workspace_id: int,
    currency: str,
) -> list[UserError]:
    """Each invoice is the payer's, payable, in the payment's currency, and not overpaid.

    A foreign invoice reads exactly like a missing one (NOT_FOUND).
    """
    found: list[UserError] = []
    for index, (invoice_id, amount) in enumerate(allocations):
        at = ("allocations", str(index))
        prefix = f"allocations.{index}"
        invoice = invoices.get(invoice_id)
        if invoice is None or invoice.workspace_id != workspace_id:
            found.append(
                problem(
                    ErrorCode.NOT_FOUND,
                    f"{prefix}.invoiceId: no invoice {invoice_id} of this workspace",
                    *at,
                    "invoiceId",
                )
            )
        elif invoice.status not in PAYABLE_INVOICE:
            found.append(
                problem(
                    ErrorCode.INVALID_STATE,
                    f"{prefix}.invoiceId: invoice {invoice_id} is"
                    f" {invoice.status.value.lower().replace('_', ' ')}; only an approved,"
                    " unpaid invoice takes payments",
                    *at,
                    "invoiceId",
                )
            )
        elif invoice.currency != currency:
            found.append(
                problem(
                    ErrorCode.INVALID,
                    f"{prefix}.invoiceId: invoice {invoice_id} is in {invoice.currency}, the"
                    f" payment in {currency}",
                    *at,
                    "invoiceId",
                )
            )
        elif amount > invoice.open_amount:
            found.append(
                problem(
                    ErrorCode.OVERPAYMENT,
                    f"{prefix}.amount: {amount} is more than the {invoice.open_amount} still open"
                    f" on invoice {invoice_id}",
                    *at,
                    "amount",
                )
            )
    return found


def refund_problems(amount: Decimal, balance: Decimal, reserved: Decimal) -> list[UserError]:
    """A refund never asks for more than the balance minus the refunds already in progress."""
    available = balance - reserved
    if amount <= available:
        return []
    return [
        problem(
            ErrorCode.INSUFFICIENT_FUNDS,
            f"amount: is more than the available balance ({max(available, ZERO)})",
            "amount",
        )
    ]


def paypal_fee(amount: Decimal, percentage: Decimal, currency: str) -> Decimal:
    """PayPal's fee on an amount, rounded to the currency with the service's rounding rule."""
    return quantize(amount * percentage / 100, currency)
