"""Demo data: 城东派出所's branch with a year of meetings (a few deliberate gaps), posts and
responsibilities with checks, a 警营之星 for every past month and its 五小工程. The other demo
stations keep fewer meetings, so their party indicators differ for visible reasons."""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

from core import Actor, Period, Role, record_audit, snapshot
from plugins.party_building.models import (
    AttendanceStatus,
    Cadence,
    CheckOutcome,
    DutyKind,
    FacilityKind,
    FacilityStatus,
    MeetingType,
    MemberStatus,
    Office,
    Responsibility,
    StarAward,
    StarNomination,
    StarVote,
)
from plugins.party_building.services import branches, facilities, meetings, responsibilities, stars
from plugins.party_building.services.common import PLUGIN

TOPICS = {
    MeetingType.BRANCH_COMMITTEE: "研究本周警务工作和党建任务",
    MeetingType.NIGHT_SCHOOL: "夜校：学习新时代枫桥经验与执法规范",
    MeetingType.BRANCH_ASSEMBLY: "支部党员大会：通报月度工作，开展批评与自我批评",
    MeetingType.PARTY_GROUP: "党小组会：交流学习体会",
    MeetingType.PARTY_LECTURE: "党课：公安姓党，忠诚履职",
    MeetingType.ACTIVITY_DAY: "党员活动日：进社区开展防诈骗宣传",
}


@dataclasses.dataclass(frozen=True)
class Profile:
    """How diligent a demo station's branch is."""

    months: int
    skip_share: float
    night_school: bool
    lectures: bool


PROFILES = {"511725-CD": Profile(12, 0.0, True, True), "511725-LB": Profile(12, 0.25, True, False)}
SPARSE = Profile(4, 0.4, False, False)


def chief_actor(demo: Any, station: Any) -> Actor:
    chief = demo.user(station, Role.STATION_CHIEF)
    roles = frozenset({Role.STATION_CHIEF})
    return Actor(
        user_id=chief.id,
        username=chief.username,
        roles=roles,
        station_id=station.id,
        permissions=demo.app.permissions.for_roles(roles),
        station_plugins=frozenset(station.enabled_plugins),
    )


async def load(demo: Any) -> None:
    for code, station in demo.stations.items():
        if PLUGIN not in station.enabled_plugins:
            continue
        profile = PROFILES.get(code, SPARSE)
        actor = chief_actor(demo, station)
        today = demo.clock.today()
        start = _months_back(today, profile.months)
        branch = await branches.create_branch(actor, f"{station.name}党支部", established_on=start)
        members = await _members(demo, actor, station, branch, start)
        await _meetings(demo, actor, branch, members, start, today, profile, main=code == demo.main_station_code)
        await _responsibilities(demo, actor, station, start, today)
        staff = [demo.user(station, role) for role in (Role.STATION_CHIEF, Role.OFFICER, Role.AUXILIARY)]
        await _stars(demo, station, staff, start, today)
        await _facilities(actor, code == demo.main_station_code)


def _months_back(day: dt.date, months: int) -> dt.date:
    year, month = divmod(day.year * 12 + day.month - 1 - months, 12)
    return dt.date(year, month + 1, 1)


async def _members(demo, actor, station, branch, start) -> list[Any]:
    plan = [
        (Role.STATION_CHIEF, MemberStatus.FULL, [Office.SECRETARY]),
        (Role.OFFICER, MemberStatus.FULL, [Office.COMMITTEE_MEMBER, Office.GROUP_LEADER]),
        (Role.AUXILIARY, MemberStatus.ACTIVIST, []),
    ]
    joined = start - dt.timedelta(days=900)
    return [
        await branches.add_member(actor, branch.id, demo.user(station, role).id, status, joined, offices)
        for role, status, offices in plan
    ]


def _schedule(start: dt.date, today: dt.date, profile: Profile, random, main: bool):
    """(type, day) of every meeting the branch held, with the deliberate gaps."""
    held = []
    monday = start + dt.timedelta(days=(7 - start.weekday()) % 7)
    week = 0
    while monday <= today:
        week += 1
        # 城东: weeks 10 and 30 without a committee meeting; week 20 made up on the next Tuesday.
        skip_committee = week in (10, 30) if main else random.random() < profile.skip_share
        if not skip_committee and not (main and week == 20):
            held.append((MeetingType.BRANCH_COMMITTEE, monday))
        if main and week == 21:
            held.append((MeetingType.BRANCH_COMMITTEE, monday + dt.timedelta(days=1)))
        if profile.night_school and not (main and week == 15) and random.random() >= profile.skip_share:
            held.append((MeetingType.NIGHT_SCHOOL, monday + dt.timedelta(days=2)))
        monday += dt.timedelta(days=7)
    month = start
    index = 0
    while month <= today:
        index += 1
        if not (main and index == 5):  # 城东 skipped one month's assembly
            held.append((MeetingType.BRANCH_ASSEMBLY, month.replace(day=5)))
        held.append((MeetingType.PARTY_GROUP, month.replace(day=12)))
        held.append((MeetingType.ACTIVITY_DAY, month.replace(day=20)))
        if profile.lectures and month.month in (2, 5, 8, 11):
            held.append((MeetingType.PARTY_LECTURE, month.replace(day=15)))
        month = _months_back(month, -1)
    return sorted((item for item in held if start <= item[1] <= today), key=lambda item: item[1])


