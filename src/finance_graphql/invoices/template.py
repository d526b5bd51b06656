"""Invoice settings (an organization's invoice template, seed "Update Invoice Settings"): SQL."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, fields
from typing import Any

import asyncpg


@dataclass(frozen=True)
class InvoiceSettingsRow:
    """One row of `invoice_settings`; the field names are the column names."""

    workspace_id: int
    invoice_title: str | None
    company_name: str | None
    company_address: str | None
    email: str | None
    website: str | None
    invoice_description: str | None
    terms_and_conditions: str | None
    payment_term_days: int | None
    invoice_footer: str | None
    paypal_account_id: str | None
    cheque_company_name: str | None
    cheque_company_address: str | None
    wire_transfer_company_name: str | None
    bank_name: str | None
    account_number: str | None
    bank_address: str | None
    swift_code: str | None
    routing: str | None
    company_tax_id: str | None
    company_tax_name: str | None
    created_at: dt.datetime
    modified_at: dt.datetime


COLUMNS = [f.name for f in fields(InvoiceSettingsRow)]
# What an update may set: every column but the key and the timestamps.
EDITABLE = frozenset(COLUMNS) - {"workspace_id", "created_at", "modified_at"}


async def get(conn: asyncpg.Connection, workspace_id: int) -> InvoiceSettingsRow | None:
    record = await conn.fetchrow(
        f"SELECT {', '.join(COLUMNS)} FROM invoice_settings WHERE workspace_id = $1",
        workspace_id,
    )
    return InvoiceSettingsRow(**dict(record)) if record else None


async def upsert(
    conn: asyncpg.Connection, workspace_id: int, changes: dict[str, Any]
) -> InvoiceSettingsRow:
    """Create the template or change only the given columns (names from EDITABLE only)."""
    names = sorted(name for name in changes if name in EDITABLE)
    placeholders = [f"${i}" for i in range(2, len(names) + 2)]
    updates = [f"{name} = EXCLUDED.{name}" for name in names] + ["modified_at = now()"]
    record = await conn.fetchrow(
        f"INSERT INTO invoice_settings (workspace_id{''.join(', ' + n for n in names)})"
        f" VALUES ($1{''.join(', ' + p for p in placeholders)})"
        f" ON CONFLICT (workspace_id) DO UPDATE SET {', '.join(updates)}"
        f" RETURNING {', '.join(COLUMNS)}",
        workspace_id,
        *(changes[name] for name in names),
    )
    assert record is not None
    return InvoiceSettingsRow(**dict(record))
