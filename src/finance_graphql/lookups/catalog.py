"""The static lists of the seeds, each a GraphQL enum with the seed's id, name, label and order.

Tables store the seed id (smallint); Python and GraphQL speak the enum.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from typing import Generic, TypeVar

import strawberry

E = TypeVar("E", bound=Enum)


@dataclass(frozen=True)
class Item:
    id: int
    name: str
    label: str
    order: int


class Catalog(Generic[E]):
    """An enum with a seed id, name, label and order for each member."""

    def __init__(self, items: dict[E, tuple[int, str, str]]) -> None:
        self.items = {member: Item(i, name, label, i) for member, (i, name, label) in items.items()}
        self._by_id = {item.id: member for member, item in self.items.items()}

    def id(self, member: E) -> int:
        return self.items[member].id

    def member(self, item_id: int) -> E:
        return self._by_id[item_id]

    def ids(self, members: list[E]) -> list[int]:
        return [self.id(m) for m in members]

    def listing(self) -> list[Item]:
        return sorted(self.items.values(), key=lambda item: item.order)


@strawberry.enum
class InvoiceStatus(Enum):
    PENDING = "PENDING"
    PARTIALLY_PAID = "PARTIALLY_PAID"
    UNPAID = "UNPAID"
    PAID = "PAID"
    OVERDUE = "OVERDUE"
    PROCESSING = "PROCESSING"
    CANCELLED = "CANCELLED"


@strawberry.enum
class PaymentStatus(Enum):
    PROCESSING = "PROCESSING"
    PAID = "PAID"
    REJECTED = "REJECTED"
    CANCELLED = "CANCELLED"


@strawberry.enum
class PaymentType(Enum):
    AS_FUND = "AS_FUND"
    AGAINST_INVOICE = "AGAINST_INVOICE"
    REFUND = "REFUND"


@strawberry.enum
class PaymentMode(Enum):
    PAYPAL = "PAYPAL"
    CHEQUE = "CHEQUE"
    WIRE_TRANSFER = "WIRE_TRANSFER"
    ACCOUNT_TRANSFER = "ACCOUNT_TRANSFER"
    CASH = "CASH"
    CREDIT_CARD = "CREDIT_CARD"
    DEBIT_CARD = "DEBIT_CARD"
    DEMAND_DRAFT = "DEMAND_DRAFT"
    UPI = "UPI"
    TO_FUNDS = "TO_FUNDS"


@strawberry.enum
class PaymentTerm(Enum):
    NET_7 = "NET_7"
    NET_15 = "NET_15"
    NET_30 = "NET_30"
    NET_45 = "NET_45"
    NET_60 = "NET_60"
    NET_90 = "NET_90"
    NET_120 = "NET_120"
    CUSTOM = "CUSTOM"


@strawberry.enum
class PgPaymentType(Enum):
    PUBLISHER = "PUBLISHER"
    PLATFORM = "PLATFORM"


@strawberry.enum
class CreditStatus(Enum):
    UNCLAIMED = "UNCLAIMED"
    CLAIMED = "CLAIMED"
    REVOKED = "REVOKED"


@strawberry.enum
class JobStatus(Enum):
    CREATED = "CREATED"
    RUNNING = "RUNNING"
    SUCCESS = "SUCCESS"
    FAILED = "FAILED"


INVOICE_STATUSES = Catalog(
    {
        InvoiceStatus.PENDING: (1, "pending", "Pending"),
        InvoiceStatus.PARTIALLY_PAID: (2, "partially_paid", "Partially Paid"),
        InvoiceStatus.UNPAID: (3, "unpaid", "Unpaid"),
        InvoiceStatus.PAID: (4, "paid", "Paid"),
        InvoiceStatus.OVERDUE: (5, "overdue", "Overdue"),
        InvoiceStatus.PROCESSING: (7, "processing", "Processing"),
        InvoiceStatus.CANCELLED: (8, "cancelled", "Cancelled"),
    }
)
PAYMENT_STATUSES = Catalog(
    {
        PaymentStatus.PROCESSING: (1, "processing", "Processing"),
        PaymentStatus.PAID: (2, "paid", "Paid"),
        PaymentStatus.REJECTED: (3, "rejected", "Rejected"),
        PaymentStatus.CANCELLED: (4, "cancelled", "Cancelled"),
    }
)
PAYMENT_TYPES = Catalog(
    {
        PaymentType.AS_FUND: (1, "as_fund", "As Fund"),
        PaymentType.AGAINST_INVOICE: (2, "against_invoice", "Against Invoice"),
        PaymentType.REFUND: (3, "refund", "Refund"),
    }
)
# Seed 000 numbers PayPal, cheque and wire 1..3; the methods of seed 002 and "to funds" follow.
PAYMENT_MODES = Catalog(
    {
        PaymentMode.PAYPAL: (1, "paypal", "PayPal"),
        PaymentMode.CHEQUE: (2, "cheque", "Cheque"),
        PaymentMode.WIRE_TRANSFER: (3, "wire_transfer", "Wire Transfer"),
        PaymentMode.ACCOUNT_TRANSFER: (4, "account_transfer", "Account Transfer"),
        PaymentMode.CASH: (5, "cash", "Cash"),
        PaymentMode.CREDIT_CARD: (6, "credit_card", "Credit Card"),
        PaymentMode.DEBIT_CARD: (7, "debit_card", "Debit Card"),
        PaymentMode.DEMAND_DRAFT: (8, "demand_draft", "Demand Draft"),
        PaymentMode.UPI: (9, "upi", "UPI"),
        PaymentMode.TO_FUNDS: (10, "to_funds", "To Funds"),
    }
)
PAYMENT_TERMS = Catalog(
    {
        PaymentTerm.NET_7: (1, "7", "Net 7"),
        PaymentTerm.NET_15: (2, "15", "Net 15"),
        PaymentTerm.NET_30: (3, "30", "Net 30"),
        PaymentTerm.NET_45: (4, "45", "Net 45"),
        PaymentTerm.NET_60: (5, "60", "Net 60"),
        PaymentTerm.NET_90: (6, "90", "Net 90"),
        PaymentTerm.NET_120: (7, "120", "Net 120"),
        PaymentTerm.CUSTOM: (8, "0", "Custom"),
    }
)
PG_PAYMENT_TYPES = Catalog(
    {
        PgPaymentType.PUBLISHER: (1, "publisher", "Publisher"),
        PgPaymentType.PLATFORM: (2, "platform", "Platform"),
    }
)
CREDIT_STATUSES = Catalog(
    {
        CreditStatus.UNCLAIMED: (1, "unclaimed", "Unclaimed"),
        CreditStatus.CLAIMED: (2, "claimed", "Claimed"),
        CreditStatus.REVOKED: (3, "revoked", "Revoked"),
    }
)
JOB_STATUSES = Catalog(
    {
        JobStatus.CREATED: (1, "created", "Created"),
        JobStatus.RUNNING: (2, "running", "Running"),
        JobStatus.SUCCESS: (3, "success", "Success"),
        JobStatus.FAILED: (4, "failed", "Failed"),
    }
)

# Standard terms in days; any other number of days is a custom term.
STANDARD_TERM_DAYS = {
    int(item.name): member
    for member, item in PAYMENT_TERMS.items.items()
    if member is not PaymentTerm.CUSTOM
}
