"""After every payment scenario, each workspace's ledger sums to its balance, as shown."""

from __future__ import annotations

from collections.abc import AsyncIterator
from decimal import Decimal

import pytest

from tests.support import Api

BALANCES = "query($owId: ID) { workspace(owId: $owId) { availableBalance } }"


async def every_ledger_agrees(api: Api) -> None:
    """sum(ledger_entries.amount) == workspace_balances.balance == availableBalance, for all."""
    rows = await api.sql(
        "SELECT b.workspace_id, b.balance,"
        " (SELECT coalesce(sum(e.amount), 0) FROM ledger_entries e"
        "   WHERE e.workspace_id = b.workspace_id) AS entries"
        " FROM workspace_balances b ORDER BY b.workspace_id"
    )
    for row in rows:
        assert row["entries"] == row["balance"], dict(row)
        if row["entries"] != 0:
            shown = await api.data(BALANCES, {"owId": str(row["workspace_id"])})
            assert Decimal(shown["workspace"]["availableBalance"]) == row["balance"], dict(row)


@pytest.fixture
async def api(api: Api) -> AsyncIterator[Api]:
    """The app (tests/conftest.py's `api`), checked after the test: every ledger agrees."""
    yield api
    await every_ledger_agrees(api)
