"""Demo data for GraphiQL: a super organization, two organizations and their customers.

Idempotent: records are found by name before they are created. Each domain may add its own demo
records through `extend`, called with the workspaces made here.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field

import asyncpg

from finance_graphql.campaigns.demo import add_demo_finance
from finance_graphql.core.tenancy import WorkspaceKind
from finance_graphql.invoices.demo import add_demo_invoices
from finance_graphql.payments.demo import add_demo_payments
from finance_graphql.workspaces import repository, service

SUPER_EMAIL = "admin@platform.test"


@dataclass
class DemoWorkspaces:
    super_id: int
    organizations: dict[str, int] = field(default_factory=dict)
    customers: dict[str, int] = field(default_factory=dict)
    members: dict[str, int] = field(default_factory=dict)  # e-mail -> workspace id


DemoExtension = Callable[[asyncpg.Connection, DemoWorkspaces], Awaitable[None]]
extensions: list[DemoExtension] = []
extensions.append(add_demo_invoices)
extensions.append(add_demo_payments)
extensions.append(add_demo_finance)

ORGANIZATIONS = {
    "Northwind Media": (
        "ops@northwind.test",
        "USD",
        ["Acme Shoes", "Bright Dental", "Cedar Realty"],
    ),
    "Blue Ocean Ads": ("finance@blueocean.test", "EUR", ["Delta Bikes", "Evergreen Foods"]),
}


async def _child(
    conn: asyncpg.Connection, kind: WorkspaceKind, name: str, parent_id: int, currency: str
) -> int:
    existing = await conn.fetchval(
        "SELECT id FROM workspaces WHERE parent_id = $1 AND name = $2", parent_id, name
    )
    if existing:
        return int(existing)
    row = await service._create(conn, kind, name, parent_id, currency)
    return row.id


async def _member(conn: asyncpg.Connection, email: str, workspace_id: int) -> None:
    user_id = await repository.upsert_user(conn, email)
    await repository.add_member(conn, user_id, workspace_id)


async def load(conn: asyncpg.Connection) -> DemoWorkspaces:
    """Create (once) the demo workspaces and members; returns their ids."""
    async with conn.transaction():
        super_row, _ = await service.bootstrap(conn, SUPER_EMAIL, "Platform")
        demo = DemoWorkspaces(super_id=super_row.id, members={SUPER_EMAIL: super_row.id})
        for org_name, (email, currency, customers) in ORGANIZATIONS.items():
            org_id = await _child(
                conn, WorkspaceKind.ORGANIZATION, org_name, super_row.id, currency
            )
            demo.organizations[org_name] = org_id
            await _member(conn, email, org_id)
            demo.members[email] = org_id
            for customer in customers:
                customer_id = await _child(conn, WorkspaceKind.CUSTOMER, customer, org_id, currency)
                demo.customers[customer] = customer_id
                customer_email = "billing@" + customer.lower().replace(" ", "") + ".test"
                await _member(conn, customer_email, customer_id)
                demo.members[customer_email] = customer_id
        for extension in extensions:
            await extension(conn, demo)
    return demo
