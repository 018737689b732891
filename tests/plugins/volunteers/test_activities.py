"""Activities: recording with participants and hours, service hours per period, rankings."""

from core import Role
from core.audit.models import AuditEvent
from core.testing import count_queries, create_user, token_for
from plugins.volunteers import models
from plugins.volunteers.services import activities, hours
from plugins.volunteers.services import volunteers as service
from tests.plugins.volunteers.helpers import acting, gid, moment, phone

RECORD = """
mutation($input: RecordActivityInput!) {
  recordActivity(input: $input) {
    activity { id kind title hours area { name } organization { name } participants { volunteer { name } hours } }
    errors { field message code }
  }
}"""

RANKING = """
query($period: PeriodInput!) {
  volunteerHoursRanking(period: $period) { rank hours activities volunteer { name } }
  organizationHoursRanking(period: $period) { rank hours organization { name } }
}"""

AUGUST = {"start": "2020-08-01", "end": "2020-08-31"}


async def _setup(station, actor, count=3):
    async with acting(actor):
        studio = await service.create_organization(
            actor, station_id=station.id, name="小红志愿者工作室", kind=models.OrganizationKind.VOLUNTEER_STUDIO
        )
        chamber = await service.create_organization(
            actor, station_id=station.id, name="城东商会", kind=models.OrganizationKind.CHAMBER_OF_COMMERCE
        )
        people = [
            await service.register_volunteer(
                actor,
                station_id=station.id,
                name=f"志愿者{i}",
                phone=phone(i),
                organization_id=(studio if i % 2 == 0 else chamber).id,
            )
            for i in range(count)
        ]
    return studio, chamber, people


def _input(clock, people, **extra):
    return {
        "kind": "PATROL",
        "title": "红袖章夜间巡逻",
        "startedAt": moment(clock, days_ago=1, hour=20).isoformat(),
        "hours": 3,
        "participants": [{"volunteerId": gid("Volunteer", p.id)} for p in people],
        **extra,
    }


async def test_recording_a_patrol_with_participants_and_hours(station, chief, chief_actor, clock):
    studio, _, people = await _setup(station, chief_actor)
    variables = _input(
        clock,
        people[:1],
        areaId=gid("Area", station.test_areas["grid"].id),
        organizationId=gid("VolunteerOrganization", studio.id),
    )
    variables["participants"].append({"volunteerId": gid("Volunteer", people[1].id), "hours": 1.5})
    payload = await chief.mutate(RECORD, {"input": variables})
    activity = payload["activity"]
    assert activity["kind"] == "PATROL" and activity["area"] == {"name": "文峰一网格"}
    assert activity["organization"] == {"name": "小红志愿者工作室"}
    assert activity["participants"] == [
        {"volunteer": {"name": "志愿者0"}, "hours": 3.0},
        {"volunteer": {"name": "志愿者1"}, "hours": 1.5},
    ]
    assert await AuditEvent.filter(action="volunteers.activity.record").count() == 1


async def test_negative_hours_are_refused_and_nothing_is_written(station, chief, chief_actor, clock):
    _, _, people = await _setup(station, chief_actor)
    variables = _input(clock, people[:1], hours=-2)
    variables["participants"][0]["hours"] = 5
    data = await chief.data(RECORD, {"input": variables})
    errors = data["recordActivity"]["errors"]
    assert {e["field"] for e in errors} == {"hours", "participants.0.hours"}
    assert await models.VolunteerActivity.all().count() == 0
    assert await models.ActivityParticipant.all().count() == 0


async def test_a_participant_cannot_serve_longer_than_the_activity(station, chief, chief_actor, clock):
    _, _, people = await _setup(station, chief_actor)
    variables = _input(clock, people[:1])
    variables["participants"][0]["hours"] = 3.5
    data = await chief.data(RECORD, {"input": variables})
    assert data["recordActivity"]["errors"][0]["field"] == "participants.0.hours"


