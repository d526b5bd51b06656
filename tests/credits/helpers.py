"""Queries and small factories shared by the credit tests."""

from __future__ import annotations

from typing import Any

from tests.margins.helpers import USER_ERRORS, mutate
from tests.support import Api, Login

CREDIT_FIELDS = """
  id amount currency status modifiedAt createdAt claimedAt organizationName displayName
  appliedAmount workspace { id } offeredBy { id }
  businessDetails { customerName businessName taxId contactPersonName contactPersonEmail
                    incorporationPlace address }
  allocations { invoiceId amount }
"""
OFFER = f"""mutation($input: OfferCreditInput!) {{
  offerCredit(input: $input) {{ credit {{ {CREDIT_FIELDS} }} {USER_ERRORS} }}
}}"""
UPDATE = f"""mutation($input: UpdateCreditInput!) {{
  updateCredit(input: $input) {{ credit {{ {CREDIT_FIELDS} }} {USER_ERRORS} }}
}}"""
REVOKE = f"""mutation($input: CreditActionInput!) {{
  revokeCredit(input: $input) {{ credit {{ {CREDIT_FIELDS} }} {USER_ERRORS} }}
}}"""
CLAIM = f"""mutation($input: ClaimCreditInput!) {{
  claimCredit(input: $input) {{ credit {{ {CREDIT_FIELDS} }} {USER_ERRORS} }}
}}"""
APPLY = f"""mutation($input: ApplyCreditInput!) {{
  applyCredit(input: $input) {{ credit {{ {CREDIT_FIELDS} }} {USER_ERRORS} }}
}}"""
CREDITS = """query($filter: CreditFilter, $first: Int, $after: String) {
  credits(filter: $filter, first: $first, after: $after) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { cursor node { id amount status organizationName displayName } }
  }
}"""
BALANCE = """query($owId: ID) {
  workspace(owId: $owId) {
    availableBalance creditSummary { usedCredit totalCredit availableCredit }
  }
}"""


async def offer(api: Api, login: Login, ow_id: int, amount: str = "1000") -> dict[str, Any]:
    """Offer credit; must succeed. Returns the credit."""
    payload = await mutate(api, OFFER, {"owId": str(ow_id), "amount": amount}, login)
    assert payload["userErrors"] == [], payload["userErrors"]
    credit: dict[str, Any] = payload["credit"]
    return credit


def claim_input(credit_id: str, **overrides: Any) -> dict[str, Any]:
    value: dict[str, Any] = {
        "creditId": credit_id,
        "customerName": "JP test",
        "businessName": "JP test org3",
        "taxId": "123456",
        "contactPersonName": "JP",
        "contactPersonEmail": "jp+customer@example.test",
        "incorporationPlace": "Gujarat, India",
        "address": "A-123, XYZ Complex, Ahmedabad, Gujarat, India - 380059",
    }
    value.update(overrides)
    return value


async def claimed(api: Api, org: Login, customer: Login, amount: str = "1000") -> dict[str, Any]:
    """A credit offered by `org` and claimed by `customer`; returns it."""
    credit = await offer(api, org, customer.ow_id, amount)
    payload = await mutate(api, CLAIM, claim_input(credit["id"]), customer)
    assert payload["userErrors"] == [], payload["userErrors"]
    result: dict[str, Any] = payload["credit"]
    return result


async def ledger_of(api: Api, workspace_id: int) -> list[tuple[str, str]]:
    """(kind, amount) of the workspace's ledger entries, oldest first; and the check that the
    stored balance is their sum."""
    rows = await api.sql(
        "SELECT kind, amount FROM ledger_entries WHERE workspace_id = $1 ORDER BY id", workspace_id
    )
    balance = await api.sql(
        "SELECT balance FROM workspace_balances WHERE workspace_id = $1", workspace_id
    )
    assert balance[0]["balance"] == sum((r["amount"] for r in rows), 0)
    return [(r["kind"], f"{r['amount']:.2f}") for r in rows]
