"""Anti-fraud publicity events (反诈宣传活动) and telecom-fraud reports (电信网络诈骗报案)."""

from __future__ import annotations

import enum

from tortoise import fields

from core import EncryptedTextField, StationOwnedModel


class PublicityKind(enum.Enum):
    COMMUNITY_TALK = "COMMUNITY_TALK"
    SCHOOL = "SCHOOL"
    MARKET = "MARKET"
    ENTERPRISE = "ENTERPRISE"
    DOOR_TO_DOOR = "DOOR_TO_DOOR"
    ONLINE = "ONLINE"


class FraudType(enum.Enum):
    IMPERSONATING_OFFICIALS = "IMPERSONATING_OFFICIALS"
    FAKE_INVESTMENT = "FAKE_INVESTMENT"
    ORDER_BRUSHING = "ORDER_BRUSHING"
    FAKE_CUSTOMER_SERVICE = "FAKE_CUSTOMER_SERVICE"
    FAKE_LOAN = "FAKE_LOAN"
    ONLINE_ROMANCE = "ONLINE_ROMANCE"
    GAME_TRADING = "GAME_TRADING"
    OTHER = "OTHER"


class FraudReportStatus(enum.Enum):
    REPORTED = "REPORTED"
    CLOSED = "CLOSED"


class PublicityEvent(StationOwnedModel):
    """One publicity session: where, for whom, and what it achieved."""

    id = fields.IntField(primary_key=True)
    # related_name=False: a plugin never adds reverse relations to core models, so two
    # plugins can never collide on one.
    area = fields.ForeignKeyField("core.Area", related_name=False, on_delete=fields.RESTRICT)
    held_on = fields.DateField(index=True)
    kind = fields.CharEnumField(PublicityKind, max_length=24)
    venue = fields.CharField(max_length=200)
    audience_count = fields.IntField()
    residents_warned = fields.IntField()
    app_installs = fields.IntField()
    notes = fields.TextField(default="")
    recorded_by = fields.ForeignKeyField("core.User", related_name=False, null=True, on_delete=fields.SET_NULL)
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "anti_fraud_publicity_event"


class FraudReport(StationOwnedModel):
    """A resident's report of a telecom or online fraud, with the money lost."""

    id = fields.IntField(primary_key=True)
    area = fields.ForeignKeyField("core.Area", related_name=False, null=True, on_delete=fields.RESTRICT)
    occurred_on = fields.DateField()
    reported_on = fields.DateField(index=True)
    fraud_type = fields.CharEnumField(FraudType, max_length=32)
    amount_lost = fields.DecimalField(max_digits=14, decimal_places=2)
    amount_recovered = fields.DecimalField(max_digits=14, decimal_places=2, default=0)
    victim_name = EncryptedTextField()
    victim_phone = EncryptedTextField(null=True)
    # Keyed hash of the normalised phone: finds a repeat victim without storing the number.
    victim_phone_hash = fields.CharField(max_length=64, null=True, index=True)
    summary = fields.TextField(default="")
    status = fields.CharEnumField(FraudReportStatus, max_length=16, default=FraudReportStatus.REPORTED)
    closing_note = fields.TextField(default="")
    closed_at = fields.DatetimeField(null=True)
    recorded_by = fields.ForeignKeyField("core.User", related_name=False, null=True, on_delete=fields.SET_NULL)
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "anti_fraud_fraud_report"
