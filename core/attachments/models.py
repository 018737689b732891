"""Stored files (附件) and their chain-of-custody facts."""

from __future__ import annotations

from tortoise import fields

from core.contract import AttachmentKind
from core.personal.fields import EncryptedTextField
from core.tenancy import StationOwnedModel


class Attachment(StationOwnedModel):
    """A file attached to a plugin's object (``owner_type`` + ``owner_id``).

    The bytes live in the configured storage, sealed with ``data_key`` (itself encrypted with
    the personal-data key). ``sha256`` and ``size`` describe the plaintext as stored (after
    metadata stripping); ``original_sha256`` the bytes as received. A purged file keeps its row
    (``purged_at`` set, ``storage_key`` emptied) so its history stays readable.
    """

    id = fields.BigIntField(primary_key=True)
    owner_type = fields.CharField(max_length=64)
    owner_id = fields.BigIntField()
    kind = fields.CharEnumField(AttachmentKind, max_length=12)
    media_type = fields.CharField(max_length=128)
    # The uploader's file name (may name a person: encrypted like other personal data).
    filename = EncryptedTextField()
    description = fields.TextField(null=True)
    # What the file is for its plugin, e.g. "mediation.agreement_pdf"; null for uploads.
    purpose = fields.CharField(max_length=64, null=True, index=True)
    size = fields.BigIntField()
    sha256 = fields.CharField(max_length=64)
    original_sha256 = fields.CharField(max_length=64)
    metadata_stripped = fields.BooleanField(default=False)
    storage_backend = fields.CharField(max_length=16)
    storage_key = fields.CharField(max_length=255)
    data_key = EncryptedTextField()
    uploaded_by = fields.ForeignKeyField("core.User", related_name=False, null=True, on_delete=fields.SET_NULL)
    uploaded_at = fields.DatetimeField()
    retain_until = fields.DatetimeField(index=True)
    purged_at = fields.DatetimeField(null=True)

    class Meta:
        table = "core_attachment"
        indexes = (("owner_type", "owner_id", "uploaded_at", "id"),)
