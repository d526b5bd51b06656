"""Migrations from empty (also two at once), and the command line against a real database."""

from __future__ import annotations

import asyncio
import json
import os
import subprocess
import sys

import asyncpg
import pytest

from finance_graphql import db
from finance_graphql.core.tenancy import read_token
from tests.conftest import Databases


async def test_migrations_apply_once_from_empty_even_when_two_start_together(
    databases: Databases,
) -> None:
    dsn = await databases.empty()
    first, second = await asyncio.gather(db.migrate(dsn), db.migrate(dsn))
    versions = [version for version, _ in db.migration_files()]
    assert sorted(first + second) == versions
    assert await db.migrate(dsn) == []
    conn = await asyncpg.connect(dsn)
    try:
        applied = [
            r["version"]
            for r in await conn.fetch("SELECT version FROM schema_migrations ORDER BY version")
        ]
    finally:
        await conn.close()
    assert applied == versions


def test_migrations_ship_inside_the_package() -> None:
    files = db.migration_files()
    assert files[0][0] == "0001_tenancy"
    assert all(sql.strip() for _, sql in files)


def _cli(*args: str, env: dict[str, str]) -> str:
    result = subprocess.run(  # noqa: S603 - our own console script with fixed arguments
        [sys.executable, "-m", "finance_graphql", *args],
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    return result.stdout


@pytest.fixture
async def cli_env(databases: Databases, tmp_path: object) -> dict[str, str]:
    dsn = await databases.empty()
    return {
        "DATABASE_URL": dsn,
        "JWT_SECRET": "cli-secret-0123456789abcdef0123456789",
        "FINANCE_DATA_DIR": str(tmp_path),
        "DATA_DIR": str(tmp_path),
    }


async def test_bootstrap_creates_the_super_organization_once(cli_env: dict[str, str]) -> None:
    first = json.loads(_cli("bootstrap", "--email", "Boss@Platform.test", env=cli_env))
    again = json.loads(_cli("bootstrap", "--email", "boss@platform.test", env=cli_env))
    assert first["owId"] == again["owId"]
    assert read_token(first["token"], cli_env["JWT_SECRET"]) == "boss@platform.test"
    token = _cli("token", "--email", "boss@platform.test", env=cli_env).strip()
    assert read_token(token, cli_env["JWT_SECRET"]) == "boss@platform.test"


async def test_demo_is_idempotent(cli_env: dict[str, str]) -> None:
    first = json.loads(_cli("demo", env=cli_env))
    second = json.loads(_cli("demo", env=cli_env))
    assert first["customers"] == second["customers"]
    assert len(first["organizations"]) == 2
    assert len(first["customers"]) >= 4
    conn = await asyncpg.connect(cli_env["DATABASE_URL"])
    try:
        count = await conn.fetchval("SELECT count(*) FROM workspaces")
    finally:
        await conn.close()
    assert count == 1 + len(first["organizations"]) + len(first["customers"])


async def test_migrate_reports_what_it_applied(cli_env: dict[str, str]) -> None:
    applied = json.loads(_cli("migrate", env=cli_env))["applied"]
    assert applied == [version for version, _ in db.migration_files()]
    assert json.loads(_cli("migrate", env=cli_env))["applied"] == []
