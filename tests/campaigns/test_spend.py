"""recordSpend: many rows per request, one statement, idempotent per campaign and day; every
refusal names the row; spend does not move the ledger."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from tests.campaigns.helpers import MARGIN, campaign, record, row, set_margin
from tests.margins.helpers import NOT_ALLOWED_API, mutate, only_error, refused, roles
from tests.support import Api

RECORDS = """query($filter: SpendFilter!, $first: Int) {
  spendRecords(filter: $filter, first: $first) {
    totalCount edges { node { campaignId date mediaCost dataCost impressions } }
  }
}"""


async def _stored(api: Api) -> list[tuple[Any, ...]]:
    rows = await api.sql(
        "SELECT campaign_id, spend_date::text, media_cost::text, data_cost::text, impressions,"
        " margin::text FROM campaign_spend ORDER BY campaign_id, spend_date"
    )
    return [tuple(r) for r in rows]


async def test_spend_rows_are_inserted_then_replaced_per_campaign_and_day(api: Api) -> None:
    world = await roles(api)
    await set_margin(api, world.org, world.customer_id, "15")
    a = await campaign(api, world.org, world.customer_id, "A")
    b = await campaign(api, world.org, world.customer_id, "B")
    first = [
        row(a["id"], "2025-03-01", "100.5", "10", 1000),
        row(a["id"], "2025-03-02", "50"),
        row(b["id"], "2025-03-01", "0.1234", "0.0001", 7),
    ]

    inserted = await record(api, world.org, first)
    again = await record(api, world.org, first)
    changed = await record(api, world.org, [row(a["id"], "2025-03-02", "55"), first[2]])

    assert (inserted["inserted"], inserted["updated"], inserted["unchanged"]) == (3, 0, 0)
    assert (again["inserted"], again["updated"], again["unchanged"]) == (0, 0, 3)
    assert (changed["inserted"], changed["updated"], changed["unchanged"]) == (0, 1, 1)
    assert await _stored(api) == [
        (int(a["id"]), "2025-03-01", "100.5000", "10.0000", 1000, "15.00"),
        (int(a["id"]), "2025-03-02", "55.0000", "0.0000", 0, "15.00"),
        (int(b["id"]), "2025-03-01", "0.1234", "0.0001", 7, "15.00"),
    ]


async def test_each_row_captures_the_margin_in_force(api: Api) -> None:
    world = await roles(api)
    await set_margin(api, world.org, world.customer_id, "15")
    own = await campaign(api, world.org, world.customer_id, "Own margin")
    await mutate(api, MARGIN, {"campaignId": own["id"], "marginValue": "30"}, world.org)
    default = await campaign(api, world.org, world.customer_id, "Default margin")
    bare_customer, _ = await api.customer((world.org_id, world.org), "No margin")
    bare = await campaign(api, world.org, bare_customer, "No margin at all")

    await record(
        api,
        world.org,
        [
            row(own["id"], "2025-01-01", "1"),
            row(default["id"], "2025-01-01", "1"),
            row(bare["id"], "2025-01-01", "1"),
        ],
    )

    assert [r[-1] for r in await _stored(api)] == ["30.00", "15.00", "0.00"]


async def test_a_request_costs_the_same_statements_for_3_and_300_rows(api: Api) -> None:
    world = await roles(api)
    made = [await campaign(api, world.org, world.customer_id, f"C{i}") for i in range(3)]
    day = dt.date(2025, 1, 1)

    counts = []
    for days in (1, 100):
        rows = [
            row(c["id"], str(day + dt.timedelta(days=d)), "1.25") for c in made for d in range(days)
        ]
        response = await api.post(
            "mutation($input: RecordSpendInput!) { recordSpend(input: $input) { inserted } }",
            {"input": {"rows": rows}},
            login=world.org,
        )
        body = response.json()
        assert body["data"]["recordSpend"]["inserted"] == len(rows) - (3 if days == 100 else 0)
        counts.append(body["extensions"]["sqlStatements"])

    assert counts[0] == counts[1], counts
    assert len(await api.sql("SELECT 1 FROM campaign_spend")) == 300


async def test_a_bad_row_is_named_and_nothing_is_written(api: Api) -> None:
    world = await roles(api)
    mine = await campaign(api, world.org, world.customer_id, "Mine")
    theirs = await campaign(api, world.other_org, world.other_customer_id, "Theirs")

    payload = await record(
        api,
        world.org,
        [
            row(mine["id"], "2025-01-01", "1"),
            row(theirs["id"], "2025-01-01", "1"),
            row("999999", "2025-01-01", "1"),
            row(mine["id"], "2025-01-01", "2"),
        ],
    )

    assert [(e["field"], e["code"]) for e in payload["userErrors"]] == [
        (["input", "rows", "1", "campaignId"], "NOT_FOUND"),
        (["input", "rows", "2", "campaignId"], "NOT_FOUND"),
        (["input", "rows", "3", "date"], "CONFLICT"),
    ]
    assert await _stored(api) == []


async def test_with_an_owid_every_campaign_must_be_that_customers(api: Api) -> None:
    world = await roles(api)
    second, _ = await api.customer((world.org_id, world.org), "Bright")
    elsewhere = await campaign(api, world.org, second, "Bright's")

    payload = await record(
        api, world.org, [row(elsewhere["id"], "2025-01-01", "1")], ow_id=world.customer_id
    )

    assert only_error(payload) == (["input", "rows", "0", "campaignId"], "NOT_FOUND")


@pytest.mark.parametrize(
    ("field", "value", "code"),
    [
        ("mediaCost", "-1", "OUT_OF_RANGE"),
        ("dataCost", "1.00001", "INVALID"),
        ("date", "2099-01-01", "OUT_OF_RANGE"),
        ("date", "1999-12-31", "OUT_OF_RANGE"),
        ("date", "2025-02-30", "INVALID"),
        ("impressions", -5, "OUT_OF_RANGE"),
    ],
)
async def test_each_value_is_checked(api: Api, field: str, value: object, code: str) -> None:
    world = await roles(api)
    made = await campaign(api, world.org, world.customer_id)

    payload = await record(api, world.org, [row(made["id"], "2025-01-01", "1") | {field: value}])

    assert only_error(payload) == (["input", "rows", "0", field], code)


async def test_a_request_holds_1_to_5000_rows(api: Api) -> None:
    world = await roles(api)

    payload = await record(api, world.org, [])

    assert only_error(payload) == (["input", "rows"], "OUT_OF_RANGE")


async def test_customers_do_not_record_spend_and_spend_moves_no_balance(api: Api) -> None:
    world = await roles(api)
    made = await campaign(api, world.customer, world.customer_id)

    errors = await refused(
        api,
        "mutation($input: RecordSpendInput!) { recordSpend(input: $input) { inserted } }",
        {"input": {"rows": [row(made["id"], "2025-01-01", "1")]}},
        world.customer,
    )
    await record(api, world.org, [row(made["id"], "2025-01-01", "1000")])

    assert errors[0]["message"] == NOT_ALLOWED_API
    assert await api.sql("SELECT 1 FROM ledger_entries") == []


async def test_spend_records_read_back_latest_day_first(api: Api) -> None:
    world = await roles(api)
    made = await campaign(api, world.customer, world.customer_id)
    await record(
        api, world.org, [row(made["id"], f"2025-01-0{d}", f"{d}.5", "1", d) for d in (1, 2, 3)]
    )

    data = await api.data(
        RECORDS,
        {"filter": {"owId": str(world.customer_id), "dateFrom": "2025-01-02"}},
        login=world.customer,
    )

    assert data["spendRecords"]["totalCount"] == 2
    assert [e["node"] for e in data["spendRecords"]["edges"]] == [
        {
            "campaignId": made["id"],
            "date": "2025-01-03",
            "mediaCost": "3.5000",
            "dataCost": "1.0000",
            "impressions": 3,
        },
        {
            "campaignId": made["id"],
            "date": "2025-01-02",
            "mediaCost": "2.5000",
            "dataCost": "1.0000",
            "impressions": 2,
        },
    ]
    await refused(api, RECORDS, {"filter": {"owId": str(world.customer_id)}}, world.other_org)
