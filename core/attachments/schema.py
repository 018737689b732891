"""GraphQL of attachments: ``uploadAttachment`` (multipart), ``attachments(ownerId:)``, and the
``Attachment`` type with its signed ``downloadUrl``. There is no delete mutation: files are
deleted only by their retention rule (``fengqiao attachments purge``)."""

import datetime as dt
from typing import Annotated

import strawberry
from strawberry.file_uploads import Upload
from strawberry.types import Info
from tortoise.queryset import QuerySet

from core.attachments import services
from core.attachments.models import Attachment as AttachmentRow
from core.attachments.targets import attachment_targets, resolve_owner
from core.contract import AttachmentKind
from core.graphql.connections import connection
from core.graphql.enums import graphql_enum
from core.graphql.errors import UserError
from core.graphql.fields import mutation_field, query_field
from core.graphql.ids import to_global_id
from core.graphql.rows import reference, row_mapping

graphql_enum(
    AttachmentKind,
    description="What a stored file is, decided from its content (magic bytes), never from its name.",
    values={
        "IMAGE": "A photo or picture (JPEG, PNG, GIF, WebP, HEIC) — e.g. the site of a dispute.",
        "PDF": "A PDF document — e.g. a signed agreement (调解协议书).",
        "AUDIO": "A recording (MP3, M4A, WAV, AMR, Ogg) — e.g. of a visit.",
        "VIDEO": "A video (MP4, MOV, 3GP, WebM).",
        "DOCUMENT": "An office document (DOCX, XLSX, PPTX, DOC).",
        "ARCHIVE": "A ZIP package produced by the server, e.g. a 司法确认 application.",
    },
)


@strawberry.type(description="A short-lived link that downloads one file for the user who asked for it.")
class DownloadLink:
    url: str = strawberry.field(
        description="Path (GET, no Authorization header needed) under this server, e.g. /files/…; "
        "it works only for the asking user, while they may still see the file, and every use is audited."
    )
    expires_at: dt.datetime = strawberry.field(description="When the link stops working ([attachments] TTL).")


@strawberry.type(description="A file attached to an object (附件), with its chain-of-custody facts.")
class Attachment:
    id: strawberry.ID = strawberry.field(description="Opaque id of the attachment.")
    owner_id: strawberry.ID = strawberry.field(description="Global id of the object the file belongs to.")
    kind: AttachmentKind = strawberry.field(description="The kind sniffed from the content.")
    media_type: str = strawberry.field(description="The media type sniffed from the content, e.g. image/jpeg.")
    filename: str = strawberry.field(description="The uploader's file name, with the sniffed extension.")
    description: str | None = strawberry.field(description="What the file shows, as the uploader wrote it.")
    purpose: str | None = strawberry.field(
        description="Set for files the server produced, named <plugin>.<document>; null for uploads."
    )
    size: int = strawberry.field(description="Size of the stored file in bytes.")
    sha256: str = strawberry.field(description="SHA-256 (hex) of the stored file, as recorded in the audit chain.")
    original_sha256: str = strawberry.field(
        description="SHA-256 of the bytes as uploaded; differs from sha256 when image metadata was removed."
    )
    metadata_stripped: bool = strawberry.field(description="True when EXIF/GPS/device metadata was removed.")
    uploaded_by_user_id: strawberry.ID | None = strawberry.field(description="Who stored it (null: the system).")
    uploaded_at: dt.datetime = strawberry.field(description="When it was stored.")
    retain_until: dt.datetime = strawberry.field(
        description="When its retention ends; afterwards it is deleted (its audit record stays)."
    )
    _row: strawberry.Private[AttachmentRow]

    from_row = row_mapping(
        AttachmentRow,
        owner_id=lambda row: strawberry.ID(to_global_id(row.owner_type, row.owner_id)),
        uploaded_by_user_id=reference("User", "uploaded_by_id"),
    )

    @strawberry.field(description="A signed download link valid for a few minutes, for the asking user only.")
    def download_url(self, info: Info) -> DownloadLink:
        from core.attachments.downloads import download_token

        context = info.context
        token, expires = download_token(context.app, self._row.id, context.actor.user_id or 0)
        return DownloadLink(url=f"/files/{token}", expires_at=expires)


