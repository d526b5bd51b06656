"""generateInvoice: a period's spend with margin and fees, hand-worked, through HTTP."""

from __future__ import annotations

from typing import Any

from tests.campaigns.helpers import MARGIN, campaign, record, row, set_margin
from tests.invoices.helpers import CANCEL, act
from tests.margins.helpers import (
    NOT_ALLOWED_API,
    NOT_ALLOWED_CUSTOMER,
    USER_ERRORS,
    Roles,
    mutate,
    only_error,
    refused,
    roles,
)
from tests.support import Api

GENERATE = f"""mutation($input: GenerateInvoiceInput!) {{
  generateInvoice(input: $input) {{
    invoice {{ id name status amount periodFrom periodTo paymentTermDays workspace {{ id }}
               lines {{ position description amount }} }}
    {USER_ERRORS}
  }}
}}"""
PG = """mutation($input: UpdatePgFeesInput!) {
  updatePgFees(input: $input) { userErrors { code } } }"""
AD = """mutation($input: SetAdServingCostInput!) {
  setAdServingCost(input: $input) { userErrors { code } } }"""
TP = """mutation($input: SetThirdPartyCostInput!) {
  setThirdPartyCost(input: $input) { userErrors { code } } }"""
JANUARY = {"periodFrom": "2025-01-01", "periodTo": "2025-01-31"}


async def _january_spend(api: Api, world: Roles) -> None:
    """Margin 20 on the customer, 25 on the PG video campaign; PG fees 10%; ad serving CPM 2
    for images (set on the organization); third-party CPM 0.5 on the customer."""
    await set_margin(api, world.org, world.customer_id, "20")
    owner = str(world.customer_id)
    await mutate(
        api, PG, {"owId": owner, "pgCampaignFees": "10", "pgWorkspaceShare": "15"}, world.org
    )
    await mutate(api, AD, {"owId": str(world.org_id), "imageCreativeCost": "2"}, world.super)
    await mutate(api, TP, {"owId": owner, "cost": "0.5"}, world.org)
    image = await campaign(api, world.org, world.customer_id, "Image", status="RUNNING")
    video = await campaign(
        api,
        world.org,
        world.customer_id,
        "Video",
        creativeType="VIDEO",
        type="PG",
        status="RUNNING",
    )
    await mutate(api, MARGIN, {"campaignId": video["id"], "marginValue": "25"}, world.org)
    await record(
        api,
        world.org,
        [
            row(image["id"], "2025-01-05", "100", "10", 10_000),
            row(image["id"], "2025-01-20", "33.3333", "0", 5_000),
            row(video["id"], "2025-01-10", "60", "6", 2_000),
            row(image["id"], "2025-02-01", "500", "50", 99_000),  # outside the period
        ],
    )


async def _generate(api: Api, world: Roles, **fields: Any) -> dict[str, Any]:
    return await mutate(
        api, GENERATE, {"owId": str(world.customer_id), **JANUARY, **fields}, world.org
    )


async def test_a_months_spend_becomes_a_pending_invoice_hand_worked(api: Api) -> None:
    world = await roles(api)
    await _january_spend(api, world)

    payload = await _generate(api, world)

    invoice = payload["invoice"]
    assert payload["userErrors"] == []
    # Media: (100 + 33.3333) x 100/80 + 60 x 100/75 = 166.666625 + 80 = 246.666625 -> 246.67
    # Data: 10 x 100/80 + 6 x 100/75 = 12.5 + 8 = 20.50
    # PG fees: 60 x 10% = 6.00; ad serving (image): 15000 / 1000 x 2 = 30.00
    # Third-party: 17000 / 1000 x 0.5 = 8.50
    assert [(line["description"], line["amount"]) for line in invoice["lines"]] == [
        ("Media", "246.67"),
        ("Data", "20.50"),
        ("PG campaign fees (10%)", "6.00"),
        ("Ad serving (image)", "30.00"),
        ("Third-party cost", "8.50"),
    ]
    assert invoice["amount"] == "311.67"
    assert (invoice["status"], invoice["paymentTermDays"]) == ("PENDING", 30)
    assert (invoice["periodFrom"], invoice["periodTo"]) == ("2025-01-01", "2025-01-31")
    assert invoice["name"] == "Campaign spend 2025-01-01 to 2025-01-31"
    assert invoice["workspace"] == {"id": str(world.customer_id)}


async def test_a_period_is_invoiced_once_until_its_invoice_is_cancelled(api: Api) -> None:
    world = await roles(api)
    await _january_spend(api, world)
    first = await _generate(api, world)

    overlapping = await _generate(api, world, periodFrom="2025-01-31", periodTo="2025-02-05")
    await act(api, CANCEL, world.org, first["invoice"]["id"])
    again = await _generate(api, world, paymentTermDays=45, name="January again")

    assert only_error(overlapping) == (["input", "periodFrom"], "CONFLICT")
    assert first["invoice"]["id"] in overlapping["userErrors"][0]["message"]
    assert again["userErrors"] == []
    assert (again["invoice"]["paymentTermDays"], again["invoice"]["name"]) == (45, "January again")
    assert again["invoice"]["amount"] == first["invoice"]["amount"]


async def test_the_payment_term_comes_from_the_invoice_template(api: Api) -> None:
    world = await roles(api)
    await _january_spend(api, world)
    await api.sql(
        "INSERT INTO invoice_settings (workspace_id, payment_term_days) VALUES ($1, 15)",
        world.org_id,
    )

    payload = await _generate(api, world)

    assert payload["invoice"]["paymentTermDays"] == 15


async def test_a_period_without_spend_or_backwards_is_refused(api: Api) -> None:
    world = await roles(api)
    await _january_spend(api, world)

    empty = await _generate(api, world, periodFrom="2024-01-01", periodTo="2024-01-31")
    backwards = await _generate(api, world, periodFrom="2025-01-31", periodTo="2025-01-01")
    too_long = await _generate(api, world, periodFrom="2024-01-01", periodTo="2025-01-31")

    assert only_error(empty) == (["input", "periodFrom"], "INVALID_STATE")
    assert only_error(backwards) == (["input", "periodTo"], "INVALID")
    assert only_error(too_long) == (["input", "periodTo"], "OUT_OF_RANGE")
    assert await api.sql("SELECT 1 FROM invoices") == []


async def test_only_the_customers_organization_or_super_generates(api: Api) -> None:
    world = await roles(api)
    await _january_spend(api, world)
    value = {"owId": str(world.customer_id), **JANUARY}

    by_customer = await refused(api, GENERATE, {"input": value}, world.customer)
    by_other = await refused(api, GENERATE, {"input": value}, world.other_org)
    for_org = await mutate(api, GENERATE, {**value, "owId": str(world.org_id)}, world.super)
    by_super = await mutate(api, GENERATE, value, world.super)

    assert by_customer[0]["message"] == NOT_ALLOWED_API
    assert by_other[0]["message"] == NOT_ALLOWED_CUSTOMER
    assert only_error(for_org) == (["input", "owId"], "INVALID")
    assert by_super["userErrors"] == []
