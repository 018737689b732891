"""Notifications the mediation plugin sends (通知): a dispute turning RED, and a dispute past its
intervention deadline (督办提醒), reach the station chief and the dispute's active mediation
team. Before a team is named the chief alone is told: assigning the team is the chief's step."""

from __future__ import annotations

from core import NotificationKind, Role

from .services.overdue import OVERDUE_EVENT
from .services.riskstate import RED_EVENT


async def dispute_team(event) -> list[int]:
    from .models import MediatorAssignment

    dispute_id = event.payload.get("dispute_id")
    return await MediatorAssignment.filter(dispute_id=dispute_id, active=True).values_list("user_id", flat=True)


NOTIFICATION_KINDS = [
    NotificationKind(
        name="mediation.dispute.red",
        title="纠纷红色预警",
        event=RED_EVENT,
        message=lambda event: f"纠纷 #{event.payload.get('dispute_id')} 升为红色预警，请立即处置。",
        roles=(Role.STATION_CHIEF,),
        recipients=dispute_team,
        mandatory=True,
        description="A dispute of the station turned RED (红色预警): to the station chief and its mediation team.",
    ),
    NotificationKind(
        name="mediation.dispute.overdue",
        title="纠纷逾期督办",
        event=OVERDUE_EVENT,
        message=lambda event: f"纠纷 #{event.payload.get('dispute_id')} 已超过处置时限仍未介入，请督办。",
        roles=(Role.STATION_CHIEF,),
        recipients=dispute_team,
        mandatory=True,
        description="A dispute of the station passed its intervention deadline with no intervention (督办): "
        "to the station chief and its active mediation team, once per deadline.",
    ),
]
