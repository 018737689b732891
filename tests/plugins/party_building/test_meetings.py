"""Recording meetings with attendance; bad input writes nothing; constant SQL for lists."""

from __future__ import annotations

import datetime as dt

import plugins.party_building as plugin
from core import Role, to_global_id
from core.audit.models import AuditEvent
from core.testing import GraphQLClient, count_queries, create_station, create_user, token_for
from plugins.party_building.models import MeetingAttendance, PartyMeeting
from tests.plugins.party_building import documents as doc


def meeting_input(branch, attendance, **extra):
    values = {"branchId": branch, "meetingType": "NIGHT_SCHOOL", "heldOn": "2020-08-19", "topic": "夜校：学习枫桥经验"}
    return {"input": {**values, **extra, "attendance": attendance}}


async def nothing_written():
    return await PartyMeeting.all().count() == 0 and await MeetingAttendance.all().count() == 0


async def test_a_meeting_is_recorded_with_attendance_and_audited(chief, branch, add_member):
    present, excused = await add_member(branch, name="李警官"), await add_member(branch, name="张警官")
    attendance = [
        {"memberId": present, "status": "PRESENT"},
        {"memberId": excused, "status": "EXCUSED", "reason": "外出办案"},
    ]
    payload = await chief.mutate(
        doc.RECORD_MEETING, meeting_input(branch, attendance, speaker="王所长", durationHours=2)
    )
    meeting = payload["meeting"]
    assert (meeting["meetingType"], meeting["heldOn"], meeting["durationHours"]) == ("NIGHT_SCHOOL", "2020-08-19", 2.0)
    assert [(a["status"], a["reason"]) for a in meeting["attendance"]] == [("PRESENT", None), ("EXCUSED", "外出办案")]
    assert meeting["attendanceRate"] == 0.5
    assert await AuditEvent.filter(action="party_building.meeting.record").count() == 1


async def test_attendance_for_a_non_member_is_refused(app, chief, branch, add_member):
    member = await add_member(branch)
    other_branch = await chief.mutate(doc.CREATE_BRANCH, {"input": {"name": "第二支部", "establishedOn": "2020-01-01"}})
    outsider = await add_member(other_branch["branch"]["id"])
    attendance = [{"memberId": member, "status": "PRESENT"}, {"memberId": outsider, "status": "PRESENT"}]
    errors = (await chief.data(doc.RECORD_MEETING, meeting_input(branch, attendance)))["recordPartyMeeting"]["errors"]
    assert errors == [
        {
            "field": "attendance.1.memberId",
            "message": "Not a member of this branch on the meeting date.",
            "code": "NOT_FOUND",
        }
    ]
    assert await nothing_written()


async def test_a_member_who_joined_after_the_meeting_cannot_attend_it(chief, branch, add_member):
    member = await add_member(branch, joined_on="2020-08-20")
    errors = await chief.data(doc.RECORD_MEETING, meeting_input(branch, [{"memberId": member, "status": "PRESENT"}]))
    assert errors["recordPartyMeeting"]["errors"][0]["field"] == "attendance.0.memberId"
    assert await nothing_written()


async def test_an_excused_absence_needs_a_reason(chief, branch, add_member):
    member = await add_member(branch)
    data = await chief.data(doc.RECORD_MEETING, meeting_input(branch, [{"memberId": member, "status": "EXCUSED"}]))
    error = data["recordPartyMeeting"]["errors"][0]
    assert (error["field"], error["code"]) == ("attendance.0.reason", "REQUIRED")
    assert await nothing_written()


async def test_a_member_is_listed_once(chief, branch, add_member):
    member = await add_member(branch)
    attendance = [{"memberId": member, "status": "PRESENT"}, {"memberId": member, "status": "ABSENT"}]
    data = await chief.data(doc.RECORD_MEETING, meeting_input(branch, attendance))
    assert data["recordPartyMeeting"]["errors"][0]["field"] == "attendance.1.memberId"
    assert await nothing_written()


