"""Demo data: the article's mediation year for 渠县公安局城东派出所, and weaker neighbours.

The article's period 2020-01-01..2020-08-20 (233 days, "今年以来") is laid onto the 233 days
ending on the demo clock's today; with the test clock (2020-08-20) it is exactly the article's.
城东 accepts 46 disputes in it: 38 resolved by agreement (31 at village level), 3 closed without
agreement, 5 still being worked on — so resolved/accepted = 38/46 = 82.6 % and the article's
"93 %" is resolved/concluded = 38/41 = 92.7 %. No dispute turns criminal (无一例民转刑).
临巴 resolves less, more of it at town level, with one 民转刑; 三汇 escalates most and
intervenes late more often. Each step runs through the services at its own moment (the clock
is moved for it), so timelines, deadlines, risk rules and audit events are all real.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
from collections.abc import Iterator
from typing import Any

from core import Actor, AreaKind, FixedClock, GeoPointInput, Role, make_id_number

from .. import services
from ..models import (
    CanvassMode,
    CentreMemberKind,
    Dispute,
    DisputeCategory,
    DisputeSource,
    MediationLevel,
    PartyRole,
    RiskFactor,
    TeamRole,
)
from ..services import DisputeData, PartyData, TeamMember, labels

ARTICLE_DAYS = 233
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何罗高林"
GIVEN = ["建国", "秀英", "志强", "桂兰", "明", "丽", "德华", "玉梅", "文", "海燕", "勇", "春花", "军", "红梅", "成"]
DESCRIPTIONS = {
    DisputeCategory.NEIGHBOUR: "楼上漏水浸湿楼下房屋，双方多次争吵",
    DisputeCategory.FAMILY: "夫妻因赡养老人问题发生争执",
    DisputeCategory.LAND: "相邻两户因宅基地界址发生争议",
    DisputeCategory.LABOUR_WAGES: "务工人员讨要拖欠工资",
    DisputeCategory.DEBT: "亲戚之间借款到期未还",
    DisputeCategory.PROPERTY_MANAGEMENT: "业主与物业因停车管理费产生矛盾",
    DisputeCategory.TRAFFIC: "电动车与行人相撞，赔偿未谈妥",
    DisputeCategory.OTHER: "商户占道经营引发口角",
}


@dataclasses.dataclass(frozen=True)
class Plan:
    """One dispute's story: when it came in, how far it got, at which level it ended."""

    days_ago: float
    outcome: str  # reported | assessed | in_mediation | failed | escalated | resolved | closed | failed_closed
    final_level: MediationLevel = MediationLevel.VILLAGE
    factors: tuple[RiskFactor, ...] = ()
    late: bool = False
    category: DisputeCategory = DisputeCategory.NEIGHBOUR
    via: str = "walk_in"  # walk_in | tip | canvass
    criminal_case: str | None = None


@dataclasses.dataclass
class StationDemo:
    demo: Any
    station: Any
    actor: Actor
    team: list[TeamMember]
    today_start: dt.datetime
    areas: list[Any]
    centres: dict[int, int] = dataclasses.field(default_factory=dict)
    sequence: int = 0


@contextlib.contextmanager
def _at(app: Any, moment: dt.datetime) -> Iterator[None]:
    """Run the block as if it were ``moment``: services stamp and check against the clock."""
    previous = app.clock
    app.clock = FixedClock(moment, previous.zone.key)
    try:
        yield
    finally:
        app.clock = previous


def _actor(demo: Any, station: Any, role: Role) -> Actor:
    user = demo.user(station, role)
    roles = frozenset({role})
    return Actor(
        user_id=user.id,
        username=user.username,
        roles=roles,
        station_id=station.id,
        permissions=demo.app.permissions.for_roles(roles),
        station_plugins=frozenset(station.enabled_plugins),
    )


def _people(ctx: StationDemo, count: int, elderly: bool) -> list[PartyData]:
    rng = ctx.demo.random
    parties = []
    for index in range(count):
        ctx.sequence += 1
        year = 1946 if elderly and index == 0 else rng.randint(1960, 1998)
        birth = dt.date(year, rng.randint(1, 12), rng.randint(1, 28))
        name = rng.choice(SURNAMES) + rng.choice(GIVEN)
        phone = f"1{rng.choice('35789')}{rng.randint(0, 999999999):09d}"
        role = PartyRole.APPLICANT if index == 0 else PartyRole.RESPONDENT
        parties.append(PartyData(name, make_id_number("511725", birth, ctx.sequence % 1000), role, phone))
    return parties


