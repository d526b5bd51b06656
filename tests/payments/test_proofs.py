"""Proof of payment: uploaded with addPayment (multipart), checked by content, downloadable
by those who may see the payment."""

from __future__ import annotations

import pytest

from finance_graphql.config import Settings
from tests.payments.helpers import ADD, count_payments, payment_input, run, upload, world
from tests.support import Api, Login

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\n%%EOF"
JPEG = b"\xff\xd8\xff\xe0" + b"\x10" * 32


async def download(api: Api, login: Login | None, path: str) -> tuple[int, bytes, str]:
    headers = login.headers() if login else {}
    response = await api.client.get(path, headers=headers)
    return response.status_code, response.content, response.headers.get("content-type", "")


@pytest.mark.parametrize(
    ("name", "content", "content_type"),
    [("r.png", PNG, "image/png"), ("r.pdf", PDF, "application/pdf"), ("r", JPEG, "image/jpeg")],
)
async def test_a_proof_is_stored_and_downloaded_as_its_content_says(
    api: Api, name: str, content: bytes, content_type: str
) -> None:
    # given a payment sent with a proof (whatever type the client claims)
    w = await world(api)
    response = await upload(
        api, w.customer, payment_input(w.customer_id), (name, content, "text/plain")
    )
    payload = response.json()["data"]["addPayment"]
    assert payload["userErrors"] == []
    payment = payload["payment"]
    assert payment["hasProof"] is True
    assert payment["proofUrl"] == f"/payments/{payment['id']}/proof"
    # when the payer and its organization download it
    for login in (w.customer, w.org, api.super_login):
        status, body, kind = await download(api, login, payment["proofUrl"])
        # then they get the same bytes, typed by their content
        assert (status, body, kind) == (200, content, content_type)


async def test_a_file_that_is_not_an_image_or_pdf_is_refused(api: Api) -> None:
    w = await world(api)
    fake = ("receipt.png", b"<html><script>alert(1)</script></html>", "image/png")
    response = await upload(api, w.customer, payment_input(w.customer_id), fake)
    payload = response.json()["data"]["addPayment"]
    assert [(e["code"], e["field"]) for e in payload["userErrors"]] == [
        ("INVALID", ["input", "proof"])
    ]
    assert await count_payments(api) == 0


async def test_a_file_over_the_size_limit_is_refused(api: Api, settings: Settings) -> None:
    w = await world(api)
    big = PNG + b"\x00" * settings.max_upload_bytes
    response = await upload(api, w.customer, payment_input(w.customer_id), ("big.png", big, ""))
    payload = response.json()["data"]["addPayment"]
    assert [(e["code"], e["field"]) for e in payload["userErrors"]] == [
        ("OUT_OF_RANGE", ["input", "proof"])
    ]
    assert await count_payments(api) == 0


async def test_a_proof_sent_without_multipart_is_refused(api: Api) -> None:
    w = await world(api)
    payload = await run(api, ADD, payment_input(w.customer_id, proof="aGVsbG8="), w.customer)
    assert [(e["code"], e["field"]) for e in payload["userErrors"]] == [
        ("INVALID", ["input", "proof"])
    ]


async def test_a_proof_out_of_reach_is_404_like_a_missing_one(api: Api) -> None:
    w = await world(api)
    other = await world(api, "Other")
    response = await upload(api, w.customer, payment_input(w.customer_id), ("p.pdf", PDF, ""))
    path = response.json()["data"]["addPayment"]["payment"]["proofUrl"]
    _, sibling = await api.customer((w.org_id, w.org), "Sibling")
    foreign = [await download(api, login, path) for login in (other.org, other.customer, sibling)]
    missing = await download(api, w.org, "/payments/99999999/proof")
    garbage = await download(api, w.org, "/payments/abc/proof")
    assert {status for status, _, _ in [*foreign, missing, garbage]} == {404}
    assert len({body for _, body, _ in [*foreign, missing, garbage]}) == 1


async def test_a_proof_needs_the_same_headers_as_graphql(api: Api) -> None:
    w = await world(api)
    response = await upload(api, w.customer, payment_input(w.customer_id), ("p.pdf", PDF, ""))
    path = response.json()["data"]["addPayment"]["payment"]["proofUrl"]
    assert (await download(api, None, path))[0] == 401
    outsider = Login(w.customer.email, w.org_id)  # not a member of the organization
    assert (await download(api, outsider, path))[0] == 403
