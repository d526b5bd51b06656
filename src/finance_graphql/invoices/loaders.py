"""Batch loads of invoices, their lines and taxes, for dataloaders."""

from __future__ import annotations

from typing import TYPE_CHECKING

from finance_graphql.invoices import items, repository
from finance_graphql.invoices.items import LineRow, TaxRow
from finance_graphql.invoices.repository import InvoiceRow

if TYPE_CHECKING:
    from finance_graphql.context import Context


async def load_invoices(context: Context, ids: list[int]) -> list[InvoiceRow | None]:
    """Invoices by id, None where missing. Rows are not tenant-filtered: check reach on use."""
    async with context.db.connection() as conn:
        found = await repository.rows_by_ids(conn, ids)
    return [found.get(i) for i in ids]


async def load_user_emails(context: Context, user_ids: list[int]) -> list[str | None]:
    """E-mail of each user id, None where missing."""
    async with context.db.connection() as conn:
        found = await repository.user_emails(conn, user_ids)
    return [found.get(i) for i in user_ids]


async def load_invoice_lines(context: Context, invoice_ids: list[int]) -> list[list[LineRow]]:
    """Each invoice's lines in order."""
    async with context.db.connection() as conn:
        found = await items.lines_of(conn, invoice_ids)
    return [found.get(i, []) for i in invoice_ids]


async def load_invoice_taxes(context: Context, invoice_ids: list[int]) -> list[list[TaxRow]]:
    """Each invoice's taxes, oldest first."""
    async with context.db.connection() as conn:
        found = await items.taxes_of(conn, invoice_ids)
    return [found.get(i, []) for i in invoice_ids]
