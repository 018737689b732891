"""Signed checkpoints of the audit chain and their export to a witness.

A checkpoint is the head (sequence, hash) of every chain at one moment, with the newest event's
sequence and hash, signed with the deployment's Ed25519 key; checkpoints older than chains sign
the one head there was, and still verify. The signing key is derived from the secret key and
never stored; its public half is in the database (``core_key_record``) and in every checkpoint.
Copies of checkpoints kept by a witness outside the database (``[audit] witness``) let ``audit
verify`` find a chain that was cut short or rewritten, even by someone who can write the
database.

``export_checkpoint()`` is the periodic job: run it on a schedule (e.g. every 10 minutes).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from core.audit.chain import chain_keys
from core.audit.models import AuditCheckpoint
from core.audit.verify import head, pins
from core.contract import Job


@dataclasses.dataclass(frozen=True)
class SignedCheckpoint:
    sequence: int
    hash: str
    created_at: str
    public_key: str
    signature: str
    # {chain label: [sequence, hash]}; None in checkpoints older than chains.
    heads: dict[str, Any] | None = None

    def payload(self) -> bytes:
        data: dict[str, Any] = {"sequence": self.sequence, "hash": self.hash, "created_at": self.created_at}
        if self.heads is not None:
            data["heads"] = self.heads
        return json.dumps(data, sort_keys=True, separators=(",", ":")).encode()

    def pins(self) -> dict[int, tuple[str | None, str]]:
        """``{sequence: (chain label, hash)}``: the events this checkpoint fixes."""
        return pins(self.sequence, self.hash, self.heads)

    def signature_ok(self, public_key: str | None = None) -> bool:
        """Whether the signature verifies with ``public_key`` (default: the one it names)."""
        try:
            key = Ed25519PublicKey.from_public_bytes(bytes.fromhex(public_key or self.public_key))
            key.verify(bytes.fromhex(self.signature), self.payload())
            return True
        except (InvalidSignature, ValueError):
            return False

    def to_json(self) -> dict[str, Any]:
        return {k: v for k, v in dataclasses.asdict(self).items() if k != "heads" or v is not None}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> SignedCheckpoint:
        return cls(
            int(data["sequence"]),
            str(data["hash"]),
            str(data.get("created_at", "")),
            str(data.get("public_key", "")),
            str(data.get("signature", "")),
            data.get("heads"),
        )


def sign(
    sequence: int, hash_: str, when: dt.datetime | None = None, heads: dict[str, Any] | None = None
) -> SignedCheckpoint:
    keys = chain_keys()
    created = (when or dt.datetime.now(dt.UTC)).astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")
    unsigned = SignedCheckpoint(sequence, hash_, created, keys.public_key, "", heads)
    signature = keys.signing_key.sign(unsigned.payload()).hex()
    return dataclasses.replace(unsigned, signature=signature)


async def sign_head() -> SignedCheckpoint:
    """Sign the heads of all chains as they are now and keep the checkpoint in the database.

    No lock: each head read is a committed event, and an append still in flight goes after its
    chain's head (it holds that chain's lock), so the checkpoint stays true."""
    current = await head()
    checkpoint = sign(current.sequence, current.hash, heads=current.heads)
    await AuditCheckpoint.create(
        sequence=checkpoint.sequence,
        hash=checkpoint.hash,
        heads=checkpoint.heads,
        created_at=dt.datetime.strptime(checkpoint.created_at, "%Y-%m-%dT%H:%M:%S.%fZ").replace(tzinfo=dt.UTC),
        public_key=checkpoint.public_key,
        signature=checkpoint.signature,
    )
    return checkpoint


def from_row(row: AuditCheckpoint) -> SignedCheckpoint:
    created = row.created_at.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")
    return SignedCheckpoint(row.sequence, row.hash, created, row.public_key, row.signature, row.heads)


async def export_checkpoint() -> int | None:
    """The periodic job: sign the head, keep it, and copy it to the configured witness.

    Returns the checkpoint's sequence number (None when the chain is empty)."""
    from core.audit.witness import witness_from_settings
    from core.runtime import current_app

    checkpoint = await sign_head()
    witness = witness_from_settings(current_app().settings)
    if witness is not None:
        await witness.append(checkpoint)
        await AuditCheckpoint.filter(sequence=checkpoint.sequence, signature=checkpoint.signature).update(
            exported_to=witness.describe()[:200]
        )
    return checkpoint.sequence or None


async def _checkpoint_job() -> int:
    return 1 if await export_checkpoint() is not None else 0


CHECKPOINT_JOB = Job(
    name="core.audit.export_checkpoint",
    run=_checkpoint_job,
    every=dt.timedelta(minutes=10),
    description="Sign the head of every audit chain (Ed25519) and copy the checkpoint to the [audit] witness.",
)
