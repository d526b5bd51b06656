"""Fee mutations: PG fees, AQS, DoubleVerify, ad serving cost, third-party cost, PayPal fee."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import strawberry
from pydantic import BaseModel

from finance_graphql.context import Context
from finance_graphql.core.errors import UserError
from finance_graphql.core.mutations import run_command
from finance_graphql.fees import schemas, service
from finance_graphql.fees.repository import AqsMarkupType
from finance_graphql.fees.types import FinanceSettings
from finance_graphql.workspaces.repository import WorkspaceRow


@strawberry.input(description="PG fees of a customer, percent (0..100).")
class UpdatePgFeesInput:
    ow_id: strawberry.ID
    pg_campaign_fees: Decimal
    pg_workspace_share: Decimal


@strawberry.input(description="AQS settings of a customer; only the fields given change.")
class UpdateAqsInput:
    ow_id: strawberry.ID
    aqs_rate: Decimal | None = strawberry.field(default=None, description="0..10000")
    aqs_enabled: bool | None = None
    aqs_markup_type: AqsMarkupType | None = None
    aqs_markup_value: Decimal | None = strawberry.field(default=None, description="0..10000")


@strawberry.input(description="Super only: DoubleVerify free Fraud & IVT segments for a customer.")
class SetDoubleVerifyInput:
    ow_id: strawberry.ID
    is_dv_ivt_segments_enabled: bool


@strawberry.input(description="Super only: ad serving cost (CPM); only the costs given change.")
class SetAdServingCostInput:
    ow_id: strawberry.ID
    image_creative_cost: Decimal | None = None
    video_creative_cost: Decimal | None = None
    audio_creative_cost: Decimal | None = None


@strawberry.input(
    description="Organization users: third-party cost (CPM, > 0 and <= 999) of the organization "
    "itself (owId null) or of one of its customers."
)
class SetThirdPartyCostInput:
    cost: Decimal
    ow_id: strawberry.ID | None = None


@strawberry.input(description="Organization users: mark the third-party cost inactive.")
class DisableThirdPartyCostInput:
    ow_id: strawberry.ID | None = None


@strawberry.input(description="The PayPal fee percentage (0..100) of the active organization.")
class UpdateBasicFinancialDetailsInput:
    paypal_fees_percentage: Decimal


@strawberry.type
class FinanceSettingsPayload:
    finance_settings: FinanceSettings | None = None
    user_errors: list[UserError] = strawberry.field(default_factory=list)


def _refused(errors: list[UserError]) -> FinanceSettingsPayload:
    return FinanceSettingsPayload(user_errors=errors)


async def _change(
    info: strawberry.Info[Context], model: type[BaseModel], change: Any, data: object
) -> FinanceSettingsPayload:
    def answer(row: WorkspaceRow) -> FinanceSettingsPayload:
        return FinanceSettingsPayload(finance_settings=FinanceSettings(row=row))

    return await run_command(info.context, model, data, change, answer, _refused)


@strawberry.type
class FeeMutations:
    @strawberry.mutation(description="Organization (or super): a customer's PG fees.")
    async def update_pg_fees(
        self, info: strawberry.Info[Context], input: UpdatePgFeesInput
    ) -> FinanceSettingsPayload:
        return await _change(info, schemas.UpdatePgFees, service.update_pg_fees, input)

    @strawberry.mutation(description="Organization (or super): a customer's AQS settings.")
    async def update_aqs_details(
        self, info: strawberry.Info[Context], input: UpdateAqsInput
    ) -> FinanceSettingsPayload:
        return await _change(info, schemas.UpdateAqs, service.update_aqs, input)

    @strawberry.mutation(description="Super only: a customer's DoubleVerify IVT segments flag.")
    async def set_double_verify(
        self, info: strawberry.Info[Context], input: SetDoubleVerifyInput
    ) -> FinanceSettingsPayload:
        return await _change(info, schemas.SetDoubleVerify, service.set_double_verify, input)

    @strawberry.mutation(description="Super only: a customer's ad serving costs.")
    async def set_ad_serving_cost(
        self, info: strawberry.Info[Context], input: SetAdServingCostInput
    ) -> FinanceSettingsPayload:
        return await _change(info, schemas.SetAdServingCost, service.set_ad_serving_cost, input)

    @strawberry.mutation(description="Organization users: add or update a third-party cost.")
    async def set_third_party_cost(
        self, info: strawberry.Info[Context], input: SetThirdPartyCostInput
    ) -> FinanceSettingsPayload:
        return await _change(info, schemas.SetThirdPartyCost, service.set_third_party_cost, input)

    @strawberry.mutation(description="Organization users: disable a third-party cost.")
    async def disable_third_party_cost(
        self, info: strawberry.Info[Context], input: DisableThirdPartyCostInput
    ) -> FinanceSettingsPayload:
        return await _change(
            info, schemas.DisableThirdPartyCost, service.disable_third_party_cost, input
        )

    @strawberry.mutation(
        description="Organization (or super, for the platform): the PayPal fee percentage, "
        "inherited by workspaces below that set none."
    )
    async def update_basic_financial_details(
        self, info: strawberry.Info[Context], input: UpdateBasicFinancialDetailsInput
    ) -> FinanceSettingsPayload:
        return await _change(
            info,
            schemas.UpdateBasicFinancialDetails,
            service.update_basic_financial_details,
            input,
        )
