"""三色预警: declarative risk rules. Pure functions over a ``RiskContext``; no database here.

Each rule looks at the context and reports zero or more hits. A hit either sets a level
(the dispute's level is the highest of them, BLUE when none fires) or raises the result by
one level (the time rule). Thresholds come from ``MediationSettings``.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable

from ..models import RiskFactor, RiskLevel
from ..settings import MediationSettings


@dataclasses.dataclass(frozen=True)
class RiskContext:
    """What the rules look at, gathered from a dispute and its parties."""

    factors: frozenset[RiskFactor]
    party_count: int
    vulnerable_parties: int
    reopened: bool
    recurring_parties: int
    criminal_linked: bool
    # Whole days since it was reported while unresolved; None once resolved or closed.
    days_unresolved: int | None


@dataclasses.dataclass(frozen=True)
class RuleHit:
    rule: str
    level: RiskLevel
    explanation: str
    # True: raises the result by one level instead of setting a level.
    raises: bool = False

    def to_json(self) -> dict:
        return {"rule": self.rule, "level": self.level.value, "explanation": self.explanation, "raises": self.raises}


@dataclasses.dataclass(frozen=True)
class RiskRule:
    code: str
    description: str
    check: Callable[[RiskContext, MediationSettings], list[RuleHit]]


def _factor_hits(context: RiskContext, names: tuple[str, ...], level: RiskLevel) -> list[RuleHit]:
    return [
        RuleHit(f"factor.{factor.value}", level, f"Risk factor {factor.value} declared.")
        for factor in sorted(context.factors, key=lambda item: item.value)
        if factor.value in names
    ]


def _red_factors(context: RiskContext, settings: MediationSettings) -> list[RuleHit]:
    return _factor_hits(context, settings.red_factors, RiskLevel.RED)


def _yellow_factors(context: RiskContext, settings: MediationSettings) -> list[RuleHit]:
    red = set(settings.red_factors)
    return _factor_hits(context, tuple(n for n in settings.yellow_factors if n not in red), RiskLevel.YELLOW)


def _many_parties(context: RiskContext, settings: MediationSettings) -> list[RuleHit]:
    if context.party_count < settings.many_parties:
        return []
    return [RuleHit("parties.many", RiskLevel.YELLOW, f"{context.party_count} parties (≥ {settings.many_parties}).")]


def _vulnerable_party(context: RiskContext, settings: MediationSettings) -> list[RuleHit]:
    if not context.vulnerable_parties:
        return []
    return [
        RuleHit(
            "party.vulnerable",
            RiskLevel.YELLOW,
            f"{context.vulnerable_parties} vulnerable party(ies): flagged, under {settings.vulnerable_age_under} "
            f"or aged {settings.vulnerable_age_from}+.",
        )
    ]


def _repeated_complaint(context: RiskContext, settings: MediationSettings) -> list[RuleHit]:
    reasons = []
    if context.reopened:
        reasons.append("the dispute was reopened")
    if context.recurring_parties:
        reasons.append(
            f"{context.recurring_parties} party(ies) in another dispute within {settings.repeat_window_days} days"
        )
    if not reasons:
        return []
    return [RuleHit("complaint.repeated", RiskLevel.YELLOW, "Repeated complaint: " + "; ".join(reasons) + ".")]


def _criminal_case(context: RiskContext, settings: MediationSettings) -> list[RuleHit]:
    if not context.criminal_linked:
        return []
    level = RiskLevel(settings.criminal_case_level)
    return [RuleHit("case.criminal", level, "Linked to a criminal case (民转刑).")]


def _unresolved_days(context: RiskContext, settings: MediationSettings) -> list[RuleHit]:
    limit = settings.unresolved_days_raise
    if not limit or context.days_unresolved is None or context.days_unresolved < limit:
        return []
    return [
        RuleHit(
            "unresolved.days",
            RiskLevel.YELLOW,
            f"Unresolved for {context.days_unresolved} days (≥ {limit}): one level up.",
            raises=True,
        )
    ]


RULES: tuple[RiskRule, ...] = (
    RiskRule(
        "factor.red", "A declared factor listed in red_factors (e.g. threat of violence, weapon) → RED.", _red_factors
    ),
    RiskRule("factor.yellow", "A declared factor listed in yellow_factors → YELLOW.", _yellow_factors),
    RiskRule("parties.many", "At least many_parties parties → YELLOW.", _many_parties),
    RiskRule(
        "party.vulnerable",
        "A party flagged vulnerable, a minor or elderly (by ID birth date) → YELLOW.",
        _vulnerable_party,
    ),
    RiskRule(
        "complaint.repeated", "Reopened, or a party recurs within repeat_window_days → YELLOW.", _repeated_complaint
    ),
    RiskRule("case.criminal", "Linked to a criminal case → criminal_case_level (RED).", _criminal_case),
    RiskRule(
        "unresolved.days", "Unresolved unresolved_days_raise days after reporting → one level up.", _unresolved_days
    ),
)


def evaluate(context: RiskContext, settings: MediationSettings) -> tuple[RiskLevel, list[RuleHit]]:
    """The computed level and every rule that fired, in rule order."""
    hits = [hit for rule in RULES for hit in rule.check(context, settings)]
    rank = max((hit.level.rank for hit in hits if not hit.raises), default=RiskLevel.BLUE.rank)
    if any(hit.raises for hit in hits):
        rank += 1
    return RiskLevel.of_rank(rank), hits


def deadline_for(level_started_at: dt.datetime, level: RiskLevel, settings: MediationSettings) -> dt.datetime:
    """Intervention deadline (早介入) of a level started at ``level_started_at``."""
    return level_started_at + dt.timedelta(hours=settings.deadline_hours(level))


def age_on(birth_date: dt.date, day: dt.date) -> int:
    years = day.year - birth_date.year
    if (day.month, day.day) < (birth_date.month, birth_date.day):
        years -= 1
    return years


def is_vulnerable_age(birth_date: dt.date | None, day: dt.date, settings: MediationSettings) -> bool:
    if birth_date is None:
        return False
    age = age_on(birth_date, day)
    return age < settings.vulnerable_age_under or age >= settings.vulnerable_age_from
