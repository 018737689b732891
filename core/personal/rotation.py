"""``fengqiao keys rotate``: move a database from one secret key to another, resumably.

Run it with every server stopped and the *current* key configured; the new key comes from a
file or standard input. In order, each step in batches, each batch one transaction that also
saves the progress (so an interrupted run continues where it stopped when run again):

1. the audit chains are verified under the old key, then re-keyed: every event's HMAC is
   recomputed under the new key, linking to the re-keyed previous event of its chain;
2. every encrypted column is decrypted with the old key and encrypted with the new one; each
   keyed-hash column ``<name>_hash`` beside an encrypted ``<name>`` is recomputed (the kind is
   the one whose old hash matches, so nothing is guessed); each batch is an audit event with
   the rows' new digests;
3. the MAC of every personal-data access record is recomputed (sealed digests do not cover
   MACs, so they stay valid);
4. stored checkpoints are verified under the old key and signed again with the new one; the
   database records the new fingerprint and public key, and a fresh checkpoint goes to the
   witness.

Hashes of values that are never stored (tip tracking codes, survey tokens) cannot be
recomputed: the report counts them; those codes stop working under the new key.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any, TextIO

from tortoise import Tortoise, fields
from tortoise.models import Model

from core.audit.access import remac_access_log
from core.audit.chain import GENESIS_HASH, chained_values, event_hash, set_chain_keys
from core.audit.models import AuditCheckpoint, AuditEvent
from core.audit.verify import LEGACY, label
from core.db import placeholder
from core.errors import ConfigError
from core.personal.crypto import Keyring, set_keyring
from core.personal.fields import EncryptedTextField
from core.personal.keys import SecretKeys, check_database_key, encrypted_models
from core.personal.models import MASTER, KeyRecord

KNOWN_KINDS = ("id_number", "phone")


@dataclasses.dataclass
class RotationReport:
    events: int = 0
    rows: int = 0
    hashes: int = 0
    unmatched_hashes: int = 0
    unrecoverable: dict[str, int] = dataclasses.field(default_factory=dict)

    def __str__(self) -> str:
        lines = [
            f"key rotation finished: {self.events} audit events re-keyed, {self.rows} rows re-encrypted, "
            f"{self.hashes} lookup hashes re-keyed"
        ]
        if self.unmatched_hashes:
            lines.append(f"warning: {self.unmatched_hashes} lookup hashes did not match their value and were left")
        for column, count in sorted(self.unrecoverable.items()):
            lines.append(
                f"note: {count} values in {column} are hashes of codes that are never stored; they cannot be "
                "re-keyed, and those codes stop working"
            )
        return "\n".join(lines)


def _decrypt(token: str, keyrings: tuple[Keyring, ...]) -> tuple[str, int]:
    for position, keyring in enumerate(keyrings):
        try:
            return keyring.decrypt(token), position
        except ValueError:
            continue
    raise ValueError("undecryptable")


async def rotate(app, new_secret: str, *, batch_size: int = 500, out: TextIO | None = None) -> RotationReport:
    old, new = app.keys, SecretKeys.from_secret(new_secret)
    if new.fingerprint == old.fingerprint:
        raise ConfigError("the new key is the key already in use")
    record = await KeyRecord.get_or_none(name=MASTER)
    if record is None:
        await check_database_key(old)
        record = await KeyRecord.get(name=MASTER)
    if record.fingerprint != old.fingerprint:
        raise ConfigError("secret_key: the configured key is not the database's key; configure the current key")
    if record.rotation is None:
        from core.audit.verify import verify_chain

        result = await verify_chain(key=old.chain_key)
        if not result.ok:
            raise ConfigError(
                f"the audit chain is broken at sequence {result.first_broken_sequence} ({result.reason}); "
                "re-keying it would hide that: investigate first"
            )
        from core.audit.checks import row_problems

        _, problems = await row_problems(old.chain_key)
        if problems:
            raise ConfigError(
                f"{len(problems)} audited rows differ from their audited state (first: {problems[0]}); re-keying "
                "their digests would hide that: investigate first ('fengqiao audit verify')"
            )
        record.rotation = {"to": new.fingerprint, "chain": 0, "tables": {}}
        await record.save(update_fields=["rotation"])
    elif record.rotation.get("to") != new.fingerprint:
        raise ConfigError("an unfinished rotation is to another key; run 'fengqiao keys rotate' with that key")
    report = RotationReport()
    say = (lambda text: print(text, file=out)) if out is not None else (lambda text: None)
    report.events = await _rechain(record, old, new, batch_size, say)
    set_keyring(new.keyring)
    set_chain_keys(new)
    for model, names in list(encrypted_models()):
        await _rotate_table(record, model, names, old, new, batch_size, report, say)
    await _count_unrecoverable(report)
    await _redigest(batch_size, say)
    remaced = await remac_access_log(old.chain_key, new.chain_key, batch_size)
    say(f"personal-data access log: {remaced} records re-keyed")
    await _finish(record, old, new)
    app.keys, app.keyring, app.token_secret = new, new.keyring, new.token_secret
    return report


async def _rechain(record: KeyRecord, old: SecretKeys, new: SecretKeys, batch_size: int, say) -> int:
    """Re-key every event in sequence order, each linking to the re-keyed previous event of its
    chain. Progress: the last sequence done and each chain's last old hash (``chain_links``)."""
    from core.db import transaction

    if record.rotation.get("chain_done"):
        return 0  # finished by an earlier run; later events are already under the new key
    done = int(record.rotation.get("chain", 0))
    links = await _resumed_links(record.rotation, done)
    count = 0
    while True:
        async with transaction():
            batch = await AuditEvent.filter(sequence__gt=done).order_by("sequence").limit(batch_size)
            for event in batch:
                values = chained_values(event)
                chain = label(event.chain)
                previous_old, previous_new = links.get(chain, (GENESIS_HASH, GENESIS_HASH))
                if event.prev_hash != previous_old or event_hash(values, old.chain_key) != event.hash:
                    raise ConfigError(f"audit event {event.sequence} does not verify under the old key; stopping")
                values["prev_hash"] = previous_new
                rekeyed = event_hash(values, new.chain_key)
                await AuditEvent.filter(id=event.id).update(prev_hash=previous_new, hash=rekeyed)
                links[chain] = (event.hash, rekeyed)
                done = event.sequence
            record.rotation = {
                **record.rotation,
                "chain": done,
                "chain_links": {name: old_hash for name, (old_hash, _) in links.items()},
            }
            await record.save(update_fields=["rotation"])
        count += len(batch)
        if batch:
            say(f"audit chain: re-keyed up to sequence {done}")
        if len(batch) < batch_size:
            record.rotation = {**record.rotation, "chain_done": True}
            await record.save(update_fields=["rotation"])
            return count


