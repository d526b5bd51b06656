"""Fee rules: who sets which fee on which workspace; every change kept in the history."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import asyncpg

from finance_graphql.core.access import Permission
from finance_graphql.core.errors import ErrorCode, refuse
from finance_graphql.core.tenancy import Viewer
from finance_graphql.fees import repository as fees
from finance_graphql.fees import rules, schemas
from finance_graphql.margins import settings
from finance_graphql.margins.settings import Setting
from finance_graphql.workspaces import service as workspaces
from finance_graphql.workspaces.repository import WorkspaceRow


def _given(pairs: dict[Setting, Any]) -> dict[Setting, Any]:
    return {setting: value for setting, value in pairs.items() if value is not None}


async def update_pg_fees(
    conn: asyncpg.Connection, viewer: Viewer, command: schemas.UpdatePgFees
) -> WorkspaceRow:
    workspace = await workspaces.authorized(
        conn, viewer, Permission.MANAGE_CUSTOMER_FINANCE, command.ow_id
    )
    wanted = {
        fees.PG_CAMPAIGN_FEES: command.pg_campaign_fees,
        fees.PG_WORKSPACE_SHARE: command.pg_workspace_share,
    }
    await settings.write(conn, workspace.id, wanted, viewer.user_id)
    return workspace


async def update_aqs(
    conn: asyncpg.Connection, viewer: Viewer, command: schemas.UpdateAqs
) -> WorkspaceRow:
    workspace = await workspaces.authorized(
        conn, viewer, Permission.MANAGE_CUSTOMER_FINANCE, command.ow_id
    )
    markup = command.aqs_markup_type
    wanted = _given(
        {
            fees.AQS_RATE: command.aqs_rate,
            fees.AQS_ENABLED: command.aqs_enabled,
            fees.AQS_MARKUP_TYPE: None if markup is None else fees.AQS_MARKUP_TYPE_IDS[markup],
            fees.AQS_MARKUP_VALUE: command.aqs_markup_value,
        }
    )
    if not wanted:
        raise refuse(ErrorCode.REQUIRED, "aqsRate: give at least one AQS setting", "aqsRate")
    await settings.write(conn, workspace.id, wanted, viewer.user_id)
    return workspace


async def set_double_verify(
    conn: asyncpg.Connection, viewer: Viewer, command: schemas.SetDoubleVerify
) -> WorkspaceRow:
    workspace = await workspaces.authorized(
        conn, viewer, Permission.SUPER_ONLY_SETTINGS, command.ow_id
    )
    wanted = {fees.DV_IVT: command.is_dv_ivt_segments_enabled}
    await settings.write(conn, workspace.id, wanted, viewer.user_id)
    return workspace


async def set_ad_serving_cost(
    conn: asyncpg.Connection, viewer: Viewer, command: schemas.SetAdServingCost
) -> WorkspaceRow:
    workspace = await workspaces.authorized(
        conn, viewer, Permission.SUPER_ONLY_SETTINGS, command.ow_id
    )
    wanted = _given(
        {
            fees.IMAGE_COST: command.image_creative_cost,
            fees.VIDEO_COST: command.video_creative_cost,
            fees.AUDIO_COST: command.audio_creative_cost,
        }
    )
    if not wanted:
        raise refuse(
            ErrorCode.REQUIRED,
            "imageCreativeCost: give at least one ad serving cost",
            "imageCreativeCost",
        )
    await settings.write(conn, workspace.id, wanted, viewer.user_id)
    return workspace


async def set_third_party_cost(
    conn: asyncpg.Connection, viewer: Viewer, command: schemas.SetThirdPartyCost
) -> WorkspaceRow:
    """Organization users, for the organization itself (no owId) or one of its customers."""
    workspace = await workspaces.authorized(
        conn, viewer, Permission.THIRD_PARTY_COST, command.ow_id or viewer.workspace.id
    )
    wanted = {fees.THIRD_PARTY_COST: command.cost, fees.THIRD_PARTY_ACTIVE: True}
    await settings.write(conn, workspace.id, wanted, viewer.user_id)
    return workspace


async def disable_third_party_cost(
    conn: asyncpg.Connection, viewer: Viewer, command: schemas.DisableThirdPartyCost
) -> WorkspaceRow:
    """Mark the cost inactive and clear its value; refused when none was ever configured."""
    workspace = await workspaces.authorized(
        conn, viewer, Permission.THIRD_PARTY_COST, command.ow_id or viewer.workspace.id
    )
    current = await settings.lock_row(conn, fees.TABLE, workspace.id)
    if current["third_party_cost_active"] is None:
        raise refuse(
            ErrorCode.INVALID_STATE, "owId: no third-party cost is configured here", "owId"
        )
    wanted = {fees.THIRD_PARTY_COST: None, fees.THIRD_PARTY_ACTIVE: False}
    await settings.write(conn, workspace.id, wanted, viewer.user_id)
    return workspace


async def update_basic_financial_details(
    conn: asyncpg.Connection, viewer: Viewer, command: schemas.UpdateBasicFinancialDetails
) -> WorkspaceRow:
    """The PayPal fee percentage of the active organization (or the platform's, for super),
    inherited by the workspaces below it that set none."""
    workspace = await workspaces.authorized(
        conn, viewer, Permission.MANAGE_OWN_SETTINGS, viewer.workspace.id
    )
    wanted = {fees.PAYPAL_FEES: command.paypal_fees_percentage}
    await settings.write(conn, workspace.id, wanted, viewer.user_id)
    return workspace


async def paypal_fees_percentage(conn: asyncpg.Connection, workspace_id: int) -> Decimal:
    """The PayPal fee percentage that applies to a workspace (for PayPal payments)."""
    return rules.paypal_fees_percentage(await fees.fee_chain(conn, workspace_id))
