"""Fee queries: a workspace's finance settings, and the PayPal fee that applies to it."""

from __future__ import annotations

import strawberry

from finance_graphql.context import Context
from finance_graphql.core.access import Permission
from finance_graphql.core.arguments import optional_id
from finance_graphql.fees import service
from finance_graphql.fees.types import BasicFinancialDetails, FinanceSettings
from finance_graphql.margins.types import trimmed
from finance_graphql.workspaces.loaders import authorized_workspace


@strawberry.type
class FeeQueries:
    @strawberry.field(
        description="PG fees, AQS, DoubleVerify (super only), ad serving and third-party cost "
        "of a workspace (default: the active one). Organization and super users."
    )
    async def finance_settings(
        self, info: strawberry.Info[Context], ow_id: strawberry.ID | None = None
    ) -> FinanceSettings:
        workspace = await authorized_workspace(
            info.context, Permission.VIEW_FINANCE_SETTINGS, optional_id(ow_id, "owId")
        )
        return FinanceSettings(row=workspace)

    @strawberry.field(description="The PayPal fee percentage that applies to a workspace.")
    async def basic_financial_details(
        self, info: strawberry.Info[Context], ow_id: strawberry.ID | None = None
    ) -> BasicFinancialDetails:
        workspace = await authorized_workspace(
            info.context, Permission.VIEW_FINANCE, optional_id(ow_id, "owId")
        )
        async with info.context.db.connection() as conn:
            value = await service.paypal_fees_percentage(conn, workspace.id)
        shown = trimmed(value)
        assert shown is not None
        return BasicFinancialDetails(paypal_fees_percentage=shown)
