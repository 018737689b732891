"""Optional OpenTelemetry spans for GraphQL operations (``[tracing] enabled``, ``otel`` extra).

Spans go to the global tracer provider: configure exporters the OpenTelemetry way (e.g. run
``opentelemetry-instrument fengqiao serve`` with ``OTEL_EXPORTER_OTLP_ENDPOINT``). Resolver
arguments are not recorded: they may hold personal data.
"""

from __future__ import annotations

from core.config import Settings
from core.errors import ConfigError


def tracing_extensions(settings: Settings) -> list:
    if not settings.tracing.enabled:
        return []
    try:
        from strawberry.extensions.tracing import OpenTelemetryExtension
    except ImportError:
        raise ConfigError(
            "tracing.enabled: OpenTelemetry is not installed; pip install 'fengqiao[otel]' or switch tracing off"
        ) from None

    class QuietOpenTelemetry(OpenTelemetryExtension):
        def convert_to_allowed_types(self, value):  # never copy argument values into spans
            return "[not recorded]"

        def add_tags(self, span, info, kwargs) -> None:
            return None

    return [lambda: QuietOpenTelemetry()]
