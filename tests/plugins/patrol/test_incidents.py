"""打 — incidents: reporting, the dispatch → arrival → handling → closing flow, response times,
criminal cases and the event other plugins listen to."""

from __future__ import annotations

from core import Role, keyed_hash
from core.audit.models import AuditEvent
from plugins.patrol import models
from tests.plugins.patrol.flows import (
    ARRIVE,
    CLOSE,
    DISPATCH,
    HANDLE,
    OPEN_CASE,
    REPORT_INCIDENT,
    SOLVE_CASE,
    arrive,
    close,
    dispatch,
    handle,
    incident_input,
    report,
)
from tests.plugins.patrol.helpers import gid, id_number


async def test_reporting_an_incident_records_it_received_with_its_persons(officer, station):
    payload = await officer.mutate(REPORT_INCIDENT, {"input": incident_input(station)})
    incident = payload["incident"]
    assert incident["status"] == "RECEIVED"
    assert incident["areaName"] == "文峰一网格"
    assert incident["persons"][0]["name"] == "张三"
    assert await models.IncidentPerson.all().count() == 1


async def test_reporting_stores_id_numbers_encrypted_with_a_keyed_hash(officer, station):
    number = id_number()
    await report(officer, station, persons=[{"role": "SUSPECT", "name": "王五", "idNumber": number}])
    person = await models.IncidentPerson.get()
    assert person.id_number == number
    assert person.id_number_hash == keyed_hash("id_number", number)


async def test_a_bad_id_number_of_a_person_is_refused_and_nothing_is_written(officer, station):
    persons = [
        {"role": "VICTIM", "name": "张三", "idNumber": id_number()},
        {"role": "SUSPECT", "name": "王五", "idNumber": "511725198005170000"},
    ]
    data = await officer.data(REPORT_INCIDENT, {"input": incident_input(station, persons=persons)})
    errors = data["reportIncident"]["errors"]
    assert errors[0]["field"] == "persons.1.idNumber"
    assert errors[0]["code"] == "INVALID"
    assert await models.Incident.all().count() == 0
    assert await models.IncidentPerson.all().count() == 0


async def test_a_reception_time_in_the_future_is_refused(officer, station):
    data = await officer.data(
        REPORT_INCIDENT, {"input": incident_input(station, receivedAt="2020-08-21T09:00:00+08:00")}
    )
    assert data["reportIncident"]["errors"][0]["field"] == "receivedAt"
    assert await models.Incident.all().count() == 0


async def test_an_area_of_another_station_looks_missing(officer, station, other_station):
    data = await officer.data(
        REPORT_INCIDENT, {"input": incident_input(station, areaId=gid("Area", other_station.test_areas["grid"]))}
    )
    assert data["reportIncident"]["errors"] == [{"field": "areaId", "message": "Area not found.", "code": "NOT_FOUND"}]


async def test_the_full_flow_stores_response_times(officer, station, clock):
    incident_id = await report(officer, station)
    clock.advance(minutes=3)
    dispatched = await dispatch(officer, incident_id)
    assert dispatched["incident"]["status"] == "DISPATCHED"
    assert dispatched["incident"]["dispatchMinutes"] == 3.0
    clock.advance(minutes=12)
    arrived = await arrive(officer, incident_id)
    assert arrived["incident"]["arrivalMinutes"] == 12.0
    clock.advance(minutes=30)
    assert (await handle(officer, incident_id))["incident"]["status"] == "HANDLED"
    assert (await close(officer, incident_id))["incident"]["status"] == "CLOSED"
    row = await models.Incident.get()
    assert (row.dispatch_seconds, row.arrival_seconds) == (180, 720)


async def test_dispatch_names_the_unit_and_an_officer_of_the_station(officer, station):
    incident_id = await report(officer, station)
    payload = await officer.mutate(
        DISPATCH,
        {"input": {"incidentId": incident_id, "unit": "INVESTIGATION_TEAM", "assigneeId": gid("User", officer.user)}},
    )
    assert payload["incident"]["dutyUnit"] == "INVESTIGATION_TEAM"
    assert payload["incident"]["assigneeName"] == "李警官"


