"""Customer gross margin, the organization's default, bid shading, margin details."""

from __future__ import annotations

import pytest

from tests.margins.helpers import (
    NOT_ALLOWED_API,
    NOT_ALLOWED_CUSTOMER,
    USER_ERRORS,
    mutate,
    only_error,
    refused,
    roles,
)
from tests.support import Api

UPDATE = f"""mutation($input: UpdateCustomerMarginInput!) {{
  updateCustomerMargin(input: $input) {{ workspace {{ id grossMargin }} {USER_ERRORS} }}
}}"""
UPDATE_DEFAULT = f"""mutation($input: UpdateOrganizationMarginInput!) {{
  updateOrganizationMargin(input: $input) {{ workspace {{ id }} {USER_ERRORS} }}
}}"""
BID_SHADING = f"""mutation($input: SetBidShadingInput!) {{
  setBidShading(input: $input) {{ marginDetails {{ isBidShadingEnabled }} {USER_ERRORS} }}
}}"""
DETAILS = """query($owId: ID!, $types: [Int!]) {
  marginDetails(owId: $owId, marginTypeIds: $types) {
    owId isBidShadingEnabled workspaceMargin organizationMargin
    margins { marginTypeId marginType marginValue }
  }
}"""
GROSS = "query($owId: ID) { workspace(owId: $owId) { grossMargin } }"
DEFAULTS = "{ organizationMarginSettings { marginTypeId marginType marginValue } }"


async def test_an_organization_sets_its_customers_gross_margin(api: Api) -> None:
    world = await roles(api)

    payload = await mutate(
        api, UPDATE, {"owId": str(world.customer_id), "marginValue": "15"}, world.org
    )

    assert payload == {
        "workspace": {"id": str(world.customer_id), "grossMargin": "15"},
        "userErrors": [],
    }
    details = await api.data(DETAILS, {"owId": str(world.customer_id)}, login=world.org)
    assert details["marginDetails"]["margins"] == [
        {"marginTypeId": 1, "marginType": "Gross Margin", "marginValue": "15"}
    ]


async def test_a_workspace_without_margin_reads_null(api: Api) -> None:
    world = await roles(api)

    data = await api.data(GROSS, {"owId": str(world.customer_id)}, login=world.org)

    assert data["workspace"]["grossMargin"] is None


@pytest.mark.parametrize(
    ("value", "code"),
    [
        ("0", "OUT_OF_RANGE"),
        ("0.99", "OUT_OF_RANGE"),
        ("99.01", "OUT_OF_RANGE"),
        ("100", "OUT_OF_RANGE"),
        ("-5", "OUT_OF_RANGE"),
        ("12.345", "INVALID"),
        ("fifteen", "INVALID"),
    ],
)
async def test_a_margin_outside_1_to_99_is_refused_and_nothing_is_written(
    api: Api, value: str, code: str
) -> None:
    world = await roles(api)

    payload = await mutate(
        api, UPDATE, {"owId": str(world.customer_id), "marginValue": value}, world.org
    )

    assert only_error(payload) == (["input", "marginValue"], code)
    assert payload["workspace"] is None
    assert await api.sql("SELECT 1 FROM workspace_margins") == []
    assert await api.sql("SELECT 1 FROM finance_settings_history") == []


async def test_the_bounds_themselves_are_accepted(api: Api) -> None:
    world = await roles(api)

    for value in ("1", "99", "12.5"):
        payload = await mutate(
            api, UPDATE, {"owId": str(world.customer_id), "marginValue": value}, world.org
        )
        assert payload["workspace"]["grossMargin"] == value


async def test_only_margin_type_1_exists(api: Api) -> None:
    world = await roles(api)

    payload = await mutate(
        api,
        UPDATE,
        {"owId": str(world.customer_id), "marginValue": "15", "marginTypeId": 2},
        world.org,
    )

    assert only_error(payload) == (["input", "marginTypeId"], "INVALID")
    assert "Invalid marginTypeId : 2" in payload["userErrors"][0]["message"]


async def test_who_may_set_a_customers_margin(api: Api) -> None:
    world = await roles(api)
    value = {"owId": str(world.customer_id), "marginValue": "15"}

    # given the customer's organization and super: allowed
    assert (await mutate(api, UPDATE, value, world.org))["userErrors"] == []
    assert (await mutate(api, UPDATE, {**value, "marginValue": "16"}, world.super))[
        "userErrors"
    ] == []
    # another organization: refused like a missing workspace
    errors = await refused(api, UPDATE, {"input": value}, world.other_org)
    assert errors[0]["message"] == NOT_ALLOWED_CUSTOMER
    missing = await refused(api, UPDATE, {"input": {**value, "owId": "999999"}}, world.other_org)
    assert missing[0]["message"] == errors[0]["message"]
    # the customer itself, and an organization on itself: refused
    errors = await refused(api, UPDATE, {"input": value}, world.customer)
    assert errors[0]["message"] == NOT_ALLOWED_API
    await refused(api, UPDATE, {"input": {**value, "owId": str(world.org_id)}}, world.org)
    rows = await api.sql("SELECT gross_margin FROM workspace_margins")
    assert [str(r["gross_margin"]) for r in rows] == ["16.00"]


