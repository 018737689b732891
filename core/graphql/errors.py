"""``UserError`` payload entries and the mapping of exceptions to ``extensions.code``."""

import contextlib
import logging
import traceback
from collections.abc import Iterator
from typing import Any, Self

import strawberry
from graphql import ExecutionResult as GraphQLExecutionResult
from graphql.error import GraphQLError, GraphQLSyntaxError
from strawberry.extensions import SchemaExtension
from strawberry.types.execution import ExecutionResult
from tortoise.exceptions import ValidationError as TortoiseValidationError

from core.errors import ApiError, UserErrorCode, UserInputError
from core.graphql.enums import graphql_enum
from core.graphql.limits.introspection import hide_suggestions, introspection_open

log = logging.getLogger("fengqiao.graphql")
# graphql-core's message when a document exceeds the parser's token limit.
TOKEN_LIMIT = "Document contains more than"

UserErrorCodeEnum = graphql_enum(
    UserErrorCode,
    name="UserErrorCode",
    description="Why an input was refused.",
    values={
        "INVALID": "The value is malformed or out of range (e.g. a bad ID number, an end date before the start).",
        "REQUIRED": "A value the mutation needs is missing or blank.",
        "NOT_FOUND": "A referenced object does not exist or belongs to another station (the two read alike).",
        "CONFLICT": "The change clashes with existing data, e.g. a code or username already in use, a duplicate.",
        "INVALID_TRANSITION": "The object's status does not allow this step (e.g. closing an unresolved dispute).",
        "FEATURE_DISABLED": "The plugin or feature is switched off for the caller's station.",
        "FORBIDDEN": "The caller's role or relation to the object does not allow this particular change.",
        "RATE_LIMITED": "Too many anonymous requests from this address; try again in a minute.",
        "LOCKED": "The account is locked after repeated failed logins; try again later.",
    },
)


@strawberry.type(description="A problem with the input of a mutation; nothing was written.")
class UserError:
    field: str | None = strawberry.field(description="The input field at fault (camelCase path), if any.")
    message: str = strawberry.field(
        description=(
            "Human-readable explanation in plain language, fit to show next to the field; never contains another "
            "station's data."
        )
    )
    code: UserErrorCodeEnum = strawberry.field(description="Machine-readable reason, for the client to branch on.")  # type: ignore[valid-type]

    @classmethod
    def from_exception(cls, error: UserInputError) -> list[Self]:
        return [cls(field=p.field, message=p.message, code=p.code) for p in error.problems]


# Payload codes that mean "this argument's value is wrong"; every other code names its situation.
_INPUT_CODES = frozenset({UserErrorCode.INVALID, UserErrorCode.REQUIRED})


def error_code(error: GraphQLError) -> str:
    original = error.original_error
    if isinstance(original, ApiError):
        return original.code
    if isinstance(original, UserInputError):
        # A query (which has no payload) refused its arguments: the situation's own code
        # (NOT_FOUND, FORBIDDEN, FEATURE_DISABLED…), the same as in a mutation payload;
        # a wrong or missing value is a client error.
        if original.code in _INPUT_CODES:
            return "BAD_USER_INPUT"
        return original.code.value
    if isinstance(error, GraphQLSyntaxError):
        return "TOO_MANY_TOKENS" if TOKEN_LIMIT in error.message else "GRAPHQL_PARSE_FAILED"
    if original is None and isinstance((error.extensions or {}).get("code"), str):
        return error.extensions["code"]  # a limit's own code (core.graphql.limits)
    if isinstance(original, TortoiseValidationError):
        # A value the database column cannot hold (e.g. too long for a filter): the caller's.
        return "BAD_USER_INPUT"
    if original is None:
        return "GRAPHQL_VALIDATION_FAILED" if error.nodes or error.locations else "BAD_REQUEST"
    if error.path is None:
        # Raised while coercing variables (e.g. an unknown enum value), before any resolver.
        return "BAD_USER_INPUT"
    return "INTERNAL"


def code_of_unprocessed(message: str) -> str:
    """The code of an error that never reached ``ErrorCodes`` (a document that did not parse)."""
    if TOKEN_LIMIT in message:
        return "TOO_MANY_TOKENS"
    return "GRAPHQL_PARSE_FAILED" if "Syntax Error" in message else "BAD_REQUEST"


class ErrorCodes(SchemaExtension):
    """Give every error an ``extensions.code``; mask unexpected ones as ``INTERNAL``.

    Errors without an original exception (syntax, validation, depth/alias/token limits) keep
    their message: the caller needs it. Unexpected exceptions are logged with their traceback
    and shown only as "Internal server error".
    """

    def on_operation(self) -> Iterator[None]:
        yield
        self._process_result(self.execution_context.result)

    def on_stream_result(self, result: Any) -> None:  # type: ignore[override]
        # Results streamed over a WebSocket leave before the operation ends.
        self._process_result(result)

    def _process_result(self, result: Any) -> None:
        if isinstance(result, GraphQLExecutionResult | ExecutionResult) and result.errors:
            if getattr(result, "_fengqiao_coded", False):
                return
            result.errors = [self._process(error) for error in result.errors]
            with contextlib.suppress(AttributeError):
                result._fengqiao_coded = True

    def _process(self, error: GraphQLError) -> GraphQLError:
        code = error_code(error)
        if code == "INTERNAL":
            log.error("internal error at %s:\n%s", error.path, redacted_traceback(error.original_error))
            return GraphQLError("Internal server error.", nodes=error.nodes, path=error.path, extensions={"code": code})
        if isinstance(error.original_error, TortoiseValidationError):
            error = GraphQLError(
                tortoise_message(error.original_error), nodes=error.nodes, path=error.path, original_error=None
            )
        if not self._introspection_open():
            error.message = hide_suggestions(error.message)
        extensions = {**(error.extensions or {}), "code": code}
        if isinstance(error.original_error, UserInputError) and error.original_error.field:
            extensions["field"] = error.original_error.field
        error.extensions = extensions
        return error

    def _introspection_open(self) -> bool:
        request = self.execution_context.context
        app = getattr(request, "app", None)
        return app is None or introspection_open(app.settings.server.introspection, request)


def tortoise_message(error: Exception) -> str:
    """``"username: Length of '…' 300 > 255"`` becomes a message naming the field only: the
    ORM's text repeats the whole value, which may be huge or personal."""
    field = str(error).partition(":")[0].strip()
    name = field if field.isidentifier() else "a value"
    return f"The value of {name} is too long or not valid for this field."


def redacted_traceback(error: BaseException | None, limit: int = 300) -> str:
    """The traceback with every line cut to ``limit`` characters, so a user's value quoted in an
    exception message is never logged whole."""
    if error is None:
        return ""
    lines = "".join(traceback.format_exception(error)).splitlines()
    return "\n".join(line if len(line) <= limit else line[:limit] + f"… ({len(line)} characters)" for line in lines)
