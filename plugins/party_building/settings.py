"""The ``[party_building]`` settings: cadence rules (三会一课), study, and the 警营之星 calendar.

Defaults follow the article: branch committee (支委会) weekly, branch assembly (支部党员大会)
monthly, weekly night school (夜校), a party lecture (党课) each quarter and a party group
meeting (党小组会) each month. Party activity days (党员活动日) have no required cadence unless
configured.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping

MEETING_TYPES = ("BRANCH_ASSEMBLY", "BRANCH_COMMITTEE", "PARTY_GROUP", "PARTY_LECTURE", "NIGHT_SCHOOL", "ACTIVITY_DAY")
CADENCES = ("WEEKLY", "MONTHLY", "QUARTERLY", "NONE")
DEFAULT_CADENCE = {
    "BRANCH_COMMITTEE": "WEEKLY",
    "BRANCH_ASSEMBLY": "MONTHLY",
    "NIGHT_SCHOOL": "WEEKLY",
    "PARTY_LECTURE": "QUARTERLY",
    "PARTY_GROUP": "MONTHLY",
    "ACTIVITY_DAY": "NONE",
}
# A make-up meeting (补开) held this many days after its slot ended still counts, as LATE.
DEFAULT_GRACE_DAYS = {"WEEKLY": 3, "MONTHLY": 7, "QUARTERLY": 15}
# The grace window must end before the next slot's own window does, so that a make-up meeting
# can only ever be claimed by one missed slot.
SHORTEST_SLOT_DAYS = {"WEEKLY": 7, "MONTHLY": 28, "QUARTERLY": 89}


@dataclasses.dataclass(frozen=True)
class PartyBuildingSettings:
    # Required cadence per meeting type; keys not given keep their default.
    cadence: Mapping[str, str] = dataclasses.field(default_factory=lambda: dict(DEFAULT_CADENCE))
    # Days after a slot's end during which a make-up meeting counts as LATE, per cadence.
    late_grace_days: Mapping[str, int] = dataclasses.field(default_factory=lambda: dict(DEFAULT_GRACE_DAYS))
    # Share of a held slot that a LATE one earns in the compliance rate.
    late_credit: float = 0.5
    # Meeting types whose attended hours count as study hours (学习时长).
    study_meeting_types: tuple[str, ...] = MEETING_TYPES
    # Duration recorded when a meeting is entered without one.
    default_meeting_hours: float = 1.5
    # 警营之星: nominations from the 1st to this day of the month.
    nomination_last_day: int = 15
    # 警营之星: votes from the day after nominations close to this day; the month can be closed after it.
    voting_last_day: int = 25

    def __post_init__(self) -> None:
        cadence = {**DEFAULT_CADENCE, **self.cadence}
        grace = {**DEFAULT_GRACE_DAYS, **self.late_grace_days}
        for key, value in cadence.items():
            _check(key in MEETING_TYPES, f"cadence.{key}: unknown meeting type (known: {', '.join(MEETING_TYPES)})")
            _check(value in CADENCES, f"cadence.{key}: expected one of {', '.join(CADENCES)}, got {value!r}")
        for key, days in grace.items():
            _check(
                key in SHORTEST_SLOT_DAYS, f"late_grace_days.{key}: unknown cadence (known: WEEKLY, MONTHLY, QUARTERLY)"
            )
            _check(days < SHORTEST_SLOT_DAYS[key], f"late_grace_days.{key}: must be below {SHORTEST_SLOT_DAYS[key]}")
        for key in self.study_meeting_types:
            _check(key in MEETING_TYPES, f"study_meeting_types: unknown meeting type {key!r}")
        _check(self.late_credit <= 1, "late_credit: must be between 0 and 1")
        _check(
            1 <= self.nomination_last_day < self.voting_last_day <= 28,
            "nomination_last_day and voting_last_day: need 1 <= nomination_last_day < voting_last_day <= 28",
        )
        object.__setattr__(self, "cadence", cadence)
        object.__setattr__(self, "late_grace_days", grace)


def _check(condition: bool, message: str) -> None:
    if not condition:
        raise ValueError(f"[party_building] {message}")
