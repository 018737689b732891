"""The registered (trusted) GraphQL operations."""

from __future__ import annotations

from tortoise import fields
from tortoise.models import Model


class PersistedOperation(Model):
    """One GraphQL document a client registered, found by the SHA-256 of its text."""

    id = fields.IntField(primary_key=True)
    # Lower-case hex SHA-256 of ``document`` (UTF-8), as clients send it in
    # ``extensions.persistedQuery.sha256Hash``.
    sha256 = fields.CharField(max_length=64, unique=True)
    document = fields.TextField()
    operation_name = fields.CharField(max_length=200, null=True)
    # "query", "mutation" or "subscription".
    operation_type = fields.CharField(max_length=16)
    # Which client build registered it (``--client dashboard@1.4.0``), for housekeeping.
    client_name = fields.CharField(max_length=100, null=True, db_index=True)
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "core_persisted_operation"
        ordering = ["id"]
