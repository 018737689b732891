"""Recording and listing anti-fraud publicity events."""

from anti_fraud_helpers import PUBLICITY_EVENTS, RECORD_PUBLICITY, area_id, publicity_input
from fengqiao_anti_fraud.models import PublicityEvent

from core import Role
from core.testing import count_queries, create_station


async def test_officer_records_publicity_in_own_station(station, login_as):
    officer = await login_as(Role.OFFICER, station=station)
    payload = await officer.mutate(RECORD_PUBLICITY, {"input": publicity_input(station.test_areas["community"])})
    assert payload["publicityEvent"]["venue"] == "文峰社区活动室"
    assert payload["publicityEvent"]["areaName"] == "文峰社区"
    row = await PublicityEvent.get()
    assert (row.station_id, row.app_installs, row.recorded_by_id) == (station.id, 35, officer.user.id)


async def test_recording_publicity_is_audited_in_the_same_transaction(station, login_as):
    from core.audit.models import AuditEvent

    officer = await login_as(Role.OFFICER, station=station)
    await officer.mutate(RECORD_PUBLICITY, {"input": publicity_input(station.test_areas["community"])})
    event = await AuditEvent.get(action="anti_fraud.publicity.record")
    assert (event.actor_username, event.station_id, event.after["audience_count"]) == (
        officer.user.username,
        station.id,
        60,
    )


async def test_bad_input_names_each_field_and_writes_nothing(station, login_as):
    officer = await login_as(Role.OFFICER, station=station)
    bad = publicity_input(
        station.test_areas["community"],
        venue=" ",
        audienceCount=10,
        residentsWarned=3,
        appInstalls=11,
        heldOn="2020-09-01",
    )
    data = await officer.data(RECORD_PUBLICITY, {"input": bad})
    errors = data["recordAntiFraudPublicity"]["errors"]
    assert {(e["field"], e["code"]) for e in errors} == {
        ("venue", "REQUIRED"),
        ("appInstalls", "INVALID"),
        ("heldOn", "INVALID"),
    }
    assert await PublicityEvent.all().count() == 0


async def test_another_stations_area_looks_missing(station, other_station, login_as):
    officer = await login_as(Role.OFFICER, station=station)
    data = await officer.data(RECORD_PUBLICITY, {"input": publicity_input(other_station.test_areas["community"])})
    assert data["recordAntiFraudPublicity"]["errors"] == [
        {"field": "areaId", "message": "Area not found.", "code": "NOT_FOUND"}
    ]
    assert await PublicityEvent.all().count() == 0


async def test_resident_may_not_record_publicity(station, login_as):
    resident = await login_as(Role.RESIDENT, station=station)
    body = await resident.execute(RECORD_PUBLICITY, {"input": publicity_input(station.test_areas["community"])})
    assert body["errors"][0]["extensions"]["code"] == "FORBIDDEN"


async def test_station_without_the_plugin_gets_feature_disabled(app, login_as):
    station = await create_station(app, plugins=[])
    officer = await login_as(Role.OFFICER, station=station)
    data = await officer.data(RECORD_PUBLICITY, {"input": publicity_input(station.test_areas["community"])})
    assert data["recordAntiFraudPublicity"]["errors"][0]["code"] == "FEATURE_DISABLED"
    body = await officer.execute(PUBLICITY_EVENTS)
    assert body["errors"][0]["extensions"]["code"] == "FEATURE_DISABLED"


async def test_bureau_admin_cannot_write_into_a_station_without_the_plugin(app, login_as):
    station = await create_station(app, plugins=[])
    admin = await login_as(Role.BUREAU_ADMIN)
    data = await admin.data(RECORD_PUBLICITY, {"input": publicity_input(station.test_areas["community"])})
    assert data["recordAntiFraudPublicity"]["errors"][0]["code"] == "FEATURE_DISABLED"
    assert await PublicityEvent.all().count() == 0


async def test_list_shows_only_own_station(station, other_station, login_as):
    officer = await login_as(Role.OFFICER, station=station)
    colleague = await login_as(Role.OFFICER, station=other_station)
    await officer.mutate(RECORD_PUBLICITY, {"input": publicity_input(station.test_areas["community"])})
    await colleague.mutate(RECORD_PUBLICITY, {"input": publicity_input(other_station.test_areas["village"])})
    data = await officer.data(PUBLICITY_EVENTS, {"first": 10})
    assert data["antiFraudPublicityEvents"]["totalCount"] == 1
    assert data["antiFraudPublicityEvents"]["nodes"][0]["areaName"] == "文峰社区"


async def _statements_for_page(officer, size: int) -> int:
    with count_queries() as counter:
        data = await officer.data(PUBLICITY_EVENTS, {"first": size})
    assert len(data["antiFraudPublicityEvents"]["nodes"]) == size
    return counter.count


async def test_list_runs_the_same_number_of_statements_for_5_and_50_rows(station, login_as):
    officer = await login_as(Role.OFFICER, station=station)
    areas = list(station.test_areas.values())
    for index in range(50):
        area = areas[index % len(areas)]
        await officer.mutate(RECORD_PUBLICITY, {"input": publicity_input(area, venue=f"场所{index}")})
    assert await _statements_for_page(officer, 5) == await _statements_for_page(officer, 50)


async def test_filter_by_area(station, login_as):
    officer = await login_as(Role.OFFICER, station=station)
    await officer.mutate(RECORD_PUBLICITY, {"input": publicity_input(station.test_areas["community"])})
    await officer.mutate(
        RECORD_PUBLICITY, {"input": publicity_input(station.test_areas["village"], venue="白塔村坝坝会")}
    )
    query = "query ($a: ID) { antiFraudPublicityEvents(filter: {areaId: $a}) { nodes { venue } } }"
    data = await officer.data(query, {"a": area_id(station.test_areas["village"])})
    assert data["antiFraudPublicityEvents"]["nodes"] == [{"venue": "白塔村坝坝会"}]
