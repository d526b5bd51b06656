"""DoubleVerify and ad serving cost (super only), third-party cost (organization users only),
and the PayPal fee percentage of the basic financial details."""

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

DV = f"""mutation($input: SetDoubleVerifyInput!) {{
  setDoubleVerify(input: $input) {{
    financeSettings {{ doubleVerify {{ customerOwId isDvIvtSegmentsEnabled }} }} {USER_ERRORS}
  }}
}}"""
AD_SERVING = f"""mutation($input: SetAdServingCostInput!) {{
  setAdServingCost(input: $input) {{ financeSettings {{ owId }} {USER_ERRORS} }}
}}"""
THIRD_PARTY = f"""mutation($input: SetThirdPartyCostInput!) {{
  setThirdPartyCost(input: $input) {{
    financeSettings {{ owId thirdPartyCost {{ thirdPartyCostDetails {{ cost active }} }} }}
    {USER_ERRORS}
  }}
}}"""
DISABLE = f"""mutation($input: DisableThirdPartyCostInput!) {{
  disableThirdPartyCost(input: $input) {{
    financeSettings {{ thirdPartyCost {{ thirdPartyCostDetails {{ cost active }} }} }}
    {USER_ERRORS}
  }}
}}"""
PAYPAL = f"""mutation($input: UpdateBasicFinancialDetailsInput!) {{
  updateBasicFinancialDetails(input: $input) {{ financeSettings {{ owId }} {USER_ERRORS} }}
}}"""
BASIC = "query($owId: ID) { basicFinancialDetails(owId: $owId) { paypalFeesPercentage } }"
COSTS = """query($owId: ID!) {
  financeSettings(owId: $owId) {
    adServingCost { owId adServingCostDetail {
      imageCreativeCost videoCreativeCost audioCreativeCost costConfigurationLevel } }
    thirdPartyCost { owId thirdPartyCostDetails { cost active } }
  }
}"""
READ_DV = """query($owId: ID!) {
  financeSettings(owId: $owId) { doubleVerify { isDvIvtSegmentsEnabled } }
}"""


async def test_super_alone_sets_and_reads_the_doubleverify_flag(api: Api) -> None:
    world = await roles(api)
    value = {"owId": str(world.customer_id), "isDvIvtSegmentsEnabled": True}

    payload = await mutate(api, DV, value, world.super)
    org = await refused(api, DV, {"input": value}, world.org)
    customer = await refused(api, DV, {"input": value}, world.customer)
    org_read = await api.gql(READ_DV, {"owId": str(world.customer_id)}, login=world.org)

    assert payload["financeSettings"]["doubleVerify"] == {
        "customerOwId": str(world.customer_id),
        "isDvIvtSegmentsEnabled": True,
    }
    assert org[0]["message"] == customer[0]["message"] == NOT_ALLOWED_API
    assert org_read["data"]["financeSettings"]["doubleVerify"] is None
    assert org_read["errors"][0]["extensions"]["code"] == "FORBIDDEN"


async def test_ad_serving_cost_is_set_by_super_and_inherited_from_the_organization(
    api: Api,
) -> None:
    world = await roles(api)
    on_org = {"owId": str(world.org_id), "imageCreativeCost": "5", "videoCreativeCost": "5"}

    await mutate(api, AD_SERVING, on_org, world.super)
    inherited = await api.data(COSTS, {"owId": str(world.customer_id)}, login=world.org)
    await mutate(
        api, AD_SERVING, {"owId": str(world.customer_id), "audioCreativeCost": "7.5"}, world.super
    )
    own = await api.data(COSTS, {"owId": str(world.customer_id)}, login=world.org)

    assert inherited["financeSettings"]["adServingCost"]["adServingCostDetail"] == {
        "imageCreativeCost": "5",
        "videoCreativeCost": "5",
        "audioCreativeCost": None,
        "costConfigurationLevel": "WORKSPACE",
    }
    assert own["financeSettings"]["adServingCost"]["adServingCostDetail"] == {
        "imageCreativeCost": None,
        "videoCreativeCost": None,
        "audioCreativeCost": "7.5",
        "costConfigurationLevel": "CUSTOMER",
    }


async def test_only_super_sets_ad_serving_cost_within_its_bounds(api: Api) -> None:
    world = await roles(api)
    value = {"owId": str(world.customer_id), "imageCreativeCost": "5"}

    org = await refused(api, AD_SERVING, {"input": value}, world.org)
    too_much = await mutate(api, AD_SERVING, {**value, "imageCreativeCost": "10000.5"}, world.super)
    negative = await mutate(api, AD_SERVING, {**value, "videoCreativeCost": "-1"}, world.super)
    nothing = await mutate(api, AD_SERVING, {"owId": str(world.customer_id)}, world.super)

    assert org[0]["message"] == NOT_ALLOWED_API
    assert only_error(too_much) == (["input", "imageCreativeCost"], "OUT_OF_RANGE")
    assert only_error(negative) == (["input", "videoCreativeCost"], "OUT_OF_RANGE")
    assert only_error(nothing) == (["input", "imageCreativeCost"], "REQUIRED")
    assert await api.sql("SELECT 1 FROM workspace_fees") == []


