"""Errors the API shows to its users.

Two families:

* ``UserInputError`` — bad input or a refused business rule. Services raise it; the core's
  mutation wrapper turns it into ``errors: [UserError!]!`` on the payload and rolls the
  transaction back, so nothing is half written.
* ``ApiError`` subclasses — reported as top-level GraphQL errors with ``extensions.code``
  (``UNAUTHENTICATED``, ``FORBIDDEN``, ``NOT_FOUND``…). They pass the error mask unchanged;
  every other exception is masked as ``INTERNAL``.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable


class UserErrorCode(enum.Enum):
    """Machine-readable reason of a ``UserError``."""

    INVALID = "INVALID"
    REQUIRED = "REQUIRED"
    NOT_FOUND = "NOT_FOUND"
    CONFLICT = "CONFLICT"
    INVALID_TRANSITION = "INVALID_TRANSITION"
    FEATURE_DISABLED = "FEATURE_DISABLED"
    FORBIDDEN = "FORBIDDEN"
    RATE_LIMITED = "RATE_LIMITED"
    LOCKED = "LOCKED"


class UserInputError(Exception):
    """One or more problems with the caller's input; nothing was written.

    ``field`` is the camelCase path of the offending input field (``"parties.0.idNumber"``),
    or ``None`` when the problem concerns the input as a whole.
    """

    def __init__(
        self,
        message: str,
        *,
        field: str | None = None,
        code: UserErrorCode = UserErrorCode.INVALID,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.field = field
        self.code = code
        self.problems: list[UserInputError] = [self]

    @classmethod
    def many(cls, problems: Iterable[UserInputError]) -> UserInputError:
        """Bundle several problems so the caller sees all of them at once."""
        problems = list(problems)
        if not problems:
            raise ValueError("UserInputError.many needs at least one problem")
        error = cls(problems[0].message, field=problems[0].field, code=problems[0].code)
        error.problems = problems
        return error

    def __repr__(self) -> str:
        return f"UserInputError({self.message!r}, field={self.field!r}, code={self.code.value})"


class ApiError(Exception):
    """An error reported at the top level of a GraphQL response with ``extensions.code``."""

    code = "BAD_REQUEST"

    def __init__(self, message: str | None = None) -> None:
        super().__init__(message or self.default_message)
        self.message = message or self.default_message

    default_message = "The request could not be processed."

    @property
    def extensions(self) -> dict[str, str]:
        # graphql-core copies an original error's ``extensions`` onto the GraphQL error, so the
        # code reaches clients on every transport (HTTP and WebSocket alike).
        return {"code": self.code}


class Unauthenticated(ApiError):
    code = "UNAUTHENTICATED"
    default_message = "Authentication required: log in and send 'Authorization: Bearer <token>'."


class Forbidden(ApiError):
    code = "FORBIDDEN"
    default_message = "You do not have permission to perform this action."


class NotFound(ApiError):
    code = "NOT_FOUND"
    default_message = "No such object."


class FeatureDisabled(ApiError):
    code = "FEATURE_DISABLED"
    default_message = "This feature is not enabled for your station."


class BadRequest(ApiError):
    code = "BAD_REQUEST"


class RateLimited(ApiError):
    code = "RATE_LIMITED"
    default_message = "Too many requests; wait a minute and try again."


class ConfigError(Exception):
    """Configuration or plugin set-up that prevents start-up; its message is one clear line."""
