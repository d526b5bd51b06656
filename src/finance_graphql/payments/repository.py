"""Payment SQL: rows and their changes; the list's tenant filter, filters and sort keys.

The tenant filter, the list filters and the sort keys are defined once here (`tenant_scopes`,
`filter_conditions`, `SORT_KEYS`) and used by the list, the count and single-row reads alike.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import asyncpg

from finance_graphql.core.pagination import Page, SortKey, count_query, page_query
from finance_graphql.core.sql import Params, contains
from finance_graphql.core.tenancy import Viewer, WorkspaceKind
from finance_graphql.lookups.catalog import (
    PAYMENT_MODES,
    PAYMENT_STATUSES,
    PAYMENT_TYPES,
    PaymentMode,
    PaymentStatus,
    PaymentType,
)

COLUMNS = (
    "id, uuid, version, workspace_id, parent_id, type, status, mode, amount, tds,"
    " transaction_charge, currency, exchange_rate, payment_date, transaction_id, bank_name,"
    " refund_reason, notes, action_note, reconcile_status, custom_attributes::text AS attributes,"
    " checkout_url, created_by, modified_by, status_updated_by, status_updated_at, created_at,"
    " modified_at"
)
# The expression of the trigram index payments_search_trgm (0002): written the same, it is used.
SEARCH_TEXT = (
    "(coalesce(transaction_id, '') || ' ' || coalesce(bank_name, '') || ' ' || coalesce(notes, ''))"
)
SORT_KEYS: dict[str, SortKey] = {
    "PAYMENT_DATE": SortKey("payment_date", "date"),
    "AMOUNT": SortKey("amount", "decimal"),
    "STATUS": SortKey("status", "int"),
    "ID": SortKey("id", "int"),
    "MODIFIED_AT": SortKey("modified_at", "datetime"),
}
DEFAULT_SORT = "MODIFIED_AT"  # descending, as the seed's default "-modifiedAt"


@dataclass(frozen=True)
class Attribute:
    name: str
    value: str


@dataclass(frozen=True)
class PaymentRow:
    """One row of `payments`."""

    id: int
    uuid: str
    version: int
    workspace_id: int
    parent_id: int | None
    type: PaymentType
    status: PaymentStatus
    mode: PaymentMode
    amount: Decimal
    tds: Decimal
    transaction_charge: Decimal
    currency: str
    exchange_rate: Decimal | None
    payment_date: dt.date
    transaction_id: str | None
    bank_name: str | None
    refund_reason: str | None
    notes: str | None
    action_note: str | None
    reconcile_status: str
    custom_attributes: tuple[Attribute, ...]
    checkout_url: str | None
    created_by: int | None
    modified_by: int | None
    status_updated_by: int | None
    status_updated_at: dt.datetime | None
    created_at: dt.datetime
    modified_at: dt.datetime

    @property
    def settles(self) -> Decimal:
        """What the payment counts for against invoices: amount + TDS + transaction charge."""
        return self.amount + self.tds + self.transaction_charge


def payment_row(record: asyncpg.Record) -> PaymentRow:
    """A `PaymentRow` from a record of COLUMNS."""
    attributes = json.loads(record["attributes"])
    return PaymentRow(
        id=record["id"],
        uuid=str(record["uuid"]),
        version=record["version"],
        workspace_id=record["workspace_id"],
        parent_id=record["parent_id"],
        type=PAYMENT_TYPES.member(record["type"]),
        status=PAYMENT_STATUSES.member(record["status"]),
        mode=PAYMENT_MODES.member(record["mode"]),
        amount=record["amount"],
        tds=record["tds"],
        transaction_charge=record["transaction_charge"],
        currency=record["currency"].strip(),
        exchange_rate=record["exchange_rate"],
        payment_date=record["payment_date"],
        transaction_id=record["transaction_id"],
        bank_name=record["bank_name"],
        refund_reason=record["refund_reason"],
        notes=record["notes"],
        action_note=record["action_note"],
        reconcile_status=record["reconcile_status"],
        custom_attributes=tuple(Attribute(a["name"], a["value"]) for a in attributes),
        checkout_url=record["checkout_url"],
        created_by=record["created_by"],
        modified_by=record["modified_by"],
        status_updated_by=record["status_updated_by"],
        status_updated_at=record["status_updated_at"],
        created_at=record["created_at"],
        modified_at=record["modified_at"],
    )


def tenant_scopes(viewer: Viewer, params: Params) -> list[str]:
    """Disjoint conditions whose union is what the viewer sees (as invoices).

    Customer: its own payments. Organization: its customers' (parent_id) and its own. Super: all.
    Kept apart so that a list can read each through its own index and merge them.
    """
    if viewer.is_super:
        return ["TRUE"]
    me = params.add(viewer.workspace.id)
    if viewer.kind is WorkspaceKind.ORGANIZATION:
        return [f"parent_id = {me}", f"workspace_id = {me}"]
    return [f"workspace_id = {me}"]


def visible_condition(viewer: Viewer, params: Params) -> str:
    return "(" + " OR ".join(tenant_scopes(viewer, params)) + ")"


@dataclass(frozen=True)
class PaymentFilter:
    """The list filters of `payments(filter: ...)`, as ids of the seeds."""

    workspace_id: int | None = None
    statuses: tuple[int, ...] = ()
    types: tuple[int, ...] = ()
    search: str | None = None


def filter_conditions(found: PaymentFilter, params: Params) -> list[str]:
    conditions = ["TRUE"]
    if found.workspace_id is not None:
        conditions.append(f"workspace_id = {params.add(found.workspace_id)}")
    if found.statuses:
        conditions.append(f"status = ANY({params.add(list(found.statuses))}::smallint[])")
    if found.types:
        conditions.append(f"type = ANY({params.add(list(found.types))}::smallint[])")
    if found.search:
        pattern = params.add(contains(found.search))
        condition = f"{SEARCH_TEXT} ILIKE {pattern}"
        if found.search.isdigit() and len(found.search) < 19:
            condition = f"({condition} OR id = {params.add(int(found.search))})"
        conditions.append(condition)
    return conditions


def sort_value(row: PaymentRow, key: str) -> Any:
    """The value of a row under a sort key, for its cursor."""
    if key == "STATUS":
        return PAYMENT_STATUSES.id(row.status)
    return getattr(row, SORT_KEYS[key].expression)


def page_statement(
    viewer: Viewer, found: PaymentFilter, key: str, page: Page
) -> tuple[str, list[Any]]:
    """SQL and parameters of one page of the payments the viewer sees, `page.limit` rows at
    most; used by the list and by the compiled read path."""
    params = Params()
    branches = _matching(viewer, found, params)
    return page_query("payments", COLUMNS, branches, params.values, SORT_KEYS[key], page)


async def list_payments(
    conn: asyncpg.Connection, viewer: Viewer, found: PaymentFilter, key: str, page: Page
) -> list[PaymentRow]:
    """One page of the payments the viewer sees, `page.limit` rows at most."""
    sql, values = page_statement(viewer, found, key, page)
    return [payment_row(r) for r in await conn.fetch(sql, *values)]


def count_statement(viewer: Viewer, found: PaymentFilter) -> tuple[str, list[Any]]:
    params = Params()
    return count_query("payments", _matching(viewer, found, params)), params.values


def _matching(viewer: Viewer, found: PaymentFilter, params: Params) -> list[str]:
    """One condition per tenant scope, each with the list's filters."""
    scopes = tenant_scopes(viewer, params)
    where = " AND ".join(filter_conditions(found, params))
    return [f"{scope} AND {where}" for scope in scopes]


