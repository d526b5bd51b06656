"""The per-request context: settings, the viewer, the request's connection, its dataloaders."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Hashable
from dataclasses import dataclass, field
from typing import Any, TypeVar

import asyncpg
from starlette.requests import Request
from starlette.responses import Response
from starlette.websockets import WebSocket
from strawberry.dataloader import DataLoader

from finance_graphql.config import Settings
from finance_graphql.core.errors import ErrorCode, PublicError
from finance_graphql.core.events import EventHub
from finance_graphql.core.tenancy import Viewer
from finance_graphql.db import RequestDB

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")


@dataclass
class Services:
    """What the app's lifespan owns and every request shares."""

    settings: Settings
    pool: asyncpg.Pool
    hub: EventHub
    jwt_secret: str


@dataclass
class Context:
    """Built once per HTTP request (or WebSocket connection) and dropped after it.

    Dataloaders live here, so their caches never outlive a request nor serve another viewer.
    """

    services: Services
    request: Request | WebSocket | None
    response: Response | None
    db: RequestDB
    authenticated: Viewer | None = None
    connection_params: dict[str, Any] | None = None
    _loaders: dict[object, DataLoader[Any, Any]] = field(default_factory=dict)

    @property
    def settings(self) -> Settings:
        return self.services.settings

    @property
    def viewer(self) -> Viewer:
        if self.authenticated is None:
            raise PublicError("Authentication required", ErrorCode.UNAUTHENTICATED)
        return self.authenticated

    def forget_loaders(self) -> None:
        """Drop every dataloader and its cache. A WebSocket context lives for many subscription
        events; each event must read fresh rows, not what an earlier one cached."""
        self._loaders.clear()

    def loader(self, batch: Callable[[Context, list[K]], Awaitable[list[V]]]) -> DataLoader[K, V]:
        """The request's dataloader for a batch function `batch(context, keys)`."""
        existing = self._loaders.get(batch)
        if existing is None:

            async def load(keys: list[K]) -> list[V]:
                return await batch(self, keys)

            existing = DataLoader(load_fn=load)
            self._loaders[batch] = existing
        return existing
