"""The static lists carry the seeds' ids, names, labels and order."""

from __future__ import annotations

from tests.support import Api

LOOKUPS = """{ financeLookups {
  paymentTypes { id name label order } paymentStatuses { id name label order }
  paymentModes { id name label order } invoiceStatuses { id name label order }
  paymentTerms { id name label order } pgPaymentTypes { id name label order }
} }"""


def _pairs(items: list[dict[str, object]]) -> list[tuple[object, object]]:
    return [(item["id"], item["label"]) for item in items]


async def test_lookups_match_the_seed(api: Api) -> None:
    lookups = (await api.data(LOOKUPS))["financeLookups"]
    assert _pairs(lookups["paymentTypes"]) == [
        (1, "As Fund"),
        (2, "Against Invoice"),
        (3, "Refund"),
    ]
    assert _pairs(lookups["paymentStatuses"]) == [
        (1, "Processing"),
        (2, "Paid"),
        (3, "Rejected"),
        (4, "Cancelled"),
    ]
    assert _pairs(lookups["invoiceStatuses"]) == [
        (1, "Pending"),
        (2, "Partially Paid"),
        (3, "Unpaid"),
        (4, "Paid"),
        (5, "Overdue"),
        (7, "Processing"),
        (8, "Cancelled"),
    ]
    assert _pairs(lookups["paymentModes"])[:3] == [
        (1, "PayPal"),
        (2, "Cheque"),
        (3, "Wire Transfer"),
    ]
    assert {m["name"] for m in lookups["paymentModes"]} >= {
        "account_transfer",
        "cash",
        "credit_card",
        "debit_card",
        "demand_draft",
        "upi",
        "to_funds",
    }
    terms = lookups["paymentTerms"]
    assert [(t["id"], t["name"], t["label"]) for t in terms] == [
        (1, "7", "Net 7"),
        (2, "15", "Net 15"),
        (3, "30", "Net 30"),
        (4, "45", "Net 45"),
        (5, "60", "Net 60"),
        (6, "90", "Net 90"),
        (7, "120", "Net 120"),
        (8, "0", "Custom"),
    ]
    assert lookups["pgPaymentTypes"] == [
        {"id": 1, "name": "publisher", "label": "Publisher", "order": 1},
        {"id": 2, "name": "platform", "label": "Platform", "order": 2},
    ]
    assert lookups["invoiceStatuses"][0] == {
        "id": 1,
        "name": "pending",
        "label": "Pending",
        "order": 1,
    }


async def test_lookups_are_graphql_enums_too(api: Api) -> None:
    data = await api.data('{ __type(name: "PaymentMode") { enumValues { name } } }')
    names = [v["name"] for v in data["__type"]["enumValues"]]
    assert names == [
        "PAYPAL",
        "CHEQUE",
        "WIRE_TRANSFER",
        "ACCOUNT_TRANSFER",
        "CASH",
        "CREDIT_CARD",
        "DEBIT_CARD",
        "DEMAND_DRAFT",
        "UPI",
        "TO_FUNDS",
    ]
