"""Who records, changes and decides on payments; refusals reveal nothing."""

from __future__ import annotations

from typing import Any

import pytest

from tests.payments.helpers import (
    ADD,
    APPROVE,
    CANCEL,
    EDIT,
    PAYMENT,
    RECONCILE,
    REJECT,
    add,
    approved,
    count_payments,
    decide,
    funded,
    invoice,
    payment_input,
    run,
    world,
)
from tests.support import Api, Login

NOT_ALLOWED = "User is not allowed to access provided customer details"


async def forbidden(api: Api, mutation: str, value: dict[str, Any], login: Login) -> str:
    """A request refused as FORBIDDEN with nothing written; returns the message."""
    before = await count_payments(api)
    body = await api.gql(mutation, {"input": value}, login=login)
    assert body["data"] is None
    [error] = body["errors"]
    assert error["extensions"]["code"] == "FORBIDDEN"
    assert await count_payments(api) == before
    message: str = error["message"]
    return message


def refund(ow_id: int) -> dict[str, Any]:
    return payment_input(ow_id, type="REFUND", mode="TO_FUNDS", refundReason="Closing")


async def test_a_customer_pays_in_for_itself_but_never_refunds(api: Api) -> None:
    w = await world(api)
    await add(api, w.customer, w.customer_id)
    invoice_id = await invoice(api, w)
    await add(
        api,
        w.customer,
        w.customer_id,
        type="AGAINST_INVOICE",
        allocations=[{"invoiceId": invoice_id, "amount": "100.00"}],
    )
    await forbidden(api, ADD, refund(w.customer_id), w.customer)


async def test_a_customer_cannot_pay_for_another_workspace_existing_or_not(api: Api) -> None:
    w = await world(api)
    sibling_id, _ = await api.customer((w.org_id, w.org), "Sibling")
    messages = {
        await forbidden(api, ADD, payment_input(target), w.customer)
        for target in (sibling_id, w.org_id, 987654)
    }
    assert messages == {NOT_ALLOWED}


async def test_an_organization_records_any_type_for_its_customer(api: Api) -> None:
    w = await world(api)
    await funded(api, w, "50.00")
    invoice_id = await invoice(api, w)
    await add(
        api,
        w.org,
        w.customer_id,
        type="AGAINST_INVOICE",
        mode="WIRE_TRANSFER",
        bankName="ACME",
        allocations=[{"invoiceId": invoice_id, "amount": "100.00"}],
    )
    refunded = await add(api, w.org, w.customer_id, **refund(w.customer_id) | {"amount": "50"})
    assert refunded["type"] == "REFUND"


async def test_an_organization_adds_funds_for_itself_and_super_approves_them(api: Api) -> None:
    w = await world(api)
    payment = await add(api, w.org, w.org_id, amount="500.00")
    # the organization does not decide on its own payment; its manager (super) does
    await forbidden(api, APPROVE, {"paymentId": payment["id"]}, w.org)
    await approved(api, api.super_login, payment["id"])
    # an organization pays no invoice of its own and refunds nothing to itself
    against = payment_input(w.org_id, type="AGAINST_INVOICE")
    await forbidden(api, ADD, against, w.org)
    await forbidden(api, ADD, refund(w.org_id), w.org)


async def test_an_organization_cannot_reach_another_organizations_customer(api: Api) -> None:
    w = await world(api)
    other = await world(api, "Other")
    assert await forbidden(api, ADD, payment_input(other.customer_id), w.org) == NOT_ALLOWED


async def test_super_records_for_everyone_below_it_but_not_for_itself(api: Api) -> None:
    w = await world(api)
    await add(api, api.super_login, w.org_id)
    await add(api, api.super_login, w.customer_id)
    await forbidden(api, ADD, payment_input(api.super_login.ow_id), api.super_login)


@pytest.mark.parametrize("mutation", [APPROVE, REJECT])
async def test_only_the_manager_approves_or_rejects(api: Api, mutation: str) -> None:
    w = await world(api)
    payment = await add(api, w.customer, w.customer_id)
    await forbidden(api, mutation, {"paymentId": payment["id"]}, w.customer)
    assert (await decide(api, mutation, api.super_login, payment["id"]))["userErrors"] == []


async def test_the_payer_or_the_manager_cancels_but_a_refund_is_the_managers(api: Api) -> None:
    w = await world(api)
    own = await add(api, w.customer, w.customer_id)
    assert (await decide(api, CANCEL, w.customer, own["id"]))["userErrors"] == []
    recorded = await add(api, w.org, w.customer_id)
    assert (await decide(api, CANCEL, w.customer, recorded["id"]))["userErrors"] == []
    await funded(api, w, "10.00")
    refunded = await add(api, w.org, w.customer_id, **refund(w.customer_id) | {"amount": "5"})
    await forbidden(api, CANCEL, {"paymentId": refunded["id"]}, w.customer)
    edit = {"paymentId": refunded["id"], "version": 1, "amount": "4.00"}
    await forbidden(api, EDIT, edit, w.customer)
    assert (await decide(api, CANCEL, w.org, refunded["id"]))["userErrors"] == []


@pytest.mark.parametrize("mutation", [APPROVE, REJECT, CANCEL])
async def test_a_payment_out_of_reach_is_not_found_like_a_missing_one(
    api: Api, mutation: str
) -> None:
    w = await world(api)
    other = await world(api, "Other")
    payment = await add(api, other.customer, other.customer_id)
    for payment_id, login in (
        (payment["id"], w.org),
        ("999999", w.org),
        (payment["id"], w.customer),
    ):
        payload = await decide(api, mutation, login, payment_id)
        assert [(e["code"], e["field"]) for e in payload["userErrors"]] == [
            ("NOT_FOUND", ["input", "paymentId"])
        ]
    edit = await run(api, EDIT, {"paymentId": payment["id"], "version": 1}, w.org)
    assert [e["code"] for e in edit["userErrors"]] == ["NOT_FOUND"]
    assert (await api.data(PAYMENT, {"id": payment["id"]}, login=w.org))["payment"] is None


async def test_only_the_manager_reconciles(api: Api) -> None:
    w = await world(api)
    payment = await add(api, w.customer, w.customer_id)
    await approved(api, w.org, payment["id"])
    value = {"paymentId": payment["id"], "reconciled": True}
    await forbidden(api, RECONCILE, value, w.customer)
    payload = await run(api, RECONCILE, value, w.org)
    assert payload["payment"]["reconcileStatus"] == "RECONCILED"
