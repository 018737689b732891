"""Demo data (``fengqiao demo``): a year of publicity and fraud reports per demo station.

城东派出所 campaigns hard and loses little; 临巴 does less; 三汇 barely campaigns and its
residents lose the most — so the indicators rank the stations for visible reasons.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from core import Actor, AreaKind, Role, audit_context
from fengqiao_anti_fraud import services
from fengqiao_anti_fraud.models import FraudType, PublicityKind

# (events per year, mean audience, share installing the app, reports per year, mean loss in yuan)
PROFILES = {
    "511725-CD": (24, 80, 0.45, 5, 6000),
    "511725-LB": (10, 50, 0.25, 6, 15000),
    "511725-SH": (3, 40, 0.10, 9, 40000),
}
DEFAULT_PROFILE = (6, 40, 0.2, 4, 10000)
VENUES = {
    PublicityKind.COMMUNITY_TALK: "{area}活动室",
    PublicityKind.SCHOOL: "{area}小学",
    PublicityKind.MARKET: "{area}集市",
    PublicityKind.ENTERPRISE: "{area}工业园",
    PublicityKind.DOOR_TO_DOOR: "{area}各户",
    PublicityKind.ONLINE: "{area}居民微信群",
}
SURNAMES = "王李张刘陈杨黄赵吴周"
GIVEN_NAMES = ["秀英", "建国", "桂兰", "志强", "丽华", "德明", "淑珍", "海燕"]


async def load(demo) -> None:
    for station in demo.stations.values():
        profile = PROFILES.get(station.code, DEFAULT_PROFILE)
        officer = demo.user(station, Role.OFFICER)
        actor = Actor(
            user_id=officer.id, username=officer.username, roles=frozenset({Role.OFFICER}), station_id=station.id
        )
        areas = demo.areas_of(station, AreaKind.VILLAGE, AreaKind.COMMUNITY, AreaKind.COMPOUND)
        areas = areas or demo.areas_of(station)
        # The audit log shows the station's officer as the author of its demo records.
        with audit_context(actor):
            await _publicity(demo, actor, areas, profile)
            await _reports(demo, actor, areas, profile)


async def _publicity(demo, actor: Actor, areas, profile) -> None:
    events, audience, install_share, _, _ = profile
    rng, today = demo.random, demo.clock.today()
    for _ in range(events):
        area = rng.choice(areas)
        kind = rng.choice(list(PublicityKind))
        people = max(5, int(rng.gauss(audience, audience / 4)))
        await services.record_publicity(
            actor,
            services.PublicityInput(
                area_id=area.id,
                held_on=today - dt.timedelta(days=rng.randrange(0, 365)),
                kind=kind,
                venue=VENUES[kind].format(area=area.name),
                audience_count=people,
                residents_warned=int(people * rng.uniform(0.05, 0.3)),
                app_installs=int(people * install_share * rng.uniform(0.7, 1.3)) if people else 0,
            ),
        )


async def _reports(demo, actor: Actor, areas, profile) -> None:
    _, _, _, reports, mean_loss = profile
    rng, today = demo.random, demo.clock.today()
    for _ in range(reports):
        occurred = today - dt.timedelta(days=rng.randrange(3, 360))
        loss = Decimal(max(200, int(rng.expovariate(1 / mean_loss)))).quantize(Decimal("0.01"))
        report = await services.report_fraud(
            actor,
            services.FraudReportInput(
                area_id=rng.choice(areas).id,
                occurred_on=occurred,
                fraud_type=rng.choice(list(FraudType)),
                amount_lost=loss,
                victim_name=rng.choice(SURNAMES) + rng.choice(GIVEN_NAMES),
                victim_phone="139" + "".join(str(rng.randrange(10)) for _ in range(8)),
                summary="受害人接到陌生来电后按对方要求转账。",
                reported_on=min(today, occurred + dt.timedelta(days=rng.randrange(0, 4))),
            ),
        )
        if rng.random() < 0.4:
            recovered = (loss * Decimal(rng.uniform(0.1, 0.8))).quantize(Decimal("0.01"))
            await services.close_fraud_report(actor, report.id, recovered, "部分资金已止付返还。")