async def test_an_organization_sets_third_party_cost_for_itself_and_its_customers(
    api: Api,
) -> None:
    world = await roles(api)

    own = await mutate(api, THIRD_PARTY, {"cost": "4.2"}, world.org)
    customer = await mutate(
        api, THIRD_PARTY, {"owId": str(world.customer_id), "cost": "150"}, world.org
    )

    assert own["financeSettings"] == {
        "owId": str(world.org_id),
        "thirdPartyCost": {"thirdPartyCostDetails": {"cost": "4.2", "active": True}},
    }
    assert customer["financeSettings"]["thirdPartyCost"]["thirdPartyCostDetails"] == {
        "cost": "150",
        "active": True,
    }


async def test_third_party_cost_is_not_configured_until_set(api: Api) -> None:
    world = await roles(api)

    data = await api.data(COSTS, {"owId": str(world.customer_id)}, login=world.org)

    assert data["financeSettings"]["thirdPartyCost"] == {
        "owId": str(world.customer_id),
        "thirdPartyCostDetails": None,
    }
    assert data["financeSettings"]["adServingCost"]["adServingCostDetail"] is None


@pytest.mark.parametrize(
    ("cost", "code"),
    [
        ("0", "OUT_OF_RANGE"),
        ("999.0001", "OUT_OF_RANGE"),
        ("-3", "OUT_OF_RANGE"),
        ("1.00001", "INVALID"),
    ],
)
async def test_third_party_cost_is_more_than_0_and_at_most_999(
    api: Api, cost: str, code: str
) -> None:
    world = await roles(api)

    payload = await mutate(api, THIRD_PARTY, {"cost": cost}, world.org)
    bound = await mutate(api, THIRD_PARTY, {"cost": "999"}, world.org)

    assert only_error(payload) == (["input", "cost"], code)
    assert bound["userErrors"] == []


async def test_only_organization_users_set_third_party_cost(api: Api) -> None:
    world = await roles(api)
    value = {"owId": str(world.customer_id), "cost": "5"}

    by_super = await refused(api, THIRD_PARTY, {"input": value}, world.super)
    by_customer = await refused(api, THIRD_PARTY, {"input": value}, world.customer)
    by_other_org = await refused(api, THIRD_PARTY, {"input": value}, world.other_org)

    assert by_super[0]["message"] == by_customer[0]["message"] == NOT_ALLOWED_API
    assert by_other_org[0]["message"] == NOT_ALLOWED_CUSTOMER


async def test_disabling_third_party_cost_marks_it_inactive_and_clears_it(api: Api) -> None:
    world = await roles(api)
    owner = {"owId": str(world.customer_id)}

    never_set = await mutate(api, DISABLE, owner, world.org)
    await mutate(api, THIRD_PARTY, {**owner, "cost": "12"}, world.org)
    disabled = await mutate(api, DISABLE, owner, world.org)

    assert only_error(never_set) == (["input", "owId"], "INVALID_STATE")
    assert disabled["financeSettings"]["thirdPartyCost"]["thirdPartyCostDetails"] == {
        "cost": None,
        "active": False,
    }
    history = await api.sql(
        "SELECT setting, old_value, new_value FROM finance_settings_history ORDER BY id"
    )
    assert [tuple(r) for r in history][-2:] == [
        ("thirdPartyCost", "12", None),
        ("thirdPartyCostActive", "true", "false"),
    ]


async def test_the_paypal_fee_is_inherited_down_from_the_platform(api: Api) -> None:
    world = await roles(api)

    default = await api.data(BASIC, login=world.customer)
    await mutate(api, PAYPAL, {"paypalFeesPercentage": "3.9"}, world.super)
    await mutate(api, PAYPAL, {"paypalFeesPercentage": "2.5"}, world.org)
    own_org = await api.data(BASIC, login=world.customer)
    platform = await api.data(BASIC, login=world.other_customer)

    assert default["basicFinancialDetails"] == {"paypalFeesPercentage": "3.5"}
    assert own_org["basicFinancialDetails"] == {"paypalFeesPercentage": "2.5"}
    assert platform["basicFinancialDetails"] == {"paypalFeesPercentage": "3.9"}


async def test_the_paypal_fee_is_a_percentage_set_by_organizations(api: Api) -> None:
    world = await roles(api)

    too_much = await mutate(api, PAYPAL, {"paypalFeesPercentage": "100.5"}, world.org)
    by_customer = await refused(
        api, PAYPAL, {"input": {"paypalFeesPercentage": "1"}}, world.customer
    )
    foreign_read = await refused(api, BASIC, {"owId": str(world.customer_id)}, world.other_org)

    assert only_error(too_much) == (["input", "paypalFeesPercentage"], "OUT_OF_RANGE")
    assert by_customer[0]["message"] == NOT_ALLOWED_API
    assert foreign_read[0]["message"] == NOT_ALLOWED_CUSTOMER
