"""addPayment: what a new payment must carry, and what is refused (with nothing written)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from tests.payments.helpers import (
    ADD,
    World,
    add,
    approved,
    count_payments,
    funded,
    invoice,
    ledger_agrees,
    payment_input,
    read_invoice,
    run,
    world,
)
from tests.support import Api


async def refused(api: Api, value: dict[str, Any], login: Any) -> list[tuple[str, list[str]]]:
    """Add a payment that must be refused; nothing may be written. Returns (code, field)s."""
    before = await count_payments(api)
    payload = await run(api, ADD, value, login)
    assert payload["payment"] is None
    assert await count_payments(api) == before
    return [(e["code"], e["field"]) for e in payload["userErrors"]]


async def test_every_field_reads_back_as_given(api: Api) -> None:
    w = await world(api)
    payment = await add(
        api,
        w.customer,
        w.customer_id,
        mode="CHEQUE",
        amount="1250.5",
        tds="12.50",
        transactionCharge="2.25",
        transactionId="CHQ-100",
        bankName=" First Bank ",
        notes="October top-up",
        customAttributes=[{"name": "PO", "value": "PO-77"}],
    )
    assert payment["type"] == "AS_FUND"
    assert payment["mode"] == "CHEQUE"
    assert (payment["amount"], payment["tds"], payment["transactionCharge"]) == (
        "1250.50",
        "12.50",
        "2.25",
    )
    assert payment["currency"] == "USD"
    assert payment["exchangeRate"] is None
    assert payment["paymentDate"] == "2025-10-15"
    assert payment["bankName"] == "First Bank"
    assert payment["customAttributes"] == [{"name": "PO", "value": "PO-77"}]
    assert payment["reconcileStatus"] == "UNRECONCILED"
    assert payment["workspace"] == {"id": str(w.customer_id)}
    assert len(payment["uuid"]) == 36
    assert payment["hasProof"] is False
    assert payment["proofUrl"] is None


@pytest.mark.parametrize(
    ("overrides", "expected"),
    [
        ({"amount": "0"}, [("OUT_OF_RANGE", ["input", "amount"])]),
        ({"amount": "-10.00"}, [("OUT_OF_RANGE", ["input", "amount"])]),
        ({"amount": "10.005"}, [("INVALID", ["input", "amount"])]),
        ({"amount": 10.5}, [("INVALID", ["input", "amount"])]),
        ({"amount": "ten"}, [("INVALID", ["input", "amount"])]),
        ({"paymentDate": "2025-13-01"}, [("INVALID", ["input", "paymentDate"])]),
        ({"tds": "-1"}, [("OUT_OF_RANGE", ["input", "tds"])]),
        ({"transactionCharge": "-0.01"}, [("OUT_OF_RANGE", ["input", "transactionCharge"])]),
        ({"mode": "CHEQUE"}, [("REQUIRED", ["input", "bankName"])]),
        ({"mode": "WIRE_TRANSFER", "bankName": "  "}, [("REQUIRED", ["input", "bankName"])]),
        ({"mode": "TO_FUNDS"}, [("INVALID", ["input", "mode"])]),
        ({"refundReason": "Why not"}, [("INVALID", ["input", "refundReason"])]),
        ({"transactionId": "x" * 201}, [("INVALID", ["input", "transactionId"])]),
        ({"currency": "XYZ"}, [("INVALID", ["input", "currency"])]),
        ({"currency": "EUR"}, [("REQUIRED", ["input", "exchangeRate"])]),
        ({"exchangeRate": "1.5"}, [("INVALID", ["input", "exchangeRate"])]),
        ({"idempotencyKey": " "}, [("INVALID", ["input", "idempotencyKey"])]),
        ({"idempotencyKey": "k" * 201}, [("INVALID", ["input", "idempotencyKey"])]),
        ({"transactionId": "T\x00-1"}, [("INVALID", ["input", "transactionId"])]),
        ({"notes": "bell\x07"}, [("INVALID", ["input", "notes"])]),
        (
            {"customAttributes": [{"name": "a", "value": "1"}, {"name": "A", "value": "2"}]},
            [("INVALID", ["input", "customAttributes"])],
        ),
        (
            {"customAttributes": [{"name": " ", "value": "1"}]},
            [("INVALID", ["input", "customAttributes", "0", "name"])],
        ),
    ],
)
async def test_bad_input_is_refused_naming_the_field(
    api: Api, overrides: dict[str, Any], expected: list[tuple[str, list[str]]]
) -> None:
    w = await world(api)
    assert await refused(api, payment_input(w.customer_id, **overrides), w.customer) == expected


async def test_every_bad_field_is_named_at_once(api: Api) -> None:
    w = await world(api)
    value = payment_input(w.customer_id, mode="CHEQUE", amount="0", tds="-1")
    assert sorted(await refused(api, value, w.customer)) == [
        ("OUT_OF_RANGE", ["input", "amount"]),
        ("OUT_OF_RANGE", ["input", "tds"]),
        ("REQUIRED", ["input", "bankName"]),
    ]


async def test_a_fund_payment_in_another_currency_converts_on_approval(api: Api) -> None:
    w = await world(api)
    payment = await add(
        api, w.org, w.customer_id, currency="EUR", exchangeRate="1.08425", amount="100.00"
    )
    assert (payment["currency"], payment["exchangeRate"]) == ("EUR", "1.08425")
    await approved(api, w.org, payment["id"])
    assert await ledger_agrees(api, w.customer_id) == Decimal("108.43")


async def test_a_refund_or_invoice_payment_stays_in_the_workspace_currency(api: Api) -> None:
    w = await world(api)
    value = payment_input(
        w.customer_id,
        type="REFUND",
        mode="TO_FUNDS",
        refundReason="x",
        currency="EUR",
        exchangeRate="1.1",
    )
    assert await refused(api, value, w.org) == [("INVALID", ["input", "currency"])]


async def test_an_invoice_payment_needs_allocations_and_only_it_may_have_them(api: Api) -> None:
    w = await world(api)
    invoice_id = await invoice(api, w)
    against = payment_input(w.customer_id, type="AGAINST_INVOICE")
    assert await refused(api, against, w.customer) == [("REQUIRED", ["input", "allocations"])]
    fund = payment_input(w.customer_id, allocations=[{"invoiceId": invoice_id, "amount": "100"}])
    assert await refused(api, fund, w.customer) == [("INVALID", ["input", "allocations"])]


async def test_allocations_must_add_up_to_amount_tds_and_charge(api: Api) -> None:
    w = await world(api)
    invoice_id = await invoice(api, w)
    value = payment_input(
        w.customer_id,
        type="AGAINST_INVOICE",
        amount="95.00",
        tds="3.00",
        transactionCharge="1.00",
        allocations=[{"invoiceId": invoice_id, "amount": "100.00"}],
    )
    assert await refused(api, value, w.customer) == [("INVALID", ["input", "allocations"])]
    value["transactionCharge"] = "2.00"
    payment = await add(api, w.customer, w.customer_id, **{**value, "owId": str(w.customer_id)})
    assert payment["allocations"][0]["amount"] == "100.00"


async def test_an_unknown_or_foreign_invoice_is_not_found_alike(api: Api) -> None:
    # given an invoice of another customer of the same organization, and of another organization
    w = await world(api)
    neighbour_id, _ = await api.customer((w.org_id, w.org), "Neighbour")
    other = await world(api, "Other")
    neighbours = await invoice(api, World(w.org_id, w.org, neighbour_id, w.org))
    foreign = await invoice(api, other)
    for invoice_id in (neighbours, foreign, "999999"):
        value = payment_input(
            w.customer_id,
            type="AGAINST_INVOICE",
            allocations=[{"invoiceId": invoice_id, "amount": "100.00"}],
        )
        # then each is NOT_FOUND naming the allocation's invoice, for the customer and its org
        expected = [("NOT_FOUND", ["input", "allocations", "0", "invoiceId"])]
        assert await refused(api, value, w.customer) == expected
        assert await refused(api, value, w.org) == expected


async def test_only_an_approved_open_invoice_takes_payments(api: Api) -> None:
    w = await world(api)
    pending = await invoice(api, w, approve=False)
    value = payment_input(
        w.customer_id, type="AGAINST_INVOICE", allocations=[{"invoiceId": pending, "amount": "100"}]
    )
    assert await refused(api, value, w.customer) == [
        ("INVALID_STATE", ["input", "allocations", "0", "invoiceId"])
    ]


async def test_an_allocation_never_exceeds_what_is_still_open(api: Api) -> None:
    # given a 1000.00 invoice with 700.00 reserved by a processing payment
    w = await world(api)
    invoice_id = await invoice(api, w, "1000.00")
    await add(
        api,
        w.customer,
        w.customer_id,
        type="AGAINST_INVOICE",
        amount="700.00",
        allocations=[{"invoiceId": invoice_id, "amount": "700.00"}],
    )
    # when another payment applies 300.01
    value = payment_input(
        w.customer_id,
        type="AGAINST_INVOICE",
        amount="300.01",
        allocations=[{"invoiceId": invoice_id, "amount": "300.01"}],
    )
    # then it is an OVERPAYMENT, and 300.00 is fine
    assert await refused(api, value, w.customer) == [
        ("OVERPAYMENT", ["input", "allocations", "0", "amount"])
    ]
    value.update(amount="300.00", allocations=[{"invoiceId": invoice_id, "amount": "300.00"}])
    await add(api, w.customer, w.customer_id, **{k: v for k, v in value.items() if k != "owId"})
    assert (await read_invoice(api, invoice_id))["status"] == "PROCESSING"


async def test_one_payment_settles_several_invoices(api: Api) -> None:
    w = await world(api)
    first = await invoice(api, w, "100.00")
    second = await invoice(api, w, "250.00")
    payment = await add(
        api,
        w.customer,
        w.customer_id,
        type="AGAINST_INVOICE",
        amount="300.00",
        allocations=[
            {"invoiceId": second, "amount": "200.00"},
            {"invoiceId": first, "amount": "100.00"},
        ],
    )
    assert sorted((a["invoice"]["id"], a["amount"]) for a in payment["allocations"]) == sorted(
        [(first, "100.00"), (second, "200.00")]
    )
    await approved(api, w.org, payment["id"])
    assert (await read_invoice(api, first))["status"] == "PAID"
    assert (await read_invoice(api, second))["paidAmount"] == "200.00"


async def test_a_refund_needs_a_reason_and_never_more_than_the_balance(api: Api) -> None:
    w = await world(api)
    await funded(api, w, "100.00")
    refund = payment_input(w.customer_id, type="REFUND", mode="TO_FUNDS", amount="60.00")
    assert await refused(api, refund, w.org) == [("REQUIRED", ["input", "refundReason"])]
    refund["refundReason"] = "Account closed"
    await add(api, w.org, w.customer_id, **{k: v for k, v in refund.items() if k != "owId"})
    # 60 of the 100 are now promised: 40.01 more is too much
    refund["amount"] = "40.01"
    assert await refused(api, refund, w.org) == [("INSUFFICIENT_FUNDS", ["input", "amount"])]
    assert await ledger_agrees(api, w.customer_id) == Decimal("100.00")
