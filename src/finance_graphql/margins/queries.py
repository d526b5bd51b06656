"""Margin queries: margin details, the organization's default, the settings history, and the
invoice-template prerequisite."""

from __future__ import annotations

import strawberry

from finance_graphql.context import Context
from finance_graphql.core.access import Permission
from finance_graphql.core.arguments import optional_id, page_size, require_id
from finance_graphql.core.errors import BadInput
from finance_graphql.core.pagination import Connection, build_connection, page_request
from finance_graphql.core.tenancy import WorkspaceKind
from finance_graphql.fees.repository import SUPER_ONLY_HISTORY
from finance_graphql.margins import history, repository
from finance_graphql.margins.loaders import load_margins
from finance_graphql.margins.types import (
    CustomerWithoutMargin,
    FinanceSettingChange,
    InvoiceTemplatePrerequisite,
    MarginDetails,
    MarginSetting,
)
from finance_graphql.workspaces.loaders import authorized_workspace


@strawberry.type
class MarginQueries:
    @strawberry.field(description="A workspace's margins by type (1: Gross Margin), bid shading.")
    async def margin_details(
        self,
        info: strawberry.Info[Context],
        ow_id: strawberry.ID,
        margin_type_ids: list[int] | None = None,
    ) -> MarginDetails:
        workspace = await authorized_workspace(
            info.context, Permission.VIEW_FINANCE_SETTINGS, require_id(ow_id, "owId")
        )
        row = await info.context.loader(load_margins).load(workspace.id)
        return MarginDetails(row=row, type_ids=margin_type_ids)

    @strawberry.field(
        description="The organization's margin settings: the default gross margin given to "
        "customers created after it was set. Default: the active workspace."
    )
    async def organization_margin_settings(
        self, info: strawberry.Info[Context], ow_id: strawberry.ID | None = None
    ) -> list[MarginSetting]:
        workspace = await authorized_workspace(
            info.context, Permission.VIEW_FINANCE_SETTINGS, optional_id(ow_id, "owId")
        )
        row = await info.context.loader(load_margins).load(workspace.id)
        return [MarginSetting.gross(row.default_customer_margin)]

    @strawberry.field(
        description="Changes of a workspace's margins and fees, newest first. `setting` narrows "
        "to one (grossMargin, aqsRate, ...)."
    )
    async def finance_settings_history(
        self,
        info: strawberry.Info[Context],
        ow_id: strawberry.ID,
        setting: str | None = None,
        first: int | None = 50,
        after: str | None = None,
    ) -> Connection[FinanceSettingChange]:
        viewer = info.context.viewer
        workspace = await authorized_workspace(
            info.context, Permission.VIEW_FINANCE_SETTINGS, require_id(ow_id, "owId")
        )
        page = page_request(first, after, history.SORT, descending=True)
        # What only the super organization may read stays out of everyone else's history.
        hidden = frozenset() if viewer.is_super else SUPER_ONLY_HISTORY
        name = setting.strip()[:100] if setting and setting.strip() else None
        async with info.context.db.connection() as conn:
            rows = await history.list_changes(conn, workspace.id, page, hidden=hidden, setting=name)

        async def total() -> int:
            async with info.context.db.connection() as conn:
                return await history.count_changes(conn, workspace.id, hidden=hidden, setting=name)

        return build_connection(
            rows,
            page,
            node=lambda r: FinanceSettingChange(row=r),
            sort_value=lambda r: r.changed_at,
            row_id=lambda r: r.id,
            count_total=total,
        )

    @strawberry.field(
        description="Whether the organization (default: the active one) is ready to invoice: "
        "its template, and the customers whose margin is not configured."
    )
    async def invoice_template_prerequisite(
        self,
        info: strawberry.Info[Context],
        ow_id: strawberry.ID | None = None,
        first: int | None = 100,
    ) -> InvoiceTemplatePrerequisite:
        limit = page_size(first)
        workspace = await authorized_workspace(
            info.context, Permission.VIEW_FINANCE_SETTINGS, optional_id(ow_id, "owId")
        )
        if workspace.kind is not WorkspaceKind.ORGANIZATION:
            raise BadInput("owId: must be an organization", "owId")
        async with info.context.db.connection() as conn:
            template_set, has_customers = await repository.template_flags(conn, workspace.id)
            missing = await repository.customers_without_margin(conn, workspace.id, limit)
        organization_ready = template_set or not has_customers
        return InvoiceTemplatePrerequisite(
            is_parent_invoice_template_set=template_set,
            invoice_template_required=has_customers,
            organization_app_accessible=organization_ready,
            customer_app_accessible=organization_ready and not missing,
            customer_margin_list=[
                CustomerWithoutMargin(ow_id=strawberry.ID(str(i)), customer_name=name)
                for i, name in missing
            ],
        )
