"""Idempotency keys: a retry returns the first payment; never a second one."""

from __future__ import annotations

import asyncio

from tests.payments.helpers import (
    ADD,
    add,
    count_payments,
    invoice,
    payment_input,
    read_invoice,
    run,
    world,
)
from tests.support import Api


async def test_a_retry_with_the_same_key_and_input_returns_the_first_payment(api: Api) -> None:
    w = await world(api)
    first = await add(api, w.customer, w.customer_id, idempotencyKey="order-1")
    again = await add(api, w.customer, w.customer_id, idempotencyKey="order-1")
    assert again["id"] == first["id"]
    assert await count_payments(api) == 1


async def test_the_same_key_with_another_input_is_refused(api: Api) -> None:
    w = await world(api)
    await add(api, w.customer, w.customer_id, idempotencyKey="order-1")
    payload = await run(
        api,
        ADD,
        payment_input(w.customer_id, amount="101.00", idempotencyKey="order-1"),
        w.customer,
    )
    assert [(e["code"], e["field"]) for e in payload["userErrors"]] == [
        ("IDEMPOTENCY_MISMATCH", ["input", "idempotencyKey"])
    ]
    assert await count_payments(api) == 1


async def test_a_key_is_per_workspace(api: Api) -> None:
    w = await world(api)
    other_id, other = await api.customer((w.org_id, w.org), "Other")
    a = await add(api, w.customer, w.customer_id, idempotencyKey="k")
    b = await add(api, other, other_id, idempotencyKey="k")
    assert a["id"] != b["id"]


async def test_a_refused_request_does_not_use_up_its_key(api: Api) -> None:
    w = await world(api)
    refused = await run(
        api, ADD, payment_input(w.customer_id, mode="CHEQUE", idempotencyKey="k"), w.customer
    )
    assert refused["userErrors"]
    payment = await add(
        api, w.customer, w.customer_id, mode="CHEQUE", bankName="B", idempotencyKey="k"
    )
    assert payment["bankName"] == "B"


async def test_concurrent_duplicates_create_exactly_one_payment(api: Api) -> None:
    # given an invoice and thirty clients sending the same payment with the same key at once
    w = await world(api)
    invoice_id = await invoice(api, w, "500.00")
    value = payment_input(
        w.customer_id,
        type="AGAINST_INVOICE",
        amount="400.00",
        idempotencyKey="pay-oct",
        allocations=[{"invoiceId": invoice_id, "amount": "400.00"}],
    )
    payloads = await asyncio.gather(*(run(api, ADD, value, w.customer) for _ in range(30)))
    # then all get the same payment, one row exists, and the invoice is reserved once
    assert all(p["userErrors"] == [] for p in payloads), payloads
    assert len({p["payment"]["id"] for p in payloads}) == 1
    assert await count_payments(api) == 1
    rows = await api.sql("SELECT count(*) AS n FROM payment_allocations")
    assert rows[0]["n"] == 1
    assert (await read_invoice(api, invoice_id))["status"] == "PROCESSING"
