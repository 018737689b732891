"""The monthly freeze (月度考评冻结) as a periodic job: on ``[scoring] auto_freeze_day`` of each
month (and any later day until it is done), freeze the month before if nobody has. Off (0) by
default: a bureau may prefer to freeze by hand after checking the figures."""

from __future__ import annotations

import datetime as dt

from core.audit.recorder import audit_context
from core.contract import Job, Role
from core.db import transaction
from core.identity.actor import Actor
from core.identity.models import Station
from core.observability.context import current_request_id
from core.periods import Period
from core.runtime import current_app
from core.scoring import snapshots

JOB_NAME = "core.scoring.auto_freeze"
FREEZER = Actor(username=JOB_NAME, roles=frozenset({Role.BUREAU_ADMIN}))


async def freeze_last_month() -> int:
    """Freeze the previous month when due; returns the number of stations frozen (0: nothing to do)."""
    from core.scoring.services import freeze_month

    app = current_app()
    day = app.settings.scoring.auto_freeze_day
    today = app.clock.today()
    if not day or today.day < day:
        return 0
    last_day = today.replace(day=1) - dt.timedelta(days=1)
    month = snapshots.month_text(Period.month(last_day.year, last_day.month))
    if await snapshots.month_is_frozen(month) or not await Station.exists():
        return 0
    reason = f"automatic freeze on day {day} ([scoring] auto_freeze_day)"
    # A freeze covers every station: act as a deployment-wide account, under the run's request id.
    with audit_context(FREEZER, request_id=current_request_id()):
        async with transaction():
            result = await freeze_month(FREEZER, month, reason=reason)
    return len(result.ranking)


AUTO_FREEZE_JOB = Job(
    name=JOB_NAME,
    run=freeze_last_month,
    cron="30 2 * * *",
    description="Freeze the previous month's scores and ranking once [scoring] auto_freeze_day is reached (0: off).",
)
