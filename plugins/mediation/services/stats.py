"""Statistics (统计) of mediation work, computed with grouped SQL aggregates.

The *cohort* of a period is the disputes accepted (``reported_at``) in it, in the deployment's
time zone. Outcomes count when they happened before the period's end, so a past period's
figures stay put as later work is done. Definitions (also in the GraphQL descriptions):

* accepted  — disputes of the cohort (受理).
* concluded — of them, those with an outcome by the end of the period: resolved by an
  agreement, or closed without one (调结/终结).
* resolved  — of them, those resolved by a mediation agreement by the end (调解成功).
* successRate = resolved / concluded (调解成功率); resolutionRate = resolved / accepted.
* overdue   — of the cohort, those whose intervention deadline at their current level passed
  (before the end of the period, or now if earlier) without an intervention by the deadline.
* civilToCriminal — disputes linked to a criminal case with the link made in the period.
* judiciallyConfirmed — of the cohort, disputes whose agreement a court confirmed (司法确认) by
  the end of the period (decision date, local).

The article's "受理46件, 调解结案38件, 成功率93%": 38/46 is 82.6 %, the resolution rate.
93 % is 38/41 — the success rate over the 41 disputes that had an outcome (38 agreements,
3 ended without one); 5 were still being worked on.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from typing import Any

from tortoise.expressions import F, Q, Subquery
from tortoise.functions import Count

from core import Actor, NotFound, Period, current_app, scoped, shared_figures

from ..models import CriminalCaseLink, Dispute, JudicialConfirmation, JudicialStatus, MediationLevel, RiskLevel


@dataclasses.dataclass(frozen=True)
class CohortFigures:
    accepted: int = 0
    concluded: int = 0
    resolved: int = 0
    resolved_at_village: int = 0
    overdue: int = 0
    interventions_due: int = 0
    interventions_on_time: int = 0

    def __add__(self, other: CohortFigures) -> CohortFigures:
        return CohortFigures(
            *(getattr(self, f.name) + getattr(other, f.name) for f in dataclasses.fields(CohortFigures))
        )


@dataclasses.dataclass(frozen=True)
class MediationStats:
    figures: CohortFigures
    civil_to_criminal: int
    by_level: dict[MediationLevel, int]
    judicially_confirmed: int
    by_risk_level: dict[RiskLevel, int]

    @property
    def success_rate(self) -> float | None:
        return ratio(self.figures.resolved, self.figures.concluded)

    @property
    def resolution_rate(self) -> float | None:
        return ratio(self.figures.resolved, self.figures.accepted)

    @property
    def lowest_level_share(self) -> float | None:
        return ratio(self.figures.resolved_at_village, self.figures.resolved)

    @property
    def on_time_rate(self) -> float | None:
        return ratio(self.figures.interventions_on_time, self.figures.interventions_due)


def ratio(numerator: int, denominator: int) -> float | None:
    return numerator / denominator if denominator else None


def _window(period: Period) -> tuple[Any, Any, Any]:
    clock = current_app().clock
    start, end = period.bounds(clock)
    return start, end, min(end, clock.now())


def cohort(queryset, period: Period):
    start, end, _ = _window(period)
    return queryset.filter(reported_at__gte=start, reported_at__lt=end)


async def cohort_figures(queryset, period: Period) -> dict[int, CohortFigures]:
    """The cohort figures per station, in one grouped query."""
    _, end, cutoff = _window(period)
    late = Q(intervened_at__isnull=True) | Q(intervened_at__gt=F("deadline_at"))
    rows = await (
        cohort(queryset, period)
        .annotate(
            accepted=Count("id"),
            concluded=Count("id", _filter=Q(concluded_at__lt=end)),
            resolved=Count("id", _filter=Q(resolved_at__lt=end)),
            resolved_at_village=Count("id", _filter=Q(resolved_at__lt=end, resolved_level=MediationLevel.VILLAGE)),
            overdue=Count("id", _filter=Q(deadline_at__lt=cutoff) & late),
            interventions_due=Count("id", _filter=Q(deadline_at__lt=cutoff) | Q(intervened_at__lt=cutoff)),
            interventions_on_time=Count(
                "id", _filter=Q(intervened_at__lt=cutoff) & Q(intervened_at__lte=F("deadline_at"))
            ),
        )
        .group_by("station_id")
        .values("station_id", *(f.name for f in dataclasses.fields(CohortFigures)))
    )
    return {
        row["station_id"]: CohortFigures(**{f.name: row[f.name] or 0 for f in dataclasses.fields(CohortFigures)})
        for row in rows
    }


async def criminal_conversions(links_queryset, period: Period) -> dict[int, int]:
    """Disputes linked to a criminal case in the period, per station (one grouped query)."""
    start, end, _ = _window(period)
    rows = await (
        links_queryset.filter(linked_at__gte=start, linked_at__lt=end)
        .annotate(disputes=Count("dispute_id", distinct=True))
        .group_by("station_id")
        .values("station_id", "disputes")
    )
    return {row["station_id"]: row["disputes"] for row in rows}


async def _grouped(queryset, field: str) -> dict[Any, int]:
    rows = await queryset.annotate(n=Count("id")).group_by(field).values(field, "n")
    return {row[field]: row["n"] for row in rows if row[field] is not None}


def _stations(actor: Actor, model, station_id: int | None):
    queryset = scoped(actor, model)
    if station_id is None:
        return queryset
    if not actor.sees_all_stations and station_id != actor.station_id:
        raise NotFound("Station not found.")
    return queryset.filter(station_id=station_id)


async def mediation_stats(actor: Actor, station_id: int | None, period: Period) -> MediationStats:
    """The figures for one station, or for every station the actor reaches when ``None``."""
    disputes = _stations(actor, Dispute, station_id)
    per_station = await cohort_figures(disputes, period)
    figures = sum(per_station.values(), CohortFigures())
    _, end, _ = _window(period)
    by_level = await _grouped(cohort(disputes, period).filter(resolved_at__lt=end), "resolved_level")
    by_risk = await _grouped(cohort(disputes, period), "risk_level")
    conversions = await criminal_conversions(_stations(actor, CriminalCaseLink, station_id), period)
    confirmed = JudicialConfirmation.filter(status=JudicialStatus.CONFIRMED, decided_on__lte=period.end)
    confirmed_ids = Subquery(confirmed.values("dispute_id"))
    judicially_confirmed = await cohort(disputes, period).filter(id__in=confirmed_ids).count()
    return MediationStats(
        figures=figures,
        judicially_confirmed=judicially_confirmed,
        civil_to_criminal=sum(conversions.values()),
        by_level={level: _count(by_level, level) for level in MediationLevel},
        by_risk_level={level: _count(by_risk, level) for level in RiskLevel},
    )


def _count(grouped: dict[Any, int], member) -> int:
    # Grouped values come back as enum members or raw strings depending on the backend.
    return grouped.get(member, 0) or grouped.get(member.value, 0)


@shared_figures
async def station_figures(station_ids: Sequence[int], period: Period) -> dict[int, CohortFigures]:
    """For indicators: the hook names the stations; there is no actor. Read by four of them."""
    return await cohort_figures(Dispute.filter(station_id__in=list(station_ids)), period)


async def station_conversions(station_ids: Sequence[int], period: Period) -> dict[int, int]:
    return await criminal_conversions(CriminalCaseLink.filter(station_id__in=list(station_ids)), period)
