"""Many requests at once (asyncio.gather over the app): never an overpaid invoice, never an
overdrawn balance, and the ledger always agrees with the balance."""

from __future__ import annotations

import asyncio
from decimal import Decimal
from typing import Any

import asyncpg

from finance_graphql.ledger import repository as ledger
from tests.payments.helpers import (
    ADD,
    APPROVE,
    REJECT,
    World,
    add,
    decide,
    funded,
    invoice,
    ledger_agrees,
    payment_input,
    read_invoice,
    run,
    world,
)
from tests.support import Api


async def _pay_and_decide(api: Api, w: World, invoice_id: str, amount: str, reject: bool) -> str:
    """One client: pay against the invoice, then have the organization decide. Returns the
    outcome: the refusal code of the payment, or the status it ended in."""
    value = payment_input(
        w.customer_id,
        type="AGAINST_INVOICE",
        amount=amount,
        allocations=[{"invoiceId": invoice_id, "amount": amount}],
    )
    added = await run(api, ADD, value, w.customer)
    if added["userErrors"]:
        [error] = added["userErrors"]
        return str(error["code"])
    decided = await decide(api, REJECT if reject else APPROVE, w.org, added["payment"]["id"])
    assert decided["userErrors"] == [], decided["userErrors"]
    return str(decided["payment"]["status"])


async def _paid_allocations(api: Api, invoice_id: str) -> Decimal:
    rows = await api.sql(
        "SELECT coalesce(sum(a.amount), 0) AS paid FROM payment_allocations a"
        " JOIN payments p ON p.id = a.payment_id WHERE a.invoice_id = $1 AND p.status = 2",
        int(invoice_id),
    )
    return Decimal(rows[0]["paid"])


async def test_a_hundred_concurrent_payments_never_overpay_an_invoice(api: Api) -> None:
    # given an invoice of 1000.00
    w = await world(api)
    invoice_id = await invoice(api, w, "1000.00")
    # when 100 clients each pay 12.50 against it and have it approved, all at once
    outcomes = await asyncio.gather(
        *(_pay_and_decide(api, w, invoice_id, "12.50", reject=False) for _ in range(100))
    )
    # then exactly 80 were accepted and paid, 20 refused as overpayments
    assert outcomes.count("PAID") == 80
    assert outcomes.count("OVERPAYMENT") == 20
    # and the invoice is PAID by exactly its amount, which is what the PAID allocations sum to
    found = await read_invoice(api, invoice_id)
    assert (found["status"], found["paidAmount"], found["outstanding"]) == (
        "PAID",
        "1000.00",
        "0.00",
    )
    assert await _paid_allocations(api, invoice_id) == Decimal("1000.00")
    assert await ledger_agrees(api, w.customer_id) == 0


async def test_mixed_concurrent_payments_and_rejections_keep_status_and_paid_in_step(
    api: Api,
) -> None:
    # given an invoice of 1000.00
    w = await world(api)
    invoice_id = await invoice(api, w, "1000.00")
    amounts = ["7.25", "13.10", "21.00", "4.65", "16.35"]
    # when 100 clients pay uneven amounts and every tenth payment is rejected
    outcomes = await asyncio.gather(
        *(
            _pay_and_decide(api, w, invoice_id, amounts[i % 5], reject=i % 10 == 0)
            for i in range(100)
        )
    )
    # then nothing was overpaid, the paid amount is the PAID allocations, and the status says so
    assert set(outcomes) <= {"PAID", "REJECTED", "OVERPAYMENT"}
    paid = await _paid_allocations(api, invoice_id)
    found = await read_invoice(api, invoice_id)
    assert paid <= Decimal("1000.00")
    assert Decimal(found["paidAmount"]) == paid
    assert Decimal(found["outstanding"]) == Decimal("1000.00") - paid
    expected = "PAID" if paid == Decimal("1000.00") else "PARTIALLY_PAID"
    assert found["status"] == expected


