"""Offer, change, revoke and claim a credit: states, money, input and who may do what."""

from __future__ import annotations

import asyncio
import json
from typing import Any

import asyncpg
import pytest

from tests.credits.helpers import (
    BALANCE,
    CLAIM,
    OFFER,
    REVOKE,
    UPDATE,
    claim_input,
    claimed,
    ledger_of,
    offer,
)
from tests.margins.helpers import (
    NOT_ALLOWED_API,
    NOT_ALLOWED_CUSTOMER,
    mutate,
    only_error,
    refused,
    roles,
)
from tests.support import Api


async def test_an_organization_offers_credit_to_its_customer(api: Api) -> None:
    world = await roles(api)

    credit = await offer(api, world.org, world.customer_id, "5000")

    assert credit["status"] == "UNCLAIMED"
    assert credit["amount"] == "5000.00"
    assert credit["workspace"] == {"id": str(world.customer_id)}
    assert credit["offeredBy"] == {"id": str(world.org_id)}
    assert (credit["organizationName"], credit["displayName"]) == ("Northwind", "Acme")
    assert credit["businessDetails"] is None
    assert await ledger_of(api, world.customer_id) == []


async def test_an_offer_retried_with_its_key_is_made_once(api: Api) -> None:
    world = await roles(api)
    value = {"owId": str(world.customer_id), "amount": "100", "idempotencyKey": "offer-1"}

    first = await mutate(api, OFFER, value, world.org)
    again = await mutate(api, OFFER, value, world.org)
    other = await mutate(api, OFFER, {**value, "amount": "200"}, world.org)

    assert first["credit"]["id"] == again["credit"]["id"]
    assert only_error(other) == (["input", "idempotencyKey"], "IDEMPOTENCY_MISMATCH")
    assert len(await api.sql("SELECT 1 FROM credits")) == 1


@pytest.mark.parametrize(
    ("amount", "code"),
    [
        ("0", "OUT_OF_RANGE"),
        ("-10", "OUT_OF_RANGE"),
        ("1000000001", "OUT_OF_RANGE"),
        ("10.001", "INVALID"),
        ("ten", "INVALID"),
    ],
)
async def test_bad_amounts_are_refused_naming_the_field(api: Api, amount: str, code: str) -> None:
    world = await roles(api)

    payload = await mutate(
        api, OFFER, {"owId": str(world.customer_id), "amount": amount}, world.org
    )

    assert only_error(payload) == (["input", "amount"], code)
    assert await api.sql("SELECT 1 FROM credits") == []


async def test_credit_is_offered_to_customers_by_their_organization_or_super(api: Api) -> None:
    world = await roles(api)
    value = {"owId": str(world.customer_id), "amount": "10"}

    by_super = await mutate(api, OFFER, value, world.super)
    to_org = await mutate(api, OFFER, {**value, "owId": str(world.org_id)}, world.super)
    by_customer = await refused(api, OFFER, {"input": value}, world.customer)
    by_other = await refused(api, OFFER, {"input": value}, world.other_org)

    assert by_super["userErrors"] == []
    assert only_error(to_org) == (["input", "owId"], "INVALID")
    assert by_customer[0]["message"] == NOT_ALLOWED_API
    assert by_other[0]["message"] == NOT_ALLOWED_CUSTOMER


async def test_an_unclaimed_credit_can_be_changed_and_revoked(api: Api) -> None:
    world = await roles(api)
    credit = await offer(api, world.org, world.customer_id, "4000")

    changed = await mutate(api, UPDATE, {"creditId": credit["id"], "amount": "3500.5"}, world.org)
    revoked = await mutate(api, REVOKE, {"creditId": credit["id"]}, world.org)
    again = await mutate(api, UPDATE, {"creditId": credit["id"], "amount": "1"}, world.org)

    assert changed["credit"]["amount"] == "3500.50"
    assert changed["credit"]["modifiedAt"] > credit["modifiedAt"]
    assert revoked["credit"]["status"] == "REVOKED"
    assert only_error(again) == (["input", "creditId"], "INVALID_STATE")
    claim = await mutate(api, CLAIM, claim_input(credit["id"]), world.customer)
    assert only_error(claim) == (["input", "creditId"], "INVALID_STATE")


async def test_a_claimed_credit_can_no_longer_be_changed_or_revoked(api: Api) -> None:
    world = await roles(api)
    credit = await claimed(api, world.org, world.customer)

    changed = await mutate(api, UPDATE, {"creditId": credit["id"], "amount": "1"}, world.org)
    revoked = await mutate(api, REVOKE, {"creditId": credit["id"]}, world.org)

    assert only_error(changed) == (["input", "creditId"], "INVALID_STATE")
    assert only_error(revoked) == (["input", "creditId"], "INVALID_STATE")


