"""approveInvoice and cancelInvoice: the status machine through HTTP, refusals, OVERDUE."""

from __future__ import annotations

import asyncio
import datetime as dt

from tests.invoices.helpers import (
    APPROVE,
    CANCEL,
    INVOICE,
    act,
    approved_invoice,
    create_invoice,
)
from tests.support import Api, Login

Org = tuple[int, Login]


async def _billed(api: Api) -> tuple[Org, int, Login]:
    org = await api.organization("Northwind")
    customer_id, customer = await api.customer(org, "Acme")
    return org, customer_id, customer


async def _stored(api: Api, invoice_id: str) -> tuple[int, str | None]:
    rows = await api.sql("SELECT status, action_note FROM invoices WHERE id = $1", int(invoice_id))
    return rows[0]["status"], rows[0]["action_note"]


async def test_approving_issues_the_invoice_today_due_after_its_term(api: Api) -> None:
    org, customer_id, _ = await _billed(api)
    invoice = await create_invoice(api, org[1], customer_id, paymentTermDays=45)

    payload = await act(api, APPROVE, org[1], invoice["id"], "Approved for payment")

    assert payload["userErrors"] == []
    approved = payload["invoice"]
    today = dt.date.today()
    assert approved["status"] == "UNPAID"
    assert approved["issuedOn"] == today.isoformat()
    assert approved["dueOn"] == (today + dt.timedelta(days=45)).isoformat()
    assert approved["actionNote"] == "Approved for payment"
    assert approved["statusUpdatedBy"] == org[1].email
    assert approved["modifiedAt"] >= invoice["modifiedAt"]


async def test_an_invoice_is_approved_once(api: Api) -> None:
    org, customer_id, _ = await _billed(api)
    invoice = await approved_invoice(api, org[1], customer_id)

    payload = await act(api, APPROVE, org[1], invoice["id"])

    assert payload["invoice"] is None
    assert [e["code"] for e in payload["userErrors"]] == ["INVALID_STATE"]


async def test_concurrent_approvals_queue_on_the_row_lock(api: Api) -> None:
    org, customer_id, _ = await _billed(api)
    invoice = await create_invoice(api, org[1], customer_id)

    payloads = await asyncio.gather(
        *(act(api, APPROVE, org[1], invoice["id"], f"note {i}") for i in range(4))
    )

    succeeded = [p for p in payloads if not p["userErrors"]]
    assert len(succeeded) == 1
    assert all(p["userErrors"][0]["code"] == "INVALID_STATE" for p in payloads if p["userErrors"])
    assert await _stored(api, invoice["id"]) == (3, succeeded[0]["invoice"]["actionNote"])


async def test_a_pending_or_unpaid_invoice_can_be_cancelled_once(api: Api) -> None:
    org, customer_id, _ = await _billed(api)
    pending = await create_invoice(api, org[1], customer_id)
    unpaid = await approved_invoice(api, org[1], customer_id)

    for invoice in (pending, unpaid):
        payload = await act(api, CANCEL, org[1], invoice["id"], "Duplicate invoice")
        assert payload["userErrors"] == []
        assert payload["invoice"]["status"] == "CANCELLED"
        assert payload["invoice"]["actionNote"] == "Duplicate invoice"

        again = await act(api, CANCEL, org[1], invoice["id"])
        assert [e["code"] for e in again["userErrors"]] == ["INVALID_STATE"]
        approve = await act(api, APPROVE, org[1], invoice["id"])
        assert [e["code"] for e in approve["userErrors"]] == ["INVALID_STATE"]


async def test_an_invoice_with_money_on_it_cannot_be_cancelled(api: Api) -> None:
    org, customer_id, _ = await _billed(api)
    partly = await approved_invoice(api, org[1], customer_id)
    paid = await approved_invoice(api, org[1], customer_id)
    await api.sql(
        "UPDATE invoices SET paid_amount = 100, status = 2 WHERE id = $1", int(partly["id"])
    )
    await api.sql(
        "UPDATE invoices SET paid_amount = amount, status = 4 WHERE id = $1", int(paid["id"])
    )

    for invoice, stored in ((partly, 2), (paid, 4)):
        payload = await act(api, CANCEL, org[1], invoice["id"])
        assert [e["code"] for e in payload["userErrors"]] == ["INVALID_STATE"]
        assert (await _stored(api, invoice["id"]))[0] == stored


async def test_a_processing_payment_applied_blocks_cancellation(api: Api) -> None:
    org, customer_id, _ = await _billed(api)
    invoice = await approved_invoice(api, org[1], customer_id)
    payment = await api.sql(
        "INSERT INTO payments (workspace_id, parent_id, type, status, mode, amount, currency,"
        " payment_date) VALUES ($1, $2, 2, 1, 2, 50, 'USD', current_date) RETURNING id",
        customer_id,
        org[0],
    )
    await api.sql(
        "INSERT INTO payment_allocations (payment_id, invoice_id, amount) VALUES ($1, $2, 50)",
        payment[0]["id"],
        int(invoice["id"]),
    )

    payload = await act(api, CANCEL, org[1], invoice["id"])

    assert [e["code"] for e in payload["userErrors"]] == ["INVALID_STATE"]
    assert "PROCESSING payment" in payload["userErrors"][0]["message"]
    assert (await _stored(api, invoice["id"]))[0] == 3


