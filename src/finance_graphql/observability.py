"""Request ids, access logs, metrics; and a last guard that turns a crash into a plain 500."""

from __future__ import annotations

import logging
import time
import uuid
from collections import Counter
from dataclasses import dataclass, field

from starlette.requests import Request
from starlette.responses import JSONResponse, PlainTextResponse, Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from finance_graphql.core.logs import request_id

log = logging.getLogger("finance_graphql.http")


@dataclass
class Metrics:
    """Counters in Prometheus' text format; enough for a scrape without another dependency."""

    requests: Counter[tuple[str, int]] = field(default_factory=Counter)
    duration_sum: float = 0.0
    duration_count: int = 0

    def observe(self, path: str, status: int, seconds: float) -> None:
        self.requests[(path, status)] += 1
        self.duration_sum += seconds
        self.duration_count += 1

    def render(self) -> str:
        lines = [
            "# HELP finance_http_requests_total HTTP requests by path and status.",
            "# TYPE finance_http_requests_total counter",
        ]
        for (path, status), count in sorted(self.requests.items()):
            lines.append(f'finance_http_requests_total{{path="{path}",status="{status}"}} {count}')
        lines += [
            "# HELP finance_http_request_seconds Time spent answering HTTP requests.",
            "# TYPE finance_http_request_seconds summary",
            f"finance_http_request_seconds_sum {self.duration_sum:.6f}",
            f"finance_http_request_seconds_count {self.duration_count}",
        ]
        return "\n".join(lines) + "\n"


class RequestMiddleware:
    """Gives each HTTP request an id (X-Request-ID), logs it, counts it, and masks crashes."""

    def __init__(self, app: ASGIApp, metrics: Metrics) -> None:
        self.app = app
        self.metrics = metrics

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = dict(scope.get("headers") or [])
        incoming = headers.get(b"x-request-id", b"").decode("latin-1")[:64]
        rid = incoming if incoming.replace("-", "").isalnum() else uuid.uuid4().hex
        token = request_id.set(rid)
        started = time.perf_counter()
        status = 500
        response_started = False

        async def send_with_id(message: Message) -> None:
            nonlocal status, response_started
            if message["type"] == "http.response.start":
                response_started = True
                status = message["status"]
                message.setdefault("headers", [])
                message["headers"] = [*message["headers"], (b"x-request-id", rid.encode())]
            await send(message)

        try:
            await self.app(scope, receive, send_with_id)
        except Exception:
            log.exception("unhandled error")
            if not response_started:
                body = {
                    "errors": [
                        {
                            "message": "Internal server error",
                            "extensions": {"code": "INTERNAL_SERVER_ERROR"},
                        }
                    ]
                }
                await JSONResponse(body, status_code=500)(scope, receive, send_with_id)
        finally:
            seconds = time.perf_counter() - started
            path = scope.get("path", "")
            self.metrics.observe(path if path in KNOWN_PATHS else "other", status, seconds)
            log.info(
                "request",
                extra={
                    "method": scope.get("method"),
                    "path": path,
                    "status": status,
                    "ms": round(seconds * 1000, 2),
                },
            )
            request_id.reset(token)


KNOWN_PATHS = {"/graphql", "/healthz", "/readyz", "/metrics"}


def metrics_endpoint(metrics: Metrics) -> object:
    async def endpoint(_request: Request) -> Response:
        return PlainTextResponse(metrics.render(), media_type="text/plain; version=0.0.4")

    return endpoint
