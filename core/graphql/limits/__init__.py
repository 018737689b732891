"""The GraphQL surface's protective limits (graphql-armor / OWASP defaults), each with its own
error code: document limits and introspection (``rules``), request bodies and WebSocket
messages (``body``), and the strings of every argument (``strings``). See docs/api.md,
"Limits"."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from core.errors import ConfigError
from core.graphql.limits.document import CostModel
from core.graphql.limits.rules import DocumentLimits, MeasureCache, cost_model
from core.graphql.limits.strings import guard_nested_arguments

if TYPE_CHECKING:
    from core.runtime import Fengqiao


class DocumentLimitsFactory:
    """Builds one ``DocumentLimits`` extension per request; ``bind`` it to the built schema
    (the cost model needs the schema's types to check the declared costs)."""

    def __init__(self, app: Fengqiao) -> None:
        self.app = app
        self.model = CostModel(default_page_size=app.settings.limits.default_page_size)
        self.cache = MeasureCache()

    def bind(self, schema: Any) -> None:
        self.model = cost_model(self.app, schema)
        self.cache = MeasureCache()  # measures made with the model before binding are dropped
        guard_nested_arguments(schema, self.app.settings.limits)
        mutation = schema._schema.mutation_type
        for name in self.app.settings.limits.body_limits:
            if mutation is None or name not in mutation.fields:
                raise ConfigError(f"limits.body_limits: '{name}' is not a root mutation field of this server")

    def __call__(self) -> DocumentLimits:
        settings = self.app.settings
        return DocumentLimits(settings.limits, self.model, settings.server.introspection, self.cache)
