"""The pure payment rules, without a database."""

from __future__ import annotations

from decimal import Decimal

import pytest

from finance_graphql.core.access import Permission
from finance_graphql.core.errors import UserError
from finance_graphql.core.tenancy import Viewer, WorkspaceKind, WorkspaceRef
from finance_graphql.lookups.catalog import InvoiceStatus, PaymentMode, PaymentStatus, PaymentType
from finance_graphql.payments import paypal, proofs, rules
from finance_graphql.payments.guards import permission_to_record
from finance_graphql.payments.rules import Action, InvoiceBalance, Shape

D = Decimal


def codes(problems: list[UserError]) -> list[tuple[str, list[str] | None]]:
    return [(p.code, p.field) for p in problems]


@pytest.mark.parametrize(
    ("action", "expected"),
    [
        (Action.APPROVE, PaymentStatus.PAID),
        (Action.REJECT, PaymentStatus.REJECTED),
        (Action.CANCEL, PaymentStatus.CANCELLED),
    ],
)
def test_a_processing_payment_moves_forward_to_the_decision(
    action: Action, expected: PaymentStatus
) -> None:
    assert rules.next_status(PaymentStatus.PROCESSING, action) is expected


@pytest.mark.parametrize(
    "current", [PaymentStatus.PAID, PaymentStatus.REJECTED, PaymentStatus.CANCELLED]
)
@pytest.mark.parametrize("action", list(Action))
def test_a_decided_payment_never_moves_again(current: PaymentStatus, action: Action) -> None:
    result = rules.next_status(current, action)
    assert isinstance(result, UserError)
    assert (result.code, result.field) == ("INVALID_STATE", ["input", "paymentId"])


def test_only_a_processing_payment_is_editable() -> None:
    assert rules.editable(PaymentStatus.PROCESSING) is None
    for status in (PaymentStatus.PAID, PaymentStatus.REJECTED, PaymentStatus.CANCELLED):
        problem = rules.editable(status)
        assert problem is not None
        assert problem.code == "INVALID_STATE"


def shape(**overrides: object) -> Shape:
    values: dict[str, object] = {
        "type": PaymentType.AS_FUND,
        "mode": PaymentMode.CASH,
        "amount": D("100"),
        "tds": D(0),
        "transaction_charge": D(0),
        "bank_name": None,
        "refund_reason": None,
        "allocations": None,
    }
    values.update(overrides)
    return Shape(**values)  # type: ignore[arg-type]


def test_a_plain_fund_payment_has_no_problem() -> None:
    assert rules.shape_problems(shape(), "USD") == []


@pytest.mark.parametrize(
    ("overrides", "expected"),
    [
        ({"amount": D(0)}, [("OUT_OF_RANGE", ["input", "amount"])]),
        ({"amount": D("-5")}, [("OUT_OF_RANGE", ["input", "amount"])]),
        ({"amount": D("10.001")}, [("INVALID", ["input", "amount"])]),
        ({"amount": D("1e13")}, [("OUT_OF_RANGE", ["input", "amount"])]),
        ({"tds": D("-0.01")}, [("OUT_OF_RANGE", ["input", "tds"])]),
        ({"transaction_charge": D("-1")}, [("OUT_OF_RANGE", ["input", "transactionCharge"])]),
        ({"mode": PaymentMode.CHEQUE}, [("REQUIRED", ["input", "bankName"])]),
        ({"mode": PaymentMode.WIRE_TRANSFER}, [("REQUIRED", ["input", "bankName"])]),
        ({"mode": PaymentMode.TO_FUNDS}, [("INVALID", ["input", "mode"])]),
        ({"refund_reason": "why"}, [("INVALID", ["input", "refundReason"])]),
        ({"allocations": [(1, D(100))]}, [("INVALID", ["input", "allocations"])]),
        ({"type": PaymentType.REFUND}, [("REQUIRED", ["input", "refundReason"])]),
        ({"type": PaymentType.AGAINST_INVOICE}, [("REQUIRED", ["input", "allocations"])]),
    ],
)
def test_each_shape_rule_names_its_field(
    overrides: dict[str, object], expected: list[tuple[str, list[str]]]
) -> None:
    assert codes(rules.shape_problems(shape(**overrides), "USD")) == expected


def test_a_cheque_with_its_bank_and_a_refund_with_its_reason_are_fine() -> None:
    assert rules.shape_problems(shape(mode=PaymentMode.CHEQUE, bank_name="HDFC"), "USD") == []
    refund = shape(type=PaymentType.REFUND, mode=PaymentMode.TO_FUNDS, refund_reason="Closed")
    assert rules.shape_problems(refund, "USD") == []


def test_a_currency_without_decimals_refuses_cents() -> None:
    assert codes(rules.shape_problems(shape(amount=D("100.5")), "JPY")) == [
        ("INVALID", ["input", "amount"])
    ]
    assert rules.shape_problems(shape(amount=D("100.500")), "KWD") == []


def against(*allocations: tuple[int, str], amount: str = "100", tds: str = "0") -> Shape:
    return shape(
        type=PaymentType.AGAINST_INVOICE,
        amount=D(amount),
        tds=D(tds),
        allocations=[(i, D(a)) for i, a in allocations],
    )


def test_amount_tds_and_charge_together_equal_the_allocations() -> None:
    assert rules.shape_problems(against((1, "60"), (2, "45"), amount="100", tds="5"), "USD") == []
    assert codes(rules.shape_problems(against((1, "60"), (2, "45")), "USD")) == [
        ("INVALID", ["input", "allocations"])
    ]


