"""Demo margins, fees, campaigns with six weeks of spend, and credits, for GraphiQL.

Idempotent: settings are written only where they differ, campaigns are found by name, spend is
an upsert per campaign and day, a customer's demo credits are made once.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import TYPE_CHECKING, Any

import asyncpg

# Registers the default-margin hook for the customers the demo creates (the CLI's `demo` does
# not build the schema, whose imports register it for the server).
import finance_graphql.margins.service  # noqa: F401
from finance_graphql.campaigns import spend
from finance_graphql.campaigns.catalog import (
    CampaignStatus,
    CampaignType,
    CreativeType,
)
from finance_graphql.campaigns.repository import insert
from finance_graphql.credits import repository as credits
from finance_graphql.credits.repository import BusinessDetails
from finance_graphql.fees import repository as fees
from finance_graphql.ledger import repository as ledger
from finance_graphql.ledger.repository import EntryKind
from finance_graphql.margins import repository as margins
from finance_graphql.margins import settings
from finance_graphql.margins.settings import Setting
from finance_graphql.workspaces import repository as workspaces

if TYPE_CHECKING:
    from finance_graphql.demo import DemoWorkspaces

SPEND_DAYS = 45
D = Decimal

CUSTOMER_MARGINS = {"Acme Shoes": D(15), "Bright Dental": D("18.5"), "Delta Bikes": D(12)}
ORGANIZATION_DEFAULTS = {"Northwind Media": D(20), "Blue Ocean Ads": D(15)}
CAMPAIGNS: dict[str, list[tuple[str, CampaignStatus, CampaignType, CreativeType]]] = {
    "Acme Shoes": [
        ("Acme Spring Sale", CampaignStatus.RUNNING, CampaignType.ADVANCED, CreativeType.IMAGE),
        ("Acme Video Reach", CampaignStatus.RUNNING, CampaignType.PG, CreativeType.VIDEO),
        ("Acme Audio Test", CampaignStatus.PENDING, CampaignType.ADVANCED, CreativeType.AUDIO),
    ],
    "Bright Dental": [
        ("Bright Smiles", CampaignStatus.RUNNING, CampaignType.ADVANCED, CreativeType.IMAGE),
        ("Bright Retargeting", CampaignStatus.PAUSED, CampaignType.ADVANCED, CreativeType.HTML),
    ],
    "Cedar Realty": [
        ("Cedar Open House", CampaignStatus.PENDING, CampaignType.ADVANCED, CreativeType.VIDEO),
    ],
    "Delta Bikes": [
        ("Delta Summer Rides", CampaignStatus.RUNNING, CampaignType.ADVANCED, CreativeType.VIDEO),
    ],
}


async def _user(conn: asyncpg.Connection, demo: DemoWorkspaces, workspace_id: int) -> int:
    email = next(e for e, ws in demo.members.items() if ws == workspace_id)
    return await workspaces.upsert_user(conn, email)


async def _settings(conn: asyncpg.Connection, demo: DemoWorkspaces) -> None:
    for name, margin in ORGANIZATION_DEFAULTS.items():
        org = demo.organizations[name]
        wanted: dict[Setting, Any] = {margins.DEFAULT_CUSTOMER_MARGIN: margin}
        await settings.write(conn, org, wanted, await _user(conn, demo, org))
    for name, margin in CUSTOMER_MARGINS.items():
        customer = demo.customers[name]
        await settings.write(conn, customer, {margins.GROSS_MARGIN: margin}, None)
    acme = demo.customers["Acme Shoes"]
    acme_fees: dict[Setting, Any] = {
        fees.PG_CAMPAIGN_FEES: D(10),
        fees.PG_WORKSPACE_SHARE: D(15),
        fees.AQS_RATE: D(3),
        fees.AQS_ENABLED: True,
        fees.AQS_MARKUP_TYPE: fees.AQS_MARKUP_TYPE_IDS[fees.AqsMarkupType.PERCENTAGE],
        fees.AQS_MARKUP_VALUE: D(10),
        fees.DV_IVT: True,
    }
    await settings.write(conn, acme, acme_fees, None)
    northwind = demo.organizations["Northwind Media"]
    costs: dict[Setting, Any] = {
        fees.IMAGE_COST: D("0.50"),
        fees.VIDEO_COST: D("1.50"),
        fees.AUDIO_COST: D("1.00"),
        fees.THIRD_PARTY_COST: D("0.25"),
        fees.THIRD_PARTY_ACTIVE: True,
    }
    await settings.write(conn, northwind, costs, None)


async def _campaigns(conn: asyncpg.Connection, demo: DemoWorkspaces) -> None:
    today = dt.date.today()
    rows: list[spend.SpendInput] = []
    for customer_name, campaigns in CAMPAIGNS.items():
        customer = demo.customers[customer_name]
        organization = await _parent(conn, customer)
        for index, (name, status, kind, creative) in enumerate(campaigns):
            campaign_id = await conn.fetchval(
                "SELECT id FROM campaigns WHERE workspace_id = $1 AND name = $2", customer, name
            )
            if campaign_id is None:
                row = await insert(
                    conn,
                    workspace_id=customer,
                    parent_id=organization,
                    name=name,
                    status=status,
                    campaign_type=kind,
                    creative_type=creative,
                    created_by=None,
                )
                campaign_id = row.id
            if status is CampaignStatus.PENDING:
                continue  # not started: no spend
            for day in range(1, SPEND_DAYS + 1):
                media = D(80 + (day * 37 + index * 11) % 60) + D((day * 13) % 100) / 100
                rows.append(
                    spend.SpendInput(
                        campaign_id=campaign_id,
                        spend_date=today - dt.timedelta(days=day),
                        media_cost=media,
                        data_cost=(media * D("0.12")).quantize(D("0.0001")),
                        impressions=20_000 + (day * 997 + index * 131) % 15_000,
                    )
                )
    user = await _user(conn, demo, demo.organizations["Northwind Media"])
    await spend.upsert(conn, rows, user)


async def _parent(conn: asyncpg.Connection, workspace_id: int) -> int:
    return int(await conn.fetchval("SELECT parent_id FROM workspaces WHERE id = $1", workspace_id))


async def _credits(conn: asyncpg.Connection, demo: DemoWorkspaces) -> None:
    for name, amount, outcome in (
        ("Acme Shoes", D("1000.00"), "claim"),
        ("Bright Dental", D("500.00"), "offer"),
        ("Delta Bikes", D("300.00"), "revoke"),
    ):
        customer = demo.customers[name]
        if await conn.fetchval("SELECT 1 FROM credits WHERE workspace_id = $1", customer):
            continue
        organization = await _parent(conn, customer)
        offered_by = await _user(conn, demo, organization)
        credit_id = await credits.insert(conn, customer, organization, amount, offered_by)
        if outcome == "revoke":
            await credits.revoke(conn, credit_id, offered_by)
        elif outcome == "claim":
            claimer = await _user(conn, demo, customer)
            details = BusinessDetails(
                customer_name=name,
                business_name=f"{name} LLC",
                tax_id="US-12-3456789",
                contact_person_name="Pat Doe",
                contact_person_email="billing@" + name.lower().replace(" ", "") + ".test",
                incorporation_place="Delaware, USA",
                address="1 Market Street, Wilmington, DE 19801",
            )
            await credits.claim(conn, credit_id, details, claimer)
            await ledger.post(
                conn,
                workspace_id=customer,
                amount=amount,
                kind=EntryKind.CREDIT_CLAIMED,
                source_type="credit",
                source_id=credit_id,
                created_by=claimer,
            )


async def add_demo_finance(conn: asyncpg.Connection, demo: DemoWorkspaces) -> None:
    """Margins and fees, campaigns with spend of the last six weeks, and one credit per state."""
    await _settings(conn, demo)
    await _campaigns(conn, demo)
    await _credits(conn, demo)
