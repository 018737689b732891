"""One export: who asked for which list with which filter, how far it got, where the file is."""

from __future__ import annotations

import enum

from tortoise import fields
from tortoise.models import Model


class ExportState(enum.StrEnum):
    RUNNING = "RUNNING"
    DONE = "DONE"
    FAILED = "FAILED"


class ExportFormat(enum.StrEnum):
    CSV = "CSV"
    XLSX = "XLSX"


class ExportJob(Model):
    id = fields.BigIntField(primary_key=True)
    user: fields.ForeignKeyRelation[Model] = fields.ForeignKeyField(
        "core.User", related_name="exports", on_delete=fields.CASCADE
    )
    station_id = fields.IntField(null=True)
    # The root connection field exported (e.g. disputes) and the variables (filter, order) used.
    list_name = fields.CharField(max_length=100)
    variables = fields.JSONField(default=dict)
    format = fields.CharEnumField(ExportFormat, max_length=8)
    state = fields.CharEnumField(ExportState, max_length=8, default=ExportState.RUNNING)
    rows = fields.IntField(default=0)
    total = fields.IntField(null=True)
    error = fields.CharField(max_length=300, null=True)
    file_path = fields.CharField(max_length=500, null=True)
    # SHA-256 of the download token; the token itself is only in the link given to the user.
    token_hash = fields.CharField(max_length=64)
    created_at = fields.DatetimeField()
    finished_at = fields.DatetimeField(null=True)
    expires_at = fields.DatetimeField()

    class Meta:
        table = "core_export_job"
        ordering = ["-id"]
