"""Realistic small files and a multipart upload helper for the attachment tests."""

from __future__ import annotations

import io
import json

from PIL import Image

MODEL = "HUAWEI Mate 40 Pro"


def jpeg_with_gps(colour=(180, 40, 40)) -> bytes:
    """A photo as a phone takes it: camera model and GPS position (达州 渠县) in its EXIF."""
    image = Image.new("RGB", (64, 48), colour)
    exif = Image.Exif()
    exif[0x0110] = MODEL  # Model
    exif[0x010F] = "HUAWEI"  # Make
    gps = exif.get_ifd(0x8825)
    gps[1], gps[2] = "N", (30.0, 50.0, 12.5)
    gps[3], gps[4] = "E", (106.0, 58.0, 3.2)
    out = io.BytesIO()
    image.save(out, format="JPEG", exif=exif.tobytes())
    return out.getvalue()


def png() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (8, 8), (0, 120, 200)).save(out, format="PNG")
    return out.getvalue()


def pdf(text: str = "mediation agreement SECRET-MARKER-7731") -> bytes:
    body = f"BT /F1 12 Tf 72 720 Td ({text}) Tj ET".encode()
    return (
        b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
        b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
        b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 612 792]/Contents 4 0 R>>endobj\n"
        + f"4 0 obj<</Length {len(body)}>>stream\n".encode()
        + body
        + b"\nendstream endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
    )


WINDOWS_EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 200

UPLOAD = """
mutation($input: UploadAttachmentInput!) {
  uploadAttachment(input: $input) {
    attachment { id ownerId kind mediaType filename description size sha256 originalSha256 metadataStripped
                 uploadedAt retainUntil downloadUrl { url expiresAt } }
    errors { field message code }
  }
}
"""


async def upload(
    client,
    owner_id: str,
    data: bytes,
    filename: str = "photo.jpg",
    content_type: str = "image/jpeg",
    *,
    query: str = UPLOAD,
    **extra,
):
    """Send a GraphQL multipart request (the spec's operations / map / file parts)."""
    import httpx

    operations = {"query": query, "variables": {"input": {"ownerId": owner_id, "file": None, **extra}}}
    form = {"operations": json.dumps(operations), "map": json.dumps({"0": ["variables.input.file"]})}
    headers = {"Authorization": f"Bearer {client.token}"} if client.token else {}
    async with httpx.AsyncClient(transport=client._transport, base_url="http://fengqiao.test") as http:
        return await http.post("/graphql", data=form, files={"0": (filename, data, content_type)}, headers=headers)


async def download(client, url: str):
    import httpx

    async with httpx.AsyncClient(transport=client._transport, base_url="http://fengqiao.test") as http:
        return await http.get(url)
