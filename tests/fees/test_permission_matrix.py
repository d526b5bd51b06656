"""Every finance-setting, credit and spend mutation against every role: allowed or refused with
the seeds' words. The target is the first organization's customer (or the acting organization
itself where the mutation has no target)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from tests.margins.helpers import NOT_ALLOWED_API, NOT_ALLOWED_CUSTOMER, Roles, roles
from tests.support import Api, Login

ALLOWED = "allowed"
NO_CAMPAIGN = "allowed, but the campaign does not exist"
UNKNOWN_CAMPAIGN_ROW = {"campaignId": "1", "date": "2025-01-01", "mediaCost": "1", "dataCost": "0"}
API = NOT_ALLOWED_API
CUSTOMER = NOT_ALLOWED_CUSTOMER

Input = Callable[[Roles], dict[str, Any]]


def _customer(**fields: Any) -> Input:
    return lambda world: {"owId": str(world.customer_id), **fields}


# mutation, input type, input, then the outcome for: super, organization, other organization,
# customer.
CASES: list[tuple[str, str, Input, tuple[str, str, str, str]]] = [
    (
        "updateCustomerMargin",
        "UpdateCustomerMarginInput",
        _customer(marginValue="10"),
        (ALLOWED, ALLOWED, CUSTOMER, API),
    ),
    (
        "setBidShading",
        "SetBidShadingInput",
        _customer(enabled=True),
        (ALLOWED, ALLOWED, CUSTOMER, API),
    ),
    (
        "updateOrganizationMargin",
        "UpdateOrganizationMarginInput",
        lambda w: {"marginValue": "10"},
        (ALLOWED, ALLOWED, ALLOWED, API),
    ),
    (
        "updatePgFees",
        "UpdatePgFeesInput",
        _customer(pgCampaignFees="1", pgWorkspaceShare="2"),
        (ALLOWED, ALLOWED, CUSTOMER, API),
    ),
    (
        "updateAqsDetails",
        "UpdateAqsInput",
        _customer(aqsRate="3"),
        (ALLOWED, ALLOWED, CUSTOMER, API),
    ),
    (
        "setDoubleVerify",
        "SetDoubleVerifyInput",
        _customer(isDvIvtSegmentsEnabled=True),
        (ALLOWED, API, API, API),
    ),
    (
        "setAdServingCost",
        "SetAdServingCostInput",
        _customer(imageCreativeCost="5"),
        (ALLOWED, API, API, API),
    ),
    (
        "setThirdPartyCost",
        "SetThirdPartyCostInput",
        _customer(cost="5"),
        (API, ALLOWED, CUSTOMER, API),
    ),
    (
        "updateBasicFinancialDetails",
        "UpdateBasicFinancialDetailsInput",
        lambda w: {"paypalFeesPercentage": "3"},
        (ALLOWED, ALLOWED, ALLOWED, API),
    ),
    ("offerCredit", "OfferCreditInput", _customer(amount="10"), (ALLOWED, ALLOWED, CUSTOMER, API)),
    (
        "recordSpend",
        "RecordSpendInput",
        _customer(rows=[UNKNOWN_CAMPAIGN_ROW]),
        (NO_CAMPAIGN, NO_CAMPAIGN, CUSTOMER, API),
    ),
    (
        "createCampaign",
        "CreateCampaignInput",
        _customer(name="C", creativeType="IMAGE"),
        (ALLOWED, ALLOWED, CUSTOMER, ALLOWED),
    ),
]


def _login(world: Roles, index: int) -> Login:
    return (world.super, world.org, world.other_org, world.customer)[index]


@pytest.mark.parametrize(
    ("name", "type_name", "value", "outcomes"), CASES, ids=[case[0] for case in CASES]
)
async def test_each_role_is_allowed_or_refused(
    api: Api, name: str, type_name: str, value: Input, outcomes: tuple[str, ...]
) -> None:
    world = await roles(api)
    mutation = (
        f"mutation($input: {type_name}!) {{ {name}(input: $input) {{ userErrors {{ code }} }} }}"
    )

    for index, expected in enumerate(outcomes):
        body = await api.gql(mutation, {"input": value(world)}, login=_login(world, index))
        if expected == ALLOWED:
            assert "errors" not in body, (index, body)
            assert body["data"][name]["userErrors"] == [], (index, body)
        elif expected == NO_CAMPAIGN:
            assert body["data"][name]["userErrors"] == [{"code": "NOT_FOUND"}], (index, body)
        else:
            assert body["data"] is None, (index, body)
            assert [e["message"] for e in body["errors"]] == [expected], (index, body)
            assert body["errors"][0]["extensions"]["code"] == "FORBIDDEN"
