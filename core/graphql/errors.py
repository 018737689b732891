"""``UserError`` payload entries and the mapping of exceptions to ``extensions.code``."""

from __future__ import annotations

import logging
from collections.abc import Iterator

import strawberry
from graphql import ExecutionResult as GraphQLExecutionResult
from graphql.error import GraphQLError
from strawberry.extensions import SchemaExtension
from strawberry.types.execution import ExecutionResult

from core.errors import ApiError, UserErrorCode, UserInputError
from core.graphql.enums import graphql_enum

log = logging.getLogger("fengqiao.graphql")

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
    def from_exception(cls, error: UserInputError) -> list[UserError]:
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
    if original is None:
        return "GRAPHQL_VALIDATION_FAILED" if error.nodes or error.locations else "BAD_REQUEST"
    if error.path is None:
        # Raised while coercing variables (e.g. an unknown enum value), before any resolver.
        return "BAD_USER_INPUT"
    return "INTERNAL"


class ErrorCodes(SchemaExtension):
    """Give every error an ``extensions.code``; mask unexpected ones as ``INTERNAL``.

    Errors without an original exception (syntax, validation, depth/alias/token limits) keep
    their message: the caller needs it. Unexpected exceptions are logged with their traceback
    and shown only as "Internal server error".
    """

    def on_operation(self) -> Iterator[None]:
        yield
        result = self.execution_context.result
        if isinstance(result, GraphQLExecutionResult | ExecutionResult) and result.errors:
            result.errors = [self._process(error) for error in result.errors]

    def _process(self, error: GraphQLError) -> GraphQLError:
        code = error_code(error)
        if code == "INTERNAL":
            log.error("internal error at %s", error.path, exc_info=error.original_error)
            return GraphQLError("Internal server error.", nodes=error.nodes, path=error.path, extensions={"code": code})
        extensions = {**(error.extensions or {}), "code": code}
        if isinstance(error.original_error, UserInputError) and error.original_error.field:
            extensions["field"] = error.original_error.field
        error.extensions = extensions
        return error
