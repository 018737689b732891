"""Anti-fraud rules: recording publicity, filing and closing fraud reports, statistics.

Plain async functions (no GraphQL), called by the resolvers, the demo and the tests. Writing
functions run inside the caller's transaction (a mutation's, or ``core.db.transaction()``)
and record their audit event there.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from decimal import Decimal, InvalidOperation
from typing import Any

from tortoise.functions import Count, Sum

from core import (
    Actor,
    Area,
    Period,
    UserErrorCode,
    UserInputError,
    current_app,
    get_scoped,
    keyed_hash,
    publish,
    record_audit,
    require_plugin,
    scoped,
    snapshot,
    validate_mobile,
)
from fengqiao_anti_fraud.models import (
    FraudReport,
    FraudReportStatus,
    FraudType,
    PublicityEvent,
    PublicityKind,
)

PLUGIN = "anti_fraud"
CENT = Decimal("0.01")


async def _area_for_write(actor: Actor, area_id: int | None, *, field: str) -> Area:
    area = await get_scoped(actor, Area, area_id, field=field, label="Area")
    if actor.sees_all_stations:
        # A deployment-wide actor may target any station, but only one that runs this plugin.
        await require_plugin(area.station_id, PLUGIN)
    return area


@dataclasses.dataclass(frozen=True)
class PublicityInput:
    area_id: int | None
    held_on: dt.date
    kind: PublicityKind
    venue: str
    audience_count: int
    residents_warned: int
    app_installs: int
    notes: str = ""


def _publicity_problems(data: PublicityInput, today: dt.date) -> list[UserInputError]:
    problems = []
    if not data.venue.strip():
        problems.append(UserInputError("Venue is required.", field="venue", code=UserErrorCode.REQUIRED))
    if data.held_on > today:
        problems.append(UserInputError("A publicity event cannot be recorded before it is held.", field="heldOn"))
    for name, label, value in (
        ("audienceCount", "Audience", data.audience_count),
        ("residentsWarned", "Residents warned", data.residents_warned),
        ("appInstalls", "App installs", data.app_installs),
    ):
        if value < 0:
            problems.append(UserInputError(f"{label} cannot be negative.", field=name))
    # Everyone warned or helped to install the app was part of the audience.
    if data.residents_warned > data.audience_count:
        problems.append(UserInputError("More residents warned than the audience held.", field="residentsWarned"))
    if data.app_installs > data.audience_count:
        problems.append(UserInputError("More app installs than the audience held.", field="appInstalls"))
    return problems


async def record_publicity(actor: Actor, data: PublicityInput) -> PublicityEvent:
    """Record a publicity event (反诈宣传) in the area's station."""
    problems = _publicity_problems(data, current_app().clock.today())
    try:
        area = await _area_for_write(actor, data.area_id, field="areaId")
    except UserInputError as error:
        if error.code is UserErrorCode.FEATURE_DISABLED:
            raise
        problems.insert(0, error)
    if problems:
        raise UserInputError.many(problems)
    event = await PublicityEvent.create(
        station_id=area.station_id,
        area_id=area.id,
        held_on=data.held_on,
        kind=data.kind,
        venue=data.venue.strip(),
        audience_count=data.audience_count,
        residents_warned=data.residents_warned,
        app_installs=data.app_installs,
        notes=data.notes.strip(),
        recorded_by_id=actor.user_id,
    )
    await record_audit("anti_fraud.publicity.record", obj=event, after=snapshot(event))
    return event


@dataclasses.dataclass(frozen=True)
class FraudReportInput:
    area_id: int | None
    occurred_on: dt.date
    fraud_type: FraudType
    amount_lost: Decimal | str
    victim_name: str
    victim_phone: str | None = None
    summary: str = ""
    # Reports taken on paper are entered later; the default is today.
    reported_on: dt.date | None = None


def _money(value: Decimal | str | None, field: str, problems: list[UserInputError]) -> Decimal:
    try:
        amount = Decimal(str(value)).quantize(CENT)
    except (InvalidOperation, ValueError):
        problems.append(UserInputError("Give an amount in yuan, e.g. 1200.50.", field=field))
        return Decimal(0)
    if amount < 0:
        problems.append(UserInputError("An amount cannot be negative.", field=field))
    return amount