async def test_an_assignee_of_another_station_looks_missing(officer, station, other_station, login_as):
    stranger = await login_as(Role.OFFICER, station=other_station)
    incident_id = await report(officer, station)
    data = await officer.data(
        DISPATCH,
        {"input": {"incidentId": incident_id, "unit": "COMMAND_ROOM", "assigneeId": gid("User", stranger.user)}},
    )
    assert data["dispatchIncident"]["errors"][0]["code"] == "NOT_FOUND"
    assert (await models.Incident.get()).status.value == "RECEIVED"


async def test_arrival_before_dispatch_is_an_invalid_transition(officer, station):
    incident_id = await report(officer, station)
    data = await officer.data(ARRIVE, {"input": {"incidentId": incident_id}})
    assert data["recordIncidentArrival"]["errors"][0]["code"] == "INVALID_TRANSITION"


async def test_dispatching_twice_is_an_invalid_transition(officer, station):
    incident_id = await report(officer, station)
    await dispatch(officer, incident_id)
    data = await officer.data(DISPATCH, {"input": {"incidentId": incident_id, "unit": "COMMAND_ROOM"}})
    assert data["dispatchIncident"]["errors"][0]["code"] == "INVALID_TRANSITION"


async def test_closing_an_unhandled_incident_is_an_invalid_transition(officer, station):
    incident_id = await report(officer, station)
    await dispatch(officer, incident_id)
    await arrive(officer, incident_id)
    data = await officer.data(CLOSE, {"input": {"incidentId": incident_id}})
    assert data["closeIncident"]["errors"][0]["code"] == "INVALID_TRANSITION"


async def test_handling_before_arrival_is_an_invalid_transition(officer, station):
    incident_id = await report(officer, station)
    await dispatch(officer, incident_id)
    data = await officer.data(HANDLE, {"input": {"incidentId": incident_id, "outcome": "MEDIATED"}})
    assert data["recordIncidentHandling"]["errors"][0]["code"] == "INVALID_TRANSITION"


async def test_a_back_dated_arrival_before_the_dispatch_is_refused(officer, station, clock):
    incident_id = await report(officer, station)
    clock.advance(minutes=10)
    await dispatch(officer, incident_id)
    data = await officer.data(ARRIVE, {"input": {"incidentId": incident_id, "arrivedAt": "2020-08-20T09:05:00+08:00"}})
    assert data["recordIncidentArrival"]["errors"][0]["field"] == "arrivedAt"


async def test_every_step_is_audited(officer, station):
    incident_id = await report(officer, station)
    await dispatch(officer, incident_id)
    await arrive(officer, incident_id)
    await handle(officer, incident_id)
    await close(officer, incident_id)
    actions = await AuditEvent.filter(action__startswith="patrol.incident.").values_list("action", flat=True)
    assert sorted(actions) == sorted(
        [
            "patrol.incident.report",
            "patrol.incident.dispatch",
            "patrol.incident.arrive",
            "patrol.incident.handle",
            "patrol.incident.close",
        ]
    )


async def test_an_auxiliary_may_not_close_incidents(login_as, officer, station):
    auxiliary = await login_as(Role.AUXILIARY, station=station)
    incident_id = await report(officer, station)
    await dispatch(auxiliary, incident_id)
    await arrive(auxiliary, incident_id)
    await handle(auxiliary, incident_id)
    body = await auxiliary.execute(CLOSE, {"input": {"incidentId": incident_id}})
    assert body["errors"][0]["extensions"]["code"] == "FORBIDDEN"


async def test_a_resident_may_not_report_incidents_here(login_as, station):
    resident = await login_as(Role.RESIDENT, station=station)
    body = await resident.execute(REPORT_INCIDENT, {"input": incident_input(station)})
    assert body["errors"][0]["extensions"]["code"] == "FORBIDDEN"


async def test_another_stations_incident_cannot_be_dispatched(officer, station, other_station, login_as):
    stranger = await login_as(Role.OFFICER, station=other_station)
    incident_id = await report(officer, station)
    data = await stranger.data(DISPATCH, {"input": {"incidentId": incident_id, "unit": "COMMAND_ROOM"}})
    assert data["dispatchIncident"]["errors"][0] == {
        "field": "incidentId",
        "message": "Incident not found.",
        "code": "NOT_FOUND",
    }


