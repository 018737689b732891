"""Witnesses: places outside the database that keep copies of signed checkpoints.

* ``file:///DIRECTORY`` — one JSON line per checkpoint appended to ``checkpoints.jsonl``
  (put the directory on another machine, a WORM mount, or sync it off-site);
* ``sqlite:///PATH`` or ``postgres://…`` — a second database (table
  ``fengqiao_audit_witness``), e.g. one the audit office runs, with its own credentials.

Someone who can write the main database cannot change what a witness already holds, so the
latest copy shows how long every chain was and what its head hash was at that moment. Tables
made before chains existed get the ``heads`` column added when first used.
"""

from __future__ import annotations

import asyncio
import json
import os
import sqlite3
from pathlib import Path
from urllib.parse import urlsplit

from core.audit.checkpoints import SignedCheckpoint
from core.config import Settings

_TABLE = "fengqiao_audit_witness"
_CREATE = (
    f"CREATE TABLE IF NOT EXISTS {_TABLE} (id {{serial}} PRIMARY KEY, sequence BIGINT NOT NULL, "
    "hash VARCHAR(64) NOT NULL, created_at VARCHAR(40) NOT NULL, public_key VARCHAR(64) NOT NULL, "
    "signature VARCHAR(128) NOT NULL, heads TEXT)"
)
_COLUMNS = "sequence, hash, created_at, public_key, signature, heads"


def _heads_text(checkpoint: SignedCheckpoint) -> str | None:
    return None if checkpoint.heads is None else json.dumps(checkpoint.heads, sort_keys=True)


def _from_row(row) -> SignedCheckpoint:
    sequence, hash_, created_at, public_key, signature, heads = row
    return SignedCheckpoint(sequence, hash_, created_at, public_key, signature, json.loads(heads) if heads else None)


class Witness:
    async def append(self, checkpoint: SignedCheckpoint) -> None:
        raise NotImplementedError

    async def latest(self) -> SignedCheckpoint | None:
        raise NotImplementedError

    def describe(self) -> str:
        raise NotImplementedError


class DirectoryWitness(Witness):
    def __init__(self, directory: str) -> None:
        self.directory = Path(directory)

    @property
    def path(self) -> Path:
        return self.directory / "checkpoints.jsonl"

    def _append(self, line: str) -> None:
        self.directory.mkdir(parents=True, exist_ok=True)
        with self.path.open("a", encoding="utf-8") as handle:
            handle.write(line + "\n")
            handle.flush()
            os.fsync(handle.fileno())

    async def append(self, checkpoint: SignedCheckpoint) -> None:
        await asyncio.to_thread(self._append, json.dumps(checkpoint.to_json(), sort_keys=True))

    def _last(self) -> SignedCheckpoint | None:
        if not self.path.is_file():
            return None
        lines = [line for line in self.path.read_text(encoding="utf-8").splitlines() if line.strip()]
        return SignedCheckpoint.from_json(json.loads(lines[-1])) if lines else None

    async def latest(self) -> SignedCheckpoint | None:
        return await asyncio.to_thread(self._last)

    def describe(self) -> str:
        return f"file://{self.directory}"


class SqliteWitness(Witness):
    def __init__(self, path: str) -> None:
        self.file = path

    def _run(self, statement: str, values: tuple = ()) -> list[tuple]:
        Path(self.file).parent.mkdir(parents=True, exist_ok=True)
        connection = sqlite3.connect(self.file)
        try:
            connection.execute(_CREATE.format(serial="INTEGER"))
            if "heads" not in {column[1] for column in connection.execute(f"PRAGMA table_info({_TABLE})")}:
                connection.execute(f"ALTER TABLE {_TABLE} ADD COLUMN heads TEXT")
            rows = connection.execute(statement, values).fetchall()
            connection.commit()
            return rows
        finally:
            connection.close()

    async def append(self, checkpoint: SignedCheckpoint) -> None:
        c = checkpoint
        statement = f"INSERT INTO {_TABLE} ({_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?)"
        values = (c.sequence, c.hash, c.created_at, c.public_key, c.signature, _heads_text(c))
        await asyncio.to_thread(self._run, statement, values)

    async def latest(self) -> SignedCheckpoint | None:
        statement = f"SELECT {_COLUMNS} FROM {_TABLE} ORDER BY id DESC LIMIT 1"
        rows = await asyncio.to_thread(self._run, statement)
        return _from_row(rows[0]) if rows else None

    def describe(self) -> str:
        return f"sqlite://{self.file}"


class PostgresWitness(Witness):
    def __init__(self, url: str) -> None:
        self.url = url.replace("postgres://", "postgresql://", 1)

    async def _connect(self):
        import asyncpg

        connection = await asyncpg.connect(self.url)
        await connection.execute(_CREATE.format(serial="BIGSERIAL"))
        await connection.execute(f"ALTER TABLE {_TABLE} ADD COLUMN IF NOT EXISTS heads TEXT")
        return connection

    async def append(self, checkpoint: SignedCheckpoint) -> None:
        c = checkpoint
        connection = await self._connect()
        try:
            await connection.execute(
                f"INSERT INTO {_TABLE} ({_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6)",
                c.sequence,
                c.hash,
                c.created_at,
                c.public_key,
                c.signature,
                _heads_text(c),
            )
        finally:
            await connection.close()

    async def latest(self) -> SignedCheckpoint | None:
        connection = await self._connect()
        try:
            row = await connection.fetchrow(f"SELECT {_COLUMNS} FROM {_TABLE} ORDER BY id DESC LIMIT 1")
        finally:
            await connection.close()
        return _from_row(tuple(row)) if row else None

    def describe(self) -> str:
        parts = urlsplit(self.url)
        return f"postgres://{parts.hostname}:{parts.port or 5432}{parts.path}"  # no credentials


def witness_for(url: str) -> Witness:
    if url.startswith("file://"):
        return DirectoryWitness(url[len("file://") :])
    if url.startswith("sqlite://"):
        return SqliteWitness(url[len("sqlite://") :])
    return PostgresWitness(url)


def witness_from_settings(settings: Settings) -> Witness | None:
    return witness_for(settings.audit.witness) if settings.audit.witness else None
