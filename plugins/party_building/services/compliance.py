"""Meeting cadence compliance: every required occurrence in a period, held, late or missing.

Gap detection walks each rule's calendar slots, which SQL cannot express portably; the
database is asked once for the branches and once for the meeting dates of all of them, and
only the matching of those dates to slots happens here.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterable, Sequence

from core import Actor, Period, scoped
from plugins.party_building.models import Branch, Cadence, MeetingType, PartyMeeting
from plugins.party_building.services import cadence as calendar
from plugins.party_building.services.common import settings, today
from plugins.party_building.settings import PartyBuildingSettings


@dataclasses.dataclass(frozen=True)
class RuleOccurrence:
    """One required slot of one branch's meeting rule."""

    branch_id: int
    meeting_type: MeetingType
    cadence: Cadence
    occurrence: calendar.Occurrence


@dataclasses.dataclass(frozen=True)
class Tally:
    held: int = 0
    late: int = 0
    missing: int = 0
    due: int = 0

    @property
    def required(self) -> int:
        return self.held + self.late + self.missing + self.due

    @property
    def settled(self) -> int:
        return self.held + self.late + self.missing

    def rate(self, late_credit: float) -> float | None:
        """(held + late_credit × late) / (held + late + missing); slots still running are left out."""
        if not self.settled:
            return None
        return (self.held + late_credit * self.late) / self.settled

    def explain(self) -> str:
        return (
            f"{self.held + self.late} of {self.settled} required meetings held "
            f"({self.late} late, {self.missing} missing)"
        )


def tally(occurrences: Iterable[RuleOccurrence]) -> Tally:
    counts = {calendar.HELD: 0, calendar.LATE: 0, calendar.MISSING: 0, calendar.DUE: 0}
    for item in occurrences:
        counts[item.occurrence.status] += 1
    return Tally(counts[calendar.HELD], counts[calendar.LATE], counts[calendar.MISSING], counts[calendar.DUE])


def rules(config: PartyBuildingSettings) -> list[tuple[MeetingType, Cadence]]:
    found = [(MeetingType(name), Cadence(value)) for name, value in config.cadence.items()]
    return [(meeting_type, rule) for meeting_type, rule in found if rule is not Cadence.NONE]


def meeting_window(period: Period, config: PartyBuildingSettings) -> tuple[dt.date, dt.date]:
    """The dates whose meetings can answer the period's slots (see ``cadence.match``)."""
    starts, ends = [period.start], [period.end]
    for _meeting_type, rule in rules(config):
        starts.append(_slot_before(rule, period).start)
        ends.append(calendar.next_slot(rule, calendar.slot_containing(rule, period.end)).end)
    return min(starts), max(ends)


def occurrences(
    branches: Sequence[tuple[int, dt.date]],
    meetings: Iterable[tuple[int, MeetingType, dt.date, int | None]],
    period: Period,
    *,
    config: PartyBuildingSettings,
    on: dt.date,
) -> list[RuleOccurrence]:
    """Every required occurrence of ``branches`` (``(id, established_on)``) in ``period``.

    A slot is required once the branch exists for all of it (its start is on or after the
    founding date). ``meetings`` are ``(branch id, type, held on, meeting id)``.
    """
    by_rule: dict[tuple[int, MeetingType], list[tuple[dt.date, int | None]]] = {}
    for branch_id, meeting_type, held_on, meeting_id in meetings:
        by_rule.setdefault((branch_id, MeetingType(meeting_type)), []).append((held_on, meeting_id))
    result = []
    for branch_id, established_on in branches:
        for meeting_type, rule in rules(config):
            # The slot before the period is matched too, so that a make-up meeting it claims is
            # not also shown as answering the period's first slot: every period agrees.
            slots = [_slot_before(rule, period), *calendar.slots_ending_between(rule, period.start, period.end)]
            matched = calendar.match(
                rule,
                [slot for slot in slots if slot.start >= established_on],
                by_rule.get((branch_id, meeting_type), []),
                grace_days=config.late_grace_days[rule.value],
                today=on,
            )
            result.extend(
                RuleOccurrence(branch_id, meeting_type, rule, item) for item in matched if item.slot.end >= period.start
            )
    result.sort(key=lambda item: (item.occurrence.slot.end, item.branch_id, item.meeting_type.value))
    return result


def _slot_before(rule: Cadence, period: Period) -> calendar.Slot:
    first = calendar.slot_containing(rule, period.start)
    return calendar.slot_containing(rule, first.start - dt.timedelta(days=1))


async def meeting_compliance(
    actor: Actor, period: Period, *, branch_id: int | None = None, station_id: int | None = None
) -> list[RuleOccurrence]:
    """The occurrences of every branch within the actor's reach (narrowed by branch or station)."""
    config = settings()
    branches = scoped(actor, Branch)
    if branch_id is not None:
        branches = branches.filter(id=branch_id)
    if station_id is not None:
        branches = branches.filter(station_id=station_id)
    found = await branches.order_by("id").values_list("id", "established_on")
    first, last = meeting_window(period, config)
    meetings = await (
        scoped(actor, PartyMeeting)
        .filter(branch_id__in=[row[0] for row in found], held_on__gte=first, held_on__lte=last)
        .values_list("branch_id", "meeting_type", "held_on", "id")
    )
    return occurrences(found, meetings, period, config=config, on=today())