async def _meetings(demo, actor, branch, members, start, today, profile, *, main) -> None:
    random = demo.random
    for meeting_type, day in _schedule(start, today, profile, random, main):
        entries = []
        for member in members:
            roll = random.random()
            status = AttendanceStatus.PRESENT
            if roll < 0.08:
                status = AttendanceStatus.EXCUSED
            elif roll < 0.12 + (0 if main else 0.15):
                status = AttendanceStatus.ABSENT
            reason = "外出执行任务" if status is AttendanceStatus.EXCUSED else None
            entries.append(meetings.AttendanceEntry(member.id, status, reason))
        hours = 2.0 if meeting_type is MeetingType.PARTY_LECTURE else 1.5
        draft = meetings.MeetingDraft(
            meeting_type,
            day,
            TOPICS[meeting_type],
            speaker="王所长",
            minutes="会议记录略",
            duration_hours=hours,
            attendance=entries,
        )
        await meetings.record_meeting(actor, branch.id, draft)


async def _responsibilities(demo, actor, station, start, today) -> None:
    officer = demo.user(station, Role.OFFICER)
    auxiliary = demo.user(station, Role.AUXILIARY)
    post = await responsibilities.create_post(
        actor, "社区民警", "负责社区治安管理、矛盾纠纷排查调处", "落实党风廉政建设责任，严守廉洁纪律"
    )
    area = demo.areas_of(station)[-1]
    plan = [
        (officer, DutyKind.BUSINESS, f"{area.name}警务室", Cadence.MONTHLY, None),
        (officer, DutyKind.PARTY_CONDUCT, "社区警务队", Cadence.QUARTERLY, None),
        (auxiliary, DutyKind.BUSINESS, "辖区巡防路线", Cadence.WEEKLY, 60),  # checks stop: overdue now
    ]
    for holder, kind, point, cadence, stop_days_ago in plan:
        item = await responsibilities.assign_responsibility(actor, post.id, holder.id, kind, point, cadence)
        await Responsibility.filter(id=item.id).update(
            assigned_on=start, next_check_due=responsibilities.first_due(cadence, start)
        )
        step = {Cadence.WEEKLY: 7, Cadence.MONTHLY: 30, Cadence.QUARTERLY: 90}[cadence]
        last = today - dt.timedelta(days=stop_days_ago or 0)
        day = start + dt.timedelta(days=step - 3)
        while day <= last:
            outcome = CheckOutcome.PROBLEMS_FOUND if demo.random.random() < 0.1 else CheckOutcome.DONE
            problems = "台账更新不及时" if outcome is CheckOutcome.PROBLEMS_FOUND else None
            await responsibilities.record_check(actor, item.id, outcome, checked_on=day, problems=problems)
            day += dt.timedelta(days=step + demo.random.choice((-2, 0, 0, 3)))


async def _stars(demo, station, staff, start, today) -> None:
    """Past months are written as they were decided then; the current month stays open."""
    month = start
    while month <= today:
        period = Period.month(month.year, month.month)
        key = month.strftime("%Y-%m")
        if period.end >= today:
            break
        at = demo.clock.start_of(period.start + dt.timedelta(days=3))
        for index, nominator in enumerate(staff):
            nominee = staff[(index + 1 + demo.random.randrange(len(staff) - 1)) % len(staff)]
            row = await StarNomination.create(
                station_id=station.id,
                month=key,
                nominee_id=nominee.id,
                nominator_id=nominator.id,
                reason="工作积极主动，群众评价好",
                created_at=at + dt.timedelta(minutes=index),
            )
            await record_audit("party_building.star.nominate", obj=row, after=snapshot(row))
        nominated = list({row.nominee_id for row in await StarNomination.filter(station_id=station.id, month=key)})
        for voter in staff:
            choices = [user_id for user_id in nominated if user_id != voter.id]
            if choices:
                ballot = await StarVote.create(
                    station_id=station.id,
                    month=key,
                    voter_id=voter.id,
                    nominee_id=demo.random.choice(choices),
                    created_at=at + dt.timedelta(days=14),
                )
                await record_audit("party_building.star.vote", obj=ballot, after=snapshot(ballot))
        ranked = await stars.candidates(station.id, key)
        winner, decided_by = stars.decide(ranked)
        award = await StarAward.create(
            station_id=station.id,
            month=key,
            winner_id=winner.user_id if winner else None,
            votes=winner.votes if winner else 0,
            nominations=winner.nominations if winner else 0,
            total_votes=sum(c.votes for c in ranked),
            decided_by=decided_by,
            closed_at=demo.clock.start_of(period.end + dt.timedelta(days=1)),
            closed_by_id=staff[0].id,
        )
        await record_audit("party_building.star.close", obj=award, after=snapshot(award))
        month = _months_back(month, -1)


async def _facilities(actor, main: bool) -> None:
    items = [
        (FacilityKind.DUTY_ROOM, "备勤室", FacilityStatus.IN_USE, "床铺、储物柜已更新"),
        (FacilityKind.BATHROOM, "浴室", FacilityStatus.IN_USE, "24小时热水"),
        (FacilityKind.CANTEEN, "食堂", FacilityStatus.IN_USE, "每周公示菜谱"),
        (FacilityKind.GYM, "健身房", FacilityStatus.NEEDS_REPAIR if main else FacilityStatus.PLANNED, ""),
        (FacilityKind.LAUNDRY, "洗衣房", FacilityStatus.IN_PROGRESS, "洗衣机安装中"),
    ]
    if main:
        items.append((FacilityKind.CULTURE_CORRIDOR, "警营文化长廊", FacilityStatus.IN_USE, "展示警营之星"))
    for kind, name, status, note in items if main else items[:3]:
        await facilities.add_facility(actor, kind, name, status=status, note=note)
