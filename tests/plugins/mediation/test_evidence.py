"""Evidence on disputes: who may attach and see files, and listing them without N+1."""

from __future__ import annotations

from core import Role
from core.testing import count_queries
from tests.core.attachments.files import jpeg_with_gps, pdf, upload

from . import flows
from .evidence_helpers import as_user

LIST = "query { disputes(first: 50) { nodes { id attachments { kind sha256 description } } } }"


async def _attach(client, dispute_id, data=None, name="现场.jpg", media="image/jpeg", **extra):
    response = await upload(client, dispute_id, data or jpeg_with_gps(), name, media, **extra)
    return response.json()["data"]["uploadAttachment"]


async def test_the_grid_worker_who_reported_a_dispute_attaches_a_site_photo(app, station, login_as):
    worker = await login_as(Role.GRID_WORKER, station=station)
    dispute = await flows.report(worker, station)
    payload = await _attach(worker, dispute["id"], description="楼上漏水现场")
    assert payload["errors"] == [] and payload["attachment"]["kind"] == "IMAGE"
    # Disputes keep site photos' position (evidence) unless the uploader asks otherwise.
    assert payload["attachment"]["metadataStripped"] is False
    data = await worker.data(LIST)
    assert data["disputes"]["nodes"][0]["attachments"][0]["description"] == "楼上漏水现场"


async def test_a_team_mediator_attaches_a_recording_of_the_session(app, officer, station, team):
    dispute = await flows.in_mediation(officer, station, team)
    mediator = as_user(app, team["PEOPLES_MEDIATOR"])
    wav = b"RIFF\x24\x00\x00\x00WAVEfmt " + b"\x00" * 40
    payload = await _attach(mediator, dispute["id"], wav, "调解录音.wav", "audio/wav")
    assert payload["attachment"]["kind"] == "AUDIO"


async def test_a_mediator_outside_the_team_can_neither_attach_nor_see(app, officer, station, team, login_as):
    dispute = await flows.in_mediation(officer, station, team)
    await _attach(officer, dispute["id"])
    outsider = await login_as(Role.MEDIATOR, station=station)
    assert (await _attach(outsider, dispute["id"]))["errors"][0]["code"] == "NOT_FOUND"
    body = await outsider.execute("query($o: ID!) { attachments(ownerId: $o) { totalCount } }", {"o": dispute["id"]})
    assert body["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"


async def test_a_volunteer_on_the_team_may_not_add_evidence(app, officer, station, team):
    dispute = await flows.in_mediation(officer, station, team)
    volunteer = as_user(app, team["VOLUNTEER"])
    error = (await _attach(volunteer, dispute["id"]))["errors"][0]
    assert error["code"] == "FORBIDDEN" and "mediation.evidence.upload" in error["message"]


async def test_a_zip_is_not_accepted_as_evidence(officer, station, team):
    import io
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("readme.txt", "x")
    dispute = await flows.report(officer, station)
    payload = await _attach(officer, dispute["id"], buffer.getvalue(), "证据.zip", "application/zip")
    assert payload["errors"][0]["code"] == "INVALID" and "ARCHIVE" in payload["errors"][0]["message"]


async def test_listing_attachments_of_many_disputes_costs_the_same_statements(app, officer, station):
    first = await flows.report(officer, station)
    await _attach(officer, first["id"])
    with count_queries() as one:
        await officer.data(LIST)
    for _ in range(4):
        dispute = await flows.report(officer, station)
        await _attach(officer, dispute["id"], pdf(), "协议.pdf", "application/pdf")
    with count_queries() as five:
        data = await officer.data(LIST)
    assert sum(len(node["attachments"]) for node in data["disputes"]["nodes"]) == 5
    assert five.count == one.count
