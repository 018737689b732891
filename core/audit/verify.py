"""Verification of the audit chains, and checkpoints kept outside the database.

The legacy chain (events older than chains, ``chain`` null) is walked as it always was: its
sequence numbers count 1, 2, 3… and each event links to the one before. Every other chain is
walked in sequence order too, each event linking to the previous event of its chain (gaps in
the numbers are numbers of rolled-back appends). A checkpoint pins events by sequence and hash:
the head of every chain when it was taken, or, for a checkpoint older than chains, one event.
"""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path
from typing import Any

from core.audit.chain import GENESIS_HASH, chained_values, event_hash
from core.audit.models import AuditEvent
from core.db import consistent_snapshot
from core.errors import ConfigError

BATCH = 1000
# The ``heads`` label of the chain of events older than chains.
LEGACY = "legacy"


def label(chain: int | None) -> str:
    """How a chain is named in a checkpoint's ``heads`` and in messages."""
    return LEGACY if chain is None else str(chain)


def pins(sequence: int, hash_: str, heads: dict[str, Any] | None) -> dict[int, tuple[str | None, str]]:
    """``{sequence: (chain label, hash)}`` of the events a checkpoint fixes: each chain's head,
    or, for a checkpoint older than chains, its one event (label None)."""
    if heads is None:
        return {sequence: (None, hash_)} if sequence else {}
    return {int(head[0]): (name, str(head[1])) for name, head in heads.items()}


@dataclasses.dataclass(frozen=True)
class Checkpoint:
    """The heads of the chains at one moment (signed when written by ``fengqiao audit
    checkpoint``): the newest event's sequence number and hash, and ``heads``, each chain's
    newest ``[sequence, hash]`` (None in checkpoints older than chains)."""

    sequence: int
    hash: str
    signature: str | None = None
    public_key: str | None = None
    created_at: str | None = None
    heads: dict[str, Any] | None = None

    def save(self, path: str | Path) -> None:
        data = {k: v for k, v in dataclasses.asdict(self).items() if v is not None}
        Path(path).write_text(json.dumps(data, sort_keys=True) + "\n")

    @classmethod
    def load(cls, path: str | Path) -> Checkpoint:
        try:
            data = json.loads(Path(path).read_text())
            heads = data.get("heads")
            return cls(
                int(data["sequence"]),
                str(data["hash"]),
                data.get("signature"),
                data.get("public_key"),
                data.get("created_at"),
                None if heads is None else {str(k): [int(v[0]), str(v[1])] for k, v in heads.items()},
            )
        except (OSError, ValueError, KeyError, TypeError, IndexError, AttributeError) as error:
            raise ConfigError(f"cannot read audit checkpoint {path}: {error}") from None


@dataclasses.dataclass(frozen=True)
class Verification:
    ok: bool
    checked: int
    first_broken_sequence: int | None = None
    first_broken_event_id: int | None = None
    reason: str | None = None


async def chain_heads() -> dict[str, list[Any]]:
    """``{chain label: [sequence, hash]}`` of every chain's newest event, read without a lock:
    each head is a committed event, which is all a checkpoint states."""
    from tortoise import connections

    rows = await connections.get("default").execute_query_dict(_CHAINS)
    heads: dict[str, list[Any]] = {}
    for chain in [None, *sorted(int(row["chain"]) for row in rows)]:
        events = AuditEvent.filter(chain__isnull=True) if chain is None else AuditEvent.filter(chain=chain)
        newest = await events.order_by("-sequence").only("sequence", "hash").first()
        if newest is not None:
            heads[label(chain)] = [newest.sequence, newest.hash]
    return heads


# The distinct chains, one index probe each (a loose index scan; portable SQL).
_CHAINS = """
WITH RECURSIVE chains(chain) AS (
    SELECT min(chain) FROM core_audit_event
    UNION ALL
    SELECT (SELECT min(chain) FROM core_audit_event WHERE chain > chains.chain) FROM chains
    WHERE chains.chain IS NOT NULL
)
SELECT chain FROM chains WHERE chain IS NOT NULL
"""


