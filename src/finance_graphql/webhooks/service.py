"""Webhook endpoints: who may subscribe, to what; SQL kept small enough to live here."""

from __future__ import annotations

import datetime as dt
import secrets
from dataclasses import dataclass
from typing import Annotated
from urllib.parse import urlsplit

import asyncpg
from pydantic import BeforeValidator, Field

from finance_graphql.core import access
from finance_graphql.core.access import Permission
from finance_graphql.core.errors import ErrorCode, refuse
from finance_graphql.core.tenancy import Viewer
from finance_graphql.core.validation import Command
from finance_graphql.webhooks.outbox import EVENT_TYPES

COLUMNS = "id, workspace_id, url, events, active, created_at"


def _url(value: object) -> str:
    text = str(value).strip()
    parts = urlsplit(text)
    if parts.scheme not in ("http", "https") or not parts.hostname or len(text) > 2000:
        raise ValueError("must be an http or https URL")
    return text


def _events(value: object) -> list[str]:
    if not isinstance(value, list) or not value:
        raise ValueError('must name at least one event type, or "*" for all')
    unknown = [v for v in value if v != "*" and v not in EVENT_TYPES]
    if unknown:
        raise ValueError(f"unknown event types {unknown}; known: {', '.join(EVENT_TYPES)}")
    return sorted(set(value))


class CreateEndpoint(Command):
    url: Annotated[str, BeforeValidator(_url)]
    events: Annotated[list[str], BeforeValidator(_events)] = Field(min_length=1)


@dataclass(frozen=True)
class EndpointRow:
    id: int
    workspace_id: int
    url: str
    events: list[str]
    active: bool
    created_at: dt.datetime


async def create(
    conn: asyncpg.Connection, viewer: Viewer, command: CreateEndpoint
) -> tuple[EndpointRow, str]:
    """A new endpoint of the active organization and its signing secret (shown once)."""
    access.authorize(viewer, Permission.MANAGE_OWN_SETTINGS, viewer.workspace)
    secret = "whsec_" + secrets.token_urlsafe(32)
    record = await conn.fetchrow(
        f"INSERT INTO webhook_endpoints (workspace_id, url, secret, events, created_by)"
        f" VALUES ($1, $2, $3, $4, $5) RETURNING {COLUMNS}",
        viewer.workspace.id,
        command.url,
        secret,
        command.events,
        viewer.user_id,
    )
    assert record is not None
    return EndpointRow(**dict(record)), secret


async def deactivate(conn: asyncpg.Connection, viewer: Viewer, endpoint_id: int) -> EndpointRow:
    access.authorize(viewer, Permission.MANAGE_OWN_SETTINGS, viewer.workspace)
    record = await conn.fetchrow(
        f"UPDATE webhook_endpoints SET active = false WHERE id = $1 AND workspace_id = $2"
        f" RETURNING {COLUMNS}",
        endpoint_id,
        viewer.workspace.id,
    )
    if record is None:
        raise refuse(ErrorCode.NOT_FOUND, "endpointId: no such webhook endpoint", "endpointId")
    return EndpointRow(**dict(record))


async def endpoints(conn: asyncpg.Connection, viewer: Viewer) -> list[EndpointRow]:
    access.authorize(viewer, Permission.MANAGE_OWN_SETTINGS, viewer.workspace)
    records = await conn.fetch(
        f"SELECT {COLUMNS} FROM webhook_endpoints WHERE workspace_id = $1 AND active ORDER BY id",
        viewer.workspace.id,
    )
    return [EndpointRow(**dict(r)) for r in records]


@dataclass(frozen=True)
class DeliveryRow:
    id: int
    uuid: str
    event_type: str
    status: str
    attempts: int
    last_error: str | None
    created_at: dt.datetime
    delivered_at: dt.datetime | None


async def deliveries(
    conn: asyncpg.Connection, endpoint_ids: list[int], limit: int = 20
) -> dict[int, list[DeliveryRow]]:
    """The latest deliveries of each endpoint (for a BFF to see what landed and what did not)."""
    records = await conn.fetch(
        "SELECT endpoint_id, id, uuid::text AS uuid, event_type, status, attempts, last_error,"
        " created_at, delivered_at FROM ("
        "  SELECT d.*, row_number() OVER (PARTITION BY endpoint_id ORDER BY id DESC) AS n"
        "  FROM webhook_deliveries d WHERE endpoint_id = ANY($1)) latest"
        " WHERE n <= $2 ORDER BY endpoint_id, id DESC",
        endpoint_ids,
        limit,
    )
    found: dict[int, list[DeliveryRow]] = {}
    for record in records:
        values = dict(record)
        found.setdefault(values.pop("endpoint_id"), []).append(DeliveryRow(**values))
    return found
