"""GraphQL types of the static lists."""

from __future__ import annotations

import strawberry

from finance_graphql.lookups import catalog


@strawberry.type(description="One entry of a static list, with the seeds' id, name, label, order.")
class LookupItem:
    id: int
    name: str
    label: str
    order: int

    @classmethod
    def all_of(cls, listing: catalog.Catalog[catalog.E]) -> list[LookupItem]:
        return [cls(id=i.id, name=i.name, label=i.label, order=i.order) for i in listing.listing()]


@strawberry.type(description="Every static list, for dashboards to build their menus.")
class FinanceLookups:
    @strawberry.field
    def payment_types(self) -> list[LookupItem]:
        return LookupItem.all_of(catalog.PAYMENT_TYPES)

    @strawberry.field
    def payment_statuses(self) -> list[LookupItem]:
        return LookupItem.all_of(catalog.PAYMENT_STATUSES)

    @strawberry.field
    def payment_modes(self) -> list[LookupItem]:
        return LookupItem.all_of(catalog.PAYMENT_MODES)

    @strawberry.field
    def invoice_statuses(self) -> list[LookupItem]:
        return LookupItem.all_of(catalog.INVOICE_STATUSES)

    @strawberry.field
    def payment_terms(self) -> list[LookupItem]:
        return LookupItem.all_of(catalog.PAYMENT_TERMS)

    @strawberry.field
    def pg_payment_types(self) -> list[LookupItem]:
        return LookupItem.all_of(catalog.PG_PAYMENT_TYPES)

    @strawberry.field
    def credit_statuses(self) -> list[LookupItem]:
        return LookupItem.all_of(catalog.CREDIT_STATUSES)
