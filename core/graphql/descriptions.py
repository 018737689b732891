"""Find schema elements without a description.

Front ends read the schema, not the Python: every type, field, argument, input field and enum
value must say what it means for a station's work (docs/plugins.md, "Describe everything").
The core's tests check the whole deployment with this; a plugin's own tests check its part.
"""

from __future__ import annotations

from collections.abc import Iterator

import strawberry
from graphql import (
    GraphQLEnumType,
    GraphQLInputObjectType,
    GraphQLInterfaceType,
    GraphQLNamedType,
    GraphQLObjectType,
    GraphQLSchema,
)


def undescribed(schema: strawberry.Schema | GraphQLSchema) -> list[str]:
    """Every element of ``schema`` whose description is missing or blank, named the way the SDL
    names it: ``Type``, ``Type.field``, ``Type.field(argument)``, ``Input.field``, ``Enum.VALUE``,
    ``@directive(argument)``. Introspection types are left out."""
    graphql_schema = schema if isinstance(schema, GraphQLSchema) else schema._schema
    missing: list[str] = []
    for name, named_type in sorted(graphql_schema.type_map.items()):
        if not name.startswith("__"):
            missing.extend(label for label, text in _elements(name, named_type) if not (text or "").strip())
    for directive in graphql_schema.directives:
        if not (directive.description or "").strip():
            missing.append(f"@{directive.name}")
        for arg_name, arg in directive.args.items():
            if not (arg.description or "").strip():
                missing.append(f"@{directive.name}({arg_name})")
    return missing


def _elements(name: str, named_type: GraphQLNamedType) -> Iterator[tuple[str, str | None]]:
    yield name, named_type.description
    if isinstance(named_type, GraphQLObjectType | GraphQLInterfaceType):
        for field_name, field in named_type.fields.items():
            yield f"{name}.{field_name}", field.description
            for arg_name, arg in field.args.items():
                yield f"{name}.{field_name}({arg_name})", arg.description
    elif isinstance(named_type, GraphQLInputObjectType):
        for field_name, field in named_type.fields.items():
            yield f"{name}.{field_name}", field.description
    elif isinstance(named_type, GraphQLEnumType):
        for value_name, value in named_type.values.items():
            yield f"{name}.{value_name}", value.description
