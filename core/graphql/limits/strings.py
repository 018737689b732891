"""One rule for every string a client sends as an argument, on every database.

* At most ``[limits] max_input_length`` characters in a mutation's input and
  ``max_filter_length`` in a query's or subscription's arguments (filters): a huge filter
  value must not reach SQLite's LIKE (``pattern too complex``) or the ORM's validators (which
  quote the whole value in their message). An input field declared with ``core.long_text``
  may be longer.
* No control characters other than tab, line feed and carriage return, and no lone
  surrogates: SQLite would store a NUL (and ``LIKE '%\\x00%'`` matches every row) while
  PostgreSQL refuses it; a lone surrogate cannot be encoded at all.

Problems are reported with the camelCase path of the argument (``parties.0.name``): on a
mutation's payload as ``UserError`` entries, elsewhere as ``BAD_USER_INPUT``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import Any

import strawberry
from strawberry.schema.config import StrawberryConfig

from core.errors import UserErrorCode, UserInputError

FORBIDDEN_CHARACTERS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]")
MAX_LENGTH = "fengqiao.max_length"  # strawberry field metadata key set by ``long_text``
_NAMES = StrawberryConfig().name_converter


def long_text(*, max_length: int, **options: Any) -> Any:
    """An input field whose strings may be longer than ``[limits] max_input_length`` (a CSV
    file, a base64 attachment): ``csv: str | None = long_text(max_length=2_000_000, default=None)``.
    The body limit (``[limits] max_body_bytes`` / ``body_limits``) still applies."""
    metadata = {**options.pop("metadata", {}), MAX_LENGTH: max_length}
    return strawberry.field(metadata=metadata, **options)


def string_problems(value: Any, path: str, max_length: int) -> Iterator[UserInputError]:
    """Every string in ``value`` (a converted input object, list, dict or scalar) that breaks
    the rules; ``path`` names ``value`` (camelCase, dot-separated)."""
    stack: list[tuple[Any, str, int]] = [(value, path, max_length)]
    while stack:
        item, where, limit = stack.pop()
        if isinstance(item, str):
            problem = _problem(item, where, limit)
            if problem is not None:
                yield problem
        elif isinstance(item, list | tuple):
            stack.extend((child, _join(where, str(i)), limit) for i, child in enumerate(item))
        elif isinstance(item, Mapping):
            stack.extend((child, _join(where, str(key)), limit) for key, child in item.items())
        else:
            definition = getattr(type(item), "__strawberry_definition__", None)
            if definition is None or not getattr(definition, "is_input", False):
                continue
            for field in definition.fields:
                child = getattr(item, field.python_name, None)
                if child is None:
                    continue
                declared = (field.metadata or {}).get(MAX_LENGTH)
                stack.append((child, _join(where, _NAMES.get_graphql_name(field)), declared or limit))


def argument_problems(field: Any, kwargs: Mapping[str, Any], *, mutation: bool, limits: Any) -> list[UserInputError]:
    """Problems in the arguments of a strawberry field's resolver call. A mutation's paths are
    relative to its ``input`` (the payload convention)."""
    limit = limits.max_input_length if mutation else limits.max_filter_length
    names = {argument.python_name: _NAMES.from_argument(argument) for argument in field.arguments}
    problems: list[UserInputError] = []
    for python_name, value in kwargs.items():
        name = names.get(python_name, python_name)
        path = "" if mutation and name == "input" else name
        problems.extend(string_problems(value, path, limit))
    return problems


def _problem(text: str, where: str, limit: int) -> UserInputError | None:
    field = where or None
    label = where or "the input"
    if len(text) > limit:
        return UserInputError(
            f"{label} is too long: at most {limit} characters (got {len(text)}).",
            field=field,
            code=UserErrorCode.INVALID,
        )
    found = FORBIDDEN_CHARACTERS.search(text)
    if found is not None:
        return UserInputError(
            f"{label} contains a control character (U+{ord(found.group()):04X}) at position {found.start() + 1}; "
            "only tab and line breaks are allowed.",
            field=field,
            code=UserErrorCode.INVALID,
        )
    return None


def _join(path: str, name: str) -> str:
    return f"{path}.{name}" if path else name


def guard_nested_arguments(schema: Any, limits: Any) -> None:
    """Check the arguments of every non-root field (e.g. ``serviceHours(period:)``) with the
    filter rule; root fields are checked by the core's root-field guard."""
    from graphql import GraphQLObjectType, default_field_resolver

    graphql_schema = schema._schema
    roots = {graphql_schema.query_type, graphql_schema.mutation_type, graphql_schema.subscription_type}
    for graphql_type in graphql_schema.type_map.values():
        if not isinstance(graphql_type, GraphQLObjectType) or graphql_type in roots or graphql_type.name[:2] == "__":
            continue
        for field in graphql_type.fields.values():
            if field.args:
                field.resolve = _checked(field.resolve or default_field_resolver, limits.max_filter_length)


def _checked(resolve: Any, limit: int) -> Any:
    def resolver(source: Any, info: Any, **kwargs: Any) -> Any:
        problems = list(string_problems(kwargs, "", limit))
        if problems:
            raise UserInputError.many(problems)
        return resolve(source, info, **kwargs)

    return resolver
