"""createWorkspace, addWorkspaceMember, workspace and customers: each access rule, both ways."""

from __future__ import annotations

from tests.support import CREATE_WORKSPACE, Api

WORKSPACE = "query($id: ID) { workspace(owId: $id) { id name kind currency parent { id } } }"


async def test_super_creates_organizations_and_their_customers(api: Api) -> None:
    org_id, _ = await api.organization("Northwind", currency="EUR")
    customer_id, _ = await api.create_workspace("CUSTOMER", "Acme", parent=org_id)
    data = await api.data(WORKSPACE, {"id": str(customer_id)})
    assert data["workspace"] == {
        "id": str(customer_id),
        "name": "Acme",
        "kind": "CUSTOMER",
        "currency": "USD",
        "parent": {"id": str(org_id)},
    }


async def test_an_organization_creates_only_its_own_customers(api: Api) -> None:
    org = await api.organization("Org")
    other_org_id, _ = await api.organization("Other")
    customer_id, _ = await api.customer(org)
    data = await api.data(WORKSPACE, {"id": str(customer_id)}, login=org[1])
    assert data["workspace"]["parent"] == {"id": str(org[0])}

    under_other = await api.gql(
        CREATE_WORKSPACE,
        {"input": {"kind": "CUSTOMER", "name": "X", "parentOwId": str(other_org_id)}},
        login=org[1],
    )
    assert under_other["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    organization = await api.gql(
        CREATE_WORKSPACE, {"input": {"kind": "ORGANIZATION", "name": "X"}}, login=org[1]
    )
    assert organization["errors"][0]["extensions"]["code"] == "FORBIDDEN"


async def test_a_customer_creates_nothing(api: Api) -> None:
    org = await api.organization()
    _, customer_login = await api.customer(org)
    body = await api.gql(
        CREATE_WORKSPACE, {"input": {"kind": "CUSTOMER", "name": "X"}}, login=customer_login
    )
    assert body["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    assert body["errors"][0]["message"] == "User is not allowed to access this api"
    assert await api.sql("SELECT 1 FROM workspaces WHERE name = 'X'") == []


async def test_bad_input_is_a_user_error_naming_the_field_and_writes_nothing(api: Api) -> None:
    org = await api.organization()
    cases = [
        ({"kind": "CUSTOMER", "name": "  "}, ["input", "name"], "INVALID"),
        ({"kind": "CUSTOMER", "name": "Y", "currency": "XYZ"}, ["input", "currency"], "INVALID"),
        (
            {"kind": "CUSTOMER", "name": "Y", "parentOwId": "abc"},
            ["input", "parentOwId"],
            "INVALID",
        ),
        ({"kind": "SUPER_ORGANIZATION", "name": "Y"}, ["input", "kind"], "INVALID"),
    ]
    before = await api.sql("SELECT count(*) AS n FROM workspaces")
    for given, field, code in cases:
        data = await api.data(CREATE_WORKSPACE, {"input": given}, login=org[1])
        errors = data["createWorkspace"]["userErrors"]
        assert data["createWorkspace"]["workspace"] is None
        assert [(e["field"], e["code"]) for e in errors] == [(field, code)], errors
    after = await api.sql("SELECT count(*) AS n FROM workspaces")
    assert before == after


async def test_super_must_name_the_organization_of_a_customer(api: Api) -> None:
    data = await api.data(CREATE_WORKSPACE, {"input": {"kind": "CUSTOMER", "name": "Orphan"}})
    assert data["createWorkspace"]["userErrors"][0]["field"] == ["input", "parentOwId"]
    customer_parent = await api.organization()
    customer_id, _ = await api.customer(customer_parent)
    data = await api.data(
        CREATE_WORKSPACE,
        {"input": {"kind": "CUSTOMER", "name": "Nested", "parentOwId": str(customer_id)}},
    )
    assert data["createWorkspace"]["userErrors"][0]["code"] == "INVALID"


async def test_members_act_in_the_workspace_they_were_added_to(api: Api) -> None:
    org = await api.organization()
    customer_id, customer_login = await api.customer(org)
    data = await api.data("{ me { activeWorkspace { id kind } } }", login=customer_login)
    assert data["me"]["activeWorkspace"] == {"id": str(customer_id), "kind": "CUSTOMER"}


async def test_add_member_rules(api: Api) -> None:
    org = await api.organization("A")
    other = await api.organization("B")
    customer_id, customer_login = await api.customer(org)
    add = """mutation($input: AddWorkspaceMemberInput!) {
      addWorkspaceMember(input: $input) { workspace { id } userErrors { field code } } }"""
    own = await api.data(
        add, {"input": {"owId": str(customer_id), "email": "New@X.io"}}, login=org[1]
    )
    assert own["addWorkspaceMember"]["workspace"] == {"id": str(customer_id)}
    users = await api.sql("SELECT email FROM users WHERE email = 'new@x.io'")
    assert len(users) == 1
    foreign = await api.gql(
        add, {"input": {"owId": str(other[0]), "email": "z@x.io"}}, login=org[1]
    )
    missing = await api.gql(add, {"input": {"owId": "987654", "email": "z@x.io"}}, login=org[1])
    assert foreign["errors"][0]["message"] == missing["errors"][0]["message"]
    assert foreign["errors"][0]["extensions"] == {"code": "FORBIDDEN"}
    by_customer = await api.gql(
        add, {"input": {"owId": str(customer_id), "email": "q@x.io"}}, login=customer_login
    )
    assert by_customer["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    bad_email = await api.data(
        add, {"input": {"owId": str(customer_id), "email": "nope"}}, login=org[1]
    )
    assert bad_email["addWorkspaceMember"]["userErrors"] == [
        {"field": ["input", "email"], "code": "INVALID"}
    ]


async def test_workspace_out_of_reach_reads_like_a_missing_one(api: Api) -> None:
    org = await api.organization("A")
    other = await api.organization("B")
    other_customer, _ = await api.customer(other)
    foreign = await api.gql(WORKSPACE, {"id": str(other_customer)}, login=org[1])
    missing = await api.gql(WORKSPACE, {"id": "999999"}, login=org[1])
    assert foreign["data"] == missing["data"] == {"workspace": None}
    assert (
        foreign["errors"][0]["message"]
        == missing["errors"][0]["message"]
        == ("User is not allowed to access provided customer details")
    )
    default = await api.data(WORKSPACE, {"id": None}, login=org[1])
    assert default["workspace"]["id"] == str(org[0])


async def test_a_customer_reaches_itself_only(api: Api) -> None:
    org = await api.organization()
    customer_id, login = await api.customer(org)
    sibling_id, _ = await api.customer(org, "Sibling")
    assert (await api.data(WORKSPACE, {"id": str(customer_id)}, login=login))["workspace"]
    sibling = await api.gql(WORKSPACE, {"id": str(sibling_id)}, login=login)
    assert sibling["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    parent = await api.gql(WORKSPACE, {"id": str(org[0])}, login=login)
    assert parent["errors"][0]["extensions"]["code"] == "FORBIDDEN"
