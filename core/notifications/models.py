"""Inbox items, per-kind preferences, users' channel addresses and outgoing channel messages."""

from __future__ import annotations

import enum

from tortoise import fields
from tortoise.models import Model

from core.contract import NotificationMode
from core.personal.fields import EncryptedTextField


class MessageState(enum.StrEnum):
    PENDING = "PENDING"
    SENT = "SENT"
    FAILED = "FAILED"


class Notification(Model):
    id = fields.BigIntField(primary_key=True)
    user: fields.ForeignKeyRelation[Model] = fields.ForeignKeyField(
        "core.User", related_name="notifications", on_delete=fields.CASCADE
    )
    kind = fields.CharField(max_length=120)
    title = fields.CharField(max_length=200)
    message = fields.CharField(max_length=500)
    # The station the item concerns (no foreign key, as for outbox events).
    station_id = fields.IntField(null=True)
    event_id = fields.BigIntField(null=True)
    # INBOX or DIGEST: how the user chose to receive the kind when the item was written.
    mode = fields.CharEnumField(NotificationMode, max_length=8)
    created_at = fields.DatetimeField()
    read_at = fields.DatetimeField(null=True)
    # DIGEST items: when the daily digest carrying it was written.
    digested_at = fields.DatetimeField(null=True)

    class Meta:
        table = "core_notification"
        unique_together = (("user", "kind", "event_id"),)
        indexes = (("user_id", "read_at"), ("mode", "digested_at"))
        ordering = ["-id"]


class NotificationPreference(Model):
    id = fields.BigIntField(primary_key=True)
    user: fields.ForeignKeyRelation[Model] = fields.ForeignKeyField(
        "core.User", related_name="notification_preferences", on_delete=fields.CASCADE
    )
    kind = fields.CharField(max_length=120)
    mode = fields.CharEnumField(NotificationMode, max_length=8)

    class Meta:
        table = "core_notification_preference"
        unique_together = (("user", "kind"),)


# Where a user is reached on a channel. The address is personal data: stored encrypted.
class NotificationAddress(Model):
    id = fields.BigIntField(primary_key=True)
    user: fields.ForeignKeyRelation[Model] = fields.ForeignKeyField(
        "core.User", related_name="notification_addresses", on_delete=fields.CASCADE
    )
    channel = fields.CharField(max_length=40)
    address = EncryptedTextField()  # re-keyed by `fengqiao keys rotate`
    # Shown back to the user (e.g. 138****5678, w***@example.cn).
    masked = fields.CharField(max_length=120)

    class Meta:
        table = "core_notification_address"
        unique_together = (("user", "channel"),)


# One message to send through a channel: an inbox item, or a user's daily digest.
class NotificationMessage(Model):
    id = fields.BigIntField(primary_key=True)
    user: fields.ForeignKeyRelation[Model] = fields.ForeignKeyField(
        "core.User", related_name="notification_messages", on_delete=fields.CASCADE
    )
    channel = fields.CharField(max_length=40)
    subject = fields.CharField(max_length=200)
    text = fields.TextField()
    state = fields.CharEnumField(MessageState, max_length=8, default=MessageState.PENDING)
    attempts = fields.SmallIntField(default=0)
    next_attempt_at = fields.DatetimeField()
    lease_until = fields.DatetimeField(null=True)
    created_at = fields.DatetimeField()
    sent_at = fields.DatetimeField(null=True)
    error = fields.CharField(max_length=300, null=True)

    class Meta:
        table = "core_notification_message"
        indexes = (("state", "next_attempt_at"),)
