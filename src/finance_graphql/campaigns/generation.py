"""Generate a customer's invoice for a period from its recorded spend (PENDING, one line per
cost component; the formula is in `campaigns.invoicing` and docs/invoice-generation.md).

The invoice is written with the invoices domain's own functions (`invoices.repository.
insert_invoice`, `invoices.items.insert_lines`) and remembered in `spend_invoices`, so that a
day's spend is invoiced once: a period overlapping a generated invoice that is not cancelled is
refused. Generations for one customer are serialised by an advisory lock.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import asyncpg

from finance_graphql.campaigns import spend
from finance_graphql.campaigns.catalog import CreativeType
from finance_graphql.campaigns.invoicing import FeeRates, Line, invoice_amount, invoice_lines
from finance_graphql.campaigns.schemas import GenerateInvoice
from finance_graphql.core import events
from finance_graphql.core.access import Permission
from finance_graphql.core.errors import ErrorCode, refuse
from finance_graphql.core.tenancy import Viewer, WorkspaceKind
from finance_graphql.fees import repository as fees
from finance_graphql.fees import rules
from finance_graphql.fees.repository import FeesRow
from finance_graphql.invoices import items, template
from finance_graphql.invoices import repository as invoices
from finance_graphql.invoices.repository import InvoiceRow
from finance_graphql.invoices.service import TOPIC as INVOICE_TOPIC
from finance_graphql.workspaces import service as workspaces
from finance_graphql.workspaces.repository import WorkspaceRow

DEFAULT_TERM_DAYS = 30
MAX_PERIOD_DAYS = 366


def fee_rates(customer_id: int, chain: list[FeesRow]) -> FeeRates:
    """The fees in force for a customer (`chain`: its fee rows, nearest first).

    PG fees: the customer's. Ad serving: the customer's costs, else its organization's.
    Third-party cost: the customer's when configured there (active or disabled), else its
    organization's; counted only while active.
    """
    own = chain[0] if chain and chain[0].workspace_id == customer_id else FeesRow(customer_id)
    ad_serving: dict[CreativeType, Decimal] = {}
    source = rules.ad_serving_source(customer_id, chain)
    if source is not None:
        row = source[0]
        for creative, cost in (
            (CreativeType.IMAGE, row.image_creative_cost),
            (CreativeType.VIDEO, row.video_creative_cost),
            (CreativeType.AUDIO, row.audio_creative_cost),
        ):
            if cost is not None:
                ad_serving[creative] = cost
    third_party = next((r for r in chain if r.third_party_cost_active is not None), None)
    return FeeRates(
        pg_campaign_fees=own.pg_campaign_fees,
        ad_serving=ad_serving,
        third_party_cost=(
            third_party.third_party_cost
            if third_party is not None and third_party.third_party_cost_active
            else None
        ),
    )


def _check_period(date_from: dt.date, date_to: dt.date) -> None:
    if date_to < date_from:
        raise refuse(ErrorCode.INVALID, "periodTo: must not be before periodFrom", "periodTo")
    if (date_to - date_from).days >= MAX_PERIOD_DAYS:
        raise refuse(
            ErrorCode.OUT_OF_RANGE,
            f"periodTo: a period is at most {MAX_PERIOD_DAYS} days",
            "periodTo",
        )


async def _already_invoiced(
    conn: asyncpg.Connection, customer_id: int, date_from: dt.date, date_to: dt.date
) -> int | None:
    invoice_id = await conn.fetchval(
        "SELECT g.invoice_id FROM spend_invoices g JOIN invoices i ON i.id = g.invoice_id"
        " WHERE g.workspace_id = $1 AND g.period_from <= $3 AND g.period_to >= $2"
        "   AND i.status <> 8 LIMIT 1",
        customer_id,
        date_from,
        date_to,
    )
    return None if invoice_id is None else int(invoice_id)


async def generate_invoice(
    conn: asyncpg.Connection, viewer: Viewer, command: GenerateInvoice
) -> InvoiceRow:
    """A PENDING invoice of the customer's spend from periodFrom to periodTo (inclusive)."""
    customer = await workspaces.authorized(
        conn, viewer, Permission.MANAGE_CUSTOMER_FINANCE, command.ow_id
    )
    if customer.kind is not WorkspaceKind.CUSTOMER or customer.parent_id is None:
        raise refuse(ErrorCode.INVALID, "owId: invoices are generated for customers", "owId")
    date_from, date_to = command.period_from, command.period_to
    _check_period(date_from, date_to)
    await conn.execute(
        "SELECT pg_advisory_xact_lock(hashtextextended($1, 0))", f"spend-invoice:{customer.id}"
    )
    earlier = await _already_invoiced(conn, customer.id, date_from, date_to)
    if earlier is not None:
        raise refuse(
            ErrorCode.CONFLICT,
            f"periodFrom: spend of this period is already on invoice {earlier}",
            "periodFrom",
        )
    groups = await spend.period_groups(conn, customer.id, date_from, date_to)
    rates = fee_rates(customer.id, await fees.fee_chain(conn, customer.id))
    lines = invoice_lines(groups, rates, customer.currency)
    if not lines:
        raise refuse(
            ErrorCode.INVALID_STATE, "periodFrom: no spend to invoice in this period", "periodFrom"
        )
    return await _insert(conn, viewer, command, customer, lines)


async def _insert(
    conn: asyncpg.Connection,
    viewer: Viewer,
    command: GenerateInvoice,
    customer: WorkspaceRow,
    lines: list[Line],
) -> InvoiceRow:
    """Write the invoice, its lines and the period it covers; announce it."""
    assert customer.parent_id is not None
    customer_id, organization_id = customer.id, customer.parent_id
    term = command.payment_term_days
    if term is None:
        settings = await template.get(conn, organization_id)
        term = settings.payment_term_days if settings and settings.payment_term_days else None
    invoice_id = await invoices.insert_invoice(
        conn,
        workspace_id=customer_id,
        parent_id=organization_id,
        currency=customer.currency,
        name=command.name or f"Campaign spend {command.period_from} to {command.period_to}",
        period_from=command.period_from,
        period_to=command.period_to,
        payment_term_days=DEFAULT_TERM_DAYS if term is None else term,
        amount=invoice_amount(lines),
        created_by=viewer.user_id,
    )
    await items.insert_lines(conn, invoice_id, [(line.description, line.amount) for line in lines])
    await conn.execute(
        "INSERT INTO spend_invoices (invoice_id, workspace_id, period_from, period_to)"
        " VALUES ($1, $2, $3, $4)",
        invoice_id,
        customer_id,
        command.period_from,
        command.period_to,
    )
    row = await invoices.get(conn, invoice_id)
    await events.publish(conn, INVOICE_TOPIC, row.id, row.workspace_id, row.parent_id)
    return row
