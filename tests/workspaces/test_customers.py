"""The customers connection: who sees whom, search, and cursor pagination."""

from __future__ import annotations

from tests.support import Api

CUSTOMERS = """query($search: String, $first: Int, $after: String) {
  customers(search: $search, first: $first, after: $after) {
    totalCount
    edges { cursor node { id name kind } }
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
  }
}"""


async def test_an_organization_sees_its_customers_only(api: Api) -> None:
    org = await api.organization("A")
    other = await api.organization("B")
    mine = [await api.customer(org, f"Mine {i}") for i in range(3)]
    await api.customer(other, "Theirs")
    data = await api.data(CUSTOMERS, login=org[1])
    names = [e["node"]["name"] for e in data["customers"]["edges"]]
    assert names == ["Mine 0", "Mine 1", "Mine 2"]
    assert data["customers"]["totalCount"] == len(mine)


async def test_super_sees_every_organization_and_customer(api: Api) -> None:
    org = await api.organization("A")
    await api.customer(org, "C")
    data = await api.data(CUSTOMERS)
    assert [e["node"]["kind"] for e in data["customers"]["edges"]] == ["ORGANIZATION", "CUSTOMER"]


async def test_a_customer_may_not_list_customers(api: Api) -> None:
    org = await api.organization()
    _, login = await api.customer(org)
    body = await api.gql(CUSTOMERS, login=login)
    assert body["errors"][0]["extensions"]["code"] == "FORBIDDEN"


async def test_search_by_name_or_id(api: Api) -> None:
    org = await api.organization()
    acme_id, _ = await api.customer(org, "Acme Shoes")
    await api.customer(org, "Bright Dental")
    by_name = await api.data(CUSTOMERS, {"search": "acme"}, login=org[1])
    by_id = await api.data(CUSTOMERS, {"search": str(acme_id)}, login=org[1])
    for data in (by_name, by_id):
        assert [e["node"]["name"] for e in data["customers"]["edges"]] == ["Acme Shoes"]
        assert data["customers"]["totalCount"] == 1


async def test_pages_follow_each_other_without_gaps_or_repeats(api: Api) -> None:
    org = await api.organization()
    for i in range(7):
        await api.customer(org, f"C{i}")
    seen: list[str] = []
    after = None
    while True:
        data = await api.data(CUSTOMERS, {"first": 3, "after": after}, login=org[1])
        page = data["customers"]
        seen += [e["node"]["name"] for e in page["edges"]]
        assert page["pageInfo"]["hasPreviousPage"] is (after is not None)
        assert page["totalCount"] == 7
        if not page["pageInfo"]["hasNextPage"]:
            break
        after = page["pageInfo"]["endCursor"]
    assert seen == [f"C{i}" for i in range(7)]


async def test_page_size_and_cursor_are_checked_before_any_sql(api: Api) -> None:
    for variables in ({"first": 0}, {"first": 101}, {"first": -1}, {"after": "not-a-cursor"}):
        body = await api.gql(CUSTOMERS, variables)
        assert body["data"] is None
        assert body["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"
        assert body["extensions"]["sqlStatements"] == 0
