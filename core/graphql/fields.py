"""Root fields: the one place where authentication, permissions, plugin enablement,
transactions, audit context and error payloads are enforced.

Plugins declare their root fields with ``query_field``, ``mutation_field`` or
``subscription_field`` and a permission code (or ``public=True``); the core refuses to build a
schema with a root field declared any other way. A mutation runs in one transaction with the
audit context set; a ``UserInputError`` raised anywhere inside rolls everything back and comes
back as ``errors`` on the payload.
"""

import contextlib
import dataclasses
import inspect
from collections.abc import Callable
from typing import Any

import strawberry
from strawberry.extensions import FieldExtension
from strawberry.schema.config import StrawberryConfig
from strawberry.types.field import StrawberryField
from tortoise.exceptions import ValidationError as TortoiseValidationError

from core.audit.recorder import audit_context
from core.errors import RateLimited, UserErrorCode, UserInputError
from core.graphql.errors import UserError, tortoise_message
from core.graphql.limits.strings import argument_problems

_NAMES = StrawberryConfig().name_converter


@dataclasses.dataclass
class FieldGuard:
    """What a root field requires; ``plugin`` is filled in when the schema is composed."""

    kind: str
    permission: str | None
    public: bool = False
    plugin: str | None = None
    # False: the resolver opens its own transactions (e.g. login, which hashes outside one).
    transactional: bool = True


class RootFieldExtension(FieldExtension):
    def __init__(self, guard: FieldGuard) -> None:
        self.guard = guard

    def apply(self, field: StrawberryField) -> None:
        self.field = field
        self.payload_type = None
        if self.guard.kind == "mutation":
            self.payload_type = field.type

    def resolve(self, next_, source, info: strawberry.Info, **kwargs: Any) -> Any:
        # Synchronous root fields (queries only: mutations are always async).
        if self.guard.kind == "mutation":
            raise TypeError(f"mutation {info.field_name} must be an async resolver")
        # Refusals first: they cost nothing, and a caller learns why it may not call the field.
        info.context.require(self.guard.permission, public=self.guard.public, plugin=self.guard.plugin)
        self._check_rate(info)
        self._check_strings(info, kwargs)
        return next_(source, info, **kwargs)

    def _string_problems(self, info: strawberry.Info, kwargs: dict[str, Any]) -> list[UserInputError]:
        limits = info.context.app.settings.limits
        return argument_problems(self.field, kwargs, mutation=self.guard.kind == "mutation", limits=limits)

    def _check_strings(self, info: strawberry.Info, kwargs: dict[str, Any]) -> None:
        problems = self._string_problems(info, kwargs)
        if problems:
            raise UserInputError.many(problems)

    def _check_rate(self, info: strawberry.Info) -> bool:
        """False when the caller is over its rate limit (``core.ratelimit``; queries raise)."""
        if not getattr(info.context, "rate_limited", False):
            return True
        if self.guard.kind != "mutation":
            raise RateLimited()
        return False

    async def resolve_async(self, next_, source, info: strawberry.Info, **kwargs: Any) -> Any:
        context = info.context
        guard = self.guard
        if guard.kind == "mutation":
            context.require(guard.permission, public=guard.public)
            if not self._check_rate(info):
                message = RateLimited.default_message
                error = UserError(field=None, message=message, code=UserErrorCode.RATE_LIMITED)
                return self.payload_type(errors=[error])
            problems = self._string_problems(info, kwargs)
            if problems and context.actor.plugin_enabled(guard.plugin):
                return self.payload_type(errors=UserError.from_exception(UserInputError.many(problems)))
            return await run_mutation(
                context, guard.plugin, self.payload_type, lambda: next_(source, info, **kwargs), guard.transactional
            )
        context.require(guard.permission, public=guard.public, plugin=guard.plugin)
        self._check_rate(info)
        self._check_strings(info, kwargs)
        result = next_(source, info, **kwargs)
        if inspect.isasyncgen(result):
            return result
        return await result if inspect.isawaitable(result) else result


async def run_mutation(
    context, plugin: str | None, payload_type: Any, call: Callable[[], Any], transactional: bool = True
) -> Any:
    from core.db import transaction

    if not context.actor.plugin_enabled(plugin):
        return payload_type(
            errors=[
                UserError(
                    field=None,
                    message=f"The '{plugin}' plugin is not enabled for your station.",
                    code=UserErrorCode.FEATURE_DISABLED,
                )
            ]
        )
    events = context.app.events
    try:
        async with events.deferred():
            with audit_context(context.actor, context.request_id, context.client_address):
                async with transaction() if transactional else contextlib.nullcontext():
                    result = call()
                    return await result if inspect.isawaitable(result) else result
    except UserInputError as error:
        return payload_type(errors=UserError.from_exception(error))
    except TortoiseValidationError as error:
        # A value a column cannot hold that the service did not check (too long for its field).
        return payload_type(errors=[column_error(error)])


def column_error(error: Exception) -> UserError:
    name = str(error).partition(":")[0].strip()
    field = _NAMES.apply_naming_config(name) if name.isidentifier() else None
    return UserError(field=field, message=tortoise_message(error), code=UserErrorCode.INVALID)


def _describe(description: str | None, guard: FieldGuard) -> str:
    text = (description or "").strip()
    if guard.public:
        note = "Public: no login required."
    else:
        note = f"Requires permission: `{guard.permission}`." if guard.permission else "Requires login."
    return f"{text}\n\n{note}" if text else note


def _root_field(
    kind: str,
    factory,
    permission: str | None,
    public: bool,
    description: str | None,
    transactional: bool = True,
    **options: Any,
):
    if permission is None and not public and kind != "query_login_only":
        raise ValueError("a root field needs a permission code or public=True")
    guard = FieldGuard(
        kind="query" if kind == "query_login_only" else kind,
        permission=permission,
        public=public,
        transactional=transactional,
    )
    field = factory(description=_describe(description, guard), extensions=[RootFieldExtension(guard)], **options)
    return field


def query_field(
    resolver=None,
    *,
    permission: str | None = None,
    public: bool = False,
    description: str | None = None,
    login_only: bool = False,
    **options: Any,
):
    """A root query field guarded by ``permission`` (or open to all with ``public=True``;
    ``login_only=True`` for fields any logged-in user may read)."""
    kind = "query_login_only" if login_only else "query"
    field = _root_field(kind, strawberry.field, permission, public, description, **options)
    return field(resolver) if resolver is not None else field


def mutation_field(
    resolver=None,
    *,
    permission: str | None = None,
    public: bool = False,
    description: str | None = None,
    transactional: bool = True,
    **options: Any,
):
    """A root mutation: guarded, transactional, audited, with errors on the payload.

    Its payload type must have ``errors: list[UserError]`` and defaults for all other fields.
    ``transactional=False`` leaves transactions to the resolver (for work that must not hold
    one, like password hashing); every write inside must still run in one.
    """
    field = _root_field("mutation", strawberry.mutation, permission, public, description, transactional, **options)
    return field(resolver) if resolver is not None else field


def subscription_field(
    resolver=None,
    *,
    permission: str | None = None,
    public: bool = False,
    description: str | None = None,
    **options: Any,
):
    """A root subscription field guarded by ``permission``."""
    field = _root_field("subscription", strawberry.subscription, permission, public, description, **options)
    return field(resolver) if resolver is not None else field


def guard_of(field: StrawberryField) -> FieldGuard | None:
    for extension in field.extensions:
        if isinstance(extension, RootFieldExtension):
            return extension.guard
    return None
