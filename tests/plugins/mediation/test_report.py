"""reportDispute: parties, validation, tenancy, permissions, audit."""

from __future__ import annotations

import graphql
import strawberry

from core import Role, keyed_hash
from core.audit.models import AuditEvent, PersonalDataAccess
from core.testing import create_station
from plugins.mediation import models

from . import flows
from .conftest import REPORT, dispute_input, gid, id_number

PARTIES = "query { disputes { nodes { parties { name idNumber phone role personId } } } }"


async def _counts() -> tuple[int, int, int]:
    return (
        await models.Dispute.all().count(),
        await models.Person.all().count(),
        await models.DisputeParty.all().count(),
    )


async def test_report_creates_a_reported_dispute_with_its_parties(officer, station):
    number = id_number()
    dispute = await flows.report(
        officer,
        station,
        parties=[{"name": "张三", "idNumber": number, "phone": "+86 138-1234-5678", "role": "APPLICANT"}],
    )
    assert dispute["status"] == "REPORTED" and dispute["level"] == "VILLAGE" and dispute["riskLevel"] == "BLUE"
    data = await officer.data(PARTIES)
    (party,) = data["disputes"]["nodes"][0]["parties"]
    assert party == {
        "name": "张三",
        "idNumber": number,
        "phone": "13812345678",
        "role": "APPLICANT",
        "personId": party["personId"],
    }


async def test_personal_values_are_encrypted_and_found_by_keyed_hash(officer, station):
    number = id_number()
    await flows.report(officer, station, parties=[{"name": "张三", "idNumber": number, "role": "APPLICANT"}])
    person = await models.Person.get(id_number_hash=keyed_hash("id_number", number))
    assert person.id_number == number
    from tortoise import connections

    rows = await connections.get("default").execute_query_dict("SELECT id_number, name FROM mediation_person")
    assert rows[0]["id_number"].startswith("v1:") and number not in rows[0]["id_number"]
    assert "张三" not in rows[0]["name"]


async def test_parties_are_masked_for_roles_without_full_view(officer, station, login_as):
    number = id_number()
    await flows.report(
        officer, station, parties=[{"name": "张三丰", "idNumber": number, "phone": "13812345678", "role": "APPLICANT"}]
    )
    auxiliary = await login_as(Role.AUXILIARY, station=station)
    (party,) = (await auxiliary.data(PARTIES))["disputes"]["nodes"][0]["parties"]
    assert party["name"] == "张**"
    assert party["idNumber"] == number[:4] + "**********" + number[-4:]
    assert party["phone"] == "138****5678"


async def test_a_party_recurs_across_disputes_as_the_same_person(officer, station):
    number = id_number()
    first = [{"name": "张三", "idNumber": number, "role": "APPLICANT"}]
    await flows.report(officer, station, parties=first)
    second = await flows.report(
        officer, station, parties=[{"name": "张三", "idNumber": number.lower(), "role": "RESPONDENT"}]
    )
    assert await models.Person.all().count() == 1
    assert "complaint.repeated" in {hit["rule"] for hit in second["riskRules"]}


async def test_minor_parties_are_hidden_from_roles_that_may_not_see_minors(officer, station, login_as):
    import datetime as dt

    child = id_number(birth=dt.date(2012, 3, 1))
    adult = id_number()
    parties = [
        {"name": "小明", "idNumber": child, "role": "APPLICANT"},
        {"name": "王五", "idNumber": adult, "role": "RESPONDENT"},
    ]
    await flows.report(officer, station, parties=parties)
    mediator_view = await login_as(Role.GRID_WORKER, station=station)
    grid_data = await mediator_view.data(
        "query { disputes { nodes { parties { role } } } }"
    )  # the grid worker reported nothing: sees no disputes
    assert grid_data["disputes"]["nodes"] == []
    auxiliary = await login_as(Role.AUXILIARY, station=station)
    roles = [p["role"] for p in (await auxiliary.data(PARTIES))["disputes"]["nodes"][0]["parties"]]
    assert roles == ["RESPONDENT"]
    officer_roles = [p["role"] for p in (await officer.data(PARTIES))["disputes"]["nodes"][0]["parties"]]
    assert officer_roles == ["APPLICANT", "RESPONDENT"]


