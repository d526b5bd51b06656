"""The invoice of a period's spend: one line per cost component (pure; docs/invoice-generation.md).

For a customer and a period, with the spend grouped by (margin m, campaign type, creative type):
- Media          = sum(media cost x 100 / (100 - m))
- Data           = sum(data cost x 100 / (100 - m))
- PG fees        = sum(media cost of PG campaigns) x pgCampaignFees / 100
- Ad serving (t) = sum(impressions of campaigns of creative type t) / 1000 x cost of t (CPM),
                   for t in image, video, audio with a configured cost
- Third-party    = sum(impressions) / 1000 x third-party cost (CPM), when active
Each line is computed exactly and rounded once, half up, to the currency's minor unit; lines
that round to zero are left out; the invoice amount is the sum of the rounded lines.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal, localcontext

from finance_graphql.campaigns.catalog import (
    CAMPAIGN_TYPES,
    CREATIVE_TYPES,
    CampaignType,
    CreativeType,
)
from finance_graphql.campaigns.spend import SpendGroup
from finance_graphql.core.money import ZERO, quantize

HUNDRED = Decimal(100)
THOUSAND = Decimal(1000)
# Enough significant digits that a division's remainder never reaches the cent being rounded.
PRECISION = 60
AD_SERVING_TYPES = (CreativeType.IMAGE, CreativeType.VIDEO, CreativeType.AUDIO)


@dataclass(frozen=True)
class FeeRates:
    """The fees in force for the customer when the invoice is generated."""

    pg_campaign_fees: Decimal | None = None  # percent of PG campaigns' media cost
    ad_serving: dict[CreativeType, Decimal] = field(default_factory=dict)  # CPM by creative type
    third_party_cost: Decimal | None = None  # CPM, when active


@dataclass(frozen=True)
class Line:
    description: str
    amount: Decimal


def billed(cost: Decimal, margin: Decimal) -> Decimal:
    """What a cost is billed at with a gross margin of `margin` percent (unrounded): the margin
    is the organization's share of the billed amount, so billed = cost x 100 / (100 - margin)."""
    with localcontext() as context:
        context.prec = PRECISION
        return cost * HUNDRED / (HUNDRED - margin)


def invoice_lines(groups: list[SpendGroup], rates: FeeRates, currency: str) -> list[Line]:
    """The lines of the invoice of these spend groups, rounded to `currency`."""
    with localcontext() as context:
        context.prec = PRECISION
        exact = _exact_lines(groups, rates)
        lines = [Line(text, quantize(amount, currency)) for text, amount in exact]
    return [line for line in lines if line.amount > 0]


def _exact_lines(groups: list[SpendGroup], rates: FeeRates) -> list[tuple[str, Decimal]]:
    """The unrounded lines; call in a context of PRECISION digits."""
    pg_type = CAMPAIGN_TYPES.id(CampaignType.PG)
    exact: list[tuple[str, Decimal]] = [
        ("Media", sum((billed(g.media_cost, g.margin) for g in groups), ZERO)),
        ("Data", sum((billed(g.data_cost, g.margin) for g in groups), ZERO)),
    ]
    if rates.pg_campaign_fees:
        pg_media = sum((g.media_cost for g in groups if g.campaign_type == pg_type), ZERO)
        exact.append(
            (
                f"PG campaign fees ({rates.pg_campaign_fees.normalize():f}%)",
                pg_media * rates.pg_campaign_fees / HUNDRED,
            )
        )
    for creative in AD_SERVING_TYPES:
        cpm = rates.ad_serving.get(creative)
        if cpm:
            type_id = CREATIVE_TYPES.id(creative)
            impressions = sum(g.impressions for g in groups if g.creative_type == type_id)
            label = CREATIVE_TYPES.items[creative].label.lower()
            exact.append((f"Ad serving ({label})", Decimal(impressions) * cpm / THOUSAND))
    if rates.third_party_cost:
        impressions = sum(g.impressions for g in groups)
        exact.append(("Third-party cost", Decimal(impressions) * rates.third_party_cost / THOUSAND))
    return exact


def invoice_amount(lines: list[Line]) -> Decimal:
    return sum((line.amount for line in lines), ZERO)
