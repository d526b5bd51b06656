"""The GraphQL endpoint: authentication at the edge, the context, and response extensions."""

from __future__ import annotations

import json
from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.types import Message, Receive, Scope, Send
from starlette.websockets import WebSocket
from strawberry.asgi import GraphQL
from strawberry.exceptions import ConnectionRejectionError
from strawberry.http import GraphQLHTTPResponse
from strawberry.types import ExecutionResult
from strawberry.types.unset import UnsetType

from finance_graphql.authentication import Refusal, authenticate
from finance_graphql.compiled.endpoint import COMPILED_HEADER, CompiledReads
from finance_graphql.context import Context, Services
from finance_graphql.core.errors import ErrorCode
from finance_graphql.db import RequestDB

MAX_JSON_BYTES = 1024 * 1024


def refusal_response(refusal: Refusal) -> JSONResponse:
    body = {"errors": [{"message": refusal.message, "extensions": {"code": refusal.code}}]}
    headers = {"WWW-Authenticate": "Bearer"} if refusal.status == 401 else None
    return JSONResponse(body, status_code=refusal.status, headers=headers)


class FinanceGraphQL(GraphQL[Context, None]):
    """Strawberry's ASGI app, with the viewer and the request's connection in the context."""

    def __init__(self, services: Services, **kwargs: Any) -> None:
        self.services = services
        super().__init__(**kwargs)
        settings = services.settings
        self.compiled = CompiledReads(self.schema, services) if settings.compiled_reads else None

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await super().__call__(scope, receive, send)
            return
        request = Request(scope, receive)
        state = scope.setdefault("state", {})
        if not self._wants_graphiql(request):
            try:
                viewer = await authenticate(
                    self.services.pool, self.services.jwt_secret, request.headers
                )
                receive, body = await self._checked_body(request)
            except Refusal as refusal:
                await refusal_response(refusal)(scope, receive, send)
                return
            state["viewer"] = viewer
            if self.compiled is not None and request.headers.get(COMPILED_HEADER) != "off":
                response = await self.compiled.respond(request, body, viewer)
                if response is not None:
                    await response(scope, receive, send)
                    return
        db = RequestDB(self.services.pool)
        state["db"] = db
        try:
            await super().__call__(scope, receive, send)
        finally:
            await db.release()

    async def _checked_body(self, request: Request) -> tuple[Receive, dict[str, Any] | None]:
        """Refuse bodies GraphQL cannot be read from (400) or too large (413) before parsing.

        Returns a `receive` that replays the body already read, and the JSON body if it is one.
        """
        if request.method != "POST":
            return request.receive, None
        limit = self.services.settings.max_upload_bytes + MAX_JSON_BYTES
        declared = request.headers.get("content-length", "0")
        if declared.isdigit() and int(declared) > limit:
            raise Refusal(413, ErrorCode.BAD_USER_INPUT, "The request body is too large")
        body = await request.body()
        if len(body) > limit:
            raise Refusal(413, ErrorCode.BAD_USER_INPUT, "The request body is too large")
        parsed = None
        if "json" in request.headers.get("content-type", ""):
            try:
                parsed = json.loads(body)
            except (ValueError, UnicodeDecodeError):
                parsed = None
            if not isinstance(parsed, dict):
                raise Refusal(
                    400,
                    ErrorCode.BAD_USER_INPUT,
                    "The request body must be a JSON object with a GraphQL `query`",
                )
        sent = False

        async def replay() -> Message:
            nonlocal sent
            if sent:
                return {"type": "http.disconnect"}
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}

        return replay, parsed

    @staticmethod
    def _wants_graphiql(request: Request) -> bool:
        return request.method == "GET" and "text/html" in request.headers.get("accept", "")

    async def get_context(
        self, request: Request | WebSocket, response: Response | WebSocket | None
    ) -> Context:
        state = request.scope.setdefault("state", {})
        db = state.get("db") or RequestDB(self.services.pool)
        return Context(
            services=self.services,
            request=request,
            response=response if isinstance(response, Response) else None,
            db=db,
            authenticated=state.get("viewer"),
        )

    async def on_ws_connect(self, context: Context) -> UnsetType | dict[str, object] | None:
        """Authenticate a WebSocket from its connection_init payload (same headers as HTTP)."""
        params = context.connection_params or {}
        headers = params.get("headers", params) if isinstance(params, dict) else {}
        try:
            context.authenticated = await authenticate(
                self.services.pool, self.services.jwt_secret, headers
            )
        except Refusal as refusal:
            raise ConnectionRejectionError(
                {"message": refusal.message, "code": refusal.code}
            ) from None
        return None

    async def process_result(
        self, request: Request, result: ExecutionResult
    ) -> GraphQLHTTPResponse:
        response = await super().process_result(request, result)
        if self.services.settings.expose_sql_count:
            db: RequestDB | None = request.scope.get("state", {}).get("db")
            count = await db.statement_count() if db else 0
            extensions = dict(response.get("extensions") or {})
            extensions["sqlStatements"] = count
            response["extensions"] = extensions
        return response
