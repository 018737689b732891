"""Notifications the mediation plugin sends (通知): a dispute turning RED reaches the station
chief and the dispute's active mediation team at once; it cannot be switched off."""

from __future__ import annotations

from core import NotificationKind, Role

from .services.riskstate import RED_EVENT


async def red_dispute_team(event) -> list[int]:
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
        recipients=red_dispute_team,
        mandatory=True,
        description="A dispute of the station turned RED (红色预警): to the station chief and its mediation team.",
    )
]
