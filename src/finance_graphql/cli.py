"""The command line: serve, migrate, bootstrap, token, demo."""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
from collections.abc import Awaitable, Callable
from typing import TypeVar

import asyncpg

from finance_graphql import db, demo
from finance_graphql.config import Settings
from finance_graphql.core import logs
from finance_graphql.core.tenancy import issue_token
from finance_graphql.workspaces import service

T = TypeVar("T")


def _with_database(
    settings: Settings, work: Callable[[str], Awaitable[T]], *, migrate: bool = True
) -> T:
    """Start (or reach) the database, apply migrations, run `work(dsn)`, stop what we started."""

    async def run() -> T:
        server = await db.start_server(settings)
        try:
            if migrate:
                await db.migrate(server.dsn)
            return await work(server.dsn)
        finally:
            server.stop()

    return asyncio.run(run())


async def _on_connection(dsn: str, work: Callable[[asyncpg.Connection], Awaitable[T]]) -> T:
    conn = await db.connect(dsn)
    try:
        return await work(conn)
    finally:
        await conn.close()


def _token(settings: Settings, email: str) -> str:
    return issue_token(email, db.jwt_secret(settings), settings.token_ttl_seconds)


def cmd_migrate(settings: Settings, _args: argparse.Namespace) -> None:
    async def work(dsn: str) -> list[str]:
        return await db.migrate(dsn)

    applied = _with_database(settings, work, migrate=False)
    print(json.dumps({"applied": applied}))


def cmd_bootstrap(settings: Settings, args: argparse.Namespace) -> None:
    async def work(dsn: str) -> int:
        async def create(conn: asyncpg.Connection) -> int:
            async with conn.transaction():
                row, _ = await service.bootstrap(conn, args.email, args.name)
            return row.id

        return await _on_connection(dsn, create)

    ow_id = _with_database(settings, work)
    print(json.dumps({"owId": str(ow_id), "token": _token(settings, args.email)}))


def cmd_token(settings: Settings, args: argparse.Namespace) -> None:
    print(_token(settings, args.email))


def cmd_demo(settings: Settings, _args: argparse.Namespace) -> None:
    async def work(dsn: str) -> demo.DemoWorkspaces:
        return await _on_connection(dsn, demo.load)

    loaded = _with_database(settings, work)
    print(json.dumps(_demo_summary(settings, loaded), indent=2))


def _demo_summary(settings: Settings, loaded: demo.DemoWorkspaces) -> dict[str, object]:
    return {
        "superOwId": str(loaded.super_id),
        "organizations": {k: str(v) for k, v in loaded.organizations.items()},
        "customers": {k: str(v) for k, v in loaded.customers.items()},
        "logins": [
            {"email": email, "owId": str(ow_id), "token": _token(settings, email)}
            for email, ow_id in loaded.members.items()
        ],
    }


def cmd_serve(settings: Settings, args: argparse.Namespace) -> None:
    import uvicorn

    if settings.is_production and not (settings.database_url and settings.jwt_secret):
        sys.exit("In production DATABASE_URL and JWT_SECRET must both be set.")

    from finance_graphql.app import create_app

    async def prepare() -> tuple[db.DatabaseServer, demo.DemoWorkspaces | None]:
        server = await db.start_server(settings)
        await db.migrate(server.dsn)
        loaded = None
        if not args.no_demo and not settings.is_production:
            loaded = await _on_connection(server.dsn, demo.load)
        return server, loaded

    server, loaded = asyncio.run(prepare())
    url = f"http://{args.host}:{args.port}/graphql"
    print(f"GraphiQL: {url}", file=sys.stderr)
    if loaded is not None:
        token = _token(settings, demo.SUPER_EMAIL)
        print(
            f"Development login ({demo.SUPER_EMAIL}):\n  Authorization: Bearer {token}\n"
            f"  X-IAA-OW-ID: {loaded.super_id}\n"
            "Other demo logins: `finance-graphql demo`",
            file=sys.stderr,
        )
    try:
        uvicorn.run(
            create_app(settings, dsn=server.dsn),
            host=args.host,
            port=args.port,
            log_config=None,
            timeout_graceful_shutdown=10,
        )
    finally:
        server.stop()


def cmd_schema(settings: Settings, _args: argparse.Namespace) -> None:
    from finance_graphql.schema import build_schema

    print(build_schema(settings).as_str())


def parser() -> argparse.ArgumentParser:
    root = argparse.ArgumentParser(prog="finance-graphql", description=__doc__)
    commands = root.add_subparsers(dest="command", required=True)
    serve = commands.add_parser("serve", help="serve GraphQL (applies migrations first)")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8000)
    serve.add_argument("--no-demo", action="store_true", help="do not load demo data")
    serve.set_defaults(run=cmd_serve)
    commands.add_parser("migrate", help="apply migrations").set_defaults(run=cmd_migrate)
    bootstrap = commands.add_parser("bootstrap", help="create the super organization, once")
    bootstrap.add_argument("--email", required=True)
    bootstrap.add_argument("--name", default="Platform")
    bootstrap.set_defaults(run=cmd_bootstrap)
    token = commands.add_parser("token", help="print a JWT for a user")
    token.add_argument("--email", required=True)
    token.set_defaults(run=cmd_token)
    commands.add_parser("demo", help="load demo data (idempotent)").set_defaults(run=cmd_demo)
    commands.add_parser("schema", help="print the GraphQL SDL").set_defaults(run=cmd_schema)
    return root


def main(argv: list[str] | None = None) -> None:
    args = parser().parse_args(argv)
    settings = Settings()
    logs.configure(settings.log_level)
    args.run(settings, args)


if __name__ == "__main__":
    main()
