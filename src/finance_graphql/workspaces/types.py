"""GraphQL types of workspaces and the viewer."""

from __future__ import annotations

from decimal import Decimal

import strawberry

from finance_graphql.campaigns.overview import FinanceDetails, load_overviews, year_or_current
from finance_graphql.context import Context
from finance_graphql.core import access
from finance_graphql.core.access import Permission
from finance_graphql.core.errors import Forbidden
from finance_graphql.core.money import quantize
from finance_graphql.core.tenancy import WorkspaceKind
from finance_graphql.credits.summary import CreditSummary, load_credit_totals
from finance_graphql.ledger.loaders import load_balances
from finance_graphql.margins.loaders import load_margins
from finance_graphql.workspaces.loaders import load_workspaces
from finance_graphql.workspaces.repository import WorkspaceRow


@strawberry.type(description="A workspace: the super organization, an organization or a customer.")
class Workspace:
    row: strawberry.Private[WorkspaceRow]

    @strawberry.field(description="The owId.")
    def id(self) -> strawberry.ID:
        return strawberry.ID(str(self.row.id))

    @strawberry.field
    def name(self) -> str:
        return self.row.name

    @strawberry.field
    def kind(self) -> WorkspaceKind:
        return self.row.kind

    @strawberry.field(description="ISO 4217 code of the workspace's money.")
    def currency(self) -> str:
        return self.row.currency

    @strawberry.field(
        description="A customer's organization; an organization's super organization."
    )
    async def parent(self, info: strawberry.Info[Context]) -> Workspace | None:
        if self.row.parent_id is None:
            return None
        parent = await info.context.loader(load_workspaces).load(self.row.parent_id)
        return Workspace(row=parent) if parent else None

    @strawberry.field(description="The sum of the workspace's ledger entries.")
    async def available_balance(self, info: strawberry.Info[Context]) -> Decimal:
        balance = await info.context.loader(load_balances).load(self.row.id)
        return quantize(balance, self.row.currency)

    @strawberry.field(
        description="Campaign counts, spend, earning, credits and balance for a year (default: "
        "the current one). See docs/finance-details.md."
    )
    async def finance_details(
        self, info: strawberry.Info[Context], year: int | None = None
    ) -> FinanceDetails:
        key = (self.row.id, year_or_current(year))
        overview = await info.context.loader(load_overviews).load(key)
        return FinanceDetails(overview=overview, currency=self.row.currency)

    @strawberry.field(description="Claimed credit and the part applied to invoices.")
    async def credit_summary(self, info: strawberry.Info[Context]) -> CreditSummary:
        totals = await info.context.loader(load_credit_totals).load(self.row.id)
        return CreditSummary(totals=totals, currency=self.row.currency)

    @strawberry.field(
        description="Gross margin, percent; null where not configured. Organization and super "
        "users only (a customer's request is refused)."
    )
    async def gross_margin(self, info: strawberry.Info[Context]) -> Decimal | None:
        if not access.allows(info.context.viewer, Permission.VIEW_FINANCE_SETTINGS, self.row.ref):
            raise Forbidden()
        margins = await info.context.loader(load_margins).load(self.row.id)
        return None if margins.gross_margin is None else margins.gross_margin.normalize()


@strawberry.type(name="Viewer", description="The signed-in user in the active workspace.")
class ViewerType:
    email: str
    workspace_row: strawberry.Private[WorkspaceRow]

    @strawberry.field(description="The workspace of the X-IAA-OW-ID header.")
    def active_workspace(self) -> Workspace:
        return Workspace(row=self.workspace_row)


async def referenced_workspace(info: strawberry.Info[Context], workspace_id: int) -> Workspace:
    """The workspace a row points to (a foreign key, so it exists), through the dataloader."""
    row = await info.context.loader(load_workspaces).load(workspace_id)
    assert row is not None
    return Workspace(row=row)
