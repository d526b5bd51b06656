"""Applying payments to invoices, under the invoices' row locks.

A PROCESSING payment reserves what it applies; a PAID one counts towards the paid amount. Both the
reservation (on add) and the payment (on approval) are checked with the invoices locked in id
order, so concurrent payments on one invoice queue and none sees a stale outstanding amount. The
paid amount and status then move together through `invoices.settlement.refresh`.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

import asyncpg

from finance_graphql.core import events
from finance_graphql.core.errors import UserError
from finance_graphql.core.money import ZERO
from finance_graphql.invoices import settlement
from finance_graphql.invoices.service import TOPIC as INVOICE_TOPIC
from finance_graphql.lookups.catalog import INVOICE_STATUSES
from finance_graphql.payments import rules
from finance_graphql.payments.guards import raise_if
from finance_graphql.payments.repository import AllocationRow, PaymentRow

PAYMENT_TOPIC = "payment"


def _balances(
    locked: Sequence[asyncpg.Record], reserved: dict[int, Decimal]
) -> dict[int, rules.InvoiceBalance]:
    return {
        r["id"]: rules.InvoiceBalance(
            id=r["id"],
            workspace_id=r["workspace_id"],
            status=INVOICE_STATUSES.member(r["status"]),
            currency=r["currency"].strip(),
            amount=r["amount"],
            paid=r["paid_amount"],
            reserved=reserved.get(r["id"], ZERO),
        )
        for r in locked
    }


async def reserve(
    conn: asyncpg.Connection,
    workspace_id: int,
    currency: str,
    allocations: list[tuple[int, Decimal]],
) -> list[asyncpg.Record]:
    """Lock the invoices and check a new payment's allocations against what is still open
    (outstanding minus what PROCESSING payments reserve); returns the locked invoices."""
    ids = [invoice_id for invoice_id, _ in allocations]
    locked = await settlement.lock(conn, ids)
    reserved = await settlement.reserved(conn, ids)
    raise_if(
        rules.allocation_problems(allocations, _balances(locked, reserved), workspace_id, currency)
    )
    return locked


async def settle(
    conn: asyncpg.Connection, payment: PaymentRow, allocations: list[AllocationRow]
) -> list[asyncpg.Record]:
    """On approval: lock the invoices and check the payment still does not overpay any of them
    (credit may have been applied since it was added); returns the locked invoices."""
    pairs = [(a.invoice_id, a.amount) for a in allocations]
    locked = await settlement.lock(conn, [a.invoice_id for a in allocations])
    found = rules.allocation_problems(
        pairs, _balances(locked, {}), payment.workspace_id, payment.currency
    )
    raise_if([_on_payment(problem) for problem in found])
    return locked


def _on_payment(problem: UserError) -> UserError:
    """A problem of an allocation, said of the payment being decided on."""
    return rules.problem(
        problem.code, f"paymentId: cannot be approved: {problem.message}", "paymentId"
    )


async def lock_invoices(
    conn: asyncpg.Connection, allocations: list[AllocationRow]
) -> list[asyncpg.Record]:
    """Lock the invoices a payment applies to (id order), before its status changes."""
    if not allocations:
        return []
    return await settlement.lock(conn, [a.invoice_id for a in allocations])


async def refresh(conn: asyncpg.Connection, locked: Sequence[asyncpg.Record]) -> list[int]:
    """Recompute the locked invoices' paid amount and status; announce those that changed."""
    changed = set(await settlement.refresh(conn, [r["id"] for r in locked]))
    for record in locked:
        if record["id"] in changed:
            await events.publish(
                conn, INVOICE_TOPIC, record["id"], record["workspace_id"], record["parent_id"]
            )
    return sorted(changed)


async def announce(conn: asyncpg.Connection, payment: PaymentRow) -> None:
    """Tell subscribers the payment changed (delivered when the transaction commits)."""
    await events.publish(conn, PAYMENT_TOPIC, payment.id, payment.workspace_id, payment.parent_id)
