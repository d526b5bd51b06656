"""Queries and small factories shared by the invoice tests."""

from __future__ import annotations

from typing import Any

from tests.support import Api, Login

INVOICE_FIELDS = """
  id name currency amount paidAmount outstanding status issuedOn dueOn paymentTermDays
  periodFrom periodTo actionNote statusUpdatedBy createdAt modifiedAt
  workspace { id name }
  lines { id position description amount }
  taxes { id name rate amount }
"""
USER_ERRORS = "userErrors { field code message }"

CREATE = f"""mutation($input: CreateInvoiceInput!) {{
  createInvoice(input: $input) {{ invoice {{ {INVOICE_FIELDS} }} {USER_ERRORS} }}
}}"""
APPROVE = f"""mutation($input: InvoiceActionInput!) {{
  approveInvoice(input: $input) {{ invoice {{ {INVOICE_FIELDS} }} {USER_ERRORS} }}
}}"""
CANCEL = f"""mutation($input: InvoiceActionInput!) {{
  cancelInvoice(input: $input) {{ invoice {{ {INVOICE_FIELDS} }} {USER_ERRORS} }}
}}"""
ADD_TAX = f"""mutation($input: AddInvoiceTaxInput!) {{
  addInvoiceTax(input: $input) {{ invoice {{ {INVOICE_FIELDS} }} {USER_ERRORS} }}
}}"""
DELETE_TAX = f"""mutation($input: DeleteInvoiceTaxInput!) {{
  deleteInvoiceTax(input: $input) {{ invoice {{ {INVOICE_FIELDS} }} {USER_ERRORS} }}
}}"""
INVOICE = f"query($id: ID!) {{ invoice(id: $id) {{ {INVOICE_FIELDS} }} }}"


def invoice_input(ow_id: int, **overrides: Any) -> dict[str, Any]:
    """A valid CreateInvoiceInput for the workspace; keyword arguments replace its fields."""
    value: dict[str, Any] = {
        "owId": str(ow_id),
        "name": "Acme - Oct 2025",
        "periodFrom": "2025-10-01",
        "periodTo": "2025-10-31",
        "paymentTermDays": 30,
        "lines": [
            {"description": "Media spend", "amount": "1000.10"},
            {"description": "Data cost", "amount": "250.05"},
        ],
    }
    value.update(overrides)
    return value


async def run(
    api: Api, mutation: str, value: dict[str, Any], login: Login | None = None
) -> dict[str, Any]:
    """The payload of a mutation that must not fail at the GraphQL level."""
    data = await api.data(mutation, {"input": value}, login=login)
    payload: dict[str, Any] = next(iter(data.values()))
    return payload


async def create_invoice(
    api: Api, login: Login | None, ow_id: int, **overrides: Any
) -> dict[str, Any]:
    """Create an invoice that must succeed; returns it."""
    payload = await run(api, CREATE, invoice_input(ow_id, **overrides), login)
    assert payload["userErrors"] == [], payload["userErrors"]
    invoice: dict[str, Any] = payload["invoice"]
    return invoice


async def act(
    api: Api, mutation: str, login: Login | None, invoice_id: str, note: str | None = None
) -> dict[str, Any]:
    """Approve or cancel; returns the payload."""
    return await run(api, mutation, {"invoiceId": invoice_id, "actionNote": note}, login)


async def approved_invoice(
    api: Api, login: Login | None, ow_id: int, **overrides: Any
) -> dict[str, Any]:
    invoice = await create_invoice(api, login, ow_id, **overrides)
    payload = await act(api, APPROVE, login, invoice["id"])
    assert payload["userErrors"] == [], payload["userErrors"]
    approved: dict[str, Any] = payload["invoice"]
    return approved
