"""Storing, reading and listing attachments — plain async functions, no GraphQL inside.

Every stored file is sniffed, checked against its target, optionally stripped of image
metadata, hashed, sealed and written to storage; its row and its chain-of-custody audit event
(SHA-256, size, uploader, time) are written in the caller's transaction.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import logging
import re
import unicodedata
import uuid
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from core.attachments import crypto
from core.attachments.images import strip_metadata
from core.attachments.models import Attachment
from core.attachments.sniffing import sniff
from core.attachments.targets import retention_days
from core.audit.recorder import record
from core.contract import AttachmentKind, AttachmentTarget
from core.errors import UserErrorCode, UserInputError
from core.storage import Storage, StorageError, storage_for

if TYPE_CHECKING:
    from core.identity.actor import Actor
    from core.runtime import Fengqiao

log = logging.getLogger("fengqiao.attachments")
MAX_FILENAME = 200
MAX_DESCRIPTION = 2000
_UNSAFE = re.compile(r"[\x00-\x1f\x7f/\\:*?\"<>|]+")


def storage_of(app: Fengqiao) -> Storage:
    """The application's storage backend, built once."""
    storage = app.__dict__.get("_storage")
    if storage is None:
        storage = app.__dict__["_storage"] = storage_for(app.settings)
    return storage


def clean_filename(name: str | None, extension: str) -> str:
    """A display name safe in a Content-Disposition header, ending with the sniffed extension."""
    text = unicodedata.normalize("NFC", name or "").strip()
    text = _UNSAFE.sub("_", text.rsplit("/", 1)[-1].rsplit("\\", 1)[-1])[:MAX_FILENAME].strip(" .")
    stem = text.rsplit(".", 1)[0] if "." in text else text
    return f"{stem or 'file'}.{extension}"


@dataclasses.dataclass(frozen=True)
class Prepared:
    kind: AttachmentKind
    media_type: str
    filename: str
    data: bytes
    original_sha256: str
    stripped: bool


def prepare(
    target: AttachmentTarget,
    data: bytes,
    filename: str | None,
    *,
    strip: bool,
    kinds: Sequence[AttachmentKind] | None = None,
) -> Prepared:
    """Sniff and check one file for ``target``; strip image metadata when ``strip``."""
    if not data:
        raise UserInputError("The file is empty.", field="file", code=UserErrorCode.REQUIRED)
    if len(data) > target.max_bytes:
        raise UserInputError(
            f"The file is {len(data)} bytes; files of {target.type_name} may be at most {target.max_bytes} bytes.",
            field="file",
        )
    sniffed = sniff(data[:64], data)
    allowed = kinds if kinds is not None else target.kinds
    if sniffed is None or sniffed.kind not in allowed:
        names = ", ".join(kind.value for kind in allowed)
        what = "an unrecognised format" if sniffed is None else f"{sniffed.media_type} ({sniffed.kind.value})"
        raise UserInputError(
            f"The file's content is {what}; {target.type_name} accepts {names}.",
            field="file",
            code=UserErrorCode.INVALID,
        )
    original = hashlib.sha256(data).hexdigest()
    stripped = False
    if strip and sniffed.kind is AttachmentKind.IMAGE:
        data = strip_metadata(data, sniffed.media_type)
        stripped = True
    return Prepared(
        sniffed.kind, sniffed.media_type, clean_filename(filename, sniffed.extension), data, original, stripped
    )


