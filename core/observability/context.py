"""The id of the request (or job run) being served, for log lines and audit rows."""

from __future__ import annotations

import contextlib
import contextvars
from collections.abc import Iterator

request_id_var: contextvars.ContextVar[str | None] = contextvars.ContextVar("request_id", default=None)


def current_request_id() -> str | None:
    return request_id_var.get()


@contextlib.contextmanager
def request_id_scope(value: str | None) -> Iterator[None]:
    token = request_id_var.set(value)
    try:
        yield
    finally:
        request_id_var.reset(token)
