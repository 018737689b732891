"""The ``[volunteers]`` section of fengqiao.toml."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping


@dataclasses.dataclass(frozen=True)
class VolunteersSettings:
    # Days between two care visits (关爱走访) unless a recipient has its own cadence: monthly.
    care_visit_interval_days: int = 30
    # Days the station has to reply to a suggestion, complaint or question raised at a
    # 向人民汇报 meeting.
    feedback_reply_days: int = 15
    # Items drawn for follow-up calls (回访) when the drawer gives no size.
    callback_sample_size: int = 10
    # At most this many anonymous survey tokens per request.
    max_survey_tokens_per_request: int = 500
    # Residents per station code (e.g. {"511725-CD" = 52000}); without it volunteer hours are
    # scored per village/community instead of per 1,000 residents.
    population: Mapping[str, int] = dataclasses.field(default_factory=dict)