async def test_a_customer_may_not_approve_or_cancel_its_invoices(api: Api) -> None:
    org, customer_id, customer = await _billed(api)
    invoice = await create_invoice(api, org[1], customer_id)

    for mutation in (APPROVE, CANCEL):
        body = await api.gql(mutation, {"input": {"invoiceId": invoice["id"]}}, login=customer)
        assert body["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    assert await _stored(api, invoice["id"]) == (1, None)


async def test_a_foreign_invoice_is_not_found_like_a_missing_one(api: Api) -> None:
    org, customer_id, _ = await _billed(api)
    other = await api.organization("Other")
    invoice = await create_invoice(api, org[1], customer_id)

    for invoice_id in (invoice["id"], "999999"):
        for mutation in (APPROVE, CANCEL):
            payload = await act(api, mutation, other[1], invoice_id)
            assert payload["invoice"] is None
            [error] = payload["userErrors"]
            assert (error["field"], error["code"]) == (["input", "invoiceId"], "NOT_FOUND")
            assert error["message"] == "invoiceId: no such invoice"
    assert await _stored(api, invoice["id"]) == (1, None)


async def test_an_organization_cannot_decide_an_invoice_billed_to_itself(api: Api) -> None:
    org_id, org = await api.organization()
    invoice = await create_invoice(api, None, org_id)

    payload = await act(api, APPROVE, org, invoice["id"])

    assert [e["code"] for e in payload["userErrors"]] == ["NOT_FOUND"]
    visible = await api.data(INVOICE, {"id": invoice["id"]}, login=org)
    assert visible["invoice"]["status"] == "PENDING"


async def _status(api: Api, invoice_id: str, login: Login | None = None) -> str:
    data = await api.data(INVOICE, {"id": invoice_id}, login=login)
    status: str = data["invoice"]["status"]
    return status


async def test_past_its_due_date_with_money_outstanding_it_reads_overdue(api: Api) -> None:
    org, customer_id, customer = await _billed(api)
    unpaid = await approved_invoice(api, org[1], customer_id, paymentTermDays=30)
    partly = await approved_invoice(api, org[1], customer_id, paymentTermDays=30)
    paid = await approved_invoice(api, org[1], customer_id, paymentTermDays=30)
    due_today = await approved_invoice(api, org[1], customer_id, paymentTermDays=30)
    await api.sql(
        "UPDATE invoices SET issued_on = current_date - 31 WHERE id = ANY($1)",
        [int(i["id"]) for i in (unpaid, partly, paid)],
    )
    await api.sql(
        "UPDATE invoices SET issued_on = current_date - 30 WHERE id = $1", int(due_today["id"])
    )
    await api.sql(
        "UPDATE invoices SET paid_amount = 1, status = 2 WHERE id = $1", int(partly["id"])
    )
    await api.sql(
        "UPDATE invoices SET paid_amount = amount, status = 4 WHERE id = $1", int(paid["id"])
    )

    assert await _status(api, unpaid["id"], customer) == "OVERDUE"
    assert await _status(api, partly["id"], org[1]) == "OVERDUE"
    assert await _status(api, paid["id"]) == "PAID"
    assert await _status(api, due_today["id"]) == "UNPAID"


async def test_an_overdue_invoice_with_nothing_paid_can_still_be_cancelled(api: Api) -> None:
    org, customer_id, _ = await _billed(api)
    invoice = await approved_invoice(api, org[1], customer_id, paymentTermDays=7)
    await api.sql(
        "UPDATE invoices SET issued_on = current_date - 60 WHERE id = $1", int(invoice["id"])
    )
    assert await _status(api, invoice["id"]) == "OVERDUE"

    payload = await act(api, CANCEL, org[1], invoice["id"])

    assert payload["invoice"]["status"] == "CANCELLED"


async def test_approval_takes_credit_applied_while_pending_into_account(api: Api) -> None:
    org, customer_id, _ = await _billed(api)
    invoice = await create_invoice(api, org[1], customer_id)
    credit = await api.sql(
        "INSERT INTO credits (workspace_id, parent_id, amount, status, claimed_at, customer_name,"
        " contact_person_email) VALUES ($1, $2, 100, 2, now(), 'Acme', 'cfo@acme.test')"
        " RETURNING id",
        customer_id,
        org[0],
    )
    await api.sql(
        "INSERT INTO credit_allocations (credit_id, invoice_id, amount) VALUES ($1, $2, 100)",
        credit[0]["id"],
        int(invoice["id"]),
    )

    approved = (await act(api, APPROVE, org[1], invoice["id"]))["invoice"]

    assert approved["status"] == "PARTIALLY_PAID"
    assert approved["paidAmount"] == "100.00"
    assert approved["outstanding"] == "1150.15"