async def report_fraud(actor: Actor, data: FraudReportInput) -> FraudReport:
    """File a fraud report (报案). The victim's name and phone are stored encrypted; the event
    published for other plugins carries only the phone's keyed hash."""
    problems: list[UserInputError] = []
    today = current_app().clock.today()
    area = None
    if data.area_id is not None:
        try:
            area = await _area_for_write(actor, data.area_id, field="areaId")
        except UserInputError as error:
            if error.code is UserErrorCode.FEATURE_DISABLED:
                raise
            problems.append(error)
    elif actor.station_id is None:
        problems.append(
            UserInputError("Give the area, so the report has a station.", field="areaId", code=UserErrorCode.REQUIRED)
        )
    reported_on = data.reported_on or today
    if data.occurred_on > today:
        problems.append(UserInputError("The fraud cannot have happened in the future.", field="occurredOn"))
    if reported_on > today:
        problems.append(UserInputError("A report cannot be dated in the future.", field="reportedOn"))
    elif reported_on < data.occurred_on:
        problems.append(UserInputError("A fraud is reported on or after the day it happened.", field="reportedOn"))
    amount = _money(data.amount_lost, "amountLost", problems)
    name = (data.victim_name or "").strip()
    if not name:
        problems.append(
            UserInputError("The victim's name is required.", field="victimName", code=UserErrorCode.REQUIRED)
        )
    phone = None
    if data.victim_phone:
        try:
            phone = validate_mobile(data.victim_phone, field="victimPhone")
        except UserInputError as error:
            problems.append(error)
    if problems:
        raise UserInputError.many(problems)
    report = await FraudReport.create(
        station_id=area.station_id if area else actor.station_id,
        area_id=area.id if area else None,
        occurred_on=data.occurred_on,
        reported_on=reported_on,
        fraud_type=data.fraud_type,
        amount_lost=amount,
        victim_name=name,
        victim_phone=phone,
        victim_phone_hash=keyed_hash("phone", phone) if phone else None,
        summary=(data.summary or "").strip(),
        recorded_by_id=actor.user_id,
    )
    await record_audit("anti_fraud.fraud_report.file", obj=report, after=snapshot(report))
    large = amount >= Decimal(current_app().plugin_settings(PLUGIN).large_loss_yuan)
    await publish(
        "anti_fraud.fraud_report.filed",
        {
            "fraud_report_id": report.id,
            "fraud_type": report.fraud_type.value,
            "amount_lost": str(amount),
            "large_loss": large,
            "victim_phone_hash": report.victim_phone_hash,
        },
        station_id=report.station_id,
    )
    return report


async def close_fraud_report(actor: Actor, report_id: int | None, amount_recovered: Any, note: str) -> FraudReport:
    """Close a report (结案) with the money recovered (追赃挽损); only an open report closes."""
    report = await get_scoped(actor, FraudReport, report_id, field="fraudReportId", label="Fraud report")
    if actor.sees_all_stations:
        await require_plugin(report.station_id, PLUGIN)
    if report.status is not FraudReportStatus.REPORTED:
        raise UserInputError(
            f"A {report.status.value} report cannot be closed.",
            field="fraudReportId",
            code=UserErrorCode.INVALID_TRANSITION,
        )
    problems: list[UserInputError] = []
    recovered = _money(amount_recovered, "amountRecovered", problems)
    if not problems and recovered > report.amount_lost:
        problems.append(UserInputError("More recovered than was lost.", field="amountRecovered"))
    if problems:
        raise UserInputError.many(problems)
    before = snapshot(report)
    report.status = FraudReportStatus.CLOSED
    report.amount_recovered = recovered
    report.closing_note = (note or "").strip()
    report.closed_at = current_app().clock.now()
    await report.save(update_fields=["status", "amount_recovered", "closing_note", "closed_at"])
    await record_audit("anti_fraud.fraud_report.close", obj=report, before=before, after=snapshot(report))
    return report


@dataclasses.dataclass(frozen=True)
class FraudTypeCount:
    fraud_type: FraudType
    reports: int
    amount_lost: Decimal


@dataclasses.dataclass(frozen=True)
class AntiFraudFigures:
    publicity_events: int
    audience: int
    residents_warned: int
    app_installs: int
    fraud_reports: int
    amount_lost: Decimal
    amount_recovered: Decimal
    by_fraud_type: list[FraudTypeCount]


def _decimal(value: Any) -> Decimal:
    return Decimal(str(value or 0)).quantize(CENT)


async def figures(actor: Actor, station_id: int | None, period: Period) -> AntiFraudFigures:
    """Totals for the period: publicity by ``held_on``, reports by ``reported_on`` (the date
    the station learned of the fraud). Three aggregate queries, whatever the data size."""
    events = scoped(actor, PublicityEvent).filter(held_on__gte=period.start, held_on__lte=period.end)
    reports = scoped(actor, FraudReport).filter(reported_on__gte=period.start, reported_on__lte=period.end)
    if station_id is not None:
        events, reports = events.filter(station_id=station_id), reports.filter(station_id=station_id)
    publicity = (
        await events.annotate(
            n=Count("id"), audience=Sum("audience_count"), warned=Sum("residents_warned"), installs=Sum("app_installs")
        )
        .first()
        .values("n", "audience", "warned", "installs")
    )
    totals = (
        await reports.annotate(n=Count("id"), lost=Sum("amount_lost"), recovered=Sum("amount_recovered"))
        .first()
        .values("n", "lost", "recovered")
    )
    by_type = (
        await reports.annotate(n=Count("id"), lost=Sum("amount_lost"))
        .group_by("fraud_type")
        .order_by("fraud_type")
        .values("fraud_type", "n", "lost")
    )
    return AntiFraudFigures(
        publicity_events=publicity["n"] or 0,
        audience=publicity["audience"] or 0,
        residents_warned=publicity["warned"] or 0,
        app_installs=publicity["installs"] or 0,
        fraud_reports=totals["n"] or 0,
        amount_lost=_decimal(totals["lost"]),
        amount_recovered=_decimal(totals["recovered"]),
        by_fraud_type=[
            FraudTypeCount(FraudType(row["fraud_type"]), row["n"], _decimal(row["lost"])) for row in by_type
        ],
    )
