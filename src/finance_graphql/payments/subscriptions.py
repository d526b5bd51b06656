"""paymentUpdated: live payment changes over WebSocket."""

from __future__ import annotations

from collections.abc import AsyncGenerator
from contextlib import aclosing

import strawberry

from finance_graphql.context import Context
from finance_graphql.core.subscriptions import changes_in_reach
from finance_graphql.payments import repository
from finance_graphql.payments.allocating import PAYMENT_TOPIC
from finance_graphql.payments.repository import PaymentRow
from finance_graphql.payments.types import Payment


async def _payment(context: Context, payment_id: int) -> PaymentRow | None:
    async with context.db.connection() as conn:
        return await repository.by_id(conn, payment_id)


@strawberry.type
class PaymentSubscriptions:
    @strawberry.subscription(
        description="Each payment recorded or changed from now on, within reach; owId narrows "
        "to one workspace."
    )
    async def payment_updated(
        self, info: strawberry.Info[Context], ow_id: strawberry.ID | None = None
    ) -> AsyncGenerator[Payment, None]:
        changes = changes_in_reach(info.context, PAYMENT_TOPIC, ow_id, _payment)
        async with aclosing(changes) as rows:  # closed with the subscription, not later
            async for row in rows:
                yield Payment(row=row)
