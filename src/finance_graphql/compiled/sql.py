"""SQL expressions that render values exactly as the GraphQL scalars and enums serialize them."""

from __future__ import annotations

from finance_graphql.core.money import MINOR_UNITS
from finance_graphql.lookups.catalog import Catalog, E


def literal(text: str) -> str:
    """A SQL string literal (for names fixed in code, never client input)."""
    return "'" + text.replace("'", "''") + "'"


def minor_units(currency: str) -> str:
    """The currency's minor unit, as `core.money.minor_units` decides it."""
    by_units: dict[int, list[str]] = {}
    for code, units in sorted(MINOR_UNITS.items()):
        by_units.setdefault(units, []).append(literal(code))
    branches = " ".join(
        f"WHEN {currency} IN ({', '.join(codes)}) THEN {units}"
        for units, codes in sorted(by_units.items())
    )
    return f"(CASE {branches} ELSE 2 END)"


def money(amount: str, currency: str) -> str:
    """Decimal quantized to the currency (ROUND_HALF_UP, as PostgreSQL's round), as text."""
    return f"round({amount}, {minor_units(currency)})::text"


def date(expression: str) -> str:
    return f"to_char({expression}, 'YYYY-MM-DD')"


def datetime(expression: str) -> str:
    """ISO 8601 in UTC as Python's isoformat writes it (no fraction when it is zero)."""
    utc = f"({expression} AT TIME ZONE 'UTC')"
    return (
        f"(to_char({utc}, 'YYYY-MM-DD\"T\"HH24:MI:SS')"
        f" || CASE WHEN date_part('microseconds', {expression})::bigint % 1000000 = 0 THEN ''"
        f" ELSE to_char({utc}, '.US') END || '+00:00')"
    )


def enum(expression: str, catalog: Catalog[E]) -> str:
    """The enum name of a stored seed id."""
    branches = " ".join(
        f"WHEN {item.id} THEN {literal(member.name)}" for member, item in catalog.items.items()
    )
    return f"(CASE {expression} {branches} END)"


def cursor(value_json: str, row_id: str) -> str:
    """`core.pagination.encode_cursor` in SQL: base64url of [value, id], unpadded."""
    payload = f"('[' || {value_json} || ',' || {row_id} || ']')"
    encoded = f"encode(convert_to({payload}, 'UTF8'), 'base64')"
    return f"rtrim(translate(replace({encoded}, E'\\n', ''), '+/', '-_'), '=')"


def cursor_value(expression: str, kind: str) -> str:
    """The JSON of a sort value inside a cursor, as `core.pagination._encode_value` writes it."""
    if kind == "int":
        return f"({expression})::text"
    if kind == "decimal":
        return f"to_json(({expression})::text)::text"
    if kind == "date":
        # asyncpg reads 'infinity' as date.max, which Python writes as 9999-12-31 (to_char: NULL)
        finite = f"CASE WHEN isfinite({expression}) THEN {date(expression)} ELSE '9999-12-31' END"
        return f"to_json({finite})::text"
    if kind == "datetime":
        return f"to_json({datetime(expression)})::text"
    return f"to_json(({expression})::text)::text"
