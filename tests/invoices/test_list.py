"""The invoices connection: who sees what, filters, sorts both ways, keyset pages, cost."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from tests.invoices.helpers import APPROVE, CANCEL, act, approved_invoice, create_invoice
from tests.support import Api, Login

LIST = """query($filter: InvoiceFilter, $orderBy: InvoiceOrder, $first: Int, $after: String) {
  invoices(filter: $filter, orderBy: $orderBy, first: $first, after: $after) {
    totalCount
    edges { cursor node { id name status amount issuedOn } }
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
  }
}"""

# The same list with a field only the resolvers answer (the compiled read path falls back).
RESOLVED_LIST = LIST.replace("issuedOn }", "issuedOn statusUpdatedBy taxes { id } }")
assert RESOLVED_LIST != LIST


async def _names(api: Api, login: Login | None, **variables: Any) -> list[str]:
    data = await api.data(LIST, variables, login=login)
    return [edge["node"]["name"] for edge in data["invoices"]["edges"]]


async def _total(api: Api, login: Login | None, **variables: Any) -> int:
    data = await api.data(LIST, variables, login=login)
    total: int = data["invoices"]["totalCount"]
    return total


async def test_each_sees_what_it_reaches_newest_first(api: Api) -> None:
    org = await api.organization("A")
    other = await api.organization("B")
    acme_id, acme = await api.customer(org, "Acme")
    bright_id, _ = await api.customer(org, "Bright")
    theirs_id, _ = await api.customer(other, "Theirs")
    await create_invoice(api, org[1], acme_id, name="acme-1")
    await create_invoice(api, org[1], bright_id, name="bright-1")
    await create_invoice(api, other[1], theirs_id, name="theirs-1")
    await create_invoice(api, None, org[0], name="org-a-own")
    await create_invoice(api, org[1], acme_id, name="acme-2")

    assert await _names(api, acme) == ["acme-2", "acme-1"]
    assert await _names(api, org[1]) == ["acme-2", "org-a-own", "bright-1", "acme-1"]
    assert await _names(api, None) == ["acme-2", "org-a-own", "theirs-1", "bright-1", "acme-1"]
    assert await _total(api, org[1]) == 4
    assert await _total(api, acme) == 2
    assert await _total(api, other[1]) == 1


async def test_the_owid_filter_narrows_within_reach_only(api: Api) -> None:
    org = await api.organization("A")
    other = await api.organization("B")
    acme_id, acme = await api.customer(org, "Acme")
    bright_id, _ = await api.customer(org, "Bright")
    theirs_id, _ = await api.customer(other, "Theirs")
    await create_invoice(api, org[1], acme_id, name="acme-1")
    await create_invoice(api, org[1], bright_id, name="bright-1")
    await create_invoice(api, None, org[0], name="org-a-own")

    assert await _names(api, org[1], filter={"owId": str(bright_id)}) == ["bright-1"]
    assert await _names(api, org[1], filter={"owId": str(org[0])}) == ["org-a-own"]
    assert await _total(api, None, filter={"owId": str(acme_id)}) == 1
    for login, target in ((org[1], theirs_id), (acme, bright_id), (org[1], 999999)):
        body = await api.gql(LIST, {"filter": {"owId": str(target)}}, login=login)
        assert body["errors"][0]["extensions"]["code"] == "FORBIDDEN"
        assert body["data"] is None


async def test_status_filter_uses_the_status_shown(api: Api) -> None:
    org = await api.organization()
    customer_id, _ = await api.customer(org)
    await create_invoice(api, org[1], customer_id, name="pending")
    await approved_invoice(api, org[1], customer_id, name="unpaid")
    overdue = await approved_invoice(api, org[1], customer_id, name="overdue")
    cancelled = await create_invoice(api, org[1], customer_id, name="cancelled")
    await act(api, CANCEL, org[1], cancelled["id"])
    await api.sql(
        "UPDATE invoices SET issued_on = current_date - 40 WHERE id = $1", int(overdue["id"])
    )

    def only(*statuses: str) -> dict[str, Any]:
        return {"filter": {"status": list(statuses)}}

    assert await _names(api, org[1], **only("UNPAID")) == ["unpaid"]
    assert await _names(api, org[1], **only("OVERDUE")) == ["overdue"]
    assert await _names(api, org[1], **only("PENDING", "CANCELLED")) == ["cancelled", "pending"]
    assert await _names(api, org[1], **only("PAID")) == []
    assert await _total(api, org[1], **only("OVERDUE", "UNPAID")) == 2


async def test_search_by_name_or_exact_id(api: Api) -> None:
    org = await api.organization()
    customer_id, _ = await api.customer(org)
    october = await create_invoice(api, org[1], customer_id, name="Zydus - October")
    await create_invoice(api, org[1], customer_id, name="Zydus - November")
    await create_invoice(api, org[1], customer_id, name="All% Media")

    assert await _names(api, org[1], filter={"search": "oct"}) == ["Zydus - October"]
    assert await _names(api, org[1], filter={"search": october["id"]}) == ["Zydus - October"]
    assert await _names(api, org[1], filter={"search": "%"}) == ["All% Media"]
    assert await _total(api, org[1], filter={"search": "zydus"}) == 2


async def _sortable(api: Api) -> tuple[Login, list[dict[str, Any]]]:
    """Six invoices with distinct amounts, issue dates and statuses (and ties)."""
    org = await api.organization()
    customer_id, _ = await api.customer(org)
    made = []
    for i, amount in enumerate(["300", "100", "500", "100", "200", "400"]):
        lines = [{"description": "Spend", "amount": amount}]
        invoice = await create_invoice(api, org[1], customer_id, name=f"i{i}", lines=lines)
        if i % 3 != 0:
            await act(api, APPROVE, org[1], invoice["id"])
            await api.sql(
                "UPDATE invoices SET issued_on = current_date - $2::int WHERE id = $1",
                int(invoice["id"]),
                i % 2,
            )
        if i == 3:
            await act(api, CANCEL, org[1], invoice["id"])
        made.append(invoice)
    return org[1], made


def _expected(rows: list[Any], key: str, descending: bool) -> list[str]:
    def value(row: Any) -> tuple[Any, int]:
        sort = {
            "ID": row["id"],
            "AMOUNT": row["amount"],
            "STATUS": row["status"],
            "ISSUED_ON": row["issued"],
        }[key]
        return sort, row["id"]

    return [row["name"] for row in sorted(rows, key=value, reverse=descending)]


@pytest.mark.parametrize("key", ["ID", "AMOUNT", "STATUS", "ISSUED_ON"])
@pytest.mark.parametrize("direction", ["ASC", "DESC"])
async def test_every_sort_pages_through_without_gaps_or_repeats(
    api: Api, key: str, direction: str
) -> None:
    login, _ = await _sortable(api)
    rows = await api.sql(
        "SELECT id, name, amount, status, coalesce(issued_on, 'infinity'::date) AS issued"
        " FROM invoices"
    )
    order = {"key": key, "direction": direction}

    expected = _expected(list(rows), key, direction == "DESC")

    for document in (LIST, RESOLVED_LIST):
        seen: list[str] = []
        after = None
        for _ in range(len(expected)):  # bounded: a cursor that does not advance fails
            variables = {"orderBy": order, "first": 2, "after": after}
            page = (await api.data(document, variables, login=login))["invoices"]
            seen += [edge["node"]["name"] for edge in page["edges"]]
            assert page["totalCount"] == 6
            assert page["pageInfo"]["hasPreviousPage"] is (after is not None)
            assert page["pageInfo"]["endCursor"] == page["edges"][-1]["cursor"]
            if not page["pageInfo"]["hasNextPage"]:
                break
            after = page["pageInfo"]["endCursor"]
        assert seen == expected


async def test_unissued_invoices_sort_after_issued_ones(api: Api) -> None:
    org = await api.organization()
    customer_id, _ = await api.customer(org)
    await create_invoice(api, org[1], customer_id, name="pending")
    await approved_invoice(api, org[1], customer_id, name="issued")

    ascending = {"orderBy": {"key": "ISSUED_ON", "direction": "ASC"}}
    descending = {"orderBy": {"key": "ISSUED_ON", "direction": "DESC"}}
    assert await _names(api, org[1], **ascending) == ["issued", "pending"]
    assert await _names(api, org[1], **descending) == ["pending", "issued"]


async def test_page_size_and_cursor_are_checked_before_any_sql(api: Api) -> None:
    id_cursor = (await api.data(LIST, {"first": 1}))["invoices"]["pageInfo"]["endCursor"]
    assert id_cursor is None  # no invoices yet
    amount_cursor = "WyJub3QtYS1udW1iZXIiLDFd"  # ["not-a-number",1]
    for variables in (
        {"first": 0},
        {"first": 101},
        {"after": "garbage"},
        {"after": amount_cursor, "orderBy": {"key": "AMOUNT", "direction": "ASC"}},
        {"filter": {"owId": "x"}},
    ):
        body = await api.gql(LIST, variables)
        assert body["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT", variables
        assert body["extensions"]["sqlStatements"] == 0


NESTED = """query($first: Int) {
  invoices(first: $first) {
    totalCount
    edges { node { id amount status workspace { name parent { name } }
                   lines { description amount } taxes { name amount } statusUpdatedBy } }
  }
}"""


async def _bulk_invoices(api: Api, customer_ids: list[int], org_id: int, count: int) -> None:
    rows = await api.sql(
        "INSERT INTO invoices (workspace_id, parent_id, currency, name, period_from, period_to,"
        " payment_term_days, amount, status, issued_on, status_updated_by)"
        " SELECT ($1::bigint[])[1 + g % cardinality($1::bigint[])], $2, 'USD', 'bulk ' || g,"
        " DATE '2025-01-01', DATE '2025-01-31', 30, 110, 3, current_date,"
        " (SELECT min(id) FROM users)"
        " FROM generate_series(1, $3) AS g RETURNING id",
        customer_ids,
        org_id,
        count,
    )
    ids = [r["id"] for r in rows]
    await api.sql(
        "INSERT INTO invoice_lines (invoice_id, position, description, amount)"
        " SELECT id, p, 'line ' || p, 50 FROM unnest($1::bigint[]) AS id, generate_series(1, 2) p",
        ids,
    )
    await api.sql(
        "INSERT INTO invoice_taxes (invoice_id, name, amount)"
        " SELECT id, 'VAT', 10 FROM unnest($1::bigint[]) AS id",
        ids,
    )


async def test_nested_fields_cost_the_same_for_10_and_100_invoices(api: Api) -> None:
    org = await api.organization()
    customers = [(await api.customer(org, f"C{i}"))[0] for i in range(5)]
    await _bulk_invoices(api, customers, org[0], 100)

    counts = []
    for first in (10, 100):
        body = await api.gql(NESTED, {"first": first}, login=org[1])
        assert "errors" not in body, body["errors"]
        edges = body["data"]["invoices"]["edges"]
        assert len(edges) == first
        assert all(len(e["node"]["lines"]) == 2 and e["node"]["taxes"] for e in edges)
        assert sum(Decimal(e["node"]["amount"]) for e in edges) == 110 * first
        counts.append(body["extensions"]["sqlStatements"])

    assert counts[0] == counts[1], counts


async def test_one_invoice_out_of_reach_reads_null_like_a_missing_one(api: Api) -> None:
    org = await api.organization("A")
    other = await api.organization("B")
    acme_id, acme = await api.customer(org, "Acme")
    _, bright = await api.customer(org, "Bright")
    invoice = await create_invoice(api, org[1], acme_id)
    query = "query($id: ID!) { invoice(id: $id) { id } }"

    for login in (org[1], acme, None):
        assert (await api.data(query, {"id": invoice["id"]}, login=login))["invoice"] is not None
    for login in (other[1], bright):
        assert (await api.data(query, {"id": invoice["id"]}, login=login))["invoice"] is None
    assert (await api.data(query, {"id": "999999"}, login=org[1]))["invoice"] is None
    body = await api.gql(query, {"id": "abc"}, login=org[1])
    assert body["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"
