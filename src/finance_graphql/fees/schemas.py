"""Validated forms of the fee mutations' inputs; every range of the seeds, named per field."""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated

from pydantic import AfterValidator

from finance_graphql.core.fields import between
from finance_graphql.core.validation import Command
from finance_graphql.fees.repository import AqsMarkupType
from finance_graphql.workspaces.schemas import WorkspaceId

# The seeds give AQS its bounds (0..10000) and third-party cost its own (> 0, <= 999). PG fees and
# the PayPal fee are percentages (0..100). Ad serving costs have no bound in the seeds; 0..10000
# keeps a typo (an extra zero or three) from reaching an invoice.
Percentage = Annotated[Decimal, AfterValidator(between(0, 100, places=4))]
AqsAmount = Annotated[Decimal, AfterValidator(between(0, 10000, places=4))]
AdServingCost = Annotated[Decimal, AfterValidator(between(0, 10000, places=4))]
ThirdPartyCost = Annotated[Decimal, AfterValidator(between(0, 999, low_exclusive=True, places=4))]


class UpdatePgFees(Command):
    ow_id: WorkspaceId
    pg_campaign_fees: Percentage
    pg_workspace_share: Percentage


class UpdateAqs(Command):
    """Only the fields given change."""

    ow_id: WorkspaceId
    aqs_rate: AqsAmount | None = None
    aqs_enabled: bool | None = None
    aqs_markup_type: AqsMarkupType | None = None
    aqs_markup_value: AqsAmount | None = None


class SetDoubleVerify(Command):
    ow_id: WorkspaceId
    is_dv_ivt_segments_enabled: bool


class SetAdServingCost(Command):
    """Only the costs given change."""

    ow_id: WorkspaceId
    image_creative_cost: AdServingCost | None = None
    video_creative_cost: AdServingCost | None = None
    audio_creative_cost: AdServingCost | None = None


class SetThirdPartyCost(Command):
    ow_id: WorkspaceId | None = None  # None: the organization itself
    cost: ThirdPartyCost


class DisableThirdPartyCost(Command):
    ow_id: WorkspaceId | None = None


class UpdateBasicFinancialDetails(Command):
    paypal_fees_percentage: Percentage
