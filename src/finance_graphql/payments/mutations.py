"""Payment mutations: add, edit, approve, reject, cancel, reconcile, start a PayPal payment."""

from __future__ import annotations

import asyncpg
import strawberry

from finance_graphql.context import Context
from finance_graphql.core.errors import UserError, UserErrors
from finance_graphql.core.money import quantize
from finance_graphql.core.mutations import mutate
from finance_graphql.core.validation import validate_input
from finance_graphql.payments import actions, schemas, service
from finance_graphql.payments.inputs import (
    AddPaymentInput,
    EditPaymentInput,
    MarkPaymentReconciledInput,
    PaymentActionInput,
    PaymentPayload,
    PaypalPaymentPayload,
    StartPaypalPaymentInput,
)
from finance_graphql.payments.proofs import checked_upload
from finance_graphql.payments.rules import Action
from finance_graphql.payments.types import Payment


def _refused(errors: list[UserError]) -> PaymentPayload:
    return PaymentPayload(user_errors=errors)


def _paypal_refused(errors: list[UserError]) -> PaypalPaymentPayload:
    return PaypalPaymentPayload(user_errors=errors)


async def _decide(
    info: strawberry.Info[Context], input: PaymentActionInput, action: Action
) -> PaymentPayload:
    viewer = info.context.viewer

    async def work(conn: asyncpg.Connection) -> PaymentPayload:
        command = validate_input(schemas.PaymentAction, input)
        row = await actions.decide(conn, viewer, command, action)
        return PaymentPayload(payment=Payment(row=row))

    return await mutate(info.context, work, _refused)


@strawberry.type
class PaymentMutations:
    @strawberry.mutation(
        description="Record a PROCESSING payment. A customer: AS_FUND or AGAINST_INVOICE for "
        "itself; an organization: AS_FUND for itself; an organization or super: any type for a "
        "workspace it manages (REFUND only so)."
    )
    async def add_payment(
        self, info: strawberry.Info[Context], input: AddPaymentInput
    ) -> PaymentPayload:
        viewer = info.context.viewer
        # Read once, before the transaction: a retried transaction must not read it again.
        proof = await checked_upload(input.proof, info.context.settings.max_upload_bytes)
        if isinstance(proof, UserErrors):
            return _refused(proof.errors)

        async def work(conn: asyncpg.Connection) -> PaymentPayload:
            command = validate_input(schemas.AddPayment, input, proof=proof)
            row = await service.add_payment(conn, viewer, command)
            return PaymentPayload(payment=Payment(row=row))

        return await mutate(info.context, work, _refused)

    @strawberry.mutation(
        description="Change a PROCESSING payment, giving the version read (stale: CONFLICT)."
    )
    async def edit_payment(
        self, info: strawberry.Info[Context], input: EditPaymentInput
    ) -> PaymentPayload:
        viewer = info.context.viewer

        async def work(conn: asyncpg.Connection) -> PaymentPayload:
            command = validate_input(schemas.EditPayment, input)
            row = await actions.edit_payment(conn, viewer, command)
            return PaymentPayload(payment=Payment(row=row))

        return await mutate(info.context, work, _refused)

    @strawberry.mutation(
        description="The manager accepts a PROCESSING payment: funds reach the balance, a refund "
        "leaves it, invoices are paid."
    )
    async def approve_payment(
        self, info: strawberry.Info[Context], input: PaymentActionInput
    ) -> PaymentPayload:
        return await _decide(info, input, Action.APPROVE)

    @strawberry.mutation(description="The manager refuses a PROCESSING payment.")
    async def reject_payment(
        self, info: strawberry.Info[Context], input: PaymentActionInput
    ) -> PaymentPayload:
        return await _decide(info, input, Action.REJECT)

    @strawberry.mutation(
        description="The payer's side or the manager withdraws a PROCESSING payment."
    )
    async def cancel_payment(
        self, info: strawberry.Info[Context], input: PaymentActionInput
    ) -> PaymentPayload:
        return await _decide(info, input, Action.CANCEL)

    @strawberry.mutation(
        description="The manager marks a paid payment reconciled with the bank (or not)."
    )
    async def mark_payment_reconciled(
        self, info: strawberry.Info[Context], input: MarkPaymentReconciledInput
    ) -> PaymentPayload:
        viewer = info.context.viewer

        async def work(conn: asyncpg.Connection) -> PaymentPayload:
            command = validate_input(schemas.MarkReconciled, input)
            row = await actions.mark_reconciled(conn, viewer, command)
            return PaymentPayload(payment=Payment(row=row))

        return await mutate(info.context, work, _refused)

    @strawberry.mutation(
        description="Start adding funds through PayPal: records a PROCESSING AS_FUND payment and "
        "returns the checkout link and the PayPal fee."
    )
    async def start_paypal_payment(
        self, info: strawberry.Info[Context], input: StartPaypalPaymentInput
    ) -> PaypalPaymentPayload:
        viewer = info.context.viewer
        settings = info.context.settings

        async def work(conn: asyncpg.Connection) -> PaypalPaymentPayload:
            command = validate_input(schemas.StartPaypalPayment, input)
            started = await service.start_paypal_payment(conn, viewer, command, settings)
            currency = started.payment.currency
            return PaypalPaymentPayload(
                payment=Payment(row=started.payment),
                checkout_url=started.payment.checkout_url,
                fee=quantize(started.fee, currency),
                total=quantize(started.total, currency),
            )

        return await mutate(info.context, work, _paypal_refused)
