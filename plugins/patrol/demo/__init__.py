"""Demo data for 打防管控查.

城东派出所 gets the article's figures: 125 cameras, 43 HD cameras and 25 checkpoints installed
this year (on top of older ones), two red-armband volunteer teams beside the police patrol
team, incidents over two years falling year on year, criminal cases mostly solved with video,
a 一标三实 register with good coverage, inspections and a hotspot campaign. 临巴 has fewer
cameras with many offline, rising incidents, slow responses and missed check-ins; 三汇 sits in
between — so the stations' scores differ for visible reasons.

Volumes are written with bulk inserts and one audit event per register and station
(``patrol.demo.seed``); timestamps come from the demo clock so every history is consistent.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

from core import Role, record_audit
from plugins.patrol import enums as e
from plugins.patrol import models
from plugins.patrol.demo.people import People
from plugins.patrol.services.common import settings


@dataclasses.dataclass(frozen=True)
class Profile:
    old_assets: tuple[int, int, int]  # cameras, HD cameras, checkpoints installed before this year
    new_assets: tuple[int, int, int]  # installed this year
    offline_share: float
    incidents_last_year: int
    trend: float  # this year's daily incident rate against last year's
    dispatch_minutes: tuple[int, int]
    arrival_minutes: tuple[int, int]
    on_time_share: float
    video_share: float
    red_armband_teams: int
    coverage: float  # share of standard addresses with people, housing or units
    rectified_share: float


PROFILES = {
    "511725-CD": Profile((210, 30, 12), (125, 43, 25), 0.03, 420, 0.72, (1, 4), (5, 12), 0.93, 0.75, 2, 0.95, 0.9),
    "511725-LB": Profile((25, 2, 1), (6, 1, 0), 0.30, 90, 1.25, (3, 12), (12, 35), 0.62, 0.35, 0, 0.55, 0.5),
}
DEFAULT = Profile((60, 8, 4), (30, 6, 4), 0.10, 160, 0.95, (2, 6), (8, 20), 0.80, 0.55, 1, 0.75, 0.7)
KINDS = (e.AssetKind.CAMERA, e.AssetKind.HD_CAMERA, e.AssetKind.CHECKPOINT)
PROJECTS = {
    e.AssetKind.CAMERA: (e.AssetProject.SKYNET, e.AssetProject.SHARP_EYES),
    e.AssetKind.HD_CAMERA: (e.AssetProject.SMART_SECURITY, e.AssetProject.SKYNET),
    e.AssetKind.CHECKPOINT: (e.AssetProject.SKYNET,),
}
CATEGORIES = {
    e.IncidentCategory.DISPUTE: 24,
    e.IncidentCategory.THEFT: 18,
    e.IncidentCategory.ASSISTANCE: 16,
    e.IncidentCategory.TRAFFIC: 12,
    e.IncidentCategory.PUBLIC_ORDER: 10,
    e.IncidentCategory.FRAUD: 8,
    e.IncidentCategory.ASSAULT: 6,
    e.IncidentCategory.FIRE: 2,
    e.IncidentCategory.OTHER: 4,
}
SOURCES = {
    e.IncidentSource.CALL_110: 60,
    e.IncidentSource.WALK_IN: 15,
    e.IncidentSource.PATROL: 10,
    e.IncidentSource.VIDEO: 6,
    e.IncidentSource.TIP: 6,
    e.IncidentSource.REFERRAL: 3,
}
CASE_CATEGORIES = {e.IncidentCategory.THEFT, e.IncidentCategory.FRAUD, e.IncidentCategory.ASSAULT}
UNITS = {
    e.IncidentCategory.THEFT: e.DutyUnit.INVESTIGATION_TEAM,
    e.IncidentCategory.FRAUD: e.DutyUnit.INVESTIGATION_TEAM,
    e.IncidentCategory.ASSAULT: e.DutyUnit.INVESTIGATION_TEAM,
}


async def load_demo_data(demo: Any) -> None:
    for code, station in demo.stations.items():
        if "patrol" in (station.enabled_plugins or []):
            await Seeder(demo, station, PROFILES.get(code, DEFAULT)).run()


class Seeder:
    """Writes one station's demo rows."""

    def __init__(self, demo: Any, station: Any, profile: Profile) -> None:
        self.demo, self.station, self.profile, self.random = demo, station, profile, demo.random
        self.clock, self.today, self.now = demo.clock, demo.clock.today(), demo.clock.now()
        self.year_start = dt.date(self.today.year, 1, 1)
        self.officer = demo.user(station, Role.OFFICER)
        self.areas = demo.areas_of(station)
        parents = {area.parent_id for area in self.areas}
        self.leaves = [area for area in self.areas if area.id not in parents]
        self.area_by_id = {area.id: area for area in self.areas}
        self.base = {"station_id": station.id}
        self.people = People(self.random, self.today)

    async def run(self) -> None:
        await self.assets()
        shifts = await self.patrols()
        addresses = await self.people.register(self, self.profile.coverage)
        await self.incidents(shifts, addresses)
        await self.inspections(addresses)
        await self.campaign()

    # helpers ---------------------------------------------------------------------------------

    def moment(self, day: dt.date, hour_from: int = 0, hour_to: int = 23) -> dt.datetime:
        local = dt.time(self.random.randint(hour_from, hour_to), self.random.randint(0, 59))
        return dt.datetime.combine(day, local, self.clock.zone).astimezone(dt.UTC)

    def day_between(self, first: dt.date, last: dt.date) -> dt.date:
        return first + dt.timedelta(days=self.random.randint(0, max((last - first).days, 0)))

    def pick(self, weights: dict) -> Any:
        return self.random.choices(list(weights), weights=list(weights.values()))[0]

    async def audit(self, register: str, count: int) -> None:
        await record_audit(
            "patrol.demo.seed",
            object_type=register,
            station_id=self.station.id,
            after={"register": register, "rows": count},
        )

    # 防 ----------------------------------------------------------------------------------------

    def located(self, row: Any, area_id: int) -> Any:
        """The row placed at a plausible point of its area (WGS-84), when the area has a boundary."""
        point = self.demo.point_in(self.area_by_id[area_id])
        if point is not None:
            row.longitude, row.latitude = point
        return row

    def asset(self, kind: e.AssetKind, number: int, first: dt.date, last: dt.date) -> models.SurveillanceAsset:
        area = self.random.choice(self.leaves)
        status = e.AssetStatus.ONLINE
        if self.random.random() < self.profile.offline_share:
            status = self.random.choice((e.AssetStatus.OFFLINE, e.AssetStatus.FAULTY))
        return self.located(
            models.SurveillanceAsset(
                **self.base,
                kind=kind,
                project=self.random.choice(PROJECTS[kind]),
                code=f"{self.station.code}-{number:04d}",
                name=f"{area.name}{'探头' if kind is not KINDS[2] else '卡口'}",
                area_id=area.id,
                location=f"{area.name}主要路口",
                installed_on=self.day_between(first, last),
                status=status,
                status_changed_at=self.now,
            ),
            area.id,
        )

    async def assets(self) -> None:
        rows: list[models.SurveillanceAsset] = []
        windows = (
            (self.profile.old_assets, dt.date(self.today.year - 4, 1, 1), self.year_start - dt.timedelta(days=1)),
            (self.profile.new_assets, self.year_start, self.today),
        )
        for counts, first, last in windows:
            for kind, count in zip(KINDS, counts, strict=True):
                for _ in range(count):
                    rows.append(self.asset(kind, len(rows) + 1, first, last))
        await models.SurveillanceAsset.bulk_create(rows, batch_size=500)
        ids = dict(await models.SurveillanceAsset.filter(**self.base).values_list("code", "id"))
        history = []
        for row in rows:
            common = {**self.base, "asset_id": ids[row.code]}
            installed = self.clock.start_of(row.installed_on)
            history.append(models.AssetStatusChange(**common, to_status=e.AssetStatus.ONLINE, changed_at=installed))
            if row.status is not e.AssetStatus.ONLINE:
                history.append(
                    models.AssetStatusChange(
                        **common,
                        from_status=e.AssetStatus.ONLINE,
                        to_status=row.status,
                        changed_at=self.now,
                        note="巡检发现",
                    )
                )
        await models.AssetStatusChange.bulk_create(history, batch_size=500)
        await self.audit("SurveillanceAsset", len(rows))

    # 管 ----------------------------------------------------------------------------------------

    async def team(self, name: str, kind: e.PatrolTeamKind, level: int, area: Any, users: list) -> Any:
        team = await models.PatrolTeam.create(
            **self.base, name=name, kind=kind, level=level, area_id=area.id if area else None, created_at=self.now
        )
        members = [
            models.PatrolTeamMember(
                **self.base, team_id=team.id, user_id=user.id, name=user.display_name, is_leader=True
            )
            for user in users
        ]
        size = 6 if kind is e.PatrolTeamKind.RED_ARMBAND else 3
        members += [models.PatrolTeamMember(**self.base, team_id=team.id, **self.people.member()) for _ in range(size)]
        await models.PatrolTeamMember.bulk_create(members)
        return team

    async def patrols(self) -> list[Any]:
        teams = [
            await self.team(f"{self.station.name[5:]}公安巡防队", e.PatrolTeamKind.POLICE, 1, None, [self.officer])
        ]
        communities = [area for area in self.areas if area.kind.value in ("COMMUNITY", "VILLAGE")]
        volunteer = self.demo.user(self.station, Role.VOLUNTEER)
        for index in range(self.profile.red_armband_teams):
            area = communities[index % len(communities)]
            name = f"{area.name}“红袖章”义务巡逻队"
            teams.append(
                await self.team(name, e.PatrolTeamKind.RED_ARMBAND, 2, area, [volunteer] if index == 0 else [])
            )
        shifts = []
        for weeks_back in range(8):
            for team in teams:
                for day_offset in (1, 4):
                    shifts.append(await self.shift(team, self.today - dt.timedelta(days=7 * weeks_back + day_offset)))
        await self.audit("PatrolShift", len(shifts))
        return shifts

    async def shift(self, team: Any, day: dt.date) -> Any:
        starts_at = dt.datetime.combine(day, dt.time(19, 0), self.clock.zone).astimezone(dt.UTC)
        shift = await models.PatrolShift.create(
            **self.base,
            team=team,
            starts_at=starts_at,
            ends_at=starts_at + dt.timedelta(hours=2),
            note="夜间巡逻",
            created_by_id=self.officer.id,
        )
        stops = self.random.sample(self.leaves, min(4, len(self.leaves)))
        await models.PatrolRoutePoint.bulk_create(
            [
                models.PatrolRoutePoint(
                    **self.base,
                    shift_id=shift.id,
                    sequence=index + 1,
                    name=area.name,
                    area_id=area.id,
                    expected_at=starts_at + dt.timedelta(minutes=30 * index),
                )
                for index, area in enumerate(stops)
            ]
        )
        check_ins = []
        for point in await models.PatrolRoutePoint.filter(shift_id=shift.id):
            roll, share = self.random.random(), self.profile.on_time_share
            if roll > share + (1 - share) / 2:
                continue  # 漏打卡
            late = roll > share
            delay = dt.timedelta(minutes=self.random.randint(20, 50) if late else self.random.randint(0, 10))
            check_ins.append(
                models.PatrolCheckIn(
                    **self.base,
                    shift_id=shift.id,
                    point_id=point.id,
                    checked_at=point.expected_at + delay,
                    user_id=self.officer.id,
                    is_late=late,
                )
            )
        await models.PatrolCheckIn.bulk_create(check_ins)
        return shift

    # 打 ----------------------------------------------------------------------------------------

    def incident_days(self) -> list[dt.date]:
        """Last year at its rate, this year to date at ``trend`` times that rate."""
        last_year = dt.date(self.today.year - 1, 1, 1)
        rate = self.profile.incidents_last_year / 365
        days = [
            self.day_between(last_year, self.year_start - dt.timedelta(days=1))
            for _ in range(self.profile.incidents_last_year)
        ]
        elapsed = (self.today - self.year_start).days
        days += [
            self.day_between(self.year_start, self.today - dt.timedelta(days=1))
            for _ in range(round(rate * self.profile.trend * elapsed))
        ]
        return sorted(days)

    def incident(self, day: dt.date, shifts: list, addresses: list) -> models.Incident:
        category, source = self.pick(CATEGORIES), self.pick(SOURCES)
        received = self.moment(day, 6, 23)
        dispatched = received + dt.timedelta(minutes=self.random.randint(*self.profile.dispatch_minutes))
        arrived = dispatched + dt.timedelta(minutes=self.random.randint(*self.profile.arrival_minutes))
        handled = arrived + dt.timedelta(minutes=self.random.randint(20, 90))
        address = self.random.choice(addresses) if addresses and self.random.random() < 0.3 else None
        shift = self.random.choice(shifts) if source is e.IncidentSource.PATROL and shifts else None
        recent = received > self.now - dt.timedelta(days=2)
        area_id = address.area_id if address else self.random.choice(self.leaves).id
        incident = models.Incident(
            **self.base,
            source=source,
            category=category,
            status=e.IncidentStatus.ARRIVED if recent else e.IncidentStatus.CLOSED,
            area_id=area_id,
            standard_address_id=address.id if address else None,
            address=address.address if address else "",
            description=f"{category.value} 警情",
            received_at=received,
            dispatched_at=dispatched,
            arrived_at=arrived,
            handled_at=None if recent else handled,
            closed_at=None if recent else handled + dt.timedelta(hours=2),
            dispatch_seconds=int((dispatched - received).total_seconds()),
            arrival_seconds=int((arrived - dispatched).total_seconds()),
            duty_unit=UNITS.get(category, e.DutyUnit.COMMUNITY_POLICING),
            assignee_id=self.officer.id,
            outcome=None
            if recent
            else (
                e.HandlingOutcome.CRIMINAL_CASE if category in CASE_CATEGORIES else e.HandlingOutcome.RESOLVED_ON_SITE
            ),
            reported_by_id=self.officer.id,
            patrol_shift_id=shift.id if shift else None,
        )
        if address is not None and address.longitude is not None:
            incident.longitude, incident.latitude = address.longitude, address.latitude
            return incident
        return self.located(incident, area_id)

    async def incidents(self, shifts: list, addresses: list) -> None:
        rows = [self.incident(day, shifts, addresses) for day in self.incident_days()]
        await models.Incident.bulk_create(rows, batch_size=500)
        saved = await models.Incident.filter(**self.base).order_by("id")
        persons = [person for row in saved for person in self.people.incident_persons(row)]
        await models.IncidentPerson.bulk_create(persons, batch_size=500)
        cases = [
            models.CriminalCase(
                **self.base,
                incident_id=row.id,
                case_number=f"{self.station.code}-XA-{row.id:05d}",
                opened_at=row.arrived_at + dt.timedelta(hours=3),
                opened_by_id=self.officer.id,
                solved_at=row.arrived_at + dt.timedelta(days=self.random.randint(2, 40))
                if self.random.random() < 0.8
                else None,
                solved_with_video=self.random.random() < self.profile.video_share,
            )
            for row in saved
            if row.category in CASE_CATEGORIES and row.status is e.IncidentStatus.CLOSED and self.random.random() < 0.5
        ]
        for case in cases:
            if case.solved_at is None or case.solved_at > self.now:
                case.solved_at, case.solved_with_video = None, False
        await models.CriminalCase.bulk_create(cases, batch_size=500)
        await self.audit("Incident", len(rows))

    # 查 ----------------------------------------------------------------------------------------

    async def inspections(self, addresses: list) -> None:
        targets = []
        for name, kind in (
            ("宕渠宾馆", e.InspectionTargetKind.HOTEL),
            ("金色年华KTV", e.InspectionTargetKind.ENTERTAINMENT_VENUE),
            (f"{self.station.name[3:5]}小学", e.InspectionTargetKind.SCHOOL),
            ("渠县民爆器材专营公司", e.InspectionTargetKind.CIVIL_EXPLOSIVES_COMPANY),
            ("城东加油站", e.InspectionTargetKind.KEY_UNIT),
        ):
            address = self.random.choice(addresses) if addresses else None
            area_id = address.area_id if address else self.random.choice(self.leaves).id
            targets.append(
                await models.InspectionTarget.create(
                    **self.base,
                    name=name,
                    kind=kind,
                    area_id=area_id,
                    address_id=address.id if address else None,
                    created_at=self.now,
                )
            )
        for months_back in range(6):
            for target in targets:
                await self.inspection(
                    target, self.today - dt.timedelta(days=30 * months_back + self.random.randint(1, 20))
                )
        await self.audit("Inspection", 6 * len(targets))

    async def inspection(self, target: Any, day: dt.date) -> None:
        kind = {
            e.InspectionTargetKind.CIVIL_EXPLOSIVES_COMPANY: e.InspectionKind.EXPLOSIVES,
            e.InspectionTargetKind.SCHOOL: e.InspectionKind.TRAFFIC,
            e.InspectionTargetKind.KEY_UNIT: e.InspectionKind.FIRE,
        }.get(target.kind, self.random.choice((e.InspectionKind.PUBLIC_ORDER, e.InspectionKind.DAILY)))
        inspection = await models.Inspection.create(
            **self.base, target=target, kind=kind, inspected_at=self.moment(day, 9, 16), inspector_id=self.officer.id
        )
        if self.random.random() < 0.5:
            return
        severity = self.random.choice(list(e.FindingSeverity))
        deadline = day + dt.timedelta(days=settings().rectification_days.get(severity.value, 15))
        closed = deadline < self.today and self.random.random() < self.profile.rectified_share
        finding = await models.InspectionFinding.create(
            **self.base,
            inspection=inspection,
            description=self.random.choice(("消防通道堵塞", "灭火器过期", "住宿登记不全", "监控设备故障")),
            severity=severity,
            deadline=deadline,
            original_deadline=deadline,
            status=e.RectificationStatus.CLOSED if closed else e.RectificationStatus.OPEN,
            closed_on=deadline - dt.timedelta(days=self.random.randint(0, 2)) if closed else None,
        )
        if closed:  # 复查 that closed the rectification
            await models.Reinspection.create(
                **self.base,
                finding=finding,
                checked_on=finding.closed_on,
                outcome=e.ReinspectionOutcome.CLOSED,
                note="复查合格",
                inspector_id=self.officer.id,
            )

    async def campaign(self) -> None:
        compounds = [area for area in self.areas if area.kind.value == "COMPOUND"] or self.leaves
        starts_on = max(self.year_start, self.today - dt.timedelta(days=80))
        campaign = await models.HotspotCampaign.create(
            **self.base,
            name=f"{compounds[-1].name}夜市乱点整治",
            description="整治夜市占道经营、酒后滋事等治安乱点",
            starts_on=starts_on,
            status=e.CampaignStatus.ACTIVE,
        )
        await models.HotspotCampaignArea.create(**self.base, campaign=campaign, area_id=compounds[-1].id)
        await self.audit("HotspotCampaign", 1)
