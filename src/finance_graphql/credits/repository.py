"""Credit SQL: rows, the tenant filter of the list, allocations to invoices, summaries."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import asyncpg

from finance_graphql.core.pagination import Page, SortKey, page_query
from finance_graphql.core.tenancy import Viewer, WorkspaceKind, WorkspaceRef
from finance_graphql.lookups.catalog import CREDIT_STATUSES, CreditStatus

SORT = SortKey("modified_at", "datetime")

# Names and currency come from scalar subqueries rather than a join, so that `id` in the keyset
# condition stays the credit's.
COLUMNS = (
    "id, workspace_id, parent_id, amount, status, customer_name, business_name, tax_id,"
    " contact_person_name, contact_person_email, incorporation_place, address, claimed_at,"
    " created_at, modified_at,"
    " (SELECT w.currency FROM workspaces w WHERE w.id = credits.workspace_id) AS currency,"
    " (SELECT w.name FROM workspaces w WHERE w.id = credits.workspace_id) AS workspace_name,"
    " (SELECT w.name FROM workspaces w WHERE w.id = credits.parent_id) AS organization_name"
)


@dataclass(frozen=True)
class BusinessDetails:
    """What the customer gave when claiming the credit."""

    customer_name: str
    business_name: str
    tax_id: str
    contact_person_name: str
    contact_person_email: str
    incorporation_place: str
    address: str


@dataclass(frozen=True)
class CreditRow:
    id: int
    workspace_id: int  # the customer it is offered to
    parent_id: int  # that customer's organization
    amount: Decimal
    status: CreditStatus
    currency: str
    workspace_name: str
    organization_name: str
    business: BusinessDetails | None
    claimed_at: dt.datetime | None
    created_at: dt.datetime
    modified_at: dt.datetime

    @property
    def ref(self) -> WorkspaceRef:
        """The customer holding the credit, for access rules."""
        return WorkspaceRef(self.workspace_id, WorkspaceKind.CUSTOMER, self.parent_id)


@dataclass(frozen=True)
class AllocationRow:
    id: int
    credit_id: int
    invoice_id: int
    amount: Decimal
    created_at: dt.datetime


def credit_row(record: asyncpg.Record) -> CreditRow:
    business = None
    if record["customer_name"] is not None:
        business = BusinessDetails(
            customer_name=record["customer_name"],
            business_name=record["business_name"],
            tax_id=record["tax_id"],
            contact_person_name=record["contact_person_name"],
            contact_person_email=record["contact_person_email"],
            incorporation_place=record["incorporation_place"],
            address=record["address"],
        )
    return CreditRow(
        id=record["id"],
        workspace_id=record["workspace_id"],
        parent_id=record["parent_id"],
        amount=record["amount"],
        status=CREDIT_STATUSES.member(record["status"]),
        currency=record["currency"].strip(),
        workspace_name=record["workspace_name"],
        organization_name=record["organization_name"],
        business=business,
        claimed_at=record["claimed_at"],
        created_at=record["created_at"],
        modified_at=record["modified_at"],
    )


def _reach(viewer: Viewer, param: int) -> tuple[str, list[Any]]:
    """The credits the viewer reaches: a customer its own, an organization its customers',
    super all."""
    if viewer.is_super:
        return "TRUE", []
    if viewer.kind is WorkspaceKind.ORGANIZATION:
        return f"parent_id = ${param}", [viewer.workspace.id]
    return f"workspace_id = ${param}", [viewer.workspace.id]


async def insert(
    conn: asyncpg.Connection, workspace_id: int, parent_id: int, amount: Decimal, created_by: int
) -> int:
    credit_id = await conn.fetchval(
        "INSERT INTO credits (workspace_id, parent_id, amount, created_by, modified_by)"
        " VALUES ($1, $2, $3, $4, $4) RETURNING id",
        workspace_id,
        parent_id,
        amount,
        created_by,
    )
    return int(credit_id)


async def get(conn: asyncpg.Connection, credit_id: int) -> CreditRow:
    """A credit known to exist (read back after a change in the same transaction)."""
    record = await conn.fetchrow(f"SELECT {COLUMNS} FROM credits WHERE id = $1", credit_id)
    assert record is not None
    return credit_row(record)


async def lock_reachable(
    conn: asyncpg.Connection, viewer: Viewer, credit_id: int
) -> CreditRow | None:
    """The credit, locked until the transaction ends, when the viewer reaches it; else None
    (a foreign credit and a missing one look alike)."""
    reach, args = _reach(viewer, 2)
    record = await conn.fetchrow(
        f"SELECT {COLUMNS} FROM credits WHERE id = $1 AND {reach} FOR UPDATE", credit_id, *args
    )
    return credit_row(record) if record else None


async def set_amount(conn: asyncpg.Connection, credit_id: int, amount: Decimal, by: int) -> None:
    await conn.execute(
        "UPDATE credits SET amount = $2, modified_by = $3, modified_at = now() WHERE id = $1",
        credit_id,
        amount,
        by,
    )


async def revoke(conn: asyncpg.Connection, credit_id: int, by: int) -> None:
    await conn.execute(
        "UPDATE credits SET status = $2, revoked_at = now(), modified_by = $3, modified_at = now()"
        " WHERE id = $1",
        credit_id,
        CREDIT_STATUSES.id(CreditStatus.REVOKED),
        by,
    )


async def claim(
    conn: asyncpg.Connection, credit_id: int, details: BusinessDetails, by: int
) -> None:
    await conn.execute(
        "UPDATE credits SET status = $2, customer_name = $3, business_name = $4, tax_id = $5,"
        " contact_person_name = $6, contact_person_email = $7, incorporation_place = $8,"
        " address = $9, claimed_by = $10, claimed_at = now(), modified_by = $10,"
        " modified_at = now() WHERE id = $1",
        credit_id,
        CREDIT_STATUSES.id(CreditStatus.CLAIMED),
        details.customer_name,
        details.business_name,
        details.tax_id,
        details.contact_person_name,
        details.contact_person_email,
        details.incorporation_place,
        details.address,
        by,
    )


async def touch(conn: asyncpg.Connection, credit_id: int, by: int) -> None:
    await conn.execute(
        "UPDATE credits SET modified_by = $2, modified_at = now() WHERE id = $1", credit_id, by
    )


async def applied_amount(conn: asyncpg.Connection, credit_id: int) -> Decimal:
    """How much of the credit is applied to invoices (call with the credit locked)."""
    total = await conn.fetchval(
        "SELECT coalesce(sum(amount), 0) FROM credit_allocations WHERE credit_id = $1", credit_id
    )
    return Decimal(total)


async def insert_allocation(
    conn: asyncpg.Connection, credit_id: int, invoice_id: int, amount: Decimal, by: int
) -> int:
    allocation_id = await conn.fetchval(
        "INSERT INTO credit_allocations (credit_id, invoice_id, amount, created_by)"
        " VALUES ($1, $2, $3, $4) RETURNING id",
        credit_id,
        invoice_id,
        amount,
        by,
    )
    return int(allocation_id)


async def allocations_of(
    conn: asyncpg.Connection, credit_ids: list[int]
) -> dict[int, list[AllocationRow]]:
    records = await conn.fetch(
        "SELECT id, credit_id, invoice_id, amount, created_at FROM credit_allocations"
        " WHERE credit_id = ANY($1) ORDER BY credit_id, id",
        credit_ids,
    )
    found: dict[int, list[AllocationRow]] = defaultdict(list)
    for r in records:
        found[r["credit_id"]].append(AllocationRow(**dict(r)))
    return found


async def summaries(
    conn: asyncpg.Connection, workspace_ids: list[int]
) -> dict[int, tuple[Decimal, Decimal]]:
    """Per workspace: (total claimed credit, the part of it applied to invoices)."""
    records = await conn.fetch(
        "SELECT c.workspace_id, sum(c.amount) AS total,"
        " coalesce(sum((SELECT sum(a.amount) FROM credit_allocations a"
        "               WHERE a.credit_id = c.id)), 0) AS used"
        " FROM credits c WHERE c.workspace_id = ANY($1) AND c.status = $2"
        " GROUP BY c.workspace_id",
        workspace_ids,
        CREDIT_STATUSES.id(CreditStatus.CLAIMED),
    )
    return {r["workspace_id"]: (r["total"], r["used"]) for r in records}


# --- The list -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class CreditFilter:
    """`workspace_id` is already checked to be within the viewer's reach."""

    workspace_id: int | None = None
    statuses: tuple[CreditStatus, ...] = ()


def _where(viewer: Viewer, found: CreditFilter) -> tuple[str, list[Any]]:
    reach, args = _reach(viewer, 1)
    conditions = [reach]
    if found.workspace_id is not None:
        args.append(found.workspace_id)
        conditions.append(f"workspace_id = ${len(args)}")
    if found.statuses:
        args.append(CREDIT_STATUSES.ids(list(found.statuses)))
        conditions.append(f"status = ANY(${len(args)}::smallint[])")
    return " AND ".join(conditions), args


async def list_credits(
    conn: asyncpg.Connection, viewer: Viewer, found: CreditFilter, page: Page
) -> list[CreditRow]:
    """A page (plus one row) of the credits the viewer reaches, last modified first."""
    where, args = _where(viewer, found)
    sql, values = page_query("credits", COLUMNS, [where], args, SORT, page)
    return [credit_row(r) for r in await conn.fetch(sql, *values)]


async def count_credits(conn: asyncpg.Connection, viewer: Viewer, found: CreditFilter) -> int:
    where, args = _where(viewer, found)
    return int(await conn.fetchval(f"SELECT count(*) FROM credits WHERE {where}", *args))