async def test_another_stations_incidents_are_invisible(officer, station, other_station, login_as):
    stranger = await login_as(Role.OFFICER, station=other_station)
    incident_id = await report(officer, station)
    data = await stranger.data("{ incidents { totalCount } }")
    assert data["incidents"]["totalCount"] == 0
    node = await stranger.data("query($id: ID!) { node(id: $id) { id } }", {"id": incident_id})
    assert node["node"] is None


async def test_incidents_filter_by_status_and_category(officer, station):
    first = await report(officer, station)
    await report(officer, station, category="FRAUD")
    await dispatch(officer, first)
    data = await officer.data(
        "{ d: incidents(filter: {status: DISPATCHED}) { totalCount } f: incidents(filter: {category: FRAUD}) { totalCount } }"
    )
    assert (data["d"]["totalCount"], data["f"]["totalCount"]) == (1, 1)


async def test_auxiliaries_see_person_id_numbers_masked(login_as, officer, station):
    number = id_number()
    await report(
        officer, station, persons=[{"role": "VICTIM", "name": "张三", "idNumber": number, "phone": "13812345678"}]
    )
    auxiliary = await login_as(Role.AUXILIARY, station=station)
    data = await auxiliary.data("{ incidents { nodes { persons { idNumber phone } } } }")
    person = data["incidents"]["nodes"][0]["persons"][0]
    assert person["idNumber"] == number[:4] + "*" * 10 + number[-4:]
    assert person["phone"] == "138****5678"


async def test_opening_a_criminal_case_publishes_hashes_of_the_persons(app, officer, station):
    numbers = [id_number(), id_number()]
    persons = [
        {"role": "VICTIM", "name": "张三", "idNumber": numbers[0]},
        {"role": "SUSPECT", "name": "王五", "idNumber": numbers[1]},
        {"role": "WITNESS", "name": "赵六"},
    ]
    incident_id = await report(officer, station, persons=persons)
    await dispatch(officer, incident_id)
    received = []

    async def listen():
        async for event in app.events.subscribe({"patrol.criminal_case.opened"}):
            received.append(event)
            return

    import asyncio

    listener = asyncio.create_task(listen())
    await asyncio.sleep(0)
    payload = await officer.mutate(OPEN_CASE, {"input": {"incidentId": incident_id, "caseNumber": "QX2020-0101"}})
    await asyncio.wait_for(listener, 2)
    event = received[0]
    incident_pk = (await models.Incident.get()).id
    assert event.station_id == station.id
    assert event.payload == {
        "case_number": "QX2020-0101",
        "person_hashes": sorted(keyed_hash("id_number", number) for number in numbers),
        "incident_id": incident_pk,
        "opened_at": "2020-08-20T01:00:00+00:00",
    }
    assert payload["criminalCase"]["caseNumber"] == "QX2020-0101"
    assert not any(number in str(event.payload) for number in numbers)


async def test_the_event_reaches_plugin_listeners_after_commit(make_app):
    import plugins.patrol as patrol
    from core import hookimpl
    from core.testing import GraphQLClient, create_station, create_user, token_for

    seen = []

    class Listener:
        @staticmethod
        @hookimpl
        def fengqiao_plugin_info():
            from core import PluginInfo

            return PluginInfo(name="listener", version="1", title="listener")

        @staticmethod
        @hookimpl
        def fengqiao_event(app, event):
            if event.name == "patrol.criminal_case.opened":
                seen.append(event)

    app = await make_app(["patrol", "listener"], extra_plugins=[patrol, Listener])
    home = await create_station(app)
    user = await create_user(app, home, Role.OFFICER)
    client = GraphQLClient(app, token_for(app, user))
    incident_id = await report(client, home)
    await dispatch(client, incident_id)
    await client.mutate(OPEN_CASE, {"input": {"incidentId": incident_id, "caseNumber": "QX-1"}})
    assert [event.payload["case_number"] for event in seen] == ["QX-1"]


async def test_a_refused_case_opening_announces_nothing(app, officer, station):
    incident_id = await report(officer, station)
    data = await officer.data(OPEN_CASE, {"input": {"incidentId": incident_id, "caseNumber": "QX-1"}})
    assert data["openCriminalCase"]["errors"][0]["code"] == "INVALID_TRANSITION"
    assert await models.CriminalCase.all().count() == 0


