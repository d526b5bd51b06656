"""Credit mutations: offerCredit, updateCredit, revokeCredit, claimCredit, applyCredit."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import strawberry
from pydantic import BaseModel

from finance_graphql.context import Context
from finance_graphql.core.errors import UserError
from finance_graphql.core.mutations import run_command
from finance_graphql.credits import schemas, service
from finance_graphql.credits.types import Credit


@strawberry.input(description="Offer credit to a customer; a retry with the same key is a no-op.")
class OfferCreditInput:
    ow_id: strawberry.ID
    amount: Decimal
    idempotency_key: str | None = None


@strawberry.input(description="New amount of an UNCLAIMED credit.")
class UpdateCreditInput:
    credit_id: strawberry.ID
    amount: Decimal


@strawberry.input
class CreditActionInput:
    credit_id: strawberry.ID


@strawberry.input(description="The customer's business details, all required.")
class ClaimCreditInput:
    credit_id: strawberry.ID
    customer_name: str
    business_name: str
    tax_id: str
    contact_person_name: str
    contact_person_email: str
    incorporation_place: str
    address: str


@strawberry.input(description="Apply part of a CLAIMED credit to an approved invoice.")
class ApplyCreditInput:
    credit_id: strawberry.ID
    invoice_id: strawberry.ID
    amount: Decimal


@strawberry.type
class CreditPayload:
    credit: Credit | None = None
    user_errors: list[UserError] = strawberry.field(default_factory=list)


def _refused(errors: list[UserError]) -> CreditPayload:
    return CreditPayload(user_errors=errors)


async def _run(
    info: strawberry.Info[Context], model: type[BaseModel], step: Any, data: object
) -> CreditPayload:
    return await run_command(
        info.context, model, data, step, lambda row: CreditPayload(credit=Credit(row=row)), _refused
    )


@strawberry.type
class CreditMutations:
    @strawberry.mutation(description="Organization (or super): offer credit to a customer.")
    async def offer_credit(
        self, info: strawberry.Info[Context], input: OfferCreditInput
    ) -> CreditPayload:
        return await _run(info, schemas.OfferCredit, service.offer, input)

    @strawberry.mutation(description="Organization (or super): change an UNCLAIMED credit.")
    async def update_credit(
        self, info: strawberry.Info[Context], input: UpdateCreditInput
    ) -> CreditPayload:
        return await _run(info, schemas.UpdateCredit, service.update, input)

    @strawberry.mutation(description="Organization (or super): revoke an UNCLAIMED credit.")
    async def revoke_credit(
        self, info: strawberry.Info[Context], input: CreditActionInput
    ) -> CreditPayload:
        return await _run(info, schemas.CreditAction, service.revoke, input)

    @strawberry.mutation(
        description="The customer: claim a credit offered to it; the amount enters its balance."
    )
    async def claim_credit(
        self, info: strawberry.Info[Context], input: ClaimCreditInput
    ) -> CreditPayload:
        return await _run(info, schemas.ClaimCredit, service.claim, input)

    @strawberry.mutation(
        description="The customer (or its organization): apply claimed credit to an invoice; "
        "the amount leaves the balance and settles the invoice."
    )
    async def apply_credit(
        self, info: strawberry.Info[Context], input: ApplyCreditInput
    ) -> CreditPayload:
        return await _run(info, schemas.ApplyCredit, service.apply, input)
