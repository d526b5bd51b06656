"""An invoice's paid amount and status, recomputed from what is applied to it.

paid_amount = applied amounts of PAID payments + credit applied to it.
Status, for an invoice that is approved and not cancelled:
  PAID when paid_amount reaches amount; else PROCESSING while a PROCESSING payment is applied to
  it; else PARTIALLY_PAID when something is paid; else UNPAID. OVERDUE is never stored: it is
  how an UNPAID or PARTIALLY_PAID invoice reads once its due date has passed (see `reads_as`).
PENDING (not yet approved) and CANCELLED invoices keep their status.

Callers lock the invoices first (`lock`), in id order, so that concurrent payments against one
invoice queue instead of each seeing the old outstanding amount.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import asyncpg

from finance_graphql.lookups.catalog import INVOICE_STATUSES, InvoiceStatus

PENDING = INVOICE_STATUSES.id(InvoiceStatus.PENDING)
CANCELLED = INVOICE_STATUSES.id(InvoiceStatus.CANCELLED)

# The SQL twin of `settled_status`, so one statement can refresh many invoices.
_REFRESH = """
WITH applied AS (
    SELECT i.id,
           coalesce((SELECT sum(a.amount) FROM payment_allocations a JOIN payments p
                       ON p.id = a.payment_id
                     WHERE a.invoice_id = i.id AND p.status = 2), 0)
         + coalesce((SELECT sum(c.amount) FROM credit_allocations c
                     WHERE c.invoice_id = i.id), 0) AS paid,
           EXISTS (SELECT 1 FROM payment_allocations a JOIN payments p ON p.id = a.payment_id
                    WHERE a.invoice_id = i.id AND p.status = 1) AS processing
      FROM invoices i
     WHERE i.id = ANY($1)
)
UPDATE invoices i
   SET paid_amount = applied.paid,
       status = CASE
           WHEN i.status IN (1, 8) THEN i.status
           WHEN applied.paid >= i.amount THEN 4
           WHEN applied.processing THEN 7
           WHEN applied.paid > 0 THEN 2
           ELSE 3
       END,
       modified_at = now()
  FROM applied
 WHERE applied.id = i.id
   AND (i.paid_amount, i.status) IS DISTINCT FROM (applied.paid, CASE
           WHEN i.status IN (1, 8) THEN i.status
           WHEN applied.paid >= i.amount THEN 4
           WHEN applied.processing THEN 7
           WHEN applied.paid > 0 THEN 2
           ELSE 3
       END)
RETURNING i.id
"""

# The SQL twin of `reads_as`: the status a client sees (OVERDUE derived from the due date).
EFFECTIVE_STATUS_SQL = (
    "(CASE WHEN {t}.status IN (2, 3) AND {t}.due_on < current_date THEN 5 ELSE {t}.status END)"
)


def effective_status_sql(table_alias: str) -> str:
    return EFFECTIVE_STATUS_SQL.format(t=table_alias)


def settled_status(
    current: InvoiceStatus, amount: Decimal, paid: Decimal, processing: bool
) -> InvoiceStatus:
    """The stored status an invoice takes after what is applied to it changes."""
    if current in (InvoiceStatus.PENDING, InvoiceStatus.CANCELLED):
        return current
    if paid >= amount:
        return InvoiceStatus.PAID
    if processing:
        return InvoiceStatus.PROCESSING
    if paid > 0:
        return InvoiceStatus.PARTIALLY_PAID
    return InvoiceStatus.UNPAID


def reads_as(
    stored: InvoiceStatus, due_on: dt.date | None, today: dt.date | None = None
) -> InvoiceStatus:
    """The status shown: UNPAID or PARTIALLY_PAID past the due date reads OVERDUE."""
    today = today or dt.date.today()
    unpaid = stored in (InvoiceStatus.UNPAID, InvoiceStatus.PARTIALLY_PAID)
    if unpaid and due_on is not None and due_on < today:
        return InvoiceStatus.OVERDUE
    return stored


async def lock(conn: asyncpg.Connection, invoice_ids: list[int]) -> list[asyncpg.Record]:
    """Lock the invoices for the rest of the transaction, in id order (no deadlocks)."""
    return await conn.fetch(
        "SELECT id, workspace_id, parent_id, amount, paid_amount, status, currency, due_on"
        " FROM invoices WHERE id = ANY($1) ORDER BY id FOR UPDATE",
        sorted(set(invoice_ids)),
    )


async def reserved(conn: asyncpg.Connection, invoice_ids: list[int]) -> dict[int, Decimal]:
    """Per invoice, what PROCESSING payments have applied to it (reserved, not yet paid)."""
    rows = await conn.fetch(
        "SELECT a.invoice_id, sum(a.amount) AS amount FROM payment_allocations a"
        " JOIN payments p ON p.id = a.payment_id"
        " WHERE a.invoice_id = ANY($1) AND p.status = 1 GROUP BY a.invoice_id",
        invoice_ids,
    )
    return {row["invoice_id"]: row["amount"] for row in rows}


async def refresh(conn: asyncpg.Connection, invoice_ids: list[int]) -> list[int]:
    """Recompute paid amount and status of these invoices; returns the ids that changed."""
    if not invoice_ids:
        return []
    rows = await conn.fetch(_REFRESH, sorted(set(invoice_ids)))
    return [row["id"] for row in rows]
