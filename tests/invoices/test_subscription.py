"""invoiceUpdated: every invoice change reaches the subscribers who may see it, and only them."""

from __future__ import annotations

import asyncio
import contextlib
import time
import warnings
from collections.abc import Awaitable, Callable
from typing import Any

with warnings.catch_warnings():  # starlette asks for httpx2, which the stack does not pin
    warnings.simplefilter("ignore")
    from starlette.testclient import TestClient

from finance_graphql.app import create_app
from finance_graphql.config import Settings
from tests.invoices.helpers import (
    ADD_TAX,
    APPROVE,
    CANCEL,
    CREATE,
    DELETE_TAX,
    act,
    create_invoice,
    invoice_input,
    run,
)
from tests.support import Api, Login, subscribe

INVOICE_UPDATED = """subscription($owId: ID) {
  invoiceUpdated(owId: $owId) { id name status amount workspace { id name } taxes { name } }
}"""


def _graphql_post(client: TestClient, login: Login, query: str, variables: dict[str, Any]) -> Any:
    response = client.post(
        "/graphql", json={"query": query, "variables": variables}, headers=login.headers()
    )
    assert response.status_code == 200, response.text
    body = response.json()
    assert "errors" not in body, body
    return next(iter(body["data"].values()))


def _wait_for_subscriber(app: Any, before: int) -> None:
    """Block until the server's subscription has registered with the event hub."""
    hub = app.state.services["services"].hub
    deadline = time.monotonic() + 10
    while len(hub._queues) <= before:
        assert time.monotonic() < deadline, "the subscription never started"
        time.sleep(0.01)


def _over_websocket(
    dsn: str, settings: Settings, org: Login, foreign: Login, customer_id: int, foreign_id: int
) -> list[dict[str, Any]]:
    """Subscribe as `org` over a real WebSocket, make changes over HTTP, return what arrived."""
    app = create_app(settings, dsn=dsn)
    with TestClient(app) as client:
        before = len(app.state.services["services"].hub._queues)
        with client.websocket_connect("/graphql", subprotocols=["graphql-transport-ws"]) as ws:
            ws.send_json({"type": "connection_init", "payload": {"headers": org.headers()}})
            assert ws.receive_json()["type"] == "connection_ack"
            ws.send_json({"id": "1", "type": "subscribe", "payload": {"query": INVOICE_UPDATED}})
            _wait_for_subscriber(app, before)

            # Each change is read before the next: an event carries the invoice as it is then.
            _graphql_post(client, foreign, CREATE, {"input": invoice_input(foreign_id)})
            created = _graphql_post(
                client, org, CREATE, {"input": invoice_input(customer_id, name="Live")}
            )
            messages = [ws.receive_json()]
            invoice_id = created["invoice"]["id"]
            tax = {"invoiceId": invoice_id, "name": "GST", "rate": "10"}
            _graphql_post(client, org, ADD_TAX, {"input": tax})
            messages.append(ws.receive_json())
            _graphql_post(client, org, APPROVE, {"input": {"invoiceId": invoice_id}})
            messages.append(ws.receive_json())
            ws.send_json({"id": "1", "type": "complete"})
    return messages


async def test_changes_arrive_over_a_websocket_fresh_and_only_within_reach(
    api: Api, test_dsn: str, settings: Settings
) -> None:
    # given organization A subscribed over a WebSocket, and organization B
    a = await api.organization("A")
    b = await api.organization("B")
    customer_id, _ = await api.customer(a, "Acme")
    foreign_customer_id, _ = await api.customer(b, "Theirs")

    # when B bills its customer, then A creates, taxes and approves an invoice
    messages = await asyncio.to_thread(
        _over_websocket, test_dsn, settings, a[1], b[1], customer_id, foreign_customer_id
    )

    # then A sees its own invoice at each step (never B's), each time as it is now
    assert [m["type"] for m in messages] == ["next", "next", "next"]
    updates = [m["payload"]["data"]["invoiceUpdated"] for m in messages]
    assert [u["name"] for u in updates] == ["Live"] * 3
    assert [u["workspace"]["name"] for u in updates] == ["Acme"] * 3
    assert [(u["status"], u["amount"], u["taxes"]) for u in updates] == [
        ("PENDING", "1250.15", []),
        ("PENDING", "1375.17", [{"name": "GST"}]),
        ("UNPAID", "1375.17", [{"name": "GST"}]),
    ]


async def test_every_invoice_change_publishes_one_event(api: Api) -> None:
    org = await api.organization()
    customer_id, _ = await api.customer(org)
    hub = api.app.state.services["services"].hub

    with hub.subscribe("invoice") as events:
        created = await create_invoice(api, org[1], customer_id)
        taxed = await run(
            api, ADD_TAX, {"invoiceId": created["id"], "name": "T", "amount": "1"}, org[1]
        )
        await run(api, DELETE_TAX, {"taxId": taxed["invoice"]["taxes"][0]["id"]}, org[1])
        await act(api, APPROVE, org[1], created["id"])
        await act(api, CANCEL, org[1], created["id"])
        refused = await act(api, APPROVE, org[1], created["id"])  # rolled back: no event
        assert refused["userErrors"]
        seen = [await asyncio.wait_for(events.__anext__(), timeout=5) for _ in range(5)]
        assert events.queue.empty()

    assert {(e.id, e.workspace_id, e.parent_id) for e in seen} == {
        (int(created["id"]), customer_id, org[0])
    }


async def _next_event(stream: Any, change: Callable[[], Awaitable[object]]) -> dict[str, Any]:
    """The next result of the stream, making `change` until one arrives (the subscription
    listens from its first step on, so a change made before that is repeated, not waited for)."""
    task = asyncio.ensure_future(stream.__anext__())
    try:
        for _ in range(20):
            await change()
            done, _ = await asyncio.wait({task}, timeout=0.5)
            if done:
                result = task.result()
                assert result.errors is None, result.errors
                data: dict[str, Any] = result.data["invoiceUpdated"]
                return data
        raise AssertionError("no event arrived")
    finally:
        if not task.done():
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task


async def test_owid_narrows_to_one_workspace_and_a_customer_sees_its_own(api: Api) -> None:
    org = await api.organization()
    acme_id, acme = await api.customer(org, "Acme")
    bright_id, _ = await api.customer(org, "Bright")

    for variables, login in (({"owId": str(bright_id)}, org[1]), ({}, acme)):
        stream = await subscribe(api, INVOICE_UPDATED, variables, login=login)
        expected = bright_id if login is org[1] else acme_id

        async def bill_both() -> None:
            await create_invoice(api, org[1], acme_id)
            await create_invoice(api, org[1], bright_id)

        try:
            update = await _next_event(stream, bill_both)
            assert update["workspace"]["id"] == str(expected)
        finally:
            await stream.aclose()


async def test_a_workspace_out_of_reach_cannot_be_subscribed_to(api: Api) -> None:
    a = await api.organization("A")
    b = await api.organization("B")
    foreign_id, _ = await api.customer(b)

    for target in (foreign_id, 999_999):
        stream = await subscribe(api, INVOICE_UPDATED, {"owId": str(target)}, login=a[1])
        try:
            result = await asyncio.wait_for(stream.__anext__(), timeout=5)
            assert result.errors[0].extensions["code"] == "FORBIDDEN"
        finally:
            await stream.aclose()
