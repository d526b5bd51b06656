"""The finance-settings history, the invoice-template prerequisite, and the statement count of
the customers list with every finance field on each node."""

from __future__ import annotations

from tests.margins.helpers import NOT_ALLOWED_API, USER_ERRORS, mutate, refused, roles
from tests.support import Api

UPDATE = f"""mutation($input: UpdateCustomerMarginInput!) {{
  updateCustomerMargin(input: $input) {{ workspace {{ id }} {USER_ERRORS} }}
}}"""
DV = f"""mutation($input: SetDoubleVerifyInput!) {{
  setDoubleVerify(input: $input) {{ financeSettings {{ owId }} {USER_ERRORS} }}
}}"""
HISTORY = """query($owId: ID!, $setting: String, $first: Int, $after: String) {
  financeSettingsHistory(owId: $owId, setting: $setting, first: $first, after: $after) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { node { setting oldValue newValue changedBy changedAt campaignId } }
  }
}"""
PREREQUISITE = """query($owId: ID) {
  invoiceTemplatePrerequisite(owId: $owId) {
    isParentInvoiceTemplateSet invoiceTemplateRequired organizationAppAccessible
    customerAppAccessible customerMarginList { owId customerName }
  }
}"""


async def test_each_margin_change_is_kept_with_who_when_old_and_new(api: Api) -> None:
    world = await roles(api)
    for value in ("10", "12.5", "12.50", "15"):  # 12.50 is no change
        await mutate(api, UPDATE, {"owId": str(world.customer_id), "marginValue": value}, world.org)

    first_page = await api.data(
        HISTORY, {"owId": str(world.customer_id), "first": 2}, login=world.org
    )
    history = first_page["financeSettingsHistory"]
    second_page = await api.data(
        HISTORY,
        {"owId": str(world.customer_id), "first": 2, "after": history["pageInfo"]["endCursor"]},
        login=world.org,
    )

    assert history["totalCount"] == 3
    changes = [e["node"] for e in history["edges"] + second_page["financeSettingsHistory"]["edges"]]
    assert [(c["setting"], c["oldValue"], c["newValue"]) for c in changes] == [
        ("grossMargin", "12.5", "15"),
        ("grossMargin", "10", "12.5"),
        ("grossMargin", None, "10"),
    ]
    assert {c["changedBy"] for c in changes} == {world.org.email}
    assert history["pageInfo"]["hasNextPage"] is True
    assert second_page["financeSettingsHistory"]["pageInfo"]["hasNextPage"] is False


async def test_history_narrows_to_one_setting_and_hides_super_only_flags(api: Api) -> None:
    world = await roles(api)
    await mutate(api, UPDATE, {"owId": str(world.customer_id), "marginValue": "10"}, world.org)
    await mutate(
        api, DV, {"owId": str(world.customer_id), "isDvIvtSegmentsEnabled": True}, world.super
    )

    as_org = await api.data(HISTORY, {"owId": str(world.customer_id)}, login=world.org)
    as_super = await api.data(HISTORY, {"owId": str(world.customer_id)})
    only_dv = await api.data(
        HISTORY, {"owId": str(world.customer_id), "setting": "isDvIvtSegmentsEnabled"}
    )

    assert [e["node"]["setting"] for e in as_org["financeSettingsHistory"]["edges"]] == [
        "grossMargin"
    ]
    assert as_super["financeSettingsHistory"]["totalCount"] == 2
    assert [
        (e["node"]["oldValue"], e["node"]["newValue"])
        for e in only_dv["financeSettingsHistory"]["edges"]
    ] == [("false", "true")]


async def test_history_is_refused_to_customers_and_other_organizations(api: Api) -> None:
    world = await roles(api)

    await refused(api, HISTORY, {"owId": str(world.customer_id)}, world.customer)
    await refused(api, HISTORY, {"owId": str(world.customer_id)}, world.other_org)


async def test_the_prerequisite_lists_customers_without_a_margin(api: Api) -> None:
    world = await roles(api)
    second_id, _ = await api.customer((world.org_id, world.org), "Bright")

    before = await api.data(PREREQUISITE, login=world.org)
    await api.sql("INSERT INTO invoice_settings (workspace_id) VALUES ($1)", world.org_id)
    await mutate(api, UPDATE, {"owId": str(world.customer_id), "marginValue": "10"}, world.org)
    middle = await api.data(PREREQUISITE, login=world.org)
    await mutate(api, UPDATE, {"owId": str(second_id), "marginValue": "10"}, world.org)
    after = await api.data(PREREQUISITE, {"owId": str(world.org_id)})

    assert before["invoiceTemplatePrerequisite"] == {
        "isParentInvoiceTemplateSet": False,
        "invoiceTemplateRequired": True,
        "organizationAppAccessible": False,
        "customerAppAccessible": False,
        "customerMarginList": [
            {"owId": str(second_id), "customerName": "Bright"},
            {"owId": str(world.customer_id), "customerName": "Acme"},
        ],
    }
    assert middle["invoiceTemplatePrerequisite"]["isParentInvoiceTemplateSet"] is True
    assert middle["invoiceTemplatePrerequisite"]["organizationAppAccessible"] is True
    assert middle["invoiceTemplatePrerequisite"]["customerAppAccessible"] is False
    assert middle["invoiceTemplatePrerequisite"]["customerMarginList"] == [
        {"owId": str(second_id), "customerName": "Bright"}
    ]
    assert after["invoiceTemplatePrerequisite"]["customerAppAccessible"] is True
    assert after["invoiceTemplatePrerequisite"]["customerMarginList"] == []


async def test_the_prerequisite_is_for_organizations(api: Api) -> None:
    world = await roles(api)

    errors = await refused(api, PREREQUISITE, {}, world.customer)
    body = await api.gql(PREREQUISITE, {"owId": str(world.customer_id)})

    assert errors[0]["message"] == NOT_ALLOWED_API
    assert body["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"
    await refused(api, PREREQUISITE, {"owId": str(world.other_org_id)}, world.org)


CUSTOMERS = """query($first: Int) {
  customers(first: $first) {
    edges { node { id grossMargin availableBalance
                   creditSummary { usedCredit totalCredit availableCredit }
                   financeDetails { totalCampaigns spent earning credits balance } } }
  }
}"""


async def test_finance_fields_of_10_and_100_customers_cost_the_same_statements(
    api: Api,
) -> None:
    org = await api.organization()
    ids = await api.sql(
        "INSERT INTO workspaces (kind, name, parent_id)"
        " SELECT 'CUSTOMER', 'C' || g, $1 FROM generate_series(1, 100) g RETURNING id",
        org[0],
    )
    await api.sql(
        "INSERT INTO workspace_margins (workspace_id, gross_margin)"
        " SELECT unnest($1::bigint[]), 15",
        [r["id"] for r in ids],
    )

    counts = []
    for first in (10, 100):
        body = await api.gql(CUSTOMERS, {"first": first}, login=org[1])
        assert "errors" not in body, body["errors"]
        nodes = [e["node"] for e in body["data"]["customers"]["edges"]]
        assert len(nodes) == first
        assert {n["grossMargin"] for n in nodes} == {"15"}
        assert {n["creditSummary"]["totalCredit"] for n in nodes} == {"0.00"}
        counts.append(body["extensions"]["sqlStatements"])

    assert counts[0] == counts[1] == 5, counts  # page, balances, margins, credits, overviews