async def test_a_branch_assembly_lists_every_full_and_probationary_member(chief, branch, add_member):
    listed = await add_member(branch, name="李警官")
    await add_member(branch, name="张警官", status="PROBATIONARY")
    await add_member(branch, name="赵辅警", status="ACTIVIST")
    data = await chief.data(
        doc.RECORD_MEETING,
        meeting_input(branch, [{"memberId": listed, "status": "PRESENT"}], meetingType="BRANCH_ASSEMBLY"),
    )
    error = data["recordPartyMeeting"]["errors"][0]
    assert (error["field"], error["code"]) == ("attendance", "REQUIRED")
    assert "张警官" in error["message"] and "赵辅警" not in error["message"]
    assert await nothing_written()


async def test_several_problems_are_reported_together(chief, branch):
    data = await chief.data(doc.RECORD_MEETING, meeting_input(branch, [], durationHours=0, heldOn="2019-12-31"))
    fields = {error["field"] for error in data["recordPartyMeeting"]["errors"]}
    assert fields == {"heldOn", "durationHours"}
    assert await nothing_written()


async def test_a_meeting_cannot_be_in_the_future(chief, branch):
    data = await chief.data(doc.RECORD_MEETING, meeting_input(branch, [], heldOn="2020-08-21"))
    assert data["recordPartyMeeting"]["errors"][0]["field"] == "heldOn"
    assert await nothing_written()


async def test_the_same_meeting_is_not_recorded_twice(chief, branch):
    await chief.mutate(doc.RECORD_MEETING, meeting_input(branch, []))
    data = await chief.data(doc.RECORD_MEETING, meeting_input(branch, []))
    assert data["recordPartyMeeting"]["errors"][0]["code"] == "CONFLICT"
    assert await PartyMeeting.all().count() == 1