async def count_payments(conn: asyncpg.Connection, viewer: Viewer, found: PaymentFilter) -> int:
    sql, values = count_statement(viewer, found)
    return int(await conn.fetchval(sql, *values))


async def visible(
    conn: asyncpg.Connection, viewer: Viewer, payment_id: int, *, for_update: bool = False
) -> PaymentRow | None:
    """The payment if the viewer sees it (None alike for a foreign or a missing one).

    With `for_update` the row stays locked until the transaction ends.
    """
    params = Params()
    wanted = params.add(payment_id)
    scope = visible_condition(viewer, params)
    lock = " FOR UPDATE" if for_update else ""
    record = await conn.fetchrow(
        f"SELECT {COLUMNS} FROM payments WHERE id = {wanted} AND {scope}{lock}", *params.values
    )
    return payment_row(record) if record else None


async def by_id(conn: asyncpg.Connection, payment_id: int) -> PaymentRow | None:
    """A payment without tenant filter: only for ids the caller already knows are in reach."""
    record = await conn.fetchrow(f"SELECT {COLUMNS} FROM payments WHERE id = $1", payment_id)
    return payment_row(record) if record else None


async def by_ids(conn: asyncpg.Connection, ids: list[int]) -> dict[int, PaymentRow]:
    records = await conn.fetch(f"SELECT {COLUMNS} FROM payments WHERE id = ANY($1)", ids)
    return {r["id"]: payment_row(r) for r in records}


