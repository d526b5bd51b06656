"""Jobs: the runner claims, reports progress, records results and failures; reach applies."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from typing import Any

import pytest

from finance_graphql import db
from finance_graphql.jobs import runner, service
from finance_graphql.jobs.runner import JobContext, JobFailed
from finance_graphql.workspaces.repository import find_viewer
from tests.support import Api, Login, subscribe

JOB = "query($id: ID!) { job(id: $id) { id kind status progress error result attempts } }"


@pytest.fixture(autouse=True)
def handlers() -> Iterator[None]:
    async def count_workspaces(context: JobContext) -> dict[str, int]:
        await context.progress(0.5)
        async with context.pool.acquire() as conn:
            count = await conn.fetchval("SELECT count(*) FROM workspaces")
        return {"workspaces": int(count)}

    async def refuse(_context: JobContext) -> None:
        raise JobFailed("The period has no spend")

    async def crash(_context: JobContext) -> None:
        raise RuntimeError("connection to 10.0.0.7 lost")

    runner.register("TEST_COUNT", count_workspaces)
    runner.register("TEST_REFUSE", refuse)
    runner.register("TEST_CRASH", crash)
    yield
    for kind in ("TEST_COUNT", "TEST_REFUSE", "TEST_CRASH"):
        runner.HANDLERS.pop(kind, None)


async def _start(api: Api, login: Login, kind: str) -> int:
    conn = await db.connect(api.dsn)
    try:
        viewer = await find_viewer(conn, login.email, login.ow_id)
        assert viewer is not None
        async with conn.transaction():
            job = await service.start(conn, viewer, login.ow_id, kind, {})
    finally:
        await conn.close()
    return job.id


async def _finished(api: Api, job_id: int, login: Login) -> dict[str, Any]:
    for _ in range(200):
        job: dict[str, Any] = (await api.data(JOB, {"id": str(job_id)}, login=login))["job"]
        if job["status"] in ("SUCCESS", "FAILED"):
            return job
        await asyncio.sleep(0.05)
    raise AssertionError("the job did not finish")


async def test_a_job_runs_to_success_with_its_result(api: Api) -> None:
    job_id = await _start(api, api.super_login, "TEST_COUNT")
    job = await _finished(api, job_id, api.super_login)
    assert job == {
        "id": str(job_id),
        "kind": "TEST_COUNT",
        "status": "SUCCESS",
        "progress": 1.0,
        "error": None,
        "result": {"workspaces": 1},
        "attempts": 1,
    }


async def test_a_refused_job_fails_once_with_its_reason(api: Api) -> None:
    job_id = await _start(api, api.super_login, "TEST_REFUSE")
    job = await _finished(api, job_id, api.super_login)
    assert (job["status"], job["error"], job["attempts"]) == (
        "FAILED",
        "The period has no spend",
        1,
    )


async def test_a_crashing_job_is_retried_then_fails_without_leaking_internals(api: Api) -> None:
    job_id = await _start(api, api.super_login, "TEST_CRASH")
    job = await _finished(api, job_id, api.super_login)
    assert job["status"] == "FAILED"
    assert job["attempts"] == 3
    assert "10.0.0.7" not in job["error"]


async def test_jobs_of_workspaces_out_of_reach_read_as_missing(api: Api) -> None:
    org = await api.organization("A")
    other = await api.organization("B")
    job_id = await _start(api, other[1], "TEST_COUNT")
    assert (await api.data(JOB, {"id": str(job_id)}, login=org[1]))["job"] is None
    assert (await api.data(JOB, {"id": "987654"}, login=org[1]))["job"] is None
    assert (await api.data(JOB, {"id": str(job_id)}))["job"]["id"] == str(job_id)  # super
    bad = await api.gql(JOB, {"id": "x"}, login=org[1])
    assert bad["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"


async def test_job_updated_streams_until_the_job_ends(api: Api) -> None:
    started, halfway = asyncio.Event(), asyncio.Event()

    async def waits_for_the_test(context: JobContext) -> str:
        await started.wait()
        await context.progress(0.5)
        await halfway.wait()
        return "done"

    runner.register("TEST_WAIT", waits_for_the_test)
    job_id = await _start(api, api.super_login, "TEST_WAIT")
    stream = await subscribe(
        api,
        "subscription($id: ID!) { jobUpdated(id: $id) { status progress } }",
        {"id": str(job_id)},
    )
    seen: list[tuple[str, float]] = []
    try:
        async for result in stream:
            assert result.errors is None, result.errors
            update = result.data["jobUpdated"]
            seen.append((update["status"], update["progress"]))
            started.set()
            if update["progress"] == 0.5:
                halfway.set()
    finally:
        await stream.aclose()
        runner.HANDLERS.pop("TEST_WAIT")
    assert seen[0][0] in ("CREATED", "RUNNING")
    assert ("RUNNING", 0.5) in seen
    assert seen[-1] == ("SUCCESS", 1.0)
