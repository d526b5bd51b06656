"""The list fields the compiled path answers: each domain's argument checks, tenant filter and
statements, reused as they are (invoices/ and payments/ queries and repositories)."""

from __future__ import annotations

from typing import Any

import asyncpg

from finance_graphql.compiled.executor import ListBuilder, ListStatement
from finance_graphql.core.tenancy import Viewer
from finance_graphql.invoices import queries as invoice_queries
from finance_graphql.invoices import repository as invoice_repository
from finance_graphql.payments import queries as payment_queries
from finance_graphql.payments import repository as payment_repository
from finance_graphql.workspaces.service import reachable


def _input(cls: Any, value: dict[str, Any] | None, names: dict[str, str]) -> Any:
    """A strawberry input object from coerced GraphQL argument values."""
    if value is None:
        return None
    return cls(**{python: value.get(graphql) for graphql, python in names.items()})


async def invoices(conn: asyncpg.Connection, viewer: Viewer, args: dict[str, Any]) -> ListStatement:
    request = invoice_queries.list_request(
        _input(
            invoice_queries.InvoiceFilter,
            args.get("filter"),
            {"owId": "ow_id", "status": "status", "search": "search"},
        ),
        _input(
            invoice_queries.InvoiceOrder,
            args.get("orderBy"),
            {"key": "key", "direction": "direction"},
        ),
        args.get("first"),
        args.get("after"),
    )
    if request.found.workspace_id is not None:
        await reachable(conn, viewer, request.found.workspace_id)
    page_sql, page_values = invoice_repository.page_statement(
        viewer, request.found, request.sort, request.page
    )
    count_sql, count_values = invoice_repository.count_statement(viewer, request.found)
    return ListStatement(
        page_sql, page_values, count_sql, count_values, request.sort.key, request.page
    )


async def payments(conn: asyncpg.Connection, viewer: Viewer, args: dict[str, Any]) -> ListStatement:
    request = payment_queries.list_request(
        _input(
            payment_queries.PaymentFilter,
            args.get("filter"),
            {"owId": "ow_id", "status": "status", "type": "type", "search": "search"},
        ),
        _input(
            payment_queries.PaymentOrder,
            args.get("orderBy"),
            {"key": "key", "direction": "direction"},
        ),
        args.get("first"),
        args.get("after"),
    )
    if request.found.workspace_id is not None:
        await reachable(conn, viewer, request.found.workspace_id)
    page_sql, page_values = payment_repository.page_statement(
        viewer, request.found, request.key, request.page
    )
    count_sql, count_values = payment_repository.count_statement(viewer, request.found)
    sort = payment_repository.SORT_KEYS[request.key]
    return ListStatement(page_sql, page_values, count_sql, count_values, sort, request.page)


BUILDERS: dict[str, ListBuilder] = {"invoices": invoices, "payments": payments}