async def store(
    app: Fengqiao,
    actor: Actor,
    target: AttachmentTarget,
    owner: Any,
    prepared: Prepared,
    *,
    description: str | None = None,
    purpose: str | None = None,
) -> Attachment:
    """Seal and store prepared bytes for ``owner``, with the row and the custody audit event.

    Must run inside a transaction. When the row cannot be written, the stored object is removed.
    """
    description = (description or "").strip() or None
    if description and len(description) > MAX_DESCRIPTION:
        raise UserInputError(f"The description must not exceed {MAX_DESCRIPTION} characters.", field="description")
    now = app.clock.now()
    key = f"{owner.station_id}/{now:%Y/%m}/{uuid.uuid4().hex}"
    data_key = crypto.new_data_key()
    storage = storage_of(app)
    try:
        await storage.put(key, crypto.seal(data_key, prepared.data, key))
    except StorageError as error:
        log.error("storing an attachment failed: %s", error)
        raise UserInputError("The file could not be stored; try again later.", field="file") from None
    try:
        row = await Attachment.create(
            station_id=owner.station_id,
            owner_type=target.type_name,
            owner_id=owner.pk,
            kind=prepared.kind,
            media_type=prepared.media_type,
            filename=prepared.filename,
            description=description,
            purpose=purpose,
            size=len(prepared.data),
            sha256=hashlib.sha256(prepared.data).hexdigest(),
            original_sha256=prepared.original_sha256,
            metadata_stripped=prepared.stripped,
            storage_backend=storage.name,
            storage_key=key,
            data_key=data_key,
            uploaded_by_id=actor.user_id,
            uploaded_at=now,
            retain_until=now + dt.timedelta(days=retention_days(app, target)),
        )
        await record("core.attachment.store", obj=row, after=custody_facts(row))
    except BaseException:
        await storage.delete(key)
        raise
    return row


def custody_facts(row: Attachment) -> dict[str, Any]:
    """What the audit chain keeps about a stored file (no file name: it may name a person)."""
    return {
        "owner_type": row.owner_type,
        "owner_id": row.owner_id,
        "kind": row.kind.value,
        "media_type": row.media_type,
        "purpose": row.purpose,
        "size": row.size,
        "sha256": row.sha256,
        "original_sha256": row.original_sha256,
        "metadata_stripped": row.metadata_stripped,
        "uploaded_by": row.uploaded_by_id,
        "uploaded_at": row.uploaded_at,
        "retain_until": row.retain_until,
        "storage_backend": row.storage_backend,
    }


async def store_attachment(
    owner: Any,
    type_name: str,
    data: bytes,
    filename: str,
    *,
    actor: Actor,
    purpose: str | None,
    description: str | None = None,
    kinds: Sequence[AttachmentKind] | None = None,
) -> Attachment:
    """For plugins: store a file the plugin produced (a rendered PDF, a package) on ``owner``,
    an object of the declared target ``type_name``. Sniffed, sealed and audited like uploads;
    ``kinds`` may widen the target's kinds (e.g. ARCHIVE for a generated ZIP)."""
    from core.attachments.targets import attachment_targets
    from core.runtime import current_app

    app = current_app()
    target = attachment_targets(app).get(type_name)
    if target is None:
        raise RuntimeError(f"{type_name} is not a declared attachment target")
    prepared = prepare(target, data, filename, strip=False, kinds=kinds)
    return await store(app, actor, target, owner, prepared, description=description, purpose=purpose)


async def read_bytes(app: Fengqiao, row: Attachment) -> bytes:
    """The plaintext of a stored file; ``FileIntegrityError`` when its bytes do not check."""
    if row.purged_at is not None:
        raise crypto.FileIntegrityError("the file was deleted under its retention rule")
    blob = await storage_of(app).get(row.storage_key)
    data = crypto.open_sealed(row.data_key, blob, row.storage_key)
    if hashlib.sha256(data).hexdigest() != row.sha256:
        raise crypto.FileIntegrityError("the stored bytes do not match the recorded SHA-256")
    return data


async def attachments_of(owner_type: str, owner_ids: Sequence[int], *, include_purged: bool = False) -> list[Any]:
    """Rows of the given owners, oldest first (one query)."""
    queryset = Attachment.filter(owner_type=owner_type, owner_id__in=list(owner_ids))
    if not include_purged:
        queryset = queryset.filter(purged_at__isnull=True)
    return list(await queryset.order_by("uploaded_at", "id"))
