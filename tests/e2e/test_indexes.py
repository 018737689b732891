"""Every foreign key column leads an index, on SQLite and PostgreSQL alike.

PostgreSQL does not index the referencing side of a foreign key by itself; without an index,
loading children by their parent scans the child table and deleting a parent (an address with
100k residents) checks every child row one by one. The core indexes every foreign key of every
plugin (``core.db.index_foreign_keys``); this test reads the real database's catalogue.
"""

import importlib

from tortoise import connections
from tortoise.fields.relational import ForeignKeyFieldInstance
from tortoise.models import Model

from core.db import dialect


def foreign_key_columns(app) -> set[tuple[str, str]]:
    columns = set()
    for declaration in app.db_config["apps"].values():
        for module in map(importlib.import_module, declaration["models"]):
            models = [m for m in vars(module).values() if isinstance(m, type) and issubclass(m, Model)]
            for model in (m for m in models if not m._meta.abstract):
                for field in model._meta.fields_map.values():
                    if isinstance(field, ForeignKeyFieldInstance):
                        columns.add((model._meta.db_table, field.source_field))
    return columns


async def leading_index_columns() -> set[tuple[str, str]]:
    connection = connections.get("default")
    if dialect() == "postgres":
        _, rows = await connection.execute_query(
            "SELECT i.indrelid::regclass::text AS tbl, a.attname AS col FROM pg_index i "
            "JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = i.indkey[0]"
        )
        return {(row["tbl"].strip('"'), row["col"]) for row in rows}
    _, tables = await connection.execute_query("SELECT name FROM sqlite_master WHERE type = 'table'")
    found = set()
    for table in (row["name"] for row in tables):
        _, indexes = await connection.execute_query(f"PRAGMA index_list('{table}')")
        for index in indexes:
            _, columns = await connection.execute_query(f"PRAGMA index_info('{index['name']}')")
            first = min(columns, key=lambda column: column["seqno"])
            found.add((table, first["name"]))
    return found


async def test_every_foreign_key_column_leads_an_index(app):
    missing = foreign_key_columns(app) - await leading_index_columns()
    assert not missing, "foreign keys without an index: " + ", ".join(f"{t}.{c}" for t, c in sorted(missing))


async def test_the_check_sees_foreign_keys_of_every_plugin(app):
    tables = {table for table, _ in foreign_key_columns(app)}
    for plugin in ("core_", "mediation_", "patrol_", "party_building_", "volunteers_"):
        assert any(table.startswith(plugin) for table in tables), plugin