async def test_report_is_audited_without_personal_values(officer, station):
    number = id_number()
    await flows.report(officer, station, parties=[{"name": "张三", "idNumber": number, "role": "APPLICANT"}])
    event = await AuditEvent.get(action="mediation.dispute.report")
    assert event.actor_username == officer.user.username and event.after["status"] == "REPORTED"
    person_event = await AuditEvent.get(action="mediation.person.create")
    assert person_event.after["id_number"] == "[redacted]" and person_event.after["name"] == "[redacted]"
    assert number not in str([e.after for e in await AuditEvent.all()])


async def test_an_invalid_id_number_names_the_field_and_writes_nothing(officer, station):
    parties = [
        {"name": "张三", "idNumber": id_number(), "role": "APPLICANT"},
        {"name": "李四", "idNumber": "511725198005171234", "role": "RESPONDENT"},
    ]
    data = await officer.data(REPORT, {"input": dispute_input(station, parties=parties)})
    errors = data["reportDispute"]["errors"]
    assert errors == [
        {"field": "parties.1.idNumber", "message": "ID number has a wrong check digit", "code": "INVALID"}
    ]
    assert await _counts() == (0, 0, 0)


async def test_every_bad_field_is_reported_at_once(officer, station):
    parties = [{"name": " ", "idNumber": "", "phone": "12345", "role": "APPLICANT"}]
    data = await officer.data(REPORT, {"input": dispute_input(station, parties=parties, description="")})
    fields = {(e["field"], e["code"]) for e in data["reportDispute"]["errors"]}
    assert fields == {
        ("parties.0.name", "REQUIRED"),
        ("parties.0.idNumber", "REQUIRED"),
        ("parties.0.phone", "INVALID"),
        ("description", "REQUIRED"),
    }


async def test_empty_parties_are_refused(officer, station):
    data = await officer.data(REPORT, {"input": dispute_input(station, parties=[])})
    assert data["reportDispute"]["errors"][0]["field"] == "parties"
    assert data["reportDispute"]["errors"][0]["code"] == "REQUIRED"
    assert await _counts() == (0, 0, 0)


async def test_the_same_person_twice_is_a_conflict(officer, station):
    number = id_number()
    parties = [
        {"name": "张三", "idNumber": number, "role": "APPLICANT"},
        {"name": "张三", "idNumber": number, "role": "RESPONDENT"},
    ]
    data = await officer.data(REPORT, {"input": dispute_input(station, parties=parties)})
    assert data["reportDispute"]["errors"][0]["field"] == "parties.1.idNumber"
    assert data["reportDispute"]["errors"][0]["code"] == "CONFLICT"


async def test_an_unknown_area_is_not_found(officer, station):
    data = await officer.data(REPORT, {"input": dispute_input(station, areaId=gid("Area", 99999))})
    assert data["reportDispute"]["errors"] == [{"field": "areaId", "message": "Area not found.", "code": "NOT_FOUND"}]
    assert await _counts() == (0, 0, 0)


async def test_an_id_of_another_type_as_area_is_not_found(officer, station):
    data = await officer.data(REPORT, {"input": dispute_input(station, areaId=gid("Station", station))})
    assert data["reportDispute"]["errors"][0]["field"] == "areaId"
    assert data["reportDispute"]["errors"][0]["code"] == "NOT_FOUND"


async def test_another_stations_area_is_not_found(officer, station, other_station):
    area = gid("Area", other_station.test_areas["community"])
    data = await officer.data(REPORT, {"input": dispute_input(station, areaId=area)})
    assert data["reportDispute"]["errors"][0] == {"field": "areaId", "message": "Area not found.", "code": "NOT_FOUND"}
    assert await _counts() == (0, 0, 0)


