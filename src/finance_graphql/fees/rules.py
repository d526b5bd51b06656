"""Which fee row applies where a setting is inherited down the tree (pure rules)."""

from __future__ import annotations

from decimal import Decimal
from enum import Enum

import strawberry

from finance_graphql.fees.repository import FeesRow

# PayPal's usual fee (as in the seed's example) until the platform sets its own.
DEFAULT_PAYPAL_FEES_PERCENTAGE = Decimal("3.5")


@strawberry.enum(description="Where an ad serving cost is configured.")
class CostConfigurationLevel(Enum):
    CUSTOMER = "CUSTOMER"  # on the customer itself
    WORKSPACE = "WORKSPACE"  # on its organization, for all of the organization's customers


def paypal_fees_percentage(chain: list[FeesRow]) -> Decimal:
    """The PayPal fee percentage of a workspace: the nearest one configured on the workspace,
    its organization or the platform (`chain`, nearest first); else the default."""
    for row in chain:
        if row.paypal_fees_percentage is not None:
            return row.paypal_fees_percentage
    return DEFAULT_PAYPAL_FEES_PERCENTAGE


def ad_serving_source(
    workspace_id: int, chain: list[FeesRow]
) -> tuple[FeesRow, CostConfigurationLevel] | None:
    """The row whose ad serving costs apply to a workspace, and its level; None when neither
    the workspace nor its organization configured any."""
    for row in chain:
        if row.has_ad_serving_cost:
            level = (
                CostConfigurationLevel.CUSTOMER
                if row.workspace_id == workspace_id
                else CostConfigurationLevel.WORKSPACE
            )
            return row, level
    return None
