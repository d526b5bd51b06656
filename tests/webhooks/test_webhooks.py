"""Webhooks: subscribed events are written with the change, POSTed signed, retried until they
land, and only to the workspace that may see them."""

from __future__ import annotations

import hashlib
import hmac
import json
from dataclasses import dataclass, field
from typing import Any

import httpx
import pytest
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from finance_graphql.webhooks.dispatcher import WebhookDispatcher, backoff_seconds
from tests.payments.helpers import ADD as ADD_PAYMENT
from tests.payments.helpers import approved, payment_input, run, world
from tests.support import Api, Login

CREATE = """mutation($input: CreateWebhookEndpointInput!) {
  createWebhookEndpoint(input: $input) {
    endpoint { id url events active } secret userErrors { field code message }
  }
}"""
DELETE = """mutation($input: DeleteWebhookEndpointInput!) {
  deleteWebhookEndpoint(input: $input) { endpoint { id active } userErrors { field code } }
}"""
ENDPOINTS = """{ webhookEndpoints { id url deliveries { eventType status attempts lastError } } }"""


@dataclass
class Receiver:
    """A receiver that answers `status` and keeps what it was sent."""

    status: int = 200
    received: list[tuple[dict[str, str], bytes]] = field(default_factory=list)

    def app(self) -> Starlette:
        async def hook(request: Request) -> Response:
            self.received.append((dict(request.headers), await request.body()))
            return Response(status_code=self.status)

        return Starlette(routes=[Route("/hook", hook, methods=["POST"])])


def _dispatcher(api: Api, receiver: Receiver) -> WebhookDispatcher:
    client = httpx.AsyncClient(transport=httpx.ASGITransport(app=receiver.app()))
    return WebhookDispatcher(api.app.state.services["services"].pool, client=client)


async def _subscribe(api: Api, login: Login, events: list[str]) -> dict[str, Any]:
    payload = await run(api, CREATE, {"url": "http://receiver.test/hook", "events": events}, login)
    assert payload["userErrors"] == [], payload
    return payload


def _verify(secret: str, headers: dict[str, str], body: bytes) -> bool:
    parts = dict(item.split("=", 1) for item in headers["x-finance-signature"].split(","))
    expected = hmac.new(secret.encode(), f"{parts['t']}.".encode() + body, hashlib.sha256)
    return hmac.compare_digest(expected.hexdigest(), parts["v1"])


async def test_an_approved_payment_is_posted_signed(api: Api) -> None:
    w = await world(api)
    subscription = await _subscribe(api, w.org, ["payment.paid"])
    added = await run(api, ADD_PAYMENT, payment_input(w.customer_id), w.customer)
    await approved(api, w.org, added["payment"]["id"])
    receiver = Receiver()
    dispatcher = _dispatcher(api, receiver)

    assert await dispatcher.run_once() == 1
    assert await dispatcher.run_once() == 0  # delivered once
    headers, body = receiver.received[0]
    event = json.loads(body)
    assert headers["x-finance-event"] == event["type"] == "payment.paid"
    assert event["data"]["id"] == added["payment"]["id"]
    assert event["data"]["amount"] == "100.00"
    assert _verify(subscription["secret"], headers, body)
    assert not _verify("whsec_other", headers, body)
    await dispatcher.client.aclose()


async def test_a_receiver_that_is_down_gets_it_later(api: Api) -> None:
    w = await world(api)
    await _subscribe(api, w.org, ["*"])
    await run(api, ADD_PAYMENT, payment_input(w.customer_id), w.customer)
    receiver = Receiver(status=503)
    dispatcher = _dispatcher(api, receiver)

    assert await dispatcher.run_once() == 1  # payment.processing, refused by the receiver
    listed = (await api.data(ENDPOINTS, login=w.org))["webhookEndpoints"][0]["deliveries"]
    assert listed == [
        {
            "eventType": "payment.processing",
            "status": "PENDING",
            "attempts": 1,
            "lastError": "HTTP 503",
        }
    ]
    assert await dispatcher.run_once() == 0  # not due again before its backoff
    receiver.status = 200
    await api.sql("UPDATE webhook_deliveries SET next_attempt_at = now()")
    assert await dispatcher.run_once() == 1
    listed = (await api.data(ENDPOINTS, login=w.org))["webhookEndpoints"][0]["deliveries"]
    assert (listed[0]["status"], listed[0]["attempts"]) == ("DELIVERED", 2)
    assert len(receiver.received) == 2
    await dispatcher.client.aclose()


async def test_a_refused_change_writes_no_delivery(api: Api) -> None:
    w = await world(api)
    await _subscribe(api, w.org, ["*"])
    refused = await run(api, ADD_PAYMENT, payment_input(w.customer_id, amount="-5"), w.customer)
    assert refused["userErrors"]
    assert await api.sql("SELECT 1 FROM webhook_deliveries") == []


async def test_events_go_only_to_whoever_reaches_them(api: Api) -> None:
    w = await world(api, "A")
    other = await world(api, "B")
    await _subscribe(api, w.org, ["*"])
    await _subscribe(api, other.org, ["*"])
    await run(api, ADD_PAYMENT, payment_input(w.customer_id), w.customer)
    rows = await api.sql(
        "SELECT e.workspace_id FROM webhook_deliveries d"
        " JOIN webhook_endpoints e ON e.id = d.endpoint_id"
    )
    assert [r["workspace_id"] for r in rows] == [w.org_id]


async def test_who_may_subscribe_and_what(api: Api) -> None:
    w = await world(api)
    by_customer = await api.gql(
        CREATE, {"input": {"url": "http://x.test/h", "events": ["*"]}}, login=w.customer
    )
    assert by_customer["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    for bad, field_name in (
        ({"url": "ftp://x.test", "events": ["*"]}, "url"),
        ({"url": "http://x.test", "events": ["payment.lost"]}, "events"),
        ({"url": "http://x.test", "events": []}, "events"),
    ):
        payload = await run(api, CREATE, bad, w.org)
        assert payload["userErrors"][0]["field"] == ["input", field_name]
    created = await _subscribe(api, w.org, ["invoice.paid"])
    other = await world(api, "Other")
    foreign = await run(api, DELETE, {"endpointId": created["endpoint"]["id"]}, other.org)
    assert foreign["userErrors"][0]["code"] == "NOT_FOUND"
    removed = await run(api, DELETE, {"endpointId": created["endpoint"]["id"]}, w.org)
    assert removed["endpoint"]["active"] is False
    assert (await api.data(ENDPOINTS, login=w.org))["webhookEndpoints"] == []


@pytest.mark.parametrize(("attempts", "seconds"), [(1, 2), (5, 32), (12, 3600), (30, 3600)])
def test_backoff_doubles_up_to_an_hour(attempts: int, seconds: int) -> None:
    assert backoff_seconds(attempts) == seconds
