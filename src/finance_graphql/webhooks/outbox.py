"""Writing deliveries: when a payment, invoice or credit changes, one row per subscribed endpoint
of its workspace or of the workspace's manager, in the same transaction as the change.

The event type is the record's new state (`payment.paid`, `invoice.partially_paid`,
`credit.claimed`, ...); a state is announced once per record and endpoint.
"""

from __future__ import annotations

import asyncpg

from finance_graphql.compiled import sql
from finance_graphql.core import events
from finance_graphql.core.events import Event
from finance_graphql.lookups.catalog import (
    CREDIT_STATUSES,
    INVOICE_STATUSES,
    PAYMENT_MODES,
    PAYMENT_STATUSES,
    PAYMENT_TYPES,
)


def _lower(expression: str) -> str:
    return f"lower({expression})"


_CUSTOMER_CURRENCY = "(SELECT w.currency FROM workspaces w WHERE w.id = r.workspace_id)"

# Per topic: the record's state name and its snapshot, over alias r.
SNAPSHOTS: dict[str, tuple[str, str, str]] = {
    "payment": (
        "payments",
        _lower(sql.enum("r.status", PAYMENT_STATUSES)),
        "jsonb_build_object('id', r.id::text, 'uuid', r.uuid::text, 'workspaceId',"
        f" r.workspace_id::text, 'type', {sql.enum('r.type', PAYMENT_TYPES)}, 'mode',"
        f" {sql.enum('r.mode', PAYMENT_MODES)}, 'status', {sql.enum('r.status', PAYMENT_STATUSES)},"
        f" 'amount', {sql.money('r.amount', 'r.currency')}, 'currency', rtrim(r.currency),"
        " 'paymentDate', r.payment_date,"
        " 'transactionId', r.transaction_id)",
    ),
    "invoice": (
        "invoices",
        _lower(sql.enum("r.status", INVOICE_STATUSES)),
        "jsonb_build_object('id', r.id::text, 'workspaceId', r.workspace_id::text, 'name', r.name,"
        f" 'status', {sql.enum('r.status', INVOICE_STATUSES)},"
        f" 'amount', {sql.money('r.amount', 'r.currency')},"
        f" 'paidAmount', {sql.money('r.paid_amount', 'r.currency')},"
        " 'currency', rtrim(r.currency), 'dueOn', r.due_on)",
    ),
    "credit": (
        "credits",
        _lower(sql.enum("r.status", CREDIT_STATUSES)),
        "jsonb_build_object('id', r.id::text, 'workspaceId', r.workspace_id::text,"
        f" 'status', {sql.enum('r.status', CREDIT_STATUSES)},"
        f" 'amount', {sql.money('r.amount', _CUSTOMER_CURRENCY)},"
        " 'parentId', r.parent_id::text)",
    ),
}

EVENT_TYPES = sorted(
    f"{topic}.{member.name.lower()}"
    for topic, catalog in (
        ("payment", PAYMENT_STATUSES),
        ("invoice", INVOICE_STATUSES),
        ("credit", CREDIT_STATUSES),
    )
    for member in catalog.items
)


def _statement(topic: str) -> str:
    table, state, snapshot = SNAPSHOTS[topic]
    event_type = f"'{topic}.' || {state}"
    return f"""
        INSERT INTO webhook_deliveries (endpoint_id, event_type, event_key, payload)
        SELECT e.id, {event_type}, '{topic}:' || r.id || ':' || {state}, {snapshot}
          FROM {table} r
          JOIN webhook_endpoints e
            ON e.active AND e.workspace_id IN (r.workspace_id, r.parent_id)
         WHERE r.id = $1 AND ({event_type} = ANY(e.events) OR '*' = ANY(e.events))
        ON CONFLICT (endpoint_id, event_key) DO NOTHING"""


STATEMENTS = {topic: _statement(topic) for topic in SNAPSHOTS}


async def record(conn: asyncpg.Connection, event: Event) -> None:
    """Write the deliveries this change owes (none when nobody subscribed)."""
    statement = STATEMENTS.get(event.topic)
    if statement is not None:
        await conn.execute(statement, event.id)


events.after_publish.append(record)
