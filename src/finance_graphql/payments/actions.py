"""Changing recorded payments: edit, approve, reject, cancel, reconcile. Never commits.

Decisions lock the payment row first, then the invoices it applies to (id order), then the
balance: always in that order, so concurrent decisions queue instead of deadlocking.
"""

from __future__ import annotations

from typing import Any

import asyncpg

from finance_graphql.core.errors import ErrorCode, UserError, UserErrors, refuse
from finance_graphql.core.tenancy import Viewer
from finance_graphql.ledger import repository as ledger
from finance_graphql.ledger.repository import EntryKind
from finance_graphql.lookups.catalog import PaymentStatus, PaymentType
from finance_graphql.payments import allocating, guards, repository, rules, writes
from finance_graphql.payments.guards import raise_if
from finance_graphql.payments.repository import AllocationRow, PaymentRow
from finance_graphql.payments.schemas import EditPayment, MarkReconciled, PaymentAction
from finance_graphql.payments.service import reserve_refund
from finance_graphql.payments.writes import EDITABLE
from finance_graphql.workspaces import repository as workspaces

SOURCE = "payment"  # ledger entries' source_type


async def _allocations(conn: asyncpg.Connection, payment: PaymentRow) -> list[AllocationRow]:
    found = await repository.allocations_of(conn, [payment.id])
    return found.get(payment.id, [])


def _edit_problems(
    payment: PaymentRow, changes: dict[str, Any], allocations: list[AllocationRow]
) -> list[UserError]:
    found: list[UserError] = []
    for name, field in (("amount", "amount"), ("payment_date", "paymentDate")):
        if name in changes and changes[name] is None:
            found.append(rules.problem(ErrorCode.REQUIRED, f"{field}: cannot be removed", field))
    amount = changes.get("amount")
    if amount is not None:
        found += rules.money_problems(amount, payment.currency, "amount", positive=True)
        if not found and payment.type is PaymentType.AGAINST_INVOICE:
            shape = rules.Shape(
                type=payment.type,
                mode=payment.mode,
                amount=amount,
                tds=payment.tds,
                transaction_charge=payment.transaction_charge,
                bank_name=payment.bank_name,
                refund_reason=payment.refund_reason,
                allocations=[(a.invoice_id, a.amount) for a in allocations],
            )
            found += rules.sum_problems(shape, amount, field="amount")
    if "bank_name" in changes and not changes["bank_name"] and payment.mode in rules.BANK_REQUIRED:
        label = payment.mode.value.lower().replace("_", " ")
        found.append(
            rules.problem(
                ErrorCode.REQUIRED, f"bankName: required for a {label} payment", "bankName"
            )
        )
    return found


def _stale(version: int) -> UserErrors:
    return refuse(
        ErrorCode.CONFLICT,
        f"version: the payment has changed since version {version}; read it again",
        "version",
    )


async def edit_payment(
    conn: asyncpg.Connection, viewer: Viewer, command: EditPayment
) -> PaymentRow:
    """Change a PROCESSING payment read at `command.version`; a stale version is a CONFLICT.

    The row is locked before the version is compared, so of concurrent edits from one version
    exactly one applies and the others find the version moved on.
    """
    payment = await guards.visible_payment(conn, viewer, command.payment_id, for_update=True)
    await guards.may_change(conn, viewer, payment)
    problem = rules.editable(payment.status)
    if problem is not None:
        raise UserErrors([problem])
    if payment.version != command.version:
        raise _stale(command.version)
    changes = {n: getattr(command, n) for n in EDITABLE if n in command.model_fields_set}
    raise_if(_edit_problems(payment, changes, await _allocations(conn, payment)))
    if (
        payment.type is PaymentType.REFUND
        and changes.get("amount", payment.amount) > payment.amount
    ):
        await reserve_refund(
            conn, payment.workspace_id, changes["amount"], replacing=payment.amount
        )
    row = await writes.update_details(conn, payment.id, command.version, changes, viewer.user_id)
    if row is None:  # another change committed first
        raise _stale(command.version)
    await allocating.announce(conn, row)
    return row


async def decide(
    conn: asyncpg.Connection, viewer: Viewer, command: PaymentAction, action: rules.Action
) -> PaymentRow:
    """Approve, reject or cancel a PROCESSING payment, keeping the note, who and when.

    Approval moves the money: AS_FUND adds to the balance, REFUND takes from it (never below
    zero), AGAINST_INVOICE pays the invoices (never beyond their amount). Reject and cancel free
    what the payment reserved.
    """
    payment = await guards.visible_payment(conn, viewer, command.payment_id, for_update=True)
    if action is rules.Action.CANCEL:
        await guards.may_change(conn, viewer, payment)
    else:
        await guards.may_decide(conn, viewer, payment)
    status = rules.next_status(payment.status, action)
    if isinstance(status, UserError):
        raise UserErrors([status])
    allocations = await _allocations(conn, payment)
    if status is PaymentStatus.PAID and allocations:
        locked = await allocating.settle(conn, payment, allocations)
    else:
        locked = await allocating.lock_invoices(conn, allocations)
    if status is PaymentStatus.PAID:
        await _post(conn, viewer, payment)
    row = await writes.decide(conn, payment.id, status, command.action_note, viewer.user_id)
    await allocating.refresh(conn, locked)
    await allocating.announce(conn, row)
    return row


async def _post(conn: asyncpg.Connection, viewer: Viewer, payment: PaymentRow) -> None:
    """The ledger entry of an approved fund payment or refund (none for invoice payments)."""
    if payment.type is PaymentType.AGAINST_INVOICE:
        return
    workspace = await workspaces.get(conn, payment.workspace_id)
    assert workspace is not None
    amount = rules.in_workspace_currency(payment.amount, payment.exchange_rate, workspace.currency)
    refund = payment.type is PaymentType.REFUND
    try:
        await ledger.post(
            conn,
            workspace_id=payment.workspace_id,
            amount=-amount if refund else amount,
            kind=EntryKind.REFUND_PAID if refund else EntryKind.FUND_PAYMENT_PAID,
            source_type=SOURCE,
            source_id=payment.id,
            created_by=viewer.user_id,
            allow_negative=not refund,
        )
    except UserErrors:
        raise refuse(
            ErrorCode.INSUFFICIENT_FUNDS,
            "paymentId: the refund is more than the available balance",
            "paymentId",
        ) from None


async def mark_reconciled(
    conn: asyncpg.Connection, viewer: Viewer, command: MarkReconciled
) -> PaymentRow:
    """Set the reconcile status; only a PAID payment can be matched to the bank's records."""
    payment = await guards.visible_payment(conn, viewer, command.payment_id, for_update=True)
    await guards.may_decide(conn, viewer, payment)
    if command.reconciled and payment.status is not PaymentStatus.PAID:
        raise refuse(
            ErrorCode.INVALID_STATE,
            f"paymentId: the payment is {payment.status.value.lower()}; only a paid payment is"
            " reconciled",
            "paymentId",
        )
    status = "RECONCILED" if command.reconciled else "UNRECONCILED"
    row = await writes.set_reconcile_status(conn, payment.id, status, viewer.user_id)
    await allocating.announce(conn, row)
    return row
