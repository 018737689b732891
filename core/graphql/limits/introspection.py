"""Who may introspect the schema (``[server] introspection``), and hiding "Did you mean …"
suggestions from callers who may not: a suggestion is introspection by trial and error."""

from __future__ import annotations

import re
from typing import Any

from graphql import GraphQLError

MODES = ("authenticated", "always", "never")
_SUGGESTION = re.compile(r"\s*Did you mean [^?]*\?")


def introspection_open(mode: str, request: Any) -> bool:
    """True when the caller of this request may introspect."""
    if mode == "always":
        return True
    if mode == "never":
        return False
    actor = getattr(request, "actor", None)
    return bool(actor is not None and actor.is_authenticated)


def introspection_refusal(mode: str, request: Any, uses_introspection: bool) -> GraphQLError | None:
    if not uses_introspection or introspection_open(mode, request):
        return None
    if mode == "never":
        return GraphQLError(
            "Introspection is turned off on this server; use the published schema (schema/schema.graphql).",
            extensions={"code": "INTROSPECTION_DISABLED"},
        )
    return GraphQLError(
        "Introspection requires login: send 'Authorization: Bearer <token>'.",
        extensions={"code": "UNAUTHENTICATED"},
    )


def hide_suggestions(message: str) -> str:
    """``Cannot query field 'mee' on type 'Query'. Did you mean 'me'?`` without the hint."""
    return _SUGGESTION.sub("", message)
