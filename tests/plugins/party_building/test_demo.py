"""Demo data: a year of meetings with deliberate gaps, a star each month, stations that differ."""

from __future__ import annotations

import datetime as dt

from core import Period
from core.testing import demo_data
from plugins.party_building import scoring
from plugins.party_building.models import Branch, PartyMeeting, StarAward


async def test_demo_gives_the_main_station_a_year_of_meetings_and_a_star_each_month(app):
    demo = await demo_data(app)
    main = demo.main_station
    assert await Branch.filter(station_id=main.id).count() == 1
    assert await PartyMeeting.filter(station_id=main.id).count() > 120
    assert await StarAward.filter(station_id=main.id).count() == 12


async def test_demo_stations_score_differently_on_cadence(app):
    demo = await demo_data(app)
    today = app.clock.today()
    period = Period(today - dt.timedelta(days=180), today)
    figures = await scoring.cadence_compliance([s.id for s in demo.stations.values()], period)
    main, linba = demo.main_station, demo.stations["511725-LB"]
    assert figures[main.id].value > figures[linba.id].value
    assert 80 < figures[main.id].value < 100  # the deliberate gaps show
