"""Campaigns: who creates and changes them, the list with search, and campaign margins."""

from __future__ import annotations

from tests.campaigns.helpers import CREATE, MARGIN, UPDATE, campaign, set_margin
from tests.margins.helpers import (
    NOT_ALLOWED_API,
    NOT_ALLOWED_CUSTOMER,
    mutate,
    only_error,
    refused,
    roles,
)
from tests.support import Api

LIST = """query($filter: CampaignFilter, $first: Int, $after: String) {
  campaigns(filter: $filter, first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor }
    edges { node { id name status } }
  }
}"""
MARGINS = """query($filter: CampaignFilter) {
  campaigns(filter: $filter) {
    edges { node { id name status creativeTypeId margin isDefaultMargin effectiveMargin } }
  }
}"""


async def test_a_customer_and_its_organization_create_its_campaigns(api: Api) -> None:
    world = await roles(api)

    own = await campaign(api, world.customer, world.customer_id, "Own")
    for_it = await campaign(
        api,
        world.org,
        world.customer_id,
        "Managed",
        creativeType="VIDEO",
        type="PG",
        status="RUNNING",
    )

    assert own["status"] == "PENDING"
    assert own["type"] == "ADVANCED"
    assert (own["creativeType"], own["creativeTypeId"]) == ("IMAGE", 11)
    assert own["workspace"] == {"id": str(world.customer_id)}
    assert (for_it["creativeTypeId"], for_it["type"], for_it["status"]) == (13, "PG", "RUNNING")


async def test_campaigns_belong_to_customers_within_reach(api: Api) -> None:
    world = await roles(api)
    value = {"owId": str(world.customer_id), "name": "X", "creativeType": "IMAGE"}

    on_org = await mutate(api, CREATE, {**value, "owId": str(world.org_id)}, world.org)
    blank = await mutate(api, CREATE, {**value, "name": "  "}, world.org)
    foreign = await refused(api, CREATE, {"input": value}, world.other_org)
    other_customer = await refused(api, CREATE, {"input": value}, world.other_customer)

    assert only_error(on_org) == (["input", "owId"], "INVALID")
    assert only_error(blank) == (["input", "name"], "REQUIRED")
    assert foreign[0]["message"] == other_customer[0]["message"] == NOT_ALLOWED_CUSTOMER
    assert await api.sql("SELECT 1 FROM campaigns") == []


async def test_a_campaign_changes_only_in_the_fields_given(api: Api) -> None:
    world = await roles(api)
    made = await campaign(api, world.customer, world.customer_id)

    payload = await mutate(
        api, UPDATE, {"campaignId": made["id"], "status": "RUNNING"}, world.customer
    )
    foreign = await mutate(api, UPDATE, {"campaignId": made["id"], "name": "Mine"}, world.other_org)

    assert payload["campaign"] == {**made, "status": "RUNNING"}
    assert only_error(foreign) == (["input", "campaignId"], "NOT_FOUND")


async def test_the_list_shows_what_each_reaches_with_search_and_pages(api: Api) -> None:
    world = await roles(api)
    made = [await campaign(api, world.org, world.customer_id, f"Spring {i}") for i in range(3)]
    await campaign(api, world.org, world.customer_id, "Autumn", status="RUNNING")
    await campaign(api, world.other_org, world.other_customer_id, "Spring elsewhere")

    spring = await api.data(LIST, {"filter": {"search": "spring"}, "first": 2}, login=world.org)
    cursor = spring["campaigns"]["pageInfo"]["endCursor"]
    rest = await api.data(
        LIST, {"filter": {"search": "spring"}, "first": 2, "after": cursor}, login=world.org
    )
    by_id = await api.data(LIST, {"filter": {"search": made[1]["id"]}}, login=world.org)
    running = await api.data(LIST, {"filter": {"status": ["RUNNING"]}}, login=world.customer)
    everything = await api.data(LIST)

    names = [e["node"]["name"] for e in spring["campaigns"]["edges"] + rest["campaigns"]["edges"]]
    assert names == ["Spring 2", "Spring 1", "Spring 0"]
    assert spring["campaigns"]["totalCount"] == 3
    assert [e["node"]["id"] for e in by_id["campaigns"]["edges"]] == [made[1]["id"]]
    assert [e["node"]["name"] for e in running["campaigns"]["edges"]] == ["Autumn"]
    assert everything["campaigns"]["totalCount"] == 5


async def test_a_campaign_margin_overrides_the_customers_until_cleared(api: Api) -> None:
    world = await roles(api)
    await set_margin(api, world.org, world.customer_id, "20")
    made = await campaign(api, world.org, world.customer_id)

    own = await mutate(api, MARGIN, {"campaignId": made["id"], "marginValue": "0"}, world.org)
    cleared = await mutate(api, MARGIN, {"campaignId": made["id"], "marginValue": None}, world.org)

    assert own["campaign"] == {
        "id": made["id"],
        "margin": "0",
        "isDefaultMargin": False,
        "effectiveMargin": "0",
    }
    assert cleared["campaign"] == {
        "id": made["id"],
        "margin": None,
        "isDefaultMargin": True,
        "effectiveMargin": "20",
    }
    history = await api.sql(
        "SELECT setting, campaign_id, old_value, new_value FROM finance_settings_history"
        " WHERE setting = 'campaignMargin' ORDER BY id"
    )
    assert [tuple(r) for r in history] == [
        ("campaignMargin", int(made["id"]), None, "0"),
        ("campaignMargin", int(made["id"]), "0", None),
    ]


async def test_campaign_margins_are_the_organizations_business(api: Api) -> None:
    world = await roles(api)
    made = await campaign(api, world.customer, world.customer_id)

    by_customer = await refused(
        api, MARGIN, {"input": {"campaignId": made["id"], "marginValue": "5"}}, world.customer
    )
    too_high = await mutate(
        api, MARGIN, {"campaignId": made["id"], "marginValue": "99.5"}, world.org
    )
    seen_by_customer = await api.gql(MARGINS, {}, login=world.customer)
    seen_by_org = await api.data(
        MARGINS, {"filter": {"owId": str(world.customer_id)}}, login=world.org
    )

    assert by_customer[0]["message"] == NOT_ALLOWED_API
    assert only_error(too_high) == (["input", "marginValue"], "OUT_OF_RANGE")
    assert {e["extensions"]["code"] for e in seen_by_customer["errors"]} == {"FORBIDDEN"}
    assert seen_by_customer["data"]["campaigns"]["edges"][0]["node"]["name"] == "Spring"
    assert seen_by_org["campaigns"]["edges"][0]["node"] == {
        "id": made["id"],
        "name": "Spring",
        "status": "PENDING",
        "creativeTypeId": 11,
        "margin": None,
        "isDefaultMargin": True,
        "effectiveMargin": "0",
    }