async def test_concurrent_refund_requests_never_promise_more_than_the_balance(api: Api) -> None:
    # given a balance of 100.00
    w = await world(api)
    await funded(api, w, "100.00")
    value = payment_input(
        w.customer_id, type="REFUND", mode="TO_FUNDS", amount="10.00", refundReason="Refund"
    )
    # when 25 refunds of 10.00 are requested at once
    payloads = await asyncio.gather(*(run(api, ADD, value, w.org) for _ in range(25)))
    # then exactly 10 are accepted, 15 refused for insufficient funds
    accepted = [p["payment"]["id"] for p in payloads if not p["userErrors"]]
    codes = [p["userErrors"][0]["code"] for p in payloads if p["userErrors"]]
    assert (len(accepted), codes) == (10, ["INSUFFICIENT_FUNDS"] * 15)
    # and approving them all at once empties the balance exactly
    decided = await asyncio.gather(*(decide(api, APPROVE, w.org, i) for i in accepted))
    assert all(d["userErrors"] == [] for d in decided)
    assert await ledger_agrees(api, w.customer_id) == 0


async def _spend(api: Api, workspace_id: int, amount: Decimal) -> None:
    """Campaign spend taken from the balance, through the ledger as every money event is."""
    conn = await asyncpg.connect(api.dsn)
    try:
        async with conn.transaction():
            await ledger.post(
                conn,
                workspace_id=workspace_id,
                amount=-amount,
                kind="SPEND_RECORDED",
                source_type="test",
                source_id=1,
                created_by=None,
            )
    finally:
        await conn.close()


async def test_concurrent_refund_approvals_never_overdraw_the_balance(api: Api) -> None:
    # given 24 refunds of 5.00 accepted against a balance of 120.00, which spend then lowers to 70
    w = await world(api)
    await funded(api, w, "120.00")
    refund = {"type": "REFUND", "mode": "TO_FUNDS", "amount": "5.00", "refundReason": "Refund"}
    refunds: list[dict[str, Any]] = [
        await add(api, w.org, w.customer_id, **refund) for _ in range(24)
    ]
    await _spend(api, w.customer_id, Decimal("50.00"))
    # when all 24 are approved at once
    decided = await asyncio.gather(*(decide(api, APPROVE, w.org, r["id"]) for r in refunds))
    # then 14 are paid and 10 refused; the balance reaches zero and never goes below it
    paid = [d for d in decided if not d["userErrors"]]
    refused = [d["userErrors"][0] for d in decided if d["userErrors"]]
    assert len(paid) == 14
    assert {(e["code"], tuple(e["field"])) for e in refused} == {
        ("INSUFFICIENT_FUNDS", ("input", "paymentId"))
    }
    assert len(refused) == 10
    assert await ledger_agrees(api, w.customer_id) == 0
    lowest = await api.sql(
        "SELECT min(balance_after) AS low FROM ledger_entries WHERE workspace_id = $1",
        w.customer_id,
    )
    assert lowest[0]["low"] >= 0


async def test_funds_and_refunds_racing_keep_the_ledger_and_balance_equal(api: Api) -> None:
    w = await world(api)
    await funded(api, w, "50.00")

    async def fund() -> None:
        payment = await add(api, w.org, w.customer_id, amount="3.00")
        assert (await decide(api, APPROVE, w.org, payment["id"]))["userErrors"] == []

    async def refund() -> None:
        value = payment_input(
            w.customer_id, type="REFUND", mode="TO_FUNDS", amount="4.00", refundReason="R"
        )
        added = await run(api, ADD, value, w.org)
        if not added["userErrors"]:
            await decide(api, APPROVE, w.org, added["payment"]["id"])

    await asyncio.gather(*(fund() if i % 2 else refund() for i in range(40)))
    assert await ledger_agrees(api, w.customer_id) >= 0
