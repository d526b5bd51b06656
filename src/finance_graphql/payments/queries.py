"""Payment queries: payment, payments."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

import strawberry

from finance_graphql.context import Context
from finance_graphql.core.arguments import optional_id, require_id
from finance_graphql.core.pagination import (
    Connection,
    Page,
    SortDirection,
    build_connection,
    page_request,
)
from finance_graphql.lookups.catalog import (
    PAYMENT_STATUSES,
    PAYMENT_TYPES,
    PaymentStatus,
    PaymentType,
)
from finance_graphql.payments import repository
from finance_graphql.payments.types import Payment
from finance_graphql.workspaces.service import reachable

MAX_SEARCH = 200


@strawberry.enum(description="What a payments list is sorted by (then by id).")
class PaymentSortKey(Enum):
    PAYMENT_DATE = "PAYMENT_DATE"
    AMOUNT = "AMOUNT"
    STATUS = "STATUS"
    ID = "ID"
    MODIFIED_AT = "MODIFIED_AT"


@strawberry.input
class PaymentFilter:
    ow_id: strawberry.ID | None = strawberry.field(
        default=None, description="Only this workspace's payments (within reach)."
    )
    status: list[PaymentStatus] | None = strawberry.field(
        default=None, description="Any of these statuses."
    )
    type: list[PaymentType] | None = strawberry.field(
        default=None, description="Any of these types."
    )
    search: str | None = strawberry.field(
        default=None, description="Transaction id, bank name or notes contain it; or the id."
    )


@strawberry.input
class PaymentOrder:
    key: PaymentSortKey
    direction: SortDirection


@dataclass(frozen=True)
class PaymentListRequest:
    """The checked arguments of `payments`: filter, sort key and page (no SQL run yet)."""

    found: repository.PaymentFilter
    key: str
    page: Page


def list_request(
    filter: PaymentFilter | None,
    order_by: PaymentOrder | None,
    first: int | None,
    after: str | None,
) -> PaymentListRequest:
    """Read the list's arguments (BAD_USER_INPUT on a bad page size, cursor or id); shared by
    the resolver and the compiled read path."""
    key = order_by.key.value if order_by else repository.DEFAULT_SORT
    descending = order_by is None or order_by.direction is SortDirection.DESC
    page = page_request(first, after, repository.SORT_KEYS[key], descending)
    wanted = filter or PaymentFilter()
    found = repository.PaymentFilter(
        workspace_id=optional_id(wanted.ow_id, "filter.owId"),
        statuses=tuple(PAYMENT_STATUSES.ids(wanted.status or [])),
        types=tuple(PAYMENT_TYPES.ids(wanted.type or [])),
        search=(wanted.search or "").replace("\x00", "").strip()[:MAX_SEARCH] or None,
    )
    return PaymentListRequest(found, key, page)


@strawberry.type
class PaymentQueries:
    @strawberry.field(description="A payment within reach; null when missing or out of reach.")
    async def payment(self, info: strawberry.Info[Context], id: strawberry.ID) -> Payment | None:
        viewer = info.context.viewer
        payment_id = require_id(id, "id")
        async with info.context.db.connection() as conn:
            row = await repository.visible(conn, viewer, payment_id)
        return Payment(row=row) if row else None

    @strawberry.field(
        description="Payments within reach: a customer's own; an organization's and its "
        "customers'; every payment for super. Default order: last modified first."
    )
    async def payments(
        self,
        info: strawberry.Info[Context],
        filter: PaymentFilter | None = None,
        order_by: PaymentOrder | None = None,
        first: int | None = 50,
        after: str | None = None,
    ) -> Connection[Payment]:
        viewer = info.context.viewer
        request = list_request(filter, order_by, first, after)
        found, key, page = request.found, request.key, request.page
        async with info.context.db.connection() as conn:
            if found.workspace_id is not None:
                await reachable(conn, viewer, found.workspace_id)
            rows = await repository.list_payments(conn, viewer, found, key, page)

        async def total() -> int:
            async with info.context.db.connection() as conn:
                return await repository.count_payments(conn, viewer, found)

        return build_connection(
            rows,
            page,
            node=lambda r: Payment(row=r),
            sort_value=lambda r: repository.sort_value(r, key),
            row_id=lambda r: r.id,
            count_total=total,
        )