def _data(ctx: StationDemo, plan: Plan) -> DisputeData:
    rng = ctx.demo.random
    area = rng.choice(ctx.areas)
    point = ctx.demo.point_in(area)
    return DisputeData(
        parties=_people(
            ctx, 4 if RiskFactor.GROUP_DISPUTE in plan.factors else 2, RiskFactor.VULNERABLE_PARTY in plan.factors
        ),
        category=plan.category,
        area_id=area.id,
        description=DESCRIPTIONS[plan.category],
        risk_factors=plan.factors,
        centre_id=ctx.centres.get(area.id),
        location=GeoPointInput(longitude=point[0], latitude=point[1]) if point else None,
    )


async def _report(ctx: StationDemo, plan: Plan, at: dt.datetime) -> Dispute:
    data = _data(ctx, plan)
    app = ctx.demo.app
    if plan.via == "tip":
        with _at(app, at - dt.timedelta(hours=2)):
            tip, _ = await services.submit_tip(ctx.actor, content=data.description + "，请民警处理", anonymous=True)
        with _at(app, at):
            tip = await services.triage_tip(ctx.actor, tip.id, services.TriageAction.CONVERT, dispute=data)
        return await Dispute.get(id=tip.dispute_id)
    with _at(app, at):
        if plan.via == "canvass":
            campaign = await services.create_campaign(
                ctx.actor,
                name="网络式摸排（掌上警务）",
                mode=CanvassMode.NETWORK,
                area_ids=[data.area_id],
                start=at.date(),
                end=at.date() + dt.timedelta(days=30),
            )
            finding = await services.record_finding(
                ctx.actor, campaign.id, area_id=data.area_id, description=data.description
            )
            return await services.convert_finding(
                ctx.actor, finding.id, dataclasses.replace(data, source=DisputeSource.CANVASS)
            )
        return await services.report_dispute(ctx.actor, data)


async def _mediate(ctx: StationDemo, dispute: Dispute, at: dt.datetime, late: bool) -> dt.datetime:
    """Assign the team and hold the first session (late: after the level's deadline)."""
    app = ctx.demo.app
    with _at(app, at + dt.timedelta(hours=1)):
        await services.assign_mediators(ctx.actor, dispute.id, ctx.team)
    dispute = await Dispute.get(id=dispute.id)
    session_at = dispute.deadline_at + dt.timedelta(hours=6) if late else at + dt.timedelta(hours=20)
    with _at(app, session_at):
        await services.record_session(
            ctx.actor,
            dispute.id,
            held_at=session_at,
            place="调解室",
            attendees=["双方当事人", "调解员"],
            notes="听取双方陈述，释法说理",
        )
    return session_at


async def _climb(ctx: StationDemo, dispute: Dispute, at: dt.datetime, to_level: MediationLevel) -> dt.datetime:
    """Fail and escalate until the dispute sits at ``to_level``, mediating at each level."""
    app = ctx.demo.app
    level = MediationLevel.VILLAGE
    while level is not to_level:
        at += dt.timedelta(days=2)
        with _at(app, at):
            await services.fail_mediation(ctx.actor, dispute.id, "双方分歧较大，本级调解未成")
        at += dt.timedelta(hours=1)
        with _at(app, at):
            await services.escalate_dispute(ctx.actor, dispute.id, "移交上级调解组织，附调解记录")
        level = level.above()
        at = await _mediate(ctx, dispute, at, late=False)
    return at


async def _play(ctx: StationDemo, plan: Plan) -> None:
    app = ctx.demo.app
    start = ctx.today_start - dt.timedelta(days=plan.days_ago) + dt.timedelta(hours=9 + ctx.demo.random.randint(0, 7))
    dispute = await _report(ctx, plan, start)
    if plan.outcome == "reported":
        return
    with _at(app, start + dt.timedelta(hours=1)):
        await services.assess_dispute(ctx.actor, dispute.id, note="已研判风险")
    if plan.outcome == "assessed":
        return
    at = await _mediate(ctx, dispute, start + dt.timedelta(hours=1), plan.late)
    if plan.criminal_case:
        with _at(app, at + dt.timedelta(hours=2)):
            await services.link_criminal_case(ctx.actor, dispute.id, plan.criminal_case, "当事人持械伤人，已刑事立案")
    if plan.outcome == "in_mediation":
        return
    if plan.outcome in ("failed", "escalated"):
        with _at(app, at + dt.timedelta(days=1)):
            await services.fail_mediation(ctx.actor, dispute.id, "一方拒绝调解")
        if plan.outcome == "escalated":
            with _at(app, at + dt.timedelta(days=1, hours=2)):
                await services.escalate_dispute(ctx.actor, dispute.id, "移交街道人民调解委员会")
        return
    at = await _climb(ctx, dispute, at, plan.final_level)
    at += dt.timedelta(days=3)
    with _at(app, at):
        if plan.outcome == "failed_closed":
            await services.fail_mediation(ctx.actor, dispute.id, "调解不成，引导当事人诉讼")
        else:
            await services.resolve_dispute(ctx.actor, dispute.id, ["双方自愿达成和解", "今后互谅互让，不再追究"], at)
    if plan.outcome in ("closed", "failed_closed"):
        with _at(app, at + dt.timedelta(days=5)):
            await services.close_dispute(ctx.actor, dispute.id, "回访：当事人对处理结果满意")


