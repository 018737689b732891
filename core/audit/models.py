"""The append-only, hash-chained audit log (审计日志)."""

from __future__ import annotations

from tortoise import fields
from tortoise.models import Model


class AuditEvent(Model):
    """One recorded change or sensitive read. Never updated or deleted through the API.

    ``hash`` is HMAC-SHA256 (key derived from the secret key, never stored) over the canonical
    encoding of this event including ``chain`` and ``prev_hash``, the hash of the previous event
    of the same chain (one chain per station, see ``core.audit.chain``), so editing, deleting,
    inserting, reordering or appending events without the key breaks the chain. ``sequence``
    orders all events; it increases within a chain and may have gaps between chains' events
    (numbers of rolled-back appends), except in the legacy chain (``chain`` null), which counts
    1, 2, 3… as before chains existed. ``rows`` holds keyed per-field
    digests of the rows the change left behind, so later edits of those rows outside the API
    are found by ``audit verify``.
    """

    id = fields.BigIntField(primary_key=True)
    # The station's id (of the transaction's first event), 0 for deployment-level events; null
    # for events older than chains.
    chain = fields.IntField(null=True)
    sequence = fields.BigIntField(unique=True)
    created_at = fields.DatetimeField()
    actor_id = fields.IntField(null=True)
    actor_username = fields.CharField(max_length=64, null=True)
    station_id = fields.IntField(null=True, index=True)
    action = fields.CharField(max_length=100, index=True)
    object_type = fields.CharField(max_length=100, null=True)
    object_id = fields.CharField(max_length=64, null=True)
    before = fields.JSONField(null=True)
    after = fields.JSONField(null=True)
    rows = fields.JSONField(null=True)
    request_id = fields.CharField(max_length=64, null=True)
    client_address = fields.CharField(max_length=64, null=True)
    prev_hash = fields.CharField(max_length=64)
    hash = fields.CharField(max_length=64)

    class Meta:
        table = "core_audit_event"
        # The list's default order, read from an index: no sort of the whole table per page.
        # (chain, sequence): an append reads its chain's head from it.
        indexes = (("station_id", "sequence"), ("chain", "sequence"))
        ordering = ["sequence"]


class AuditCheckpoint(Model):
    """The heads of the chains at one moment, signed with the deployment's Ed25519 key (审计检查点).

    Copies go to a witness outside the database; a checkpoint proves every chain up to its head
    existed with that hash, so a later rewrite or a cut tail of any chain is found. ``sequence``
    and ``hash`` are the newest event's; ``heads`` maps each chain (``"legacy"`` for events older
    than chains) to its head's ``[sequence, hash]``; null in checkpoints older than chains."""

    id = fields.BigIntField(primary_key=True)
    sequence = fields.BigIntField(index=True)
    hash = fields.CharField(max_length=64)
    heads = fields.JSONField(null=True)
    created_at = fields.DatetimeField()
    public_key = fields.CharField(max_length=64)
    signature = fields.CharField(max_length=128)
    exported_to = fields.CharField(max_length=200, null=True)

    class Meta:
        table = "core_audit_checkpoint"
        ordering = ["sequence"]


class PersonalDataAccess(Model):
    """One request that showed personal data in full (个人信息访问记录): who, when, from where,
    and which fields of which objects. Append-only, written without touching the audit chain.

    ``mac`` is HMAC-SHA256 (the audit chain key) over the row's content, so a row written or
    changed without the key fails ``audit verify``. The periodic sealing job adds rows, in id
    order and in batches, to the hash chain (one ``core.personal.access_sealed`` event per batch
    with the rows' digest) and sets ``sealed_by`` to that event's sequence; from then on deleting
    or reordering rows is found as well (core.audit.access).
    """

    id = fields.BigIntField(primary_key=True)
    created_at = fields.DatetimeField()
    actor_id = fields.IntField(null=True)
    actor_username = fields.CharField(max_length=64, null=True)
    station_id = fields.IntField(null=True, index=True)
    request_id = fields.CharField(max_length=64, null=True)
    client_address = fields.CharField(max_length=64, null=True)
    # [{"type": "Party", "field": "idNumber", "id": "12"}, …], sorted, each once.
    shown = fields.JSONField()
    # " Party:12 Person:7 ": the objects shown, for filtering by type and id with LIKE.
    objects = fields.TextField()
    mac = fields.CharField(max_length=64)
    sealed_by = fields.BigIntField(null=True, index=True)

    class Meta:
        table = "core_personal_access"
        ordering = ["id"]
        # Station lists page in id order: read it from (station, id), not the whole primary key.
        indexes = (("actor_username", "created_at"), ("station_id", "id"))