def test_each_allocation_is_positive_and_names_an_invoice_once() -> None:
    problems = rules.shape_problems(against((1, "0"), (1, "100")), "USD")
    assert codes(problems) == [
        ("OUT_OF_RANGE", ["input", "allocations", "0", "amount"]),
        ("INVALID", ["input", "allocations", "1", "invoiceId"]),
    ]


def balance(**overrides: object) -> InvoiceBalance:
    values: dict[str, object] = {
        "id": 7,
        "workspace_id": 10,
        "status": InvoiceStatus.UNPAID,
        "currency": "USD",
        "amount": D("1000"),
        "paid": D("300"),
        "reserved": D("200"),
    }
    values.update(overrides)
    return InvoiceBalance(**values)  # type: ignore[arg-type]


def allocate(amount: str, **overrides: object) -> list[tuple[str, list[str] | None]]:
    invoice = balance(**overrides)
    return codes(rules.allocation_problems([(7, D(amount))], {7: invoice}, 10, "USD"))


def test_an_allocation_may_take_what_is_still_open_and_no_more() -> None:
    # open = 1000 - 300 paid - 200 reserved by processing payments
    assert allocate("500") == []
    assert allocate("500.01") == [("OVERPAYMENT", ["input", "allocations", "0", "amount"])]


def test_a_foreign_invoice_reads_like_a_missing_one() -> None:
    missing = codes(rules.allocation_problems([(8, D(1))], {7: balance()}, 10, "USD"))
    foreign = allocate("1", workspace_id=11)
    assert missing == foreign == [("NOT_FOUND", ["input", "allocations", "0", "invoiceId"])]


@pytest.mark.parametrize(
    "status", [InvoiceStatus.PENDING, InvoiceStatus.PAID, InvoiceStatus.CANCELLED]
)
def test_only_approved_unpaid_invoices_take_payments(status: InvoiceStatus) -> None:
    assert allocate("1", status=status) == [
        ("INVALID_STATE", ["input", "allocations", "0", "invoiceId"])
    ]


def test_an_invoice_in_another_currency_is_refused() -> None:
    assert allocate("1", currency="EUR") == [
        ("INVALID", ["input", "allocations", "0", "invoiceId"])
    ]


def test_a_refund_takes_at_most_the_balance_less_refunds_in_progress() -> None:
    assert rules.refund_problems(D("60"), D("100"), D("40")) == []
    assert codes(rules.refund_problems(D("60.01"), D("100"), D("40"))) == [
        ("INSUFFICIENT_FUNDS", ["input", "amount"])
    ]


def test_exchange_rates() -> None:
    assert rules.exchange_problems("USD", "USD", None) == []
    assert rules.exchange_problems("EUR", "USD", D("1.0842")) == []
    assert codes(rules.exchange_problems("EUR", "USD", None)) == [
        ("REQUIRED", ["input", "exchangeRate"])
    ]
    assert codes(rules.exchange_problems("EUR", "USD", D(0))) == [
        ("OUT_OF_RANGE", ["input", "exchangeRate"])
    ]
    assert codes(rules.exchange_problems("USD", "USD", D("1.1"))) == [
        ("INVALID", ["input", "exchangeRate"])
    ]
    assert rules.in_workspace_currency(D("100"), D("1.08425"), "USD") == D("108.43")


def test_the_paypal_fee_is_a_percentage_rounded_half_up() -> None:
    assert rules.paypal_fee(D("100"), D("3.5"), "USD") == D("3.50")
    assert rules.paypal_fee(D("0.10"), D("3.5"), "USD") == D("0.00")
    assert rules.paypal_fee(D("10.30"), D("3.5"), "USD") == D("0.36")  # 0.3605
    assert rules.paypal_fee(D("1000"), D("3.5"), "JPY") == D("35")


def test_a_checkout_link_carries_its_token() -> None:
    token = paypal.new_token()
    assert token.startswith("EC-")
    assert len(token) == 20
    assert paypal.checkout_url("https://pay.test/go", token) == (
        f"https://pay.test/go?cmd=_express-checkout&token={token}"
    )
    assert paypal.new_token() != token


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"\xff\xd8\xff\xe0rest", "image/jpeg"),
        (b"\x89PNG\r\n\x1a\nrest", "image/png"),
        (b"%PDF-1.7\n", "application/pdf"),
        (b"GIF89a", None),
        (b"<svg></svg>", None),
        (b"", None),
    ],
)
def test_a_proof_is_recognised_by_its_first_bytes(content: bytes, expected: str | None) -> None:
    assert proofs.sniff(content) == expected


def test_a_proof_file_name_is_made_safe_and_ends_as_its_content() -> None:
    assert proofs.safe_filename("../../etc/passwd", "image/png") == "passwd.png"
    assert proofs.safe_filename('re"ceipt;.exe', "application/pdf") == "re_ceipt.pdf"
    assert proofs.safe_filename(None, "image/jpeg") == "proof.jpg"


def _viewer(kind: WorkspaceKind, ow_id: int = 1) -> Viewer:
    return Viewer(1, "a@b.test", WorkspaceRef(ow_id, kind, None if ow_id == 1 else 1))


def test_which_permission_a_new_payment_needs() -> None:
    customer = _viewer(WorkspaceKind.CUSTOMER, 5)
    itself = customer.workspace
    other = WorkspaceRef(6, WorkspaceKind.CUSTOMER, 2)
    assert permission_to_record(customer, itself, PaymentType.AS_FUND) is Permission.OWN_PAYMENTS
    assert (
        permission_to_record(customer, itself, PaymentType.AGAINST_INVOICE)
        is Permission.PAY_OWN_INVOICES
    )
    manage = Permission.MANAGE_CUSTOMER_FINANCE
    assert permission_to_record(customer, itself, PaymentType.REFUND) is manage
    assert permission_to_record(customer, other, PaymentType.AS_FUND) is manage
