"""GraphQL types of fees and per-workspace finance settings."""

from __future__ import annotations

from decimal import Decimal

import strawberry

from finance_graphql.context import Context
from finance_graphql.core import access
from finance_graphql.core.access import Permission
from finance_graphql.fees import rules
from finance_graphql.fees.loaders import load_fees
from finance_graphql.fees.repository import AqsMarkupType, FeesRow
from finance_graphql.margins.types import trimmed
from finance_graphql.workspaces.repository import WorkspaceRow


@strawberry.type(description="PG (programmatic guaranteed) fees of a customer, percent.")
class PgFees:
    pg_campaign_fees: Decimal | None = strawberry.field(
        description="Fee on the media cost of PG campaigns, percent."
    )
    pg_workspace_share: Decimal | None = strawberry.field(
        description="The workspace's share of the PG fees, percent."
    )


@strawberry.type(description="Audience Quality Score (AQS) settings of a customer.")
class AqsDetails:
    ow_id: strawberry.ID
    aqs_rate: Decimal | None
    aqs_enabled: bool
    aqs_markup_type: AqsMarkupType | None
    aqs_markup_value: Decimal | None


@strawberry.type(description="DoubleVerify free Fraud & IVT segments flag of a customer.")
class DoubleVerifyDetails:
    customer_ow_id: strawberry.ID
    is_dv_ivt_segments_enabled: bool


@strawberry.type(description="Ad serving cost (CPM) of IQM-hosted creatives, by creative type.")
class AdServingCostDetail:
    image_creative_cost: Decimal | None
    video_creative_cost: Decimal | None
    audio_creative_cost: Decimal | None
    cost_configuration_level: rules.CostConfigurationLevel


@strawberry.type
class AdServingCost:
    ow_id: strawberry.ID
    ad_serving_cost_detail: AdServingCostDetail | None = strawberry.field(
        description="Null when neither the customer nor its organization configured any."
    )


@strawberry.type(description="Third-party cost (CPM): value and whether it is active.")
class ThirdPartyCostDetails:
    cost: Decimal | None
    active: bool


@strawberry.type
class ThirdPartyCost:
    ow_id: strawberry.ID
    third_party_cost_details: ThirdPartyCostDetails | None = strawberry.field(
        description="Null when never configured."
    )


@strawberry.type
class BasicFinancialDetails:
    paypal_fees_percentage: Decimal = strawberry.field(
        description="Percent added to a PayPal payment: the workspace's, else its "
        "organization's, else the platform's."
    )


@strawberry.type(description="A workspace's fees and settings (organization and super users).")
class FinanceSettings:
    row: strawberry.Private[WorkspaceRow]

    async def _fees(self, info: strawberry.Info[Context]) -> FeesRow:
        return await info.context.loader(load_fees).load(self.row.id)

    @strawberry.field(description="The workspace (owId).")
    def ow_id(self) -> strawberry.ID:
        return strawberry.ID(str(self.row.id))

    @strawberry.field
    async def pg_fees(self, info: strawberry.Info[Context]) -> PgFees:
        fees = await self._fees(info)
        return PgFees(
            pg_campaign_fees=trimmed(fees.pg_campaign_fees),
            pg_workspace_share=trimmed(fees.pg_workspace_share),
        )

    @strawberry.field
    async def aqs(self, info: strawberry.Info[Context]) -> AqsDetails:
        fees = await self._fees(info)
        return AqsDetails(
            ow_id=self.ow_id(),
            aqs_rate=trimmed(fees.aqs_rate),
            aqs_enabled=fees.aqs_enabled,
            aqs_markup_type=fees.aqs_markup_type,
            aqs_markup_value=trimmed(fees.aqs_markup_value),
        )

    @strawberry.field(description="Super organization users only.")
    async def double_verify(self, info: strawberry.Info[Context]) -> DoubleVerifyDetails | None:
        access.authorize(info.context.viewer, Permission.SUPER_ONLY_SETTINGS, self.row.ref)
        fees = await self._fees(info)
        return DoubleVerifyDetails(
            customer_ow_id=self.ow_id(), is_dv_ivt_segments_enabled=fees.dv_ivt_segments_enabled
        )

    @strawberry.field(description="The customer's own costs, else its organization's.")
    async def ad_serving_cost(self, info: strawberry.Info[Context]) -> AdServingCost:
        ids = [self.row.id] + ([self.row.parent_id] if self.row.parent_id else [])
        chain = await info.context.loader(load_fees).load_many(ids)
        found = rules.ad_serving_source(self.row.id, list(chain))
        detail = None
        if found is not None:
            source, level = found
            detail = AdServingCostDetail(
                image_creative_cost=trimmed(source.image_creative_cost),
                video_creative_cost=trimmed(source.video_creative_cost),
                audio_creative_cost=trimmed(source.audio_creative_cost),
                cost_configuration_level=level,
            )
        return AdServingCost(ow_id=self.ow_id(), ad_serving_cost_detail=detail)

    @strawberry.field
    async def third_party_cost(self, info: strawberry.Info[Context]) -> ThirdPartyCost:
        fees = await self._fees(info)
        details = None
        if fees.third_party_cost_active is not None:
            details = ThirdPartyCostDetails(
                cost=trimmed(fees.third_party_cost), active=fees.third_party_cost_active
            )
        return ThirdPartyCost(ow_id=self.ow_id(), third_party_cost_details=details)
