"""Batch loads for payments' nested fields: one statement per batch, whatever the page size."""

from __future__ import annotations

from typing import TYPE_CHECKING

from finance_graphql.payments import repository
from finance_graphql.payments.repository import AllocationRow, PaymentRow

if TYPE_CHECKING:
    from finance_graphql.context import Context


async def load_allocations(context: Context, payment_ids: list[int]) -> list[list[AllocationRow]]:
    """Each payment's allocations (empty for payments that apply to no invoice)."""
    async with context.db.connection() as conn:
        found = await repository.allocations_of(conn, payment_ids)
    return [found.get(i, []) for i in payment_ids]


async def load_invoice_payments(context: Context, invoice_ids: list[int]) -> list[list[PaymentRow]]:
    """Per invoice, the payments with an amount applied to it. Not tenant-filtered: they are of
    the invoice's workspace, so whoever sees the invoice sees them."""
    async with context.db.connection() as conn:
        found = await repository.payments_of_invoices(conn, invoice_ids)
    return [found.get(i, []) for i in invoice_ids]


async def load_has_proof(context: Context, payment_ids: list[int]) -> list[bool]:
    async with context.db.connection() as conn:
        found = await repository.with_proof(conn, payment_ids)
    return [i in found for i in payment_ids]


async def load_user_emails(context: Context, user_ids: list[int]) -> list[str | None]:
    async with context.db.connection() as conn:
        found = await repository.user_emails(conn, user_ids)
    return [found.get(i) for i in user_ids]
