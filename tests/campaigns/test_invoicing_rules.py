"""The invoice formula and the fee rules, without a database: exact Decimal, half up."""

from __future__ import annotations

from decimal import Decimal

from finance_graphql.campaigns.catalog import CreativeType
from finance_graphql.campaigns.generation import fee_rates
from finance_graphql.campaigns.invoicing import FeeRates, billed, invoice_amount, invoice_lines
from finance_graphql.campaigns.spend import SpendGroup
from finance_graphql.fees import rules
from finance_graphql.fees.repository import FeesRow

D = Decimal
ADVANCED, PG = 1, 2
IMAGE, VIDEO, AUDIO, HTML = 11, 13, 17, 14


def group(
    margin: str,
    media: str,
    data: str = "0",
    impressions: int = 0,
    campaign_type: int = ADVANCED,
    creative_type: int = IMAGE,
) -> SpendGroup:
    return SpendGroup(D(margin), campaign_type, creative_type, D(media), D(data), impressions, 1)


def test_the_margin_is_the_organizations_share_of_the_billed_amount() -> None:
    assert billed(D(80), D(20)) == D(100)
    assert billed(D(100), D(0)) == D(100)
    # 1/3 of 100 is the margin of 66.666...: nothing is lost before the final rounding
    assert billed(D("66.66"), D("33.34")) == D("100.0000")
    assert billed(D(1), D(99)) == D(100)


def test_a_line_rounds_once_half_up_at_the_cent() -> None:
    # 0.0042 x 100 / 84 = 0.005 exactly: half up gives 0.01 (banker's rounding would give 0.00)
    lines = invoice_lines([group("16", "0.0042")], FeeRates(), "USD")

    assert [(line.description, line.amount) for line in lines] == [("Media", D("0.01"))]


def test_groups_are_summed_exactly_before_rounding() -> None:
    # each group alone is 0.004 (rounds to 0.00); together 0.008 -> 0.01
    groups = [group("20", "0.0032"), group("20", "0.0032", creative_type=VIDEO)]

    lines = invoice_lines(groups, FeeRates(), "USD")

    assert [line.amount for line in lines] == [D("0.01")]


def test_hand_worked_invoice_with_every_component() -> None:
    groups = [
        group("20", "133.3333", "10", 15_000, ADVANCED, IMAGE),
        group("25", "60", "6", 2_000, PG, VIDEO),
        group("0", "10", "0", 3_000, ADVANCED, AUDIO),
        group("0", "5", "0", 1_000, ADVANCED, HTML),
    ]
    rates = FeeRates(
        pg_campaign_fees=D("12.5"),
        ad_serving={CreativeType.IMAGE: D(2), CreativeType.AUDIO: D("1.25")},
        third_party_cost=D("0.333"),
    )

    lines = invoice_lines(groups, rates, "USD")

    # Media: 133.3333 x 1.25 + 60 x 4/3 + 10 + 5 = 166.666625 + 80 + 15 = 261.666625
    # Data: 10 x 1.25 + 6 x 4/3 = 20.5; PG: 60 x 12.5% = 7.5
    # Ad serving: image 15 x 2 = 30; audio 3 x 1.25 = 3.75; video and HTML have no cost
    # Third-party: 21 x 0.333 = 6.993
    assert [(line.description, line.amount) for line in lines] == [
        ("Media", D("261.67")),
        ("Data", D("20.50")),
        ("PG campaign fees (12.5%)", D("7.50")),
        ("Ad serving (image)", D("30.00")),
        ("Ad serving (audio)", D("3.75")),
        ("Third-party cost", D("6.99")),
    ]
    assert invoice_amount(lines) == D("330.41")


def test_lines_round_to_the_currencys_minor_unit() -> None:
    lines = invoice_lines([group("20", "1000.4")], FeeRates(), "JPY")

    assert lines[0].amount == D(1251)  # 1250.5 half up


def test_zero_lines_are_left_out() -> None:
    assert invoice_lines([group("20", "0", "0", 100)], FeeRates(), "USD") == []


def test_fee_rates_take_the_customers_own_else_the_organizations() -> None:
    customer = FeesRow(
        1, pg_campaign_fees=D(10), third_party_cost=None, third_party_cost_active=False
    )
    organization = FeesRow(
        2, video_creative_cost=D(3), third_party_cost=D(1), third_party_cost_active=True
    )

    disabled_on_customer = fee_rates(1, [customer, organization])
    nothing_on_customer = fee_rates(1, [organization])

    assert disabled_on_customer == FeeRates(D(10), {CreativeType.VIDEO: D(3)}, None)
    assert nothing_on_customer == FeeRates(None, {CreativeType.VIDEO: D(3)}, D(1))


def test_the_paypal_fee_is_the_nearest_configured() -> None:
    platform = FeesRow(3, paypal_fees_percentage=D("3.9"))
    organization = FeesRow(2, paypal_fees_percentage=D("2.5"))

    assert rules.paypal_fees_percentage([FeesRow(1), organization, platform]) == D("2.5")
    assert rules.paypal_fees_percentage([FeesRow(1), platform]) == D("3.9")
    assert rules.paypal_fees_percentage([]) == rules.DEFAULT_PAYPAL_FEES_PERCENTAGE