async def test_customers_never_see_margins(api: Api) -> None:
    world = await roles(api)
    await mutate(api, UPDATE, {"owId": str(world.customer_id), "marginValue": "15"}, world.org)

    body = await api.gql(GROSS, {}, login=world.customer)

    assert body["data"]["workspace"]["grossMargin"] is None
    assert body["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    await refused(api, DETAILS, {"owId": str(world.customer_id)}, world.customer)


async def test_split_values_sent_with_the_margin_are_kept(api: Api) -> None:
    world = await roles(api)
    value = {
        "owId": str(world.customer_id),
        "marginValue": "20",
        "workspaceMargin": "5",
        "organizationMargin": "15",
    }

    await mutate(api, UPDATE, value, world.org)
    refusal = await mutate(api, UPDATE, {**value, "workspaceMargin": "100"}, world.org)

    assert only_error(refusal) == (["input", "workspaceMargin"], "OUT_OF_RANGE")
    details = await api.data(DETAILS, {"owId": str(world.customer_id)}, login=world.org)
    assert details["marginDetails"]["workspaceMargin"] == "5"
    assert details["marginDetails"]["organizationMargin"] == "15"


async def test_bid_shading_is_a_flag_of_the_margin_details(api: Api) -> None:
    world = await roles(api)

    payload = await mutate(
        api, BID_SHADING, {"owId": str(world.customer_id), "enabled": True}, world.org
    )

    assert payload["marginDetails"] == {"isBidShadingEnabled": True}
    details = await api.data(
        DETAILS, {"owId": str(world.customer_id), "types": [2]}, login=world.org
    )
    assert details["marginDetails"]["isBidShadingEnabled"] is True
    assert details["marginDetails"]["margins"] == []
    errors = await refused(
        api,
        BID_SHADING,
        {"input": {"owId": str(world.customer_id), "enabled": False}},
        world.customer,
    )
    assert errors[0]["message"] == NOT_ALLOWED_API


async def test_the_organization_default_applies_to_customers_created_afterwards(
    api: Api,
) -> None:
    world = await roles(api)

    payload = await mutate(api, UPDATE_DEFAULT, {"marginValue": "20"}, world.org)
    later_id, _ = await api.customer((world.org_id, world.org), "Later")

    assert payload["userErrors"] == []
    earlier = await api.data(GROSS, {"owId": str(world.customer_id)}, login=world.org)
    later = await api.data(GROSS, {"owId": str(later_id)}, login=world.org)
    assert earlier["workspace"]["grossMargin"] is None
    assert later["workspace"]["grossMargin"] == "20"
    settings = await api.data(DEFAULTS, login=world.org)
    assert settings["organizationMarginSettings"] == [
        {"marginTypeId": 1, "marginType": "Gross Margin", "marginValue": "20"}
    ]
    history = await api.sql(
        "SELECT setting, old_value, new_value, changed_by FROM finance_settings_history"
        " WHERE workspace_id = $1",
        later_id,
    )
    assert [tuple(r) for r in history] == [("grossMargin", None, "20", None)]


async def test_the_platform_default_covers_organizations_without_one(api: Api) -> None:
    world = await roles(api)
    await mutate(api, UPDATE_DEFAULT, {"marginValue": "25"}, world.super)
    await mutate(api, UPDATE_DEFAULT, {"marginValue": "20"}, world.org)

    own_default, _ = await api.customer((world.org_id, world.org), "Gets 20")
    platform_default, _ = await api.customer((world.other_org_id, world.other_org), "Gets 25")

    for ow_id, expected in ((own_default, "20"), (platform_default, "25")):
        data = await api.data(GROSS, {"owId": str(ow_id)})
        assert data["workspace"]["grossMargin"] == expected


async def test_only_organizations_set_their_default(api: Api) -> None:
    world = await roles(api)

    errors = await refused(api, UPDATE_DEFAULT, {"input": {"marginValue": "20"}}, world.customer)
    out_of_range = await mutate(api, UPDATE_DEFAULT, {"marginValue": "100"}, world.org)

    assert errors[0]["message"] == NOT_ALLOWED_API
    assert only_error(out_of_range) == (["input", "marginValue"], "OUT_OF_RANGE")
    await refused(api, DEFAULTS, {}, world.customer)
