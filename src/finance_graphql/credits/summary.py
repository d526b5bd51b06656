"""A workspace's credit summary (Workspace.creditSummary): type and batch load.

Definitions (also in docs/credits.md):
- totalCredit: the sum of the workspace's CLAIMED credits (offers not yet claimed and revoked
  ones are not credit the workspace has);
- usedCredit: the part of that credit applied to invoices (credit_allocations). Spend does not
  draw on credit: campaigns are paid for through invoices (docs/spend.md), so applying credit to
  an invoice is the one way credit is used;
- availableCredit = totalCredit - usedCredit, never negative (an allocation never exceeds its
  credit's unapplied amount).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

import strawberry

from finance_graphql.core.money import ZERO, quantize
from finance_graphql.credits import repository

if TYPE_CHECKING:
    from finance_graphql.context import Context


@dataclass(frozen=True)
class CreditTotals:
    total: Decimal
    used: Decimal


@strawberry.type(description="Credit a workspace has claimed and how much of it is used.")
class CreditSummary:
    totals: strawberry.Private[CreditTotals]
    currency: strawberry.Private[str]

    @strawberry.field(description="Claimed credit applied to invoices.")
    def used_credit(self) -> Decimal:
        return quantize(self.totals.used, self.currency)

    @strawberry.field(description="Sum of the workspace's claimed credits.")
    def total_credit(self) -> Decimal:
        return quantize(self.totals.total, self.currency)

    @strawberry.field(description="totalCredit - usedCredit: claimed credit still to apply.")
    def available_credit(self) -> Decimal:
        return quantize(self.totals.total - self.totals.used, self.currency)


async def load_credit_totals(context: Context, workspace_ids: list[int]) -> list[CreditTotals]:
    """Each workspace's claimed and used credit, one statement for the batch."""
    async with context.db.connection() as conn:
        found = await repository.summaries(conn, workspace_ids)
    return [CreditTotals(*found.get(i, (ZERO, ZERO))) for i in workspace_ids]
