"""Demo data: every demo station gets publicity and reports, in different amounts."""

import datetime as dt

from fengqiao_anti_fraud.models import FraudReport, PublicityEvent
from fengqiao_anti_fraud.scoring import app_installs

from core import Period


async def test_demo_fills_every_station_and_the_main_station_campaigns_most(app):
    from core.demo import load_demo

    demo = await load_demo(app)
    stations = list(demo.stations.values())
    for station in stations:
        assert await PublicityEvent.filter(station_id=station.id).exists()
        assert await FraudReport.filter(station_id=station.id).exists()
    today = app.clock.today()
    installs = await app_installs([s.id for s in stations], Period(today - dt.timedelta(days=365), today))
    best = max(installs, key=lambda station_id: installs[station_id].value)
    assert best == demo.main_station.id


async def test_demo_reports_are_dated_over_the_year_not_all_today(app):
    from core.demo import load_demo

    await load_demo(app)
    days = set(await FraudReport.all().values_list("reported_on", flat=True))
    assert len(days) > 5
