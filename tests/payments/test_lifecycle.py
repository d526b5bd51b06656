"""A payment's life: recorded PROCESSING, then approved, rejected or cancelled, once."""

from __future__ import annotations

from decimal import Decimal

from tests.payments.helpers import (
    APPROVE,
    CANCEL,
    EDIT,
    REJECT,
    add,
    approved,
    decide,
    funded,
    invoice,
    ledger_agrees,
    read_invoice,
    run,
    world,
)
from tests.support import Api


async def test_a_fund_payment_reaches_the_balance_when_approved(api: Api) -> None:
    # given a customer's fund payment
    w = await world(api)
    payment = await add(api, w.customer, w.customer_id, amount="250.50", transactionId="T-1")
    assert payment["status"] == "PROCESSING"
    assert payment["version"] == 1
    assert payment["createdByEmail"] == w.customer.email
    assert await ledger_agrees(api, w.customer_id) == 0
    # when its organization approves it with a note
    payload = await decide(api, APPROVE, w.org, payment["id"], "Cheque cleared")
    # then it is PAID, who and when are kept, and the balance grew by the amount
    assert payload["userErrors"] == []
    paid = payload["payment"]
    assert paid["status"] == "PAID"
    assert paid["actionNote"] == "Cheque cleared"
    assert paid["statusUpdatedByEmail"] == w.org.email
    assert paid["statusUpdatedAt"] is not None
    assert paid["version"] == 2
    assert await ledger_agrees(api, w.customer_id) == Decimal("250.50")


async def test_a_decision_is_taken_once_and_only_forward(api: Api) -> None:
    # given a paid payment, a rejected one and a cancelled one
    w = await world(api)
    paid = await add(api, w.customer, w.customer_id)
    await approved(api, w.org, paid["id"])
    rejected = await add(api, w.customer, w.customer_id)
    assert (await decide(api, REJECT, w.org, rejected["id"], "No funds"))["userErrors"] == []
    cancelled = await add(api, w.customer, w.customer_id)
    assert (await decide(api, CANCEL, w.customer, cancelled["id"]))["userErrors"] == []
    # when any decision is asked again
    for payment_id in (paid["id"], rejected["id"], cancelled["id"]):
        for mutation in (APPROVE, REJECT, CANCEL):
            payload = await decide(api, mutation, w.org, payment_id)
            # then it is refused as INVALID_STATE, naming the payment
            assert payload["payment"] is None
            [error] = payload["userErrors"]
            assert (error["code"], error["field"]) == ("INVALID_STATE", ["input", "paymentId"])
    # and only the approval moved money, once
    assert await ledger_agrees(api, w.customer_id) == Decimal("100.00")


async def test_a_paid_payment_is_never_edited(api: Api) -> None:
    w = await world(api)
    payment = await add(api, w.customer, w.customer_id)
    paid = await approved(api, w.org, payment["id"])
    payload = await run(
        api, EDIT, {"paymentId": paid["id"], "version": paid["version"], "amount": "1.00"}, w.org
    )
    [error] = payload["userErrors"]
    assert (error["code"], error["field"]) == ("INVALID_STATE", ["input", "paymentId"])


async def test_an_invoice_payment_reserves_then_pays_the_invoice(api: Api) -> None:
    # given an approved invoice of 1000.00
    w = await world(api)
    invoice_id = await invoice(api, w, "1000.00")
    # when the customer pays 400 against it (390 + 10 TDS)
    payment = await add(
        api,
        w.customer,
        w.customer_id,
        type="AGAINST_INVOICE",
        mode="ACCOUNT_TRANSFER",
        amount="390.00",
        tds="10.00",
        allocations=[{"invoiceId": invoice_id, "amount": "400.00"}],
    )
    # then the invoice is PROCESSING with nothing paid yet
    assert payment["totalApplied"] == "400.00"
    assert payment["allocations"][0]["invoice"]["status"] == "PROCESSING"
    assert (await read_invoice(api, invoice_id))["paidAmount"] == "0.00"
    # when the organization approves it
    await approved(api, w.org, payment["id"])
    # then the invoice is partially paid by 400 and lists the payment; the balance did not move
    found = await read_invoice(api, invoice_id)
    assert (found["status"], found["paidAmount"], found["outstanding"]) == (
        "PARTIALLY_PAID",
        "400.00",
        "600.00",
    )
    assert [p["id"] for p in found["payments"]] == [payment["id"]]
    assert await ledger_agrees(api, w.customer_id) == 0


async def test_a_refund_leaves_the_balance_when_approved(api: Api) -> None:
    w = await world(api)
    await funded(api, w, "300.00")
    refund = await add(
        api,
        w.org,
        w.customer_id,
        type="REFUND",
        mode="TO_FUNDS",
        amount="120.25",
        refundReason="Campaign cancelled",
    )
    assert await ledger_agrees(api, w.customer_id) == Decimal("300.00")
    await approved(api, w.org, refund["id"])
    assert await ledger_agrees(api, w.customer_id) == Decimal("179.75")
