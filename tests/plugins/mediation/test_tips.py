"""Tips (群众线索): public submission with a tracking code, privacy, triage."""

from __future__ import annotations

from core import Role
from core.audit.models import AuditEvent
from plugins.mediation import models

from .conftest import dispute_input, gid

SUBMIT = """
mutation($input: SubmitTipInput!) { submitTip(input: $input) { trackingCode errors { field message code } } }
"""
STATUS = "query($code: String!) { tipStatus(trackingCode: $code) { status submittedAt updatedAt } }"
TIPS = "query { tips { totalCount nodes { id content status anonymous contactPhone submittedByUserId disputeId } } }"
TRIAGE = """
mutation($input: TriageTipInput!) {
  triageTip(input: $input) { tip { id status triageNote disputeId mergedIntoTipId } dispute { id source status }
    errors { field message code } }
}
"""


async def _submit(client, station, **extra) -> str:
    values = {"content": "小区3栋两户因停车位争吵，可能动手", "stationId": gid("Station", station), **extra}
    payload = await client.mutate(SUBMIT, {"input": values})
    return payload["trackingCode"]


async def _only_tip_id(officer) -> str:
    return (await officer.data(TIPS))["tips"]["nodes"][0]["id"]


async def test_anyone_may_send_a_tip_anonymously_and_gets_a_tracking_code(client, station):
    code = await _submit(client, station)
    assert len(code) == 14 and code.count("-") == 2
    tip = await models.Tip.get()
    assert tip.anonymous and tip.submitted_by_id is None and tip.status is models.TipStatus.RECEIVED
    assert code not in tip.tracking_code_hash


async def test_the_tracking_code_shows_the_status_and_nothing_else(client, station):
    code = await _submit(client, station, contactPhone="13912345678")
    data = await client.data(STATUS, {"code": code.lower()})
    assert set(data["tipStatus"]) == {"status", "submittedAt", "updatedAt"}
    assert data["tipStatus"]["status"] == "RECEIVED"
    body = await client.execute("query($code: String!) { tipStatus(trackingCode: $code) { content } }", {"code": code})
    assert body["errors"][0]["extensions"]["code"] == "GRAPHQL_VALIDATION_FAILED"


async def test_an_unknown_code_shows_nothing(client, station):
    await _submit(client, station)
    assert (await client.data(STATUS, {"code": "AAAA-BBBB-CCCC"}))["tipStatus"] is None


