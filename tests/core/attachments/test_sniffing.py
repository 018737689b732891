"""Content sniffing: each accepted format is recognised from its bytes, whatever its name."""

from __future__ import annotations

import io
import zipfile

import pytest
from hypothesis import given
from hypothesis import strategies as st

from core.attachments.services import clean_filename
from core.attachments.sniffing import sniff
from core.contract import AttachmentKind as K
from tests.core.attachments.files import WINDOWS_EXE, jpeg_with_gps, pdf, png


def _zip(*names: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name in names:
            archive.writestr(name, "<x/>")
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("data", "kind", "media_type"),
    [
        (jpeg_with_gps(), K.IMAGE, "image/jpeg"),
        (png(), K.IMAGE, "image/png"),
        (b"GIF89a" + b"\x00" * 20, K.IMAGE, "image/gif"),
        (b"RIFF\x00\x00\x00\x00WEBPVP8 " + b"\x00" * 20, K.IMAGE, "image/webp"),
        (b"\x00\x00\x00\x18ftypheic" + b"\x00" * 20, K.IMAGE, "image/heic"),
        (pdf(), K.PDF, "application/pdf"),
        (b"ID3\x04\x00" + b"\x00" * 20, K.AUDIO, "audio/mpeg"),
        (b"#!AMR\n" + b"\x00" * 20, K.AUDIO, "audio/amr"),
        (b"RIFF\x00\x00\x00\x00WAVEfmt " + b"\x00" * 20, K.AUDIO, "audio/wav"),
        (b"\x00\x00\x00\x20ftypM4A " + b"\x00" * 20, K.AUDIO, "audio/mp4"),
        (b"\x00\x00\x00\x18ftypmp42" + b"\x00" * 20, K.VIDEO, "video/mp4"),
        (b"\x00\x00\x00\x14ftypqt  " + b"\x00" * 20, K.VIDEO, "video/quicktime"),
        (_zip("[Content_Types].xml", "word/document.xml"), K.DOCUMENT, "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
        (_zip("[Content_Types].xml", "xl/workbook.xml"), K.DOCUMENT, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
        (_zip("notes.txt"), K.ARCHIVE, "application/zip"),
    ],
)
def test_a_format_is_recognised_from_its_bytes(data, kind, media_type):
    found = sniff(data[:64], data)
    assert found is not None and (found.kind, found.media_type) == (kind, media_type)


@pytest.mark.parametrize(
    "data",
    [WINDOWS_EXE, b"#!/bin/sh\nrm -rf /\n", b"<html><script>alert(1)</script>", b"\x7fELF\x02\x01", b"plain text notes", b""],
)
def test_programs_scripts_markup_and_text_are_not_recognised(data):
    assert sniff(data[:64], data) is None


def test_a_broken_zip_is_not_recognised():
    assert sniff(b"PK\x03\x04" + b"\x00" * 40) is None


@given(st.binary(max_size=64))
def test_sniffing_never_fails_on_arbitrary_bytes(data):
    found = sniff(data, data)
    assert found is None or found.kind in K


@pytest.mark.parametrize(
    ("name", "extension", "expected"),
    [
        ("现场照片.jpg", "jpg", "现场照片.jpg"),
        ("../../etc/passwd", "png", "passwd.png"),
        ('a"b<c>|d.exe', "pdf", "a_b_c_d.pdf"),
        ("", "pdf", "file.pdf"),
        ("C:\\Users\\张三\\协议.docx", "pdf", "协议.pdf"),
    ],
)
def test_file_names_are_made_safe_and_take_the_sniffed_extension(name, extension, expected):
    assert clean_filename(name, extension) == expected
