"""Demo invoices: one of each everyday state per customer, made once."""

from __future__ import annotations

import asyncpg

from finance_graphql.demo import DemoWorkspaces
from finance_graphql.invoices.demo import add_demo_invoices
from tests.support import Api

LIST = """query($owId: ID) {
  invoices(filter: {owId: $owId}, orderBy: {key: ID, direction: ASC}) {
    totalCount edges { node { status amount outstanding taxes { name amount } } }
  }
}"""


async def test_demo_invoices_are_made_once_per_customer(api: Api) -> None:
    # given two customers of an organization
    org = await api.organization()
    acme_id, _ = await api.customer(org, "Acme")
    bright_id, _ = await api.customer(org, "Bright")
    demo = DemoWorkspaces(super_id=api.super_login.ow_id, customers={"A": acme_id, "B": bright_id})

    # when the demo invoices are added twice
    conn = await asyncpg.connect(api.dsn)
    try:
        for _ in range(2):
            async with conn.transaction():
                await add_demo_invoices(conn, demo)
    finally:
        await conn.close()

    # then each customer has three: overdue, unpaid and pending with a 10% VAT
    for customer_id in (acme_id, bright_id):
        data = await api.data(LIST, {"owId": str(customer_id)}, login=org[1])
        nodes = [edge["node"] for edge in data["invoices"]["edges"]]
        assert data["invoices"]["totalCount"] == 3
        assert [n["status"] for n in nodes] == ["OVERDUE", "UNPAID", "PENDING"]
        assert [n["amount"] for n in nodes] == ["1380.50", "1380.50", "1518.55"]
        assert nodes[2]["taxes"] == [{"name": "VAT", "amount": "138.05"}]
