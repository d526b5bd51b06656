"""Validated forms of the invoice mutations' inputs."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from typing import Annotated

from pydantic import BeforeValidator, Field, StringConstraints, ValidationInfo, field_validator

from finance_graphql.core.ids import parse_id
from finance_graphql.core.money import decimal_places
from finance_graphql.core.validation import Command
from finance_graphql.workspaces.schemas import Email, WorkspaceId

# Wide enough for any real bill, narrow enough that 500 lines plus taxes fit numeric(20, 4).
MAX_LINE_AMOUNT = Decimal(10) ** 13
MAX_LINES = 500
MAX_TERM_DAYS = 3650


def _record_id(kind: str) -> BeforeValidator:
    def parse(value: object) -> int:
        number = parse_id(value)
        if number is None:
            raise ValueError(f'must be the id of {kind}, such as "1042"')
        return number

    return BeforeValidator(parse)


def _blank_to_none(value: object) -> object:
    return None if isinstance(value, str) and not value.strip() else value


InvoiceId = Annotated[int, _record_id("an invoice")]
TaxId = Annotated[int, _record_id("a tax")]
Name = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]
Note = Annotated[
    Annotated[str, StringConstraints(strip_whitespace=True, max_length=1000)] | None,
    BeforeValidator(_blank_to_none),
]
TermDays = Annotated[int, Field(ge=0, le=MAX_TERM_DAYS)]


class InvoiceLine(Command):
    description: Annotated[
        str, StringConstraints(strip_whitespace=True, min_length=1, max_length=500)
    ]
    amount: Annotated[Decimal, Field(ge=0, lt=MAX_LINE_AMOUNT)]


class CreateInvoice(Command):
    ow_id: WorkspaceId
    name: Name
    period_from: dt.date
    period_to: dt.date
    payment_term_days: TermDays
    lines: list[InvoiceLine]

    @field_validator("period_to")
    @classmethod
    def _period_in_order(cls, value: dt.date, info: ValidationInfo) -> dt.date:
        start = info.data.get("period_from")
        if start is not None and value < start:
            raise ValueError("must be on or after periodFrom")
        return value

    @field_validator("lines")
    @classmethod
    def _some_lines(cls, value: list[InvoiceLine]) -> list[InvoiceLine]:
        if not value:
            raise ValueError("an invoice needs at least one line")
        if len(value) > MAX_LINES:
            raise ValueError(f"an invoice has at most {MAX_LINES} lines")
        return value


class InvoiceAction(Command):
    invoice_id: InvoiceId
    action_note: Note = None


class AddInvoiceTax(Command):
    """A tax given either as a rate (percent of the lines' total) or as a fixed amount."""

    invoice_id: InvoiceId
    name: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=100)]
    rate: Annotated[Decimal, Field(gt=0, le=100)] | None = None
    amount: Annotated[Decimal, Field(ge=0, lt=MAX_LINE_AMOUNT)] | None = None

    @field_validator("rate")
    @classmethod
    def _rate_precision(cls, value: Decimal | None) -> Decimal | None:
        if value is not None and decimal_places(value) > 4:
            raise ValueError("has at most 4 decimals")
        return value


class DeleteInvoiceTax(Command):
    tax_id: TaxId


_SWIFT = re.compile(r"^[A-Z]{6}[A-Z0-9]{2}([A-Z0-9]{3})?$")
_WEBSITE = re.compile(r"^(https?://)?[^\s/]+\.[^\s]+$", re.IGNORECASE)


def _swift(value: object) -> object:
    if isinstance(value, str):
        code = value.strip().upper()
        if not _SWIFT.match(code):
            raise ValueError("must be a SWIFT/BIC code of 8 or 11 letters and digits")
        return code
    return value


def _website(value: object) -> object:
    if isinstance(value, str) and not _WEBSITE.match(value.strip()):
        raise ValueError("must be a web address, such as www.example.com")
    return value


def _limit(max_length: int) -> StringConstraints:
    return StringConstraints(strip_whitespace=True, max_length=max_length)


# Optional settings text: blank text clears a setting, like null.
Short = Annotated[Annotated[str, _limit(200)] | None, BeforeValidator(_blank_to_none)]
Long = Annotated[Annotated[str, _limit(2000)] | None, BeforeValidator(_blank_to_none)]
Code = Annotated[Annotated[str, _limit(64)] | None, BeforeValidator(_blank_to_none)]
Website = Annotated[
    Annotated[str, _limit(200), BeforeValidator(_website)] | None, BeforeValidator(_blank_to_none)
]
Swift = Annotated[Annotated[str, BeforeValidator(_swift)] | None, BeforeValidator(_blank_to_none)]
OptionalEmail = Annotated[Email | None, BeforeValidator(_blank_to_none)]


class UpdateInvoiceSettings(Command):
    """The organization's invoice template. Omitted fields keep their value; null clears one."""

    invoice_title: Short = None
    company_name: Short = None
    company_address: Long = None
    email: OptionalEmail = None
    website: Website = None
    invoice_description: Long = None
    terms_and_conditions: Long = None
    payment_term_days: TermDays | None = None
    invoice_footer: Long = None
    paypal_account_id: Short = None
    cheque_company_name: Short = None
    cheque_company_address: Long = None
    wire_transfer_company_name: Short = None
    bank_name: Short = None
    account_number: Code = None
    bank_address: Long = None
    swift_code: Swift = None
    routing: Code = None
    company_tax_id: Code = None
    company_tax_name: Code = None