async def _resumed_links(rotation: dict[str, Any], done: int) -> dict[str, tuple[str, str]]:
    """``{chain label: (old hash, new hash)}`` of each chain's last event re-keyed by an earlier,
    interrupted run (its new hash is the one now stored)."""
    if not done:
        return {}
    old_hashes: dict[str, str] = rotation.get("chain_links") or {LEGACY: rotation["chain_old_hash"]}
    links = {}
    for name, old_hash in old_hashes.items():
        events = AuditEvent.filter(chain__isnull=True) if name == LEGACY else AuditEvent.filter(chain=int(name))
        last = await events.filter(sequence__lte=done).order_by("-sequence").only("hash").first()
        if last is not None:
            links[name] = (old_hash, last.hash)
    return links


def _hash_columns(model: type[Model], names: list[str]) -> dict[str, str]:
    """``{hash field: encrypted source field}`` for ``<name>_hash`` siblings."""
    found = {}
    for name in names:
        sibling = model._meta.fields_map.get(f"{name}_hash")
        if isinstance(sibling, fields.CharField):
            found[f"{name}_hash"] = name
    return found


async def _rotate_table(record, model, names, old: SecretKeys, new: SecretKeys, batch_size, report, say) -> None:
    from core.db import transaction

    meta = model._meta
    table, pk = meta.db_table, meta.pk.source_field or meta.pk_attr
    hashes = _hash_columns(model, names)
    column = {name: meta.fields_map[name].source_field or name for name in [*names, *hashes]}
    selected = ", ".join(f'"{column[name]}"' for name in [*names, *hashes])
    cursor = record.rotation["tables"].get(table)
    while True:
        where = f'WHERE "{pk}" > {placeholder(1)}' if cursor is not None else ""
        query = f'SELECT "{pk}" AS pk, {selected} FROM "{table}" {where} ORDER BY "{pk}" LIMIT {int(batch_size)}'
        async with transaction() as connection:
            rows = await connection.execute_query_dict(query, [cursor] if cursor is not None else None)
            for row in rows:
                changes = _rotated_row(row, names, hashes, column, old, new, report)
                if changes:
                    assignments = ", ".join(f'"{name}" = {placeholder(i + 1)}' for i, name in enumerate(changes))
                    statement = f'UPDATE "{table}" SET {assignments} WHERE "{pk}" = {placeholder(len(changes) + 1)}'
                    await connection.execute_query(statement, [*changes.values(), row["pk"]])
            if rows:
                cursor = rows[-1]["pk"]
                record.rotation["tables"][table] = cursor
                await record.save(update_fields=["rotation"])
        report.rows += len(rows)
        if rows:
            say(f"{table}: re-encrypted up to id {cursor}")
        if len(rows) < batch_size:
            return


