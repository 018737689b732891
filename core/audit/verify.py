"""Verification of the audit chain, and checkpoints kept outside the database."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

from core.audit.chain import CHAINED_FIELDS, GENESIS_HASH, event_hash
from core.audit.models import AuditEvent
from core.errors import ConfigError

BATCH = 1000


@dataclasses.dataclass(frozen=True)
class Checkpoint:
    """The head of the chain at one moment: its sequence number and hash (signed when written
    by ``fengqiao audit checkpoint``)."""

    sequence: int
    hash: str
    signature: str | None = None
    public_key: str | None = None
    created_at: str | None = None

    def save(self, path: str | Path) -> None:
        data = {k: v for k, v in dataclasses.asdict(self).items() if v is not None}
        Path(path).write_text(json.dumps(data, sort_keys=True) + "\n")

    @classmethod
    def load(cls, path: str | Path) -> Checkpoint:
        try:
            data = json.loads(Path(path).read_text())
            return cls(
                int(data["sequence"]),
                str(data["hash"]),
                data.get("signature"),
                data.get("public_key"),
                data.get("created_at"),
            )
        except (OSError, ValueError, KeyError, TypeError) as error:
            raise ConfigError(f"cannot read audit checkpoint {path}: {error}") from None


@dataclasses.dataclass(frozen=True)
class Verification:
    ok: bool
    checked: int
    first_broken_sequence: int | None = None
    first_broken_event_id: int | None = None
    reason: str | None = None


async def head() -> Checkpoint:
    last = await AuditEvent.all().order_by("-sequence").first()
    return Checkpoint(last.sequence, last.hash) if last else Checkpoint(0, GENESIS_HASH)


async def verify_chain(checkpoint: Checkpoint | None = None, *, key: bytes | None = None) -> Verification:
    """Walk the chain in sequence order; report the first edited, missing, inserted, reordered
    or forged event (a wrong HMAC), or a tail cut off after ``checkpoint``."""
    expected_sequence, previous_hash, checked = 1, GENESIS_HASH, 0
    checkpoint_seen = checkpoint is None or checkpoint.sequence == 0
    while True:
        batch = await AuditEvent.filter(sequence__gte=expected_sequence).order_by("sequence").limit(BATCH)
        for event in batch:
            problem = _problem(event, expected_sequence, previous_hash, key)
            if problem:
                return Verification(False, checked, expected_sequence, event.id, problem)
            if checkpoint is not None and event.sequence == checkpoint.sequence:
                if event.hash != checkpoint.hash:
                    return Verification(False, checked, event.sequence, event.id, "differs from the checkpoint")
                checkpoint_seen = True
            checked += 1
            expected_sequence, previous_hash = event.sequence + 1, event.hash
        if len(batch) < BATCH:
            break
    if not checkpoint_seen:
        return Verification(
            False,
            checked,
            expected_sequence,
            None,
            f"events after sequence {expected_sequence - 1} are missing (checkpoint at {checkpoint.sequence})",
        )
    return Verification(True, checked)


def _problem(event: AuditEvent, expected_sequence: int, previous_hash: str, key: bytes | None) -> str | None:
    if event.sequence != expected_sequence:
        return f"sequence {expected_sequence} is missing"
    if event.prev_hash != previous_hash:
        return "does not link to the previous event (inserted or reordered)"
    values = {name: getattr(event, name) for name in CHAINED_FIELDS}
    if event_hash(values, key) != event.hash:
        return "content was changed after it was recorded, or the event was forged (its HMAC does not verify)"
    return None
