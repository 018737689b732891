"""Organisations and volunteers: registration, validation, isolation, masking, query counts."""

from core import Role
from core.audit.models import AuditEvent
from core.testing import GraphQLClient, count_queries, create_station, create_user, token_for
from plugins.volunteers import models
from plugins.volunteers.services import volunteers as service
from tests.plugins.volunteers.helpers import PHONE, acting, gid, phone

CREATE_ORG = """
mutation($input: CreateVolunteerOrganizationInput!) {
  createVolunteerOrganization(input: $input) {
    organization { id name kind isActive contactPhone }
    errors { field message code }
  }
}"""

REGISTER = """
mutation($input: RegisterVolunteerInput!) {
  registerVolunteer(input: $input) {
    volunteer { id name phone skills status isPartyMember deputy organization { name } areas { id name } }
    errors { field message code }
  }
}"""

UPDATE = """
mutation($input: UpdateVolunteerInput!) {
  updateVolunteer(input: $input) {
    volunteer { id status organization { name } skills }
    errors { field message code }
  }
}"""

LIST = """
query($period: PeriodInput!) {
  volunteers(first: 100) {
    totalCount
    nodes {
      id name phone
      organization { name volunteerCount serviceHours(period: $period) { hours } }
      areas { name }
      serviceHours(period: $period) { hours activities }
      activities(period: $period) { hours activity { title participants { volunteer { name } } } }
    }
  }
}"""


async def test_officer_registers_the_xiaohong_studio(app, station, login_as):
    officer = await login_as(Role.OFFICER, station=station)
    payload = await officer.mutate(
        CREATE_ORG, {"input": {"name": "小红志愿者工作室", "kind": "VOLUNTEER_STUDIO", "contactPhone": "13800001111"}}
    )
    assert payload["organization"]["name"] == "小红志愿者工作室"
    assert payload["organization"]["kind"] == "VOLUNTEER_STUDIO"
    assert payload["organization"]["contactPhone"] == "13800001111"  # officers see personal data in full
    assert await AuditEvent.filter(action="volunteers.organization.create").count() == 1


async def test_an_organisation_name_is_unique_in_a_station(app, station, login_as):
    officer = await login_as(Role.OFFICER, station=station)
    await officer.mutate(CREATE_ORG, {"input": {"name": "城东商会", "kind": "CHAMBER_OF_COMMERCE"}})
    data = await officer.data(CREATE_ORG, {"input": {"name": "城东商会", "kind": "OTHER"}})
    errors = data["createVolunteerOrganization"]["errors"]
    assert errors == [{"field": "name", "message": "An organisation of this name exists.", "code": "CONFLICT"}]
    assert await models.VolunteerOrganization.all().count() == 1


async def test_registering_a_volunteer_with_organisation_areas_and_flags(app, station, login_as):
    officer = await login_as(Role.OFFICER, station=station)
    org = await officer.mutate(CREATE_ORG, {"input": {"name": "小红志愿者工作室", "kind": "VOLUNTEER_STUDIO"}})
    payload = await officer.mutate(
        REGISTER,
        {
            "input": {
                "name": "赵小红",
                "phone": "+86 138-1234-5678",
                "organizationId": org["organization"]["id"],
                "skills": ["心理疏导", " 心理疏导 ", "法律咨询"],
                "areaIds": [gid("Area", station.test_areas["community"].id)],
                "isPartyMember": True,
                "deputy": "PEOPLES_CONGRESS",
            }
        },
    )
    volunteer = payload["volunteer"]
    assert volunteer["phone"] == PHONE
    assert volunteer["skills"] == ["心理疏导", "法律咨询"]
    assert volunteer["organization"]["name"] == "小红志愿者工作室"
    assert volunteer["areas"] == [{"id": gid("Area", station.test_areas["community"].id), "name": "文峰社区"}]
    assert volunteer["isPartyMember"] is True and volunteer["deputy"] == "PEOPLES_CONGRESS"
    row = await models.Volunteer.get()
    assert row.phone_hash and row.phone_hash != PHONE
    audit = await AuditEvent.get(action="volunteers.volunteer.register")
    assert audit.after["phone"] == "[redacted]"


