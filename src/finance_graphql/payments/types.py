"""GraphQL types of payments; nested fields resolve through dataloaders."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from enum import Enum
from typing import TYPE_CHECKING, Annotated

import strawberry

from finance_graphql.context import Context
from finance_graphql.core.money import ZERO, quantize
from finance_graphql.invoices.loaders import load_invoices
from finance_graphql.lookups.catalog import PaymentMode, PaymentStatus, PaymentType
from finance_graphql.payments.loaders import load_allocations, load_has_proof, load_user_emails
from finance_graphql.payments.repository import AllocationRow, PaymentRow
from finance_graphql.workspaces.types import Workspace, referenced_workspace

if TYPE_CHECKING:
    from finance_graphql.invoices.types import Invoice

PROOF_PATH = "/payments/{id}/proof"


@strawberry.enum(description="Whether a payment has been matched with the bank's records.")
class ReconcileStatus(Enum):
    UNRECONCILED = "UNRECONCILED"
    RECONCILED = "RECONCILED"


@strawberry.type(description="A name and value the payer or manager attached to a payment.")
class CustomAttribute:
    name: str
    value: str


@strawberry.type(description="What a payment applies to one invoice.")
class PaymentAllocation:
    row: strawberry.Private[AllocationRow]
    currency: strawberry.Private[str]

    @strawberry.field
    async def invoice(
        self, info: strawberry.Info[Context]
    ) -> Annotated[Invoice, strawberry.lazy("finance_graphql.invoices.types")]:
        from finance_graphql.invoices.types import Invoice

        row = await info.context.loader(load_invoices).load(self.row.invoice_id)
        assert row is not None  # a foreign key: the invoice exists
        return Invoice(row=row)

    @strawberry.field(description="The amount applied to the invoice.")
    def amount(self) -> Decimal:
        return quantize(self.row.amount, self.currency)


@strawberry.type(
    description="Money paid in (AS_FUND), against invoices (AGAINST_INVOICE) or refunded (REFUND)."
)
class Payment:
    row: strawberry.Private[PaymentRow]

    @strawberry.field
    def id(self) -> strawberry.ID:
        return strawberry.ID(str(self.row.id))

    @strawberry.field(description="A stable unique id, for integrations.")
    def uuid(self) -> str:
        return self.row.uuid

    @strawberry.field(description="Grows with every change; editPayment takes the one it read.")
    def version(self) -> int:
        return self.row.version

    @strawberry.field(description="Whose money it is.")
    async def workspace(self, info: strawberry.Info[Context]) -> Workspace:
        return await referenced_workspace(info, self.row.workspace_id)

    @strawberry.field
    def type(self) -> PaymentType:
        return self.row.type

    @strawberry.field
    def status(self) -> PaymentStatus:
        return self.row.status

    @strawberry.field
    def mode(self) -> PaymentMode:
        return self.row.mode

    @strawberry.field(description="ISO 4217 code of the payment's money.")
    def currency(self) -> str:
        return self.row.currency

    @strawberry.field(
        description="Workspace-currency units per unit of the payment's currency; null when the"
        " payment is in the workspace's currency."
    )
    def exchange_rate(self) -> Decimal | None:
        rate = self.row.exchange_rate
        return rate.normalize() if rate is not None else None

    @strawberry.field(description="The amount received (for PayPal: before its fee).")
    def amount(self) -> Decimal:
        return quantize(self.row.amount, self.row.currency)

    @strawberry.field(description="Tax deducted at source; counts towards settling invoices.")
    def tds(self) -> Decimal:
        return quantize(self.row.tds, self.row.currency)

    @strawberry.field(
        description="Charge of the transfer (PayPal: its fee); counts towards invoices."
    )
    def transaction_charge(self) -> Decimal:
        return quantize(self.row.transaction_charge, self.row.currency)

    @strawberry.field(description="What the allocations apply to invoices in all.")
    async def total_applied(self, info: strawberry.Info[Context]) -> Decimal:
        allocations = await info.context.loader(load_allocations).load(self.row.id)
        return quantize(sum((a.amount for a in allocations), ZERO), self.row.currency)

    @strawberry.field
    def payment_date(self) -> dt.date:
        return self.row.payment_date

    @strawberry.field(description="Transaction id or reference (PayPal: the checkout token).")
    def transaction_id(self) -> str | None:
        return self.row.transaction_id

    @strawberry.field(description="Required for cheque and wire transfer payments.")
    def bank_name(self) -> str | None:
        return self.row.bank_name

    @strawberry.field
    def refund_reason(self) -> str | None:
        return self.row.refund_reason

    @strawberry.field
    def notes(self) -> str | None:
        return self.row.notes

    @strawberry.field(description="The note given with the approval, rejection or cancellation.")
    def action_note(self) -> str | None:
        return self.row.action_note

    @strawberry.field(description="E-mail of who approved, rejected or cancelled it.")
    async def status_updated_by_email(self, info: strawberry.Info[Context]) -> str | None:
        if self.row.status_updated_by is None:
            return None
        return await info.context.loader(load_user_emails).load(self.row.status_updated_by)

    @strawberry.field(description="When it was approved, rejected or cancelled.")
    def status_updated_at(self) -> dt.datetime | None:
        return self.row.status_updated_at

    @strawberry.field
    def reconcile_status(self) -> ReconcileStatus:
        return ReconcileStatus(self.row.reconcile_status)

    @strawberry.field
    def custom_attributes(self) -> list[CustomAttribute]:
        return [CustomAttribute(name=a.name, value=a.value) for a in self.row.custom_attributes]

    @strawberry.field(description="The invoices it settles and the amount applied to each.")
    async def allocations(self, info: strawberry.Info[Context]) -> list[PaymentAllocation]:
        rows = await info.context.loader(load_allocations).load(self.row.id)
        return [PaymentAllocation(row=r, currency=self.row.currency) for r in rows]

    @strawberry.field(description="E-mail of who recorded it.")
    async def created_by_email(self, info: strawberry.Info[Context]) -> str | None:
        if self.row.created_by is None:
            return None
        return await info.context.loader(load_user_emails).load(self.row.created_by)

    @strawberry.field(description="Whether a proof of payment was uploaded.")
    async def has_proof(self, info: strawberry.Info[Context]) -> bool:
        return await info.context.loader(load_has_proof).load(self.row.id)

    @strawberry.field(
        description="Where to GET the proof (same Authorization and X-IAA-OW-ID headers)."
    )
    async def proof_url(self, info: strawberry.Info[Context]) -> str | None:
        if not await info.context.loader(load_has_proof).load(self.row.id):
            return None
        return PROOF_PATH.format(id=self.row.id)

    @strawberry.field(description="PayPal: the checkout link the payer follows.")
    def checkout_url(self) -> str | None:
        return self.row.checkout_url

    @strawberry.field
    def created_at(self) -> dt.datetime:
        return self.row.created_at

    @strawberry.field
    def modified_at(self) -> dt.datetime:
        return self.row.modified_at
