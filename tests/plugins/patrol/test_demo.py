"""Demo data: the article's figures for 城东派出所, and stations that differ visibly."""

from __future__ import annotations

import datetime as dt

from core import Period, Role
from core.testing import GraphQLClient, demo_data, token_for
from plugins.patrol import enums as e
from plugins.patrol import models
from plugins.patrol.scoring import INDICATORS


async def test_the_demo_has_the_articles_figures_and_a_downward_trend(app):
    demo = await demo_data(app)
    main = demo.main_station
    officer = GraphQLClient(app, token_for(app, demo.user(main, Role.OFFICER)))
    today = app.clock.today()
    this_year = {"start": f"{today.year}-01-01", "end": today.isoformat()}
    data = await officer.data(
        """query($p: PeriodInput!) {
          surveillanceStats(period: $p) { added { kind added } videoShare onlineRate }
          incidentStats(period: $p) { total totalYearBefore }
          patrolTeams(filter: {kind: RED_ARMBAND}) { totalCount }
        }""",
        {"p": this_year},
    )
    added = {item["kind"]: item["added"] for item in data["surveillanceStats"]["added"]}
    assert added == {"CAMERA": 125, "HD_CAMERA": 43, "CHECKPOINT": 25}
    assert data["patrolTeams"]["totalCount"] == 2
    stats = data["incidentStats"]
    assert stats["total"] < stats["totalYearBefore"]
    assert await models.Incident.filter(station_id=main.id).count() > 300


async def test_demo_stations_score_differently(app):
    demo = await demo_data(app)
    today = app.clock.today()
    period = Period(today - dt.timedelta(days=90), today)
    main, other = demo.main_station, demo.stations["511725-LB"]
    figures = {spec.key: await spec.compute([main.id, other.id], period) for spec in INDICATORS}
    assert figures["patrol.camera_online_rate"][main.id].value > figures["patrol.camera_online_rate"][other.id].value
    assert figures["patrol.checkin_compliance"][main.id].value > figures["patrol.checkin_compliance"][other.id].value
    assert figures["patrol.arrival_minutes"][main.id].value < figures["patrol.arrival_minutes"][other.id].value
    assert figures["patrol.basic_info_coverage"][main.id].value > figures["patrol.basic_info_coverage"][other.id].value
    assert await models.PatrolTeam.filter(station_id=other.id, kind=e.PatrolTeamKind.RED_ARMBAND).count() == 0
