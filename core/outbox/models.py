"""One row per published domain event (发件箱). Written in the same transaction as the change
that published it, so the row exists exactly when the change was committed."""

from __future__ import annotations

from tortoise import fields
from tortoise.models import Model


class OutboxEvent(Model):
    id = fields.BigIntField(primary_key=True)
    name = fields.CharField(max_length=120)
    # JSON payload as published; by contract it holds ids and keyed hashes, never raw personal values.
    payload = fields.JSONField()
    # The station the event concerns (no foreign key: events may outlive nothing, and must never
    # block a station's deletion); null for deployment-wide events.
    station_id = fields.IntField(null=True, index=True)
    created_at = fields.DatetimeField()
    # A process delivering the event holds it until then; past it, the claim is void (the process died).
    claimed_until = fields.DatetimeField(null=True)
    # Set once listeners, subscribers and webhook deliveries have all been given the event.
    dispatched_at = fields.DatetimeField(null=True)
    # How many times a delivery of it was started (more than 1: a process died delivering it).
    attempts = fields.SmallIntField(default=0)

    class Meta:
        table = "core_outbox_event"
        indexes = (("dispatched_at", "id"),)
        ordering = ["id"]
