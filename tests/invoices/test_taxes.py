"""addInvoiceTax / deleteInvoiceTax: exact amounts, PENDING only, refusals."""

from __future__ import annotations

import asyncio
from typing import Any

from tests.invoices.helpers import (
    ADD_TAX,
    APPROVE,
    DELETE_TAX,
    INVOICE,
    act,
    create_invoice,
    run,
)
from tests.support import Api, Login


async def _pending(api: Api) -> tuple[Login, dict[str, Any]]:
    org = await api.organization()
    customer_id, _ = await api.customer(org)
    return org[1], await create_invoice(api, org[1], customer_id)  # lines total 1250.15


async def _add(api: Api, login: Login, invoice_id: str, **tax: str) -> dict[str, Any]:
    return await run(api, ADD_TAX, {"invoiceId": invoice_id, "name": "GST", **tax}, login)


async def test_taxes_by_rate_and_by_amount_add_up_exactly(api: Api) -> None:
    login, invoice = await _pending(api)

    by_rate = await _add(api, login, invoice["id"], rate="18")
    fixed = await _add(api, login, invoice["id"], name="Stamp duty", amount="10.00")

    assert by_rate["userErrors"] == []
    assert by_rate["invoice"]["amount"] == "1475.18"  # 1250.15 + 225.027 rounded half up
    after = fixed["invoice"]
    assert after["amount"] == "1485.18"
    assert after["outstanding"] == "1485.18"
    assert [(t["name"], t["rate"], t["amount"]) for t in after["taxes"]] == [
        ("GST", "18", "225.03"),
        ("Stamp duty", None, "10.00"),
    ]


async def test_deleting_a_tax_takes_exactly_it_off_the_amount(api: Api) -> None:
    login, invoice = await _pending(api)
    await _add(api, login, invoice["id"], rate="7.5")
    with_two = (await _add(api, login, invoice["id"], name="Levy", amount="0.99"))["invoice"]
    first_tax = with_two["taxes"][0]["id"]

    payload = await run(api, DELETE_TAX, {"taxId": first_tax}, login)

    assert payload["userErrors"] == []
    assert payload["invoice"]["amount"] == "1251.14"
    assert [t["name"] for t in payload["invoice"]["taxes"]] == ["Levy"]
    rows = await api.sql("SELECT count(*) AS n FROM invoice_taxes WHERE id = $1", int(first_tax))
    assert rows[0]["n"] == 0


async def test_a_tax_is_a_rate_or_an_amount_never_both_or_neither(api: Api) -> None:
    login, invoice = await _pending(api)
    for tax in ({}, {"rate": "5", "amount": "1.00"}):
        payload = await _add(api, login, invoice["id"], **tax)
        assert [(e["field"], e["code"]) for e in payload["userErrors"]] == [
            (["input", "rate"], "INVALID")
        ]


async def test_bad_tax_input_names_the_field(api: Api) -> None:
    login, invoice = await _pending(api)
    cases = [
        ({"rate": "0"}, ["input", "rate"], "OUT_OF_RANGE"),
        ({"rate": "100.01"}, ["input", "rate"], "OUT_OF_RANGE"),
        ({"rate": "1.00001"}, ["input", "rate"], "INVALID"),
        ({"amount": "-1"}, ["input", "amount"], "OUT_OF_RANGE"),
        ({"amount": "1.001"}, ["input", "amount"], "INVALID"),
        ({"amount": "1", "name": " "}, ["input", "name"], "INVALID"),
        ({"amount": "ten"}, ["input", "amount"], "INVALID"),
    ]
    for tax, field, code in cases:
        payload = await _add(api, login, invoice["id"], **tax)
        assert [(e["field"], e["code"]) for e in payload["userErrors"]] == [(field, code)], tax
    data = await api.data(INVOICE, {"id": invoice["id"]}, login=login)
    assert data["invoice"]["taxes"] == []
    assert data["invoice"]["amount"] == "1250.15"


async def test_taxes_change_only_while_pending(api: Api) -> None:
    login, invoice = await _pending(api)
    tax_id = (await _add(api, login, invoice["id"], rate="10"))["invoice"]["taxes"][0]["id"]
    await act(api, APPROVE, login, invoice["id"])

    added = await _add(api, login, invoice["id"], amount="5.00")
    deleted = await run(api, DELETE_TAX, {"taxId": tax_id}, login)

    for payload in (added, deleted):
        assert [e["code"] for e in payload["userErrors"]] == ["INVALID_STATE"]
    data = await api.data(INVOICE, {"id": invoice["id"]}, login=login)
    assert data["invoice"]["amount"] == "1375.17"


async def test_an_unknown_or_foreign_tax_is_invalid(api: Api) -> None:
    login, invoice = await _pending(api)
    tax_id = (await _add(api, login, invoice["id"], rate="10"))["invoice"]["taxes"][0]["id"]
    other = await api.organization("Other")

    for who, target in ((login, "999999"), (other[1], tax_id)):
        payload = await run(api, DELETE_TAX, {"taxId": target}, who)
        [error] = payload["userErrors"]
        assert (error["field"], error["code"]) == (["input", "taxId"], "NOT_FOUND")
        assert error["message"] == "taxId: Tax ID is invalid"
    foreign_add = await _add(api, other[1], invoice["id"], amount="1.00")
    assert [e["code"] for e in foreign_add["userErrors"]] == ["NOT_FOUND"]
    rows = await api.sql("SELECT count(*) AS n FROM invoice_taxes")
    assert rows[0]["n"] == 1


async def test_a_customer_may_not_change_taxes(api: Api) -> None:
    org = await api.organization()
    customer_id, customer = await api.customer(org)
    invoice = await create_invoice(api, org[1], customer_id)
    tax_id = (await _add(api, org[1], invoice["id"], rate="10"))["invoice"]["taxes"][0]["id"]

    added = await api.gql(
        ADD_TAX,
        {"input": {"invoiceId": invoice["id"], "name": "X", "amount": "1"}},
        login=customer,
    )
    deleted = await api.gql(DELETE_TAX, {"input": {"taxId": tax_id}}, login=customer)

    for body in (added, deleted):
        assert body["errors"][0]["extensions"]["code"] == "FORBIDDEN"


async def test_a_rate_is_rounded_to_the_invoice_currency(api: Api) -> None:
    org = await api.organization("Yen", currency="JPY")
    customer_id, _ = await api.create_workspace("CUSTOMER", "T", login=org[1], currency="JPY")
    lines = [{"description": "Spend", "amount": "1001"}]
    invoice = await create_invoice(api, org[1], customer_id, lines=lines)

    payload = await _add(api, org[1], invoice["id"], rate="8")

    assert payload["invoice"]["amount"] == "1081"
    assert payload["invoice"]["taxes"][0]["amount"] == "80"


async def test_simultaneous_taxes_all_count_exactly_once(api: Api) -> None:
    login, invoice = await _pending(api)

    payloads = await asyncio.gather(
        *(_add(api, login, invoice["id"], name=f"T{i}", amount="1.01") for i in range(5))
    )

    assert all(p["userErrors"] == [] for p in payloads)
    data = await api.data(INVOICE, {"id": invoice["id"]}, login=login)
    assert data["invoice"]["amount"] == "1255.20"
    assert len(data["invoice"]["taxes"]) == 5
