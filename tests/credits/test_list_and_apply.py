"""The credits list (who sees what, order, filters, pages) and applying credit to invoices."""

from __future__ import annotations

from tests.credits.helpers import (
    APPLY,
    BALANCE,
    CREDITS,
    REVOKE,
    claimed,
    ledger_of,
    offer,
)
from tests.invoices.helpers import approved_invoice, create_invoice
from tests.margins.helpers import NOT_ALLOWED_CUSTOMER, mutate, only_error, refused, roles
from tests.support import Api

INVOICE = "query($id: ID!) { invoice(id: $id) { amount paidAmount outstanding status } }"


async def test_each_sees_the_credits_it_reaches_last_modified_first(api: Api) -> None:
    world = await roles(api)
    first = await offer(api, world.org, world.customer_id, "100")
    second = await offer(api, world.org, world.customer_id, "200")
    foreign = await offer(api, world.other_org, world.other_customer_id, "300")
    await mutate(api, REVOKE, {"creditId": first["id"]}, world.org)  # now the latest change

    as_org = await api.data(CREDITS, login=world.org)
    as_customer = await api.data(CREDITS, login=world.customer)
    as_super = await api.data(CREDITS)

    def ids(data: dict[str, object]) -> list[str]:
        return [e["node"]["id"] for e in data["credits"]["edges"]]  # type: ignore[index]

    assert ids(as_org) == [first["id"], second["id"]]
    assert ids(as_customer) == [first["id"], second["id"]]
    assert ids(as_super) == [first["id"], foreign["id"], second["id"]]
    assert as_org["credits"]["edges"][0]["node"] == {
        "id": first["id"],
        "amount": "100.00",
        "status": "REVOKED",
        "organizationName": "Northwind",
        "displayName": "Acme",
    }


async def test_the_list_filters_by_customer_and_status_and_pages(api: Api) -> None:
    world = await roles(api)
    second_customer, _ = await api.customer((world.org_id, world.org), "Bright")
    made = [await offer(api, world.org, world.customer_id, str(10 + i)) for i in range(5)]
    await offer(api, world.org, second_customer, "99")
    await mutate(api, REVOKE, {"creditId": made[0]["id"]}, world.org)

    unclaimed = {"owId": str(world.customer_id), "status": ["UNCLAIMED"]}
    page1 = await api.data(CREDITS, {"filter": unclaimed, "first": 3}, login=world.org)
    cursor = page1["credits"]["pageInfo"]["endCursor"]
    page2 = await api.data(
        CREDITS, {"filter": unclaimed, "first": 3, "after": cursor}, login=world.org
    )

    seen = [e["node"]["id"] for e in page1["credits"]["edges"] + page2["credits"]["edges"]]
    assert seen == [c["id"] for c in reversed(made[1:])]
    assert page1["credits"]["totalCount"] == 4
    assert page1["credits"]["pageInfo"]["hasNextPage"] is True
    assert page2["credits"]["pageInfo"]["hasNextPage"] is False


async def test_filtering_on_a_customer_out_of_reach_is_refused(api: Api) -> None:
    world = await roles(api)

    errors = await refused(
        api, CREDITS, {"filter": {"owId": str(world.other_customer_id)}}, world.org
    )

    assert errors[0]["message"] == NOT_ALLOWED_CUSTOMER


async def test_claimed_credit_settles_an_invoice_and_leaves_the_balance(api: Api) -> None:
    world = await roles(api)
    credit = await claimed(api, world.org, world.customer, "1000")
    invoice = await approved_invoice(api, world.org, world.customer_id)  # 1250.15

    payload = await mutate(
        api,
        APPLY,
        {"creditId": credit["id"], "invoiceId": invoice["id"], "amount": "400.15"},
        world.customer,
    )

    assert payload["userErrors"] == []
    assert payload["credit"]["appliedAmount"] == "400.15"
    assert payload["credit"]["allocations"] == [{"invoiceId": invoice["id"], "amount": "400.15"}]
    settled = await api.data(INVOICE, {"id": invoice["id"]}, login=world.customer)
    assert settled["invoice"] == {
        "amount": "1250.15",
        "paidAmount": "400.15",
        "outstanding": "850.00",
        "status": "PARTIALLY_PAID",
    }
    assert await ledger_of(api, world.customer_id) == [
        ("CREDIT_CLAIMED", "1000.00"),
        ("CREDIT_APPLIED", "-400.15"),
    ]
    summary = await api.data(BALANCE, login=world.customer)
    assert summary["workspace"] == {
        "availableBalance": "599.85",
        "creditSummary": {
            "usedCredit": "400.15",
            "totalCredit": "1000.00",
            "availableCredit": "599.85",
        },
    }