async def test_an_activity_needs_participants_and_a_past_start(station, chief, chief_actor, clock):
    await _setup(station, chief_actor)
    data = await chief.data(RECORD, {"input": _input(clock, [], startedAt="2020-08-21T09:00:00+08:00")})
    assert {(e["field"], e["code"]) for e in data["recordActivity"]["errors"]} == {
        ("participants", "REQUIRED"),
        ("startedAt", "INVALID"),
    }


async def test_a_suspended_volunteer_cannot_take_part(station, chief, chief_actor, clock):
    _, _, people = await _setup(station, chief_actor)
    async with acting(chief_actor):
        await service.update_volunteer(chief_actor, people[0].id, status=models.VolunteerStatus.SUSPENDED)
    data = await chief.data(RECORD, {"input": _input(clock, people[:1])})
    assert data["recordActivity"]["errors"] == [
        {"field": "participants.0.volunteerId", "message": "This volunteer is not active.", "code": "INVALID"}
    ]


async def test_a_care_visit_names_the_people_visited(station, chief, chief_actor, clock):
    _, _, people = await _setup(station, chief_actor)
    data = await chief.data(RECORD, {"input": _input(clock, people[:1], kind="CARE_VISIT")})
    assert data["recordActivity"]["errors"][0]["field"] == "careRecipientIds"


async def test_a_volunteer_records_own_activities_only(app, station, chief_actor, clock):
    from core.testing import GraphQLClient

    _, _, people = await _setup(station, chief_actor)
    user = await create_user(app, station, Role.VOLUNTEER)
    async with acting(chief_actor):
        await service.update_volunteer(chief_actor, people[0].id, user_id=user.id)
    volunteer = GraphQLClient(app, token_for(app, user))
    refused = await volunteer.data(RECORD, {"input": _input(clock, people[1:2])})
    assert refused["recordActivity"]["errors"] == [
        {"field": "participants", "message": "You may only record activities you took part in.", "code": "FORBIDDEN"}
    ]
    await volunteer.mutate(RECORD, {"input": _input(clock, people[:2])})
    assert await models.VolunteerActivity.all().count() == 1


async def test_service_hours_per_volunteer_and_organisation_in_a_period(station, chief, chief_actor, clock):
    _, _, people = await _setup(station, chief_actor)
    await chief.mutate(RECORD, {"input": _input(clock, people[:2])})  # 3 h each, August
    july = _input(clock, people[:1], startedAt="2020-07-31T20:00:00+08:00")
    await chief.mutate(RECORD, {"input": july})
    query = """query($period: PeriodInput!) {
      volunteers { nodes { name serviceHours(period: $period) { hours activities } } }
      volunteerOrganizations { nodes { name volunteerCount serviceHours(period: $period) { hours activities } } }
    }"""
    data = await chief.data(query, {"period": AUGUST})
    assert [v["serviceHours"] for v in data["volunteers"]["nodes"]] == [
        {"hours": 3.0, "activities": 1},
        {"hours": 3.0, "activities": 1},
        {"hours": 0.0, "activities": 0},
    ]
    by_name = {o["name"]: o for o in data["volunteerOrganizations"]["nodes"]}
    assert by_name["小红志愿者工作室"]["serviceHours"] == {"hours": 3.0, "activities": 1}
    assert by_name["小红志愿者工作室"]["volunteerCount"] == 2
    summer = await chief.data(query, {"period": {"start": "2020-07-01", "end": "2020-08-31"}})
    assert summer["volunteers"]["nodes"][0]["serviceHours"] == {"hours": 6.0, "activities": 2}


async def test_hours_stay_with_the_organisation_they_were_served_for(station, chief, chief_actor, clock):
    studio, chamber, people = await _setup(station, chief_actor, count=1)
    await chief.mutate(RECORD, {"input": _input(clock, people)})
    async with acting(chief_actor):
        await service.update_volunteer(chief_actor, people[0].id, organization_id=chamber.id)
    found = await hours.hours_by(chief_actor, "organization_id", [studio.id, chamber.id], _august())
    assert found[studio.id].hours == 3.0 and chamber.id not in found


