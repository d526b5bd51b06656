"""Campaign statuses, types and creative types: GraphQL enums with stored ids."""

from __future__ import annotations

from enum import Enum

import strawberry

from finance_graphql.lookups.catalog import Catalog


@strawberry.enum(description="Where a campaign is in its life (the Campaign API's statuses).")
class CampaignStatus(Enum):
    PENDING = "PENDING"
    RUNNING = "RUNNING"
    PAUSED = "PAUSED"
    EXPIRED = "EXPIRED"
    DRAFT = "DRAFT"
    REJECTED = "REJECTED"
    DELETED = "DELETED"


@strawberry.enum(description="ADVANCED: open auction; PG: programmatic guaranteed (PG fees apply).")
class CampaignType(Enum):
    ADVANCED = "ADVANCED"
    PG = "PG"


@strawberry.enum(description="What a campaign's creatives are; the seed's creativeTypeId as id.")
class CreativeType(Enum):
    IMAGE = "IMAGE"
    VIDEO = "VIDEO"
    HTML = "HTML"
    NATIVE = "NATIVE"
    AUDIO = "AUDIO"


CAMPAIGN_STATUSES = Catalog(
    {
        CampaignStatus.PENDING: (1, "pending", "Pending"),
        CampaignStatus.RUNNING: (2, "running", "Running"),
        CampaignStatus.PAUSED: (3, "paused", "Paused"),
        CampaignStatus.EXPIRED: (4, "expired", "Expired"),
        CampaignStatus.DRAFT: (5, "draft", "Draft"),
        CampaignStatus.REJECTED: (6, "rejected", "Rejected"),
        CampaignStatus.DELETED: (7, "deleted", "Deleted"),
    }
)
CAMPAIGN_TYPES = Catalog(
    {
        CampaignType.ADVANCED: (1, "advanced", "Advanced"),
        CampaignType.PG: (2, "pg", "Programmatic Guaranteed"),
    }
)
# The seed shows creativeTypeId 13 for a video campaign; the others follow the same platform.
CREATIVE_TYPES = Catalog(
    {
        CreativeType.IMAGE: (11, "image", "Image"),
        CreativeType.VIDEO: (13, "video", "Video"),
        CreativeType.HTML: (14, "html", "HTML"),
        CreativeType.NATIVE: (15, "native", "Native"),
        CreativeType.AUDIO: (17, "audio", "Audio"),
    }
)
