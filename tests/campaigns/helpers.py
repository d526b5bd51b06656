"""Queries and small factories shared by the campaign, spend and invoicing tests."""

from __future__ import annotations

from typing import Any

from tests.margins.helpers import USER_ERRORS, mutate
from tests.support import Api, Login

CAMPAIGN_FIELDS = "id name status type creativeType creativeTypeId workspace { id }"
CREATE = f"""mutation($input: CreateCampaignInput!) {{
  createCampaign(input: $input) {{ campaign {{ {CAMPAIGN_FIELDS} }} {USER_ERRORS} }}
}}"""
UPDATE = f"""mutation($input: UpdateCampaignInput!) {{
  updateCampaign(input: $input) {{ campaign {{ {CAMPAIGN_FIELDS} }} {USER_ERRORS} }}
}}"""
MARGIN = f"""mutation($input: UpdateCampaignMarginInput!) {{
  updateCampaignMargin(input: $input) {{
    campaign {{ id margin isDefaultMargin effectiveMargin }} {USER_ERRORS}
  }}
}}"""
RECORD = f"""mutation($input: RecordSpendInput!) {{
  recordSpend(input: $input) {{ inserted updated unchanged {USER_ERRORS} }}
}}"""
CUSTOMER_MARGIN = f"""mutation($input: UpdateCustomerMarginInput!) {{
  updateCustomerMargin(input: $input) {{ workspace {{ id }} {USER_ERRORS} }}
}}"""


async def campaign(
    api: Api, login: Login, ow_id: int, name: str = "Spring", **fields: Any
) -> dict[str, Any]:
    """Create a campaign that must succeed (an IMAGE campaign unless told); returns it."""
    value = {"owId": str(ow_id), "name": name, "creativeType": "IMAGE", **fields}
    payload = await mutate(api, CREATE, value, login)
    assert payload["userErrors"] == [], payload["userErrors"]
    created: dict[str, Any] = payload["campaign"]
    return created


def row(
    campaign_id: str, date: str, media: str, data: str = "0", impressions: int = 0
) -> dict[str, Any]:
    return {
        "campaignId": campaign_id,
        "date": date,
        "mediaCost": media,
        "dataCost": data,
        "impressions": impressions,
    }


async def record(
    api: Api, login: Login, rows: list[dict[str, Any]], ow_id: int | None = None
) -> dict[str, Any]:
    """Record spend; returns the payload."""
    value: dict[str, Any] = {"rows": rows}
    if ow_id is not None:
        value["owId"] = str(ow_id)
    return await mutate(api, RECORD, value, login)


async def set_margin(api: Api, login: Login, ow_id: int, value: str) -> None:
    payload = await mutate(api, CUSTOMER_MARGIN, {"owId": str(ow_id), "marginValue": value}, login)
    assert payload["userErrors"] == [], payload["userErrors"]
