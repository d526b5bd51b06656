"""Relay-style connections over keyset pagination.

A cursor is opaque to clients: base64 of the sort value and the row id of the last row seen. The
next page is `WHERE (sort, id) > (value, id)` (or `<` when descending), which an index on
(tenant, sort, id) answers without scanning the rows before it, however deep the page.
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import json
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from enum import Enum
from typing import Any, Generic, TypeVar

import strawberry

from finance_graphql.core.arguments import page_size
from finance_graphql.core.errors import BadInput

T = TypeVar("T")
R = TypeVar("R")


@strawberry.enum(description="Which way a list is sorted.")
class SortDirection(Enum):
    ASC = "ASC"
    DESC = "DESC"


@strawberry.type
class PageInfo:
    has_next_page: bool
    has_previous_page: bool
    start_cursor: str | None
    end_cursor: str | None


@strawberry.type
class Edge(Generic[T]):
    node: T
    cursor: str


@strawberry.type
class Connection(Generic[T]):
    edges: list[Edge[T]]
    page_info: PageInfo
    count_total: strawberry.Private[Callable[[], Awaitable[int]]]

    @strawberry.field(description="How many records match the filter, on all pages.")
    async def total_count(self) -> int:
        return await self.count_total()


_CASTS = {
    "int": "bigint",
    "decimal": "numeric",
    "date": "date",
    "datetime": "timestamptz",
    "text": "text",
}


@dataclass(frozen=True)
class SortKey:
    """A sort expression (fixed in code, never from input) and the type of its values."""

    expression: str
    kind: str  # int | decimal | date | datetime | text

    def cast(self) -> str:
        return _CASTS[self.kind]


@dataclass(frozen=True)
class Page:
    """What a list resolver asks of its repository: how many, after what, which way."""

    first: int
    after: tuple[Any, int] | None
    descending: bool

    @property
    def limit(self) -> int:
        """Rows to fetch: one more than asked, to learn whether there is a next page."""
        return self.first + 1


def _encode_value(value: Any) -> Any:
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    return value


def _decode_value(raw: Any, kind: str) -> Any:
    if kind == "int":
        if not isinstance(raw, int) or isinstance(raw, bool):
            raise ValueError(raw)
        return raw
    if not isinstance(raw, str):
        raise ValueError(raw)
    if kind == "decimal":
        return Decimal(raw)
    if kind == "date":
        return dt.date.fromisoformat(raw)
    if kind == "datetime":
        return dt.datetime.fromisoformat(raw)
    return raw


def encode_cursor(value: Any, row_id: int) -> str:
    payload = json.dumps([_encode_value(value), row_id], separators=(",", ":"))
    return base64.urlsafe_b64encode(payload.encode()).decode().rstrip("=")


def decode_cursor(cursor: str, sort: SortKey) -> tuple[Any, int]:
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        value, row_id = json.loads(base64.urlsafe_b64decode(padded.encode()))
        if not isinstance(row_id, int) or isinstance(row_id, bool):
            raise ValueError(row_id)
        return _decode_value(value, sort.kind), row_id
    except (ValueError, TypeError, binascii.Error, InvalidOperation, UnicodeDecodeError) as error:
        raise BadInput("after: is not a cursor of this list", "after") from error


def page_request(first: int | None, after: str | None, sort: SortKey, descending: bool) -> Page:
    """Validate `first` and `after` before any SQL runs."""
    size = page_size(first)
    position = decode_cursor(after, sort) if after else None
    return Page(first=size, after=position, descending=descending)


def keyset_condition(sort: SortKey, page: Page, first_param: int) -> tuple[str, list[Any]]:
    """SQL for 'rows after the cursor' (TRUE on the first page) and its two parameters."""
    if page.after is None:
        return "TRUE", []
    operator = "<" if page.descending else ">"
    value, row_id = page.after
    condition = (
        f"({sort.expression}, id) {operator} "
        f"(${first_param}::{sort.cast()}, ${first_param + 1}::bigint)"
    )
    return condition, [value, row_id]


def order_by(sort: SortKey, page: Page) -> str:
    direction = "DESC" if page.descending else "ASC"
    return f"{sort.expression} {direction}, id {direction}"


def page_query(
    source: str,
    columns: str,
    branches: Sequence[str],
    args: Sequence[Any],
    sort: SortKey,
    page: Page,
) -> tuple[str, list[Any]]:
    """SQL and parameters of one keyset page (plus one row) of `source` rows matching any of
    `branches` (conditions over parameters $1..$len(args)).

    Each branch is its own index-ordered, limited scan; several (an organization's customers'
    rows and its own, say) are merged by UNION ALL, so each reads through its own index.
    """
    after, after_values = keyset_condition(sort, page, len(args) + 1)
    order = order_by(sort, page)
    scans = [
        f"SELECT {columns} FROM {source} WHERE ({branch}) AND {after}"
        f" ORDER BY {order} LIMIT {page.limit}"
        for branch in branches
    ]
    sql = scans[0]
    if len(scans) > 1:
        merged = " UNION ALL ".join(f"({scan})" for scan in scans)
        sql = f"SELECT * FROM ({merged}) AS page ORDER BY {order} LIMIT {page.limit}"
    return sql, [*args, *after_values]


def count_query(source: str, branches: Sequence[str]) -> str:
    """SQL counting the rows of `source` matching any of `branches` (which never overlap)."""
    return "SELECT " + " + ".join(
        f"(SELECT count(*) FROM {source} WHERE {branch})" for branch in branches
    )


def build_connection(
    rows: Sequence[R],
    page: Page,
    *,
    node: Callable[[R], T],
    sort_value: Callable[[R], Any],
    row_id: Callable[[R], int],
    count_total: Callable[[], Awaitable[int]],
) -> Connection[T]:
    """Turn `page.limit` fetched rows into a connection; the extra row only flags a next page."""
    visible = list(rows[: page.first])
    edges = [Edge(node=node(r), cursor=encode_cursor(sort_value(r), row_id(r))) for r in visible]
    return Connection(
        edges=edges,
        page_info=PageInfo(
            has_next_page=len(rows) > page.first,
            has_previous_page=page.after is not None,
            start_cursor=edges[0].cursor if edges else None,
            end_cursor=edges[-1].cursor if edges else None,
        ),
        count_total=count_total,
    )
