"""GET /payments/{id}/proof: the proof of payment, for those who may see the payment.

The request carries the same Authorization and X-IAA-OW-ID headers as GraphQL. A payment out of
reach, a missing one and one without a proof all answer the same 404.
"""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from finance_graphql.authentication import Refusal, authenticate
from finance_graphql.context import Services
from finance_graphql.core.errors import ErrorCode
from finance_graphql.core.ids import parse_id
from finance_graphql.db import acquire
from finance_graphql.graphql_view import refusal_response
from finance_graphql.payments import repository


def _not_found() -> Response:
    error = {"message": "No such proof of payment", "extensions": {"code": ErrorCode.NOT_FOUND}}
    return JSONResponse({"errors": [error]}, status_code=404)


async def download_proof(request: Request) -> Response:
    """The stored file, as an attachment with the content type its bytes were checked to be."""
    services: Services | None = request.app.state.services.get("services")
    if services is None:
        return JSONResponse({"errors": [{"message": "Service is starting"}]}, status_code=503)
    try:
        viewer = await authenticate(services.pool, services.jwt_secret, request.headers)
    except Refusal as refusal:
        return refusal_response(refusal)
    payment_id = parse_id(request.path_params["payment_id"])
    if payment_id is None:
        return _not_found()
    async with acquire(services.pool) as conn:
        proof = await repository.visible_proof(conn, viewer, payment_id)
    if proof is None:
        return _not_found()
    return Response(
        proof.content,
        media_type=proof.content_type,
        headers={
            "Content-Disposition": f'attachment; filename="{proof.filename}"',
            "X-Content-Type-Options": "nosniff",
            "Cache-Control": "private, no-store",
        },
    )
