"""Fixtures: one PostgreSQL for the run, one database migrated from empty, emptied before every
test.

The server is DATABASE_URL's when set, else an embedded one in a temporary directory. Each run
makes its own uniquely named database and drops it at the end. Before each test every table is
emptied and every sequence restarted (a few milliseconds, where a new database per test costs
most of a second to drop), so no test sees another's rows and none depends on leftovers.
"""

from __future__ import annotations

import os
import tempfile
import uuid
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import asyncpg
import httpx
import pytest

from finance_graphql import db
from finance_graphql.app import create_app
from finance_graphql.config import Settings
from finance_graphql.workspaces import service
from tests.support import SECRET, Api, Login

RUN = uuid.uuid4().hex[:8]
SUPER_EMAIL = "root@platform.test"


def _with_database(dsn: str, database: str) -> str:
    base, _, query = dsn.partition("?")
    head = base.rsplit("/", 1)[0] if base.count("/") > 2 else base
    return f"{head}/{database}" + (f"?{query}" if query else "")


@pytest.fixture(scope="session")
def server_dsn() -> Iterator[str]:
    """A maintenance DSN (database `postgres`) of the server the run uses."""
    url = os.environ.get("DATABASE_URL")
    if url:
        yield _with_database(url, "postgres")
        return
    with tempfile.TemporaryDirectory(prefix="finance-test-") as folder:
        server = db._start_embedded(Path(folder))
        try:
            yield server.embedded.get_uri("postgres")
        finally:
            server.stop()


# Empties the test database: rows of every table but schema_migrations, sequences restarted.
# Connections a previous test left open are ended first, so none can hold a lock on a table.
RESET = """
DO $$
DECLARE item record;
BEGIN
  PERFORM pg_terminate_backend(pid) FROM pg_stat_activity
   WHERE datname = current_database() AND pid <> pg_backend_pid();
  SET LOCAL session_replication_role = replica;
  SET LOCAL lock_timeout = '10s';
  FOR item IN SELECT quote_ident(tablename) AS name FROM pg_tables
               WHERE schemaname = 'public' AND tablename <> 'schema_migrations' LOOP
    EXECUTE 'DELETE FROM ' || item.name;
  END LOOP;
  FOR item IN SELECT quote_ident(c.relname) AS name, s.seqstart AS start
                FROM pg_class c JOIN pg_sequence s ON s.seqrelid = c.oid LOOP
    PERFORM setval(item.name, item.start, false);
  END LOOP;
END $$;
"""


class Databases:
    """The run's databases on the test server; all dropped at the end."""

    def __init__(self, server_dsn: str, admin: asyncpg.Connection) -> None:
        self.server_dsn = server_dsn
        self.admin = admin
        self.template = f"finance_test_{RUN}"
        self.created: list[str] = []
        self.shared: asyncpg.Connection | None = None

    async def create_template(self) -> None:
        await self.admin.execute(f'CREATE DATABASE "{self.template}"')
        await db.migrate(self.shared_dsn)

    @property
    def shared_dsn(self) -> str:
        return _with_database(self.server_dsn, self.template)

    async def empty(self) -> str:
        """A new database with nothing in it (to test migrations from empty)."""
        return await self._create("template0")

    async def clone(self) -> str:
        """The run's migrated database, emptied: no rows, sequences at their start."""
        if self.shared is None or self.shared.is_closed():
            self.shared = await asyncpg.connect(self.shared_dsn)
        await self.shared.execute(RESET)
        return self.shared_dsn

    async def _create(self, template: str) -> str:
        database = f"finance_test_{RUN}_{len(self.created)}"
        self.created.append(database)
        await self.admin.execute(f'CREATE DATABASE "{database}" TEMPLATE "{template}"')
        return _with_database(self.server_dsn, database)

    async def drop_all(self) -> None:
        if self.shared is not None:
            await self.shared.close()
        for database in [*self.created, self.template]:
            await self.admin.execute(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')


@pytest.fixture(scope="session")
async def databases(server_dsn: str) -> AsyncIterator[Databases]:
    admin = await asyncpg.connect(server_dsn)
    found = Databases(server_dsn, admin)
    await found.create_template()
    try:
        yield found
    finally:
        await found.drop_all()
        await admin.close()


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(
        jwt_secret=SECRET,
        data_dir=tmp_path,
        expose_sql_count=True,
        pool_min_size=1,
        pool_max_size=25,
        job_poll_seconds=0.1,
        run_webhooks=False,  # tests/webhooks drive the dispatcher themselves
    )


@pytest.fixture
async def test_dsn(databases: Databases) -> str:
    return await databases.clone()


@pytest.fixture
async def api(test_dsn: str, settings: Settings) -> AsyncIterator[Api]:
    """The real app on a fresh database with its super organization bootstrapped."""
    conn = await asyncpg.connect(test_dsn)
    async with conn.transaction():
        row, _ = await service.bootstrap(conn, SUPER_EMAIL, "Platform")
    await conn.close()
    app = create_app(settings, dsn=test_dsn)
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
            yield Api(client=client, dsn=test_dsn, super_login=Login(SUPER_EMAIL, row.id), app=app)