async def test_anonymous_senders_cannot_list_tips(client, station):
    await _submit(client, station)
    body = await client.execute(TIPS)
    assert body["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"


async def test_a_logged_in_resident_may_be_named(login_as, station, officer):
    resident = await login_as(Role.RESIDENT, station=station)
    await _submit(resident, station, anonymous=False)
    await _submit(resident, station)
    nodes = (await officer.data(TIPS))["tips"]["nodes"]
    assert sorted(n["submittedByUserId"] or "" for n in nodes) == ["", gid("User", resident.user)]


async def test_the_contact_phone_is_masked_for_auxiliary_police(client, station, login_as):
    await _submit(client, station, contactPhone="13912345678")
    auxiliary = await login_as(Role.AUXILIARY, station=station)
    assert (await auxiliary.data(TIPS))["tips"]["nodes"][0]["contactPhone"] == "139****5678"


async def test_a_tip_needs_a_station_content_and_a_valid_phone(client, station, other_station):
    data = await client.data(SUBMIT, {"input": {"content": "有纠纷"}})
    assert data["submitTip"]["errors"][0]["field"] == "stationId"
    data = await client.data(SUBMIT, {"input": {"content": " ", "stationId": gid("Station", station)}})
    assert data["submitTip"]["errors"][0]["field"] == "content"
    values = {"content": "x", "stationId": gid("Station", station), "contactPhone": "123"}
    assert (await client.data(SUBMIT, {"input": values}))["submitTip"]["errors"][0]["field"] == "contactPhone"
    foreign_area = gid("Area", other_station.test_areas["grid"])
    values = {"content": "x", "stationId": gid("Station", station), "areaId": foreign_area}
    assert (await client.data(SUBMIT, {"input": values}))["submitTip"]["errors"][0]["code"] == "NOT_FOUND"
    assert await models.Tip.all().count() == 0


async def test_a_station_without_mediation_takes_no_tips(app, client):
    from core.testing import create_station

    station = await create_station(app, name="渠县公安局三汇派出所", plugins=[])
    data = await client.data(SUBMIT, {"input": {"content": "x", "stationId": gid("Station", station)}})
    assert data["submitTip"]["errors"][0]["code"] == "FEATURE_DISABLED"


async def test_anonymous_tips_are_rate_limited(make_app):
    import plugins.mediation as plugin
    from core.config import LimitSettings
    from core.testing import GraphQLClient, create_station

    app = await make_app(["mediation"], extra_plugins=[plugin], limits=LimitSettings(public_requests_per_minute=2))
    station = await create_station(app)
    client = GraphQLClient(app)
    values = {"input": {"content": "x", "stationId": gid("Station", station)}}
    results = [await client.data(SUBMIT, values) for _ in range(3)]
    assert results[-1]["submitTip"]["errors"][0]["code"] == "RATE_LIMITED"
    assert await models.Tip.all().count() == 2


async def test_an_officer_dismisses_a_tip_with_a_note_and_the_sender_sees_it(client, station, officer):
    code = await _submit(client, station)
    tip_id = await _only_tip_id(officer)
    data = await officer.data(TRIAGE, {"input": {"tipId": tip_id, "action": "DISMISS"}})
    assert data["triageTip"]["errors"][0]["field"] == "note"
    payload = await officer.mutate(TRIAGE, {"input": {"tipId": tip_id, "action": "DISMISS", "note": "已核实，系误会"}})
    assert payload["tip"]["status"] == "DISMISSED"
    assert (await client.data(STATUS, {"code": code}))["tipStatus"]["status"] == "DISMISSED"
    assert await AuditEvent.filter(action="mediation.tip.dismiss").count() == 1


async def test_a_tip_is_triaged_once(client, station, officer):
    await _submit(client, station)
    tip_id = await _only_tip_id(officer)
    await officer.mutate(TRIAGE, {"input": {"tipId": tip_id, "action": "DISMISS", "note": "x"}})
    data = await officer.data(TRIAGE, {"input": {"tipId": tip_id, "action": "DISMISS", "note": "y"}})
    assert data["triageTip"]["errors"][0]["code"] == "INVALID_TRANSITION"


async def test_merging_a_duplicate_into_another_tip(client, station, officer):
    await _submit(client, station)
    await _submit(client, station)
    first, second = sorted(n["id"] for n in (await officer.data(TIPS))["tips"]["nodes"])
    data = await officer.data(TRIAGE, {"input": {"tipId": second, "action": "MERGE"}})
    assert data["triageTip"]["errors"][0]["code"] == "REQUIRED"
    payload = await officer.mutate(TRIAGE, {"input": {"tipId": second, "action": "MERGE", "mergeIntoTipId": first}})
    assert payload["tip"] == {
        "id": second,
        "status": "MERGED",
        "triageNote": None,
        "disputeId": None,
        "mergedIntoTipId": first,
    }


async def test_converting_a_tip_opens_a_dispute_from_a_tip(client, station, officer):
    code = await _submit(client, station)
    tip_id = await _only_tip_id(officer)
    variables = {"input": {"tipId": tip_id, "action": "CONVERT", "dispute": dispute_input(station)}}
    payload = await officer.mutate(TRIAGE, variables)
    assert payload["dispute"]["source"] == "TIP" and payload["dispute"]["status"] == "REPORTED"
    assert payload["tip"]["disputeId"] == payload["dispute"]["id"]
    assert (await client.data(STATUS, {"code": code}))["tipStatus"]["status"] == "CONVERTED"


async def test_a_bad_dispute_in_a_conversion_names_the_nested_field(client, station, officer):
    await _submit(client, station)
    tip_id = await _only_tip_id(officer)
    bad = dispute_input(station, parties=[{"name": "张三", "idNumber": "123", "role": "APPLICANT"}])
    data = await officer.data(TRIAGE, {"input": {"tipId": tip_id, "action": "CONVERT", "dispute": bad}})
    assert data["triageTip"]["errors"][0]["field"] == "dispute.parties.0.idNumber"
    assert await models.Dispute.all().count() == 0
    assert (await models.Tip.get()).status is models.TipStatus.RECEIVED


async def test_another_stations_tips_are_invisible(client, station, other_station, login_as):
    await _submit(client, station)
    stranger = await login_as(Role.OFFICER, station=other_station)
    assert (await stranger.data(TIPS))["tips"]["totalCount"] == 0


async def test_the_submission_is_audited_without_the_tip_text_or_phone(client, station):
    await _submit(client, station, contactPhone="13912345678")
    event = await AuditEvent.get(action="mediation.tip.submit")
    assert event.actor_id is None
    assert set(event.after) == {"status", "anonymous", "area_id"}
