"""Demo payments: made through the rules, once, with the ledger agreeing."""

from __future__ import annotations

import asyncpg

from finance_graphql import demo


async def test_demo_payments_are_made_once_and_the_ledger_agrees(test_dsn: str) -> None:
    # given the demo loaded once
    conn = await asyncpg.connect(test_dsn)
    try:
        await demo.load(conn)
        first = await conn.fetch(
            "SELECT workspace_id, type, mode, status FROM payments ORDER BY id"
        )
        # when it is loaded again
        await demo.load(conn)
        again = await conn.fetch(
            "SELECT workspace_id, type, mode, status FROM payments ORDER BY id"
        )
        disagreeing = await conn.fetch(
            "SELECT b.workspace_id FROM workspace_balances b"
            " WHERE b.balance <> (SELECT coalesce(sum(amount), 0) FROM ledger_entries e"
            "                     WHERE e.workspace_id = b.workspace_id)"
        )
    finally:
        await conn.close()
    # then nothing new was made, and every kind of payment is there
    assert again == first
    kinds = {(r["type"], r["status"]) for r in first}
    assert {(1, 2), (1, 1), (2, 2), (3, 2)} <= kinds  # paid & processing funds, invoice, refund
    assert any(r["mode"] == 1 for r in first)  # a PayPal payment started
    assert disagreeing == []
