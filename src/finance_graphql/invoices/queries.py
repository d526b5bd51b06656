"""Invoice queries: invoice, invoices, invoiceSettings."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

import strawberry

from finance_graphql.context import Context
from finance_graphql.core import access
from finance_graphql.core.arguments import optional_id, require_id
from finance_graphql.core.pagination import (
    Connection,
    Page,
    SortDirection,
    build_connection,
    page_request,
)
from finance_graphql.invoices import repository, service
from finance_graphql.invoices.loaders import load_invoices
from finance_graphql.invoices.repository import InvoiceFilter as ListFilter
from finance_graphql.invoices.types import Invoice, InvoiceSettings
from finance_graphql.lookups.catalog import InvoiceStatus
from finance_graphql.workspaces.service import reachable

MAX_SEARCH = 200


@strawberry.enum
class InvoiceSortKey(Enum):
    ISSUED_ON = "ISSUED_ON"  # unissued (PENDING) invoices sort as issued last
    AMOUNT = "AMOUNT"
    STATUS = "STATUS"  # by stored status id; an OVERDUE invoice sorts as UNPAID/PARTIALLY_PAID
    ID = "ID"


@strawberry.input
class InvoiceFilter:
    ow_id: strawberry.ID | None = strawberry.field(
        default=None, description="Only this workspace's invoices (within reach)."
    )
    status: list[InvoiceStatus] | None = strawberry.field(
        default=None, description="Any of these statuses, as shown (OVERDUE derived)."
    )
    search: str | None = strawberry.field(default=None, description="Name contains, or the id.")


@strawberry.input
class InvoiceOrder:
    key: InvoiceSortKey
    direction: SortDirection


@dataclass(frozen=True)
class InvoiceListRequest:
    """The checked arguments of `invoices`: filter, sort and page (no SQL run yet)."""

    found: ListFilter
    sort: repository.InvoiceSort
    page: Page


def list_request(
    filter: InvoiceFilter | None,
    order_by: InvoiceOrder | None,
    first: int | None,
    after: str | None,
) -> InvoiceListRequest:
    """Read the list's arguments (BAD_USER_INPUT on a bad page size, cursor or id); shared by
    the resolver and the compiled read path."""
    sort = repository.SORTS[order_by.key.value if order_by else "ID"]
    descending = order_by is None or order_by.direction is SortDirection.DESC
    page = page_request(first, after, sort.key, descending)
    wanted = filter or InvoiceFilter()
    workspace_id = optional_id(wanted.ow_id, "filter.owId")
    search = (wanted.search or "").strip()[:MAX_SEARCH] or None
    found = ListFilter(workspace_id, tuple(wanted.status or ()), search)
    return InvoiceListRequest(found, sort, page)


@strawberry.type
class InvoiceQueries:
    @strawberry.field(description="An invoice within reach; null when missing or out of reach.")
    async def invoice(self, info: strawberry.Info[Context], id: strawberry.ID) -> Invoice | None:
        viewer = info.context.viewer
        row = await info.context.loader(load_invoices).load(require_id(id, "id"))
        if row is None or not access.reaches_record(viewer, row.workspace_id, row.parent_id):
            return None
        return Invoice(row=row)

    @strawberry.field(
        description="Invoices within reach: a customer's own; an organization's and its "
        "customers'; every invoice for super. Default order: newest id first."
    )
    async def invoices(
        self,
        info: strawberry.Info[Context],
        filter: InvoiceFilter | None = None,
        order_by: InvoiceOrder | None = None,
        first: int | None = 50,
        after: str | None = None,
    ) -> Connection[Invoice]:
        viewer = info.context.viewer
        request = list_request(filter, order_by, first, after)
        found, sort, page = request.found, request.sort, request.page
        async with info.context.db.connection() as conn:
            if found.workspace_id is not None:
                await reachable(conn, viewer, found.workspace_id)
            rows = await repository.list_invoices(conn, viewer, found, sort, page)

        async def total() -> int:
            async with info.context.db.connection() as conn:
                return await repository.count_invoices(conn, viewer, found)

        return build_connection(
            rows,
            page,
            node=lambda r: Invoice(row=r),
            sort_value=sort.value,
            row_id=lambda r: r.id,
            count_total=total,
        )

    @strawberry.field(
        description="The invoice template of the active organization (null until set); for a "
        "customer, its organization's (where to pay)."
    )
    async def invoice_settings(self, info: strawberry.Info[Context]) -> InvoiceSettings | None:
        viewer = info.context.viewer
        async with info.context.db.connection() as conn:
            row = await service.invoice_settings(conn, viewer)
        return InvoiceSettings.of(row) if row else None
