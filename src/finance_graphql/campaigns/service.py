"""Campaign rules: campaigns belong to customers; their margins are the organization's
business; spend is recorded in bulk, idempotent per campaign and day."""

from __future__ import annotations

from typing import Any

import asyncpg

from finance_graphql.campaigns import repository, spend
from finance_graphql.campaigns.catalog import CAMPAIGN_STATUSES, CREATIVE_TYPES
from finance_graphql.campaigns.repository import CampaignRow
from finance_graphql.campaigns.schemas import (
    CreateCampaign,
    RecordSpend,
    UpdateCampaign,
    UpdateCampaignMargin,
)
from finance_graphql.campaigns.spend import SpendInput, Written
from finance_graphql.core import access
from finance_graphql.core.access import Permission
from finance_graphql.core.errors import ErrorCode, UserError, UserErrors, refuse
from finance_graphql.core.tenancy import Viewer, WorkspaceKind
from finance_graphql.margins import history
from finance_graphql.margins.history import Change, setting_text
from finance_graphql.workspaces import service as workspaces


async def create(conn: asyncpg.Connection, viewer: Viewer, command: CreateCampaign) -> CampaignRow:
    """A campaign of a customer: the customer itself, its organization or super."""
    customer = await workspaces.authorized(conn, viewer, Permission.MANAGE_CAMPAIGNS, command.ow_id)
    if customer.kind is not WorkspaceKind.CUSTOMER or customer.parent_id is None:
        raise refuse(ErrorCode.INVALID, "owId: campaigns belong to customers", "owId")
    return await repository.insert(
        conn,
        workspace_id=customer.id,
        parent_id=customer.parent_id,
        name=command.name,
        status=command.status,
        campaign_type=command.type,
        creative_type=command.creative_type,
        created_by=viewer.user_id,
    )


async def _lock(
    conn: asyncpg.Connection, viewer: Viewer, campaign_id: int, permission: Permission
) -> CampaignRow:
    access.authorize(viewer, permission)
    campaign = await repository.lock_reachable(conn, viewer, campaign_id)
    if campaign is None:
        raise refuse(ErrorCode.NOT_FOUND, "campaignId: no such campaign", "campaignId")
    access.authorize(viewer, permission, campaign.ref)
    return campaign


async def update(conn: asyncpg.Connection, viewer: Viewer, command: UpdateCampaign) -> CampaignRow:
    """Rename a campaign, move its status, change its creative type (the fields given)."""
    campaign = await _lock(conn, viewer, command.campaign_id, Permission.MANAGE_CAMPAIGNS)
    changes: dict[str, Any] = {}
    if command.name is not None:
        changes["name"] = command.name
    if command.status is not None:
        changes["status"] = CAMPAIGN_STATUSES.id(command.status)
    if command.creative_type is not None:
        changes["creative_type"] = CREATIVE_TYPES.id(command.creative_type)
    if not changes:
        return campaign
    return await repository.update(conn, campaign.id, changes)


async def update_margin(
    conn: asyncpg.Connection, viewer: Viewer, command: UpdateCampaignMargin
) -> CampaignRow:
    """Organization (or super): a campaign's own margin, or none (the customer's applies).

    Applies to spend recorded from now on; the change is kept in the customer's history.
    """
    campaign = await _lock(conn, viewer, command.campaign_id, Permission.MANAGE_CUSTOMER_FINANCE)
    if campaign.margin == command.margin_value:
        return campaign
    updated = await repository.update(conn, campaign.id, {"margin": command.margin_value})
    change = Change(
        "campaignMargin",
        setting_text(campaign.margin),
        setting_text(command.margin_value),
        campaign_id=campaign.id,
    )
    await history.record(conn, campaign.workspace_id, [change], viewer.user_id)
    return updated


async def record_spend(conn: asyncpg.Connection, viewer: Viewer, command: RecordSpend) -> Written:
    """Write many (campaign, day) spend rows at once; a row sent again replaces the earlier one.

    Every campaign must be one the viewer manages (and the given customer's, with owId); a
    (campaign, day) may appear once per request. Any refusal names the row and writes nothing.
    """
    access.authorize(viewer, Permission.MANAGE_CUSTOMER_FINANCE)
    if command.ow_id is not None:
        await workspaces.authorized(conn, viewer, Permission.MANAGE_CUSTOMER_FINANCE, command.ow_id)
    campaigns = await repository.by_ids(conn, sorted({r.campaign_id for r in command.rows}))
    errors: list[UserError] = []
    first_seen: dict[tuple[int, object], int] = {}
    for index, row in enumerate(command.rows):
        campaign = campaigns.get(row.campaign_id)
        usable = (
            campaign is not None
            and access.allows(viewer, Permission.MANAGE_CUSTOMER_FINANCE, campaign.ref)
            and command.ow_id in (None, campaign.workspace_id)
        )
        if not usable:
            errors.append(_row_error(index, "campaignId", ErrorCode.NOT_FOUND, "no such campaign"))
            continue
        earlier = first_seen.setdefault((row.campaign_id, row.date), index)
        if earlier != index:
            errors.append(_row_error(index, "date", ErrorCode.CONFLICT, f"repeats row {earlier}"))
    if errors:
        raise UserErrors(errors)
    rows = [
        SpendInput(r.campaign_id, r.date, r.media_cost, r.data_cost, r.impressions)
        for r in command.rows
    ]
    return await spend.upsert(conn, rows, viewer.user_id)


def _row_error(index: int, field: str, code: str, reason: str) -> UserError:
    return UserError(
        field=["input", "rows", str(index), field],
        code=code,
        message=f"rows.{index}.{field}: {reason}",
    )
