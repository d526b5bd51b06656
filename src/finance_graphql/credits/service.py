"""Credit rules: offer, change and revoke while unclaimed; claim into the balance; apply to an
invoice. Every change publishes a `credit` event; money moves only through the ledger.

Lock order (no deadlocks with payments): invoices, then the credit, then the balance row.
"""

from __future__ import annotations

from decimal import Decimal

import asyncpg

from finance_graphql.core import access, events, idempotency
from finance_graphql.core.access import Permission
from finance_graphql.core.errors import ErrorCode, refuse
from finance_graphql.core.money import fits_currency, quantize
from finance_graphql.core.tenancy import Viewer, WorkspaceKind
from finance_graphql.credits import repository
from finance_graphql.credits.repository import BusinessDetails, CreditRow
from finance_graphql.credits.schemas import (
    ApplyCredit,
    ClaimCredit,
    CreditAction,
    OfferCredit,
    UpdateCredit,
)
from finance_graphql.invoices import settlement
from finance_graphql.ledger import repository as ledger
from finance_graphql.ledger.repository import EntryKind
from finance_graphql.lookups.catalog import INVOICE_STATUSES, CreditStatus, InvoiceStatus
from finance_graphql.workspaces import service as workspaces

TOPIC = "credit"
OFFER_SCOPE = "offerCredit"
# Stored invoice statuses that take money: approved, not paid, not cancelled.
PAYABLE = frozenset(
    INVOICE_STATUSES.id(s)
    for s in (InvoiceStatus.UNPAID, InvoiceStatus.PARTIALLY_PAID, InvoiceStatus.PROCESSING)
)


def _check_decimals(amount: Decimal, currency: str, field: str = "amount") -> None:
    if not fits_currency(amount, currency):
        raise refuse(ErrorCode.INVALID, f"{field}: has more decimals than {currency} allows", field)


async def _publish(conn: asyncpg.Connection, credit: CreditRow) -> None:
    await events.publish(conn, TOPIC, credit.id, credit.workspace_id, credit.parent_id)


async def _lock(conn: asyncpg.Connection, viewer: Viewer, credit_id: int) -> CreditRow:
    credit = await repository.lock_reachable(conn, viewer, credit_id)
    if credit is None:
        raise refuse(ErrorCode.NOT_FOUND, "creditId: no such credit", "creditId")
    return credit


def _require_unclaimed(credit: CreditRow, action: str) -> None:
    if credit.status is not CreditStatus.UNCLAIMED:
        raise refuse(
            ErrorCode.INVALID_STATE,
            f"creditId: a {credit.status.value.lower()} credit cannot be {action}",
            "creditId",
        )


async def offer(conn: asyncpg.Connection, viewer: Viewer, command: OfferCredit) -> CreditRow:
    """An organization (or super) offers credit to a customer it manages: UNCLAIMED.

    With an idempotency key, a retry returns the credit of the first request.
    """
    customer = await workspaces.authorized(
        conn, viewer, Permission.MANAGE_CUSTOMER_FINANCE, command.ow_id
    )
    if customer.kind is not WorkspaceKind.CUSTOMER:
        raise refuse(ErrorCode.INVALID, "owId: credit is offered to a customer", "owId")
    _check_decimals(command.amount, customer.currency)
    key = command.idempotency_key
    if key is not None:
        request = idempotency.fingerprint({"owId": customer.id, "amount": command.amount})
        earlier = await idempotency.claim(conn, viewer.workspace.id, OFFER_SCOPE, key, request)
        if earlier is not None:
            return await repository.get(conn, earlier)
    assert customer.parent_id is not None  # a customer always has its organization
    credit_id = await repository.insert(
        conn, customer.id, customer.parent_id, command.amount, viewer.user_id
    )
    if key is not None:
        await idempotency.record(conn, viewer.workspace.id, OFFER_SCOPE, key, credit_id)
    credit = await repository.get(conn, credit_id)
    await _publish(conn, credit)
    return credit


async def update(conn: asyncpg.Connection, viewer: Viewer, command: UpdateCredit) -> CreditRow:
    """Change the amount of an offer that is still UNCLAIMED."""
    access.authorize(viewer, Permission.MANAGE_CUSTOMER_FINANCE)
    credit = await _lock(conn, viewer, command.credit_id)
    access.authorize(viewer, Permission.MANAGE_CUSTOMER_FINANCE, credit.ref)
    _require_unclaimed(credit, "changed")
    _check_decimals(command.amount, credit.currency)
    await repository.set_amount(conn, credit.id, command.amount, viewer.user_id)
    credit = await repository.get(conn, credit.id)
    await _publish(conn, credit)
    return credit


