"""Invoice mutations: thin; each validates its input and calls the service in one transaction."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import TypeVar

import asyncpg
import strawberry
from pydantic import BaseModel

from finance_graphql.context import Context
from finance_graphql.core.errors import UserError
from finance_graphql.core.mutations import mutate, run_command
from finance_graphql.core.tenancy import Viewer
from finance_graphql.core.validation import validate_input
from finance_graphql.invoices import schemas, service
from finance_graphql.invoices.inputs import (
    AddInvoiceTaxInput,
    CreateInvoiceInput,
    DeleteInvoiceTaxInput,
    InvoiceActionInput,
    InvoicePayload,
    InvoiceSettingsPayload,
    UpdateInvoiceSettingsInput,
)
from finance_graphql.invoices.repository import InvoiceRow
from finance_graphql.invoices.types import Invoice, InvoiceSettings

C = TypeVar("C", bound=BaseModel)
InvoiceChange = Callable[[asyncpg.Connection, Viewer, C], Awaitable[InvoiceRow]]


def _refused(errors: list[UserError]) -> InvoicePayload:
    return InvoicePayload(user_errors=errors)


async def _change_invoice(
    info: strawberry.Info[Context], command: type[C], value: object, change: InvoiceChange[C]
) -> InvoicePayload:
    def answer(row: InvoiceRow) -> InvoicePayload:
        return InvoicePayload(invoice=Invoice(row=row))

    return await run_command(info.context, command, value, change, answer, _refused)


@strawberry.type
class InvoiceMutations:
    @strawberry.mutation(
        description="A PENDING invoice for a customer (or any workspace) below the active one; "
        "amount = the sum of the lines. Organization and super only."
    )
    async def create_invoice(
        self, info: strawberry.Info[Context], input: CreateInvoiceInput
    ) -> InvoicePayload:
        return await _change_invoice(info, schemas.CreateInvoice, input, service.create_invoice)

    @strawberry.mutation(description="PENDING -> UNPAID: issued today, due after its payment term.")
    async def approve_invoice(
        self, info: strawberry.Info[Context], input: InvoiceActionInput
    ) -> InvoicePayload:
        return await _change_invoice(info, schemas.InvoiceAction, input, service.approve_invoice)

    @strawberry.mutation(
        description="-> CANCELLED, only while nothing is paid and no PROCESSING payment is "
        "applied to it."
    )
    async def cancel_invoice(
        self, info: strawberry.Info[Context], input: InvoiceActionInput
    ) -> InvoicePayload:
        return await _change_invoice(info, schemas.InvoiceAction, input, service.cancel_invoice)

    @strawberry.mutation(
        description="Add a tax (a rate of the lines' total, or a fixed amount) to a PENDING "
        "invoice; its amount grows by exactly that tax. Once approved, an invoice's amount is "
        "what was issued to the customer and no longer changes."
    )
    async def add_invoice_tax(
        self, info: strawberry.Info[Context], input: AddInvoiceTaxInput
    ) -> InvoicePayload:
        return await _change_invoice(info, schemas.AddInvoiceTax, input, service.add_tax)

    @strawberry.mutation(description="Delete a tax of a PENDING invoice by the tax's id.")
    async def delete_invoice_tax(
        self, info: strawberry.Info[Context], input: DeleteInvoiceTaxInput
    ) -> InvoicePayload:
        return await _change_invoice(info, schemas.DeleteInvoiceTax, input, service.delete_tax)

    @strawberry.mutation(
        description="Set the active organization's invoice template (organization and super)."
    )
    async def update_invoice_settings(
        self, info: strawberry.Info[Context], input: UpdateInvoiceSettingsInput
    ) -> InvoiceSettingsPayload:
        viewer = info.context.viewer

        async def work(conn: asyncpg.Connection) -> InvoiceSettingsPayload:
            command = validate_input(schemas.UpdateInvoiceSettings, input)
            row = await service.update_invoice_settings(conn, viewer, command)
            return InvoiceSettingsPayload(invoice_settings=InvoiceSettings.of(row))

        return await mutate(
            info.context, work, lambda errors: InvoiceSettingsPayload(user_errors=errors)
        )
