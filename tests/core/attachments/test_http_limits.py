"""The upload mutation alone may send a large multipart body; everything else may not."""

from __future__ import annotations

import json

import httpx
import pytest

from core.storage.settings import AttachmentSettings
from tests.core.attachments.files import download, png, upload


async def _app_for_limits(make_app, **settings):
    """An app whose upload allowance is 300 KiB, with an officer and a person to attach to."""
    import tests.core.sample_plugin as sample_plugin
    from core import Role, to_global_id
    from core.testing import GraphQLClient, create_station, create_user, token_for
    from tests.core.sample_plugin.models import SamplePerson

    attachments = AttachmentSettings(max_upload_bytes=300 * 1024)
    app = await make_app(["sample"], extra_plugins=[sample_plugin], attachments=attachments, **settings)
    station = await create_station(app)
    user = await create_user(app, station, Role.OFFICER)
    person = await SamplePerson.create(station=station, name="李四")
    return app, GraphQLClient(app, token_for(app, user)), to_global_id("SamplePerson", person.id)


@pytest.fixture
async def station_factory_for_limits(make_app):
    return await _app_for_limits(make_app)


def noisy_png(side: int) -> bytes:
    """A PNG of random pixels: it does not compress, so its size is about side² × 3 bytes."""
    import io
    import os

    from PIL import Image

    out = io.BytesIO()
    Image.frombytes("RGB", (side, side), os.urandom(side * side * 3)).save(out, format="PNG")
    return out.getvalue()


async def test_multipart_is_refused_for_any_other_operation(officer, owner_id):
    query = "mutation($input: UploadAttachmentInput!) { createStation(input: {name: \"x\", code: \"y\", stationClass: ONE}) { errors { message } } }"
    response = await upload(officer, owner_id, png(), "a.png", "image/png", query=query)
    assert response.status_code == 400
    assert "only for the uploadAttachment mutation" in response.text


async def test_multipart_is_refused_for_a_query(officer, owner_id):
    response = await upload(officer, owner_id, png(), "a.png", "image/png", query="query($input: UploadAttachmentInput) { me { id } }")
    assert response.status_code == 400


async def test_a_body_over_the_upload_allowance_gets_413(station_factory_for_limits):
    app, officer, owner_id = station_factory_for_limits
    response = await upload(officer, owner_id, b"\xff\xd8\xff" + b"\x00" * (700 * 1024), "big.jpg")
    assert response.status_code == 413
    assert response.json()["errors"][0]["extensions"]["code"] == "PAYLOAD_TOO_LARGE"


async def test_a_declared_length_over_the_allowance_is_refused_before_reading(station_factory_for_limits):
    app, officer, owner_id = station_factory_for_limits
    async with httpx.AsyncClient(transport=officer._transport, base_url="http://fengqiao.test") as http:
        response = await http.post(
            "/graphql",
            content=b"x" * 10,
            headers={"content-type": "multipart/form-data; boundary=b", "content-length": str(10**9)},
        )
    assert response.status_code == 413


async def test_an_upload_may_be_larger_than_the_body_limit_of_other_requests(make_app):
    from core.attachments.models import Attachment
    from core.config import LimitSettings

    app, officer, owner_id = await _app_for_limits(make_app, limits=LimitSettings(max_body_bytes=64 * 1024))
    photo = noisy_png(240)  # ≈ 170 KiB: above the 64 KiB of other requests, within the 300 KiB upload limit
    response = await upload(officer, owner_id, photo, "scan.png", "image/png")
    assert response.status_code == 200
    assert response.json()["data"]["uploadAttachment"]["attachment"]["size"] == len(photo)
    assert await Attachment.all().count() == 1


async def test_an_upload_limit_in_body_limits_replaces_the_attachment_setting(make_app):
    from core.attachments.models import Attachment
    from core.config import LimitSettings

    limits = LimitSettings(body_limits={"uploadAttachment": 100 * 1024})
    app, officer, owner_id = await _app_for_limits(make_app, limits=limits)
    response = await upload(officer, owner_id, noisy_png(240), "scan.png", "image/png")
    assert response.status_code == 413
    assert response.json()["errors"][0]["extensions"] == {"code": "PAYLOAD_TOO_LARGE", "limit": 100 * 1024}
    assert await Attachment.all().count() == 0


async def test_a_json_request_is_not_given_the_upload_allowance(officer):
    # A JSON body is not an upload: the multipart allowance does not apply to it.
    response = await officer.post({"query": "{ me { id } }", "variables": {"pad": "x" * 1000}})
    assert response.status_code == 200


async def test_the_download_route_does_not_accept_posts(officer):
    async with httpx.AsyncClient(transport=officer._transport, base_url="http://fengqiao.test") as http:
        response = await http.post("/files/abc", content=json.dumps({}))
    assert response.status_code == 405
    assert (await download(officer, "/files/not-a-token")).status_code == 404


