"""GraphQL inputs and payloads of the payment mutations."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import strawberry

from finance_graphql.core.errors import UserError
from finance_graphql.core.scalars import Upload
from finance_graphql.lookups.catalog import PaymentMode, PaymentType
from finance_graphql.payments.types import Payment


@strawberry.input(description="An amount applied to one invoice of the payer.")
class AllocationInput:
    invoice_id: strawberry.ID
    amount: Decimal


@strawberry.input
class CustomAttributeInput:
    name: str
    value: str


@strawberry.input
class AddPaymentInput:
    ow_id: strawberry.ID = strawberry.field(description="Whose money it is.")
    type: PaymentType
    mode: PaymentMode
    amount: Decimal
    payment_date: dt.date
    tds: Decimal | None = strawberry.field(
        default=Decimal("0"), description="Tax deducted at source."
    )
    transaction_charge: Decimal | None = Decimal("0")
    transaction_id: str | None = None
    bank_name: str | None = strawberry.field(
        default=None, description="Required for CHEQUE and WIRE_TRANSFER."
    )
    refund_reason: str | None = strawberry.field(default=None, description="Required for REFUND.")
    notes: str | None = None
    allocations: list[AllocationInput] | None = strawberry.field(
        default=None,
        description="AGAINST_INVOICE only; amount + tds + transactionCharge = sum of allocations.",
    )
    proof: Upload | None = strawberry.field(
        default=None, description="Proof of payment: a JPEG, PNG or PDF file (multipart request)."
    )
    idempotency_key: str | None = strawberry.field(
        default=None, description="A retry with the same key returns the first payment."
    )
    custom_attributes: list[CustomAttributeInput] | None = None
    currency: str | None = strawberry.field(
        default=None, description="ISO 4217; default: the workspace's (other: AS_FUND only)."
    )
    exchange_rate: Decimal | None = strawberry.field(
        default=None,
        description="Workspace-currency units per unit of `currency`; required when they differ.",
    )


@strawberry.input(description="Fields left out keep their value.")
class EditPaymentInput:
    payment_id: strawberry.ID
    version: int = strawberry.field(description="The version read; a stale one is a CONFLICT.")
    amount: Decimal | None = strawberry.UNSET
    payment_date: dt.date | None = strawberry.UNSET
    transaction_id: str | None = strawberry.UNSET
    bank_name: str | None = strawberry.UNSET


@strawberry.input
class PaymentActionInput:
    payment_id: strawberry.ID
    action_note: str | None = None


@strawberry.input
class MarkPaymentReconciledInput:
    payment_id: strawberry.ID
    reconciled: bool


@strawberry.input
class StartPaypalPaymentInput:
    ow_id: strawberry.ID
    amount: Decimal = strawberry.field(description="What reaches the balance; the fee is on top.")
    idempotency_key: str | None = None


@strawberry.type
class PaymentPayload:
    payment: Payment | None = None
    user_errors: list[UserError] = strawberry.field(default_factory=list)


@strawberry.type(description="A started PayPal payment: where to pay, and how much in all.")
class PaypalPaymentPayload:
    payment: Payment | None = None
    checkout_url: str | None = strawberry.field(
        default=None, description="The PayPal checkout link for the payer."
    )
    fee: Decimal | None = strawberry.field(
        default=None, description="PayPal's fee: the fee percentage of the amount."
    )
    total: Decimal | None = strawberry.field(
        default=None, description="What the payer is charged: amount + fee."
    )
    user_errors: list[UserError] = strawberry.field(default_factory=list)
