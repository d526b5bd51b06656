"""Line items and taxes of invoices: rows and SQL."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

import asyncpg

from finance_graphql.core.tenancy import Viewer
from finance_graphql.invoices import repository


@dataclass(frozen=True)
class LineRow:
    id: int
    invoice_id: int
    position: int
    description: str
    amount: Decimal


@dataclass(frozen=True)
class TaxRow:
    id: int
    invoice_id: int
    name: str
    rate: Decimal | None  # percent of the lines' total, when the tax was given as a rate
    amount: Decimal
    created_at: dt.datetime


async def insert_lines(
    conn: asyncpg.Connection, invoice_id: int, lines: list[tuple[str, Decimal]]
) -> None:
    """The invoice's lines, numbered from 1 in the order given, in one statement."""
    await conn.execute(
        "INSERT INTO invoice_lines (invoice_id, position, description, amount)"
        " SELECT $1, t.position, t.description, t.amount"
        " FROM unnest($2::int[], $3::text[], $4::numeric[]) AS t(position, description, amount)",
        invoice_id,
        list(range(1, len(lines) + 1)),
        [description for description, _ in lines],
        [amount for _, amount in lines],
    )


async def lines_of(conn: asyncpg.Connection, invoice_ids: list[int]) -> dict[int, list[LineRow]]:
    records = await conn.fetch(
        "SELECT id, invoice_id, position, description, amount FROM invoice_lines"
        " WHERE invoice_id = ANY($1) ORDER BY invoice_id, position",
        invoice_ids,
    )
    found: dict[int, list[LineRow]] = defaultdict(list)
    for r in records:
        found[r["invoice_id"]].append(LineRow(**dict(r)))
    return found


async def lines_total(conn: asyncpg.Connection, invoice_id: int) -> Decimal:
    total = await conn.fetchval(
        "SELECT coalesce(sum(amount), 0) FROM invoice_lines WHERE invoice_id = $1", invoice_id
    )
    return Decimal(total)


_TAX_COLUMNS = "id, invoice_id, name, rate, amount, created_at"


async def taxes_of(conn: asyncpg.Connection, invoice_ids: list[int]) -> dict[int, list[TaxRow]]:
    records = await conn.fetch(
        f"SELECT {_TAX_COLUMNS} FROM invoice_taxes WHERE invoice_id = ANY($1)"
        " ORDER BY invoice_id, id",
        invoice_ids,
    )
    found: dict[int, list[TaxRow]] = defaultdict(list)
    for r in records:
        found[r["invoice_id"]].append(TaxRow(**dict(r)))
    return found


async def insert_tax(
    conn: asyncpg.Connection, invoice_id: int, name: str, rate: Decimal | None, amount: Decimal
) -> int:
    tax_id = await conn.fetchval(
        "INSERT INTO invoice_taxes (invoice_id, name, rate, amount) VALUES ($1, $2, $3, $4)"
        " RETURNING id",
        invoice_id,
        name,
        rate,
        amount,
    )
    return int(tax_id)


async def managed_tax_invoice(conn: asyncpg.Connection, viewer: Viewer, tax_id: int) -> int | None:
    """The invoice id of a tax the viewer manages (its organization's customers', or any for
    super); None when the tax is missing or foreign."""
    condition, args = repository.managed_by(viewer, 2, table="i")
    value = await conn.fetchval(
        "SELECT t.invoice_id FROM invoice_taxes t JOIN invoices i ON i.id = t.invoice_id"
        f" WHERE t.id = $1 AND {condition}",
        tax_id,
        *args,
    )
    return int(value) if value is not None else None


async def delete_tax(conn: asyncpg.Connection, tax_id: int) -> bool:
    """Delete a tax; False when it was already gone."""
    status = await conn.execute("DELETE FROM invoice_taxes WHERE id = $1", tax_id)
    return bool(status != "DELETE 0")
