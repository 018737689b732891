"""向人民汇报: meetings, report packs from the enabled plugins' indicators, feedback and replies,
and quarterly compliance."""

import pytest

from core import Role
from core.audit.models import AuditEvent
from core.testing import create_station
from plugins.volunteers import models
from tests.plugins.volunteers import testitems
from tests.plugins.volunteers.helpers import gid, items_app, renewed

RECORD = """
mutation($input: RecordPeopleReportMeetingInput!) {
  recordPeopleReportMeeting(input: $input) {
    meeting {
      id heldOn quarter attendance area { name }
      reportPack { periodStart periodEnd figures { plugin key value explanation } }
      feedbackItems { id kind content replyDueOn status raisedBy }
    }
    errors { field message code }
  }
}"""

REPLY = """
mutation($input: ReplyFeedbackInput!) {
  replyFeedback(input: $input) {
    feedbackItem { status reply repliedOnTime }
    errors { field message code }
  }
}"""

COMPLIANCE = """
query($period: PeriodInput!, $missing: Boolean!) {
  peopleReportCompliance(period: $period, missingOnly: $missing) { area { name } quarter meetings status }
}"""


@pytest.fixture
async def app(make_app):
    return await items_app(make_app)


def _meeting(station, **extra):
    return {
        "areaId": gid("Area", station.test_areas["village"].id),
        "heldOn": "2020-08-10",
        "attendance": 56,
        "summary": "社区民警汇报第二季度工作",
        "feedback": [
            {"kind": "SUGGESTION", "content": "村口增设路灯"},
            {"kind": "COMPLAINT", "content": "夜间噪音扰民", "raisedBy": "张三", "contactPhone": "13900003333"},
        ],
        **extra,
    }


async def test_recording_a_meeting_with_its_feedback(station, chief):
    payload = await chief.mutate(RECORD, {"input": _meeting(station)})
    meeting = payload["meeting"]
    assert meeting["quarter"] == "2020-Q3" and meeting["area"] == {"name": "白塔村"}
    assert [(f["kind"], f["replyDueOn"], f["status"]) for f in meeting["feedbackItems"]] == [
        ("SUGGESTION", "2020-08-25", "OPEN"),
        ("COMPLAINT", "2020-08-25", "OPEN"),
    ]
    assert await AuditEvent.filter(action="volunteers.meeting.record").count() == 1
    assert await AuditEvent.filter(action="volunteers.feedback.raise").count() == 2


async def test_the_report_pack_comes_from_the_indicators_of_the_enabled_plugins(station, chief):
    testitems.FIGURES[station.id] = 82.6
    payload = await chief.mutate(RECORD, {"input": _meeting(station)})
    pack = payload["meeting"]["reportPack"]
    assert (pack["periodStart"], pack["periodEnd"]) == ("2020-04-01", "2020-06-30")  # the last full quarter
    figures = {f["key"]: f for f in pack["figures"]}
    assert figures["testitems.resolved"] == {
        "plugin": "testitems",
        "key": "testitems.resolved",
        "value": 82.6,
        "explanation": "test figure 82.6",
    }
    assert {"volunteers.public_satisfaction", "volunteers.people_report_meetings"} <= set(figures)
    assert figures["volunteers.public_satisfaction"]["value"] is None
    stored = await models.PeopleReportMeeting.get()
    assert stored.report_pack["indicators"][0]["plugin"] in {"volunteers", "testitems"}


async def test_a_plugin_switched_off_for_the_station_stays_out_of_the_pack(app, login_as):
    only_volunteers = await create_station(app, name="渠县公安局临巴派出所", plugins=["volunteers"])
    testitems.FIGURES[only_volunteers.id] = 50.0
    officer = await login_as(Role.OFFICER, station=only_volunteers)
    payload = await officer.mutate(RECORD, {"input": _meeting(only_volunteers, feedback=[])})
    plugins = {f["plugin"] for f in payload["meeting"]["reportPack"]["figures"]}
    assert plugins == {"volunteers"}


