"""Invoice rules with the database: create, approve, cancel, taxes; the invoice template.

Each function runs inside the mutation's transaction, locks the invoice it changes, and
publishes an `invoice` event that is delivered when the transaction commits.
"""

from __future__ import annotations

import asyncpg

from finance_graphql.core import events
from finance_graphql.core.access import Permission, authorize
from finance_graphql.core.errors import ErrorCode, UserError, UserErrors, refuse
from finance_graphql.core.money import ZERO, fits_currency, minor_units
from finance_graphql.core.tenancy import Viewer, WorkspaceKind
from finance_graphql.invoices import items, repository, rules, settlement, template
from finance_graphql.invoices.repository import InvoiceRow
from finance_graphql.invoices.schemas import (
    AddInvoiceTax,
    CreateInvoice,
    DeleteInvoiceTax,
    InvoiceAction,
    UpdateInvoiceSettings,
)
from finance_graphql.workspaces.service import authorized

TOPIC = "invoice"


async def _changed(conn: asyncpg.Connection, invoice_id: int) -> InvoiceRow:
    row = await repository.get(conn, invoice_id)
    await events.publish(conn, TOPIC, row.id, row.workspace_id, row.parent_id)
    return row


async def create_invoice(
    conn: asyncpg.Connection, viewer: Viewer, command: CreateInvoice
) -> InvoiceRow:
    """A PENDING invoice for a workspace below the active one, billed by that workspace's
    parent in its currency; amount = the exact sum of the lines."""
    billed = await authorized(conn, viewer, Permission.MANAGE_CUSTOMER_FINANCE, command.ow_id)
    assert billed.parent_id is not None  # only the super organization has none; it is never below
    too_precise = [
        UserError(
            field=["input", "lines", str(index), "amount"],
            code=ErrorCode.INVALID,
            message=f"lines.{index}.amount: has more decimals than {billed.currency} allows "
            f"({minor_units(billed.currency)})",
        )
        for index, line in enumerate(command.lines)
        if not fits_currency(line.amount, billed.currency)
    ]
    if too_precise:
        raise UserErrors(too_precise)
    amount = rules.invoice_amount((line.amount for line in command.lines), ())
    if amount <= ZERO:
        raise refuse(ErrorCode.INVALID, "lines: the invoice total must be more than zero", "lines")
    invoice_id = await repository.insert_invoice(
        conn,
        workspace_id=billed.id,
        parent_id=billed.parent_id,
        currency=billed.currency,
        name=command.name,
        period_from=command.period_from,
        period_to=command.period_to,
        payment_term_days=command.payment_term_days,
        amount=amount,
        created_by=viewer.user_id,
    )
    await items.insert_lines(
        conn, invoice_id, [(line.description, line.amount) for line in command.lines]
    )
    return await _changed(conn, invoice_id)


async def _lock(conn: asyncpg.Connection, viewer: Viewer, invoice_id: int) -> InvoiceRow:
    """The invoice the viewer manages, locked; NOT_FOUND alike when foreign or missing."""
    authorize(viewer, Permission.MANAGE_CUSTOMER_FINANCE)
    row = await repository.lock_managed(conn, viewer, invoice_id)
    if row is None:
        raise refuse(ErrorCode.NOT_FOUND, "invoiceId: no such invoice", "invoiceId")
    return row


async def approve_invoice(
    conn: asyncpg.Connection, viewer: Viewer, command: InvoiceAction
) -> InvoiceRow:
    """PENDING -> UNPAID, issued today: due on today + the payment term."""
    row = await _lock(conn, viewer, command.invoice_id)
    status = rules.next_status(rules.Action.APPROVE, row.status, row.paid_amount, ZERO)
    await repository.set_status(
        conn,
        row.id,
        status,
        action_note=command.action_note,
        updated_by=viewer.user_id,
        issue=True,
    )
    # Credit may have been applied while it was pending: the issued status reflects it.
    await settlement.refresh(conn, [row.id])
    return await _changed(conn, row.id)


async def cancel_invoice(
    conn: asyncpg.Connection, viewer: Viewer, command: InvoiceAction
) -> InvoiceRow:
    """-> CANCELLED, while nothing is paid and no PROCESSING payment is applied to it."""
    row = await _lock(conn, viewer, command.invoice_id)
    reserved = (await settlement.reserved(conn, [row.id])).get(row.id, ZERO)
    status = rules.next_status(rules.Action.CANCEL, row.status, row.paid_amount, reserved)
    await repository.set_status(
        conn,
        row.id,
        status,
        action_note=command.action_note,
        updated_by=viewer.user_id,
        issue=False,
    )
    return await _changed(conn, row.id)


async def add_tax(conn: asyncpg.Connection, viewer: Viewer, command: AddInvoiceTax) -> InvoiceRow:
    """A tax on a PENDING invoice, as a rate of the lines' total or a fixed amount."""
    if (command.rate is None) == (command.amount is None):
        raise refuse(ErrorCode.INVALID, "rate: give either a rate or an amount", "rate")
    row = await _lock(conn, viewer, command.invoice_id)
    rules.require_taxes_editable(row.status)
    if command.amount is not None:
        if not fits_currency(command.amount, row.currency):
            raise refuse(
                ErrorCode.INVALID,
                f"amount: has more decimals than {row.currency} allows "
                f"({minor_units(row.currency)})",
                "amount",
            )
        amount = command.amount
    else:
        assert command.rate is not None
        total = await items.lines_total(conn, row.id)
        amount = rules.tax_from_rate(total, command.rate, row.currency)
    await items.insert_tax(conn, row.id, command.name, command.rate, amount)
    await repository.recompute_amount(conn, row.id)
    return await _changed(conn, row.id)


async def delete_tax(
    conn: asyncpg.Connection, viewer: Viewer, command: DeleteInvoiceTax
) -> InvoiceRow:
    """Remove a tax from a PENDING invoice; the amount drops by exactly that tax."""
    authorize(viewer, Permission.MANAGE_CUSTOMER_FINANCE)
    invoice_id = await items.managed_tax_invoice(conn, viewer, command.tax_id)
    if invoice_id is None:
        raise refuse(ErrorCode.NOT_FOUND, "taxId: Tax ID is invalid", "taxId")
    row = await _lock(conn, viewer, invoice_id)
    rules.require_taxes_editable(row.status)
    if not await items.delete_tax(conn, command.tax_id):  # deleted meanwhile
        raise refuse(ErrorCode.NOT_FOUND, "taxId: Tax ID is invalid", "taxId")
    await repository.recompute_amount(conn, row.id)
    return await _changed(conn, row.id)


async def invoice_settings(
    conn: asyncpg.Connection, viewer: Viewer
) -> template.InvoiceSettingsRow | None:
    """The invoice template that applies to the active workspace: an organization's own (the
    super organization's for itself); for a customer, its organization's (where to pay)."""
    owner = viewer.workspace.id
    if viewer.kind is WorkspaceKind.CUSTOMER:
        assert viewer.workspace.parent_id is not None
        owner = viewer.workspace.parent_id
    return await template.get(conn, owner)


async def update_invoice_settings(
    conn: asyncpg.Connection, viewer: Viewer, command: UpdateInvoiceSettings
) -> template.InvoiceSettingsRow:
    """Set the active organization's template; fields left out keep their value."""
    authorize(viewer, Permission.MANAGE_OWN_SETTINGS, viewer.workspace)
    changes = {name: getattr(command, name) for name in command.model_fields_set}
    return await template.upsert(conn, viewer.workspace.id, changes)
