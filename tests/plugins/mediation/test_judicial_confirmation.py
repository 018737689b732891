"""司法确认: one call builds the court's package; the hand-off and the decision go on the
dispute's timeline; confirmed agreements are counted in the statistics."""

from __future__ import annotations

import hashlib
import io
import json
import zipfile

from core import Role
from core.testing import token_for

from . import flows
from .evidence_helpers import fetch

APPLY = """
mutation($input: ApplyForJudicialConfirmationInput!) {
  applyForJudicialConfirmation(input: $input) {
    confirmation { id court referenceNumber submittedOn status packageAttachmentId }
    package { id kind purpose sha256 downloadUrl { url } }
    errors { field message code }
  }
}
"""
DECIDE = """
mutation($input: RecordJudicialDecisionInput!) {
  recordJudicialDecision(input: $input) {
    confirmation { id status decidedOn decisionReason }
    errors { field message code }
  }
}
"""
COURT = "四川省渠县人民法院"


def _apply_input(dispute_id, **changes):
    return {"input": {"disputeId": dispute_id, "court": COURT, "referenceNumber": "(2020)川1725民特12号",
                      "submittedOn": "2020-08-20", **changes}}


async def _with_evidence(app, officer, station, team):
    from tests.core.attachments.files import jpeg_with_gps, upload

    dispute = await flows.resolved(officer, station, team)
    response = await upload(officer, dispute["id"], jpeg_with_gps(), "漏水现场.jpg", description="楼上漏水现场")
    photo = response.json()["data"]["uploadAttachment"]
    assert photo["errors"] == []
    return dispute, photo["attachment"]


async def test_one_call_builds_the_package_with_a_manifest_of_hashes(app, officer, station, team):
    dispute, photo = await _with_evidence(app, officer, station, team)
    payload = await officer.mutate(APPLY, _apply_input(dispute["id"]))
    assert payload["confirmation"]["status"] == "SUBMITTED" and payload["package"]["kind"] == "ARCHIVE"
    data = await fetch(officer, payload["package"]["downloadUrl"]["url"])
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        names = archive.namelist()
        manifest = json.loads(archive.read("manifest.json"))
        contents = {name: archive.read(name) for name in names}
    assert names == ["01-司法确认申请书.pdf", "02-人民调解协议书.pdf", "03-当事人身份信息.json", "04-证据清单.json", "manifest.json"]
    assert manifest["court"] == COURT and manifest["dispute_number"].endswith("-000001")
    for entry in manifest["files"]:
        assert hashlib.sha256(contents[entry["name"]]).hexdigest() == entry["sha256"]
    evidence = json.loads(contents["04-证据清单.json"])
    assert [item["sha256"] for item in evidence] == [photo["sha256"]]
    parties = json.loads(contents["03-当事人身份信息.json"])
    assert [party["name"] for party in parties] == ["张三", "李四"] and len(parties[0]["id_number"]) == 18
    assert contents["01-司法确认申请书.pdf"].startswith(b"%PDF")


async def test_the_hand_off_and_the_decision_are_on_the_timeline(app, officer, station, team):
    dispute = await flows.resolved(officer, station, team)
    confirmation = (await officer.mutate(APPLY, _apply_input(dispute["id"])))["confirmation"]
    await officer.mutate(DECIDE, {"input": {"confirmationId": confirmation["id"], "decision": "CONFIRMED", "decidedOn": "2020-08-20"}})
    data = await officer.data(
        "query { disputes { nodes { history { action note } judicialConfirmations { status court decidedOn } } } }"
    )
    node = data["disputes"]["nodes"][0]
    actions = [(entry["action"], entry["note"]) for entry in node["history"]][-2:]
    assert actions == [("judicial_apply", f"{COURT}（(2020)川1725民特12号）"), ("judicial_confirmed", f"{COURT}（(2020)川1725民特12号）")]
    assert node["judicialConfirmations"] == [{"status": "CONFIRMED", "court": COURT, "decidedOn": "2020-08-20"}]


async def test_confirmed_agreements_are_counted_in_the_statistics(app, officer, station, team, login_as):
    chief = await login_as(Role.STATION_CHIEF, station=station)
    confirmed = await flows.resolved(officer, station, team)
    pending = await flows.resolved(officer, station, team)
    first = (await officer.mutate(APPLY, _apply_input(confirmed["id"])))["confirmation"]
    await officer.mutate(APPLY, _apply_input(pending["id"], referenceNumber="(2020)川1725民特13号"))
    await officer.mutate(DECIDE, {"input": {"confirmationId": first["id"], "decision": "CONFIRMED", "decidedOn": "2020-08-20"}})
    stats = await chief.data('{ mediationStats(period: {start: "2020-08-01", end: "2020-08-31"}) { resolved judiciallyConfirmed } }')
    assert stats["mediationStats"] == {"resolved": 2, "judiciallyConfirmed": 1}


