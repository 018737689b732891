"""Every list pages with the same four Relay arguments, described once by the core.

Lists are declared with ``@connection``, which adds ``first/after/last/before``; a list that
typed them by hand (another description, a missing ``last``) fails here.
"""

from __future__ import annotations

import typing

from core.graphql.relay import PageAfter, PageBefore, PageFirst, PageLast
from tests.e2e.test_list_order_indexes import connection_fields

PAGING = {"first": PageFirst, "after": PageAfter, "last": PageLast, "before": PageBefore}


def described(annotation) -> str:
    return next(meta for meta in typing.get_args(annotation)[1:]).description


async def test_every_connection_field_has_the_cores_four_paging_arguments(app):
    schema = app.schema._schema
    wrong = []
    for owner, name in connection_fields(app.schema):
        arguments = schema.type_map[owner].fields[name].args
        for argument, annotation in PAGING.items():
            if argument not in arguments or arguments[argument].description != described(annotation):
                wrong.append(f"{owner}.{name}({argument})")
    assert len(connection_fields(app.schema)) > 30
    assert not wrong, "connection fields whose paging arguments are not the core's: " + ", ".join(wrong)


async def test_the_paging_arguments_follow_the_lists_own_arguments(app):
    schema = app.schema._schema
    for owner, name in connection_fields(app.schema):
        names = list(schema.type_map[owner].fields[name].args)
        start = names.index("first")
        assert names[start : start + 4] == ["first", "after", "last", "before"], f"{owner}.{name}: {names}"
        assert set(names[start + 4 :]) <= {"spatial"}, f"{owner}.{name}: {names}"
