"""Benchmark of Workspace.financeDetails over years of daily spend (issue 4).

    DATABASE_URL=postgresql://postgres@127.0.0.1:5432/postgres python -m bench.finance_overview

Creates `finance_bench_overview` on DATABASE_URL's server: 101 customers, 604 campaigns, five
years of daily spend (about 1.1 million rows; one customer holds 365,000 of them), then prints
how long the overview statement takes for that customer's year and for a page of 100 customers.
"""

from __future__ import annotations

import asyncio
import os
import time

import asyncpg

from finance_graphql import db
from finance_graphql.campaigns.overview import overviews

DATABASE = "finance_bench_overview"


def _dsn(database: str) -> str:
    base = os.environ.get("DATABASE_URL", "postgresql://postgres@127.0.0.1:5432/postgres")
    return base.rsplit("/", 1)[0] + "/" + database


async def _load(conn: asyncpg.Connection) -> list[int]:
    top = await conn.fetchval(
        "INSERT INTO workspaces (kind, name) VALUES ('SUPER_ORGANIZATION', 'S') RETURNING id"
    )
    org = await conn.fetchval(
        "INSERT INTO workspaces (kind, name, parent_id) VALUES ('ORGANIZATION', 'O', $1)"
        " RETURNING id",
        top,
    )
    customers = [
        r["id"]
        for r in await conn.fetch(
            "INSERT INTO workspaces (kind, name, parent_id)"
            " SELECT 'CUSTOMER', 'C' || g, $1 FROM generate_series(1, 101) g RETURNING id",
            org,
        )
    ]
    await conn.execute(
        "INSERT INTO campaigns (workspace_id, parent_id, name, status, creative_type)"
        " SELECT $1, $2, 'c' || g, 1 + g % 3, 11 FROM generate_series(1, 200) g",
        customers[0],
        org,
    )
    await conn.execute(
        "INSERT INTO campaigns (workspace_id, parent_id, name, status, creative_type)"
        " SELECT w, $2, 'c' || g, 2, 13 FROM unnest($1::bigint[]) w, generate_series(1, 4) g",
        customers[1:],
        org,
    )
    await conn.execute(
        "INSERT INTO campaign_spend"
        " (campaign_id, spend_date, workspace_id, media_cost, data_cost, impressions, margin)"
        " SELECT c.id, d::date, c.workspace_id, round((random() * 500)::numeric, 4),"
        " round((random() * 50)::numeric, 4), (random() * 100000)::int, (c.id % 4) * 5"
        " FROM campaigns c,"
        " generate_series(DATE '2021-01-01', DATE '2025-12-31', interval '1 day') d"
    )
    await conn.execute("VACUUM ANALYZE")
    return customers


async def _timed(conn: asyncpg.Connection, keys: list[tuple[int, int]]) -> float:
    await overviews(conn, keys)  # warm the cache and the statement
    start = time.perf_counter()
    await overviews(conn, keys)
    return (time.perf_counter() - start) * 1000


async def main() -> None:
    admin = await asyncpg.connect(_dsn("postgres"))
    await admin.execute(f'DROP DATABASE IF EXISTS "{DATABASE}" WITH (FORCE)')
    await admin.execute(f'CREATE DATABASE "{DATABASE}"')
    await admin.close()
    await db.migrate(_dsn(DATABASE))
    conn = await asyncpg.connect(_dsn(DATABASE))
    try:
        customers = await _load(conn)
        rows = await conn.fetchval("SELECT count(*) FROM campaign_spend")
        print(f"spend rows: {rows}")
        one = await _timed(conn, [(customers[0], 2024)])
        page = await _timed(conn, [(c, 2024) for c in customers[:100]])
        print(f"one customer's year (73,200 rows): {one:.1f} ms")
        print(f"a page of 100 customers' year: {page:.1f} ms")
    finally:
        await conn.close()


if __name__ == "__main__":
    asyncio.run(main())
