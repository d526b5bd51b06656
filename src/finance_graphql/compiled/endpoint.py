"""The compiled path at the HTTP edge: answer a request from its plan, or leave it (None)."""

from __future__ import annotations

import json
import logging
from typing import Any

import strawberry
from starlette.requests import Request
from starlette.responses import Response
from strawberry.schema.base import BaseSchema

from finance_graphql.compiled.compiler import Limits, PlanCache
from finance_graphql.compiled.executor import Declined, answer
from finance_graphql.compiled.lists import BUILDERS
from finance_graphql.context import Services
from finance_graphql.core.tenancy import Viewer
from finance_graphql.db import RequestDB

# A client (or a test) may ask for ordinary execution of a query: `X-Compiled-Reads: off`.
COMPILED_HEADER = "x-compiled-reads"
log = logging.getLogger(__name__)


def _request_parts(request: Request, body: dict[str, Any] | None) -> tuple[Any, Any, Any]:
    if request.method == "GET":
        params = request.query_params
        try:
            variables = json.loads(params["variables"]) if params.get("variables") else None
        except ValueError:
            return None, None, None
        return params.get("query"), variables, params.get("operationName")
    if body is None:
        return None, None, None
    return body.get("query"), body.get("variables"), body.get("operationName")


class CompiledReads:
    def __init__(self, schema: BaseSchema, services: Services) -> None:
        settings = services.settings
        self.services = services
        assert isinstance(schema, strawberry.Schema)
        self.graphql_schema = schema._schema
        self.plans = PlanCache(
            self.graphql_schema,
            Limits(settings.max_query_depth, settings.max_aliases, settings.max_tokens),
        )

    async def respond(
        self, request: Request, body: dict[str, Any] | None, viewer: Viewer
    ) -> Response | None:
        query, variables, operation_name = _request_parts(request, body)
        if not isinstance(query, str) or not isinstance(variables, dict | None):
            return None
        if not isinstance(operation_name, str | None):
            return None
        plan = self.plans.get(query, operation_name)
        if plan is None:
            return None
        db = RequestDB(self.services.pool)
        try:
            async with db.connection() as conn:
                data = await answer(plan, self.graphql_schema, variables, viewer, conn, BUILDERS)
            extensions = ""
            if self.services.settings.expose_sql_count:
                count = await db.statement_count()
                extensions = f',"extensions":{{"sqlStatements":{count},"compiled":true}}'
        except Declined:
            return None
        finally:
            await db.release()
        return Response('{"data":' + data + extensions + "}", media_type="application/json")
