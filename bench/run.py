"""The benchmark: loads a realistic data set, serves it, and measures over HTTP.

    python -m bench.run [--seconds 10] [--concurrency 16]

Uses DATABASE_URL's server when set (a database `finance_bench` is created there), else an
embedded PostgreSQL under ./.finance-data-bench. Prints, for each scenario: requests per
second, p50 and p99 latency, SQL statements per request, and the ratio to the raw ceiling (a
hand-written Starlette + asyncpg endpoint returning the same JSON, measured in the same run).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import signal
import statistics
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import asyncpg

from bench import dataset
from bench.client import Connection
from finance_graphql import db
from finance_graphql.config import Settings
from finance_graphql.core.tenancy import issue_token

SECRET = "bench-secret-0123456789abcdef0123456789abcdef"
HOST = "127.0.0.1"
SERVICE_PORT = 8765
RAW_PORT = 8766
POSTGRAPHILE_PORT = 8767
POSTGRAPHILE_DIR = Path(__file__).parent / ".postgraphile"

# The same page as INVOICES_PAGE in PostGraphile's generated schema (its naming, no tenancy).
POSTGRAPHILE_PAGE = """query OrganizationInvoices($org: BigInt!, $first: Int!) {
  allInvoices(condition: {parentId: $org}, orderBy: [ISSUED_ON_DESC, ID_DESC], first: $first) {
    nodes {
      id name issuedOn dueOn amount paidAmount status
      workspaceByWorkspaceId { id name }
      paymentAllocationsByInvoiceId {
        nodes { paymentByPaymentId { id amount status paymentDate } }
      }
    }
  }
}"""

INVOICES_PAGE = """query OrganizationInvoices($first: Int!) {
  invoices(first: $first, orderBy: {key: ISSUED_ON, direction: DESC}) {
    edges { node {
      id name issuedOn dueOn amount paidAmount outstanding status
      workspace { id name }
      payments { id amount status paymentDate }
    } }
  }
}"""

PAYMENTS_PAGE = """query CustomerPayments($first: Int!) {
  payments(first: $first, filter: {status: [PAID]}) {
    totalCount
    edges { node {
      id amount status mode type paymentDate
      allocations { amount invoice { id name } }
    } }
  }
}"""

ADD_PAYMENT = """mutation Add($input: AddPaymentInput!) {
  addPayment(input: $input) { payment { id version } userErrors { code message } }
}"""
APPROVE_PAYMENT = """mutation Approve($input: PaymentActionInput!) {
  approvePayment(input: $input) { payment { id status } userErrors { code message } }
}"""


@dataclass
class Result:
    name: str
    latencies: list[float] = field(default_factory=list)
    statements: list[int] = field(default_factory=list)
    errors: int = 0
    seconds: float = 0.0

    @property
    def rate(self) -> float:
        return len(self.latencies) / self.seconds if self.seconds else 0.0

    def line(self, ceiling: float | None) -> str:
        rps = self.rate
        ordered = sorted(self.latencies) or [0.0]
        p50 = ordered[len(ordered) // 2] * 1000
        p99 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))] * 1000
        sql = statistics.median(self.statements) if self.statements else float("nan")
        ratio = f"{rps / ceiling:6.2f}" if ceiling else "     -"
        return (
            f"{self.name:<38} {rps:9.1f} {p50:8.1f} {p99:8.1f} {sql:6.0f} {ratio} {self.errors:6d}"
        )


def headers(email: str, ow_id: int) -> dict[str, str]:
    token = issue_token(email, SECRET, 3600)
    return {"Authorization": f"Bearer {token}", "X-IAA-OW-ID": str(ow_id)}


async def measure(
    name: str,
    port: int,
    one: Callable[[Connection], Awaitable[tuple[bool, int | None]]],
    *,
    concurrency: int,
    seconds: float,
) -> Result:
    """Run `one` in `concurrency` loops for `seconds` (after a short warm-up)."""
    result = Result(name)
    connections = [Connection(HOST, port) for _ in range(concurrency)]
    for conn in connections:
        await conn.open()
    for conn in connections:  # warm-up: caches, prepared statements, pool
        await one(conn)

    async def loop(conn: Connection, deadline: float) -> None:
        while time.perf_counter() < deadline:
            started = time.perf_counter()
            ok, statements = await one(conn)
            result.latencies.append(time.perf_counter() - started)
            if not ok:
                result.errors += 1
            if statements is not None:
                result.statements.append(statements)

    started = time.perf_counter()
    deadline = started + seconds
    await asyncio.gather(*(loop(conn, deadline) for conn in connections))
    result.seconds = time.perf_counter() - started
    for conn in connections:
        await conn.close()
    return result


def graphql(query: str, variables: Callable[[], dict[str, Any]], auth: dict[str, str]) -> Any:
    async def one(conn: Connection) -> tuple[bool, int | None]:
        status, body = await conn.post_json(
            "/graphql", {"query": query, "variables": variables()}, auth
        )
        ok = status == 200 and not body.get("errors")
        return ok, (body.get("extensions") or {}).get("sqlStatements")

    return one


def write_path(auth: dict[str, str], customer_id: int) -> Any:
    async def one(conn: Connection) -> tuple[bool, int | None]:
        payment = {
            "owId": str(customer_id),
            "type": "AS_FUND",
            "mode": "ACCOUNT_TRANSFER",
            "amount": "125.50",
            "paymentDate": "2026-01-15",
        }
        status, added = await conn.post_json(
            "/graphql", {"query": ADD_PAYMENT, "variables": {"input": payment}}, auth
        )
        data = (added.get("data") or {}).get("addPayment") or {}
        if status != 200 or not data.get("payment"):
            return False, None
        status, approved = await conn.post_json(
            "/graphql",
            {
                "query": APPROVE_PAYMENT,
                "variables": {"input": {"paymentId": data["payment"]["id"]}},
            },
            auth,
        )
        ok = (
            status == 200
            and not approved.get("errors")
            and (approved["data"]["approvePayment"]["payment"] or {}).get("status") == "PAID"
        )
        first = (added.get("extensions") or {}).get("sqlStatements") or 0
        second = (approved.get("extensions") or {}).get("sqlStatements") or 0
        return ok, first + second

    return one


def raw(org_id: int) -> Any:
    async def one(conn: Connection) -> tuple[bool, int | None]:
        status, body = await conn.post_json("/invoices", {"orgId": org_id, "first": 50}, {})
        return status == 200 and bool(body["data"]["invoices"]["edges"]), 2

    return one


def postgraphile_command(dsn: str) -> list[str] | None:
    """PostGraphile 4 (installed from the npm registry into bench/.postgraphile on first use),
    or None when Node.js is not here."""
    import shutil

    npm = shutil.which("npm")
    if npm is None or shutil.which("node") is None:
        return None
    binary = POSTGRAPHILE_DIR / "node_modules" / ".bin" / "postgraphile"
    if not binary.exists():
        print("installing PostGraphile 4 for the comparison ...")
        subprocess.run(  # noqa: S603 - fixed arguments
            [
                npm,
                "install",
                "--prefix",
                str(POSTGRAPHILE_DIR),
                "--no-audit",
                "--no-fund",
                "postgraphile@^4",
            ],
            check=True,
            capture_output=True,
        )
    return [
        str(binary),
        "-c",
        dsn,
        "--schema",
        "public",
        "--port",
        str(POSTGRAPHILE_PORT),
        "--disable-query-log",
        "--disable-graphiql",
    ]


def start(command: list[str], env: dict[str, str], port: int) -> subprocess.Popen[bytes]:
    """Start a server process and wait until it answers HTTP on `port`."""
    process = subprocess.Popen(  # noqa: S603 - our own commands, fixed arguments
        command, env={**os.environ, **env}, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    for _ in range(300):
        try:
            urllib.request.urlopen(f"http://{HOST}:{port}/healthz", timeout=1)
            return process
        except urllib.error.HTTPError:  # up, without a /healthz route (PostGraphile)
            return process
        except OSError:
            if process.poll() is not None:
                output = process.stderr.read().decode()[-3000:] if process.stderr else ""
                raise SystemExit(output) from None
            time.sleep(0.2)
    raise SystemExit(f"server on port {port} did not start")


async def prepare(dsn: str) -> tuple[str, dict[str, int]]:
    admin = await asyncpg.connect(dsn)
    exists = await admin.fetchval("SELECT 1 FROM pg_database WHERE datname = 'finance_bench'")
    if not exists:
        await admin.execute("CREATE DATABASE finance_bench")
    await admin.close()
    base, _, query = dsn.partition("?")
    bench_dsn = base.rsplit("/", 1)[0] + "/finance_bench" + (f"?{query}" if query else "")
    await db.migrate(bench_dsn)
    conn = await db.connect(bench_dsn)
    started = time.perf_counter()
    print("data set (generated once, then reused):")
    info = await dataset.load(conn)
    await conn.close()
    print(f"  ready in {time.perf_counter() - started:.0f} s: {info}")
    return bench_dsn, info


def servers(args: argparse.Namespace, bench_dsn: str) -> dict[str, subprocess.Popen[bytes]]:
    env = {
        "DATABASE_URL": bench_dsn,
        "JWT_SECRET": SECRET,
        "EXPOSE_SQL_COUNT": "true",
        "LOG_LEVEL": "WARNING",
        "POOL_MAX_SIZE": str(args.concurrency + 4),
        "RUN_JOBS": "false",
    }
    python = sys.executable
    started = {
        "service": start(
            [python, "-m", "finance_graphql", "serve", "--no-demo", "--port", str(SERVICE_PORT)],
            env,
            SERVICE_PORT,
        ),
        "raw": start(
            [
                python,
                "-m",
                "uvicorn",
                "bench.raw_server:app",
                "--port",
                str(RAW_PORT),
                "--log-level",
                "warning",
            ],
            env,
            RAW_PORT,
        ),
    }
    command = None if args.no_postgraphile else postgraphile_command(bench_dsn)
    if command is not None:
        started["postgraphile"] = start(command, {}, POSTGRAPHILE_PORT)
    return started


async def main(args: argparse.Namespace) -> None:
    url = os.environ.get("DATABASE_URL")
    server = None
    if url:
        dsn = url
    else:
        server = await db.start_server(Settings(data_dir=Path(".finance-data-bench")))
        dsn = server.embedded.get_uri("postgres")
    try:
        bench_dsn, info = await prepare(dsn)
        processes = servers(args, bench_dsn)
        try:
            await report(args, info, postgraphile="postgraphile" in processes)
        finally:
            for process in processes.values():
                process.send_signal(signal.SIGINT)
                process.wait(timeout=30)
    finally:
        if server is not None:
            server.stop()


async def report(args: argparse.Namespace, info: dict[str, int], *, postgraphile: bool) -> None:
    org = headers(dataset.ORG_EMAIL, info["org_id"])
    customer = headers(dataset.CUSTOMER_EMAIL, info["customer_id"])
    run = {"concurrency": args.concurrency, "seconds": args.seconds}
    ceiling = await measure(
        "raw Starlette+asyncpg invoices page", RAW_PORT, raw(info["org_id"]), **run
    )
    rivals = []
    if postgraphile:
        variables = {"org": str(info["org_id"]), "first": 50}
        rivals.append(
            await measure(
                "PostGraphile 4 invoices page (50)",
                POSTGRAPHILE_PORT,
                graphql(POSTGRAPHILE_PAGE, lambda: variables, {}),
                **run,
            )
        )
    ours = [
        await measure(
            "GraphQL org invoices page (50)",
            SERVICE_PORT,
            graphql(INVOICES_PAGE, lambda: {"first": 50}, org),
            **run,
        ),
        await measure(
            "  same, ordinary execution",
            SERVICE_PORT,
            graphql(INVOICES_PAGE, lambda: {"first": 50}, {**org, "X-Compiled-Reads": "off"}),
            **run,
        ),
        await measure(
            "GraphQL customer payments (PAID, 50)",
            SERVICE_PORT,
            graphql(PAYMENTS_PAGE, lambda: {"first": 50}, customer),
            **run,
        ),
        await measure(
            "addPayment + approvePayment (pairs)",
            SERVICE_PORT,
            write_path(org, info["customer_id"]),
            **run,
        ),
    ]
    top = ceiling.rate
    print(
        f"\n{args.concurrency} concurrent clients, {args.seconds:.0f} s each, one server "
        f"process each, {os.cpu_count()} cores; ratio = req/s / raw ceiling's req/s\n"
    )
    print(
        f"{'scenario':<38} {'req/s':>9} {'p50 ms':>8} {'p99 ms':>8} {'SQL':>6} "
        f"{'ratio':>6} {'errors':>6}"
    )
    print(ceiling.line(None))
    for result in rivals:
        print(result.line(top))
    for result in ours:
        print(result.line(top if "invoices" in result.name or "same" in result.name else None))
    if rivals:
        print(
            f"\ncompiled invoices page vs PostGraphile: {ours[0].rate / rivals[0].rate:.2f}x "
            "the requests per second"
        )


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--concurrency", type=int, default=16)
    parser.add_argument(
        "--no-postgraphile",
        action="store_true",
        help="skip the PostGraphile comparison (it needs Node.js and npm)",
    )
    asyncio.run(main(parser.parse_args()))
