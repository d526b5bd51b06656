"""What each GraphQL type's fields are in SQL, for the types the compiled path answers.

A field is a `Scalar` (an expression over the row's alias) or a `Relation` to rows of another
type (one, or many in a fixed order, the order the dataloaders give). Expressions render values
exactly as the strawberry types serialize them; `tests/compiled` compares the two paths.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from finance_graphql.compiled import sql
from finance_graphql.lookups.catalog import (
    INVOICE_STATUSES,
    PAYMENT_MODES,
    PAYMENT_STATUSES,
    PAYMENT_TYPES,
)


@dataclass(frozen=True)
class Scalar:
    expression: Callable[[str], str]  # alias of the row -> SQL of the JSON value


@dataclass(frozen=True)
class Relation:
    target: str  # GraphQL type name
    source: Callable[[str, str], str]  # (parent alias, child alias) -> FROM .. WHERE ..
    many: bool = False
    order: Callable[[str], str] | None = None  # child alias -> ORDER BY of a list


Field = Scalar | Relation


def column(name: str) -> Scalar:
    return Scalar(lambda a: f"{a}.{name}")


def id_text(name: str = "id") -> Scalar:
    return Scalar(lambda a: f"{a}.{name}::text")


def money(name: str, currency: str = "currency") -> Scalar:
    return Scalar(lambda a: sql.money(f"{a}.{name}", f"{a}.{currency}"))


def date(name: str) -> Scalar:
    return Scalar(lambda a: sql.date(f"{a}.{name}"))


def datetime(name: str) -> Scalar:
    return Scalar(lambda a: sql.datetime(f"{a}.{name}"))


def email(user_column: str) -> Scalar:
    return Scalar(lambda a: f"(SELECT u.email FROM users u WHERE u.id = {a}.{user_column})")


_OVERDUE = "WHEN {a}.status IN (2, 3) AND {a}.due_on < current_date THEN 'OVERDUE'"

WORKSPACE: dict[str, Field] = {
    "id": id_text(),
    "name": column("name"),
    "kind": column("kind"),
    "currency": Scalar(lambda a: f"rtrim({a}.currency)"),
    "availableBalance": Scalar(
        lambda a: (
            f"coalesce((SELECT {sql.money('b.balance', f'{a}.currency')}"
            f" FROM workspace_balances b WHERE b.workspace_id = {a}.id),"
            f" {sql.money('0::numeric', f'{a}.currency')})"
        )
    ),
    "parent": Relation(
        "Workspace", lambda p, c: f"FROM workspaces {c} WHERE {c}.id = {p}.parent_id"
    ),
}

INVOICE: dict[str, Field] = {
    "id": id_text(),
    "workspace": Relation(
        "Workspace", lambda p, c: f"FROM workspaces {c} WHERE {c}.id = {p}.workspace_id"
    ),
    "name": column("name"),
    "periodFrom": date("period_from"),
    "periodTo": date("period_to"),
    "issuedOn": date("issued_on"),
    "dueOn": date("due_on"),
    "paymentTermDays": column("payment_term_days"),
    "currency": Scalar(lambda a: f"rtrim({a}.currency)"),
    "amount": money("amount"),
    "paidAmount": money("paid_amount"),
    "outstanding": Scalar(lambda a: sql.money(f"({a}.amount - {a}.paid_amount)", f"{a}.currency")),
    "status": Scalar(
        lambda a: (
            f"(CASE {_OVERDUE.format(a=a)} ELSE {sql.enum(f'{a}.status', INVOICE_STATUSES)} END)"
        )
    ),
    "actionNote": column("action_note"),
    "statusUpdatedBy": email("status_updated_by"),
    "lines": Relation(
        "InvoiceLine",
        lambda p, c: (
            f"FROM (SELECT l.*, {p}.currency FROM invoice_lines l WHERE l.invoice_id = {p}.id) {c}"
        ),
        many=True,
        order=lambda c: f"{c}.position",
    ),
    "payments": Relation(
        "Payment",
        lambda p, c: (
            f"FROM payment_allocations {c}_a JOIN payments {c} ON {c}.id = {c}_a.payment_id"
            f" WHERE {c}_a.invoice_id = {p}.id"
        ),
        many=True,
        order=lambda c: f"{c}.id",
    ),
    "createdAt": datetime("created_at"),
    "modifiedAt": datetime("modified_at"),
}

INVOICE_LINE: dict[str, Field] = {
    "id": id_text(),
    "position": column("position"),
    "description": column("description"),
    "amount": money("amount"),
}

PAYMENT: dict[str, Field] = {
    "id": id_text(),
    "uuid": Scalar(lambda a: f"{a}.uuid::text"),
    "version": column("version"),
    "workspace": Relation(
        "Workspace", lambda p, c: f"FROM workspaces {c} WHERE {c}.id = {p}.workspace_id"
    ),
    "type": Scalar(lambda a: sql.enum(f"{a}.type", PAYMENT_TYPES)),
    "status": Scalar(lambda a: sql.enum(f"{a}.status", PAYMENT_STATUSES)),
    "mode": Scalar(lambda a: sql.enum(f"{a}.mode", PAYMENT_MODES)),
    "currency": Scalar(lambda a: f"rtrim({a}.currency)"),
    "amount": money("amount"),
    "tds": money("tds"),
    "transactionCharge": money("transaction_charge"),
    "paymentDate": date("payment_date"),
    "transactionId": column("transaction_id"),
    "bankName": column("bank_name"),
    "refundReason": column("refund_reason"),
    "notes": column("notes"),
    "actionNote": column("action_note"),
    "reconcileStatus": column("reconcile_status"),
    "checkoutUrl": column("checkout_url"),
    "createdByEmail": email("created_by"),
    "statusUpdatedByEmail": email("status_updated_by"),
    "statusUpdatedAt": datetime("status_updated_at"),
    "allocations": Relation(
        "PaymentAllocation",
        lambda p, c: (
            f"FROM (SELECT a.*, {p}.currency FROM payment_allocations a"
            f" WHERE a.payment_id = {p}.id) {c}"
        ),
        many=True,
        order=lambda c: f"{c}.invoice_id",
    ),
    "createdAt": datetime("created_at"),
    "modifiedAt": datetime("modified_at"),
}

PAYMENT_ALLOCATION: dict[str, Field] = {
    "amount": money("amount"),
    "invoice": Relation("Invoice", lambda p, c: f"FROM invoices {c} WHERE {c}.id = {p}.invoice_id"),
}

TYPES: dict[str, dict[str, Field]] = {
    "Workspace": WORKSPACE,
    "Invoice": INVOICE,
    "InvoiceLine": INVOICE_LINE,
    "Payment": PAYMENT,
    "PaymentAllocation": PAYMENT_ALLOCATION,
}
