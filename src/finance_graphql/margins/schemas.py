"""Validated forms of the margin mutations' inputs."""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated

from pydantic import AfterValidator, Field
from pydantic_core import PydanticCustomError

from finance_graphql.core.fields import between
from finance_graphql.core.validation import Command
from finance_graphql.workspaces.schemas import WorkspaceId

GROSS_MARGIN_TYPE_ID = 1
MARGIN_TYPES = {GROSS_MARGIN_TYPE_ID: "Gross Margin"}


def _margin_type(value: int) -> int:
    if value not in MARGIN_TYPES:
        raise PydanticCustomError("invalid", f"Invalid marginTypeId : {value}; 1 is Gross Margin")
    return value


# A gross margin is the share of the billed amount the organization keeps (see
# docs/invoice-generation.md): 100 would mean billing an infinite amount, hence 1..99.
GrossMargin = Annotated[Decimal, AfterValidator(between(1, 99, places=2))]
PartMargin = Annotated[Decimal, AfterValidator(between(0, 99, places=2))]
MarginTypeId = Annotated[int, AfterValidator(_margin_type)]


class UpdateCustomerMargin(Command):
    ow_id: WorkspaceId
    margin_value: GrossMargin
    margin_type_id: MarginTypeId = Field(default=GROSS_MARGIN_TYPE_ID)
    workspace_margin: PartMargin | None = None
    organization_margin: PartMargin | None = None


class UpdateOrganizationMargin(Command):
    margin_value: GrossMargin
    margin_type_id: MarginTypeId = Field(default=GROSS_MARGIN_TYPE_ID)


class SetBidShading(Command):
    ow_id: WorkspaceId
    enabled: bool
