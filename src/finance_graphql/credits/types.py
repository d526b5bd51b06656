"""GraphQL types of credits."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import strawberry

from finance_graphql.context import Context
from finance_graphql.core.money import quantize
from finance_graphql.credits.loaders import load_allocations
from finance_graphql.credits.repository import AllocationRow, BusinessDetails, CreditRow
from finance_graphql.lookups.catalog import CreditStatus
from finance_graphql.workspaces.types import Workspace, referenced_workspace


@strawberry.type(description="What the customer gave when claiming a credit.")
class CreditBusinessDetails:
    customer_name: str
    business_name: str
    tax_id: str
    contact_person_name: str
    contact_person_email: str
    incorporation_place: str
    address: str

    @classmethod
    def of(cls, details: BusinessDetails) -> CreditBusinessDetails:
        return cls(**vars(details))


@strawberry.type(description="Part of a claimed credit applied to an invoice.")
class CreditAllocation:
    row: strawberry.Private[AllocationRow]
    currency: strawberry.Private[str]

    @strawberry.field
    def id(self) -> strawberry.ID:
        return strawberry.ID(str(self.row.id))

    @strawberry.field
    def invoice_id(self) -> strawberry.ID:
        return strawberry.ID(str(self.row.invoice_id))

    @strawberry.field
    def amount(self) -> Decimal:
        return quantize(self.row.amount, self.currency)

    @strawberry.field
    def created_at(self) -> dt.datetime:
        return self.row.created_at


@strawberry.type(description="Credit offered by an organization to a customer.")
class Credit:
    row: strawberry.Private[CreditRow]

    @strawberry.field
    def id(self) -> strawberry.ID:
        return strawberry.ID(str(self.row.id))

    @strawberry.field(description="The customer the credit is offered to.")
    async def workspace(self, info: strawberry.Info[Context]) -> Workspace:
        return await referenced_workspace(info, self.row.workspace_id)

    @strawberry.field(description="The organization that offered it.")
    async def offered_by(self, info: strawberry.Info[Context]) -> Workspace:
        return await referenced_workspace(info, self.row.parent_id)

    @strawberry.field(description="Name of the organization that offered it.")
    def organization_name(self) -> str:
        return self.row.organization_name

    @strawberry.field(description="Name of the customer it is offered to.")
    def display_name(self) -> str:
        return self.row.workspace_name

    @strawberry.field
    def amount(self) -> Decimal:
        return quantize(self.row.amount, self.row.currency)

    @strawberry.field(description="ISO 4217 code: the customer's currency.")
    def currency(self) -> str:
        return self.row.currency

    @strawberry.field
    def status(self) -> CreditStatus:
        return self.row.status

    @strawberry.field(description="Given when claimed; null before.")
    def business_details(self) -> CreditBusinessDetails | None:
        business = self.row.business
        return None if business is None else CreditBusinessDetails.of(business)

    @strawberry.field(description="Applications of this credit to invoices, oldest first.")
    async def allocations(self, info: strawberry.Info[Context]) -> list[CreditAllocation]:
        rows = await info.context.loader(load_allocations).load(self.row.id)
        return [CreditAllocation(row=r, currency=self.row.currency) for r in rows]

    @strawberry.field(description="How much of the credit is applied to invoices.")
    async def applied_amount(self, info: strawberry.Info[Context]) -> Decimal:
        rows = await info.context.loader(load_allocations).load(self.row.id)
        return quantize(sum((r.amount for r in rows), Decimal(0)), self.row.currency)

    @strawberry.field
    def created_at(self) -> dt.datetime:
        return self.row.created_at

    @strawberry.field
    def claimed_at(self) -> dt.datetime | None:
        return self.row.claimed_at

    @strawberry.field
    def modified_at(self) -> dt.datetime:
        return self.row.modified_at
