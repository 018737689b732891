"""Uploading attachments through the GraphQL multipart request: sniffing, limits, metadata,
encryption at rest, and the chain-of-custody audit event."""

from __future__ import annotations

import hashlib
import io

from PIL import Image

from core import Role
from tests.core.attachments.conftest import stored_blobs
from tests.core.attachments.files import MODEL, WINDOWS_EXE, jpeg_with_gps, pdf, png, upload


async def _payload(response):
    assert response.status_code == 200, response.text
    body = response.json()
    assert not body.get("errors"), body["errors"]
    return body["data"]["uploadAttachment"]


async def test_an_uploaded_photo_is_stored_with_its_hash_and_listed_on_its_owner(app, officer, owner_id):
    data = jpeg_with_gps()
    payload = await _payload(await upload(officer, owner_id, data, "现场照片.jpg", description="漏水现场"))
    attachment = payload["attachment"]
    assert payload["errors"] == []
    assert attachment["kind"] == "IMAGE" and attachment["mediaType"] == "image/jpeg"
    assert attachment["sha256"] == hashlib.sha256(data).hexdigest() and attachment["size"] == len(data)
    assert attachment["filename"] == "现场照片.jpg" and attachment["ownerId"] == owner_id
    listed = await officer.data(
        "query($o: ID!) { attachments(ownerId: $o) { totalCount nodes { id sha256 description } } }", {"o": owner_id}
    )
    assert listed["attachments"]["totalCount"] == 1
    assert listed["attachments"]["nodes"][0]["description"] == "漏水现场"


async def test_the_type_comes_from_the_content_not_the_name_or_declared_type(officer, owner_id):
    payload = await _payload(await upload(officer, owner_id, png(), "agreement.pdf", "application/pdf"))
    assert payload["attachment"]["kind"] == "IMAGE"
    assert payload["attachment"]["mediaType"] == "image/png"
    assert payload["attachment"]["filename"] == "agreement.png"


async def test_a_program_named_like_a_photo_is_refused_and_nothing_is_stored(app, officer, owner_id):
    payload = await _payload(await upload(officer, owner_id, WINDOWS_EXE, "photo.jpg", "image/jpeg"))
    assert payload["attachment"] is None
    assert payload["errors"][0]["code"] == "INVALID" and payload["errors"][0]["field"] == "file"
    assert "unrecognised format" in payload["errors"][0]["message"]
    assert stored_blobs(app) == []


async def test_a_kind_the_object_does_not_accept_is_refused(officer, owner_id):
    video = b"\x00\x00\x00\x18ftypmp42\x00\x00\x00\x00mp42isom" + b"\x00" * 64
    payload = await _payload(await upload(officer, owner_id, video, "clip.mp4", "video/mp4"))
    assert payload["errors"][0]["code"] == "INVALID"
    assert "VIDEO" in payload["errors"][0]["message"] and "accepts IMAGE, PDF, AUDIO" in payload["errors"][0]["message"]


async def test_a_file_over_the_objects_size_limit_is_refused(app, officer, owner_id):
    big = pdf() + b"%" * (256 * 1024)
    payload = await _payload(await upload(officer, owner_id, big, "scan.pdf", "application/pdf"))
    assert payload["errors"][0]["code"] == "INVALID" and "at most 262144 bytes" in payload["errors"][0]["message"]
    assert stored_blobs(app) == []


async def test_an_empty_file_is_refused(officer, owner_id):
    payload = await _payload(await upload(officer, owner_id, b"", "empty.jpg"))
    assert payload["errors"][0]["code"] == "REQUIRED"


async def test_metadata_is_kept_by_this_objects_policy_unless_the_uploader_asks(officer, owner_id):
    kept = await _payload(await upload(officer, owner_id, jpeg_with_gps()))
    assert kept["attachment"]["metadataStripped"] is False
    stripped = (await _payload(await upload(officer, owner_id, jpeg_with_gps(), stripMetadata=True)))["attachment"]
    assert stripped["metadataStripped"] is True
    assert stripped["sha256"] != stripped["originalSha256"]


async def test_stripping_removes_gps_and_device_but_keeps_the_picture(app, officer, owner_id):
    from core.attachments.models import Attachment
    from core.attachments.services import read_bytes

    payload = await _payload(await upload(officer, owner_id, jpeg_with_gps(), stripMetadata=True))
    row = await Attachment.get(sha256=payload["attachment"]["sha256"])
    stored = await read_bytes(app, row)
    assert MODEL.encode() not in stored
    with Image.open(io.BytesIO(stored)) as image:
        assert dict(image.getexif()) == {} and image.size == (64, 48)
        red, green, blue = image.convert("RGB").getpixel((10, 10))
        assert red > 150 and green < 80 and blue < 80


async def test_files_are_encrypted_at_rest(app, officer, owner_id):
    await _payload(await upload(officer, owner_id, pdf(), "协议.pdf", "application/pdf"))
    (blob,) = stored_blobs(app)
    content = blob.read_bytes()
    assert b"SECRET-MARKER-7731" not in content and not content.startswith(b"%PDF")


async def test_storing_records_hash_size_uploader_and_time_in_the_audit_chain(app, officer, owner_id):
    from core.audit.models import AuditEvent

    attachment = (await _payload(await upload(officer, owner_id, png(), "a.png", "image/png")))["attachment"]
    event = await AuditEvent.get(action="core.attachment.store")
    assert event.actor_id == officer.user.id
    assert event.after["sha256"] == attachment["sha256"] and event.after["size"] == attachment["size"]
    assert event.after["uploaded_by"] == officer.user.id and event.after["uploaded_at"]
    assert "a.png" not in str(event.after)  # file names may name people: not in the chain


async def test_another_stations_object_is_reported_like_a_missing_one(app, login_as, other_station, owner_id):
    stranger = await login_as(Role.OFFICER, station=other_station)
    payload = await _payload(await upload(stranger, owner_id, png(), "a.png", "image/png"))
    assert payload["errors"][0]["code"] == "NOT_FOUND"
    missing = await _payload(await upload(stranger, "U2FtcGxlUGVyc29uOjk5OTk", png(), "a.png", "image/png"))
    assert missing["errors"][0]["message"] == payload["errors"][0]["message"]


async def test_a_role_without_the_objects_upload_permission_is_refused(app, login_as, station, owner_id):
    auxiliary = await login_as(Role.AUXILIARY, station=station)  # reads the register, may not add to it
    payload = await _payload(await upload(auxiliary, owner_id, png(), "a.png", "image/png"))
    assert payload["errors"][0]["code"] == "FORBIDDEN"
    assert stored_blobs(app) == []


async def test_an_anonymous_upload_is_unauthenticated(client, owner_id, person):
    response = await upload(client, owner_id, png(), "a.png", "image/png")
    assert response.json()["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"


async def test_an_upload_without_a_file_part_says_the_file_is_required(officer, owner_id):
    body = await officer.execute(
        "mutation($i: UploadAttachmentInput!) { uploadAttachment(input: $i) { errors { field code } } }",
        {"i": {"ownerId": owner_id}},
    )
    assert body["data"]["uploadAttachment"]["errors"] == [{"field": "file", "code": "REQUIRED"}]
