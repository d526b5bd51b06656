"""paymentUpdated: every payment change reaches the subscribers who may see it, and only them."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Awaitable, Callable
from typing import Any

from tests.payments.helpers import EDIT, add, approved, invoice, run, world
from tests.support import Api, subscribe

PAYMENT_UPDATED = """subscription($owId: ID) {
  paymentUpdated(owId: $owId) { id status version workspace { id } allocations { amount } }
}"""


async def next_event(stream: Any, change: Callable[[], Awaitable[object]]) -> dict[str, Any]:
    """The next result of the stream, making `change` until one arrives.

    The subscription listens from its first step on; until then a change is not seen, so the
    change is repeated (each is a real change) rather than waiting an arbitrary time.
    """
    task = asyncio.ensure_future(stream.__anext__())
    try:
        for _ in range(20):
            await change()
            done, _ = await asyncio.wait({task}, timeout=0.5)
            if done:
                result = task.result()
                assert result.errors is None, result.errors
                data: dict[str, Any] = result.data
                return data
        raise AssertionError("no event arrived")
    finally:
        if not task.done():
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task


async def test_a_subscriber_sees_the_changes_of_payments_it_reaches_only(api: Api) -> None:
    # given organization A subscribed, a payment of its customer and one of another organization
    a = await world(api, "A")
    b = await world(api, "B")
    mine = await add(api, a.customer, a.customer_id)
    foreign = await add(api, b.customer, b.customer_id)
    stream = await subscribe(api, PAYMENT_UPDATED, login=a.org)
    try:
        version = {"n": 1}

        async def edit_mine() -> None:
            value = {
                "paymentId": mine["id"],
                "version": version["n"],
                "transactionId": f"T-{version['n']}",
            }
            payload = await run(api, EDIT, value, a.customer)
            version["n"] = payload["payment"]["version"]

        first = await next_event(stream, edit_mine)
        assert first["paymentUpdated"]["id"] == mine["id"]
        # when the foreign payment is approved, then A's payment is
        await approved(api, b.org, foreign["id"])

        async def approve_mine() -> None:
            await approved(api, a.org, mine["id"])

        task = asyncio.ensure_future(stream.__anext__())
        await approve_mine()
        result = await asyncio.wait_for(task, timeout=5)
        # then A sees its own payment's approval, never the foreign one
        assert result.data["paymentUpdated"]["id"] == mine["id"]
        assert result.data["paymentUpdated"]["status"] == "PAID"
    finally:
        await stream.aclose()


async def test_owid_narrows_to_one_workspace(api: Api) -> None:
    a = await world(api, "A")
    c2_id, c2 = await api.customer((a.org_id, a.org), "C2")
    stream = await subscribe(api, PAYMENT_UPDATED, {"owId": str(c2_id)}, login=a.org)
    try:
        made: list[str] = []

        async def pay_both() -> None:
            await add(api, a.customer, a.customer_id)
            made.append((await add(api, c2, c2_id))["id"])

        event = await next_event(stream, pay_both)
        assert event["paymentUpdated"]["id"] in made
        assert event["paymentUpdated"]["workspace"] == {"id": str(c2_id)}
    finally:
        await stream.aclose()


async def test_a_customer_cannot_subscribe_to_another_workspace(api: Api) -> None:
    a = await world(api, "A")
    b = await world(api, "B")
    stream = await subscribe(api, PAYMENT_UPDATED, {"owId": str(b.customer_id)}, login=a.customer)
    try:
        result = await asyncio.wait_for(stream.__anext__(), timeout=5)
        assert result.errors[0].extensions["code"] == "FORBIDDEN"
    finally:
        await stream.aclose()


async def test_settling_an_invoice_announces_each_invoice_it_changed(api: Api) -> None:
    # given two invoices and a listener on the invoice events (what invoiceUpdated serves)
    w = await world(api)
    first = await invoice(api, w, "50.00")
    second = await invoice(api, w, "80.00")
    hub = api.app.state.services["services"].hub
    with hub.subscribe("invoice") as events:
        # when one payment settles both
        await add(
            api,
            w.customer,
            w.customer_id,
            type="AGAINST_INVOICE",
            amount="130.00",
            allocations=[
                {"invoiceId": first, "amount": "50.00"},
                {"invoiceId": second, "amount": "80.00"},
            ],
        )
        # then each invoice is announced, with its workspace and who bills it
        seen = [await asyncio.wait_for(events.__anext__(), timeout=5) for _ in range(2)]
    assert sorted(e.id for e in seen) == sorted([int(first), int(second)])
    assert {(e.workspace_id, e.parent_id) for e in seen} == {(w.customer_id, w.org_id)}