async def test_the_pack_can_be_previewed_for_any_period(station, chief):
    testitems.FIGURES[station.id] = 90.0
    query = """query($p: PeriodInput!) { peopleReportPack(period: $p) { periodStart figures { key value } } }"""
    data = await chief.data(query, {"p": {"start": "2020-07-01", "end": "2020-08-19"}})
    assert {"key": "testitems.resolved", "value": 90.0} in data["peopleReportPack"]["figures"]


async def test_meetings_are_held_in_villages_and_communities_only(station, chief):
    data = await chief.data(RECORD, {"input": _meeting(station, areaId=gid("Area", station.test_areas["grid"].id))})
    assert data["recordPeopleReportMeeting"]["errors"] == [
        {"field": "areaId", "message": "Choose an area of kind VILLAGE or COMMUNITY.", "code": "INVALID"}
    ]


async def test_bad_meeting_input_writes_nothing(station, chief):
    bad = _meeting(station, attendance=-3, heldOn="2020-09-01")
    bad["feedback"][1]["contactPhone"] = "123"
    bad["feedback"][0]["content"] = " "
    data = await chief.data(RECORD, {"input": bad})
    assert {e["field"] for e in data["recordPeopleReportMeeting"]["errors"]} == {
        "attendance",
        "heldOn",
        "feedback.0.content",
        "feedback.1.contactPhone",
    }
    assert await models.PeopleReportMeeting.all().count() == 0
    assert await models.FeedbackItem.all().count() == 0


async def test_replying_to_feedback_on_time(station, chief):
    payload = await chief.mutate(RECORD, {"input": _meeting(station)})
    item = payload["meeting"]["feedbackItems"][0]
    replied = await chief.mutate(REPLY, {"input": {"feedbackId": item["id"], "reply": "已协调安装路灯"}})
    assert replied["feedbackItem"] == {"status": "REPLIED", "reply": "已协调安装路灯", "repliedOnTime": True}
    assert await AuditEvent.filter(action="volunteers.feedback.reply").count() == 1


async def test_a_late_reply_is_recorded_as_late(app, station, chief, clock):
    payload = await chief.mutate(RECORD, {"input": _meeting(station)})
    clock.advance(days=10)  # 2020-08-30, after the 2020-08-25 deadline
    chief = renewed(app, chief)
    overdue = await chief.data("{ feedbackItems(filter: { overdue: true }) { totalCount nodes { overdue } } }")
    assert overdue["feedbackItems"]["totalCount"] == 2
    item = payload["meeting"]["feedbackItems"][0]
    replied = await chief.mutate(REPLY, {"input": {"feedbackId": item["id"], "reply": "已答复"}})
    assert replied["feedbackItem"]["repliedOnTime"] is False


async def test_feedback_is_replied_to_once(station, chief):
    payload = await chief.mutate(RECORD, {"input": _meeting(station)})
    item = payload["meeting"]["feedbackItems"][0]
    await chief.mutate(REPLY, {"input": {"feedbackId": item["id"], "reply": "已答复"}})
    data = await chief.data(REPLY, {"input": {"feedbackId": item["id"], "reply": "再答复"}})
    assert data["replyFeedback"]["errors"][0]["code"] == "INVALID_TRANSITION"
    assert (await models.FeedbackItem.get(id=_pk(item["id"]))).reply == "已答复"


async def test_an_empty_reply_is_refused(station, chief):
    payload = await chief.mutate(RECORD, {"input": _meeting(station)})
    data = await chief.data(REPLY, {"input": {"feedbackId": payload["meeting"]["feedbackItems"][0]["id"], "reply": ""}})
    assert data["replyFeedback"]["errors"][0] == {"field": "reply", "message": "Reply is required.", "code": "REQUIRED"}
    assert await models.FeedbackItem.filter(status=models.FeedbackStatus.REPLIED).count() == 0


