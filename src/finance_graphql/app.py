"""create_app(): the routes, the lifespan that owns the database, and the middleware."""

from __future__ import annotations

import contextlib
import logging
from collections.abc import AsyncIterator
from typing import Any

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import JSONResponse, RedirectResponse, Response
from starlette.routing import Route, WebSocketRoute

from finance_graphql import db
from finance_graphql.config import Settings
from finance_graphql.context import Services
from finance_graphql.core.events import EventHub
from finance_graphql.graphql_view import FinanceGraphQL
from finance_graphql.jobs.runner import JobRunner
from finance_graphql.observability import Metrics, RequestMiddleware, metrics_endpoint
from finance_graphql.payments.proof_route import download_proof
from finance_graphql.schema import build_schema
from finance_graphql.webhooks.dispatcher import WebhookDispatcher

log = logging.getLogger(__name__)


class LazyGraphQL:
    """The GraphQL app, made once the lifespan has the pool (routes are fixed before that)."""

    def __init__(self) -> None:
        self.app: FinanceGraphQL | None = None

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if self.app is None:
            response = JSONResponse({"errors": [{"message": "Service is starting"}]}, 503)
            await response(scope, receive, send)
            return
        await self.app(scope, receive, send)


def create_app(settings: Settings | None = None, dsn: str | None = None) -> Starlette:
    """The ASGI app. With `dsn` it uses that database as is (tests); otherwise it starts the
    configured or embedded server and applies migrations first."""
    settings = settings or Settings()
    metrics = Metrics()
    graphql = LazyGraphQL()
    schema = build_schema(settings)
    state: dict[str, Any] = {}

    @contextlib.asynccontextmanager
    async def lifespan(_app: Starlette) -> AsyncIterator[None]:
        server = None
        target = dsn
        if target is None:
            server = await db.start_server(settings)
            target = server.dsn
            await db.migrate(target)
        pool = await db.create_pool(target, settings)
        hub = EventHub()
        await hub.start(target)
        runner = JobRunner(pool, hub, poll_seconds=settings.job_poll_seconds)
        dispatcher = WebhookDispatcher(pool)
        if settings.run_jobs:
            runner.start()
        if settings.run_webhooks:
            dispatcher.start()
        services = Services(
            settings=settings, pool=pool, hub=hub, jwt_secret=db.jwt_secret(settings)
        )
        state["services"] = services
        graphql.app = FinanceGraphQL(
            services,
            schema=schema,
            graphql_ide="graphiql" if settings.introspection_enabled else None,
            multipart_uploads_enabled=True,
        )
        try:
            yield
        finally:
            graphql.app = None
            await runner.stop()
            await dispatcher.stop()
            await hub.stop()
            await pool.close()
            if server is not None:
                server.stop()

    async def healthz(_request: Request) -> Response:
        return JSONResponse({"status": "ok"})

    async def readyz(_request: Request) -> Response:
        services: Services | None = state.get("services")
        if services is None:
            return JSONResponse({"status": "starting"}, status_code=503)
        try:
            async with services.pool.acquire(timeout=2) as conn:
                await conn.fetchval("SELECT 1")
        except Exception:
            log.warning("readiness check failed", exc_info=True)
            return JSONResponse({"status": "database unreachable"}, status_code=503)
        return JSONResponse({"status": "ready"})

    async def home(_request: Request) -> Response:
        return RedirectResponse("/graphql")

    routes = [
        Route("/", home),
        Route("/graphql", graphql, methods=["GET", "POST"]),
        WebSocketRoute("/graphql", graphql),
        Route("/healthz", healthz),
        Route("/readyz", readyz),
        Route("/metrics", metrics_endpoint(metrics)),  # type: ignore[arg-type]
        Route("/payments/{payment_id}/proof", download_proof),
    ]
    app = Starlette(
        routes=routes,
        lifespan=lifespan,
        middleware=[Middleware(RequestMiddleware, metrics=metrics)],
    )
    app.state.services = state
    app.state.schema = schema
    return app
