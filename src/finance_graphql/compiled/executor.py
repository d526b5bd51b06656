"""Answering a compiled plan: bind the request's variables and the viewer's list statements,
run one statement per root field, and join PostgreSQL's JSON texts into the response."""

from __future__ import annotations

import json
import re
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

import asyncpg
from graphql import GraphQLError, GraphQLSchema
from graphql.execution.values import get_argument_values, get_variable_values

from finance_graphql.compiled import sql
from finance_graphql.compiled.compiler import Part, Plan, RootList
from finance_graphql.core.pagination import Page, SortKey, order_by
from finance_graphql.core.tenancy import Viewer


@dataclass(frozen=True)
class ListStatement:
    """A domain's list, as its repository builds it: the page (one row past `page.first`), the
    count, and the sort key (for cursors)."""

    page_sql: str
    page_values: list[Any]
    count_sql: str
    count_values: list[Any]
    sort: SortKey
    page: Page


ListBuilder = Callable[[asyncpg.Connection, Viewer, dict[str, Any]], Awaitable[ListStatement]]

_PARAMETER = re.compile(r"\$(\d+)")


def _shift(statement: str, by: int) -> str:
    """Renumber $n placeholders so two statements' parameters can share one list."""
    return _PARAMETER.sub(lambda m: f"${int(m.group(1)) + by}", statement)


def _cursor(sort: SortKey, alias: str) -> str:
    # Sort expressions name bare columns (coalesce(issued_on, DATE '...')): evaluated directly
    # over `shown t`, the only relation in scope, they read t's columns.
    return sql.cursor(sql.cursor_value(sort.expression, sort.kind), f"{alias}.id")


def _page_info(parts: tuple[Part, ...], statement: ListStatement) -> str:
    values = {
        "hasNextPage": f"((SELECT count(*) FROM page) > {statement.page.first})",
        "hasPreviousPage": "true" if statement.page.after is not None else "false",
        "startCursor": f"(SELECT {_cursor(statement.sort, 't')} FROM shown t WHERE t.n_ = 1)",
        "endCursor": f"(SELECT {_cursor(statement.sort, 't')} FROM shown t"
        " ORDER BY t.n_ DESC LIMIT 1)",
        "__typename": sql.literal("PageInfo"),
    }
    return (
        "json_build_object("
        + ", ".join(f"{sql.literal(p.key)}, {values[p.name]}" for p in parts)
        + ")"
    )


def _edges(root: RootList, parts: tuple[Part, ...], statement: ListStatement) -> str:
    values = []
    for part in parts:
        if part.name == "node":
            assert part.node_sql is not None
            values.append(f"{sql.literal(part.key)}, {part.node_sql}")
        elif part.name == "cursor":
            values.append(f"{sql.literal(part.key)}, {_cursor(statement.sort, 't')}")
        else:
            values.append(f"{sql.literal(part.key)}, {sql.literal(root.type_name + 'Edge')}")
    edge = "json_build_object(" + ", ".join(values) + ")"
    return f"coalesce((SELECT json_agg({edge} ORDER BY t.n_) FROM shown t), '[]'::json)"


def connection_sql(root: RootList, statement: ListStatement) -> tuple[str, list[Any]]:
    """One statement answering the whole connection of a root list field."""
    values = list(statement.page_values)
    pieces = []
    for part in root.parts:
        if part.name == "edges":
            piece = _edges(root, part.children, statement)
        elif part.name == "pageInfo":
            piece = _page_info(part.children, statement)
        elif part.name == "totalCount":
            piece = f"({_shift(statement.count_sql, len(values))})"
            values += statement.count_values
        else:
            piece = sql.literal(root.type_name + "Connection")
        pieces.append(f"{sql.literal(part.key)}, {piece}")
    order = order_by(statement.sort, statement.page)
    text = (
        f"WITH page AS MATERIALIZED ({statement.page_sql}),"
        f" shown AS (SELECT s.*, row_number() OVER (ORDER BY {order}) AS n_"
        f" FROM (SELECT * FROM page ORDER BY {order} LIMIT {statement.page.first}) s)"
        f" SELECT json_build_object({', '.join(pieces)})::text"
    )
    return text, values


class Declined(Exception):
    """The request is left to GraphQL execution (it will give the error, if any)."""


async def answer(
    plan: Plan,
    schema: GraphQLSchema,
    variables: dict[str, Any] | None,
    viewer: Viewer,
    conn: asyncpg.Connection,
    builders: dict[str, ListBuilder],
) -> str:
    """The response body's `data` JSON text; raises Declined to fall back."""
    coerced = get_variable_values(
        schema, plan.operation.variable_definitions or (), variables or {}
    )
    if isinstance(coerced, list):
        raise Declined("variables")
    query_type = schema.query_type
    assert query_type is not None
    pieces = []
    for root in plan.roots:
        try:
            arguments = get_argument_values(query_type.fields[root.field], root.node, coerced)
            statement = await builders[root.field](conn, viewer, arguments)
        except GraphQLError as error:
            raise Declined(str(error)) from error
        text, values = connection_sql(root, statement)
        pieces.append(f"{json.dumps(root.key)}:{await conn.fetchval(text, *values)}")
    return "{" + ",".join(pieces) + "}"
