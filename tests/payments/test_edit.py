"""editPayment: only while PROCESSING, only from the version read; never a lost update."""

from __future__ import annotations

import asyncio
from decimal import Decimal
from typing import Any

from tests.payments.helpers import (
    EDIT,
    PAYMENT,
    add,
    approved,
    funded,
    invoice,
    ledger_agrees,
    run,
    world,
)
from tests.support import Api


def errors(payload: dict[str, Any]) -> list[tuple[str, list[str]]]:
    return [(e["code"], e["field"]) for e in payload["userErrors"]]


async def test_an_edit_changes_what_it_names_and_bumps_the_version(api: Api) -> None:
    w = await world(api)
    payment = await add(api, w.customer, w.customer_id, mode="CHEQUE", bankName="Old Bank")
    payload = await run(
        api,
        EDIT,
        {"paymentId": payment["id"], "version": 1, "amount": "150.00", "bankName": "New Bank"},
        w.customer,
    )
    assert errors(payload) == []
    edited = payload["payment"]
    assert (edited["amount"], edited["bankName"], edited["version"]) == ("150.00", "New Bank", 2)
    assert edited["paymentDate"] == payment["paymentDate"]  # left out: kept
    assert edited["modifiedAt"] > payment["modifiedAt"]


async def test_an_edit_from_a_stale_version_is_a_conflict(api: Api) -> None:
    w = await world(api)
    payment = await add(api, w.customer, w.customer_id)
    first = await run(api, EDIT, {"paymentId": payment["id"], "version": 1, "amount": "1"}, w.org)
    assert errors(first) == []
    stale = await run(
        api, EDIT, {"paymentId": payment["id"], "version": 1, "amount": "2"}, w.customer
    )
    assert errors(stale) == [("CONFLICT", ["input", "version"])]
    found = await api.data(PAYMENT, {"id": payment["id"]})
    assert (found["payment"]["amount"], found["payment"]["version"]) == ("1.00", 2)


async def test_concurrent_edits_of_one_version_one_wins_the_rest_conflict(api: Api) -> None:
    # given a payment at version 1
    w = await world(api)
    payment = await add(api, w.customer, w.customer_id)
    amounts = [f"{100 + i}.00" for i in range(12)]
    # when twelve clients edit it from version 1 at the same time
    payloads = await asyncio.gather(
        *(
            run(api, EDIT, {"paymentId": payment["id"], "version": 1, "amount": a}, w.customer)
            for a in amounts
        )
    )
    # then exactly one edit applied; the others are CONFLICTs and changed nothing
    winners = [p["payment"] for p in payloads if not p["userErrors"]]
    assert len(winners) == 1
    assert all(
        errors(p) == [("CONFLICT", ["input", "version"])] for p in payloads if p["userErrors"]
    )
    found = (await api.data(PAYMENT, {"id": payment["id"]}))["payment"]
    assert (found["amount"], found["version"]) == (winners[0]["amount"], 2)


async def test_bad_edits_are_refused_naming_the_field(api: Api) -> None:
    w = await world(api)
    payment = await add(api, w.customer, w.customer_id, mode="WIRE_TRANSFER", bankName="B")
    cases: list[tuple[dict[str, Any], tuple[str, list[str]]]] = [
        ({"amount": "0"}, ("OUT_OF_RANGE", ["input", "amount"])),
        ({"amount": "1.001"}, ("INVALID", ["input", "amount"])),
        ({"amount": None}, ("REQUIRED", ["input", "amount"])),
        ({"paymentDate": None}, ("REQUIRED", ["input", "paymentDate"])),
        ({"bankName": ""}, ("REQUIRED", ["input", "bankName"])),
        ({"version": 0}, ("OUT_OF_RANGE", ["input", "version"])),
        ({"paymentId": "abc"}, ("INVALID", ["input", "paymentId"])),
    ]
    for change, expected in cases:
        value = {"paymentId": payment["id"], "version": 1, **change}
        assert errors(await run(api, EDIT, value, w.customer)) == [expected]
    found = (await api.data(PAYMENT, {"id": payment["id"]}))["payment"]
    assert found["version"] == 1


async def test_an_invoice_payment_keeps_amount_tds_and_charge_equal_to_its_allocations(
    api: Api,
) -> None:
    w = await world(api)
    invoice_id = await invoice(api, w)
    payment = await add(
        api,
        w.customer,
        w.customer_id,
        type="AGAINST_INVOICE",
        amount="95.00",
        tds="5.00",
        allocations=[{"invoiceId": invoice_id, "amount": "100.00"}],
    )
    changed = await run(
        api, EDIT, {"paymentId": payment["id"], "version": 1, "amount": "100.00"}, w.customer
    )
    assert errors(changed) == [("INVALID", ["input", "amount"])]
    same = await run(
        api,
        EDIT,
        {"paymentId": payment["id"], "version": 1, "amount": "95.00", "transactionId": "UTR-9"},
        w.customer,
    )
    assert errors(same) == []
    assert same["payment"]["transactionId"] == "UTR-9"


async def test_a_refund_edited_up_still_fits_the_balance(api: Api) -> None:
    w = await world(api)
    await funded(api, w, "100.00")
    refund = await add(
        api,
        w.org,
        w.customer_id,
        type="REFUND",
        mode="TO_FUNDS",
        amount="40.00",
        refundReason="Overcharged",
    )
    too_much = await run(
        api, EDIT, {"paymentId": refund["id"], "version": 1, "amount": "100.01"}, w.org
    )
    assert errors(too_much) == [("INSUFFICIENT_FUNDS", ["input", "amount"])]
    fits = await run(api, EDIT, {"paymentId": refund["id"], "version": 1, "amount": "100"}, w.org)
    assert errors(fits) == []
    await approved(api, w.org, refund["id"])
    assert await ledger_agrees(api, w.customer_id) == Decimal("0.00")
