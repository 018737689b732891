"""Migration operations the core adds to Tortoise's.

Tortoise's ``AlterField`` rebuilds a SQLite table to change a column, and the rebuilt table
keeps none of the old table's indexes. Adding an index to an existing column must therefore not
go through it: :class:`AddForeignKeyIndex` records the same model state as ``AlterField`` (so
``makemigrations --check`` stays quiet) but only runs ``CREATE INDEX``, on every database.
:class:`PostgresSQL` runs SQL that only PostgreSQL needs (e.g. a database sequence).
"""

from __future__ import annotations

from tortoise.indexes import Index
from tortoise.migrations import operations as ops


class AddForeignKeyIndex(ops.AlterField):
    """Index an existing foreign key column (state as ``AlterField``, database: one index)."""

    def describe(self) -> str:
        return f"Index foreign key {self.name} on {self.model_name}"

    async def database_forward(self, app_label, old_state, new_state, state_editor=None) -> None:
        if not state_editor:
            return
        model = new_state.apps.get_model(f"{app_label}.{self.model_name}")
        column = model._meta.fields_map[self.name].source_field
        await state_editor.add_index(model, Index(fields=(column,)))

    async def database_backward(self, app_label, old_state, new_state, state_editor=None) -> None:
        if not state_editor:
            return
        model = old_state.apps.get_model(f"{app_label}.{self.model_name}")
        column = model._meta.fields_map[self.name].source_field
        await state_editor.remove_index(model, Index(fields=(column,)))


class AlterFieldDescription(ops.AlterField):
    """Change only a field's description (its column comment; for an enum, the listed values).

    PostgreSQL updates the comment in place. SQLite keeps no column comments, so nothing runs
    there — an ``AlterField`` would rebuild the table and drop its indexes for no change at all.
    """

    def describe(self) -> str:
        return f"Describe field {self.name} on {self.model_name}"

    async def database_forward(self, app_label, old_state, new_state, state_editor=None) -> None:
        if state_editor is not None and state_editor.DIALECT != "sqlite":
            await super().database_forward(app_label, old_state, new_state, state_editor)

    async def database_backward(self, app_label, old_state, new_state, state_editor=None) -> None:
        if state_editor is not None and state_editor.DIALECT != "sqlite":
            await super().database_backward(app_label, old_state, new_state, state_editor)


class PostgresSQL(ops.RunSQL):
    """Raw SQL run on PostgreSQL only; other databases have nothing to do (no model state)."""

    async def database_forward(self, app_label, old_state, new_state, state_editor=None) -> None:
        if state_editor is not None and state_editor.DIALECT == "postgres":
            await super().database_forward(app_label, old_state, new_state, state_editor)

    async def database_backward(self, app_label, old_state, new_state, state_editor=None) -> None:
        if state_editor is not None and state_editor.DIALECT == "postgres":
            await super().database_backward(app_label, old_state, new_state, state_editor)
