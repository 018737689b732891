"""Risk levels and factors (三色预警), apart from the models: the ``[mediation]`` settings check
against them when plugins load, and commands that load plugins without the database (``fengqiao
--help``, ``fengqiao plugins``) should not import the ORM for that."""

from __future__ import annotations

import enum


class RiskLevel(enum.Enum):
    BLUE = "BLUE"
    YELLOW = "YELLOW"
    RED = "RED"

    @property
    def rank(self) -> int:
        return {"BLUE": 1, "YELLOW": 2, "RED": 3}[self.value]

    @classmethod
    def of_rank(cls, rank: int) -> RiskLevel:
        return {1: cls.BLUE, 2: cls.YELLOW, 3: cls.RED}[max(1, min(3, rank))]


class RiskFactor(enum.Enum):
    THREAT_OF_VIOLENCE = "THREAT_OF_VIOLENCE"
    WEAPON = "WEAPON"
    SELF_HARM_THREAT = "SELF_HARM_THREAT"
    VULNERABLE_PARTY = "VULNERABLE_PARTY"
    PRIOR_INCIDENT = "PRIOR_INCIDENT"
    REPEATED_COMPLAINT = "REPEATED_COMPLAINT"
    GROUP_DISPUTE = "GROUP_DISPUTE"
