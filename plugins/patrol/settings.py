"""The ``[patrol]`` section of ``fengqiao.toml``."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping


def _default_rectification_days() -> dict[str, int]:
    return {"LOW": 30, "MEDIUM": 15, "HIGH": 7, "CRITICAL": 3}


@dataclasses.dataclass(frozen=True)
class PatrolSettings:
    # A check-in later than this after the point's expected time counts as late (迟到).
    checkin_grace_minutes: int = 15
    # Check-ins are accepted from this long before a shift starts until the grace after it ends.
    checkin_early_minutes: int = 30
    # Default rectification deadline (days after the inspection) by finding severity.
    rectification_days: Mapping[str, int] = dataclasses.field(default_factory=_default_rectification_days)
    # Rows per bulk insert during a CSV import (one transaction per batch on the command line);
    # 1 to 10000 (a batch's lookups bind one parameter per row).
    import_batch_size: int = 1000
    # Largest CSV export through the API; filter to export less.
    export_max_rows: int = 100000

    def __post_init__(self) -> None:
        if not 1 <= self.import_batch_size <= MAX_IMPORT_BATCH:
            raise ValueError(f"[patrol] import_batch_size: must be between 1 and {MAX_IMPORT_BATCH}")


# SQLite and PostgreSQL bind at most 32,766 parameters per statement.
MAX_IMPORT_BATCH = 10000