async def test_anonymous_callers_must_log_in(client, station):
    body = await client.execute(REPORT, {"input": dispute_input(station)})
    assert body["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"


async def test_roles_without_the_permission_are_forbidden(login_as, station):
    volunteer = await login_as(Role.VOLUNTEER, station=station)
    body = await volunteer.execute(REPORT, {"input": dispute_input(station)})
    assert body["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    assert await _counts() == (0, 0, 0)


async def test_a_grid_worker_reports_and_then_sees_their_dispute(login_as, station):
    grid = await login_as(Role.GRID_WORKER, station=station)
    dispute = await flows.report(grid, station)
    data = await grid.data("query { disputes { nodes { id } } }")
    assert data["disputes"]["nodes"] == [{"id": dispute["id"]}]


async def test_a_station_without_the_plugin_gets_feature_disabled(app, login_as):
    station = await create_station(app, name="渠县公安局三汇派出所", plugins=[])
    officer = await login_as(Role.OFFICER, station=station)
    data = await officer.data(REPORT, {"input": dispute_input(station)})
    assert data["reportDispute"]["errors"][0]["code"] == "FEATURE_DISABLED"
    body = await officer.execute("query { disputes { totalCount } }")
    assert body["errors"][0]["extensions"]["code"] == "FEATURE_DISABLED"
    assert await _counts() == (0, 0, 0)


async def test_bureau_admins_do_not_report_disputes_by_default(login_as, station):
    admin = await login_as(Role.BUREAU_ADMIN, station=None)
    body = await admin.execute(REPORT, {"input": dispute_input(station)})
    assert body["errors"][0]["extensions"]["code"] == "FORBIDDEN"


async def test_a_deployment_wide_writer_cannot_write_into_a_station_without_the_plugin(app):
    import pytest

    from core import Actor, UserErrorCode, UserInputError
    from core.db import transaction
    from plugins.mediation import services

    station = await create_station(app, name="渠县公安局三汇派出所", plugins=[])
    admin = Actor(user_id=None, username="admin", roles=frozenset({Role.BUREAU_ADMIN}), permissions=frozenset())
    data = services.DisputeData(
        parties=[services.PartyData("张三", id_number(), models.PartyRole.APPLICANT)],
        category=models.DisputeCategory.DEBT,
        area_id=station.test_areas["village"].id,
        description="借款纠纷",
    )
    with pytest.raises(UserInputError) as caught:
        async with transaction():
            await services.report_dispute(admin, data)
    assert caught.value.code is UserErrorCode.FEATURE_DISABLED
    assert await _counts() == (0, 0, 0)


def _schema_names(app) -> set[str]:
    schema = graphql.build_schema(strawberry.printer.print_schema(app.schema))
    names = set(schema.type_map)
    for root in (schema.query_type, schema.mutation_type, schema.subscription_type):
        names |= set(root.fields) if root else set()
    return names


MEDIATION_NAMES = {"reportDispute", "disputes", "mediationStats", "riskAlerts", "submitTip", "tipStatus", "Dispute"}


async def test_without_the_plugin_its_fields_are_absent(make_app):
    assert not MEDIATION_NAMES & _schema_names(await make_app([]))


async def test_with_the_plugin_its_fields_are_present(app):
    assert MEDIATION_NAMES <= _schema_names(app)


async def test_seeing_parties_in_full_is_logged(officer, station):
    await flows.report(officer, station)
    await officer.data(PARTIES)
    record = await PersonalDataAccess.all().order_by("-id").first()
    seen = {(item["type"], item["field"]) for item in record.shown}
    assert {("DisputeParty", "idNumber"), ("DisputeParty", "phone"), ("DisputeParty", "name")} <= seen
