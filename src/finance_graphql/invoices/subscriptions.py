"""invoiceUpdated: live invoice changes over WebSocket."""

from __future__ import annotations

from collections.abc import AsyncGenerator
from contextlib import aclosing

import strawberry

from finance_graphql.context import Context
from finance_graphql.core.subscriptions import changes_in_reach
from finance_graphql.invoices import service
from finance_graphql.invoices.loaders import load_invoices
from finance_graphql.invoices.repository import InvoiceRow
from finance_graphql.invoices.types import Invoice


async def _invoice(context: Context, invoice_id: int) -> InvoiceRow | None:
    return await context.loader(load_invoices).load(invoice_id)


@strawberry.type
class InvoiceSubscriptions:
    @strawberry.subscription(
        description="Each invoice created or changed from now on, within reach; owId narrows to "
        "one workspace."
    )
    async def invoice_updated(
        self, info: strawberry.Info[Context], ow_id: strawberry.ID | None = None
    ) -> AsyncGenerator[Invoice, None]:
        changes = changes_in_reach(info.context, service.TOPIC, ow_id, _invoice)
        async with aclosing(changes) as rows:  # closed with the subscription, not later
            async for row in rows:
                yield Invoice(row=row)
