"""Validated forms of the campaign, spend and invoice-generation mutations' inputs."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Annotated

from pydantic import AfterValidator, BeforeValidator, Field
from pydantic_core import PydanticCustomError

from finance_graphql.campaigns.catalog import CampaignStatus, CampaignType, CreativeType
from finance_graphql.core.fields import RecordId, between, text_of
from finance_graphql.core.validation import Command
from finance_graphql.workspaces.schemas import WorkspaceId

MAX_SPEND_ROWS = 5000
EARLIEST_SPEND = dt.date(2000, 1, 1)

CampaignName = Annotated[str, BeforeValidator(text_of(200))]
# A campaign's own margin may be 0 (no margin on that campaign); a customer's starts at 1.
CampaignMargin = Annotated[Decimal, AfterValidator(between(0, 99, places=2))]
# Spend comes from CPM arithmetic: sub-cent precision (4 decimals) is kept as sent.
Cost = Annotated[Decimal, AfterValidator(between(0, 10**12, places=4))]


def _spend_date(value: dt.date) -> dt.date:
    # Tomorrow is allowed: a bidder ahead of UTC reports "today" in its own time zone.
    latest = dt.datetime.now(dt.UTC).date() + dt.timedelta(days=1)
    if not EARLIEST_SPEND <= value <= latest:
        raise PydanticCustomError(
            "out_of_range", f"must be between {EARLIEST_SPEND} and {latest} (spend of past days)"
        )
    return value


MAX_IMPRESSIONS = 2**31 - 1  # GraphQL's Int


def _impressions(value: int) -> int:
    if not 0 <= value <= MAX_IMPRESSIONS:
        raise PydanticCustomError("out_of_range", f"must be between 0 and {MAX_IMPRESSIONS}")
    return value


def _rows(value: list[SpendRowInput]) -> list[SpendRowInput]:
    if not 1 <= len(value) <= MAX_SPEND_ROWS:
        raise PydanticCustomError(
            "out_of_range", f"must hold 1 to {MAX_SPEND_ROWS} rows (got {len(value)})"
        )
    return value


class CreateCampaign(Command):
    ow_id: WorkspaceId
    name: CampaignName
    creative_type: CreativeType
    status: CampaignStatus = CampaignStatus.PENDING
    type: CampaignType = CampaignType.ADVANCED


class UpdateCampaign(Command):
    """Only the fields given change."""

    campaign_id: RecordId
    name: CampaignName | None = None
    status: CampaignStatus | None = None
    creative_type: CreativeType | None = None


class UpdateCampaignMargin(Command):
    campaign_id: RecordId
    margin_value: CampaignMargin | None = None  # None: the customer's gross margin applies


class SpendRowInput(Command):
    campaign_id: RecordId
    date: Annotated[dt.date, AfterValidator(_spend_date)]
    media_cost: Cost
    data_cost: Cost
    impressions: Annotated[int, AfterValidator(_impressions)] = 0


class RecordSpend(Command):
    ow_id: WorkspaceId | None = None  # when given, every campaign must be this customer's
    rows: Annotated[list[SpendRowInput], AfterValidator(_rows)]


class GenerateInvoice(Command):
    ow_id: WorkspaceId
    period_from: dt.date
    period_to: dt.date
    payment_term_days: Annotated[int, Field(ge=0, le=3650)] | None = None
    name: Annotated[str, BeforeValidator(text_of(200))] | None = None