async def test_a_role_without_the_reply_permission_is_forbidden_and_nothing_changes(station, chief, login_as):
    payload = await chief.mutate(RECORD, {"input": _meeting(station)})
    grid_worker = await login_as(Role.GRID_WORKER, station=station)
    item = payload["meeting"]["feedbackItems"][0]
    body = await grid_worker.execute(REPLY, {"input": {"feedbackId": item["id"], "reply": "网格员答复"}})
    assert body["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    assert await models.FeedbackItem.filter(status=models.FeedbackStatus.REPLIED).count() == 0
    assert await AuditEvent.filter(action="volunteers.feedback.reply").count() == 0


async def test_feedback_of_another_station_reads_as_missing(app, station, other_station, chief, login_as):
    payload = await chief.mutate(RECORD, {"input": _meeting(station)})
    stranger = await login_as(Role.OFFICER, station=other_station)
    data = await stranger.data(
        REPLY, {"input": {"feedbackId": payload["meeting"]["feedbackItems"][0]["id"], "reply": "x"}}
    )
    assert data["replyFeedback"]["errors"][0]["code"] == "NOT_FOUND"


async def test_personal_data_of_feedback_is_masked_for_auxiliary_police(station, chief, login_as):
    await chief.mutate(RECORD, {"input": _meeting(station)})
    auxiliary = await login_as(Role.AUXILIARY, station=station)
    data = await auxiliary.data("{ feedbackItems { nodes { raisedBy contactPhone } } }")
    assert {"raisedBy": "张*", "contactPhone": "139****3333"} in data["feedbackItems"]["nodes"]


async def test_compliance_lists_villages_and_communities_without_their_quarterly_meeting(station, chief):
    await chief.mutate(RECORD, {"input": _meeting(station, heldOn="2020-05-12", feedback=[])})
    await chief.mutate(RECORD, {"input": _meeting(station, heldOn="2020-08-10", feedback=[])})
    period = {"start": "2020-04-01", "end": "2020-09-30"}
    data = await chief.data(COMPLIANCE, {"period": period, "missing": False})
    rows = {(r["area"]["name"], r["quarter"]): (r["meetings"], r["status"]) for r in data["peopleReportCompliance"]}
    assert rows == {
        ("文峰社区", "2020-Q2"): (0, "MISSING"),
        ("文峰社区", "2020-Q3"): (0, "PENDING"),
        ("白塔村", "2020-Q2"): (1, "HELD"),
        ("白塔村", "2020-Q3"): (1, "HELD"),
    }
    missing = await chief.data(COMPLIANCE, {"period": period, "missing": True})
    assert missing["peopleReportCompliance"] == [
        {"area": {"name": "文峰社区"}, "quarter": "2020-Q2", "meetings": 0, "status": "MISSING"}
    ]


def _pk(global_id: str) -> int:
    from core.graphql.ids import from_global_id

    return int(from_global_id(global_id)[1])


async def test_registering_a_volunteer_announces_only_a_phone_hash(station, chief):
    register = """mutation($input: RegisterVolunteerInput!) { registerVolunteer(input: $input) { errors { code } } }"""
    await chief.mutate(register, {"input": {"name": "赵小红", "phone": "13812345678"}})
    [event] = [event for event in testitems.EVENTS if event.name == "volunteers.volunteer.registered"]
    assert "13812345678" not in str(event.payload) and len(event.payload["phoneHash"]) == 64


async def test_a_bureau_admin_previews_a_pack_for_a_named_station_only(app, station):
    from core.testing import GraphQLClient, create_user, token_for

    admin = GraphQLClient(app, token_for(app, await create_user(app, None, Role.BUREAU_ADMIN)))
    query = """query($p: PeriodInput!, $s: ID) { peopleReportPack(period: $p, stationId: $s) { figures { key } } }"""
    period = {"start": "2020-04-01", "end": "2020-06-30"}
    body = await admin.execute(query, {"p": period})
    assert body["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"
    bare = await create_station(app, name="渠县公安局无志愿派出所", plugins=[])
    body = await admin.execute(query, {"p": period, "s": gid("Station", bare.id)})
    assert body["errors"][0]["extensions"]["code"] == "FEATURE_DISABLED"
    data = await admin.data(query, {"p": period, "s": gid("Station", station.id)})
    assert data["peopleReportPack"]["figures"]
