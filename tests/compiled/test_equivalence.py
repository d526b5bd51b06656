"""The compiled read path answers exactly as GraphQL execution does, in one statement a list."""

from __future__ import annotations

from typing import Any

import pytest

from tests.invoices.helpers import approved_invoice, create_invoice
from tests.support import Api, Login

ADD_PAYMENT = """mutation($input: AddPaymentInput!) {
  addPayment(input: $input) { payment { id } userErrors { field code message } }
}"""
APPROVE_PAYMENT = """mutation($input: PaymentActionInput!) {
  approvePayment(input: $input) { payment { id } userErrors { field code message } }
}"""

INVOICES = """
fragment Money on Invoice { amount paidAmount outstanding currency }
query Dashboard($first: Int, $after: String, $order: InvoiceOrder, $filter: InvoiceFilter) {
  list: invoices(first: $first, after: $after, orderBy: $order, filter: $filter) {
    __typename totalCount
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor __typename }
    edges {
      cursor __typename
      node {
        __typename id name periodFrom periodTo issuedOn dueOn paymentTermDays status
        actionNote statusUpdatedBy createdAt modifiedAt ...Money
        ... on Invoice { lines { id position description amount } }
        customer: workspace { id name kind currency availableBalance parent { id name } }
        payments { id uuid version type status mode amount tds transactionCharge paymentDate
                   transactionId bankName createdByEmail createdAt modifiedAt }
      }
    }
  }
}"""

PAYMENTS = """
query Payments($first: Int, $after: String, $order: PaymentOrder, $filter: PaymentFilter) {
  payments(first: $first, after: $after, orderBy: $order, filter: $filter) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { cursor node {
      id type status mode amount paymentDate reconcileStatus statusUpdatedAt notes
      workspace { id name }
      allocations { amount invoice { id name status outstanding workspace { id } } }
    } }
  }
}"""


async def _pay(
    api: Api, login: Login, ow_id: int, invoice_id: str, amount: str, approve: bool
) -> None:
    added = await api.data(
        ADD_PAYMENT,
        {
            "input": {
                "owId": str(ow_id),
                "type": "AGAINST_INVOICE",
                "mode": "CHEQUE",
                "amount": amount,
                "paymentDate": "2025-11-02",
                "bankName": "First Bank",
                "transactionId": f"T-{amount}",
                "allocations": [{"invoiceId": invoice_id, "amount": amount}],
            }
        },
        login=login,
    )
    payload = added["addPayment"]
    assert payload["userErrors"] == [], payload
    if approve:
        approved = await api.data(
            APPROVE_PAYMENT, {"input": {"paymentId": payload["payment"]["id"]}}, login=login
        )
        assert approved["approvePayment"]["userErrors"] == []


@pytest.fixture
async def world(api: Api) -> dict[str, Any]:
    org_id, org = await api.organization("Northwind")
    acme_id, acme = await api.customer((org_id, org), "Acme")
    beta_id, _ = await api.customer((org_id, org), "Beta")
    first = await approved_invoice(api, org, acme_id, name="Acme Oct")
    second = await approved_invoice(api, org, acme_id, name="Acme Nov", paymentTermDays=7)
    await approved_invoice(api, org, beta_id, name="Beta Oct")
    await create_invoice(api, org, acme_id, name="Acme Dec draft")
    await _pay(api, org, acme_id, first["id"], "300.15", approve=True)
    await _pay(api, org, acme_id, first["id"], "100.00", approve=False)
    await _pay(api, org, acme_id, second["id"], "1250.15", approve=True)
    await api.sql("UPDATE invoices SET issued_on = current_date - 40 WHERE name = 'Acme Oct'")
    return {"org": org, "acme": acme, "acme_id": acme_id}


async def _both(api: Api, query: str, variables: dict[str, Any], login: Login) -> dict[str, Any]:
    compiled = await api.post(query, variables, login=login)
    executed = await api.post(query, variables, login=login, headers={"X-Compiled-Reads": "off"})
    compiled_body, executed_body = compiled.json(), executed.json()
    assert "errors" not in executed_body, executed_body
    assert compiled_body.get("extensions", {}).get("compiled") is True, compiled_body
    assert compiled_body["data"] == executed_body["data"]
    data: dict[str, Any] = compiled_body["data"]
    return data


@pytest.mark.parametrize("key", ["ID", "ISSUED_ON", "AMOUNT", "STATUS"])
@pytest.mark.parametrize("direction", ["ASC", "DESC"])
async def test_invoice_pages_match_in_every_order(
    api: Api, world: dict[str, Any], key: str, direction: str
) -> None:
    after = None
    names: list[str] = []
    while True:
        variables = {"first": 2, "after": after, "order": {"key": key, "direction": direction}}
        page = (await _both(api, INVOICES, variables, world["org"]))["list"]
        names += [e["node"]["name"] for e in page["edges"]]
        if not page["pageInfo"]["hasNextPage"]:
            break
        after = page["pageInfo"]["endCursor"]
    assert sorted(names) == ["Acme Dec draft", "Acme Nov", "Acme Oct", "Beta Oct"]


@pytest.mark.parametrize(
    "filter_",
    [
        {"status": ["OVERDUE"]},
        {"status": ["UNPAID", "PAID"]},
        {"search": "acme"},
        {"search": "nothing"},
        None,
    ],
)
async def test_invoice_filters_match(
    api: Api, world: dict[str, Any], filter_: dict[str, Any] | None
) -> None:
    await _both(api, INVOICES, {"filter": filter_}, world["org"])
    await _both(api, INVOICES, {"filter": filter_}, world["acme"])
    await _both(api, INVOICES, {"filter": filter_}, api.super_login)


async def test_owid_filter_matches(api: Api, world: dict[str, Any]) -> None:
    data = await _both(api, INVOICES, {"filter": {"owId": str(world["acme_id"])}}, world["org"])
    assert {e["node"]["customer"]["name"] for e in data["list"]["edges"]} == {"Acme"}


@pytest.mark.parametrize(
    "order",
    [None, {"key": "AMOUNT", "direction": "ASC"}, {"key": "PAYMENT_DATE", "direction": "DESC"}],
)
async def test_payment_pages_match(
    api: Api, world: dict[str, Any], order: dict[str, str] | None
) -> None:
    for login in (world["org"], world["acme"], api.super_login):
        await _both(api, PAYMENTS, {"first": 2, "order": order}, login)
        await _both(api, PAYMENTS, {"filter": {"status": ["PAID"]}, "order": order}, login)


async def test_refusals_and_unknown_shapes_fall_back_to_graphql(
    api: Api, world: dict[str, Any]
) -> None:
    org = world["org"]
    for variables in ({"first": 500}, {"after": "bogus"}, {"filter": {"owId": "999999"}}):
        body = (await api.post(INVOICES, variables, login=org)).json()
        assert body["errors"], body
        assert "compiled" not in body.get("extensions", {})
    mixed = await api.post("{ me { email } invoices { totalCount } }", login=org)
    assert "compiled" not in mixed.json().get("extensions", {})


async def test_a_page_is_one_statement_whatever_its_size(api: Api, world: dict[str, Any]) -> None:
    counts = []
    for first in (1, 3, 50):
        body = (await api.post(INVOICES, {"first": first}, login=world["org"])).json()
        counts.append(body["extensions"]["sqlStatements"])
    assert counts == [1, 1, 1]
