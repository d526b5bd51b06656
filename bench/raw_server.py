"""The ceiling: the dashboard's invoices page as a hand-written Starlette + asyncpg endpoint.

Same data and the same JSON shape as the GraphQL query, without GraphQL: two statements (the
page of invoices with their customer; the payments applied to them), Python builds the JSON.
"""

from __future__ import annotations

import os
from collections import defaultdict
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import asyncpg
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

PAGE = """
SELECT i.id, i.name, i.issued_on, i.due_on, i.amount, i.paid_amount, i.status,
       w.id AS ws_id, w.name AS ws_name
  FROM invoices i JOIN workspaces w ON w.id = i.workspace_id
 WHERE i.parent_id = $1
 ORDER BY i.issued_on DESC, i.id DESC LIMIT $2
"""
PAYMENTS = """
SELECT a.invoice_id, p.id, p.amount, p.status, p.payment_date
  FROM payment_allocations a JOIN payments p ON p.id = a.payment_id
 WHERE a.invoice_id = ANY($1) ORDER BY p.id
"""
STATUS = {
    1: "PENDING",
    2: "PARTIALLY_PAID",
    3: "UNPAID",
    4: "PAID",
    5: "OVERDUE",
    7: "PROCESSING",
    8: "CANCELLED",
}
PAYMENT_STATUS = {1: "PROCESSING", 2: "PAID", 3: "REJECTED", 4: "CANCELLED"}

state: dict[str, asyncpg.Pool] = {}


async def invoices(request: Request) -> Response:
    body = await request.json()
    org_id, first = int(body["orgId"]), int(body.get("first", 50))
    async with state["pool"].acquire() as conn:
        rows = await conn.fetch(PAGE, org_id, first)
        applied = await conn.fetch(PAYMENTS, [r["id"] for r in rows])
    by_invoice: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for p in applied:
        by_invoice[p["invoice_id"]].append(
            {
                "id": str(p["id"]),
                "amount": format(p["amount"], "f"),
                "status": PAYMENT_STATUS[p["status"]],
                "paymentDate": p["payment_date"].isoformat(),
            }
        )
    nodes = [
        {
            "node": {
                "id": str(r["id"]),
                "name": r["name"],
                "issuedOn": r["issued_on"].isoformat(),
                "dueOn": r["due_on"].isoformat(),
                "amount": format(r["amount"], "f"),
                "paidAmount": format(r["paid_amount"], "f"),
                "outstanding": format(r["amount"] - r["paid_amount"], "f"),
                "status": STATUS[r["status"]],
                "workspace": {"id": str(r["ws_id"]), "name": r["ws_name"]},
                "payments": by_invoice[r["id"]],
            }
        }
        for r in rows
    ]
    return JSONResponse({"data": {"invoices": {"edges": nodes}}})


async def _no_reset(_conn: asyncpg.Connection) -> None:
    return None


@asynccontextmanager
async def lifespan(_app: Starlette) -> AsyncIterator[None]:
    state["pool"] = await asyncpg.create_pool(
        os.environ["DATABASE_URL"], min_size=10, max_size=10, reset=_no_reset
    )
    yield
    await state["pool"].close()


async def healthz(_request: Request) -> Response:
    return JSONResponse({"status": "ok"})


app = Starlette(
    routes=[Route("/invoices", invoices, methods=["POST"]), Route("/healthz", healthz)],
    lifespan=lifespan,
)