def _spread(count: int, newest: float, oldest: float) -> list[float]:
    step = (oldest - newest) / max(count - 1, 1)
    return [oldest - step * index for index in range(count)]


def main_station_plans() -> list[Plan]:
    """城东: 46 accepted — 38 resolved (31 village, 6 town, 1 county), 3 closed unresolved, 5 open."""
    levels = [MediationLevel.VILLAGE] * 31 + [MediationLevel.TOWN] * 6 + [MediationLevel.COUNTY]
    categories = list(DisputeCategory)
    yellow = {
        2: RiskFactor.PRIOR_INCIDENT,
        9: RiskFactor.VULNERABLE_PARTY,
        15: RiskFactor.GROUP_DISPUTE,
        22: RiskFactor.REPEATED_COMPLAINT,
        30: RiskFactor.PRIOR_INCIDENT,
        35: RiskFactor.VULNERABLE_PARTY,
    }
    red = {5: RiskFactor.THREAT_OF_VIOLENCE, 26: RiskFactor.WEAPON}
    plans = []
    for index, days in enumerate(_spread(38, 20, 228)):
        factor = yellow.get(index) or red.get(index)
        plans.append(
            Plan(
                days_ago=days,
                outcome="closed" if days > 45 else "resolved",
                final_level=levels[(index * 7) % 38],
                factors=(factor,) if factor else (),
                late=index in (11, 29),
                category=categories[index % len(categories)],
                via="tip" if index == 12 else "canvass" if index == 18 else "walk_in",
            )
        )
    plans += [
        Plan(150, "failed_closed", MediationLevel.VILLAGE, category=DisputeCategory.DEBT),
        Plan(95, "failed_closed", MediationLevel.TOWN, category=DisputeCategory.LABOUR_WAGES),
        Plan(60, "failed_closed", MediationLevel.TOWN, (RiskFactor.PRIOR_INCIDENT,), category=DisputeCategory.LAND),
        Plan(1.5, "reported", factors=(RiskFactor.WEAPON,), category=DisputeCategory.NEIGHBOUR),
        Plan(2, "assessed", factors=(RiskFactor.PRIOR_INCIDENT,), category=DisputeCategory.FAMILY),
        Plan(4, "in_mediation", factors=(RiskFactor.THREAT_OF_VIOLENCE,), category=DisputeCategory.PROPERTY_MANAGEMENT),
        Plan(6, "failed", category=DisputeCategory.TRAFFIC),
        Plan(9, "escalated", factors=(RiskFactor.GROUP_DISPUTE,), category=DisputeCategory.LABOUR_WAGES),
    ]
    return plans


def neighbour_plans(code: str) -> list[Plan]:
    if code.endswith("LB"):  # 临巴: 20 accepted, 14 resolved, 4 unresolved, 2 open, one 民转刑.
        levels = [MediationLevel.VILLAGE] * 8 + [MediationLevel.TOWN] * 5 + [MediationLevel.COUNTY]
        plans = [
            Plan(days, "closed", levels[i], late=i % 4 == 0, category=list(DisputeCategory)[i % 8])
            for i, days in enumerate(_spread(14, 25, 220))
        ]
        plans += [Plan(d, "failed_closed", MediationLevel.TOWN) for d in (180, 120, 70)]
        plans += [
            Plan(40, "failed", factors=(RiskFactor.WEAPON,), criminal_case="渠公(临)刑立字〔2020〕017号"),
            Plan(3, "in_mediation", factors=(RiskFactor.PRIOR_INCIDENT,)),
            Plan(1, "reported"),
        ]
        return plans
    # 三汇: 12 accepted, most escalated, interventions often late.
    levels = [MediationLevel.VILLAGE] * 4 + [MediationLevel.TOWN] * 5 + [MediationLevel.COUNTY]
    plans = [
        Plan(days, "closed", levels[i], late=i % 3 == 0, category=list(DisputeCategory)[(i + 3) % 8])
        for i, days in enumerate(_spread(10, 30, 200))
    ]
    return plans + [Plan(90, "failed_closed", MediationLevel.TOWN), Plan(5, "escalated")]


