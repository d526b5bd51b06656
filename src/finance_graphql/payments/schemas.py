"""Validated forms of the payment mutations' inputs.

Field-by-field checks live here; the rules that look at several fields (bank for cheque, sum of
allocations, ...) are in `rules`, and those that need the database in the service.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from decimal import Decimal
from typing import Annotated

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field

from finance_graphql.core.ids import parse_id
from finance_graphql.core.money import is_currency
from finance_graphql.core.validation import Command
from finance_graphql.lookups.catalog import PaymentMode, PaymentType
from finance_graphql.payments.proofs import ProofFile
from finance_graphql.workspaces.schemas import WorkspaceId

MAX_ALLOCATIONS = 100
MAX_ATTRIBUTES = 50


def _record_id(what: str) -> Callable[[object], int]:
    def parse(value: object) -> int:
        number = parse_id(value)
        if number is None:
            raise ValueError(f'must be the id of {what}, such as "202318"')
        return number

    return parse


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def _plain(text: str) -> str:
    """Refuse control characters (PostgreSQL text cannot even hold NUL); tabs and newlines pass."""
    if _CONTROL.search(text):
        raise ValueError("must not contain control characters")
    return text


def _text(max_length: int) -> Callable[[object], str | None]:
    """Trimmed text; blank means not given."""

    def clean(value: object) -> str | None:
        if value is None:
            return None
        text = _plain(str(value).strip())
        if len(text) > max_length:
            raise ValueError(f"must be at most {max_length} characters")
        return text or None

    return clean


def _key(value: object) -> str | None:
    """An idempotency key: 1 to 200 characters as sent (blank is refused, not ignored)."""
    if value is None:
        return None
    text = _plain(str(value))
    if not text.strip() or len(text) > 200:
        raise ValueError("must be 1 to 200 characters")
    return text


def _optional_currency(value: object) -> str | None:
    """An ISO 4217 code; blank means the workspace's currency."""
    code = str(value or "").strip().upper()
    if not code:
        return None
    if not is_currency(code):
        raise ValueError("must be an ISO 4217 currency code, such as USD")
    return code


def _attribute_name(value: object) -> str:
    text = _plain(str(value).strip())
    if not 1 <= len(text) <= 100:
        raise ValueError("must be 1 to 100 characters")
    return text


def _unique_names(attributes: list[CustomAttribute] | None) -> list[CustomAttribute] | None:
    names = [a.name.lower() for a in attributes or ()]
    if len(names) != len(set(names)):
        raise ValueError("each name may appear once")
    return attributes


InvoiceId = Annotated[int, BeforeValidator(_record_id("an invoice"))]
PaymentId = Annotated[int, BeforeValidator(_record_id("a payment"))]
ShortText = Annotated[str | None, BeforeValidator(_text(200))]
LongText = Annotated[str | None, BeforeValidator(_text(2000))]
IdempotencyKey = Annotated[str | None, BeforeValidator(_key)]


class Allocation(BaseModel):
    """An amount applied to one invoice."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    invoice_id: InvoiceId
    amount: Decimal


class CustomAttribute(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    name: Annotated[str, BeforeValidator(_attribute_name)]
    value: Annotated[
        str, BeforeValidator(lambda v: _plain("" if v is None else str(v).strip()))
    ] = Field(max_length=1000)


class AddPayment(Command):
    ow_id: WorkspaceId
    type: PaymentType
    mode: PaymentMode
    amount: Decimal
    payment_date: dt.date
    tds: Annotated[Decimal, BeforeValidator(lambda v: Decimal(0) if v is None else v)] = Decimal(0)
    transaction_charge: Annotated[
        Decimal, BeforeValidator(lambda v: Decimal(0) if v is None else v)
    ] = Decimal(0)
    transaction_id: ShortText = None
    bank_name: ShortText = None
    refund_reason: LongText = None
    notes: LongText = None
    allocations: list[Allocation] | None = Field(default=None, max_length=MAX_ALLOCATIONS)
    custom_attributes: Annotated[list[CustomAttribute] | None, AfterValidator(_unique_names)] = (
        Field(default=None, max_length=MAX_ATTRIBUTES)
    )
    currency: Annotated[str | None, BeforeValidator(_optional_currency)] = None
    exchange_rate: Decimal | None = None
    idempotency_key: IdempotencyKey = None
    proof: ProofFile | None = None

    @property
    def allocation_pairs(self) -> list[tuple[int, Decimal]] | None:
        if self.allocations is None:
            return None
        return [(a.invoice_id, a.amount) for a in self.allocations]


class EditPayment(Command):
    payment_id: PaymentId
    version: int = Field(ge=1)
    amount: Decimal | None = None
    payment_date: dt.date | None = None
    transaction_id: ShortText = None
    bank_name: ShortText = None


class PaymentAction(Command):
    payment_id: PaymentId
    action_note: LongText = None


class MarkReconciled(Command):
    payment_id: PaymentId
    reconciled: bool


class StartPaypalPayment(Command):
    ow_id: WorkspaceId
    amount: Decimal
    idempotency_key: IdempotencyKey = None
