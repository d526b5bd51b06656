"""Ledger SQL: write an entry and move the balance in one statement; read balances."""

from __future__ import annotations

from decimal import Decimal

import asyncpg

from finance_graphql.core.errors import ErrorCode, refuse


class EntryKind:
    """What moved the money; with (source_type, source_id) it identifies an entry uniquely."""

    FUND_PAYMENT_PAID = "FUND_PAYMENT_PAID"
    INVOICE_PAYMENT_PAID = "INVOICE_PAYMENT_PAID"
    REFUND_PAID = "REFUND_PAID"
    CREDIT_CLAIMED = "CREDIT_CLAIMED"
    CREDIT_APPLIED = "CREDIT_APPLIED"
    SPEND_RECORDED = "SPEND_RECORDED"


# The balance row is updated (and so locked until commit) by the same statement that writes the
# entry: two transactions moving one balance queue on that row, and `allow_negative` is checked
# against the balance as it is after every earlier commit.
_POST = """
WITH moved AS (
    UPDATE workspace_balances
       SET balance = balance + $2, modified_at = now()
     WHERE workspace_id = $1 AND ($7 OR balance + $2 >= 0)
 RETURNING balance
)
INSERT INTO ledger_entries
       (workspace_id, amount, kind, source_type, source_id, balance_after, created_by)
SELECT $1, $2, $3, $4, $5, moved.balance, $6 FROM moved
RETURNING balance_after
"""


async def post(
    conn: asyncpg.Connection,
    *,
    workspace_id: int,
    amount: Decimal,
    kind: str,
    source_type: str,
    source_id: int,
    created_by: int | None,
    allow_negative: bool = True,
) -> Decimal:
    """Write one entry and return the new balance.

    With `allow_negative=False` an entry that would take the balance below zero is refused with
    INSUFFICIENT_FUNDS. Call inside the mutation's transaction.
    """
    balance = await conn.fetchval(
        _POST, workspace_id, amount, kind, source_type, source_id, created_by, allow_negative
    )
    if balance is None:
        raise refuse(
            ErrorCode.INSUFFICIENT_FUNDS, "amount: is more than the available balance", "amount"
        )
    return Decimal(balance)


async def open_balance(conn: asyncpg.Connection, workspace_id: int) -> None:
    await conn.execute(
        "INSERT INTO workspace_balances (workspace_id) VALUES ($1) ON CONFLICT DO NOTHING",
        workspace_id,
    )


async def balance_for_update(conn: asyncpg.Connection, workspace_id: int) -> Decimal:
    """The balance, locked until the transaction ends (for rules that read before writing)."""
    value = await conn.fetchval(
        "SELECT balance FROM workspace_balances WHERE workspace_id = $1 FOR UPDATE", workspace_id
    )
    return Decimal(value if value is not None else 0)


async def balances(conn: asyncpg.Connection, workspace_ids: list[int]) -> dict[int, Decimal]:
    rows = await conn.fetch(
        "SELECT workspace_id, balance FROM workspace_balances WHERE workspace_id = ANY($1)",
        workspace_ids,
    )
    return {row["workspace_id"]: row["balance"] for row in rows}
