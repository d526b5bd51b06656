"""Payment SQL that writes: new payments, their allocations and proofs, edits and decisions.

Every change bumps `version` and `modified_at`, so that an edit made from an older read is seen
as stale (`update_details` takes the version it read).
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import asyncpg

from finance_graphql.lookups.catalog import (
    PAYMENT_MODES,
    PAYMENT_STATUSES,
    PAYMENT_TYPES,
    PaymentMode,
    PaymentStatus,
    PaymentType,
)
from finance_graphql.payments.proofs import ProofFile
from finance_graphql.payments.repository import COLUMNS, Attribute, PaymentRow, payment_row

# Columns an edit may change, by the name of the EditPayment field.
EDITABLE = {
    "amount": "amount",
    "payment_date": "payment_date",
    "transaction_id": "transaction_id",
    "bank_name": "bank_name",
}


@dataclass(frozen=True)
class NewPayment:
    """A payment to record, PROCESSING."""

    workspace_id: int
    parent_id: int | None
    type: PaymentType
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
    custom_attributes: tuple[Attribute, ...]
    checkout_url: str | None
    created_by: int


async def insert(conn: asyncpg.Connection, new: NewPayment) -> PaymentRow:
    attributes = json.dumps([{"name": a.name, "value": a.value} for a in new.custom_attributes])
    record = await conn.fetchrow(
        "INSERT INTO payments (workspace_id, parent_id, type, mode, amount, tds,"
        " transaction_charge, currency, exchange_rate, payment_date, transaction_id, bank_name,"
        " refund_reason, notes, custom_attributes, checkout_url, created_by, modified_by)"
        " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15::text::jsonb,"
        f" $16, $17, $17) RETURNING {COLUMNS}",
        new.workspace_id,
        new.parent_id,
        PAYMENT_TYPES.id(new.type),
        PAYMENT_MODES.id(new.mode),
        new.amount,
        new.tds,
        new.transaction_charge,
        new.currency,
        new.exchange_rate,
        new.payment_date,
        new.transaction_id,
        new.bank_name,
        new.refund_reason,
        new.notes,
        attributes,
        new.checkout_url,
        new.created_by,
    )
    assert record is not None
    return payment_row(record)


async def insert_allocations(
    conn: asyncpg.Connection, payment_id: int, allocations: list[tuple[int, Decimal]]
) -> None:
    await conn.execute(
        "INSERT INTO payment_allocations (payment_id, invoice_id, amount)"
        " SELECT $1, invoice_id, amount FROM unnest($2::bigint[], $3::numeric[])"
        " AS a (invoice_id, amount)",
        payment_id,
        [invoice_id for invoice_id, _ in allocations],
        [amount for _, amount in allocations],
    )


async def save_proof(conn: asyncpg.Connection, payment_id: int, proof: ProofFile) -> None:
    await conn.execute(
        "INSERT INTO payment_proofs (payment_id, filename, content_type, size, content)"
        " VALUES ($1, $2, $3, $4, $5)",
        payment_id,
        proof.filename,
        proof.content_type,
        len(proof.content),
        proof.content,
    )


async def update_details(
    conn: asyncpg.Connection,
    payment_id: int,
    version: int,
    changes: dict[str, Any],
    user_id: int,
) -> PaymentRow | None:
    """Apply an edit if the payment is still PROCESSING at `version`; None when it is not.

    Under READ COMMITTED a concurrent edit of the same version waits for the first to commit, then
    finds the version moved on and changes nothing: one wins, the others see None.
    """
    params: list[Any] = [
        payment_id,
        version,
        user_id,
        PAYMENT_STATUSES.id(PaymentStatus.PROCESSING),
    ]
    assignments = []
    for name, value in changes.items():
        params.append(value)
        assignments.append(f"{EDITABLE[name]} = ${len(params)}")
    record = await conn.fetchrow(
        "UPDATE payments SET "
        + "".join(f"{a}, " for a in assignments)
        + "version = version + 1, modified_by = $3, modified_at = now()"
        " WHERE id = $1 AND version = $2 AND status = $4"
        f" RETURNING {COLUMNS}",
        *params,
    )
    return payment_row(record) if record else None


async def decide(
    conn: asyncpg.Connection,
    payment_id: int,
    status: PaymentStatus,
    action_note: str | None,
    user_id: int,
) -> PaymentRow:
    """Move a (locked) payment to its new status, keeping the note, who and when."""
    record = await conn.fetchrow(
        "UPDATE payments SET status = $2, action_note = $3, status_updated_by = $4,"
        " status_updated_at = now(), modified_by = $4, modified_at = now(),"
        f" version = version + 1 WHERE id = $1 RETURNING {COLUMNS}",
        payment_id,
        PAYMENT_STATUSES.id(status),
        action_note,
        user_id,
    )
    assert record is not None
    return payment_row(record)


async def set_reconcile_status(
    conn: asyncpg.Connection, payment_id: int, reconcile_status: str, user_id: int
) -> PaymentRow:
    record = await conn.fetchrow(
        "UPDATE payments SET reconcile_status = $2, modified_by = $3, modified_at = now(),"
        f" version = version + 1 WHERE id = $1 RETURNING {COLUMNS}",
        payment_id,
        reconcile_status,
        user_id,
    )
    assert record is not None
    return payment_row(record)
