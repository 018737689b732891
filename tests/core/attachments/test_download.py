"""Downloads through short-lived signed URLs, checked again when used, and audited."""

from __future__ import annotations

from core import Role
from tests.core.attachments.files import download, jpeg_with_gps, pdf, upload


async def _stored(client, owner_id, data=None, name="协议.pdf", media="application/pdf"):
    response = await upload(client, owner_id, data or pdf(), name, media)
    payload = response.json()["data"]["uploadAttachment"]
    assert payload["errors"] == []
    return payload["attachment"]


async def _fresh_url(client, owner_id) -> str:
    data = await client.data("query($o: ID!) { attachments(ownerId: $o) { nodes { downloadUrl { url } } } }", {"o": owner_id})
    return data["attachments"]["nodes"][0]["downloadUrl"]["url"]


async def test_a_signed_url_downloads_the_original_bytes_with_safe_headers(officer, owner_id):
    data = pdf()
    attachment = await _stored(officer, owner_id, data)
    response = await download(officer.as_user(None), attachment["downloadUrl"]["url"])
    assert response.status_code == 200 and response.content == data
    assert response.headers["content-type"] == "application/pdf"
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.headers["cache-control"] == "no-store"
    assert "attachment;" in response.headers["content-disposition"]
    assert response.headers["x-checksum-sha256"] == attachment["sha256"]


async def test_each_download_is_audited_with_who_and_which_file(officer, owner_id):
    from core.audit.models import AuditEvent

    attachment = await _stored(officer, owner_id)
    await download(officer, attachment["downloadUrl"]["url"])
    await download(officer, attachment["downloadUrl"]["url"])
    events = await AuditEvent.filter(action="core.attachment.download")
    assert len(events) == 2
    assert {event.actor_id for event in events} == {officer.user.id}
    assert events[0].after["sha256"] == attachment["sha256"]


async def test_an_expired_url_is_refused(app, officer, owner_id):
    attachment = await _stored(officer, owner_id)
    app.clock.advance(seconds=app.settings.attachments.download_url_ttl_seconds + 1)
    response = await download(officer, attachment["downloadUrl"]["url"])
    assert response.status_code == 404 and "expired" in response.json()["error"]


async def test_a_tampered_url_is_refused(officer, owner_id):
    attachment = await _stored(officer, owner_id)
    url = attachment["downloadUrl"]["url"]
    response = await download(officer, url[:-3] + ("AAA" if not url.endswith("AAA") else "BBB"))
    assert response.status_code == 404


async def test_a_url_stops_working_when_its_user_is_deactivated(officer, owner_id):
    from core.identity.models import User

    attachment = await _stored(officer, owner_id)
    await User.filter(id=officer.user.id).update(is_active=False)
    assert (await download(officer, attachment["downloadUrl"]["url"])).status_code == 404


async def test_a_url_stops_working_when_its_user_loses_the_read_permission(app, officer, owner_id):
    from core.identity.models import User

    attachment = await _stored(officer, owner_id)
    await User.filter(id=officer.user.id).update(roles=[Role.VOLUNTEER.value])
    assert (await download(officer, attachment["downloadUrl"]["url"])).status_code == 404


async def test_another_stations_user_cannot_list_the_files(login_as, other_station, officer, owner_id):
    await _stored(officer, owner_id)
    stranger = await login_as(Role.OFFICER, station=other_station)
    body = await stranger.execute("query($o: ID!) { attachments(ownerId: $o) { totalCount } }", {"o": owner_id})
    assert body["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"
    assert body["errors"][0]["extensions"]["field"] == "ownerId"


async def test_a_role_without_the_objects_read_permission_cannot_list(login_as, station, officer, owner_id):
    await _stored(officer, owner_id)
    volunteer = await login_as(Role.VOLUNTEER, station=station)
    body = await volunteer.execute("query($o: ID!) { attachments(ownerId: $o) { totalCount } }", {"o": owner_id})
    assert body["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"
    assert "sample.person.read" in body["errors"][0]["message"]


async def test_a_download_whose_stored_bytes_were_changed_is_refused(app, officer, owner_id):
    from tests.core.attachments.conftest import stored_blobs

    attachment = await _stored(officer, owner_id, jpeg_with_gps(), "a.jpg", "image/jpeg")
    (blob,) = stored_blobs(app)
    content = bytearray(blob.read_bytes())
    content[-20] ^= 0xFF
    blob.write_bytes(bytes(content))
    response = await download(officer, attachment["downloadUrl"]["url"])
    assert response.status_code == 500 and attachment["sha256"] not in response.text


async def test_a_fresh_url_can_be_asked_for_at_any_time(app, officer, owner_id):
    await _stored(officer, owner_id)
    app.clock.advance(hours=2)
    from core.testing import token_for

    again = officer.as_user(token_for(app, officer.user))
    url = await _fresh_url(again, owner_id)
    assert (await download(again, url)).status_code == 200


async def test_a_deployment_that_revokes_attachment_reading_refuses_downloads(make_app):
    import tests.core.sample_plugin as sample_plugin
    from core import to_global_id
    from core.config import PermissionSettings
    from core.testing import GraphQLClient, create_station, create_user, token_for
    from tests.core.sample_plugin.models import SamplePerson

    revoked = PermissionSettings(revoke={"OFFICER": ("core.attachment.read",)})
    app = await make_app(["sample"], extra_plugins=[sample_plugin], permissions=revoked)
    station = await create_station(app)
    officer = GraphQLClient(app, token_for(app, await create_user(app, station, Role.OFFICER)))
    person = await SamplePerson.create(station=station, name="孙七")
    attachment = await _stored(officer, to_global_id("SamplePerson", person.id))
    assert (await download(officer, attachment["downloadUrl"]["url"])).status_code == 404


def test_download_links_are_kept_out_of_access_logs(app):
    import logging

    from core.app import create_app

    create_app(app)
    record = logging.LogRecord(
        "uvicorn.access", logging.INFO, __file__, 1, '%s - "%s %s HTTP/%s" %d',
        ("127.0.0.1:5555", "GET", "/files/eyJhbGciOi.secret.token", "1.1", 200), None,
    )
    for log_filter in logging.getLogger("uvicorn.access").filters:
        log_filter.filter(record)
    assert "eyJ" not in record.getMessage() and "/files/…" in record.getMessage()