@strawberry.input(description="A file to attach to an object (sent as a GraphQL multipart request).")
class UploadAttachmentInput:
    owner_id: strawberry.ID = strawberry.field(
        description="Global id of the object the file belongs to; its type must accept attachments (its plugin "
        "declares which kinds and sizes)."
    )
    # Nullable so that a request without a file reaches the permission checks and gets a clear
    # REQUIRED error instead of a variable-coercion error.
    file: Upload | None = strawberry.field(
        default=None,
        description="Required: the file (a part of the multipart request); its type is decided from its content.",
    )
    description: str | None = strawberry.field(default=None, description="What the file shows (max 2000 chars).")
    strip_metadata: bool = strawberry.field(
        default=False,
        description="Remove EXIF/GPS/device metadata from an image even where the object's policy keeps it.",
    )


@strawberry.type(description="Result of uploadAttachment.")
class UploadAttachmentPayload:
    attachment: Attachment | None = strawberry.field(default=None, description="The stored file.")
    errors: list[UserError] = strawberry.field(default_factory=list, description="Why nothing was stored.")


async def _read_upload(file, limit: int) -> tuple[bytes, str | None]:
    name = getattr(file, "filename", None)
    reader = getattr(file, "read", None)
    if reader is None:
        from core.errors import UserErrorCode, UserInputError

        raise UserInputError(
            "Attach the file as a part of a GraphQL multipart request.", field="file", code=UserErrorCode.REQUIRED
        )
    data = await reader(limit + 1)
    return data, name


@strawberry.type
class AttachmentMutation:
    @mutation_field(
        permission="core.attachment.upload",
        description="Attach a file to an object (GraphQL multipart request; the one operation such a request may "
        "carry). The content decides the type; the object's plugin decides kinds, size and who may upload.",
    )
    async def upload_attachment(
        self,
        info: Info,
        input: Annotated[UploadAttachmentInput, strawberry.argument(description="The owner, the file and its notes.")],
    ) -> UploadAttachmentPayload:
        context = info.context
        app = context.app
        target, owner = await resolve_owner(app, context.actor, input.owner_id, permission="upload")
        data, name = await _read_upload(input.file, target.max_bytes)
        strip = (
            input.strip_metadata or target.strip_image_metadata or app.settings.attachments.always_strip_image_metadata
        )
        prepared = services.prepare(target, data, name, strip=strip)
        row = await services.store(app, context.actor, target, owner, prepared, description=input.description)
        return UploadAttachmentPayload(attachment=Attachment.from_row(row))


@strawberry.type
class AttachmentQuery:
    @query_field(
        permission="core.attachment.read",
        description="Files attached to one object, oldest first (files deleted by retention are left out).",
    )
    @connection(Attachment)
    async def attachments(
        self,
        info: Info,
        owner_id: Annotated[
            strawberry.ID, strawberry.argument(description="Global id of the object whose files are listed.")
        ],
    ) -> QuerySet:
        context = info.context
        target, owner = await resolve_owner(context.app, context.actor, owner_id, permission="read")
        queryset = AttachmentRow.filter(owner_type=target.type_name, owner_id=owner.pk, purged_at__isnull=True)
        return queryset.order_by("uploaded_at", "id")


def attachments_loader(info: Info, type_name: str):
    """A request-wide loader of a target's attachments by owner pk (one query per page)."""

    async def batch(keys: list[int]) -> list[list[Attachment]]:
        rows = await services.attachments_of(type_name, keys)
        grouped: dict[int, list[Attachment]] = {key: [] for key in keys}
        for row in rows:
            grouped[row.owner_id].append(Attachment.from_row(row))
        return [grouped[key] for key in keys]

    return info.context.loader(batch, key=f"core.attachments.{type_name}")


async def attachments_field(info: Info, type_name: str, owner_pk: int) -> list[Attachment]:
    """For plugins: the ``attachments`` of an object already loaded within the actor's reach
    (e.g. ``Dispute.attachments``); empty without the target's read permission."""
    target = attachment_targets(info.context.app).get(type_name)
    if target is None or not info.context.actor.has(target.read_permission):
        return []
    return await attachments_loader(info, type_name).load(owner_pk)
