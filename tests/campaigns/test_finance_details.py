"""Workspace.financeDetails(year): hand-worked figures of a customer's year."""

from __future__ import annotations

import datetime as dt

from tests.campaigns.helpers import MARGIN, campaign, record, row, set_margin
from tests.credits.helpers import claimed
from tests.margins.helpers import mutate, refused, roles
from tests.support import Api

DETAILS = """query($owId: ID, $year: Int) {
  workspace(owId: $owId) {
    financeDetails(year: $year) {
      pendingCampaigns runningCampaigns totalCampaigns
      dataCost actualSpent credits balance spent earning
    }
  }
}"""


async def test_a_customers_year_hand_worked(api: Api) -> None:
    # given margin 20 on the customer and 25 on campaign B
    world = await roles(api)
    await set_margin(api, world.org, world.customer_id, "20")
    a = await campaign(api, world.org, world.customer_id, "A", status="RUNNING")
    b = await campaign(api, world.org, world.customer_id, "B", status="RUNNING")
    await mutate(api, MARGIN, {"campaignId": b["id"], "marginValue": "25"}, world.org)
    for name, status in (("P1", "PENDING"), ("P2", "PENDING"), ("Gone", "DELETED")):
        await campaign(api, world.org, world.customer_id, name, status=status)
    await record(
        api,
        world.org,
        [
            row(a["id"], "2025-03-01", "100", "20"),
            row(a["id"], "2025-03-02", "50.125"),
            row(b["id"], "2025-03-01", "30"),
            row(a["id"], "2024-12-31", "999", "99"),  # another year
        ],
    )
    # a later margin change does not rewrite recorded spend
    await set_margin(api, world.org, world.customer_id, "50")

    data = await api.data(DETAILS, {"owId": str(world.customer_id), "year": 2025}, login=world.org)

    # actualSpent = 100 + 50.125 + 30 = 180.125 -> 180.13 (half up)
    # earning = (100 + 20 + 50.125) x 20/80 + 30 x 25/75 = 42.53125 + 10 = 52.53125 -> 52.53
    assert data["workspace"]["financeDetails"] == {
        "pendingCampaigns": 2,
        "runningCampaigns": 2,
        "totalCampaigns": 4,
        "dataCost": "20.00",
        "actualSpent": "180.13",
        "credits": "0.00",
        "balance": "0.00",
        "spent": "200.13",
        "earning": "52.53",
    }


async def test_the_default_year_is_the_current_one_with_its_credits_and_balance(
    api: Api,
) -> None:
    world = await roles(api)
    made = await campaign(api, world.org, world.customer_id)
    yesterday = dt.datetime.now(dt.UTC).date() - dt.timedelta(days=1)
    await record(api, world.org, [row(made["id"], str(yesterday), "10", "1")])
    await claimed(api, world.org, world.customer, "250")

    current = await api.data(DETAILS, {}, login=world.customer)
    other_year = await api.data(DETAILS, {"year": yesterday.year - 1}, login=world.customer)

    details = current["workspace"]["financeDetails"]
    assert (details["actualSpent"], details["dataCost"], details["spent"]) == (
        "10.00",
        "1.00",
        "11.00",
    )
    assert (details["credits"], details["balance"]) == ("250.00", "250.00")
    assert other_year["workspace"]["financeDetails"]["actualSpent"] == "0.00"
    assert other_year["workspace"]["financeDetails"]["credits"] == "0.00"
    assert other_year["workspace"]["financeDetails"]["balance"] == "250.00"


async def test_years_outside_2000_to_2100_are_refused(api: Api) -> None:
    world = await roles(api)

    body = await api.gql(DETAILS, {"year": 1999}, login=world.customer)

    assert body["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"
    assert body["errors"][0]["message"] == "year: must be between 2000 and 2100"


async def test_another_organizations_customer_is_out_of_reach(api: Api) -> None:
    world = await roles(api)

    await refused(api, DETAILS, {"owId": str(world.customer_id)}, world.other_org)
