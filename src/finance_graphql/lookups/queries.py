"""The static-lists query."""

from __future__ import annotations

import strawberry

from finance_graphql.lookups.types import FinanceLookups


@strawberry.type
class LookupQueries:
    @strawberry.field(description="The static lists: id, name, label and order of each entry.")
    def finance_lookups(self) -> FinanceLookups:
        return FinanceLookups()