def _rotated_row(row, names, hashes, column, old: SecretKeys, new: SecretKeys, report) -> dict[str, Any]:
    changes: dict[str, Any] = {}
    plain: dict[str, str] = {}
    for name in names:
        token = row[column[name]]
        if token is None:
            continue
        try:
            value, position = _decrypt(token, (old.keyring, new.keyring))
        except ValueError:
            raise ConfigError(f"a value of {name} decrypts with neither key; stopping") from None
        plain[name] = value
        if position == 0:
            changes[column[name]] = new.keyring.encrypt(value)
    for hash_name, source in hashes.items():
        stored, value = row[column[hash_name]], plain.get(source)
        if stored is None or value is None:
            continue
        for kind in (*KNOWN_KINDS, source):
            if old.keyring.keyed_hash(kind, value) == stored:
                changes[column[hash_name]] = new.keyring.keyed_hash(kind, value)
                report.hashes += 1
                break
            if new.keyring.keyed_hash(kind, value) == stored:
                break  # already re-keyed by an earlier, interrupted run
        else:
            report.unmatched_hashes += 1
    return changes


async def _redigest(batch_size: int, say) -> None:
    """Record the digests of every audited row under the new key (one event per batch), so
    that the rows check keeps working; the rows were verified under the old key first."""
    from core import audit
    from core.audit.checks import latest_row_entries
    from core.audit.rows import current_values, digest_values, model_for_table
    from core.db import transaction
    from core.identity.actor import SYSTEM

    for table, items in sorted((await latest_row_entries()).items()):
        model = model_for_table(table)
        if model is None:
            continue
        ids = [entry["id"] for _, entry in items if not entry.get("deleted")]
        for start in range(0, len(ids), batch_size):
            chunk = ids[start : start + batch_size]
            async with transaction():
                current = await current_values(model, [model._meta.pk.to_python_value(i) for i in chunk])
                entries = [{"table": table, "id": i, "fields": digest_values(v)} for i, v in current.items()]
                with audit.audit_context(SYSTEM):
                    await audit.record(
                        "core.keys.redigest", object_type=model.__name__, after={"rows": len(entries)}, rows=entries
                    )
        say(f"{table}: {len(ids)} audited rows digested under the new key")


async def _count_unrecoverable(report: RotationReport) -> None:
    for app in Tortoise.apps.values():
        for model in app.values():
            encrypted = {n for n, f in model._meta.fields_map.items() if isinstance(f, EncryptedTextField)}
            for name, field in model._meta.fields_map.items():
                if (
                    name.endswith("_hash")
                    and isinstance(field, fields.CharField)
                    and field.max_length == 64
                    and name[: -len("_hash")] not in encrypted
                ):
                    count = await model.filter(**{f"{name}__isnull": False}).count()
                    if count:
                        report.unrecoverable[f"{model._meta.db_table}.{name}"] = count


async def _rekeyed_hash(sequence: int) -> str:
    event = await AuditEvent.get_or_none(sequence=sequence).only("hash")
    return event.hash if event else GENESIS_HASH


async def _rekeyed_heads(row: AuditCheckpoint) -> dict[str, Any] | None:
    if row.heads is None:
        return None
    return {name: [int(item[0]), await _rekeyed_hash(int(item[0]))] for name, item in row.heads.items()}


async def _finish(record: KeyRecord, old: SecretKeys, new: SecretKeys) -> None:
    from core import audit
    from core.audit.checkpoints import export_checkpoint, from_row, sign
    from core.db import transaction
    from core.identity.actor import SYSTEM

    async with transaction():
        async for row in AuditCheckpoint.all():
            checkpoint = from_row(row)
            if not checkpoint.signature_ok(old.public_key):
                raise ConfigError(f"the checkpoint at sequence {row.sequence} does not verify under the old key")
            fresh = sign(row.sequence, await _rekeyed_hash(row.sequence), row.created_at, await _rekeyed_heads(row))
            await AuditCheckpoint.filter(id=row.id).update(
                hash=fresh.hash, heads=fresh.heads, public_key=fresh.public_key, signature=fresh.signature
            )
        with audit.audit_context(SYSTEM):
            await audit.record(
                "core.keys.rotate",
                object_type="KeyRecord",
                object_id=record.id,
                before={"fingerprint": old.fingerprint, "public_key": old.public_key},
                after={"fingerprint": new.fingerprint, "public_key": new.public_key},
            )
        record.fingerprint, record.public_key = new.fingerprint, new.public_key
        record.rotation, record.rotated_at = None, dt.datetime.now(dt.UTC)
        await record.save(update_fields=["fingerprint", "public_key", "rotation", "rotated_at"])
    await export_checkpoint()
