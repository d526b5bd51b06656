"""GraphQL inputs and payloads of the invoice mutations."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import strawberry

from finance_graphql.core.errors import UserError
from finance_graphql.invoices.types import Invoice, InvoiceSettings


@strawberry.input
class InvoiceLineInput:
    description: str
    amount: Decimal


@strawberry.input
class CreateInvoiceInput:
    ow_id: strawberry.ID = strawberry.field(description="The billed workspace.")
    name: str
    period_from: dt.date
    period_to: dt.date
    payment_term_days: int = strawberry.field(
        description="Net 7/15/30/45/60/90/120, or any custom number of days 0..3650."
    )
    lines: list[InvoiceLineInput]


@strawberry.input
class InvoiceActionInput:
    invoice_id: strawberry.ID
    action_note: str | None = None


@strawberry.input
class AddInvoiceTaxInput:
    invoice_id: strawberry.ID
    name: str
    rate: Decimal | None = strawberry.field(
        default=None, description="Percent of the lines' total (0 < rate <= 100); or amount."
    )
    amount: Decimal | None = strawberry.field(
        default=None, description="A fixed tax amount; or rate."
    )


@strawberry.input
class DeleteInvoiceTaxInput:
    tax_id: strawberry.ID


@strawberry.input(description="Fields left out keep their value; null or blank clears one.")
class UpdateInvoiceSettingsInput:
    invoice_title: str | None = strawberry.UNSET
    company_name: str | None = strawberry.UNSET
    company_address: str | None = strawberry.UNSET
    email: str | None = strawberry.UNSET
    website: str | None = strawberry.UNSET
    invoice_description: str | None = strawberry.UNSET
    terms_and_conditions: str | None = strawberry.UNSET
    payment_term_days: int | None = strawberry.UNSET
    invoice_footer: str | None = strawberry.UNSET
    paypal_account_id: str | None = strawberry.UNSET
    cheque_company_name: str | None = strawberry.UNSET
    cheque_company_address: str | None = strawberry.UNSET
    wire_transfer_company_name: str | None = strawberry.UNSET
    bank_name: str | None = strawberry.UNSET
    account_number: str | None = strawberry.UNSET
    bank_address: str | None = strawberry.UNSET
    swift_code: str | None = strawberry.UNSET
    routing: str | None = strawberry.UNSET
    company_tax_id: str | None = strawberry.UNSET
    company_tax_name: str | None = strawberry.UNSET


@strawberry.type
class InvoicePayload:
    invoice: Invoice | None = None
    user_errors: list[UserError] = strawberry.field(default_factory=list)


@strawberry.type
class InvoiceSettingsPayload:
    invoice_settings: InvoiceSettings | None = None
    user_errors: list[UserError] = strawberry.field(default_factory=list)
