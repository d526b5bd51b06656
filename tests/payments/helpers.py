"""Queries and small factories shared by the payment tests."""

from __future__ import annotations

import json
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import httpx

from tests.support import Api, Login

PAYMENT_FIELDS = """
  id uuid version type status mode currency exchangeRate amount tds transactionCharge
  totalApplied paymentDate transactionId bankName refundReason notes actionNote
  reconcileStatus customAttributes { name value } createdByEmail statusUpdatedByEmail
  statusUpdatedAt hasProof proofUrl checkoutUrl createdAt modifiedAt
  workspace { id }
  allocations { amount invoice { id status paidAmount outstanding } }
"""
ERRORS = "userErrors { field code message }"


def _mutation(name: str, input_type: str, payload: str = f"payment {{ {PAYMENT_FIELDS} }}") -> str:
    return f"""mutation($input: {input_type}!) {{
  {name}(input: $input) {{ {payload} {ERRORS} }}
}}"""


ADD = _mutation("addPayment", "AddPaymentInput")
EDIT = _mutation("editPayment", "EditPaymentInput")
APPROVE = _mutation("approvePayment", "PaymentActionInput")
REJECT = _mutation("rejectPayment", "PaymentActionInput")
CANCEL = _mutation("cancelPayment", "PaymentActionInput")
RECONCILE = _mutation("markPaymentReconciled", "MarkPaymentReconciledInput")
PAYPAL = _mutation(
    "startPaypalPayment",
    "StartPaypalPaymentInput",
    f"payment {{ {PAYMENT_FIELDS} }} checkoutUrl fee total",
)
PAYMENT = f"query($id: ID!) {{ payment(id: $id) {{ {PAYMENT_FIELDS} }} }}"
CREATE_INVOICE = """mutation($input: CreateInvoiceInput!) {
  createInvoice(input: $input) { invoice { id } userErrors { field code message } }
}"""
APPROVE_INVOICE = """mutation($input: InvoiceActionInput!) {
  approveInvoice(input: $input) { invoice { id status } userErrors { field code message } }
}"""
INVOICE = """query($id: ID!) {
  invoice(id: $id) { id amount paidAmount outstanding status payments { id status amount } }
}"""
BALANCE = "query($owId: ID) { workspace(owId: $owId) { availableBalance } }"


@dataclass(frozen=True)
class World:
    """An organization with one customer, and a login for each."""

    org_id: int
    org: Login
    customer_id: int
    customer: Login


async def world(api: Api, name: str = "Org") -> World:
    org_id, org = await api.organization(name)
    customer_id, customer = await api.customer((org_id, org), f"{name} Customer")
    return World(org_id, org, customer_id, customer)


def payment_input(ow_id: int, **overrides: Any) -> dict[str, Any]:
    """A valid AS_FUND cash AddPaymentInput; keyword arguments replace or add fields."""
    value: dict[str, Any] = {
        "owId": str(ow_id),
        "type": "AS_FUND",
        "mode": "CASH",
        "amount": "100.00",
        "paymentDate": "2025-10-15",
    }
    value.update(overrides)
    return value


async def run(
    api: Api, mutation: str, value: dict[str, Any], login: Login | None
) -> dict[str, Any]:
    """The payload of a mutation that must not fail at the GraphQL level."""
    data = await api.data(mutation, {"input": value}, login=login)
    payload: dict[str, Any] = next(iter(data.values()))
    return payload


async def add(api: Api, login: Login | None, ow_id: int, **overrides: Any) -> dict[str, Any]:
    """Add a payment that must be accepted; returns it."""
    payload = await run(api, ADD, payment_input(ow_id, **overrides), login)
    assert payload["userErrors"] == [], payload["userErrors"]
    payment: dict[str, Any] = payload["payment"]
    return payment


async def decide(
    api: Api, mutation: str, login: Login | None, payment_id: str, note: str | None = None
) -> dict[str, Any]:
    """Approve, reject or cancel; returns the payload."""
    return await run(api, mutation, {"paymentId": payment_id, "actionNote": note}, login)


async def approved(api: Api, manager: Login | None, payment_id: str) -> dict[str, Any]:
    payload = await decide(api, APPROVE, manager, payment_id)
    assert payload["userErrors"] == [], payload["userErrors"]
    payment: dict[str, Any] = payload["payment"]
    return payment


async def invoice(api: Api, w: World, amount: str = "1000.00", *, approve: bool = True) -> str:
    """An invoice of the organization to its customer (approved: UNPAID); returns its id."""
    created = await run(
        api,
        CREATE_INVOICE,
        {
            "owId": str(w.customer_id),
            "name": "October",
            "periodFrom": "2025-10-01",
            "periodTo": "2025-10-31",
            "paymentTermDays": 30,
            "lines": [{"description": "Media spend", "amount": amount}],
        },
        w.org,
    )
    assert created["userErrors"] == [], created["userErrors"]
    invoice_id: str = created["invoice"]["id"]
    if approve:
        payload = await run(api, APPROVE_INVOICE, {"invoiceId": invoice_id}, w.org)
        assert payload["userErrors"] == [], payload["userErrors"]
    return invoice_id


async def read_invoice(api: Api, invoice_id: str) -> dict[str, Any]:
    data = await api.data(INVOICE, {"id": invoice_id})
    found: dict[str, Any] = data["invoice"]
    return found


async def funded(api: Api, w: World, amount: str) -> None:
    """Give the customer a balance: an approved AS_FUND payment recorded by its organization."""
    payment = await add(api, w.org, w.customer_id, amount=amount)
    await approved(api, w.org, payment["id"])


async def ledger_agrees(api: Api, ow_id: int) -> Decimal:
    """Sum of the ledger == the stored balance == availableBalance; returns that balance."""
    rows = await api.sql(
        "SELECT (SELECT coalesce(sum(amount), 0) FROM ledger_entries WHERE workspace_id = $1)"
        " AS entries, (SELECT balance FROM workspace_balances WHERE workspace_id = $1) AS stored",
        ow_id,
    )
    data = await api.data(BALANCE, {"owId": str(ow_id)})
    shown = Decimal(data["workspace"]["availableBalance"])
    assert rows[0]["entries"] == rows[0]["stored"] == shown, (rows[0], shown)
    return shown


async def count_payments(api: Api) -> int:
    rows = await api.sql("SELECT count(*) AS n FROM payments")
    return int(rows[0]["n"])


async def upload(
    api: Api,
    login: Login,
    value: dict[str, Any],
    file: tuple[str, bytes, str],
) -> httpx.Response:
    """addPayment as a GraphQL multipart request, `file` sent as input.proof."""
    operations = {"query": ADD, "variables": {"input": {**value, "proof": None}}}
    return await api.client.post(
        "/graphql",
        data={
            "operations": json.dumps(operations),
            "map": json.dumps({"0": ["variables.input.proof"]}),
        },
        files={"0": file},
        headers=login.headers(),
    )