async def revoke(conn: asyncpg.Connection, viewer: Viewer, command: CreditAction) -> CreditRow:
    """Withdraw an offer that is still UNCLAIMED: REVOKED."""
    access.authorize(viewer, Permission.MANAGE_CUSTOMER_FINANCE)
    credit = await _lock(conn, viewer, command.credit_id)
    access.authorize(viewer, Permission.MANAGE_CUSTOMER_FINANCE, credit.ref)
    _require_unclaimed(credit, "revoked")
    await repository.revoke(conn, credit.id, viewer.user_id)
    credit = await repository.get(conn, credit.id)
    await _publish(conn, credit)
    return credit


async def claim(conn: asyncpg.Connection, viewer: Viewer, command: ClaimCredit) -> CreditRow:
    """The customer claims a credit offered to it: CLAIMED, and its amount enters the balance.

    The credit row is locked first, so of two concurrent claims the second sees CLAIMED and is
    refused; the ledger's unique (kind, source) is the last guard against a double entry.
    """
    access.authorize(viewer, Permission.CLAIM_CREDIT)
    credit = await _lock(conn, viewer, command.credit_id)
    access.authorize(viewer, Permission.CLAIM_CREDIT, credit.ref)
    _require_unclaimed(credit, "claimed")
    details = BusinessDetails(
        customer_name=command.customer_name,
        business_name=command.business_name,
        tax_id=command.tax_id,
        contact_person_name=command.contact_person_name,
        contact_person_email=command.contact_person_email,
        incorporation_place=command.incorporation_place,
        address=command.address,
    )
    await repository.claim(conn, credit.id, details, viewer.user_id)
    await ledger.post(
        conn,
        workspace_id=credit.workspace_id,
        amount=credit.amount,
        kind=EntryKind.CREDIT_CLAIMED,
        source_type="credit",
        source_id=credit.id,
        created_by=viewer.user_id,
    )
    credit = await repository.get(conn, credit.id)
    await _publish(conn, credit)
    return credit


async def apply(conn: asyncpg.Connection, viewer: Viewer, command: ApplyCredit) -> CreditRow:
    """Apply part of a CLAIMED credit to an approved invoice of the same customer.

    Never more than the invoice's outstanding amount (less what PROCESSING payments reserve)
    nor than the credit's unapplied amount. The amount leaves the balance (CREDIT_APPLIED, never
    below zero) and counts towards the invoice's paid amount at once.
    """
    access.authorize(viewer, Permission.APPLY_CREDIT)
    locked = await settlement.lock(conn, [command.invoice_id])
    credit = await _lock(conn, viewer, command.credit_id)
    access.authorize(viewer, Permission.APPLY_CREDIT, credit.ref)
    if not locked or locked[0]["workspace_id"] != credit.workspace_id:
        raise refuse(
            ErrorCode.NOT_FOUND, "invoiceId: no such invoice of the credit's customer", "invoiceId"
        )
    invoice = locked[0]
    if credit.status is not CreditStatus.CLAIMED:
        raise refuse(
            ErrorCode.INVALID_STATE, "creditId: only a claimed credit can be applied", "creditId"
        )
    if invoice["status"] not in PAYABLE:
        status = INVOICE_STATUSES.member(invoice["status"]).value.lower().replace("_", " ")
        raise refuse(
            ErrorCode.INVALID_STATE, f"invoiceId: a {status} invoice takes no credit", "invoiceId"
        )
    if invoice["currency"].strip() != credit.currency:
        raise refuse(
            ErrorCode.INVALID, "invoiceId: the invoice is in another currency", "invoiceId"
        )
    _check_decimals(command.amount, credit.currency)
    reserved = (await settlement.reserved(conn, [invoice["id"]])).get(invoice["id"], Decimal(0))
    open_amount = invoice["amount"] - invoice["paid_amount"] - reserved
    if command.amount > open_amount:
        shown = quantize(max(open_amount, Decimal(0)), credit.currency)
        raise refuse(
            ErrorCode.OVERPAYMENT,
            f"amount: is more than the invoice's open amount {shown}",
            "amount",
        )
    unapplied = credit.amount - await repository.applied_amount(conn, credit.id)
    if command.amount > unapplied:
        shown = quantize(unapplied, credit.currency)
        raise refuse(
            ErrorCode.INSUFFICIENT_FUNDS,
            f"amount: is more than the credit's unapplied {shown}",
            "amount",
        )
    allocation_id = await repository.insert_allocation(
        conn, credit.id, invoice["id"], command.amount, viewer.user_id
    )
    await ledger.post(
        conn,
        workspace_id=credit.workspace_id,
        amount=-command.amount,
        kind=EntryKind.CREDIT_APPLIED,
        source_type="credit_allocation",
        source_id=allocation_id,
        created_by=viewer.user_id,
        allow_negative=False,
    )
    await repository.touch(conn, credit.id, viewer.user_id)
    await settlement.refresh(conn, [invoice["id"]])
    await events.publish(
        conn, "invoice", invoice["id"], invoice["workspace_id"], invoice["parent_id"]
    )
    credit = await repository.get(conn, credit.id)
    await _publish(conn, credit)
    return credit