@dataclass(frozen=True)
class AllocationRow:
    """What one payment applies to one invoice."""

    payment_id: int
    invoice_id: int
    amount: Decimal


async def allocations_of(
    conn: asyncpg.Connection, payment_ids: list[int]
) -> dict[int, list[AllocationRow]]:
    """Each payment's allocations, in invoice id order."""
    records = await conn.fetch(
        "SELECT payment_id, invoice_id, amount FROM payment_allocations"
        " WHERE payment_id = ANY($1) ORDER BY payment_id, invoice_id",
        payment_ids,
    )
    found: dict[int, list[AllocationRow]] = {}
    for r in records:
        found.setdefault(r["payment_id"], []).append(
            AllocationRow(r["payment_id"], r["invoice_id"], r["amount"])
        )
    return found


async def payments_of_invoices(
    conn: asyncpg.Connection, invoice_ids: list[int]
) -> dict[int, list[PaymentRow]]:
    """Per invoice, the payments that apply an amount to it, oldest first."""
    prefixed = ", ".join(f"p.{c.strip()}" for c in COLUMNS.split(","))
    records = await conn.fetch(
        f"SELECT a.invoice_id AS allocated_to, {prefixed} FROM payment_allocations a"
        " JOIN payments p ON p.id = a.payment_id"
        " WHERE a.invoice_id = ANY($1) ORDER BY a.invoice_id, p.id",
        invoice_ids,
    )
    found: dict[int, list[PaymentRow]] = {}
    for r in records:
        found.setdefault(r["allocated_to"], []).append(payment_row(r))
    return found


async def reserved_refunds(conn: asyncpg.Connection, workspace_id: int) -> Decimal:
    """What PROCESSING refunds of the workspace will take from its balance once approved."""
    value = await conn.fetchval(
        "SELECT coalesce(sum(amount), 0) FROM payments"
        " WHERE workspace_id = $1 AND status = $2 AND type = $3",
        workspace_id,
        PAYMENT_STATUSES.id(PaymentStatus.PROCESSING),
        PAYMENT_TYPES.id(PaymentType.REFUND),
    )
    return Decimal(value)


async def with_proof(conn: asyncpg.Connection, payment_ids: list[int]) -> set[int]:
    """Which of these payments have a proof of payment stored."""
    records = await conn.fetch(
        "SELECT payment_id FROM payment_proofs WHERE payment_id = ANY($1)", payment_ids
    )
    return {r["payment_id"] for r in records}


async def user_emails(conn: asyncpg.Connection, user_ids: list[int]) -> dict[int, str]:
    records = await conn.fetch("SELECT id, email FROM users WHERE id = ANY($1)", user_ids)
    return {r["id"]: r["email"] for r in records}


@dataclass(frozen=True)
class ProofRow:
    filename: str
    content_type: str
    content: bytes


async def visible_proof(
    conn: asyncpg.Connection, viewer: Viewer, payment_id: int
) -> ProofRow | None:
    """The proof of a payment the viewer sees; None alike for foreign, missing or no proof."""
    params = Params()
    wanted = params.add(payment_id)
    scope = visible_condition(viewer, params)
    record = await conn.fetchrow(
        "SELECT f.filename, f.content_type, f.content FROM payment_proofs f"
        f" JOIN payments p ON p.id = f.payment_id WHERE p.id = {wanted} AND {scope}",
        *params.values,
    )
    if record is None:
        return None
    return ProofRow(record["filename"], record["content_type"], bytes(record["content"]))
