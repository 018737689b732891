"""The care register: sensitive data, minors' visibility, visit cadence and overdue visits."""

import datetime as dt

from core import Period, Role, make_id_number
from core.audit.models import AuditEvent
from plugins.volunteers import models
from plugins.volunteers.services import activities, care
from plugins.volunteers.services import volunteers as service
from tests.plugins.volunteers.helpers import acting, gid, moment, phone, renewed

REGISTER = """
mutation($input: RegisterCareRecipientInput!) {
  registerCareRecipient(input: $input) {
    careRecipient { id kind name age phone guardianName guardianPhone address visitIntervalDays nextVisitDue area { name } }
    errors { field message code }
  }
}"""

VISIT = """
mutation($input: RecordActivityInput!) {
  recordActivity(input: $input) {
    activity { id careVisits { visitedOn dueOn onTime recipient { name } } }
    errors { field message code }
  }
}"""

LIST = "{ careRecipients { totalCount nodes { name kind } } }"


def _child(station, **extra):
    return {
        "kind": "LEFT_BEHIND_CHILD",
        "name": "王小明",
        "areaId": gid("Area", station.test_areas["village"].id),
        "birthDate": "2012-05-01",
        "guardianName": "王奶奶",
        "guardianPhone": "13900001111",
        "address": "白塔村三组12号",
        **extra,
    }


def _elder(station, **extra):
    return {
        "kind": "EMPTY_NEST_ELDERLY",
        "name": "李大爷",
        "areaId": gid("Area", station.test_areas["community"].id),
        "birthDate": "1940-03-15",
        "phone": "13900002222",
        **extra,
    }


async def _volunteer(station, actor):
    async with acting(actor):
        return await service.register_volunteer(actor, station_id=station.id, name="赵小红", phone=phone(1))


def _visit(clock, volunteer, recipient_ids, days_ago=0):
    return {
        "kind": "CARE_VISIT",
        "title": "上门关爱走访",
        "startedAt": moment(clock, days_ago=days_ago).isoformat(),
        "hours": 2,
        "participants": [{"volunteerId": gid("Volunteer", volunteer.id)}],
        "careRecipientIds": recipient_ids,
    }


async def test_registering_a_left_behind_child_with_the_monthly_default_cadence(station, chief):
    payload = await chief.mutate(REGISTER, {"input": _child(station)})
    child = payload["careRecipient"]
    assert child["kind"] == "LEFT_BEHIND_CHILD" and child["age"] == 8
    assert child["visitIntervalDays"] == 30 and child["nextVisitDue"] == "2020-09-19"
    assert child["area"] == {"name": "白塔村"}
    row = await models.CareRecipient.get()
    assert row.birth_date == dt.date(2012, 5, 1)
    audit = await AuditEvent.get(action="volunteers.care_recipient.register")
    assert audit.after["name"] == "[redacted]" and audit.after["guardian_phone"] == "[redacted]"


async def test_the_id_number_gives_the_birth_date_and_must_agree_with_it(station, chief):
    number = make_id_number("511725", dt.date(1945, 2, 3), 17)
    payload = await chief.mutate(REGISTER, {"input": _elder(station, birthDate=None, idNumber=number)})
    assert payload["careRecipient"]["age"] == 75
    data = await chief.data(REGISTER, {"input": _elder(station, birthDate="1946-01-01", idNumber=number, name="重复")})
    assert data["registerCareRecipient"]["errors"][0]["field"] == "birthDate"


async def test_a_child_needs_a_birth_date_and_must_be_under_16(station, chief):
    data = await chief.data(REGISTER, {"input": _child(station, birthDate=None)})
    assert data["registerCareRecipient"]["errors"] == [
        {"field": "birthDate", "message": "A left-behind child needs a birth date or ID number.", "code": "REQUIRED"}
    ]
    data = await chief.data(REGISTER, {"input": _child(station, birthDate="2003-01-01")})
    assert data["registerCareRecipient"]["errors"][0]["message"] == "A left-behind child is under 16."
    assert await models.CareRecipient.all().count() == 0


async def test_bad_contact_details_and_cadence_are_refused(station, chief):
    data = await chief.data(REGISTER, {"input": _elder(station, phone="12", visitIntervalDays=0, name="")})
    assert {e["field"] for e in data["registerCareRecipient"]["errors"]} == {"phone", "visitIntervalDays", "name"}
    assert await models.CareRecipient.all().count() == 0


