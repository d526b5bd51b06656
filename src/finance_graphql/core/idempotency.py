"""Idempotency keys for mutations that create money.

Within the mutation's transaction the key is claimed with INSERT .. ON CONFLICT. A concurrent
request with the same key waits on the unique index until the first commits (then it sees the
first result) or rolls back (then it goes ahead itself), so duplicates never create twice.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

import asyncpg

from finance_graphql.core.errors import ErrorCode, refuse


def fingerprint(data: Any) -> str:
    """A stable hash of an input, to tell a retry from a different request under the same key."""
    text = json.dumps(data, sort_keys=True, default=str, separators=(",", ":"))
    return hashlib.sha256(text.encode()).hexdigest()


async def claim(
    conn: asyncpg.Connection, workspace_id: int, scope: str, key: str, request_hash: str
) -> int | None:
    """Claim `key` for this request; the earlier result's id when it was already used.

    Returns None when the key is new (the caller does the work, then calls `record`).
    Raises a user error when the key was used for a different input.
    """
    if not key.strip() or len(key) > 200:
        raise refuse(
            ErrorCode.INVALID, "idempotencyKey: must be 1 to 200 characters", "idempotencyKey"
        )
    inserted = await conn.fetchval(
        "INSERT INTO idempotency_keys (workspace_id, scope, key, request_hash)"
        " VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING RETURNING true",
        workspace_id,
        scope,
        key,
        request_hash,
    )
    if inserted:
        return None
    row = await conn.fetchrow(
        "SELECT request_hash, result_id FROM idempotency_keys"
        " WHERE workspace_id = $1 AND scope = $2 AND key = $3",
        workspace_id,
        scope,
        key,
    )
    assert row is not None
    if row["request_hash"] != request_hash:
        raise refuse(
            ErrorCode.IDEMPOTENCY_MISMATCH,
            "idempotencyKey: this key was already used with a different input",
            "idempotencyKey",
        )
    return int(row["result_id"])


async def record(
    conn: asyncpg.Connection, workspace_id: int, scope: str, key: str, result_id: int
) -> None:
    await conn.execute(
        "UPDATE idempotency_keys SET result_id = $4"
        " WHERE workspace_id = $1 AND scope = $2 AND key = $3",
        workspace_id,
        scope,
        key,
        result_id,
    )
