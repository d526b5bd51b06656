"""Who may do what, in one place.

A viewer acts in its active workspace. Its *reach* is the set of workspaces it may see:
- SUPER_ORGANIZATION: every workspace;
- ORGANIZATION: itself and its customers;
- CUSTOMER: itself.
Each permission names the kinds of active workspace allowed to use it and which workspaces, within
reach, it may be used on. A workspace out of reach and one that does not exist are refused with the
same words, so a refusal never tells whether a row exists.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from finance_graphql.core.errors import NOT_ALLOWED_API, NOT_ALLOWED_CUSTOMER, Forbidden
from finance_graphql.core.tenancy import Viewer, WorkspaceKind, WorkspaceRef

SUPER = WorkspaceKind.SUPER_ORGANIZATION
ORG = WorkspaceKind.ORGANIZATION
CUSTOMER = WorkspaceKind.CUSTOMER


class Target(Enum):
    """Which workspaces a permission may be used on, seen from the active one."""

    SELF = "self"  # the active workspace only
    BELOW = "below"  # a workspace the active one manages (never itself)
    REACH = "reach"  # itself or below


class Permission(Enum):
    VIEW_FINANCE = "view_finance"
    MANAGE_CUSTOMER_FINANCE = "manage_customer_finance"
    CREATE_WORKSPACE = "create_workspace"
    ADD_MEMBER = "add_member"
    ADD_FUNDS = "add_funds"
    CLAIM_CREDIT = "claim_credit"
    MANAGE_OWN_SETTINGS = "manage_own_settings"
    SUPER_ONLY_SETTINGS = "super_only_settings"
    THIRD_PARTY_COST = "third_party_cost"
    VIEW_FINANCE_SETTINGS = "view_finance_settings"
    APPLY_CREDIT = "apply_credit"
    MANAGE_CAMPAIGNS = "manage_campaigns"
    OWN_PAYMENTS = "own_payments"
    PAY_OWN_INVOICES = "pay_own_invoices"


@dataclass(frozen=True)
class Rule:
    kinds: frozenset[WorkspaceKind]
    target: Target


def _rule(target: Target, *kinds: WorkspaceKind) -> Rule:
    return Rule(frozenset(kinds), target)


RULES: dict[Permission, Rule] = {
    # A customer or an organization records, edits and cancels payments of its own funds
    # ("Add Payment from Organization App"); deciding on them is its manager's business.
    Permission.OWN_PAYMENTS: _rule(Target.SELF, ORG, CUSTOMER),
    # A customer pays its own invoices.
    Permission.PAY_OWN_INVOICES: _rule(Target.SELF, CUSTOMER),
    # Everyone reads the finance of what they reach.
    Permission.VIEW_FINANCE: _rule(Target.REACH, SUPER, ORG, CUSTOMER),
    # Organizations manage their customers (margins, fees, credits, invoices, payment decisions);
    # the super organization manages every workspace below it.
    Permission.MANAGE_CUSTOMER_FINANCE: _rule(Target.BELOW, SUPER, ORG),
    # Super creates organizations and customers; an organization, its customers.
    Permission.CREATE_WORKSPACE: _rule(Target.REACH, SUPER, ORG),
    # Super adds members anywhere; an organization to itself and its customers.
    Permission.ADD_MEMBER: _rule(Target.REACH, SUPER, ORG),
    # A customer adds funds to itself; its organization may record a payment for it.
    Permission.ADD_FUNDS: _rule(Target.REACH, SUPER, ORG, CUSTOMER),
    # Only the customer claims a credit offered to it.
    Permission.CLAIM_CREDIT: _rule(Target.SELF, CUSTOMER),
    # An organization's own settings: invoice template, default margin.
    Permission.MANAGE_OWN_SETTINGS: _rule(Target.SELF, SUPER, ORG),
    # DoubleVerify flags and ad serving costs: the super organization alone.
    Permission.SUPER_ONLY_SETTINGS: _rule(Target.BELOW, SUPER),
    # Third-party cost: organization users, for themselves or their customers.
    Permission.THIRD_PARTY_COST: _rule(Target.REACH, ORG),
    # Margins, fees and their history are the business of whoever sets them: customers never
    # see them (their own gross margin included).
    Permission.VIEW_FINANCE_SETTINGS: _rule(Target.REACH, SUPER, ORG),
    # A customer applies its claimed credit to its invoices; its organization may do it for it.
    Permission.APPLY_CREDIT: _rule(Target.REACH, SUPER, ORG, CUSTOMER),
    # A customer runs its own campaigns; its organization (or super) may manage them for it.
    Permission.MANAGE_CAMPAIGNS: _rule(Target.REACH, SUPER, ORG, CUSTOMER),
}


def reaches(viewer: Viewer, target: WorkspaceRef) -> bool:
    """True when the target is the active workspace or one it manages."""
    return reaches_record(viewer, target.id, target.parent_id)


def reaches_record(viewer: Viewer, workspace_id: int | None, parent_id: int | None) -> bool:
    """`reaches` for a record that names its workspace and that workspace's parent (an invoice,
    a payment, an event) without loading the workspace itself."""
    active = viewer.workspace
    if active.kind is SUPER:
        return True
    return workspace_id == active.id or (active.kind is ORG and parent_id == active.id)


def allows(viewer: Viewer, permission: Permission, target: WorkspaceRef | None = None) -> bool:
    rule = RULES[permission]
    if viewer.kind not in rule.kinds:
        return False
    if target is None:
        return True
    if not reaches(viewer, target):
        return False
    is_self = target.id == viewer.workspace.id
    if rule.target is Target.SELF:
        return is_self
    if rule.target is Target.BELOW:
        return not is_self
    return True


def authorize(viewer: Viewer, permission: Permission, target: WorkspaceRef | None = None) -> None:
    """Raise FORBIDDEN unless the viewer holds the permission on the target.

    A target out of reach (or missing: callers pass None only for rules without a target) gets the
    customer-details message; a kind of workspace that may never do this gets the api message.
    """
    if viewer.kind not in RULES[permission].kinds:
        raise Forbidden(NOT_ALLOWED_API)
    if not allows(viewer, permission, target):
        raise Forbidden(NOT_ALLOWED_CUSTOMER)
