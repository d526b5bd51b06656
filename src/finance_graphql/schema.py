"""The schema: every domain's queries, mutations and subscriptions composed into one."""

from __future__ import annotations

from collections.abc import Callable

import strawberry
from graphql import GraphQLError
from strawberry.extensions import (
    DisableIntrospection,
    MaskErrors,
    MaxAliasesLimiter,
    MaxTokensLimiter,
    ParserCache,
    QueryDepthLimiter,
    SchemaExtension,
    ValidationCache,
)
from strawberry.schema.config import StrawberryConfig

from finance_graphql.campaigns.mutations import CampaignMutations
from finance_graphql.campaigns.queries import CampaignQueries
from finance_graphql.config import Settings
from finance_graphql.core.errors import PublicError
from finance_graphql.core.scalars import SCALAR_MAP
from finance_graphql.credits.mutations import CreditMutations
from finance_graphql.credits.queries import CreditQueries
from finance_graphql.fees.mutations import FeeMutations
from finance_graphql.fees.queries import FeeQueries
from finance_graphql.invoices.mutations import InvoiceMutations
from finance_graphql.invoices.queries import InvoiceQueries
from finance_graphql.invoices.subscriptions import InvoiceSubscriptions
from finance_graphql.jobs.generation import GenerationMutations
from finance_graphql.jobs.queries import JobQueries, JobSubscriptions
from finance_graphql.lookups.queries import LookupQueries
from finance_graphql.margins.mutations import MarginMutations
from finance_graphql.margins.queries import MarginQueries
from finance_graphql.payments.mutations import PaymentMutations
from finance_graphql.payments.queries import PaymentQueries
from finance_graphql.payments.subscriptions import PaymentSubscriptions
from finance_graphql.webhooks.graphql import WebhookMutations, WebhookQueries
from finance_graphql.workspaces.mutations import WorkspaceMutations
from finance_graphql.workspaces.queries import WorkspaceQueries


@strawberry.type
class Query(
    WorkspaceQueries,
    LookupQueries,
    JobQueries,
    InvoiceQueries,
    PaymentQueries,
    MarginQueries,
    FeeQueries,
    CreditQueries,
    CampaignQueries,
    WebhookQueries,
):
    pass


@strawberry.type
class Mutation(
    WorkspaceMutations,
    InvoiceMutations,
    PaymentMutations,
    MarginMutations,
    FeeMutations,
    CreditMutations,
    CampaignMutations,
    GenerationMutations,
    WebhookMutations,
):
    pass


@strawberry.type
class Subscription(JobSubscriptions, InvoiceSubscriptions, PaymentSubscriptions):
    pass


def should_mask(error: GraphQLError) -> bool:
    """Mask what we did not mean to say: anything raised that is not a PublicError."""
    original = error.original_error
    if original is None or isinstance(original, PublicError):
        return False
    return not isinstance(original, GraphQLError)


def build_schema(settings: Settings | None = None) -> strawberry.Schema:
    settings = settings or Settings()
    limits = settings
    extensions: list[Callable[[], SchemaExtension] | type[SchemaExtension]] = [
        lambda: MaxTokensLimiter(max_token_count=limits.max_tokens),
        lambda: ParserCache(maxsize=512),
        lambda: QueryDepthLimiter(max_depth=limits.max_query_depth),
        lambda: MaxAliasesLimiter(max_alias_count=limits.max_aliases),
        lambda: ValidationCache(maxsize=512),
        lambda: MaskErrors(should_mask_error=should_mask, error_message="Internal server error"),
    ]
    if not settings.introspection_enabled:
        extensions.append(DisableIntrospection)
    return strawberry.Schema(
        query=Query,
        mutation=Mutation,
        subscription=Subscription,
        extensions=extensions,
        config=StrawberryConfig(auto_camel_case=True, scalar_map=SCALAR_MAP),
    )