async def test_a_rejection_needs_the_courts_reason_and_allows_a_new_application(app, officer, station, team):
    dispute = await flows.resolved(officer, station, team)
    confirmation = (await officer.mutate(APPLY, _apply_input(dispute["id"])))["confirmation"]
    data = await officer.data(DECIDE, {"input": {"confirmationId": confirmation["id"], "decision": "REJECTED", "decidedOn": "2020-08-20"}})
    assert data["recordJudicialDecision"]["errors"] == [{"field": "reason", "message": "Give the court's reason for rejecting.", "code": "REQUIRED"}]
    rejected = await officer.mutate(DECIDE, {"input": {"confirmationId": confirmation["id"], "decision": "REJECTED", "decidedOn": "2020-08-20", "reason": "协议内容超出纠纷范围"}})
    assert rejected["confirmation"]["decisionReason"] == "协议内容超出纠纷范围"
    again = await officer.mutate(APPLY, _apply_input(dispute["id"], referenceNumber="(2020)川1725民特20号"))
    assert again["confirmation"]["status"] == "SUBMITTED"


async def test_a_decision_is_recorded_once(officer, station, team):
    dispute = await flows.resolved(officer, station, team)
    confirmation = (await officer.mutate(APPLY, _apply_input(dispute["id"])))["confirmation"]
    decide = {"input": {"confirmationId": confirmation["id"], "decision": "CONFIRMED", "decidedOn": "2020-08-20"}}
    await officer.mutate(DECIDE, decide)
    data = await officer.data(DECIDE, decide)
    assert data["recordJudicialDecision"]["errors"][0]["code"] == "INVALID_TRANSITION"


async def test_an_agreement_already_with_the_court_is_not_sent_twice(officer, station, team):
    from plugins.mediation.models import JudicialConfirmation

    dispute = await flows.resolved(officer, station, team)
    await officer.mutate(APPLY, _apply_input(dispute["id"]))
    data = await officer.data(APPLY, _apply_input(dispute["id"]))
    assert data["applyForJudicialConfirmation"]["errors"][0]["code"] == "CONFLICT"
    assert await JudicialConfirmation.all().count() == 1


async def test_a_dispute_still_in_mediation_cannot_be_sent(officer, station, team):
    from core.attachments.models import Attachment

    dispute = await flows.in_mediation(officer, station, team)
    data = await officer.data(APPLY, _apply_input(dispute["id"]))
    assert data["applyForJudicialConfirmation"]["errors"][0]["code"] == "INVALID_TRANSITION"
    assert await Attachment.all().count() == 0


async def test_the_application_must_come_within_thirty_days_of_the_agreement(app, officer, station, team):
    dispute = await flows.resolved(officer, station, team)
    app.clock.advance(days=40)
    late = officer.as_user(token_for(app, officer.user))
    data = await late.data(APPLY, _apply_input(dispute["id"], submittedOn="2020-09-25"))
    error = data["applyForJudicialConfirmation"]["errors"][0]
    assert error["field"] == "submittedOn" and "30 days" in error["message"]


async def test_a_future_hand_off_date_is_refused(officer, station, team):
    dispute = await flows.resolved(officer, station, team)
    data = await officer.data(APPLY, _apply_input(dispute["id"], submittedOn="2020-08-25"))
    assert data["applyForJudicialConfirmation"]["errors"][0]["field"] == "submittedOn"


async def test_a_mediator_may_not_hand_agreements_to_the_court(app, station, team, officer):
    from .evidence_helpers import as_user

    dispute = await flows.resolved(officer, station, team)
    mediator = as_user(app, team["PEOPLES_MEDIATOR"])
    body = await mediator.execute(APPLY, _apply_input(dispute["id"]))
    assert body["errors"][0]["extensions"]["code"] == "FORBIDDEN"


async def test_another_stations_dispute_is_not_found(officer, station, team, login_as, other_station):
    dispute = await flows.resolved(officer, station, team)
    stranger = await login_as(Role.OFFICER, station=other_station)
    data = await stranger.data(APPLY, _apply_input(dispute["id"]))
    assert data["applyForJudicialConfirmation"]["errors"][0]["code"] == "NOT_FOUND"


async def test_the_application_form_is_filled_from_the_dispute(app, officer, station, team, tmp_path):
    from .evidence_helpers import pdf_text

    dispute = await flows.resolved(officer, station, team)
    payload = await officer.mutate(APPLY, _apply_input(dispute["id"]))
    data = await fetch(officer, payload["package"]["downloadUrl"]["url"])
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        text = pdf_text(archive.read("01-司法确认申请书.pdf"), tmp_path)
    for expected in ("司法确认申请书", "张三（原申请人）", "李四（原被申请人）", "邻里纠纷（纠纷编号", "第三十三条", COURT, "(2020)川1725民特12号"):
        assert expected in text, expected
    assert "纠纷纠纷" not in text
