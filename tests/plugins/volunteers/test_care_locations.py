"""Where a care visit took place: personal (usually the person's home), shown in full only to
roles with full view, and audited when shown."""

from __future__ import annotations

from core import Role
from core.audit.models import PersonalDataAccess
from plugins.volunteers import models
from tests.plugins.volunteers.helpers import gid
from tests.plugins.volunteers.test_care import REGISTER, VISIT, _elder, _visit, _volunteer

VISIT_LOCATIONS = """
{ volunteerActivities { nodes { careVisits { location(datum: GCJ02) { longitude latitude datum } } } } }
"""
HOME = {"longitude": 106.97, "latitude": 30.84}


async def _visited(station, chief, chief_actor, clock, **location):
    recipient = (await chief.mutate(REGISTER, {"input": _elder(station)}))["careRecipient"]["id"]
    volunteer = await _volunteer(station, chief_actor)
    visit = _visit(clock, volunteer, [recipient])
    visit["careVisitLocations"] = [{"careRecipientId": recipient, "location": {**HOME, **location}}]
    return await chief.data(VISIT, {"input": visit})


async def test_a_visit_location_is_stored_and_shown_in_full_to_the_chief(station, chief, chief_actor, clock):
    await _visited(station, chief, chief_actor, clock)
    visit = await models.CareVisit.get()
    assert (visit.longitude, visit.latitude) == (106.97, 30.84)
    data = await chief.data(VISIT_LOCATIONS)
    shown = data["volunteerActivities"]["nodes"][0]["careVisits"][0]["location"]
    assert shown["datum"] == "GCJ02" and shown["longitude"] != 106.97
    record = await PersonalDataAccess.all().order_by("-id").first()  # the access log of full views
    assert ("CareVisit", "location") in {(item["type"], item["field"]) for item in record.shown}


async def test_a_grid_worker_without_full_view_sees_no_visit_location(station, chief, chief_actor, clock, login_as):
    await _visited(station, chief, chief_actor, clock)
    grid_worker = await login_as(Role.GRID_WORKER, station=station)
    data = await grid_worker.data(VISIT_LOCATIONS)
    assert data["volunteerActivities"]["nodes"][0]["careVisits"][0]["location"] is None


async def test_a_visit_location_for_someone_not_visited_is_refused(station, chief, chief_actor, clock):
    recipient = (await chief.mutate(REGISTER, {"input": _elder(station)}))["careRecipient"]["id"]
    volunteer = await _volunteer(station, chief_actor)
    visit = _visit(clock, volunteer, [recipient])
    other = gid("CareRecipient", 999)
    visit["careVisitLocations"] = [{"careRecipientId": other, "location": HOME}]
    data = await chief.data(VISIT, {"input": visit})
    assert data["recordActivity"]["errors"][0]["field"] == "careVisitLocations"
    assert await models.VolunteerActivity.all().count() == 0


async def test_a_visit_location_with_a_bad_longitude_names_the_field(station, chief, chief_actor, clock):
    data = await _visited(station, chief, chief_actor, clock, longitude=200)
    assert data["recordActivity"]["errors"][0]["field"] == "careVisitLocations.0.location.longitude"
    assert await models.CareVisit.all().count() == 0