async def test_bad_volunteer_input_reports_every_problem_and_writes_nothing(app, station, login_as):
    officer = await login_as(Role.OFFICER, station=station)
    data = await officer.data(
        REGISTER, {"input": {"name": " ", "phone": "12345", "skills": ["x" * 31], "joinedOn": "2030-01-01"}}
    )
    errors = data["registerVolunteer"]["errors"]
    assert {(e["field"], e["code"]) for e in errors} == {
        ("name", "REQUIRED"),
        ("phone", "INVALID"),
        ("skills.0", "INVALID"),
        ("joinedOn", "INVALID"),
    }
    assert data["registerVolunteer"]["volunteer"] is None
    assert await models.Volunteer.all().count() == 0


async def test_one_volunteer_per_phone_in_a_station(app, station, login_as):
    officer = await login_as(Role.OFFICER, station=station)
    await officer.mutate(REGISTER, {"input": {"name": "赵小红", "phone": PHONE}})
    data = await officer.data(REGISTER, {"input": {"name": "另一人", "phone": "138 1234 5678"}})
    assert data["registerVolunteer"]["errors"][0]["code"] == "CONFLICT"
    assert await models.Volunteer.all().count() == 1


async def test_an_area_of_another_station_reads_as_missing(app, station, other_station, login_as):
    officer = await login_as(Role.OFFICER, station=station)
    foreign = gid("Area", other_station.test_areas["village"].id)
    data = await officer.data(REGISTER, {"input": {"name": "赵小红", "phone": PHONE, "areaIds": [foreign]}})
    assert data["registerVolunteer"]["errors"] == [
        {"field": "areaIds.0", "message": "Area not found.", "code": "NOT_FOUND"}
    ]
    assert await models.Volunteer.all().count() == 0


async def test_a_volunteer_may_be_a_user_who_logs_in_once(app, station, login_as):
    officer = await login_as(Role.OFFICER, station=station)
    user = await create_user(app, station, Role.VOLUNTEER)
    await officer.mutate(REGISTER, {"input": {"name": "赵小红", "phone": PHONE, "userId": gid("User", user.id)}})
    data = await officer.data(REGISTER, {"input": {"name": "赵二", "phone": phone(2), "userId": gid("User", user.id)}})
    assert data["registerVolunteer"]["errors"][0] == {
        "field": "userId",
        "message": "This user is already a volunteer.",
        "code": "CONFLICT",
    }


async def test_suspending_a_volunteer_and_leaving_the_organisation(app, station, login_as):
    officer = await login_as(Role.OFFICER, station=station)
    org = await officer.mutate(CREATE_ORG, {"input": {"name": "城东商会", "kind": "CHAMBER_OF_COMMERCE"}})
    created = await officer.mutate(
        REGISTER, {"input": {"name": "赵小红", "phone": PHONE, "organizationId": org["organization"]["id"]}}
    )
    payload = await officer.mutate(
        UPDATE, {"input": {"volunteerId": created["volunteer"]["id"], "status": "SUSPENDED", "organizationId": None}}
    )
    assert payload["volunteer"] == {
        "id": created["volunteer"]["id"],
        "status": "SUSPENDED",
        "organization": None,
        "skills": [],
    }
    audit = await AuditEvent.get(action="volunteers.volunteer.update")
    assert audit.before["status"] == "ACTIVE" and audit.after["status"] == "SUSPENDED"


async def test_auxiliary_police_see_volunteer_phones_masked(app, station, login_as):
    officer = await login_as(Role.OFFICER, station=station)
    await officer.mutate(REGISTER, {"input": {"name": "赵小红", "phone": PHONE}})
    auxiliary = await login_as(Role.AUXILIARY, station=station)
    data = await auxiliary.data("{ volunteers { nodes { name phone } } }")
    assert data["volunteers"]["nodes"] == [{"name": "赵小红", "phone": "138****5678"}]


