"""Uploads and downloads against a real uvicorn: multipart over the wire, parallel uploads,
and the body allowance enforced on a streamed (chunked) body."""

from __future__ import annotations

import asyncio
import hashlib
import json

import httpx

from core.storage.settings import AttachmentSettings
from tests.core.attachments.files import UPLOAD, jpeg_with_gps, pdf
from tests.core.test_real_server import serving


def _form(owner_id: str) -> dict:
    operations = {"query": UPLOAD, "variables": {"input": {"ownerId": owner_id, "file": None}}}
    return {"operations": json.dumps(operations), "map": json.dumps({"0": ["variables.input.file"]})}


async def test_parallel_uploads_over_http_each_get_their_custody_record(app, officer, owner_id):
    from core.audit.models import AuditEvent
    from core.audit.verify import verify_chain

    photos = [jpeg_with_gps((index * 40, 30, 30)) for index in range(6)]
    headers = {"Authorization": f"Bearer {officer.token}"}
    async with serving(app) as address, httpx.AsyncClient(base_url=f"http://{address}", timeout=30) as http:

        async def send(data: bytes):
            response = await http.post("/graphql", data=_form(owner_id), files={"0": ("p.jpg", data, "image/jpeg")}, headers=headers)
            return response.json()["data"]["uploadAttachment"]["attachment"]

        stored = await asyncio.gather(*(send(photo) for photo in photos))
        first = await http.get(stored[0]["downloadUrl"]["url"])
    assert {item["sha256"] for item in stored} == {hashlib.sha256(photo).hexdigest() for photo in photos}
    assert first.status_code == 200 and first.content in photos
    assert await AuditEvent.filter(action="core.attachment.store").count() == 6
    assert (await verify_chain()).ok


async def test_a_streamed_body_over_the_allowance_is_cut_off_with_413(make_app):
    import tests.core.sample_plugin as sample_plugin
    from core import Role, to_global_id
    from core.attachments.models import Attachment
    from core.testing import create_station, create_user, token_for
    from tests.core.sample_plugin.models import SamplePerson

    app = await make_app(["sample"], extra_plugins=[sample_plugin], attachments=AttachmentSettings(max_upload_bytes=300 * 1024))
    station = await create_station(app)
    token = token_for(app, await create_user(app, station, Role.OFFICER))
    person = await SamplePerson.create(station=station, name="周八")
    boundary = "fengqiao-boundary"
    head = (
        f'--{boundary}\r\nContent-Disposition: form-data; name="operations"\r\n\r\n'
        + _form(to_global_id("SamplePerson", person.id))["operations"]
        + f'\r\n--{boundary}\r\nContent-Disposition: form-data; name="map"\r\n\r\n{{"0": ["variables.input.file"]}}'
        + f'\r\n--{boundary}\r\nContent-Disposition: form-data; name="0"; filename="big.pdf"\r\n'
        "Content-Type: application/pdf\r\n\r\n"
    ).encode()

    async def body():
        yield head + pdf()
        for _ in range(40):  # 40 × 16 KiB more: past the 300 KiB allowance, with no Content-Length
            yield b"%" * 16384
        yield f"\r\n--{boundary}--\r\n".encode()

    headers = {"Authorization": f"Bearer {token}", "Content-Type": f"multipart/form-data; boundary={boundary}"}
    async with serving(app) as address, httpx.AsyncClient(base_url=f"http://{address}", timeout=30) as http:
        response = await http.post("/graphql", content=body(), headers=headers)
    assert response.status_code == 413
    assert await Attachment.all().count() == 0