async def _centres(ctx: StationDemo) -> None:
    """小区调处中心 in each residential compound (城东 has the article's 7)."""
    compounds = [area for area in ctx.areas if area.kind is AreaKind.COMPOUND]
    for area in compounds:
        members = [
            services.MemberData("社区" + ctx.demo.random.choice(SURNAMES) + "书记", CentreMemberKind.COMMUNITY_CADRE),
            services.MemberData(area.name.removesuffix("小区") + "物业经理", CentreMemberKind.PROPERTY_STAFF),
            services.MemberData(
                ctx.demo.user(ctx.station, Role.VOLUNTEER).display_name,
                CentreMemberKind.VOLUNTEER,
                user_id=ctx.demo.user(ctx.station, Role.VOLUNTEER).id,
            ),
        ]
        with _at(ctx.demo.app, ctx.today_start - dt.timedelta(days=ARTICLE_DAYS + 30)):
            centre = await services.create_centre(
                ctx.actor, name=area.name + "调处中心", area_id=area.id, members=members
            )
        ctx.centres[area.id] = centre.id


async def _intake(ctx: StationDemo) -> None:
    """Campaigns in the four modes and a few tips in every state."""
    app, areas = ctx.demo.app, [a for a in ctx.areas if a.kind is not AreaKind.GRID]
    for offset, mode in enumerate((CanvassMode.ROLLING, CanvassMode.CARPET, CanvassMode.DRAGNET)):
        begin = ctx.today_start - dt.timedelta(days=40 * (offset + 1))
        with _at(app, begin):
            covered = areas[offset::3] or areas[:1]
            campaign = await services.create_campaign(
                ctx.actor,
                name=f"{begin:%Y年%m月}{labels.chinese(labels.CANVASS_MODE, mode)}摸排",
                mode=mode,
                area_ids=[a.id for a in covered],
                start=begin.date(),
                end=begin.date() + dt.timedelta(days=14),
            )
            await services.record_progress(ctx.actor, campaign.id, 80 + 40 * offset)
            await services.record_finding(
                ctx.actor,
                campaign.id,
                area_id=covered[0].id,
                description="两户因噪音问题关系紧张，尚未激化",
                address=f"{covered[0].name}{offset + 3}栋",
                risk_factors=[RiskFactor.PRIOR_INCIDENT],
            )
    tips = ["小区门口有人因停车吵架", "工地老板欠薪，工人聚集", "邻居家深夜吵闹", "同一件停车纠纷（重复反映）"]
    made = []
    for index, content in enumerate(tips):
        with _at(app, ctx.today_start - dt.timedelta(days=10 - index)):
            made.append((await services.submit_tip(ctx.actor, content=content))[0])
    with _at(app, ctx.today_start - dt.timedelta(days=3)):
        await services.triage_tip(ctx.actor, made[2].id, services.TriageAction.DISMISS, note="经核实已自行和解")
        await services.triage_tip(ctx.actor, made[3].id, services.TriageAction.MERGE, merge_into_tip_id=made[0].id)


async def _station(demo: Any, station: Any, plans: list[Plan]) -> None:
    zone = demo.clock.zone
    today = demo.clock.today()
    ctx = StationDemo(
        demo=demo,
        station=station,
        actor=_actor(demo, station, Role.OFFICER),
        team=[
            TeamMember(demo.user(station, Role.OFFICER).id, TeamRole.PROFESSIONAL),
            TeamMember(demo.user(station, Role.VOLUNTEER).id, TeamRole.VOLUNTEER),
            TeamMember(demo.user(station, Role.MEDIATOR).id, TeamRole.PEOPLES_MEDIATOR),
        ],
        today_start=dt.datetime.combine(today, dt.time.min, zone),
        areas=[area for area in demo.areas_of(station) if area.kind is not AreaKind.TOWN],
    )
    await _centres(ctx)
    for plan in sorted(plans, key=lambda p: -p.days_ago):
        await _play(ctx, plan)
    await _intake(ctx)
    from .documents import load_documents

    await load_documents(demo, station, ctx.actor)


async def load_demo(demo: Any) -> None:
    for code, station in demo.stations.items():
        if "mediation" not in (station.enabled_plugins or []):
            continue
        plans = main_station_plans() if code == demo.main_station_code else neighbour_plans(code)
        await _station(demo, station, plans)
    await services.sweep_risk_levels()