async def test_credit_can_pay_an_invoice_in_full(api: Api) -> None:
    world = await roles(api)
    credit = await claimed(api, world.org, world.customer, "2000")
    invoice = await approved_invoice(api, world.org, world.customer_id)

    await mutate(
        api,
        APPLY,
        {"creditId": credit["id"], "invoiceId": invoice["id"], "amount": "1250.15"},
        world.org,
    )

    settled = await api.data(INVOICE, {"id": invoice["id"]}, login=world.org)
    assert settled["invoice"]["status"] == "PAID"
    assert settled["invoice"]["outstanding"] == "0.00"


async def test_never_more_than_the_invoice_owes_nor_the_credit_holds(api: Api) -> None:
    world = await roles(api)
    credit = await claimed(api, world.org, world.customer, "1000")
    invoice = await approved_invoice(api, world.org, world.customer_id)
    base = {"creditId": credit["id"], "invoiceId": invoice["id"]}

    over_invoice = await mutate(api, APPLY, {**base, "amount": "1250.16"}, world.customer)
    over_credit = await mutate(api, APPLY, {**base, "amount": "1000.01"}, world.customer)
    await mutate(api, APPLY, {**base, "amount": "900"}, world.customer)
    over_rest = await mutate(api, APPLY, {**base, "amount": "100.01"}, world.customer)

    assert only_error(over_invoice) == (["input", "amount"], "OVERPAYMENT")
    assert only_error(over_credit) == (["input", "amount"], "INSUFFICIENT_FUNDS")
    assert only_error(over_rest) == (["input", "amount"], "INSUFFICIENT_FUNDS")
    assert "100.00" in over_rest["userErrors"][0]["message"]
    assert await ledger_of(api, world.customer_id) == [
        ("CREDIT_CLAIMED", "1000.00"),
        ("CREDIT_APPLIED", "-900.00"),
    ]


async def test_only_claimed_credit_and_approved_invoices(api: Api) -> None:
    world = await roles(api)
    unclaimed = await offer(api, world.org, world.customer_id)
    credit = await claimed(api, world.org, world.customer)
    pending = await create_invoice(api, world.org, world.customer_id)
    approved = await approved_invoice(api, world.org, world.customer_id)

    from_offer = await mutate(
        api,
        APPLY,
        {"creditId": unclaimed["id"], "invoiceId": approved["id"], "amount": "1"},
        world.customer,
    )
    to_pending = await mutate(
        api,
        APPLY,
        {"creditId": credit["id"], "invoiceId": pending["id"], "amount": "1"},
        world.customer,
    )

    assert only_error(from_offer) == (["input", "creditId"], "INVALID_STATE")
    assert only_error(to_pending) == (["input", "invoiceId"], "INVALID_STATE")
    assert await api.sql("SELECT 1 FROM credit_allocations") == []


async def test_credit_applies_to_its_own_customers_invoices_only(api: Api) -> None:
    world = await roles(api)
    credit = await claimed(api, world.org, world.customer)
    second_customer = await api.customer((world.org_id, world.org), "Bright")
    elsewhere = await approved_invoice(api, world.org, second_customer[0])
    own = await approved_invoice(api, world.org, world.customer_id)

    other_invoice = await mutate(
        api,
        APPLY,
        {"creditId": credit["id"], "invoiceId": elsewhere["id"], "amount": "1"},
        world.org,
    )
    other_customer = await mutate(
        api,
        APPLY,
        {"creditId": credit["id"], "invoiceId": own["id"], "amount": "1"},
        world.other_customer,
    )

    assert only_error(other_invoice) == (["input", "invoiceId"], "NOT_FOUND")
    assert only_error(other_customer) == (["input", "creditId"], "NOT_FOUND")
