"""The parser cache, letting a document that does not parse fail where errors are handled."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

from graphql import GraphQLError
from strawberry.extensions import ParserCache


class SafeParserCache(ParserCache):
    """Strawberry's ``ParserCache`` raises a syntax error (or the token limit's) from inside its
    hook, where a streamed operation (WebSocket) does not catch it: the client got a bare
    ``complete``. On failure this leaves the document unparsed, so Strawberry parses it again
    inside its own error handling and answers with an ``error`` message."""

    def on_parse(self) -> Iterator[None]:
        context = self.execution_context
        with contextlib.suppress(GraphQLError):
            context.graphql_document = self.cached_parse_document(context.query, **context.parse_options)
        yield