async def test_minors_are_hidden_from_roles_that_may_not_see_them(station, chief, login_as):
    await chief.mutate(REGISTER, {"input": _child(station)})
    await chief.mutate(REGISTER, {"input": _elder(station)})
    officer = await login_as(Role.OFFICER, station=station)
    grid_worker = await login_as(Role.GRID_WORKER, station=station)
    auxiliary = await login_as(Role.AUXILIARY, station=station)
    assert (await officer.data(LIST))["careRecipients"]["totalCount"] == 2
    for viewer in (grid_worker, auxiliary):
        data = await viewer.data(LIST)
        assert data["careRecipients"]["totalCount"] == 1
        assert data["careRecipients"]["nodes"][0]["kind"] == "EMPTY_NEST_ELDERLY"


async def test_a_minor_cannot_be_reached_by_id_without_the_right(station, chief, login_as):
    created = await chief.mutate(REGISTER, {"input": _child(station)})
    auxiliary = await login_as(Role.AUXILIARY, station=station)
    data = await auxiliary.data("query($id: ID!) { node(id: $id) { id } }", {"id": created["careRecipient"]["id"]})
    assert data["node"] is None


async def test_a_child_visited_by_someone_who_may_not_see_minors_reads_as_missing(
    app, station, chief, chief_actor, login_as, clock
):
    created = await chief.mutate(REGISTER, {"input": _child(station)})
    volunteer = await _volunteer(station, chief_actor)
    grid_worker = await login_as(Role.GRID_WORKER, station=station)
    data = await grid_worker.data(VISIT, {"input": _visit(clock, volunteer, [created["careRecipient"]["id"]])})
    assert data["recordActivity"]["errors"] == [
        {"field": "careRecipientIds.0", "message": "Care recipient not found.", "code": "NOT_FOUND"}
    ]
    assert await models.VolunteerActivity.all().count() == 0


async def test_personal_data_is_masked_for_auxiliary_police(station, chief, login_as):
    await chief.mutate(REGISTER, {"input": _elder(station, address="渠县城东街道文峰社区幸福路3号")})
    auxiliary = await login_as(Role.AUXILIARY, station=station)
    data = await auxiliary.data("{ careRecipients { nodes { name phone address } } }")
    assert data["careRecipients"]["nodes"] == [{"name": "李**", "phone": "139****2222", "address": "渠县城东街道****"}]


async def test_a_visit_on_time_moves_the_next_due_date(station, chief, chief_actor, clock):
    created = await chief.mutate(REGISTER, {"input": _elder(station)})
    volunteer = await _volunteer(station, chief_actor)
    payload = await chief.mutate(VISIT, {"input": _visit(clock, volunteer, [created["careRecipient"]["id"]])})
    assert payload["activity"]["careVisits"] == [
        {"visitedOn": "2020-08-20", "dueOn": "2020-09-19", "onTime": True, "recipient": {"name": "李大爷"}}
    ]
    row = await models.CareRecipient.get()
    assert row.last_visited_on == dt.date(2020, 8, 20) and row.next_visit_due == dt.date(2020, 9, 19)


async def test_overdue_visits_follow_the_clock(app, station, chief, chief_actor, clock):
    created = await chief.mutate(REGISTER, {"input": _elder(station)})
    await chief.mutate(REGISTER, {"input": _child(station, visitIntervalDays=60)})
    query = "{ overdueCareVisits { nodes { name daysOverdue nextVisitDue } } }"
    assert (await chief.data(query))["overdueCareVisits"]["nodes"] == []
    clock.advance(days=31)
    chief = renewed(app, chief)
    data = await chief.data(query)
    assert data["overdueCareVisits"]["nodes"] == [{"name": "李大爷", "daysOverdue": 1, "nextVisitDue": "2020-09-19"}]
    volunteer = await _volunteer(station, chief_actor)
    payload = await chief.mutate(VISIT, {"input": _visit(clock, volunteer, [created["careRecipient"]["id"]])})
    assert payload["activity"]["careVisits"][0]["onTime"] is False
    assert (await chief.data(query))["overdueCareVisits"]["nodes"] == []
    clock.advance(days=30)
    chief = renewed(app, chief)
    names = [n["name"] for n in (await chief.data(query))["overdueCareVisits"]["nodes"]]
    assert names == ["王小明"]