async def test_an_unknown_meeting_type_is_refused_by_the_schema_and_writes_nothing(chief, branch):
    body = await chief.execute(doc.RECORD_MEETING, meeting_input(branch, [], meetingType="TEA_PARTY"))
    assert body["data"] is None
    assert body["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"
    assert "MeetingType" in body["errors"][0]["message"]
    assert await nothing_written()


async def test_the_meeting_type_input_is_the_meeting_type_enum_of_outputs_and_filters(chief):
    query = """
    { __type(name: "RecordPartyMeetingInput") { inputFields { name type { kind ofType { name kind } } } } }
    """
    fields = (await chief.data(query))["__type"]["inputFields"]
    meeting_type = next(field for field in fields if field["name"] == "meetingType")
    assert meeting_type["type"] == {"kind": "NON_NULL", "ofType": {"name": "MeetingType", "kind": "ENUM"}}


async def test_an_auxiliary_may_read_but_not_record_meetings(login_as, station, branch):
    auxiliary = await login_as(Role.AUXILIARY, station=station)
    body = await auxiliary.execute(doc.RECORD_MEETING, meeting_input(branch, []))
    assert body["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    assert (await auxiliary.data(doc.MEETINGS))["partyMeetings"]["totalCount"] == 0


async def test_meetings_filter_by_type_and_period(chief, branch):
    for day, kind in (
        ("2020-07-29", "NIGHT_SCHOOL"),
        ("2020-08-05", "NIGHT_SCHOOL"),
        ("2020-08-06", "BRANCH_COMMITTEE"),
    ):
        await chief.mutate(doc.RECORD_MEETING, meeting_input(branch, [], heldOn=day, meetingType=kind))
    august = {"start": "2020-08-01", "end": "2020-08-31"}
    data = await chief.data(doc.MEETINGS, {"filter": {"meetingType": "NIGHT_SCHOOL", "period": august}})
    assert [node["heldOn"] for node in data["partyMeetings"]["nodes"]] == ["2020-08-05"]


async def record_meetings(chief, branch, members, count):
    start = dt.date(2020, 8, 19) - dt.timedelta(days=await PartyMeeting.all().count())
    for index in range(count):
        day = start - dt.timedelta(days=index)
        attendance = [{"memberId": member, "status": "PRESENT"} for member in members]
        await chief.mutate(
            doc.RECORD_MEETING, meeting_input(branch, attendance, heldOn=day.isoformat(), meetingType="ACTIVITY_DAY")
        )


async def test_listing_meetings_with_attendance_and_members_takes_constant_sql(chief, branch, add_member):
    members = [await add_member(branch, name=f"党员{i}") for i in range(3)]
    counts = []
    for total in (5, 50):
        await record_meetings(chief, branch, members, total - (await PartyMeeting.all().count()))
        with count_queries() as counter:
            data = await chief.data(doc.MEETINGS, {"first": total})
        assert len(data["partyMeetings"]["nodes"]) == total
        assert all(len(node["attendance"]) == 3 for node in data["partyMeetings"]["nodes"])
        counts.append(counter.count)
    assert counts[0] == counts[1]


async def test_listing_members_takes_constant_sql(chief, branch, add_member):
    counts = []
    for total in (5, 50):
        while (await chief.data(doc.MEMBERS, {"first": 200}))["partyMembers"]["totalCount"] < total:
            await add_member(branch)
        with count_queries() as counter:
            data = await chief.data(doc.MEMBERS, {"first": total})
        assert len(data["partyMembers"]["nodes"]) == total
        counts.append(counter.count)
    assert counts[0] == counts[1]


async def test_study_hours_count_present_members_at_study_sessions_in_the_period(chief, branch, add_member):
    diligent = await add_member(branch, name="李警官")
    absent = await add_member(branch, name="张警官")
    await add_member(branch, name="赵警官")
    for day, hours in (("2020-08-05", 1.5), ("2020-08-12", 2.0), ("2020-07-29", 1.5)):
        attendance = [{"memberId": diligent, "status": "PRESENT"}, {"memberId": absent, "status": "ABSENT"}]
        await chief.mutate(doc.RECORD_MEETING, meeting_input(branch, attendance, heldOn=day, durationHours=hours))
    data = await chief.data(doc.STUDY_HOURS, {"period": {"start": "2020-08-01", "end": "2020-08-31"}})
    report = data["studyHours"]
    by_name = {row["member"]["user"]["displayName"]: (row["hours"], row["sessions"]) for row in report["members"]}
    assert by_name == {"李警官": (3.5, 2), "张警官": (0.0, 0), "赵警官": (0.0, 0)}
    assert (report["totalHours"], report["memberCount"], report["averageHoursPerMember"]) == (3.5, 3, 1.17)


async def test_only_configured_meeting_types_count_as_study(make_app):
    app = await make_app(
        ["party_building"],
        extra_plugins=[plugin],
        plugin_sections={"party_building": {"study_meeting_types": ["PARTY_LECTURE"]}},
    )
    station = await create_station(app)
    chief = GraphQLClient(app, token_for(app, await create_user(app, station, Role.STATION_CHIEF)))
    officer = await create_user(app, station, Role.OFFICER)
    created = await chief.mutate(doc.CREATE_BRANCH, {"input": {"name": "支部", "establishedOn": "2020-01-01"}})
    branch = created["branch"]["id"]
    joined = {
        "branchId": branch,
        "userId": to_global_id("User", officer.id),
        "status": "FULL",
        "joinedOn": "2019-01-01",
    }
    member = (await chief.mutate(doc.ADD_MEMBER, {"input": joined}))["member"]["id"]
    for kind in ("NIGHT_SCHOOL", "PARTY_LECTURE"):
        attendance = [{"memberId": member, "status": "PRESENT"}]
        await chief.mutate(doc.RECORD_MEETING, meeting_input(branch, attendance, meetingType=kind, durationHours=2))
    data = await chief.data(doc.STUDY_HOURS, {"period": {"start": "2020-08-01", "end": "2020-08-31"}})
    assert data["studyHours"]["totalHours"] == 2.0
