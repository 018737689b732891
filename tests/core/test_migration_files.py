"""The project's own migrations never use Tortoise's bare ``AlterField``.

On SQLite, ``AlterField`` rebuilds the table to change one column, and the rebuilt table keeps
none of the old table's indexes: a migration that only meant to describe a field or index a
foreign key would silently drop every other index of that table (see
``core/migration_operations.py``). The core's ``AlterFieldDescription`` and
``AddForeignKeyIndex`` record the same model state without the rebuild."""

from __future__ import annotations

import importlib
import pathlib
import types

import pytest
from tortoise.migrations import operations as ops

from core.migration_operations import AddForeignKeyIndex, AlterFieldDescription

ROOT = pathlib.Path(__file__).resolve().parents[2]
ALLOWED = (AddForeignKeyIndex, AlterFieldDescription)
WHY = (
    "uses a bare AlterField, which on SQLite rebuilds the table and drops all of its indexes; "
    "use core.AlterFieldDescription (description or enum values only) or "
    "core.migration_operations.AddForeignKeyIndex (an index on an existing column), or write an "
    "operation that changes the column without the rebuild"
)


def migration_modules() -> list[str]:
    folders = [ROOT / "core" / "migrations", *sorted((ROOT / "plugins").glob("*/migrations"))]
    return [
        ".".join(path.relative_to(ROOT).with_suffix("").parts)
        for folder in folders
        for path in sorted(folder.glob("[0-9]*.py"))
    ]


def bare_alter_fields(module: types.ModuleType) -> list[str]:
    """The operations of ``module.Migration`` that are ``AlterField`` but not one of the core's own."""
    return [
        operation.describe()
        for operation in module.Migration.operations
        if isinstance(operation, ops.AlterField) and not isinstance(operation, ALLOWED)
    ]


def test_every_core_and_plugin_migration_is_found():
    names = migration_modules()
    assert "core.migrations.0001_initial" in names
    assert {name.split(".")[1] for name in names if name.startswith("plugins.")} == {
        "mediation",
        "party_building",
        "patrol",
        "volunteers",
    }


@pytest.mark.parametrize("name", migration_modules())
def test_no_migration_uses_a_bare_alter_field(name):
    found = bare_alter_fields(importlib.import_module(name))
    assert not found, f"{name} {WHY}: {found}"


def test_a_bare_alter_field_is_caught_and_the_cores_own_operations_are_not():
    from tortoise import fields

    def migration(*operations):
        return types.SimpleNamespace(Migration=types.SimpleNamespace(operations=list(operations)))

    field = fields.CharField(max_length=32, description="kind")
    bare = ops.AlterField(model_name="VolunteerActivity", name="kind", field=field)
    described = AlterFieldDescription(model_name="VolunteerActivity", name="kind", field=field)
    assert bare_alter_fields(migration(bare, described)) == [bare.describe()]
