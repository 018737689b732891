"""Frozen monthly scores, so a published ranking does not change when old data is edited."""

from __future__ import annotations

from tortoise import fields
from tortoise.models import Model


class ScoreSnapshot(Model):
    id = fields.IntField(primary_key=True)
    month = fields.CharField(max_length=7, index=True)  # YYYY-MM
    station = fields.ForeignKeyField("core.Station", related_name=False, on_delete=fields.RESTRICT)
    station_class = fields.CharField(max_length=8)
    total = fields.FloatField(null=True)
    rank = fields.IntField(null=True)
    # The explained indicators exactly as they were scored.
    indicators = fields.JSONField(default=list)
    frozen_at = fields.DatetimeField()
    frozen_by = fields.CharField(max_length=64)
    # 1 for the first freeze, +1 for every explicit re-freeze.
    revision = fields.IntField(default=1)

    class Meta:
        table = "core_score_snapshot"
        unique_together = (("month", "station"),)
        ordering = ["month", "rank"]
