"""Content sniffing: a file's kind and media type from its first bytes (magic numbers).

The client's file name and declared content type are never trusted: a ``.jpg`` that is really
an executable is refused. Only the formats listed here are recognised; anything else is
refused, which is the safe default for evidence files.
"""

from __future__ import annotations

import dataclasses
import io
import zipfile

from core.contract import AttachmentKind

K = AttachmentKind


@dataclasses.dataclass(frozen=True)
class Sniffed:
    kind: AttachmentKind
    media_type: str
    extension: str


# ISO base media ("ftyp" box at offset 4): brand → (kind, media type, extension).
_FTYP_BRANDS = {
    b"heic": (K.IMAGE, "image/heic", "heic"),
    b"heix": (K.IMAGE, "image/heic", "heic"),
    b"mif1": (K.IMAGE, "image/heif", "heif"),
    b"M4A ": (K.AUDIO, "audio/mp4", "m4a"),
    b"qt  ": (K.VIDEO, "video/quicktime", "mov"),
    b"3gp4": (K.VIDEO, "video/3gpp", "3gp"),
    b"3gp5": (K.VIDEO, "video/3gpp", "3gp"),
}
_MP4_BRANDS = (b"isom", b"iso2", b"mp41", b"mp42", b"avc1", b"dash", b"MSNV")


def sniff(head: bytes, whole: bytes | None = None) -> Sniffed | None:
    """The kind of a file from its first bytes (``whole`` lets ZIP-based documents be told
    apart from plain archives); ``None`` for anything not recognised."""
    if head.startswith(b"\xff\xd8\xff"):
        return Sniffed(K.IMAGE, "image/jpeg", "jpg")
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return Sniffed(K.IMAGE, "image/png", "png")
    if head[:6] in (b"GIF87a", b"GIF89a"):
        return Sniffed(K.IMAGE, "image/gif", "gif")
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return Sniffed(K.IMAGE, "image/webp", "webp")
    if head.startswith(b"%PDF-"):
        return Sniffed(K.PDF, "application/pdf", "pdf")
    if head[:4] == b"RIFF" and head[8:12] == b"WAVE":
        return Sniffed(K.AUDIO, "audio/wav", "wav")
    if head.startswith(b"#!AMR"):
        return Sniffed(K.AUDIO, "audio/amr", "amr")
    if head.startswith(b"ID3") or (len(head) > 1 and head[0] == 0xFF and head[1] & 0xE0 == 0xE0 and head[1] & 0x06):
        return Sniffed(K.AUDIO, "audio/mpeg", "mp3")
    if head.startswith(b"OggS"):
        return Sniffed(K.AUDIO, "audio/ogg", "ogg")
    if head[4:8] == b"ftyp":
        brand = head[8:12]
        if brand in _FTYP_BRANDS:
            return Sniffed(*_FTYP_BRANDS[brand])
        if brand in _MP4_BRANDS:
            return Sniffed(K.VIDEO, "video/mp4", "mp4")
        return None
    if head.startswith(b"\x1a\x45\xdf\xa3"):
        return Sniffed(K.VIDEO, "video/webm", "webm")
    if head.startswith(b"PK\x03\x04"):
        return _zip_based(whole or head)
    if head.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        return Sniffed(K.DOCUMENT, "application/msword", "doc")
    return None


_OFFICE = {
    "word/document.xml": (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "docx",
    ),
    "xl/workbook.xml": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx"),
    "ppt/presentation.xml": (
        "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        "pptx",
    ),
}


def _zip_based(data: bytes) -> Sniffed | None:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
    except (zipfile.BadZipFile, ValueError):
        return None
    for marker, (media_type, extension) in _OFFICE.items():
        if marker in names and "[Content_Types].xml" in names:
            return Sniffed(K.DOCUMENT, media_type, extension)
    return Sniffed(K.ARCHIVE, "application/zip", "zip")