async def test_a_case_number_is_unique_in_the_station(officer, station):
    first, second = await report(officer, station), await report(officer, station)
    for incident_id in (first, second):
        await dispatch(officer, incident_id)
    await officer.mutate(OPEN_CASE, {"input": {"incidentId": first, "caseNumber": "QX-1"}})
    data = await officer.data(OPEN_CASE, {"input": {"incidentId": second, "caseNumber": "QX-1"}})
    assert data["openCriminalCase"]["errors"][0] == {
        "field": "caseNumber",
        "message": "Case number QX-1 is taken.",
        "code": "CONFLICT",
    }


async def test_solving_a_case_records_the_video_evidence_flag_once(officer, station):
    incident_id = await report(officer, station)
    await dispatch(officer, incident_id)
    case = (await officer.mutate(OPEN_CASE, {"input": {"incidentId": incident_id, "caseNumber": "QX-1"}}))[
        "criminalCase"
    ]
    solved = await officer.mutate(SOLVE_CASE, {"input": {"caseId": case["id"], "solvedWithVideo": True}})
    assert solved["criminalCase"]["solvedWithVideo"] is True
    again = await officer.data(SOLVE_CASE, {"input": {"caseId": case["id"], "solvedWithVideo": False}})
    assert again["solveCriminalCase"]["errors"][0]["code"] == "INVALID_TRANSITION"


async def test_an_auxiliary_may_not_open_criminal_cases(login_as, officer, station):
    auxiliary = await login_as(Role.AUXILIARY, station=station)
    incident_id = await report(officer, station)
    body = await auxiliary.execute(OPEN_CASE, {"input": {"incidentId": incident_id, "caseNumber": "QX-1"}})
    assert body["errors"][0]["extensions"]["code"] == "FORBIDDEN"


async def test_closed_incidents_are_offered_for_callbacks(app, officer, station):
    from core import Period

    incident_id = await report(officer, station)
    await dispatch(officer, incident_id)
    await arrive(officer, incident_id)
    await handle(officer, incident_id)
    await close(officer, incident_id)
    results = await app.plugins.acall_each(
        "fengqiao_closed_items", station_ids=[station.id], period=Period.month(2020, 8)
    )
    items = results[0][1]
    assert [(item.kind, item.station_id) for item in items] == [("patrol.incident", station.id)]


async def test_criminal_cases_filter_by_solved(officer, station):
    ids = [await report(officer, station) for _ in range(2)]
    cases = []
    for index, incident_id in enumerate(ids):
        await dispatch(officer, incident_id)
        opened = await officer.mutate(OPEN_CASE, {"input": {"incidentId": incident_id, "caseNumber": f"QX-{index}"}})
        cases.append(opened["criminalCase"]["id"])
    await officer.mutate(SOLVE_CASE, {"input": {"caseId": cases[0], "solvedWithVideo": True}})
    data = await officer.data(
        "{ open: criminalCases(filter: {solved: false}) { nodes { caseNumber } }"
        " video: criminalCases(filter: {solvedWithVideo: true}) { nodes { caseNumber } } }"
    )
    assert data["open"]["nodes"] == [{"caseNumber": "QX-1"}]
    assert data["video"]["nodes"] == [{"caseNumber": "QX-0"}]


async def test_incidents_list_oldest_first_on_request(officer, station):
    await report(officer, station, receivedAt="2020-08-01T10:00:00+08:00", category="FRAUD")
    await report(officer, station, receivedAt="2020-08-10T10:00:00+08:00", category="FIRE")
    data = await officer.data(
        "{ n: incidents { nodes { category } } o: incidents(orderBy: OLDEST_FIRST) { nodes { category } }"
        ' d: incidents(filter: {receivedFrom: "2020-08-05"}) { totalCount } }'
    )
    assert [node["category"] for node in data["n"]["nodes"]] == ["FIRE", "FRAUD"]
    assert [node["category"] for node in data["o"]["nodes"]] == ["FRAUD", "FIRE"]
    assert data["d"]["totalCount"] == 1


async def test_a_malformed_filter_id_is_a_client_error_naming_the_field(officer):
    body = await officer.execute('{ incidents(filter: {areaId: "not-an-id"}) { totalCount } }')
    assert body["errors"][0]["extensions"] == {"code": "NOT_FOUND", "field": "filter.areaId"}