async def test_another_organizations_credit_is_not_found(api: Api) -> None:
    world = await roles(api)
    credit = await offer(api, world.org, world.customer_id)

    foreign = await mutate(api, REVOKE, {"creditId": credit["id"]}, world.other_org)
    missing = await mutate(api, REVOKE, {"creditId": "987654"}, world.other_org)
    by_customer = await refused(api, REVOKE, {"input": {"creditId": credit["id"]}}, world.customer)

    assert only_error(foreign) == only_error(missing) == (["input", "creditId"], "NOT_FOUND")
    assert foreign["userErrors"][0]["message"] == missing["userErrors"][0]["message"]
    assert by_customer[0]["message"] == NOT_ALLOWED_API


async def test_claiming_moves_the_amount_into_the_balance(api: Api) -> None:
    world = await roles(api)
    credit = await offer(api, world.org, world.customer_id, "1500")

    payload = await mutate(api, CLAIM, claim_input(credit["id"]), world.customer)

    assert payload["userErrors"] == []
    assert payload["credit"]["status"] == "CLAIMED"
    assert payload["credit"]["claimedAt"] is not None
    assert payload["credit"]["businessDetails"]["contactPersonEmail"] == "jp+customer@example.test"
    assert await ledger_of(api, world.customer_id) == [("CREDIT_CLAIMED", "1500.00")]
    seen = await api.data(BALANCE, login=world.customer)
    assert seen["workspace"] == {
        "availableBalance": "1500.00",
        "creditSummary": {
            "usedCredit": "0.00",
            "totalCredit": "1500.00",
            "availableCredit": "1500.00",
        },
    }


@pytest.mark.parametrize(
    ("field", "value", "code"),
    [
        ("customerName", "   ", "REQUIRED"),
        ("businessName", "", "REQUIRED"),
        ("taxId", "x" * 51, "INVALID"),
        ("contactPersonEmail", "not-an-email", "INVALID"),
        ("contactPersonEmail", " ", "REQUIRED"),
        ("incorporationPlace", "y" * 201, "INVALID"),
        ("address", "z" * 501, "INVALID"),
    ],
)
async def test_every_business_detail_is_checked(
    api: Api, field: str, value: str, code: str
) -> None:
    world = await roles(api)
    credit = await offer(api, world.org, world.customer_id)

    payload = await mutate(api, CLAIM, claim_input(credit["id"], **{field: value}), world.customer)

    assert only_error(payload) == (["input", field], code)
    rows = await api.sql("SELECT status FROM credits")
    assert [r["status"] for r in rows] == [1]
    assert await ledger_of(api, world.customer_id) == []


async def test_only_the_customer_claims_its_credit(api: Api) -> None:
    world = await roles(api)
    credit = await offer(api, world.org, world.customer_id)

    by_org = await refused(api, CLAIM, {"input": claim_input(credit["id"])}, world.org)
    by_super = await refused(api, CLAIM, {"input": claim_input(credit["id"])}, world.super)
    by_other = await mutate(api, CLAIM, claim_input(credit["id"]), world.other_customer)

    assert by_org[0]["message"] == by_super[0]["message"] == NOT_ALLOWED_API
    assert only_error(by_other) == (["input", "creditId"], "NOT_FOUND")


async def test_two_claims_at_once_credit_the_balance_once(api: Api) -> None:
    world = await roles(api)
    credit = await offer(api, world.org, world.customer_id, "700")

    results = await asyncio.gather(
        *(mutate(api, CLAIM, claim_input(credit["id"]), world.customer) for _ in range(5))
    )

    assert sum(1 for r in results if r["userErrors"] == []) == 1
    assert all(
        only_error(r) == (["input", "creditId"], "INVALID_STATE")
        for r in results
        if r["userErrors"]
    )
    assert await ledger_of(api, world.customer_id) == [("CREDIT_CLAIMED", "700.00")]


async def test_each_change_publishes_a_credit_event(api: Api) -> None:
    world = await roles(api)
    events: asyncio.Queue[dict[str, Any]] = asyncio.Queue()
    listener = await asyncpg.connect(api.dsn)
    await listener.add_listener(
        "finance_events", lambda *args: events.put_nowait(json.loads(args[3]))
    )
    try:
        credit = await offer(api, world.org, world.customer_id)
        await mutate(api, CLAIM, claim_input(credit["id"]), world.customer)

        seen = [await asyncio.wait_for(events.get(), 5) for _ in range(2)]
    finally:
        await listener.close()

    expected = {
        "topic": "credit",
        "id": int(credit["id"]),
        "workspaceId": world.customer_id,
        "parentId": world.org_id,
    }
    assert seen == [expected, expected]
