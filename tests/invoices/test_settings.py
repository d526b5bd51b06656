"""invoiceSettings / updateInvoiceSettings: the organization's invoice template."""

from __future__ import annotations

from typing import Any

from tests.support import Api, Login

FIELDS = """invoiceTitle companyName companyAddress email website invoiceDescription
  termsAndConditions paymentTermDays invoiceFooter paypalAccountId chequeCompanyName
  chequeCompanyAddress wireTransferCompanyName bankName accountNumber bankAddress swiftCode
  routing companyTaxId companyTaxName workspace { id }"""
SETTINGS = f"query {{ invoiceSettings {{ {FIELDS} }} }}"
UPDATE = f"""mutation($input: UpdateInvoiceSettingsInput!) {{
  updateInvoiceSettings(input: $input) {{
    invoiceSettings {{ {FIELDS} }} userErrors {{ field code message }}
  }}
}}"""

SEED = {
    "invoiceTitle": "The Alchemist",
    "companyName": "The Alchemist",
    "companyAddress": "42, 6th Avenue, New York, NY",
    "email": "shraddha.p+alchemist@iqm.com",
    "website": "www.alchemist.com",
    "invoiceDescription": "Dear Customer, Greetings from The Alchemist.",
    "termsAndConditions": "Please make the payment in 30 days",
    "paymentTermDays": 30,
    "invoiceFooter": "The Alchemist | 12.234.56.789 | USA",
    "paypalAccountId": "thealchemistfinance@paypal",
    "chequeCompanyName": "The Alchemist Company",
    "chequeCompanyAddress": "45, Fifth Avenue, NY, USA",
    "wireTransferCompanyName": "The Alchemist",
    "bankName": "JP Morgan Chase Bank",
    "accountNumber": "670669295",
    "bankAddress": "498 7th Avenue New York NY",
    "swiftCode": "MGTCUS3G",
    "routing": "150098",
    "companyTaxId": "202130INGST",
    "companyTaxName": "GSTIN",
}


async def _update(api: Api, login: Login | None, **fields: Any) -> dict[str, Any]:
    data = await api.data(UPDATE, {"input": fields}, login=login)
    payload: dict[str, Any] = data["updateInvoiceSettings"]
    return payload


async def _settings(api: Api, login: Login | None) -> dict[str, Any] | None:
    data = await api.data(SETTINGS, login=login)
    settings: dict[str, Any] | None = data["invoiceSettings"]
    return settings


async def test_an_organization_sets_every_field_of_its_template(api: Api) -> None:
    org_id, org = await api.organization()
    assert await _settings(api, org) is None

    payload = await _update(api, org, **SEED)

    assert payload["userErrors"] == []
    expected = {**SEED, "workspace": {"id": str(org_id)}}
    assert payload["invoiceSettings"] == expected
    assert await _settings(api, org) == expected


async def test_fields_left_out_keep_their_value_and_null_or_blank_clears(api: Api) -> None:
    _, org = await api.organization()
    await _update(api, org, **SEED)

    payload = await _update(api, org, invoiceTitle="New title", website=None, bankName="  ")

    settings = payload["invoiceSettings"]
    assert settings["invoiceTitle"] == "New title"
    assert settings["website"] is None
    assert settings["bankName"] is None
    assert settings["companyName"] == SEED["companyName"]
    assert settings["paymentTermDays"] == 30


async def test_each_organization_has_its_own_template_and_customers_read_theirs(
    api: Api,
) -> None:
    a = await api.organization("A")
    b = await api.organization("B")
    _, customer = await api.customer(a)
    await _update(api, a[1], invoiceTitle="A's invoices")

    assert await _settings(api, b[1]) is None
    readable = await _settings(api, customer)
    assert readable is not None
    assert readable["invoiceTitle"] == "A's invoices"
    assert readable["workspace"] == {"id": str(a[0])}


async def test_the_super_organization_has_a_template_too(api: Api) -> None:
    await _update(api, None, companyName="Platform Inc.")
    settings = await _settings(api, None)
    assert settings is not None
    assert settings["companyName"] == "Platform Inc."


async def test_a_customer_may_not_change_a_template(api: Api) -> None:
    org = await api.organization()
    _, customer = await api.customer(org)

    body = await api.gql(UPDATE, {"input": {"invoiceTitle": "Mine"}}, login=customer)

    assert body["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    assert await api.sql("SELECT * FROM invoice_settings") == []


async def test_bad_settings_name_the_field_and_change_nothing(api: Api) -> None:
    _, org = await api.organization()
    await _update(api, org, invoiceTitle="Kept")
    cases: list[tuple[dict[str, Any], str, str]] = [
        ({"email": "not-an-email"}, "email", "INVALID"),
        ({"paymentTermDays": -1}, "paymentTermDays", "OUT_OF_RANGE"),
        ({"paymentTermDays": 3651}, "paymentTermDays", "OUT_OF_RANGE"),
        ({"website": "no spaces allowed.com x"}, "website", "INVALID"),
        ({"swiftCode": "ABC"}, "swiftCode", "INVALID"),
        ({"invoiceTitle": "x" * 201}, "invoiceTitle", "INVALID"),
        ({"termsAndConditions": "x" * 2001}, "termsAndConditions", "INVALID"),
        ({"accountNumber": "1" * 65}, "accountNumber", "INVALID"),
    ]
    for fields, field, code in cases:
        payload = await _update(api, org, **{"invoiceTitle": "Changed", **fields})
        assert payload["invoiceSettings"] is None
        assert [(e["field"], e["code"]) for e in payload["userErrors"]] == [
            (["input", field], code)
        ], fields
    settings = await _settings(api, org)
    assert settings is not None
    assert settings["invoiceTitle"] == "Kept"
