"""PayPal checkout, reconcile status, and what rejection and cancellation give back."""

from __future__ import annotations

from decimal import Decimal
from urllib.parse import parse_qs, urlsplit

from tests.payments.helpers import (
    ADD,
    CANCEL,
    PAYPAL,
    RECONCILE,
    REJECT,
    add,
    approved,
    count_payments,
    decide,
    invoice,
    ledger_agrees,
    payment_input,
    read_invoice,
    run,
    world,
)
from tests.support import Api


async def test_starting_a_paypal_payment_records_it_and_returns_the_checkout(api: Api) -> None:
    # given a customer
    w = await world(api)
    # when it starts a PayPal payment of 200.00
    payload = await run(api, PAYPAL, {"owId": str(w.customer_id), "amount": "200.00"}, w.customer)
    # then a PROCESSING AS_FUND PayPal payment is recorded with the 3.5% fee on top
    assert payload["userErrors"] == []
    payment = payload["payment"]
    assert (payment["type"], payment["mode"], payment["status"]) == (
        "AS_FUND",
        "PAYPAL",
        "PROCESSING",
    )
    assert (payload["fee"], payload["total"]) == ("7.00", "207.00")
    assert payment["transactionCharge"] == "7.00"
    # and the checkout link is PayPal's express checkout with the payment's token
    url = urlsplit(payload["checkoutUrl"])
    assert (url.scheme, url.netloc, url.path) == (
        "https",
        "www.sandbox.paypal.com",
        "/cgi-bin/webscr",
    )
    query = parse_qs(url.query)
    assert query["cmd"] == ["_express-checkout"]
    assert query["token"] == [payment["transactionId"]]
    assert payment["checkoutUrl"] == payload["checkoutUrl"]
    # and once approved only the amount reaches the balance
    await approved(api, w.org, payment["id"])
    assert await ledger_agrees(api, w.customer_id) == Decimal("200.00")


BASIC_DETAILS = """mutation($input: UpdateBasicFinancialDetailsInput!) {
  updateBasicFinancialDetails(input: $input) { userErrors { field code message } }
}"""


async def test_the_fee_is_the_organizations_basic_financial_details(api: Api) -> None:
    # given an organization whose PayPal fee is 2.9 %
    w = await world(api)
    set_fee = await run(api, BASIC_DETAILS, {"paypalFeesPercentage": "2.9"}, w.org)
    assert set_fee["userErrors"] == []
    # when its customer starts a PayPal payment of 200.00
    payload = await run(api, PAYPAL, {"owId": str(w.customer_id), "amount": "200.00"}, w.customer)
    # then the fee is 2.9 % of it
    assert (payload["fee"], payload["total"]) == ("5.80", "205.80")


async def test_a_paypal_retry_with_its_key_returns_the_same_checkout(api: Api) -> None:
    w = await world(api)
    value = {"owId": str(w.customer_id), "amount": "10.30", "idempotencyKey": "pp-1"}
    first = await run(api, PAYPAL, value, w.customer)
    again = await run(api, PAYPAL, value, w.customer)
    assert again["payment"]["id"] == first["payment"]["id"]
    assert again["checkoutUrl"] == first["checkoutUrl"]
    assert (again["fee"], again["total"]) == ("0.36", "10.66")
    assert await count_payments(api) == 1


async def test_paypal_refusals(api: Api) -> None:
    w = await world(api)
    other = await world(api, "Other")
    bad = await run(api, PAYPAL, {"owId": str(w.customer_id), "amount": "0"}, w.customer)
    assert [(e["code"], e["field"]) for e in bad["userErrors"]] == [
        ("OUT_OF_RANGE", ["input", "amount"])
    ]
    body = await api.gql(
        PAYPAL, {"input": {"owId": str(other.customer_id), "amount": "5"}}, login=w.customer
    )
    assert body["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    assert await count_payments(api) == 0


async def test_reconciling_a_paid_payment_and_undoing_it(api: Api) -> None:
    w = await world(api)
    payment = await add(api, w.customer, w.customer_id)
    early = await run(api, RECONCILE, {"paymentId": payment["id"], "reconciled": True}, w.org)
    assert [(e["code"], e["field"]) for e in early["userErrors"]] == [
        ("INVALID_STATE", ["input", "paymentId"])
    ]
    await approved(api, w.org, payment["id"])
    done = await run(api, RECONCILE, {"paymentId": payment["id"], "reconciled": True}, w.org)
    assert done["payment"]["reconcileStatus"] == "RECONCILED"
    undone = await run(api, RECONCILE, {"paymentId": payment["id"], "reconciled": False}, w.org)
    assert (undone["payment"]["reconcileStatus"], undone["payment"]["version"]) == (
        "UNRECONCILED",
        4,
    )


async def test_rejecting_or_cancelling_frees_what_an_invoice_payment_reserved(api: Api) -> None:
    # given a 100.00 invoice fully reserved by a processing payment
    w = await world(api)
    invoice_id = await invoice(api, w, "100.00")
    value = payment_input(
        w.customer_id,
        type="AGAINST_INVOICE",
        allocations=[{"invoiceId": invoice_id, "amount": "100.00"}],
    )
    for mutation in (REJECT, CANCEL):
        reserved = await run(api, ADD, value, w.customer)
        assert reserved["userErrors"] == []
        blocked = await run(api, ADD, value, w.customer)
        assert [e["code"] for e in blocked["userErrors"]] == ["OVERPAYMENT"]
        # when the payment is rejected (then, again, cancelled)
        decided = await decide(api, mutation, w.org, reserved["payment"]["id"], "Bounced")
        assert decided["userErrors"] == []
        # then the invoice is UNPAID again and takes a new payment
        assert (await read_invoice(api, invoice_id))["status"] == "UNPAID"
    assert (await run(api, ADD, value, w.customer))["userErrors"] == []


async def test_approving_checks_again_that_the_invoice_is_not_overpaid(api: Api) -> None:
    # given a processing payment of the whole invoice, then credit applied to it meanwhile
    w = await world(api)
    invoice_id = await invoice(api, w, "100.00")
    payment = await add(
        api,
        w.customer,
        w.customer_id,
        type="AGAINST_INVOICE",
        allocations=[{"invoiceId": invoice_id, "amount": "100.00"}],
    )
    await api.sql(
        "WITH c AS (INSERT INTO credits (workspace_id, parent_id, amount, status, claimed_at,"
        " customer_name, contact_person_email) VALUES ($1, $2, 30, 2, now(), 'C', 'c@c.test')"
        " RETURNING id)"
        " INSERT INTO credit_allocations (credit_id, invoice_id, amount) SELECT id, $3, 30 FROM c",
        w.customer_id,
        w.org_id,
        int(invoice_id),
    )
    await api.sql("UPDATE invoices SET paid_amount = 30 WHERE id = $1", int(invoice_id))
    # when the organization approves the payment
    payload = await run(
        api,
        "mutation($input: PaymentActionInput!) { approvePayment(input: $input)"
        " { payment { status } userErrors { field code message } } }",
        {"paymentId": payment["id"]},
        w.org,
    )
    # then it is refused as an overpayment and stays PROCESSING
    assert [(e["code"], e["field"]) for e in payload["userErrors"]] == [
        ("OVERPAYMENT", ["input", "paymentId"])
    ]
    found = await read_invoice(api, invoice_id)
    assert (found["paidAmount"], found["payments"][0]["status"]) == ("30.00", "PROCESSING")
