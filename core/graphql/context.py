"""The per-request context: the actor, the request's DataLoaders, and what it viewed."""

from __future__ import annotations

import dataclasses
import uuid
from collections.abc import Awaitable, Callable, Hashable
from typing import TYPE_CHECKING, Any

from strawberry.dataloader import DataLoader

from core.errors import FeatureDisabled, Forbidden, Unauthenticated
from core.identity.actor import ANONYMOUS, Actor

if TYPE_CHECKING:
    from core.runtime import Fengqiao


@dataclasses.dataclass
class FullView:
    """One unmasked personal value shown to the actor (audited at the end of the request)."""

    type_name: str
    field: str
    object_id: str | None


@dataclasses.dataclass
class RequestContext:
    app: Fengqiao
    actor: Actor = ANONYMOUS
    request: Any = None
    response: Any = None
    request_id: str = dataclasses.field(default_factory=lambda: uuid.uuid4().hex)
    client_address: str | None = None
    loaders: dict[Hashable, DataLoader[Any, Any]] = dataclasses.field(default_factory=dict)
    full_views: list[FullView] = dataclasses.field(default_factory=list)
    # Set per operation by the rate-limit check (core.ratelimit); refused by the root fields.
    rate_limited: bool = False
    # Set by the WebSocket protocol from ``connection_init`` (carries the bearer token).
    connection_params: Any = None

    def loader(
        self, batch: Callable[[list[Any]], Awaitable[list[Any]]], key: Hashable | None = None
    ) -> DataLoader[Any, Any]:
        """The request's DataLoader for ``batch`` (created on first use, shared afterwards)."""
        key = key if key is not None else batch
        loader = self.loaders.get(key)
        if loader is None:
            loader = self.loaders[key] = DataLoader(load_fn=batch)
        return loader

    def require(self, permission: str | None, *, public: bool = False, plugin: str | None = None) -> None:
        """Raise ``Unauthenticated``/``Forbidden``/``FeatureDisabled`` unless the actor may
        use a field guarded by ``permission`` of ``plugin``."""
        if public:
            return
        if not self.actor.is_authenticated:
            raise Unauthenticated()
        if permission is not None and not self.actor.has(permission):
            raise Forbidden(f"Requires permission '{permission}'.")
        if not self.actor.plugin_enabled(plugin):
            raise FeatureDisabled(f"The '{plugin}' plugin is not enabled for your station.")
