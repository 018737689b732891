"""The append-only, hash-chained audit log (审计日志)."""

from __future__ import annotations

from tortoise import fields
from tortoise.models import Model


class AuditEvent(Model):
    """One recorded change or sensitive read. Never updated or deleted through the API.

    ``hash`` is SHA-256 over the canonical encoding of this event including ``prev_hash``,
    so editing, deleting, inserting or reordering events breaks the chain.
    """

    id = fields.BigIntField(primary_key=True)
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
    request_id = fields.CharField(max_length=64, null=True)
    client_address = fields.CharField(max_length=64, null=True)
    prev_hash = fields.CharField(max_length=64)
    hash = fields.CharField(max_length=64)

    class Meta:
        table = "core_audit_event"
        ordering = ["sequence"]
