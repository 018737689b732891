"""What the database knows about its keys: a fingerprint and a public key, never a key."""

from __future__ import annotations

from tortoise import fields
from tortoise.models import Model

MASTER = "master"


class KeyRecord(Model):
    """The fingerprint of the secret this database is written with, and the Ed25519 public key
    that verifies its audit checkpoints. ``rotation`` holds the progress of an unfinished
    ``fengqiao keys rotate`` (target fingerprint and per-table cursors) so it can resume."""

    id = fields.IntField(primary_key=True)
    name = fields.CharField(max_length=32, unique=True)
    fingerprint = fields.CharField(max_length=64)
    public_key = fields.CharField(max_length=64)
    created_at = fields.DatetimeField(auto_now_add=True)
    rotated_at = fields.DatetimeField(null=True)
    rotation = fields.JSONField(null=True)

    class Meta:
        table = "core_key_record"
