"""No input reaches the client as a server error: hostile values get refusals, never a 500 or
an "Internal server error"."""

from __future__ import annotations

from typing import Any

import pytest

from tests.support import Api

HUGE = "9" * 20
NASTY_DECIMALS = [HUGE, "-" + HUGE, "0.00001", "1e308", "NaN", "", " ", "1,5", "0x10", 1.5]
NASTY_IDS = [HUGE, "-1", "0", "abc", "", "1.5", " 7 ", "\u0000"]
NASTY_TEXT = ["\u0000", "x" * 100_000, "'; DROP TABLE invoices; --", "\ud7ff" * 10]


def _assert_handled(body: dict[str, Any]) -> None:
    for error in body.get("errors") or []:
        assert error["message"] != "Internal server error", body


async def _send(api: Api, query: str, variables: dict[str, Any]) -> None:
    response = await api.post(query, variables, login=api.super_login)
    assert response.status_code < 500, response.text
    _assert_handled(response.json())


ADD_PAYMENT = """mutation($input: AddPaymentInput!) {
  addPayment(input: $input) { payment { id } userErrors { field code message } } }"""
CREATE_INVOICE = """mutation($input: CreateInvoiceInput!) {
  createInvoice(input: $input) { invoice { id } userErrors { field code message } } }"""
OFFER = """mutation($input: OfferCreditInput!) {
  offerCredit(input: $input) { credit { id } userErrors { field code message } } }"""
MARGIN = """mutation($input: UpdateCustomerMarginInput!) {
  updateCustomerMargin(input: $input) { workspace { id } userErrors { field code message } } }"""
LISTS = """query($id: ID!, $search: String, $after: String) {
  invoice(id: $id) { id } payment(id: $id) { id } job(id: $id) { id }
  invoices(filter: {search: $search}, after: $after) { totalCount }
  payments(filter: {search: $search}) { totalCount }
  customers(search: $search) { totalCount }
}"""


@pytest.fixture
async def customer_id(api: Api) -> int:
    org = await api.organization("Org")
    customer, _ = await api.customer(org, "Customer")
    return customer


async def test_hostile_amounts(api: Api, customer_id: int) -> None:
    for amount in NASTY_DECIMALS:
        payment = {
            "owId": str(customer_id),
            "type": "AS_FUND",
            "mode": "CASH",
            "amount": amount,
            "paymentDate": "2025-01-01",
        }
        await _send(api, ADD_PAYMENT, {"input": payment})
        await _send(api, OFFER, {"input": {"owId": str(customer_id), "amount": amount}})
        await _send(api, MARGIN, {"input": {"owId": str(customer_id), "marginValue": amount}})
        invoice = {
            "owId": str(customer_id),
            "name": "X",
            "periodFrom": "2025-01-01",
            "periodTo": "2025-01-31",
            "paymentTermDays": 30,
            "lines": [{"description": "a", "amount": amount}],
        }
        await _send(api, CREATE_INVOICE, {"input": invoice})


async def test_hostile_ids_and_text(api: Api, customer_id: int) -> None:
    for value in NASTY_IDS:
        await _send(api, LISTS, {"id": value})
        payment = {
            "owId": value,
            "type": "AS_FUND",
            "mode": "CASH",
            "amount": "1",
            "paymentDate": "2025-01-01",
        }
        await _send(api, ADD_PAYMENT, {"input": payment})
    for text in NASTY_TEXT:
        await _send(api, LISTS, {"id": "1", "search": text, "after": text})
        payment = {
            "owId": str(customer_id),
            "type": "AS_FUND",
            "mode": "CASH",
            "amount": "1",
            "paymentDate": "2025-01-01",
            "notes": text,
            "transactionId": text,
        }
        await _send(api, ADD_PAYMENT, {"input": payment})


async def test_hostile_dates_and_terms(api: Api, customer_id: int) -> None:
    for date in ["0001-01-01", "9999-12-31", "2025-02-29", "2025-13-01", "tomorrow", 20250101]:
        payment = {
            "owId": str(customer_id),
            "type": "AS_FUND",
            "mode": "CASH",
            "amount": "1",
            "paymentDate": date,
        }
        await _send(api, ADD_PAYMENT, {"input": payment})
    for term in [-1, 2**31 - 1, 3651]:
        invoice = {
            "owId": str(customer_id),
            "name": "X",
            "periodFrom": "0001-01-01",
            "periodTo": "9999-12-31",
            "paymentTermDays": term,
            "lines": [{"description": "a", "amount": "1"}],
        }
        await _send(api, CREATE_INVOICE, {"input": invoice})
