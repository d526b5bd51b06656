"""Demo invoices for GraphiQL: three months per demo customer, one of each everyday state.

Idempotent: an invoice is found by its workspace and name before it is made.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import TYPE_CHECKING

import asyncpg

from finance_graphql.invoices import items, repository, rules
from finance_graphql.lookups.catalog import InvoiceStatus
from finance_graphql.workspaces import repository as workspaces

if TYPE_CHECKING:
    from finance_graphql.demo import DemoWorkspaces

LINES = [("Media spend", Decimal("1200.00")), ("Data cost", Decimal("180.50"))]
VAT_RATE = Decimal(10)


def _months_back(today: dt.date, count: int) -> list[tuple[dt.date, dt.date]]:
    """The `count` whole months before this one, oldest first."""
    periods: list[tuple[dt.date, dt.date]] = []
    end = today.replace(day=1) - dt.timedelta(days=1)
    for _ in range(count):
        start = end.replace(day=1)
        periods.append((start, end))
        end = start - dt.timedelta(days=1)
    return list(reversed(periods))


async def add_demo_invoices(conn: asyncpg.Connection, demo: DemoWorkspaces) -> None:
    """Per customer: an OVERDUE invoice (issued 45 days ago, Net 30), an UNPAID one issued
    today, and a PENDING one with a 10% tax."""
    today = dt.date.today()
    for customer_id in demo.customers.values():
        customer = await workspaces.get(conn, customer_id)
        assert customer is not None
        assert customer.parent_id is not None
        for index, (start, end) in enumerate(_months_back(today, 3)):
            name = f"{customer.name} - {start:%b %Y}"
            exists = await conn.fetchval(
                "SELECT 1 FROM invoices WHERE workspace_id = $1 AND name = $2", customer.id, name
            )
            if exists:
                continue
            invoice_id = await repository.insert_invoice(
                conn,
                workspace_id=customer.id,
                parent_id=customer.parent_id,
                currency=customer.currency,
                name=name,
                period_from=start,
                period_to=end,
                payment_term_days=30,
                amount=sum((amount for _, amount in LINES), Decimal(0)),
                created_by=None,
            )
            await items.insert_lines(conn, invoice_id, LINES)
            if index == 2:
                lines_total = sum((amount for _, amount in LINES), Decimal(0))
                vat = rules.tax_from_rate(lines_total, VAT_RATE, customer.currency)
                await items.insert_tax(conn, invoice_id, "VAT", VAT_RATE, vat)
                await repository.recompute_amount(conn, invoice_id)
                continue
            await repository.set_status(
                conn,
                invoice_id,
                InvoiceStatus.UNPAID,
                action_note=None,
                updated_by=None,
                issue=True,
            )
            if index == 0:
                await conn.execute(
                    "UPDATE invoices SET issued_on = current_date - 45 WHERE id = $1", invoice_id
                )