def _august():
    import datetime as dt

    from core import Period

    return Period(dt.date(2020, 8, 1), dt.date(2020, 8, 31))


async def test_rankings_order_by_hours_and_share_ranks_on_ties(station, chief, chief_actor, clock):
    _, _, people = await _setup(station, chief_actor, count=3)
    await chief.mutate(RECORD, {"input": _input(clock, people)})
    await chief.mutate(RECORD, {"input": _input(clock, people[:2], hours=1)})
    data = await chief.data(RANKING, {"period": AUGUST})
    assert data["volunteerHoursRanking"] == [
        {"rank": 1, "hours": 4.0, "activities": 2, "volunteer": {"name": "志愿者0"}},
        {"rank": 1, "hours": 4.0, "activities": 2, "volunteer": {"name": "志愿者1"}},
        {"rank": 3, "hours": 3.0, "activities": 1, "volunteer": {"name": "志愿者2"}},
    ]
    assert data["organizationHoursRanking"] == [
        {"rank": 1, "hours": 7.0, "organization": {"name": "小红志愿者工作室"}},
        {"rank": 2, "hours": 4.0, "organization": {"name": "城东商会"}},
    ]


async def test_filtering_activities_by_volunteer_and_period(station, chief, chief_actor, clock):
    _, _, people = await _setup(station, chief_actor)
    await chief.mutate(RECORD, {"input": _input(clock, people[:1], title="八月巡逻")})
    await chief.mutate(RECORD, {"input": _input(clock, people[1:2], title="别人的巡逻")})
    await chief.mutate(
        RECORD, {"input": _input(clock, people[:1], title="七月巡逻", startedAt="2020-07-25T09:00:00+08:00")}
    )
    query = """query($filter: VolunteerActivityFilter) { volunteerActivities(filter: $filter) { nodes { title } } }"""
    data = await chief.data(query, {"filter": {"volunteerId": gid("Volunteer", people[0].id), "period": AUGUST}})
    assert data["volunteerActivities"]["nodes"] == [{"title": "八月巡逻"}]


async def test_listing_activities_takes_the_same_statements_for_5_and_50(station, chief, chief_actor, clock):
    studio, _, people = await _setup(station, chief_actor, count=4)
    query = """{ volunteerActivities(first: 100) { nodes {
        title area { name } organization { name } participants { hours volunteer { name organization { name } } }
        careVisits { onTime }
    } } }"""
    await chief.data(query)  # the chief's account is then reused a while
    statements = []
    for batch in (5, 45):
        async with acting(chief_actor):
            for index in range(batch):
                await activities.record_activity(
                    chief_actor,
                    station_id=station.id,
                    kind=models.ActivityKind.PUBLICITY,
                    title=f"反诈宣传{index}",
                    started_at=moment(clock, days_ago=3),
                    hours=2,
                    participants=[activities.Participant(p.id) for p in people[index % 2 :: 2]],
                    area_id=station.test_areas["community"].id,
                    organization_id=studio.id,
                )
        with count_queries() as counter:
            data = await chief.data(query)
        statements.append(counter.count)
        assert len(data["volunteerActivities"]["nodes"]) in (5, 50)
    assert statements[0] == statements[1], statements


async def test_volunteers_who_log_in_show_their_hours_as_contributions(app, station, chief, chief_actor, clock):
    import plugins.volunteers as plugin

    _, _, people = await _setup(station, chief_actor)
    user = await create_user(app, station, Role.VOLUNTEER)
    async with acting(chief_actor):
        await service.update_volunteer(chief_actor, people[0].id, user_id=user.id)
    await chief.mutate(RECORD, {"input": _input(clock, people[:2])})
    contributions = await plugin.fengqiao_user_contributions(station.id, [user.id, chief.user.id], _august())
    assert [(c.user_id, c.plugin, c.value) for c in contributions] == [(user.id, "volunteers", 3.0)]
