"""Who may record, change and decide on payments (the permissions live in core.access).

- Record: a customer for itself (AS_FUND, AGAINST_INVOICE); an organization for itself (AS_FUND);
  an organization or the super organization for a workspace below it (any type). A REFUND is
  always its manager's.
- Edit and cancel: the payer's side (never for a refund) or the manager.
- Approve, reject, reconcile: the manager only.
"""

from __future__ import annotations

import asyncpg

from finance_graphql.core import access
from finance_graphql.core.access import Permission
from finance_graphql.core.errors import ErrorCode, UserError, UserErrors, refuse
from finance_graphql.core.tenancy import Viewer, WorkspaceRef
from finance_graphql.lookups.catalog import PaymentType
from finance_graphql.payments import repository
from finance_graphql.payments.repository import PaymentRow
from finance_graphql.workspaces import repository as workspaces
from finance_graphql.workspaces import service as workspace_service
from finance_graphql.workspaces.repository import WorkspaceRow

MANAGE = Permission.MANAGE_CUSTOMER_FINANCE


def permission_to_record(viewer: Viewer, target: WorkspaceRef, type_: PaymentType) -> Permission:
    """The permission a new payment of `type_` for `target` needs."""
    if target.id != viewer.workspace.id or type_ is PaymentType.REFUND:
        return MANAGE
    if type_ is PaymentType.AGAINST_INVOICE:
        return Permission.PAY_OWN_INVOICES
    return Permission.OWN_PAYMENTS


async def payer(
    conn: asyncpg.Connection, viewer: Viewer, ow_id: int, type_: PaymentType
) -> WorkspaceRow:
    """The workspace a new payment is for, if the viewer may record it; FORBIDDEN otherwise
    (alike for a foreign and a missing workspace)."""
    row = await workspace_service.reachable(conn, viewer, ow_id)
    access.authorize(viewer, permission_to_record(viewer, row.ref, type_), row.ref)
    return row


async def _ref(conn: asyncpg.Connection, payment: PaymentRow) -> WorkspaceRef:
    row = await workspaces.get(conn, payment.workspace_id)
    assert row is not None  # a foreign key: the workspace exists
    return row.ref


async def may_change(conn: asyncpg.Connection, viewer: Viewer, payment: PaymentRow) -> None:
    """Edit or cancel: the payer's side (not for a refund) or the manager."""
    ref = await _ref(conn, payment)
    own = payment.type is not PaymentType.REFUND and access.allows(
        viewer, Permission.OWN_PAYMENTS, ref
    )
    if not own:
        access.authorize(viewer, MANAGE, ref)


async def may_decide(conn: asyncpg.Connection, viewer: Viewer, payment: PaymentRow) -> None:
    """Approve, reject, reconcile: the manager of the payment's workspace."""
    access.authorize(viewer, MANAGE, await _ref(conn, payment))


def not_found() -> UserErrors:
    return refuse(ErrorCode.NOT_FOUND, "paymentId: no such payment", "paymentId")


async def visible_payment(
    conn: asyncpg.Connection, viewer: Viewer, payment_id: int, *, for_update: bool = False
) -> PaymentRow:
    """The payment in the viewer's reach, or NOT_FOUND alike for a foreign and a missing one."""
    row = await repository.visible(conn, viewer, payment_id, for_update=for_update)
    if row is None:
        raise not_found()
    return row


def raise_if(problems: list[UserError]) -> None:
    """Refuse with every problem found, if any."""
    if problems:
        raise UserErrors(problems)
