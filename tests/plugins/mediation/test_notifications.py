"""The mediation.dispute.red notification (fengqiao_notification_kinds): a dispute turning RED
reaches the station chief's inbox (and live subscription), is mandatory, and stays in its station."""

from __future__ import annotations

import asyncio

from core import Role
from core.app import create_app

from . import flows
from .asgi_ws import WebSocketSession
from .conftest import pk

INBOX = "{ unreadNotificationCount notifications { nodes { id kind title message readAt } } }"
SUBSCRIBE = "subscription { notificationReceived { kind message } }"


async def test_a_red_dispute_lands_in_the_chiefs_inbox_only(app, officer, station, other_station, login_as):
    chief = await login_as(Role.STATION_CHIEF, station=station)
    stranger = await login_as(Role.STATION_CHIEF, station=other_station)
    dispute = await flows.report(officer, station, riskFactors=["WEAPON"])
    inbox = await chief.data(INBOX)
    assert inbox["unreadNotificationCount"] == 1
    [item] = inbox["notifications"]["nodes"]
    assert item["kind"] == "mediation.dispute.red" and item["title"] == "纠纷红色预警"
    assert f"#{pk(dispute['id'])}" in item["message"] and item["readAt"] is None
    assert (await stranger.data(INBOX))["unreadNotificationCount"] == 0
    assert (await officer.data(INBOX))["unreadNotificationCount"] == 0  # officers are not recipients


async def test_the_red_alert_is_mandatory_and_cannot_be_switched_off(app, station, login_as):
    chief = await login_as(Role.STATION_CHIEF, station=station)
    data = await chief.data(
        'mutation { setNotificationPreference(input: {kind: "mediation.dispute.red", mode: OFF}) '
        "{ mode errors { field code } } }"
    )
    assert data["setNotificationPreference"] == {"mode": None, "errors": [{"field": "mode", "code": "FORBIDDEN"}]}
    kinds = (await chief.data("{ notificationKinds { name mandatory mode } }"))["notificationKinds"]
    assert {"name": "mediation.dispute.red", "mandatory": True, "mode": "INBOX"} in kinds


async def test_the_chief_hears_of_a_red_dispute_live_over_a_websocket(app, officer, station, login_as):
    chief = await login_as(Role.STATION_CHIEF, station=station)
    session = WebSocketSession(create_app(app))
    await session.__aenter__()
    try:
        await session.send({"type": "connection_init", "payload": {"Authorization": f"Bearer {chief.token}"}})
        assert (await session.receive())["type"] == "connection_ack"
        await session.send({"id": "1", "type": "subscribe", "payload": {"query": SUBSCRIBE}})
        for _ in range(200):
            if app.events._subscribers:
                break
            await asyncio.sleep(0.01)
        await flows.report(officer, station, riskFactors=["THREAT_OF_VIOLENCE"])
        message = await session.receive()
        assert message["type"] == "next"
        assert message["payload"]["data"]["notificationReceived"]["kind"] == "mediation.dispute.red"
    finally:
        await session.__aexit__(None, None, None)
