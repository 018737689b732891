"""The cadence calendar: which occurrences (slots) a rule requires and how meetings fill them.

Slots are calendar units: ISO weeks (Monday to Sunday), calendar months and calendar
quarters. A slot belongs to the period in which it ends (its due date), so consecutive periods
never share one. Matching, per branch and meeting type:

1. a meeting held inside a slot fills it: HELD (one meeting per slot; extra ones stay spare);
2. a slot still empty is filled by a make-up meeting (补开) held within the grace days after
   it ended, provided the next slot has another meeting to fill itself: LATE. A lone meeting
   in the next slot answers its own slot, so a missed week stays missed unless it is made up
   in addition to the next week's own meeting;
3. otherwise the slot is MISSING once its due date has passed, DUE while it is still running.

Grace windows are shorter than a slot, so one make-up meeting can only ever answer one slot.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterable, Sequence

from plugins.party_building.models import Cadence

HELD, LATE, MISSING, DUE = "HELD", "LATE", "MISSING", "DUE"


@dataclasses.dataclass(frozen=True)
class Slot:
    start: dt.date
    end: dt.date


@dataclasses.dataclass(frozen=True)
class Occurrence:
    """One required slot and how it was answered."""

    slot: Slot
    status: str
    meeting_id: int | None = None
    held_on: dt.date | None = None

    @property
    def days_late(self) -> int | None:
        return (self.held_on - self.slot.end).days if self.status == LATE and self.held_on else None


def slot_containing(cadence: Cadence, day: dt.date) -> Slot:
    if cadence is Cadence.WEEKLY:
        start = day - dt.timedelta(days=day.weekday())
        return Slot(start, start + dt.timedelta(days=6))
    if cadence is Cadence.MONTHLY:
        return Slot(day.replace(day=1), _month_end(day.year, day.month))
    if cadence is Cadence.QUARTERLY:
        first_month = 3 * ((day.month - 1) // 3) + 1
        return Slot(dt.date(day.year, first_month, 1), _month_end(day.year, first_month + 2))
    raise ValueError("a NONE cadence has no slots")


def next_slot(cadence: Cadence, slot: Slot) -> Slot:
    return slot_containing(cadence, slot.end + dt.timedelta(days=1))


def slots_ending_between(cadence: Cadence, first: dt.date, last: dt.date) -> list[Slot]:
    """Slots whose last day lies in ``[first, last]``, in order."""
    if cadence is Cadence.NONE or last < first:
        return []
    slots = []
    slot = slot_containing(cadence, first)
    while slot.end <= last:
        slots.append(slot)
        slot = next_slot(cadence, slot)
    return slots


def match(
    cadence: Cadence,
    slots: Sequence[Slot],
    meetings: Iterable[tuple[dt.date, int | None]],
    *,
    grace_days: int,
    today: dt.date,
) -> list[Occurrence]:
    """Answer each slot from ``meetings`` (``(held_on, meeting id)``) as described above.

    Pass every meeting of the rule from the first slot's start to the end of the slot that
    follows the last one: whether a meeting is spare depends on its own slot.
    """
    by_slot: dict[Slot, list[tuple[dt.date, int | None]]] = {}
    for held_on, meeting_id in sorted(meetings, key=lambda item: (item[0], item[1] or 0)):
        by_slot.setdefault(slot_containing(cadence, held_on), []).append((held_on, meeting_id))
    result = []
    for slot in slots:
        held = by_slot.get(slot)
        if held:
            result.append(Occurrence(slot, HELD, held[0][1], held[0][0]))
            continue
        following = by_slot.get(next_slot(cadence, slot), [])
        deadline = slot.end + dt.timedelta(days=grace_days)
        in_window = [item for item in following if item[0] <= deadline]
        if in_window and len(following) >= 2:
            following.remove(in_window[0])
            result.append(Occurrence(slot, LATE, in_window[0][1], in_window[0][0]))
        else:
            result.append(Occurrence(slot, DUE if today <= slot.end else MISSING))
    return result


def _month_end(year: int, month: int) -> dt.date:
    following = dt.date(year + month // 12, month % 12 + 1, 1)
    return following - dt.timedelta(days=1)
