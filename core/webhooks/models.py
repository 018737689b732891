"""Webhook endpoints of a station, the deliveries of events to them, and every attempt."""

from __future__ import annotations

import enum

from tortoise import fields
from tortoise.models import Model

from core.personal.fields import EncryptedTextField
from core.tenancy import StationOwnedModel


class DeliveryState(enum.StrEnum):
    PENDING = "PENDING"
    SENDING = "SENDING"
    DELIVERED = "DELIVERED"
    DEAD = "DEAD"


class WebhookEndpoint(StationOwnedModel):
    id = fields.BigIntField(primary_key=True)
    url = fields.CharField(max_length=500)
    description = fields.CharField(max_length=200, default="")
    # Event names or prefixes ending in ".*" (e.g. "mediation.*"); empty: every event of the station.
    event_types = fields.JSONField(default=list)
    enabled = fields.BooleanField(default=True)
    # Granted by someone holding core.personal.view_full: payload keys carrying personal data
    # (keyed hashes of ID numbers and phones, "*_hash") are sent; otherwise they are removed.
    personal_data = fields.BooleanField(default=False)
    # The signing secret, encrypted with the deployment key (so `fengqiao keys rotate` re-keys
    # it); shown once, when created or rotated.
    secret = EncryptedTextField()
    # After a rotation the old secret keeps signing too (a second signature) until then.
    previous_secret = EncryptedTextField(null=True)
    previous_secret_until = fields.DatetimeField(null=True)
    created_at = fields.DatetimeField()
    created_by_id = fields.IntField(null=True)

    class Meta:
        table = "core_webhook_endpoint"
        # Station lists page in id order: read it from (station, id), not the whole primary key.
        indexes = (("station_id", "id"),)
        ordering = ["id"]


class WebhookDelivery(StationOwnedModel):
    id = fields.BigIntField(primary_key=True)
    endpoint: fields.ForeignKeyRelation[WebhookEndpoint] = fields.ForeignKeyField(
        "core.WebhookEndpoint", related_name="deliveries", on_delete=fields.CASCADE
    )
    event: fields.ForeignKeyRelation[Model] = fields.ForeignKeyField(
        "core.OutboxEvent", related_name="webhook_deliveries", on_delete=fields.CASCADE
    )
    event_name = fields.CharField(max_length=120)
    state = fields.CharEnumField(DeliveryState, max_length=16, default=DeliveryState.PENDING)
    # Attempts since the delivery was queued or last replayed (the budget is [webhooks] max_attempts).
    attempts = fields.SmallIntField(default=0)
    next_attempt_at = fields.DatetimeField()
    # While SENDING: past this, the sender died and the delivery is due again.
    lease_until = fields.DatetimeField(null=True)
    created_at = fields.DatetimeField()
    delivered_at = fields.DatetimeField(null=True)
    last_status = fields.IntField(null=True)

    class Meta:
        table = "core_webhook_delivery"
        # Station lists page in id order: read it from (station, id), not the whole primary key.
        indexes = (("state", "next_attempt_at"), ("station_id", "id"))
        ordering = ["-id"]


class WebhookAttempt(Model):
    id = fields.BigIntField(primary_key=True)
    delivery: fields.ForeignKeyRelation[WebhookDelivery] = fields.ForeignKeyField(
        "core.WebhookDelivery", related_name="attempt_rows", on_delete=fields.CASCADE
    )
    started_at = fields.DatetimeField()
    # HTTP status; null when no answer came (refused, timed out).
    status_code = fields.IntField(null=True)
    latency_ms = fields.IntField()
    # The first characters of the answer, to tell why a receiver refused.
    response_excerpt = fields.CharField(max_length=500, default="")
    # Why no answer came (the error's type and first line).
    error = fields.CharField(max_length=300, null=True)
    succeeded = fields.BooleanField()

    class Meta:
        table = "core_webhook_attempt"
        ordering = ["id"]
