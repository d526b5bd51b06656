"""invoiceUpdated: live invoice changes over WebSocket."""

from __future__ import annotations

from collections.abc import AsyncGenerator
from contextlib import aclosing
from typing import cast

import strawberry

from finance_graphql.context import Context
from finance_graphql.core import access
from finance_graphql.core.arguments import optional_id
from finance_graphql.core.events import Event
from finance_graphql.core.subscriptions import each_event
from finance_graphql.invoices import service
from finance_graphql.invoices.loaders import load_invoices
from finance_graphql.invoices.types import Invoice
from finance_graphql.workspaces.service import reachable


@strawberry.type
class InvoiceSubscriptions:
    @strawberry.subscription(
        description="Each invoice created or changed from now on, within reach; owId narrows to "
        "one workspace."
    )
    async def invoice_updated(
        self, info: strawberry.Info[Context], ow_id: strawberry.ID | None = None
    ) -> AsyncGenerator[Invoice, None]:
        context = info.context
        viewer = context.viewer
        workspace_id = optional_id(ow_id, "owId")
        try:
            if workspace_id is not None:
                async with context.db.connection() as conn:
                    await reachable(conn, viewer, workspace_id)
                await context.db.release()  # hold no connection while waiting for events
            # each_event is an async generator: closing it releases its hub queue at once.
            stream = cast(AsyncGenerator[Event, None], each_event(context, service.TOPIC))
            async with aclosing(stream) as events:
                async for event in events:
                    if not access.reaches_record(viewer, event.workspace_id, event.parent_id):
                        continue
                    if workspace_id is not None and event.workspace_id != workspace_id:
                        continue
                    row = await context.loader(load_invoices).load(event.id)
                    if row is not None:
                        yield Invoice(row=row)
        finally:
            # Refused, closed or cancelled: the connection goes back to the pool in every case.
            await context.db.release()