async def test_residents_may_not_register_volunteers(app, station, login_as):
    resident = await login_as(Role.RESIDENT, station=station)
    body = await resident.execute(REGISTER, {"input": {"name": "赵小红", "phone": PHONE}})
    assert body["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    assert await models.Volunteer.all().count() == 0


async def test_anonymous_callers_must_log_in(app, client):
    body = await client.execute("{ volunteers { totalCount } }")
    assert body["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"


async def test_another_stations_volunteers_are_invisible(app, station, other_station, login_as):
    theirs = await login_as(Role.OFFICER, station=other_station)
    created = await theirs.mutate(REGISTER, {"input": {"name": "临巴志愿者", "phone": PHONE}})
    ours = await login_as(Role.OFFICER, station=station)
    data = await ours.data(
        "query($id: ID!) { volunteers { totalCount } node(id: $id) { id } }", {"id": created["volunteer"]["id"]}
    )
    assert data == {"volunteers": {"totalCount": 0}, "node": None}
    update = await ours.data(UPDATE, {"input": {"volunteerId": created["volunteer"]["id"], "status": "LEFT"}})
    assert update["updateVolunteer"]["errors"][0]["code"] == "NOT_FOUND"


async def test_a_station_without_the_plugin_gets_feature_disabled(app, login_as):
    bare = await create_station(app, name="渠县公安局无志愿派出所", plugins=[])
    officer = await login_as(Role.OFFICER, station=bare)
    body = await officer.execute("{ volunteers { totalCount } }")
    assert body["errors"][0]["extensions"]["code"] == "FEATURE_DISABLED"
    data = await officer.data(REGISTER, {"input": {"name": "赵小红", "phone": PHONE}})
    assert data["registerVolunteer"]["errors"][0]["code"] == "FEATURE_DISABLED"
    assert await models.Volunteer.all().count() == 0


async def test_a_bureau_admin_names_the_station_and_it_must_run_the_plugin(app, station):
    bare = await create_station(app, name="渠县公安局无志愿派出所", plugins=[])
    admin_user = await create_user(app, None, Role.BUREAU_ADMIN)
    admin = GraphQLClient(app, token_for(app, admin_user))
    missing = await admin.data(REGISTER, {"input": {"name": "赵小红", "phone": PHONE}})
    assert missing["registerVolunteer"]["errors"][0] == {
        "field": "stationId",
        "message": "Deployment-wide accounts must name the station.",
        "code": "REQUIRED",
    }
    disabled = await admin.data(
        REGISTER, {"input": {"name": "赵小红", "phone": PHONE, "stationId": gid("Station", bare.id)}}
    )
    assert disabled["registerVolunteer"]["errors"][0]["code"] == "FEATURE_DISABLED"
    await admin.mutate(REGISTER, {"input": {"name": "赵小红", "phone": PHONE, "stationId": gid("Station", station.id)}})
    assert await models.Volunteer.filter(station_id=station.id).count() == 1


async def _add_volunteers(station, actor, clock, organizations, first: int, count: int) -> None:
    """``count`` volunteers, two areas each, serving in pairs on one patrol."""
    from plugins.volunteers.services.activities import Participant, record_activity
    from tests.plugins.volunteers.helpers import moment

    async with acting(actor):
        people = [
            await service.register_volunteer(
                actor,
                station_id=station.id,
                name=f"志愿者{i}",
                phone=phone(i),
                organization_id=organizations[i % len(organizations)].id,
                area_ids=[station.test_areas["grid"].id, station.test_areas["community"].id],
            )
            for i in range(first, first + count)
        ]
        for start in range(0, count, 2):
            await record_activity(
                actor,
                station_id=station.id,
                kind=models.ActivityKind.PATROL,
                title=f"巡逻{first + start}",
                started_at=moment(clock, days_ago=2),
                hours=2.0,
                participants=[Participant(p.id) for p in people[start : start + 2]],
            )


async def test_listing_volunteers_takes_the_same_statements_for_5_and_50(station, chief, chief_actor, clock):
    async with acting(chief_actor):
        organizations = [
            await service.create_organization(
                chief_actor, station_id=station.id, name=f"组织{i}", kind=models.OrganizationKind.OTHER
            )
            for i in range(3)
        ]
    period = {"start": "2020-08-01", "end": "2020-08-31"}
    await chief.data(LIST, {"period": period})  # the chief's account is then reused a while
    statements = []
    for first, count in ((0, 5), (5, 45)):
        await _add_volunteers(station, chief_actor, clock, organizations, first, count)
        with count_queries() as counter:
            data = await chief.data(LIST, {"period": period})
        statements.append(counter.count)
        nodes = data["volunteers"]["nodes"]
        assert len(nodes) == first + count
        assert nodes[0]["serviceHours"] == {"hours": 2.0, "activities": 1}
        assert nodes[0]["areas"] == [{"name": "文峰一网格"}, {"name": "文峰社区"}]
        assert len(nodes[0]["activities"][0]["activity"]["participants"]) == 2
        assert nodes[0]["organization"]["serviceHours"]["hours"] > 0
    assert statements[0] == statements[1], statements
