"""Subscription ``riskAlerts``: disputes that just turned RED (红色预警), pushed at once."""

from collections.abc import AsyncGenerator
from typing import Annotated

import strawberry
from strawberry.types import Info

from core import subscription_field

from . import services
from .types.disputes import Dispute
from .types.inputs import query_id


@strawberry.type
class MediationSubscription:
    @subscription_field(
        permission="mediation.dispute.read",
        description="Pushes a dispute when it turns RED (红色预警), if the subscriber may see it; stationId narrows "
        "to one station (bureau admins watch all by default).",
    )
    async def risk_alerts(
        self,
        info: Info,
        station_id: Annotated[
            strawberry.ID | None,
            strawberry.argument(
                description="Only alerts of this station (global id); omitted → every station the subscriber may see."
            ),
        ] = None,
    ) -> AsyncGenerator[Dispute, None]:
        wanted = query_id(station_id, "Station", "stationId")
        context = info.context
        async for event in context.app.events.subscribe({services.RED_EVENT}):
            if wanted is not None and event.station_id != wanted:
                continue
            row = await services.visible_disputes(context.actor).get_or_none(id=event.payload.get("dispute_id"))
            if row is None:
                continue
            # The connection's loaders live as long as it; each alert must show fresh data.
            context.loaders.clear()
            yield Dispute.from_row(row)
