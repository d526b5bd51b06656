"""The printed schema in the repository is the schema served, and holds the whole contract."""

from __future__ import annotations

from pathlib import Path

from graphql import build_schema as parse_sdl
from graphql.utilities import find_breaking_changes

from finance_graphql.schema import build_schema

ROOT = Path(__file__).resolve().parent.parent
CONTRACT = ROOT / "docs" / "contract.graphql"  # a copy of the shared contract


def test_printed_schema_matches_served_schema() -> None:
    printed = (ROOT / "schema.graphql").read_text()
    assert printed == build_schema().as_str() + "\n", (
        "schema.graphql is out of date: run `finance-graphql schema > schema.graphql`"
    )


def test_schema_keeps_every_name_of_the_contract() -> None:
    contract = parse_sdl(CONTRACT.read_text())
    served = parse_sdl(build_schema().as_str())
    breaking = find_breaking_changes(contract, served)
    assert breaking == [], "\n".join(change.description for change in breaking)
