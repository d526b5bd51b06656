"""Invoice SQL: rows, lines, taxes, and the list's tenant filter, filters and sort keys."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import asyncpg

from finance_graphql.core.pagination import Page, SortKey, count_query, page_query
from finance_graphql.core.sql import Params, contains
from finance_graphql.core.tenancy import Viewer, WorkspaceKind
from finance_graphql.invoices.settlement import effective_status_sql
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


async def insert_invoice(
    conn: asyncpg.Connection,
    *,
    workspace_id: int,
    parent_id: int,
    currency: str,
    name: str,
    period_from: dt.date,
    period_to: dt.date,
    payment_term_days: int,
    amount: Decimal,
    created_by: int | None,
) -> int:
    """A new PENDING invoice; returns its id."""
    invoice_id = await conn.fetchval(
        "INSERT INTO invoices (workspace_id, parent_id, currency, name, period_from, period_to,"
        " payment_term_days, amount, created_by) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)"
        " RETURNING id",
        workspace_id,
        parent_id,
        currency,
        name,
        period_from,
        period_to,
        payment_term_days,
        amount,
        created_by,
    )
    return int(invoice_id)


def managed_by(viewer: Viewer, param: int, table: str = "invoices") -> tuple[str, list[Any]]:
    """SQL for the invoices the viewer may act on (its customers', or any for super) and its
    parameters, numbered from `param`."""
    if viewer.is_super:
        return "TRUE", []
    return f"{table}.parent_id = ${param}", [viewer.workspace.id]


async def lock_managed(
    conn: asyncpg.Connection, viewer: Viewer, invoice_id: int
) -> InvoiceRow | None:
    """The invoice, locked until the transaction ends, when the viewer manages it; else None
    (a foreign invoice and a missing one look alike)."""
    condition, args = managed_by(viewer, 2)
    record = await conn.fetchrow(
        f"SELECT {COLUMNS} FROM invoices WHERE id = $1 AND {condition} FOR UPDATE",
        invoice_id,
        *args,
    )
    return invoice_row(record) if record else None


async def set_status(
    conn: asyncpg.Connection,
    invoice_id: int,
    status: InvoiceStatus,
    *,
    action_note: str | None,
    updated_by: int | None,
    issue: bool,
) -> None:
    """Store a status decision; `issue` also sets issued_on to today (due_on follows)."""
    await conn.execute(
        "UPDATE invoices SET status = $2, action_note = $3, status_updated_by = $4,"
        " issued_on = CASE WHEN $5 THEN current_date ELSE issued_on END, modified_at = now()"
        " WHERE id = $1",
        invoice_id,
        INVOICE_STATUSES.id(status),
        action_note,
        updated_by,
        issue,
    )


async def recompute_amount(conn: asyncpg.Connection, invoice_id: int) -> None:
    """amount = the exact sum of the invoice's lines and taxes."""
    await conn.execute(
        "UPDATE invoices SET modified_at = now(), amount ="
        " (SELECT coalesce(sum(amount), 0) FROM invoice_lines WHERE invoice_id = $1)"
        " + (SELECT coalesce(sum(amount), 0) FROM invoice_taxes WHERE invoice_id = $1)"
        " WHERE id = $1",
        invoice_id,
    )


async def get(conn: asyncpg.Connection, invoice_id: int) -> InvoiceRow:
    """An invoice known to exist (read back after a change in the same transaction)."""
    record = await conn.fetchrow(f"SELECT {COLUMNS} FROM invoices WHERE id = $1", invoice_id)
    assert record is not None
    return invoice_row(record)


# --- The list: tenant filter, filters and sort keys, in one place ------------------------------

# PENDING invoices have no issue date yet; they sort as if issued last (first when descending),
# at 'infinity', which asyncpg reads as date.max and sends back as 'infinity' (see 0102).
UNISSUED = dt.date.max


@dataclass(frozen=True)
class InvoiceSort:
    """A sort key of the list and how to read its value from a row (for the cursor)."""

    key: SortKey
    value: Callable[[InvoiceRow], Any]


# Every expression is never NULL and has an index, alone and after each tenant column
# (migrations 0002, 0101 and 0102). STATUS sorts by the stored status id: OVERDUE is derived from
# today's date, which no index can hold, so an overdue invoice sorts with UNPAID/PARTIALLY_PAID.
SORTS: dict[str, InvoiceSort] = {
    "ID": InvoiceSort(SortKey("id", "int"), lambda r: r.id),
    "ISSUED_ON": InvoiceSort(
        SortKey("coalesce(issued_on, 'infinity'::date)", "date"),
        lambda r: r.issued_on or UNISSUED,
    ),
    "AMOUNT": InvoiceSort(SortKey("amount", "decimal"), lambda r: r.amount),
    "STATUS": InvoiceSort(SortKey("status", "int"), lambda r: INVOICE_STATUSES.id(r.status)),
}

# The stored statuses an effective status can come from (OVERDUE is read, never stored).
_MAY_READ_OVERDUE = frozenset({InvoiceStatus.UNPAID, InvoiceStatus.PARTIALLY_PAID})
_STORED_FOR: dict[InvoiceStatus, frozenset[InvoiceStatus]] = {
    InvoiceStatus.OVERDUE: _MAY_READ_OVERDUE
}


@dataclass(frozen=True)
class InvoiceFilter:
    """What the list is narrowed to; `workspace_id` is already checked to be within reach."""

    workspace_id: int | None = None
    statuses: tuple[InvoiceStatus, ...] = ()
    search: str | None = None


def _tenant_branches(viewer: Viewer, workspace_id: int | None, params: Params) -> list[str]:
    """Who sees what, as conditions each answered by one index: a customer its own invoices;
    an organization its customers' (parent_id) and its own; super every invoice."""
    if workspace_id is not None:
        return [f"workspace_id = {params.add(workspace_id)}"]
    if viewer.is_super:
        return ["TRUE"]
    me = params.add(viewer.workspace.id)
    if viewer.kind is WorkspaceKind.ORGANIZATION:
        return [f"parent_id = {me}", f"workspace_id = {me}"]
    return [f"workspace_id = {me}"]


def _filters(found: InvoiceFilter, params: Params) -> list[str]:
    conditions: list[str] = []
    if found.statuses:
        stored = {s for wanted in found.statuses for s in _STORED_FOR.get(wanted, {wanted})}
        stored_ids = sorted(INVOICE_STATUSES.id(s) for s in stored)
        conditions.append(f"status = ANY({params.add(stored_ids)}::smallint[])")
        # Only UNPAID/PARTIALLY_PAID may read otherwise (OVERDUE); for the other statuses the
        # stored one is exact, and leaving the derived test out keeps the planner's estimates.
        if stored & _MAY_READ_OVERDUE:
            effective = INVOICE_STATUSES.ids(list(found.statuses))
            conditions.append(
                f"{effective_status_sql('invoices')} = ANY({params.add(effective)}::smallint[])"
            )
    if found.search:
        text = found.search
        condition = f"name ILIKE {params.add(contains(text))}"
        if text.isdigit() and len(text) < 19:
            condition = f"({condition} OR id = {params.add(int(text))})"
        conditions.append(condition)
    return conditions


def page_statement(
    viewer: Viewer, found: InvoiceFilter, sort: InvoiceSort, page: Page
) -> tuple[str, list[Any]]:
    """SQL and parameters of one page (plus one row) of the invoices the viewer sees, matching
    the filter; used by the list and by the compiled read path.

    Each tenant branch is its own index-ordered, limited scan; several are merged by UNION ALL.
    """
    params = Params()
    branches = _matching(viewer, found, params)
    return page_query("invoices", COLUMNS, branches, params.values, sort.key, page)


async def list_invoices(
    conn: asyncpg.Connection, viewer: Viewer, found: InvoiceFilter, sort: InvoiceSort, page: Page
) -> list[InvoiceRow]:
    """One page (plus one row) of the invoices the viewer sees, matching the filter."""
    sql, values = page_statement(viewer, found, sort, page)
    return [invoice_row(r) for r in await conn.fetch(sql, *values)]


def count_statement(viewer: Viewer, found: InvoiceFilter) -> tuple[str, list[Any]]:
    params = Params()
    return count_query("invoices", _matching(viewer, found, params)), params.values


def _matching(viewer: Viewer, found: InvoiceFilter, params: Params) -> list[str]:
    """One condition per tenant branch, each with the list's filters."""
    branches = _tenant_branches(viewer, found.workspace_id, params)
    common = _filters(found, params)
    return [" AND ".join([branch, *common]) for branch in branches]


async def count_invoices(conn: asyncpg.Connection, viewer: Viewer, found: InvoiceFilter) -> int:
    sql, values = count_statement(viewer, found)
    return int(await conn.fetchval(sql, *values))
