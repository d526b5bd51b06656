"""createInvoice: who may bill whom, the amount, and every refusal of bad input."""

from __future__ import annotations

from tests.invoices.helpers import CREATE, INVOICE, create_invoice, invoice_input, run
from tests.support import Api


async def test_an_organization_bills_its_customer_a_pending_invoice(api: Api) -> None:
    org = await api.organization("Northwind")
    customer_id, _ = await api.customer(org, "Acme")

    invoice = await create_invoice(api, org[1], customer_id)

    assert invoice["status"] == "PENDING"
    assert invoice["amount"] == "1250.15"
    assert invoice["paidAmount"] == "0.00"
    assert invoice["outstanding"] == "1250.15"
    assert invoice["currency"] == "USD"
    assert invoice["issuedOn"] is None
    assert invoice["dueOn"] is None
    assert invoice["workspace"] == {"id": str(customer_id), "name": "Acme"}
    assert [
        (line["position"], line["description"], line["amount"]) for line in invoice["lines"]
    ] == [
        (1, "Media spend", "1000.10"),
        (2, "Data cost", "250.05"),
    ]
    rows = await api.sql(
        "SELECT workspace_id, parent_id, currency, amount, status FROM invoices WHERE id = $1",
        int(invoice["id"]),
    )
    assert dict(rows[0]) == {
        "workspace_id": customer_id,
        "parent_id": org[0],
        "currency": "USD",
        "amount": rows[0]["amount"],
        "status": 1,
    }
    assert str(rows[0]["amount"]) == "1250.1500"


async def test_super_bills_an_organization_in_its_currency(api: Api) -> None:
    org_id, _ = await api.organization("Blue Ocean", currency="EUR")

    invoice = await create_invoice(api, None, org_id)

    assert invoice["currency"] == "EUR"
    rows = await api.sql("SELECT parent_id FROM invoices WHERE id = $1", int(invoice["id"]))
    assert rows[0]["parent_id"] == api.super_login.ow_id


async def test_a_custom_payment_term_is_any_number_of_days(api: Api) -> None:
    org = await api.organization()
    customer_id, _ = await api.customer(org)
    for days in (0, 17, 3650):
        invoice = await create_invoice(api, org[1], customer_id, paymentTermDays=days)
        assert invoice["paymentTermDays"] == days


async def test_many_small_lines_add_up_exactly(api: Api) -> None:
    org = await api.organization()
    customer_id, _ = await api.customer(org)
    lines = [{"description": f"Day {i}", "amount": "0.10"} for i in range(30)]

    invoice = await create_invoice(api, org[1], customer_id, lines=lines)

    assert invoice["amount"] == "3.00"


async def _count_invoices(api: Api) -> int:
    rows = await api.sql("SELECT count(*) AS n FROM invoices")
    return int(rows[0]["n"])


async def test_a_customer_cannot_create_invoices(api: Api) -> None:
    org = await api.organization()
    customer_id, customer = await api.customer(org)

    body = await api.gql(CREATE, {"input": invoice_input(customer_id)}, login=customer)

    assert body["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    assert await _count_invoices(api) == 0


async def test_an_organization_cannot_bill_outside_its_customers(api: Api) -> None:
    org = await api.organization("A")
    other = await api.organization("B")
    foreign_customer, _ = await api.customer(other)
    missing = 999_999

    for target in (foreign_customer, other[0], org[0], missing):
        body = await api.gql(CREATE, {"input": invoice_input(target)}, login=org[1])
        error = body["errors"][0]
        assert error["extensions"]["code"] == "FORBIDDEN"
        assert error["message"] == "User is not allowed to access provided customer details"
    assert await _count_invoices(api) == 0


BAD_INPUTS: list[tuple[dict[str, object], list[str], str]] = [
    ({"periodTo": "2025-09-30"}, ["input", "periodTo"], "INVALID"),
    ({"periodFrom": "2025-13-01"}, ["input", "periodFrom"], "INVALID"),
    ({"paymentTermDays": -1}, ["input", "paymentTermDays"], "OUT_OF_RANGE"),
    ({"paymentTermDays": 3651}, ["input", "paymentTermDays"], "OUT_OF_RANGE"),
    ({"name": "   "}, ["input", "name"], "INVALID"),
    ({"name": "x" * 201}, ["input", "name"], "INVALID"),
    ({"lines": []}, ["input", "lines"], "INVALID"),
    (
        {"lines": [{"description": "A", "amount": "-1.00"}]},
        ["input", "lines", "0", "amount"],
        "OUT_OF_RANGE",
    ),
    (
        {"lines": [{"description": "A", "amount": "12.5x"}]},
        ["input", "lines", "0", "amount"],
        "INVALID",
    ),
    (
        {"lines": [{"description": "A", "amount": "1.005"}]},
        ["input", "lines", "0", "amount"],
        "INVALID",
    ),
    (
        {"lines": [{"description": "A", "amount": "1"}, {"description": " ", "amount": "1"}]},
        ["input", "lines", "1", "description"],
        "INVALID",
    ),
    ({"lines": [{"description": "A", "amount": "0"}]}, ["input", "lines"], "INVALID"),
    ({"owId": "abc"}, ["input", "owId"], "INVALID"),
]


async def test_bad_input_is_refused_naming_the_field_and_nothing_is_written(api: Api) -> None:
    org = await api.organization()
    customer_id, _ = await api.customer(org)

    for change, field, code in BAD_INPUTS:
        payload = await run(api, CREATE, invoice_input(customer_id, **change), org[1])

        assert payload["invoice"] is None, change
        assert [(e["field"], e["code"]) for e in payload["userErrors"]] == [(field, code)], change
        assert payload["userErrors"][0]["message"]
    assert await _count_invoices(api) == 0


async def test_line_amounts_may_not_have_more_decimals_than_the_currency(api: Api) -> None:
    org = await api.organization("Yen Org", currency="JPY")
    customer_id, _ = await api.create_workspace("CUSTOMER", "Tokyo", login=org[1], currency="JPY")
    lines = [{"description": "A", "amount": "1000"}, {"description": "B", "amount": "10.5"}]

    payload = await run(api, CREATE, invoice_input(customer_id, lines=lines), org[1])

    [error] = payload["userErrors"]
    assert error["field"] == ["input", "lines", "1", "amount"]
    assert "JPY" in error["message"]
    assert await _count_invoices(api) == 0


async def test_the_created_invoice_reads_back_the_same(api: Api) -> None:
    org = await api.organization()
    customer_id, customer = await api.customer(org)
    created = await create_invoice(api, org[1], customer_id)

    for login in (org[1], customer, None):
        data = await api.data(INVOICE, {"id": created["id"]}, login=login)
        assert data["invoice"] == created
