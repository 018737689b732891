"""Parse and validate each distinct document once, keyed by the SHA-256 of its text.

The key is the hash persisted operations are known by, so a registered or automatically
persisted operation is parsed and validated on first use only; ad-hoc documents share the
cache. Validation here includes the depth, alias and token limits, which are fixed per schema,
so a cached verdict (valid, or its errors) stays true for the schema it was made with.
"""

from __future__ import annotations

import weakref
from collections import OrderedDict
from collections.abc import Iterator
from typing import Any

from graphql import GraphQLError, parse
from strawberry.extensions import SchemaExtension

from core.operations.registry import sha256_of

# Documents kept per schema; as many as Strawberry's parser cache kept before (each can be
# up to [limits] max_tokens long, so the bound is also a memory bound).
CACHE_SIZE = 256


class _Entry:
    __slots__ = ("document", "errors")

    def __init__(self, document: Any) -> None:
        self.document = document
        self.errors: list[GraphQLError] | None = None  # None: not validated yet


_caches: weakref.WeakKeyDictionary[Any, OrderedDict[str, _Entry]] = weakref.WeakKeyDictionary()


def cache_for(schema: Any) -> OrderedDict[str, _Entry]:
    cache = _caches.get(schema)
    if cache is None:
        cache = _caches[schema] = OrderedDict()
    return cache


class DocumentCache(SchemaExtension):
    """Replaces parsing and validation with a lookup once a document has been seen."""

    _entry: _Entry | None = None

    def on_parse(self) -> Iterator[None]:
        context = self.execution_context
        if context.graphql_document is None and isinstance(context.query, str):
            cache = cache_for(context.schema)
            key = sha256_of(context.query)
            entry = cache.get(key)
            if entry is None:
                # A syntax error propagates as from Strawberry's ParserCache (GRAPHQL_PARSE_FAILED).
                entry = cache[key] = _Entry(parse(context.query, **context.parse_options))
                while len(cache) > CACHE_SIZE:
                    cache.popitem(last=False)
            else:
                cache.move_to_end(key)
            context.graphql_document = entry.document
            self._entry = entry
        yield

    def on_validate(self) -> Iterator[None]:
        context = self.execution_context
        entry = self._entry
        cached = entry is not None and entry.errors is not None and context.graphql_document is entry.document
        if cached and context.pre_execution_errors is None:
            # Strawberry validates only while pre_execution_errors is None; give it the verdict.
            context.pre_execution_errors = list(entry.errors)
        yield
        if entry is not None and not cached and context.graphql_document is entry.document:
            entry.errors = list(context.pre_execution_errors or [])