async def test_the_overdue_filter_of_the_register(app, station, chief, clock):
    await chief.mutate(REGISTER, {"input": _elder(station, visitIntervalDays=7)})
    await chief.mutate(REGISTER, {"input": _child(station)})
    clock.advance(days=8)
    chief = renewed(app, chief)
    query = "query($o: Boolean) { careRecipients(filter: { overdue: $o }) { nodes { name } } }"
    assert (await chief.data(query, {"o": True}))["careRecipients"]["nodes"] == [{"name": "李大爷"}]
    assert (await chief.data(query, {"o": False}))["careRecipients"]["nodes"] == [{"name": "王小明"}]


async def test_the_default_cadence_comes_from_the_settings(make_app, login_as):
    import plugins.volunteers as plugin
    from core.testing import create_station

    app = await make_app(
        ["volunteers"], extra_plugins=[plugin], plugin_sections={"volunteers": {"care_visit_interval_days": 14}}
    )
    station = await create_station(app)
    officer = await login_as(Role.OFFICER, station=station)
    payload = await officer.mutate(REGISTER, {"input": _elder(station)})
    assert payload["careRecipient"]["visitIntervalDays"] == 14
    assert payload["careRecipient"]["nextVisitDue"] == "2020-09-03"


async def test_changing_the_cadence_recomputes_the_due_date(station, chief, chief_actor):
    created = await chief.mutate(REGISTER, {"input": _elder(station)})
    query = """mutation($input: UpdateCareRecipientInput!) { updateCareRecipient(input: $input) {
        careRecipient { visitIntervalDays nextVisitDue status } errors { field code } } }"""
    payload = await chief.mutate(
        query, {"input": {"careRecipientId": created["careRecipient"]["id"], "visitIntervalDays": 7}}
    )
    assert payload["careRecipient"] == {"visitIntervalDays": 7, "nextVisitDue": "2020-08-27", "status": "ACTIVE"}
    closed = await chief.mutate(
        query, {"input": {"careRecipientId": created["careRecipient"]["id"], "status": "CLOSED"}}
    )
    assert closed["careRecipient"]["status"] == "CLOSED"
    assert await AuditEvent.filter(action="volunteers.care_recipient.update").count() == 2


async def test_a_late_entry_for_an_earlier_day_does_not_move_the_cadence_back(station, chief, chief_actor, clock):
    created = await chief.mutate(REGISTER, {"input": _elder(station, registeredOn="2020-07-01")})
    volunteer = await _volunteer(station, chief_actor)
    await chief.mutate(VISIT, {"input": _visit(clock, volunteer, [created["careRecipient"]["id"]], days_ago=0)})
    await chief.mutate(VISIT, {"input": _visit(clock, volunteer, [created["careRecipient"]["id"]], days_ago=10)})
    row = await models.CareRecipient.get()
    assert row.next_visit_due == dt.date(2020, 9, 19)


async def test_care_visits_are_offered_for_callbacks_without_personal_data(station, chief, chief_actor, clock):
    created = await chief.mutate(REGISTER, {"input": _elder(station)})
    volunteer = await _volunteer(station, chief_actor)
    await chief.mutate(VISIT, {"input": _visit(clock, volunteer, [created["careRecipient"]["id"]])})
    items = await care.closed_care_visits([station.id], Period(dt.date(2020, 8, 1), dt.date(2020, 8, 31)))
    assert len(items) == 1
    item = items[0]
    assert item.kind == "volunteers.care_visit" and item.station_id == station.id
    assert item.handler_user_id == chief.user.id
    assert item.label == "关爱走访 2020-08-20 · 空巢老人" and "李" not in item.label
    assert await care.closed_care_visits([station.id], Period(dt.date(2020, 7, 1), dt.date(2020, 7, 31))) == []


async def test_a_closed_recipient_cannot_be_visited(station, chief, chief_actor, clock):
    created = await chief.mutate(REGISTER, {"input": _elder(station)})
    recipient_id = (await models.CareRecipient.get()).id
    async with acting(chief_actor):
        await care.update_care_recipient(chief_actor, recipient_id, status=models.CareRecipientStatus.CLOSED)
    volunteer = await _volunteer(station, chief_actor)
    data = await chief.data(VISIT, {"input": _visit(clock, volunteer, [created["careRecipient"]["id"]])})
    assert data["recordActivity"]["errors"][0]["message"] == "This person is no longer in care."
    async with acting(chief_actor):
        assert await activities.models.VolunteerActivity.all().count() == 0
