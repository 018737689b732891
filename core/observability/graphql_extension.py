"""One access line and the metrics of each GraphQL operation: name, type, outcome, duration,
error codes and the user id — never the query's variables, tokens or personal values."""

from __future__ import annotations

import logging
import re
import time
from collections.abc import Iterator

from strawberry.extensions import SchemaExtension

from core.observability import metrics

access_log = logging.getLogger("fengqiao.access")
_NAME = re.compile(r"^[_A-Za-z][_0-9A-Za-z]{0,63}$")


class OperationObserver(SchemaExtension):
    def on_operation(self) -> Iterator[None]:
        started = time.perf_counter()
        yield
        seconds = time.perf_counter() - started
        context = self.execution_context
        from core.graphql.errors import error_code

        errors = getattr(context.result, "errors", None) or []
        codes = sorted({(error.extensions or {}).get("code") or error_code(error) for error in errors})
        outcome = "error" if errors else "ok"
        operation_type = context.operation_type.value if _parsed(context) else "unknown"
        # operationName is client text, checked against the GraphQL name grammar before use.
        operation = context.operation_name if _NAME.match(context.operation_name or "") else None
        metrics.observe_request(operation, operation_type, outcome, seconds, codes)
        app = getattr(context.context, "app", None)
        if app is not None and not app.settings.logging.access_log:
            return
        actor = getattr(context.context, "actor", None)
        user_id = getattr(actor, "user_id", None)
        access_log.info(
            "graphql %s %s %s %.1fms user=%s%s",
            operation_type,
            operation or "-",
            outcome,
            seconds * 1000,
            user_id if user_id is not None else "-",
            f" errors={','.join(codes)}" if codes else "",
            extra={
                "operation": operation,
                "operation_type": operation_type,
                "outcome": outcome,
                "duration_ms": round(seconds * 1000, 1),
                "user_id": user_id,
                "error_codes": codes,
            },
        )


def _parsed(context) -> bool:
    try:
        return context.operation_type is not None
    except Exception:  # noqa: BLE001 — strawberry raises when the document did not parse
        return False
