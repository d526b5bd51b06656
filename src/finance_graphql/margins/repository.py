"""Margin SQL: each workspace's margins, the default for new customers, and who lacks one."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

import asyncpg

from finance_graphql.margins.settings import Setting

TABLE = "workspace_margins"
GROSS_MARGIN = Setting(TABLE, "gross_margin", "grossMargin")
DEFAULT_CUSTOMER_MARGIN = Setting(TABLE, "default_customer_margin", "defaultCustomerMargin")
WORKSPACE_MARGIN = Setting(TABLE, "workspace_margin", "workspaceMargin")
ORGANIZATION_MARGIN = Setting(TABLE, "organization_margin", "organizationMargin")
BID_SHADING = Setting(TABLE, "bid_shading_enabled", "isBidShadingEnabled")


@dataclass(frozen=True)
class MarginRow:
    """A workspace's margins (percent); None where not configured."""

    workspace_id: int
    gross_margin: Decimal | None
    default_customer_margin: Decimal | None
    workspace_margin: Decimal | None
    organization_margin: Decimal | None
    bid_shading_enabled: bool

    @classmethod
    def empty(cls, workspace_id: int) -> MarginRow:
        return cls(workspace_id, None, None, None, None, False)


COLUMNS = (
    "workspace_id, gross_margin, default_customer_margin, workspace_margin, organization_margin,"
    " bid_shading_enabled"
)


def margin_row(record: asyncpg.Record) -> MarginRow:
    return MarginRow(**{name: record[name] for name in COLUMNS.replace(" ", "").split(",")})


async def margins_of(conn: asyncpg.Connection, workspace_ids: list[int]) -> dict[int, MarginRow]:
    """The margins of these workspaces (those with no row are left out)."""
    records = await conn.fetch(
        f"SELECT {COLUMNS} FROM workspace_margins WHERE workspace_id = ANY($1)", workspace_ids
    )
    return {r["workspace_id"]: margin_row(r) for r in records}


# A new customer takes its organization's default margin or, when the organization set none,
# the platform's (the super organization's default); the history shows it with no user.
_APPLY_DEFAULT = """
WITH chosen AS (
    SELECT d.default_customer_margin AS margin
      FROM workspace_margins d
     WHERE d.default_customer_margin IS NOT NULL
       AND (d.workspace_id = $2
            OR d.workspace_id = (SELECT id FROM workspaces WHERE kind = 'SUPER_ORGANIZATION'))
     ORDER BY (d.workspace_id = $2) DESC
     LIMIT 1
), applied AS (
    INSERT INTO workspace_margins (workspace_id, gross_margin)
    SELECT $1, margin FROM chosen
    ON CONFLICT (workspace_id) DO NOTHING
    RETURNING workspace_id, gross_margin
)
INSERT INTO finance_settings_history (workspace_id, setting, old_value, new_value)
SELECT workspace_id, 'grossMargin', NULL, trim_scale(gross_margin)::text FROM applied
"""


async def apply_default_margin(conn: asyncpg.Connection, customer_id: int, parent_id: int) -> None:
    """Give a new customer the default gross margin that applies to it, if any (one statement)."""
    await conn.execute(_APPLY_DEFAULT, customer_id, parent_id)


async def customers_without_margin(
    conn: asyncpg.Connection, organization_id: int, limit: int
) -> list[tuple[int, str]]:
    """(owId, name) of the organization's customers with no gross margin, newest first."""
    records = await conn.fetch(
        "SELECT w.id, w.name FROM workspaces w"
        " WHERE w.parent_id = $1 AND w.kind = 'CUSTOMER'"
        "   AND NOT EXISTS (SELECT 1 FROM workspace_margins m"
        "                    WHERE m.workspace_id = w.id AND m.gross_margin IS NOT NULL)"
        " ORDER BY w.id DESC LIMIT $2",
        organization_id,
        limit,
    )
    return [(r["id"], r["name"]) for r in records]


async def template_flags(conn: asyncpg.Connection, organization_id: int) -> tuple[bool, bool]:
    """Whether the organization's invoice settings exist, and whether it has customers."""
    record = await conn.fetchrow(
        "SELECT EXISTS (SELECT 1 FROM invoice_settings WHERE workspace_id = $1) AS template_set,"
        " EXISTS (SELECT 1 FROM workspaces WHERE parent_id = $1 AND kind = 'CUSTOMER')"
        " AS has_customers",
        organization_id,
    )
    assert record is not None
    return bool(record["template_set"]), bool(record["has_customers"])
