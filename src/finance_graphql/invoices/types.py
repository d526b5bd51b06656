"""GraphQL types of invoices."""

from __future__ import annotations

import dataclasses
import datetime as dt
from decimal import Decimal

import strawberry

from finance_graphql.context import Context
from finance_graphql.core.money import quantize
from finance_graphql.invoices import settlement
from finance_graphql.invoices.items import LineRow, TaxRow
from finance_graphql.invoices.loaders import (
    load_invoice_lines,
    load_invoice_taxes,
    load_user_emails,
)
from finance_graphql.invoices.repository import InvoiceRow
from finance_graphql.invoices.template import InvoiceSettingsRow
from finance_graphql.lookups.catalog import InvoiceStatus
from finance_graphql.payments.loaders import load_invoice_payments
from finance_graphql.payments.types import Payment
from finance_graphql.workspaces.types import Workspace, referenced_workspace


@strawberry.type(description="One line item of an invoice.")
class InvoiceLine:
    row: strawberry.Private[LineRow]
    currency: strawberry.Private[str]

    @strawberry.field
    def id(self) -> strawberry.ID:
        return strawberry.ID(str(self.row.id))

    @strawberry.field(description="1 for the first line, in the order given at creation.")
    def position(self) -> int:
        return self.row.position

    @strawberry.field
    def description(self) -> str:
        return self.row.description

    @strawberry.field
    def amount(self) -> Decimal:
        return quantize(self.row.amount, self.currency)


@strawberry.type(description="A tax on an invoice; its id is what deleteInvoiceTax takes.")
class InvoiceTax:
    row: strawberry.Private[TaxRow]
    currency: strawberry.Private[str]

    @strawberry.field
    def id(self) -> strawberry.ID:
        return strawberry.ID(str(self.row.id))

    @strawberry.field(description="Such as GST or VAT.")
    def name(self) -> str:
        return self.row.name

    @strawberry.field(description="Percent of the lines' total; null for a fixed amount.")
    def rate(self) -> Decimal | None:
        return self.row.rate.normalize() if self.row.rate is not None else None

    @strawberry.field
    def amount(self) -> Decimal:
        return quantize(self.row.amount, self.currency)

    @strawberry.field
    def created_at(self) -> dt.datetime:
        return self.row.created_at


@strawberry.type(description="A bill to a workspace for a period: its lines, taxes and status.")
class Invoice:
    row: strawberry.Private[InvoiceRow]

    @strawberry.field
    def id(self) -> strawberry.ID:
        return strawberry.ID(str(self.row.id))

    @strawberry.field(description="The billed workspace (a customer, usually).")
    async def workspace(self, info: strawberry.Info[Context]) -> Workspace:
        return await referenced_workspace(info, self.row.workspace_id)

    @strawberry.field
    def name(self) -> str:
        return self.row.name

    @strawberry.field(description="First day of the billed period.")
    def period_from(self) -> dt.date:
        return self.row.period_from

    @strawberry.field(description="Last day of the billed period.")
    def period_to(self) -> dt.date:
        return self.row.period_to

    @strawberry.field(description="The day it was approved; null while PENDING.")
    def issued_on(self) -> dt.date | None:
        return self.row.issued_on

    @strawberry.field(description="issuedOn + paymentTermDays; null while PENDING.")
    def due_on(self) -> dt.date | None:
        return self.row.due_on

    @strawberry.field(description="Days to pay after issue: Net 7/15/30/45/60/90/120 or custom.")
    def payment_term_days(self) -> int:
        return self.row.payment_term_days

    @strawberry.field(description="ISO 4217 code of the invoice's money (the billed workspace's).")
    def currency(self) -> str:
        return self.row.currency

    @strawberry.field(description="The line items, in order.")
    async def lines(self, info: strawberry.Info[Context]) -> list[InvoiceLine]:
        rows = await info.context.loader(load_invoice_lines).load(self.row.id)
        return [InvoiceLine(row=r, currency=self.row.currency) for r in rows]

    @strawberry.field(description="Taxes added to the lines' total, oldest first.")
    async def taxes(self, info: strawberry.Info[Context]) -> list[InvoiceTax]:
        rows = await info.context.loader(load_invoice_taxes).load(self.row.id)
        return [InvoiceTax(row=r, currency=self.row.currency) for r in rows]

    @strawberry.field(description="Sum of the lines plus taxes.")
    def amount(self) -> Decimal:
        return quantize(self.row.amount, self.row.currency)

    @strawberry.field(description="What paid payments and applied credit have settled.")
    def paid_amount(self) -> Decimal:
        return quantize(self.row.paid_amount, self.row.currency)

    @strawberry.field(description="amount - paidAmount.")
    def outstanding(self) -> Decimal:
        return quantize(self.row.outstanding, self.row.currency)

    @strawberry.field(
        description="OVERDUE when UNPAID or PARTIALLY_PAID past the due date; else as stored."
    )
    def status(self) -> InvoiceStatus:
        return settlement.reads_as(self.row.status, self.row.due_on)

    @strawberry.field(description="The note given with the last approval or cancellation.")
    def action_note(self) -> str | None:
        return self.row.action_note

    @strawberry.field(description="E-mail of who last changed the status.")
    async def status_updated_by(self, info: strawberry.Info[Context]) -> str | None:
        if self.row.status_updated_by is None:
            return None
        return await info.context.loader(load_user_emails).load(self.row.status_updated_by)

    @strawberry.field(description="Payments with an amount applied to this invoice, oldest first.")
    async def payments(self, info: strawberry.Info[Context]) -> list[Payment]:
        rows = await info.context.loader(load_invoice_payments).load(self.row.id)
        return [Payment(row=r) for r in rows]

    @strawberry.field
    def created_at(self) -> dt.datetime:
        return self.row.created_at

    @strawberry.field
    def modified_at(self) -> dt.datetime:
        return self.row.modified_at


@strawberry.type(
    description="An organization's invoice template: what its invoices say, and where to pay."
)
class InvoiceSettings:
    workspace_id: strawberry.Private[int]
    invoice_title: str | None
    company_name: str | None
    company_address: str | None
    email: str | None
    website: str | None
    invoice_description: str | None
    terms_and_conditions: str | None
    payment_term_days: int | None = strawberry.field(
        description="Default payment term of new invoices, in days."
    )
    invoice_footer: str | None
    paypal_account_id: str | None
    cheque_company_name: str | None
    cheque_company_address: str | None
    wire_transfer_company_name: str | None
    bank_name: str | None
    account_number: str | None
    bank_address: str | None
    swift_code: str | None
    routing: str | None
    company_tax_id: str | None
    company_tax_name: str | None
    created_at: dt.datetime
    modified_at: dt.datetime

    @classmethod
    def of(cls, row: InvoiceSettingsRow) -> InvoiceSettings:
        return cls(**dataclasses.asdict(row))

    @strawberry.field(description="The organization whose template this is.")
    async def workspace(self, info: strawberry.Info[Context]) -> Workspace:
        return await referenced_workspace(info, self.workspace_id)
