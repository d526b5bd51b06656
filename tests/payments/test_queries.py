"""payment and payments: visibility, filters, sorting, cursor pages, and no N+1."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from tests.payments.helpers import (
    PAYMENT,
    REJECT,
    World,
    add,
    approved,
    decide,
    invoice,
    read_invoice,
    world,
)
from tests.support import Api, Login

LIST = """query($filter: PaymentFilter, $orderBy: PaymentOrder, $first: Int, $after: String) {
  payments(filter: $filter, orderBy: $orderBy, first: $first, after: $after) {
    totalCount
    pageInfo { hasNextPage hasPreviousPage endCursor }
    edges { cursor node { id amount status type paymentDate modifiedAt workspace { id } } }
  }
}"""


async def ids(
    api: Api, login: Login, filter: dict[str, Any] | None = None, **variables: Any
) -> tuple[list[str], int]:
    data = await api.data(LIST, {"filter": filter, **variables}, login=login)
    found = data["payments"]
    return [e["node"]["id"] for e in found["edges"]], found["totalCount"]


async def two_organizations(api: Api) -> tuple[World, World, int, Login, dict[str, str]]:
    """Org A with customers C1 (two payments) and C2 (one), its own payment; org B's customer
    with one payment. Returns both worlds, C2 and the payments by name."""
    a = await world(api, "A")
    b = await world(api, "B")
    c2_id, c2 = await api.customer((a.org_id, a.org), "C2")
    made = {
        "c1_first": await add(api, a.customer, a.customer_id, amount="10.00"),
        "c1_second": await add(api, a.customer, a.customer_id, amount="30.00"),
        "c2": await add(api, c2, c2_id, amount="20.00"),
        "a_own": await add(api, a.org, a.org_id, amount="40.00"),
        "b_customer": await add(api, b.customer, b.customer_id, amount="50.00"),
    }
    return a, b, c2_id, c2, {name: p["id"] for name, p in made.items()}


async def test_each_sees_its_own_payments_and_those_it_manages(api: Api) -> None:
    a, b, _, c2, made = await two_organizations(api)
    expected = {
        a.customer: {"c1_first", "c1_second"},
        c2: {"c2"},
        a.org: {"c1_first", "c1_second", "c2", "a_own"},
        b.org: {"b_customer"},
        api.super_login: set(made),
    }
    for login, names in expected.items():
        found, total = await ids(api, login)
        assert set(found) == {made[n] for n in names}
        assert total == len(names)
        for name, payment_id in made.items():
            single = await api.data(PAYMENT, {"id": payment_id}, login=login)
            assert (single["payment"] is not None) == (name in names)


async def test_a_missing_payment_is_null_and_a_bad_id_an_error(api: Api) -> None:
    assert (await api.data(PAYMENT, {"id": "424242"}))["payment"] is None
    body = await api.gql(PAYMENT, {"id": "x1"})
    assert body["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"


async def test_filters_by_workspace_status_type_and_search(api: Api) -> None:
    a, _, c2_id, _, made = await two_organizations(api)
    await approved(api, a.org, made["c1_first"])
    await decide(api, REJECT, a.org, made["c2"])
    found, _ = await ids(api, a.org, {"owId": str(c2_id)})
    assert found == [made["c2"]]
    found, total = await ids(api, a.org, {"status": ["PAID", "REJECTED"]})
    assert (set(found), total) == ({made["c1_first"], made["c2"]}, 2)
    found, _ = await ids(api, a.org, {"type": ["REFUND"]})
    assert found == []
    wire = await add(
        api,
        a.org,
        a.customer_id,
        mode="WIRE_TRANSFER",
        bankName="Zenith Bank",
        transactionId="UTR-55_1%",
        notes="Quarterly settlement",
    )
    for text in ("zenith", "UTR-55_1%", "quarterly SETTLE", wire["id"]):
        assert (await ids(api, a.org, {"search": text}))[0] == [wire["id"]], text
    assert (await ids(api, a.org, {"search": "UTR-55x1"}))[0] == []
    assert (await ids(api, a.org, {"search": "zenith\x00"}))[0] == [wire["id"]]


async def test_filtering_on_a_workspace_out_of_reach_is_forbidden(api: Api) -> None:
    a, b, _, _, _ = await two_organizations(api)
    for ow_id in (b.customer_id, 987654):
        body = await api.gql(LIST, {"filter": {"owId": str(ow_id)}}, login=a.org)
        assert body["errors"][0]["extensions"]["code"] == "FORBIDDEN"


async def test_the_default_order_is_last_modified_first(api: Api) -> None:
    a, _, _, _, made = await two_organizations(api)
    await approved(api, a.org, made["c1_first"])  # modified last
    found, _ = await ids(api, a.org)
    assert found[0] == made["c1_first"]
    assert found[1:] == [made["a_own"], made["c2"], made["c1_second"]]


SORTS: dict[str, Callable[[dict[str, Any]], Any]] = {
    "AMOUNT": lambda n: (n["amount"], int(n["id"])),
    "PAYMENT_DATE": lambda n: (n["paymentDate"], int(n["id"])),
    "STATUS": lambda n: (
        ["PROCESSING", "PAID", "REJECTED", "CANCELLED"].index(n["status"]),
        int(n["id"]),
    ),
    "ID": lambda n: int(n["id"]),
    "MODIFIED_AT": lambda n: (n["modifiedAt"], int(n["id"])),
}


@pytest.mark.parametrize("key", list(SORTS))
async def test_every_sort_key_pages_through_all_rows_in_both_directions(api: Api, key: str) -> None:
    # given 9 payments with repeating amounts, dates and statuses
    w = await world(api)
    for i in range(9):
        payment = await add(
            api,
            w.customer,
            w.customer_id,
            amount=f"{10 + i % 3}.00",
            paymentDate=f"2025-10-0{1 + i % 4}",
        )
        if i % 3 == 0:
            await approved(api, w.org, payment["id"])
    every = await api.data(LIST, {"first": 100}, login=w.org)
    nodes = [e["node"] for e in every["payments"]["edges"]]
    for direction in ("ASC", "DESC"):
        # when it is read 2 at a time
        seen: list[str] = []
        after = None
        while True:
            data = await api.data(
                LIST,
                {"orderBy": {"key": key, "direction": direction}, "first": 2, "after": after},
                login=w.org,
            )
            page = data["payments"]
            seen += [e["node"]["id"] for e in page["edges"]]
            assert page["pageInfo"]["hasPreviousPage"] is (after is not None)
            if not page["pageInfo"]["hasNextPage"]:
                break
            after = page["pageInfo"]["endCursor"]
        # then every row came once, in the order of the key, then id
        ordered = sorted(nodes, key=SORTS[key], reverse=direction == "DESC")
        assert seen == [n["id"] for n in ordered]


async def test_page_size_and_cursor_are_checked(api: Api) -> None:
    for variables in ({"first": 0}, {"first": 101}, {"after": "not-a-cursor"}):
        body = await api.gql(LIST, variables)
        assert body["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"


NESTED = """query($first: Int) {
  payments(first: $first) {
    edges { node { id workspace { name } allocations { amount invoice { name } } } }
  }
}"""


async def _seed_many(api: Api, w: World, invoices: list[str], count: int) -> None:
    """Many allocated payments, written directly: this test is about reading them."""
    await api.sql(
        "WITH made AS (INSERT INTO payments (workspace_id, parent_id, type, mode, amount,"
        " currency, payment_date) SELECT $1, $2, 2, 4, 1, 'USD', date '2025-10-01'"
        " FROM generate_series(1, $3) RETURNING id)"
        " INSERT INTO payment_allocations (payment_id, invoice_id, amount)"
        " SELECT id, ($4::bigint[])[1 + id % 3], 1 FROM made",
        w.customer_id,
        w.org_id,
        count,
        [int(i) for i in invoices],
    )


async def test_a_page_of_100_takes_as_many_statements_as_a_page_of_10(api: Api) -> None:
    w = await world(api)
    invoices = [await invoice(api, w, "5000.00") for _ in range(3)]
    await _seed_many(api, w, invoices, 120)
    counts = []
    for first in (10, 100):
        body = await api.gql(NESTED, {"first": first}, login=w.org)
        assert "errors" not in body, body
        edges = body["data"]["payments"]["edges"]
        assert len(edges) == first
        assert all(e["node"]["allocations"][0]["invoice"]["name"] for e in edges)
        counts.append(body["extensions"]["sqlStatements"])
    assert counts[0] == counts[1], counts


async def test_an_invoice_lists_the_payments_applied_to_it(api: Api) -> None:
    w = await world(api)
    invoice_id = await invoice(api, w, "300.00")
    first = await add(
        api,
        w.customer,
        w.customer_id,
        type="AGAINST_INVOICE",
        allocations=[{"invoiceId": invoice_id, "amount": "100.00"}],
    )
    second = await add(
        api,
        w.org,
        w.customer_id,
        type="AGAINST_INVOICE",
        amount="50.00",
        allocations=[{"invoiceId": invoice_id, "amount": "50.00"}],
    )
    await approved(api, w.org, first["id"])
    found = await read_invoice(api, invoice_id)
    assert [(p["id"], p["status"], p["amount"]) for p in found["payments"]] == [
        (first["id"], "PAID", "100.00"),
        (second["id"], "PROCESSING", "50.00"),
    ]
    assert (found["status"], found["paidAmount"]) == ("PROCESSING", "100.00")
