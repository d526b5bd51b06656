"""Demo payments for GraphiQL, made through the payment rules themselves.

Per customer: a paid wire transfer from its organization, a cheque still PROCESSING, a payment
against its oldest open invoice; a refund for one customer and a started PayPal payment for
another. Idempotent: each demo payment carries a fixed transaction id, found before it is made.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import AsyncIterator
from decimal import Decimal
from typing import TYPE_CHECKING

import asyncpg

from finance_graphql.config import Settings
from finance_graphql.core.errors import UserErrors
from finance_graphql.core.tenancy import Viewer
from finance_graphql.lookups.catalog import PaymentMode, PaymentType
from finance_graphql.payments import actions, rules, service
from finance_graphql.payments.repository import PaymentRow
from finance_graphql.payments.schemas import AddPayment, PaymentAction, StartPaypalPayment
from finance_graphql.workspaces import repository as workspaces

if TYPE_CHECKING:
    from finance_graphql.demo import DemoWorkspaces


async def _made(conn: asyncpg.Connection, workspace_id: int, marker: str) -> bool:
    found = await conn.fetchval(
        "SELECT 1 FROM payments WHERE workspace_id = $1 AND transaction_id = $2",
        workspace_id,
        marker,
    )
    return found is not None


async def _viewer(conn: asyncpg.Connection, demo: DemoWorkspaces, workspace_id: int) -> Viewer:
    email = next(e for e, ws in demo.members.items() if ws == workspace_id)
    viewer = await workspaces.find_viewer(conn, email, workspace_id)
    assert viewer is not None
    return viewer


@contextlib.asynccontextmanager
async def _unless_refused(conn: asyncpg.Connection) -> AsyncIterator[None]:
    """One demo payment in a savepoint: a rule refusing it (say, its invoice is already paid)
    skips it without undoing the rest."""
    try:
        async with conn.transaction():
            yield
    except UserErrors:
        return


async def _add(
    conn: asyncpg.Connection, viewer: Viewer, marker: str, **fields: object
) -> PaymentRow | None:
    workspace_id = fields["ow_id"]
    assert isinstance(workspace_id, int)
    if await _made(conn, workspace_id, marker):
        return None
    command = AddPayment.model_validate({**fields, "transaction_id": marker})
    return await service.add_payment(conn, viewer, command)


async def _approve(conn: asyncpg.Connection, manager: Viewer, row: PaymentRow | None) -> None:
    if row is not None:
        note = PaymentAction(payment_id=row.id, action_note="Received (demo)")
        await actions.decide(conn, manager, note, rules.Action.APPROVE)


async def _open_invoice(conn: asyncpg.Connection, workspace_id: int) -> tuple[int, Decimal] | None:
    record = await conn.fetchrow(
        "SELECT id, amount - paid_amount AS open FROM invoices WHERE workspace_id = $1"
        " AND status IN (2, 3) AND amount > paid_amount ORDER BY id LIMIT 1",
        workspace_id,
    )
    return (record["id"], record["open"]) if record else None


async def add_demo_payments(conn: asyncpg.Connection, demo: DemoWorkspaces) -> None:
    """The demo payments of every demo customer (made once; a rerun adds nothing)."""
    for index, customer_id in enumerate(demo.customers.values()):
        await _customer_payments(conn, demo, index, customer_id)


async def _customer_payments(
    conn: asyncpg.Connection, demo: DemoWorkspaces, index: int, customer_id: int
) -> None:
    customer = await _viewer(conn, demo, customer_id)
    assert customer.workspace.parent_id is not None
    manager = await _viewer(conn, demo, customer.workspace.parent_id)
    base: dict[str, object] = {
        "ow_id": customer_id,
        "payment_date": dt.date.today() - dt.timedelta(days=20),
    }
    async with _unless_refused(conn):
        row = await _add(
            conn,
            manager,
            "DEMO-WIRE",
            **base,
            type=PaymentType.AS_FUND,
            mode=PaymentMode.WIRE_TRANSFER,
            amount=Decimal("5000.00"),
            bank_name="Demo Bank",
        )
        await _approve(conn, manager, row)
    async with _unless_refused(conn):
        await _add(
            conn,
            customer,
            "DEMO-CHEQUE",
            **base,
            type=PaymentType.AS_FUND,
            mode=PaymentMode.CHEQUE,
            amount=Decimal("1200.00"),
            bank_name="First Demo Bank",
            notes="Mailed on the 3rd",
        )
    open_invoice = await _open_invoice(conn, customer_id)
    if open_invoice is not None:
        invoice_id, outstanding = open_invoice
        half = (outstanding / 2).quantize(Decimal("0.01"))
        async with _unless_refused(conn):
            row = await _add(
                conn,
                customer,
                "DEMO-INVOICE",
                **base,
                type=PaymentType.AGAINST_INVOICE,
                mode=PaymentMode.ACCOUNT_TRANSFER,
                amount=half - Decimal("10.00"),
                tds=Decimal("10.00"),
                allocations=[{"invoice_id": invoice_id, "amount": half}],
                custom_attributes=[{"name": "Remittance", "value": f"INV-{invoice_id}"}],
            )
            await _approve(conn, manager, row)
    if index == 1:
        async with _unless_refused(conn):
            row = await _add(
                conn,
                manager,
                "DEMO-REFUND",
                **base,
                type=PaymentType.REFUND,
                mode=PaymentMode.TO_FUNDS,
                amount=Decimal("250.00"),
                refund_reason="Campaign ended early",
            )
            await _approve(conn, manager, row)
    if index == 2 and not await _paypal_started(conn, customer_id):
        start = StartPaypalPayment(ow_id=customer_id, amount=Decimal("750.00"))
        async with _unless_refused(conn):
            await service.start_paypal_payment(conn, customer, start, Settings())


async def _paypal_started(conn: asyncpg.Connection, workspace_id: int) -> bool:
    found = await conn.fetchval(
        "SELECT 1 FROM payments WHERE workspace_id = $1 AND mode = 1", workspace_id
    )
    return found is not None
