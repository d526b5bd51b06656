"""generateInvoices: a job that invoices every customer of an organization for a period."""

from __future__ import annotations

import asyncio
from typing import Any

from tests.campaigns.helpers import campaign, record, row, set_margin
from tests.support import Api, Login

GENERATE = """mutation($input: GenerateInvoicesInput!) {
  generateInvoices(input: $input) { job { id kind status } userErrors { field code message } }
}"""
JOB = "query($id: ID!) { job(id: $id) { status progress error result } }"
INVOICES = """{ invoices(orderBy: {key: ID, direction: ASC}) {
  edges { node { name status amount workspace { name } } } } }"""


async def _finished(api: Api, job_id: str, login: Login) -> dict[str, Any]:
    for _ in range(300):
        job: dict[str, Any] = (await api.data(JOB, {"id": job_id}, login=login))["job"]
        if job["status"] in ("SUCCESS", "FAILED"):
            return job
        await asyncio.sleep(0.05)
    raise AssertionError("the job did not finish")


async def test_every_customer_with_spend_gets_its_invoice(api: Api) -> None:
    org_id, org = await api.organization("Northwind")
    with_spend, _ = await api.customer((org_id, org), "Acme")
    without_spend, _ = await api.customer((org_id, org), "Quiet")
    await set_margin(api, org, with_spend, "20")
    spring = await campaign(api, org, with_spend)
    payload = await record(
        api, org, [row(spring["id"], "2025-10-03", "100.00", "20.00")], ow_id=with_spend
    )
    assert payload["userErrors"] == []

    started = await api.data(
        GENERATE, {"input": {"periodFrom": "2025-10-01", "periodTo": "2025-10-31"}}, login=org
    )
    job = started["generateInvoices"]
    assert job["userErrors"] == []
    assert job["job"]["kind"] == "GENERATE_INVOICES"
    done = await _finished(api, job["job"]["id"], org)

    assert done["status"] == "SUCCESS"
    assert done["progress"] == 1.0
    assert done["result"]["customers"] == 2
    assert len(done["result"]["invoiceIds"]) == 1
    assert done["result"]["skipped"][0]["owId"] == str(without_spend)
    assert "no spend" in done["result"]["skipped"][0]["reason"]
    invoices = (await api.data(INVOICES, login=org))["invoices"]["edges"]
    assert [(e["node"]["workspace"]["name"], e["node"]["status"]) for e in invoices] == [
        ("Acme", "PENDING")
    ]

    again = await api.data(
        GENERATE, {"input": {"periodFrom": "2025-10-01", "periodTo": "2025-10-31"}}, login=org
    )
    repeated = await _finished(api, again["generateInvoices"]["job"]["id"], org)
    assert repeated["result"]["invoiceIds"] == []  # already invoiced: nothing twice


async def test_who_may_start_it_and_bad_periods(api: Api) -> None:
    org_id, org = await api.organization("Northwind")
    _, customer = await api.customer((org_id, org), "Acme")
    other_id, _ = await api.organization("Other")
    period = {"periodFrom": "2025-10-01", "periodTo": "2025-10-31"}
    by_customer = await api.gql(GENERATE, {"input": period}, login=customer)
    assert by_customer["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    foreign = await api.gql(GENERATE, {"input": {**period, "owId": str(other_id)}}, login=org)
    assert foreign["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    backwards = await api.data(
        GENERATE, {"input": {"periodFrom": "2025-10-31", "periodTo": "2025-10-01"}}, login=org
    )
    assert backwards["generateInvoices"]["userErrors"][0]["code"] == "INVALID"
    by_super = await api.data(GENERATE, {"input": {**period, "owId": str(org_id)}})
    assert by_super["generateInvoices"]["job"]["status"] in ("CREATED", "RUNNING", "SUCCESS")
    assert (await api.sql("SELECT count(*) AS n FROM jobs"))[0]["n"] == 1
