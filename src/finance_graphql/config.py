"""Settings read from the environment (and a `.env` file when present)."""

from __future__ import annotations

from pathlib import Path

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    """Every knob of the service; all optional for local use."""

    model_config = SettingsConfigDict(env_file=".env", extra="ignore")

    database_url: str | None = Field(
        default=None, description="PostgreSQL DSN; unset means an embedded server."
    )
    jwt_secret: str | None = Field(
        default=None, description="HS256 secret; unset means one generated in the data dir."
    )
    data_dir: Path = Field(
        default=Path(".finance-data"),
        description="Where the embedded PostgreSQL and the generated JWT secret live.",
    )
    environment: str = Field(default="development", description="development or production")
    introspection: bool | None = Field(
        default=None, description="Allow schema introspection; default: on outside production."
    )
    pool_min_size: int = 2
    pool_max_size: int = 20
    max_query_depth: int = 12
    max_aliases: int = 30
    max_tokens: int = 3000
    max_upload_bytes: int = 5 * 1024 * 1024
    expose_sql_count: bool = Field(
        default=False,
        description="Add extensions.sqlStatements to every GraphQL response (tests, benchmarks).",
    )
    token_ttl_seconds: int = 12 * 3600
    run_jobs: bool = Field(default=True, description="Run the background job worker here.")
    run_webhooks: bool = Field(default=True, description="Deliver webhooks from this process.")
    job_poll_seconds: float = 2.0
    compiled_reads: bool = Field(
        default=True,
        description="Answer known dashboard queries with one SQL statement building the JSON.",
    )
    paypal_checkout_url: str = Field(
        default="https://www.sandbox.paypal.com/cgi-bin/webscr",
        description="Base of the PayPal checkout links handed to payers.",
    )
    log_level: str = "INFO"

    @property
    def is_production(self) -> bool:
        return self.environment == "production"

    @property
    def introspection_enabled(self) -> bool:
        if self.introspection is not None:
            return self.introspection
        return not self.is_production
