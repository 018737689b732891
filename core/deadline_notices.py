"""Announcing rows that passed a deadline, once per deadline (督办、逾期与到期提醒).

A plugin declares which rows are past their deadline now and which column remembers the deadline
last announced; the core claims each announcement by a conditional update of that column in the
same transaction as its audit record and outbox event. Two sweeps racing for one row announce it
once between them, a rolled-back sweep leaves it for the next one, and a row given a new deadline
is announced again when that one passes.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from tortoise.expressions import F, Q
from tortoise.models import Model

from core.audit import record as record_audit
from core.db import transaction
from core.runtime import current_app
from core.services import publish, stations_running

log = logging.getLogger("fengqiao.notifications")


@dataclass(frozen=True)
class DeadlineNotice:
    """One kind of "passed its deadline" announcement of a station-owned model.

    ``past_deadline()`` selects the rows past their deadline now (e.g. open and due before
    today); ``deadline_field`` holds each row's deadline and ``announced_field`` the deadline
    last announced. Each announcement records ``audit_action`` and publishes ``event`` with
    ``{payload_key: row id}`` for the station's notification kind.
    """

    model: type[Model]
    plugin: str
    past_deadline: Callable[[], Q]
    deadline_field: str
    announced_field: str
    audit_action: str
    event: str
    payload_key: str

    def _not_announced(self, deadline: Any) -> Q:
        """Not announced for ``deadline`` (a value, or ``F(deadline_field)`` for the row's own)."""
        field = self.announced_field
        never: dict[str, Any] = {f"{field}__isnull": True}
        return Q(**never) | Q(**{f"{field}__lt": deadline}) | Q(**{f"{field}__gt": deadline})

    async def run(self) -> int:
        """The body of the plugin's periodic job: announce every row due, delivering each event
        only once its announcement committed; returns how many were announced."""
        async with current_app().events.deferred():
            announced = await self.announce_all()
        if announced:
            log.info("%s: announced %d", self.event, announced)
        return announced

    async def announce_all(self) -> int:
        """Announce every row past its deadline and not yet announced for it; returns how many.
        Each row commits on its own, so one failure does not hold back the others."""
        candidates = (
            await self.model.filter(self.past_deadline(), self._not_announced(F(self.deadline_field)))
            .filter(station_id__in=await stations_running(self.plugin))
            .order_by(self.deadline_field, "id")
            .values_list("id", self.deadline_field)
        )
        announced = 0
        for row_id, deadline in candidates:
            async with transaction():
                announced += await self.announce(row_id, deadline)
        return announced

    async def announce(self, row_id: int, deadline: dt.date | dt.datetime) -> bool:
        """Claim, audit and publish the announcement of one row's missed ``deadline``; False when
        it was announced meanwhile or the row is no longer past that deadline."""
        claimed = (
            await self.model.filter(self.past_deadline(), self._not_announced(deadline))
            .filter(id=row_id, **{self.deadline_field: deadline})
            .update(**{self.announced_field: deadline})
        )
        if not claimed:
            return False
        row = await self.model.get(id=row_id)
        await record_audit(self.audit_action, obj=row, after={self.announced_field: deadline})
        await publish(self.event, {self.payload_key: row.pk}, station_id=row.station_id)  # type: ignore[attr-defined]
        return True
