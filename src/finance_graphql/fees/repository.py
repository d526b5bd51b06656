"""Fee SQL: each workspace's fees and settings row (`workspace_fees`)."""

from __future__ import annotations

from dataclasses import dataclass, fields
from decimal import Decimal
from enum import Enum

import asyncpg
import strawberry

from finance_graphql.margins.history import setting_text
from finance_graphql.margins.settings import Setting

TABLE = "workspace_fees"


@strawberry.enum(description="How the AQS markup is added: a fixed amount or a percentage.")
class AqsMarkupType(Enum):
    ABSOLUTE = "ABSOLUTE"
    PERCENTAGE = "PERCENTAGE"


AQS_MARKUP_TYPE_IDS = {AqsMarkupType.ABSOLUTE: 1, AqsMarkupType.PERCENTAGE: 2}
_MARKUP_BY_ID = {number: member for member, number in AQS_MARKUP_TYPE_IDS.items()}


def _markup_text(value: object) -> str | None:
    return _MARKUP_BY_ID[value].name if isinstance(value, int) else setting_text(value)


PG_CAMPAIGN_FEES = Setting(TABLE, "pg_campaign_fees", "pgCampaignFees")
PG_WORKSPACE_SHARE = Setting(TABLE, "pg_workspace_share", "pgWorkspaceShare")
AQS_RATE = Setting(TABLE, "aqs_rate", "aqsRate")
AQS_ENABLED = Setting(TABLE, "aqs_enabled", "aqsEnabled")
AQS_MARKUP_TYPE = Setting(TABLE, "aqs_markup_type", "aqsMarkupType", show=_markup_text)
AQS_MARKUP_VALUE = Setting(TABLE, "aqs_markup_value", "aqsMarkupValue")
DV_IVT = Setting(TABLE, "dv_ivt_segments_enabled", "isDvIvtSegmentsEnabled")
IMAGE_COST = Setting(TABLE, "image_creative_cost", "imageCreativeCost")
VIDEO_COST = Setting(TABLE, "video_creative_cost", "videoCreativeCost")
AUDIO_COST = Setting(TABLE, "audio_creative_cost", "audioCreativeCost")
THIRD_PARTY_COST = Setting(TABLE, "third_party_cost", "thirdPartyCost")
THIRD_PARTY_ACTIVE = Setting(TABLE, "third_party_cost_active", "thirdPartyCostActive")
PAYPAL_FEES = Setting(TABLE, "paypal_fees_percentage", "paypalFeesPercentage")

# Settings only the super organization may read: left out of everyone else's history.
SUPER_ONLY_HISTORY = frozenset({DV_IVT.name})


@dataclass(frozen=True)
class FeesRow:
    """A workspace's fees and settings; None where not configured."""

    workspace_id: int
    pg_campaign_fees: Decimal | None = None
    pg_workspace_share: Decimal | None = None
    aqs_rate: Decimal | None = None
    aqs_enabled: bool = False
    aqs_markup_type: AqsMarkupType | None = None
    aqs_markup_value: Decimal | None = None
    dv_ivt_segments_enabled: bool = False
    image_creative_cost: Decimal | None = None
    video_creative_cost: Decimal | None = None
    audio_creative_cost: Decimal | None = None
    third_party_cost: Decimal | None = None
    third_party_cost_active: bool | None = None  # None: never configured
    paypal_fees_percentage: Decimal | None = None

    @property
    def has_ad_serving_cost(self) -> bool:
        costs = (self.image_creative_cost, self.video_creative_cost, self.audio_creative_cost)
        return any(cost is not None for cost in costs)


_NAMES = [f.name for f in fields(FeesRow)]
COLUMNS = ", ".join(_NAMES)


def fees_row(record: asyncpg.Record) -> FeesRow:
    values = {name: record[name] for name in _NAMES}
    markup = values["aqs_markup_type"]
    values["aqs_markup_type"] = None if markup is None else _MARKUP_BY_ID[markup]
    return FeesRow(**values)


async def fees_of(conn: asyncpg.Connection, workspace_ids: list[int]) -> dict[int, FeesRow]:
    """The fee rows of these workspaces (those with no row are left out)."""
    records = await conn.fetch(
        f"SELECT {COLUMNS} FROM workspace_fees WHERE workspace_id = ANY($1)", workspace_ids
    )
    return {r["workspace_id"]: fees_row(r) for r in records}


async def fee_chain(conn: asyncpg.Connection, workspace_id: int) -> list[FeesRow]:
    """The fee rows of the workspace, its parent and its parent's parent, nearest first (rows
    that do not exist are left out). Used where a setting is inherited down the tree."""
    records = await conn.fetch(
        f"SELECT f.depth, {', '.join('x.' + n for n in _NAMES)}"
        " FROM (SELECT w.id, 0 AS depth FROM workspaces w WHERE w.id = $1"
        "       UNION ALL SELECT p.id, 1 FROM workspaces w JOIN workspaces p ON p.id = w.parent_id"
        "        WHERE w.id = $1"
        "       UNION ALL SELECT g.id, 2 FROM workspaces w JOIN workspaces p ON p.id = w.parent_id"
        "        JOIN workspaces g ON g.id = p.parent_id WHERE w.id = $1) AS f"
        " JOIN workspace_fees x ON x.workspace_id = f.id ORDER BY f.depth",
        workspace_id,
    )
    return [fees_row(r) for r in records]
