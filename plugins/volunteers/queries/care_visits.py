"""Root list of care visits (关爱走访记录): where and when the care register was visited."""

from typing import Annotated

import strawberry
from strawberry.types import Info
from tortoise.queryset import QuerySet

from core import SpatialArgument, connection, query_field, scoped, spatially
from plugins.volunteers import models
from plugins.volunteers.queries import _common, _equal, _pk, _within
from plugins.volunteers.types import inputs
from plugins.volunteers.types.care import CareVisit


@strawberry.type
class CareVisitQueries:
    @query_field(
        permission="volunteers.care.read",
        description=(
            "Care visits (关爱走访记录), newest recorded first; visits to people the caller may not see (minors) are "
            "left out. A visit's place is personal (usually the person's home): spatial needs "
            "core.personal.view_full."
        ),
    )
    @connection(CareVisit)
    async def care_visits(
        self,
        info: Info,
        filter: Annotated[
            inputs.CareVisitFilter | None,
            strawberry.argument(description="Narrow by person, activity, timeliness, period and station."),
        ] = None,
        *,
        spatial: SpatialArgument = None,
    ) -> QuerySet:
        actor = info.context.actor
        queryset = _common(scoped(actor, models.CareVisit), filter)
        if filter is not None:
            queryset = _equal(
                queryset,
                recipient_id=_pk(filter.recipient_id, "CareRecipient", "filter.recipientId"),
                activity_id=_pk(filter.activity_id, "VolunteerActivity", "filter.activityId"),
                on_time=filter.on_time,
            )
            queryset = _within(queryset, "visited_on", filter.period)
        queryset = await spatially(actor, queryset, spatial)
        return queryset.order_by("-id")
