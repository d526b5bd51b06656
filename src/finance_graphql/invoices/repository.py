"""Invoice SQL: rows, lines, taxes, and the list's tenant filter, filters and sort keys."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

import asyncpg

from finance_graphql.lookups.catalog import INVOICE_STATUSES, InvoiceStatus

COLUMNS = (
    "id, workspace_id, parent_id, name, period_from, period_to, issued_on, payment_term_days,"
    " due_on, currency, amount, paid_amount, status, action_note, status_updated_by,"
    " created_by, created_at, modified_at"
)


@dataclass(frozen=True)
class InvoiceRow:
    """One row of `invoices`; `status` is the stored status (never OVERDUE)."""

    id: int
    workspace_id: int
    parent_id: int
    name: str
    period_from: dt.date
    period_to: dt.date
    issued_on: dt.date | None
    payment_term_days: int
    due_on: dt.date | None
    currency: str
    amount: Decimal
    paid_amount: Decimal
    status: InvoiceStatus
    action_note: str | None
    status_updated_by: int | None
    created_by: int | None
    created_at: dt.datetime
    modified_at: dt.datetime

    @property
    def outstanding(self) -> Decimal:
        return self.amount - self.paid_amount


def invoice_row(record: asyncpg.Record) -> InvoiceRow:
    """An `InvoiceRow` from a record holding every column of COLUMNS."""
    return InvoiceRow(
        id=record["id"],
        workspace_id=record["workspace_id"],
        parent_id=record["parent_id"],
        name=record["name"],
        period_from=record["period_from"],
        period_to=record["period_to"],
        issued_on=record["issued_on"],
        payment_term_days=record["payment_term_days"],
        due_on=record["due_on"],
        currency=record["currency"].strip(),
        amount=record["amount"],
        paid_amount=record["paid_amount"],
        status=INVOICE_STATUSES.member(record["status"]),
        action_note=record["action_note"],
        status_updated_by=record["status_updated_by"],
        created_by=record["created_by"],
        created_at=record["created_at"],
        modified_at=record["modified_at"],
    )


async def rows_by_ids(conn: asyncpg.Connection, ids: list[int]) -> dict[int, InvoiceRow]:
    """The invoices with these ids (no tenant filter: callers check reach)."""
    records = await conn.fetch(f"SELECT {COLUMNS} FROM invoices WHERE id = ANY($1)", ids)
    return {r["id"]: invoice_row(r) for r in records}


async def user_emails(conn: asyncpg.Connection, user_ids: list[int]) -> dict[int, str]:
    """E-mail of each user (who created an invoice or changed its status)."""
    records = await conn.fetch("SELECT id, email FROM users WHERE id = ANY($1)", user_ids)
    return {r["id"]: r["email"] for r in records}
