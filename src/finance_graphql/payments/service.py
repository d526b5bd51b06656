"""Recording payments: addPayment and startPaypalPayment. Takes a connection; never commits.

Every new payment is PROCESSING. An AGAINST_INVOICE payment reserves what it applies to each
invoice (checked under the invoices' locks) and moves them to PROCESSING; a REFUND reserves part
of the balance (checked under the balance's lock). Money moves only on approval (`actions`).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

import asyncpg

from finance_graphql.config import Settings
from finance_graphql.core import idempotency
from finance_graphql.core.errors import ErrorCode, UserError
from finance_graphql.core.tenancy import Viewer
from finance_graphql.ledger import repository as ledger
from finance_graphql.lookups.catalog import PaymentMode, PaymentType
from finance_graphql.payments import allocating, guards, paypal, repository, rules, writes
from finance_graphql.payments.guards import raise_if
from finance_graphql.payments.repository import Attribute, PaymentRow
from finance_graphql.payments.schemas import AddPayment, StartPaypalPayment
from finance_graphql.payments.writes import NewPayment
from finance_graphql.workspaces.repository import WorkspaceRow

ADD_SCOPE = "addPayment"
PAYPAL_SCOPE = "startPaypalPayment"


def _shape(command: AddPayment) -> rules.Shape:
    return rules.Shape(
        type=command.type,
        mode=command.mode,
        amount=command.amount,
        tds=command.tds,
        transaction_charge=command.transaction_charge,
        bank_name=command.bank_name,
        refund_reason=command.refund_reason,
        allocations=command.allocation_pairs,
    )


def _currency_problems(command: AddPayment, workspace: WorkspaceRow) -> list[UserError]:
    currency = command.currency or workspace.currency
    if command.type is not PaymentType.AS_FUND and currency != workspace.currency:
        # Invoices and the balance a refund draws on are in the workspace's currency.
        return [
            rules.problem(
                ErrorCode.INVALID,
                f"currency: a {command.type.value.lower().replace('_', ' ')} payment is in the"
                f" workspace's currency ({workspace.currency})",
                "currency",
            )
        ]
    return rules.exchange_problems(currency, workspace.currency, command.exchange_rate)


def _fingerprint(command: AddPayment) -> str:
    data = command.model_dump(mode="json", exclude={"idempotency_key", "proof"})
    data["proof"] = command.proof.digest if command.proof else None
    return idempotency.fingerprint(data)


async def _earlier(
    conn: asyncpg.Connection, workspace_id: int, scope: str, key: str | None, request_hash: str
) -> PaymentRow | None:
    """The payment an earlier request with this idempotency key made, if there was one."""
    if key is None:
        return None
    earlier_id = await idempotency.claim(conn, workspace_id, scope, key, request_hash)
    if earlier_id is None:
        return None
    row = await repository.by_id(conn, earlier_id)
    assert row is not None  # recorded in the transaction that made it
    return row


async def add_payment(conn: asyncpg.Connection, viewer: Viewer, command: AddPayment) -> PaymentRow:
    """Record a PROCESSING payment; a retry with the same idempotency key returns the first."""
    workspace = await guards.payer(conn, viewer, command.ow_id, command.type)
    currency = command.currency or workspace.currency
    raise_if(
        rules.shape_problems(_shape(command), currency) + _currency_problems(command, workspace)
    )
    key = command.idempotency_key
    earlier = await _earlier(conn, workspace.id, ADD_SCOPE, key, _fingerprint(command))
    if earlier is not None:
        return earlier
    allocations = command.allocation_pairs or []
    locked = (
        await allocating.reserve(conn, workspace.id, currency, allocations) if allocations else []
    )
    if command.type is PaymentType.REFUND:
        await reserve_refund(conn, workspace.id, command.amount)
    row = await writes.insert(
        conn,
        NewPayment(
            workspace_id=workspace.id,
            parent_id=workspace.parent_id,
            type=command.type,
            mode=command.mode,
            amount=command.amount,
            tds=command.tds,
            transaction_charge=command.transaction_charge,
            currency=currency,
            exchange_rate=command.exchange_rate,
            payment_date=command.payment_date,
            transaction_id=command.transaction_id,
            bank_name=command.bank_name,
            refund_reason=command.refund_reason,
            notes=command.notes,
            custom_attributes=tuple(
                Attribute(a.name, a.value) for a in command.custom_attributes or ()
            ),
            checkout_url=None,
            created_by=viewer.user_id,
        ),
    )
    if allocations:
        await writes.insert_allocations(conn, row.id, allocations)
        await allocating.refresh(conn, locked)
    if command.proof is not None:
        await writes.save_proof(conn, row.id, command.proof)
    if key is not None:
        await idempotency.record(conn, workspace.id, ADD_SCOPE, key, row.id)
    await allocating.announce(conn, row)
    return row


async def reserve_refund(
    conn: asyncpg.Connection, workspace_id: int, amount: Decimal, *, replacing: Decimal = Decimal(0)
) -> None:
    """Refuse a refund beyond the balance minus the refunds already in progress.

    The balance row is locked first, so concurrent refunds are checked one after another.
    `replacing` is what an edited refund reserved before the edit.
    """
    balance = await ledger.balance_for_update(conn, workspace_id)
    reserved = await repository.reserved_refunds(conn, workspace_id) - replacing
    raise_if(rules.refund_problems(amount, balance, reserved))


@dataclass(frozen=True)
class PaypalCheckout:
    """A started PayPal payment, its fee and what the payer is asked for (amount + fee)."""

    payment: PaymentRow
    fee: Decimal

    @property
    def total(self) -> Decimal:
        return self.payment.amount + self.fee


async def start_paypal_payment(
    conn: asyncpg.Connection, viewer: Viewer, command: StartPaypalPayment, settings: Settings
) -> PaypalCheckout:
    """Record a PROCESSING AS_FUND PayPal payment with its checkout link and fee."""
    workspace = await guards.payer(conn, viewer, command.ow_id, PaymentType.AS_FUND)
    raise_if(rules.money_problems(command.amount, workspace.currency, "amount", positive=True))
    key = command.idempotency_key
    request_hash = idempotency.fingerprint(
        command.model_dump(mode="json", exclude={"idempotency_key"})
    )
    earlier = await _earlier(conn, workspace.id, PAYPAL_SCOPE, key, request_hash)
    if earlier is not None:
        return PaypalCheckout(earlier, earlier.transaction_charge)
    percentage = await paypal.fee_percentage(conn, workspace.id)
    fee = rules.paypal_fee(command.amount, percentage, workspace.currency)
    token = paypal.new_token()
    row = await writes.insert(
        conn,
        NewPayment(
            workspace_id=workspace.id,
            parent_id=workspace.parent_id,
            type=PaymentType.AS_FUND,
            mode=PaymentMode.PAYPAL,
            amount=command.amount,
            tds=Decimal(0),
            transaction_charge=fee,
            currency=workspace.currency,
            exchange_rate=None,
            payment_date=dt.datetime.now(dt.UTC).date(),
            transaction_id=token,
            bank_name=None,
            refund_reason=None,
            notes=None,
            custom_attributes=(),
            checkout_url=paypal.checkout_url(settings.paypal_checkout_url, token),
            created_by=viewer.user_id,
        ),
    )
    if key is not None:
        await idempotency.record(conn, workspace.id, PAYPAL_SCOPE, key, row.id)
    await allocating.announce(conn, row)
    return PaypalCheckout(row, fee)
