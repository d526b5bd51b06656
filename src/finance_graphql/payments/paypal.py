"""PayPal checkout: the fee percentage, the express-checkout token and link (no network call).

A started PayPal payment is a PROCESSING AS_FUND payment whose transaction id is the checkout
token; approving it (once PayPal confirms) adds the amount to the balance.
"""

from __future__ import annotations

import secrets
from decimal import Decimal
from urllib.parse import urlencode

import asyncpg

from finance_graphql.fees import service as fees

_TOKEN_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ0123456789"  # noqa: S105 - letters, not a secret


async def fee_percentage(conn: asyncpg.Connection, workspace_id: int) -> Decimal:
    """The PayPal fee percentage of the paying workspace: its basic financial details
    (`paypalFeesPercentage`), else its organization's, else the platform's, else 3.5."""
    return await fees.paypal_fees_percentage(conn, workspace_id)


def new_token() -> str:
    """An express-checkout token in PayPal's form, e.g. EC-3YM2956846765604B."""
    return "EC-" + "".join(secrets.choice(_TOKEN_ALPHABET) for _ in range(17))


def checkout_url(base_url: str, token: str) -> str:
    """The link the payer follows to approve the payment at PayPal."""
    separator = "&" if "?" in base_url else "?"
    return base_url + separator + urlencode({"cmd": "_express-checkout", "token": token})
