"""Validated forms of the credit mutations' inputs."""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated

from pydantic import AfterValidator, BeforeValidator

from finance_graphql.core.fields import RecordId, between, text_of
from finance_graphql.core.validation import Command
from finance_graphql.workspaces.schemas import Email, WorkspaceId

# Credits are money: positive, and bounded so that a typo cannot offer a fortune. Whether the
# decimals fit the customer's currency is checked by the service, which knows the currency.
CreditAmount = Annotated[Decimal, AfterValidator(between(0, 10**9, low_exclusive=True))]
Name = Annotated[str, BeforeValidator(text_of(200))]
TaxId = Annotated[str, BeforeValidator(text_of(50))]
Address = Annotated[str, BeforeValidator(text_of(500))]
# Blank first (REQUIRED), then the shape of an address (INVALID).
ContactEmail = Annotated[Email, BeforeValidator(text_of(254))]


class OfferCredit(Command):
    ow_id: WorkspaceId
    amount: CreditAmount
    idempotency_key: str | None = None


class UpdateCredit(Command):
    credit_id: RecordId
    amount: CreditAmount


class CreditAction(Command):
    credit_id: RecordId


class ClaimCredit(Command):
    """Every business detail is required and non-blank."""

    credit_id: RecordId
    customer_name: Name
    business_name: Name
    tax_id: TaxId
    contact_person_name: Name
    contact_person_email: ContactEmail
    incorporation_place: Name
    address: Address


class ApplyCredit(Command):
    credit_id: RecordId
    invoice_id: RecordId
    amount: CreditAmount
