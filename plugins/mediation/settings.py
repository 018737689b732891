"""The ``[mediation]`` configuration section: risk rules (三色预警), deadlines, team rules."""

from __future__ import annotations

import dataclasses

from .enums import RiskFactor, RiskLevel

_LEVELS = {level.value for level in RiskLevel}


@dataclasses.dataclass(frozen=True)
class MediationSettings:
    """Every figure of the risk rules (三色预警), intervention deadlines and team rules.

    Example ``fengqiao.toml``::

        [mediation]
        red_factors = ["THREAT_OF_VIOLENCE", "WEAPON"]
        many_parties = 5
        red_deadline_hours = 12
    """

    # A declared risk factor in this list makes the dispute RED (红色预警).
    red_factors: tuple[str, ...] = ("THREAT_OF_VIOLENCE", "WEAPON", "SELF_HARM_THREAT")
    # A declared risk factor in this list makes it at least YELLOW (黄色预警).
    yellow_factors: tuple[str, ...] = ("VULNERABLE_PARTY", "PRIOR_INCIDENT", "REPEATED_COMPLAINT", "GROUP_DISPUTE")
    # This many parties or more make it at least YELLOW ("more than 3 parties" by default).
    many_parties: int = 4
    # A party younger than this (full years) or at least ``vulnerable_age_from`` is vulnerable.
    vulnerable_age_under: int = 18
    vulnerable_age_from: int = 70
    # A party who was party to another dispute reported within this many days → repeated complaint.
    repeat_window_days: int = 365
    # Unresolved this many days after being reported raises the level by one (0: never).
    unresolved_days_raise: int = 30
    # The level a link to a criminal case (民转刑) sets.
    criminal_case_level: str = "RED"
    # Intervention deadlines per risk level, counted from the start of the current level.
    red_deadline_hours: int = 24
    yellow_deadline_hours: int = 72
    blue_deadline_hours: int = 168
    # A team must combine a professional, a volunteer and a people's mediator (专业+志愿+调解).
    require_full_team: bool = True
    # How often time-based rules are re-evaluated (the mediation.risk_sweep job; 0: never).
    sweep_interval_minutes: int = 60
    # Printable agreement template (string.Template); empty uses the built-in one.
    agreement_template: str = ""

    def __post_init__(self) -> None:
        known = {factor.value for factor in RiskFactor}
        for name in ("red_factors", "yellow_factors"):
            unknown = [value for value in getattr(self, name) if value not in known]
            if unknown:
                raise ValueError(
                    f"{name}: unknown risk factor(s) {', '.join(unknown)}; known: {', '.join(sorted(known))}"
                )
        if self.criminal_case_level not in _LEVELS:
            raise ValueError(f"criminal_case_level: expected one of {', '.join(sorted(_LEVELS))}")
        if self.many_parties < 2:
            raise ValueError("many_parties: must be at least 2")

    def deadline_hours(self, level: RiskLevel) -> int:
        return {
            RiskLevel.RED: self.red_deadline_hours,
            RiskLevel.YELLOW: self.yellow_deadline_hours,
            RiskLevel.BLUE: self.blue_deadline_hours,
        }[level]


def settings() -> MediationSettings:
    from core import current_app  # here: loading the plugin must not load the application (and the ORM)

    return current_app().plugin_settings("mediation")