async def head() -> Checkpoint:
    """An unsigned checkpoint of the chains as they are now."""
    heads = await chain_heads()
    newest = max(heads.values(), key=lambda item: item[0], default=[0, GENESIS_HASH])
    return Checkpoint(newest[0], newest[1], heads=heads)


class _Walk:
    """The state of one pass over all events in sequence order."""

    def __init__(self, checkpoint: Checkpoint | None, key: bytes | None) -> None:
        self.key = key
        self.checked = 0
        self.legacy_next, self.legacy_hash = 1, GENESIS_HASH
        self.chained_seen = False
        self.heads: dict[int, tuple[int, str]] = {}  # chain → (sequence, hash) of its newest event so far
        self.pins = pins(checkpoint.sequence, checkpoint.hash, checkpoint.heads) if checkpoint else {}
        self.pinned_seen: set[int] = set()

    def step(self, event: AuditEvent) -> tuple[int, str] | None:
        """``(sequence, reason)`` when ``event`` breaks its chain; else None, and it is taken in."""
        broken = self._link(event)
        if broken:
            return broken
        if event_hash(chained_values(event), self.key) != event.hash:
            return event.sequence, (
                "content was changed after it was recorded, or the event was forged (its HMAC does not verify)"
            )
        pinned = self.pins.get(event.sequence)
        if pinned is not None:
            if pinned[1] != event.hash:
                return event.sequence, "differs from the checkpoint"
            self.pinned_seen.add(event.sequence)
        if event.chain is None:
            self.legacy_next, self.legacy_hash = event.sequence + 1, event.hash
        else:
            self.heads[event.chain] = (event.sequence, event.hash)
        self.checked += 1
        return None

    def _link(self, event: AuditEvent) -> tuple[int, str] | None:
        if event.chain is None:
            if self.chained_seen:
                return event.sequence, "has no chain but follows chained events (inserted, or taken out of its chain)"
            if event.sequence != self.legacy_next:
                return self.legacy_next, f"sequence {self.legacy_next} is missing"
            if event.prev_hash != self.legacy_hash:
                return event.sequence, "does not link to the previous event (inserted or reordered)"
            return None
        self.chained_seen = True
        previous = self.heads.get(event.chain, (0, GENESIS_HASH))[1]
        if event.prev_hash != previous:
            return event.sequence, (
                f"does not link to the previous event of chain {event.chain} (an event before it was deleted, "
                "or it was inserted, reordered or moved from another chain)"
            )
        return None

    def missing_pin(self) -> tuple[int, str] | None:
        """The first event the checkpoint fixes that the walk did not meet: a cut tail."""
        for sequence in sorted(set(self.pins) - self.pinned_seen):
            name = self.pins[sequence][0]
            if name is None or name == LEGACY:
                last = self.legacy_next - 1 if name == LEGACY or not self.heads else self._newest()
                return sequence, f"events after sequence {last} are missing (checkpoint at {sequence})"
            last = self.heads.get(int(name), (0, ""))[0]
            ends = f"ends at sequence {last}" if last else "has no events"
            return sequence, f"chain {name} {ends}: events up to its checkpointed head {sequence} are missing"
        return None

    def _newest(self) -> int:
        return max([self.legacy_next - 1, *(sequence for sequence, _ in self.heads.values())])


async def verify_chain(checkpoint: Checkpoint | None = None, *, key: bytes | None = None) -> Verification:
    """Walk every chain in sequence order; report the first edited, missing, inserted, reordered,
    moved or forged event (a wrong HMAC), or a chain's tail cut off after ``checkpoint``."""
    walk = _Walk(checkpoint, key)
    after = 0
    async with consistent_snapshot():
        while True:
            batch = await AuditEvent.filter(sequence__gt=after).order_by("sequence").limit(BATCH)
            for event in batch:
                broken = walk.step(event)
                if broken:
                    return Verification(False, walk.checked, broken[0], event.id, broken[1])
            if len(batch) < BATCH:
                break
            after = batch[-1].sequence
    missing = walk.missing_pin()
    if missing:
        return Verification(False, walk.checked, missing[0], None, missing[1])
    return Verification(True, walk.checked)
