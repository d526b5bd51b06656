"""PG fees and AQS: set by the organization (or super) for a customer; every range enforced."""

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

PG = f"""mutation($input: UpdatePgFeesInput!) {{
  updatePgFees(input: $input) {{
    financeSettings {{ pgFees {{ pgCampaignFees pgWorkspaceShare }} }} {USER_ERRORS}
  }}
}}"""
AQS = f"""mutation($input: UpdateAqsInput!) {{
  updateAqsDetails(input: $input) {{
    financeSettings {{ aqs {{ owId aqsRate aqsEnabled aqsMarkupType aqsMarkupValue }} }}
    {USER_ERRORS}
  }}
}}"""
SETTINGS = """query($owId: ID) {
  financeSettings(owId: $owId) {
    owId
    pgFees { pgCampaignFees pgWorkspaceShare }
    aqs { aqsRate aqsEnabled aqsMarkupType aqsMarkupValue }
  }
}"""


async def test_an_organization_sets_a_customers_pg_fees(api: Api) -> None:
    world = await roles(api)
    value = {"owId": str(world.customer_id), "pgCampaignFees": "10", "pgWorkspaceShare": "15"}

    payload = await mutate(api, PG, value, world.org)

    assert payload["financeSettings"]["pgFees"] == {
        "pgCampaignFees": "10",
        "pgWorkspaceShare": "15",
    }
    read = await api.data(SETTINGS, {"owId": str(world.customer_id)})
    assert read["financeSettings"]["pgFees"] == payload["financeSettings"]["pgFees"]


@pytest.mark.parametrize(
    ("field", "value", "code"),
    [
        ("pgCampaignFees", "100.01", "OUT_OF_RANGE"),
        ("pgCampaignFees", "-1", "OUT_OF_RANGE"),
        ("pgWorkspaceShare", "101", "OUT_OF_RANGE"),
        ("pgWorkspaceShare", "1.00001", "INVALID"),
    ],
)
async def test_pg_fees_are_percentages(api: Api, field: str, value: str, code: str) -> None:
    world = await roles(api)
    valid = {"owId": str(world.customer_id), "pgCampaignFees": "10", "pgWorkspaceShare": "15"}

    payload = await mutate(api, PG, {**valid, field: value}, world.org)

    assert only_error(payload) == (["input", field], code)
    assert await api.sql("SELECT 1 FROM workspace_fees") == []


async def test_who_may_set_pg_fees(api: Api) -> None:
    world = await roles(api)
    value = {"owId": str(world.customer_id), "pgCampaignFees": "10", "pgWorkspaceShare": "15"}

    assert (await mutate(api, PG, value, world.super))["userErrors"] == []
    customer = await refused(api, PG, {"input": value}, world.customer)
    foreign = await refused(api, PG, {"input": value}, world.other_org)
    read = await refused(api, SETTINGS, {"owId": str(world.customer_id)}, world.other_org)
    own_read = await refused(api, SETTINGS, {}, world.customer)

    assert customer[0]["message"] == NOT_ALLOWED_API
    assert foreign[0]["message"] == read[0]["message"] == NOT_ALLOWED_CUSTOMER
    assert own_read[0]["message"] == NOT_ALLOWED_API


async def test_aqs_changes_only_the_fields_given(api: Api) -> None:
    world = await roles(api)
    owner = {"owId": str(world.customer_id)}

    await mutate(api, AQS, {**owner, "aqsRate": "3", "aqsEnabled": True}, world.org)
    payload = await mutate(
        api, AQS, {**owner, "aqsMarkupType": "PERCENTAGE", "aqsMarkupValue": "10"}, world.org
    )

    assert payload["financeSettings"]["aqs"] == {
        "owId": str(world.customer_id),
        "aqsRate": "3",
        "aqsEnabled": True,
        "aqsMarkupType": "PERCENTAGE",
        "aqsMarkupValue": "10",
    }
    history = await api.sql("SELECT setting, new_value FROM finance_settings_history ORDER BY id")
    assert [tuple(r) for r in history] == [
        ("aqsRate", "3"),
        ("aqsEnabled", "true"),
        ("aqsMarkupType", "PERCENTAGE"),
        ("aqsMarkupValue", "10"),
    ]


@pytest.mark.parametrize(
    ("field", "value"),
    [("aqsRate", "10000.01"), ("aqsRate", "-0.5"), ("aqsMarkupValue", "10001")],
)
async def test_aqs_values_are_0_to_10000(api: Api, field: str, value: str) -> None:
    world = await roles(api)

    payload = await mutate(api, AQS, {"owId": str(world.customer_id), field: value}, world.org)
    bounds = await mutate(
        api,
        AQS,
        {"owId": str(world.customer_id), "aqsRate": "10000", "aqsMarkupValue": "0"},
        world.org,
    )

    assert only_error(payload) == (["input", field], "OUT_OF_RANGE")
    assert "between 0 and 10000" in payload["userErrors"][0]["message"]
    assert bounds["userErrors"] == []


async def test_an_aqs_update_must_change_something(api: Api) -> None:
    world = await roles(api)

    payload = await mutate(api, AQS, {"owId": str(world.customer_id)}, world.org)

    assert only_error(payload) == (["input", "aqsRate"], "REQUIRED")


async def test_customers_do_not_set_aqs(api: Api) -> None:
    world = await roles(api)

    errors = await refused(
        api, AQS, {"input": {"owId": str(world.customer_id), "aqsRate": "3"}}, world.customer
    )

    assert errors[0]["message"] == NOT_ALLOWED_API
