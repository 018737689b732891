"""Put a PostgreSQL test database back to its migrated template's rows, in place.

``CREATE DATABASE … TEMPLATE`` per test costs about half a second of the server's time (it copies
every file of the template); deleting the rows a test wrote costs a few milliseconds. So the
first test of a process on a template copies the database, keeps the template's rows (the
migration records) in a side schema and remembers the schema's shape; each later test on the
same template deletes every row, puts the kept rows and sequence positions back, and falls back
to a full copy when the shape changed (a test that migrated or dropped something) or the reset
failed in any way (a lock held by a stray connection, a role without the right to skip triggers).
"""

from __future__ import annotations

import dataclasses
from typing import Any

SEED_SCHEMA = "fengqiao_test_seed"

# The shape of the public schema: its relations with their kinds and column counts.
_SHAPE = """
SELECT md5(coalesce(string_agg(
    c.relname || ':' || c.relkind::text || ':' || c.relnatts::text, ',' ORDER BY c.relname
), ''))
FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public'
"""


@dataclasses.dataclass(frozen=True)
class Prepared:
    """A working database made from ``template``, with the statement that resets it."""

    template: str
    shape: str
    reset_sql: str


_prepared: dict[str, Prepared] = {}  # working database name → how to reset it


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


async def prepare(connection: Any, database: str, template: str) -> None:
    """Record, on a fresh copy of ``template``, the rows and sequence positions it starts with."""
    tables = [row[0] for row in await connection.fetch("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")]
    await connection.execute(f"DROP SCHEMA IF EXISTS {SEED_SCHEMA} CASCADE; CREATE SCHEMA {SEED_SCHEMA}")
    statements = ["SET LOCAL session_replication_role = replica"]  # no FK triggers: any delete order
    statements += [f"DELETE FROM public.{_quote(table)}" for table in tables]
    for table in tables:
        if await connection.fetchval(f"SELECT EXISTS (SELECT 1 FROM public.{_quote(table)})"):
            await connection.execute(
                f"CREATE TABLE {SEED_SCHEMA}.{_quote(table)} AS SELECT * FROM public.{_quote(table)}"
            )
            statements.append(f"INSERT INTO public.{_quote(table)} SELECT * FROM {SEED_SCHEMA}.{_quote(table)}")
    sequences = await connection.fetch(
        "SELECT sequencename, coalesce(last_value, start_value) AS value, last_value IS NOT NULL AS called "
        "FROM pg_sequences WHERE schemaname = 'public'"
    )
    for sequence in sequences:
        name = "public." + _quote(sequence["sequencename"])
        statements.append(f"SELECT setval('{name}', {int(sequence['value'])}, {str(sequence['called']).lower()})")
    shape = await connection.fetchval(_SHAPE)
    _prepared[database] = Prepared(template, shape, "BEGIN;\n" + ";\n".join(statements) + ";\nCOMMIT;")


async def reset(connection: Any, database: str, template: str) -> bool:
    """Reset ``database`` to ``template``'s rows in place; False when it must be copied instead."""
    prepared = _prepared.get(database)
    if prepared is None or prepared.template != template:
        return False
    try:
        await connection.execute("SET lock_timeout = '2s'")
        if await connection.fetchval(_SHAPE) != prepared.shape:
            return False
        await connection.execute(prepared.reset_sql)
    except Exception:  # any failure: the caller copies the template, which always works
        forget(database)
        return False
    return True


def forget(database: str) -> None:
    """The database was replaced (a copy of something else): the next reset must copy."""
    _prepared.pop(database, None)
