"""paymentUpdated: live payment changes over WebSocket."""

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
from finance_graphql.payments import repository
from finance_graphql.payments.allocating import PAYMENT_TOPIC
from finance_graphql.payments.types import Payment
from finance_graphql.workspaces.service import reachable


@strawberry.type
class PaymentSubscriptions:
    @strawberry.subscription(
        description="Each payment recorded or changed from now on, within reach; owId narrows "
        "to one workspace."
    )
    async def payment_updated(
        self, info: strawberry.Info[Context], ow_id: strawberry.ID | None = None
    ) -> AsyncGenerator[Payment, None]:
        context = info.context
        viewer = context.viewer
        workspace_id = optional_id(ow_id, "owId")
        try:
            if workspace_id is not None:
                async with context.db.connection() as conn:
                    await reachable(conn, viewer, workspace_id)
                await context.db.release()  # hold no connection while waiting for events
            # each_event is an async generator: closing it releases its hub queue at once.
            stream = cast(AsyncGenerator[Event, None], each_event(context, PAYMENT_TOPIC))
            async with aclosing(stream) as events:
                async for event in events:
                    if not access.reaches_record(viewer, event.workspace_id, event.parent_id):
                        continue
                    if workspace_id is not None and event.workspace_id != workspace_id:
                        continue
                    async with context.db.connection() as conn:
                        row = await repository.by_id(conn, event.id)
                    if row is not None:
                        yield Payment(row=row)
        finally:
            # Refused, closed or cancelled: the connection goes back to the pool in every case.
            await context.db.release()
