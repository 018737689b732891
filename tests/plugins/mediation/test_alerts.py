"""RED alerts: the core event and the riskAlerts subscription (over a WebSocket)."""

from __future__ import annotations

import asyncio
import contextlib

import pytest

from core import Role
from core.app import create_app

from . import flows
from .asgi_ws import WebSocketSession
from .conftest import REPORT, dispute_input, gid, pk

RED = "mediation.dispute.red"
SUBSCRIBE = "subscription($stationId: ID) { riskAlerts(stationId: $stationId) { id riskLevel status } }"


@contextlib.asynccontextmanager
async def collected(app, names=frozenset({RED})):
    """Collect the bus's events while the block runs."""
    events = []
    ready = asyncio.Event()

    async def listen():
        stream = app.events.subscribe(set(names))
        waiting = asyncio.ensure_future(stream.__anext__())
        ready.set()
        try:
            while True:
                events.append(await waiting)
                waiting = asyncio.ensure_future(stream.__anext__())
        finally:
            waiting.cancel()
            await stream.aclose()

    task = asyncio.create_task(listen())
    await ready.wait()
    await asyncio.sleep(0)
    try:
        yield events
    finally:
        await asyncio.sleep(0.05)
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task


async def test_turning_red_publishes_an_event_with_the_dispute_and_station(app, officer, station):
    async with collected(app) as events:
        dispute = await flows.report(officer, station, riskFactors=["WEAPON"])
        await flows.report(officer, station)
    assert [(e.name, e.payload, e.station_id) for e in events] == [(RED, {"dispute_id": pk(dispute["id"])}, station.id)]


async def test_staying_red_does_not_publish_again(app, officer, station):
    dispute = await flows.report(officer, station, riskFactors=["WEAPON"])
    async with collected(app) as events:
        await flows.assess(officer, dispute["id"], riskFactors=["WEAPON", "GROUP_DISPUTE"])
    assert events == []


async def test_an_override_to_red_publishes(app, officer, station):
    dispute = await flows.report(officer, station)
    async with collected(app) as events:
        await officer.mutate(
            flows.OVERRIDE, {"input": {"disputeId": dispute["id"], "level": "RED", "reason": "扬言报复"}}
        )
    assert len(events) == 1


async def test_a_refused_mutation_announces_nothing(app, officer, station):
    async with collected(app) as events:
        data = await officer.data(REPORT, {"input": dispute_input(station, riskFactors=["WEAPON"], description="")})
    assert data["reportDispute"]["errors"]
    assert events == []


async def _subscriber_count(app) -> int:
    return len(app.events._subscribers)


async def _wait_for_subscribers(app, count: int) -> None:
    for _ in range(200):
        if await _subscriber_count(app) >= count:
            return
        await asyncio.sleep(0.01)
    raise AssertionError("the subscription did not start")


async def _open(asgi, token, variables=None, operation_id="1"):
    session = WebSocketSession(asgi)
    await session.__aenter__()
    await session.send({"type": "connection_init", "payload": {"Authorization": f"Bearer {token}"}})
    assert (await session.receive())["type"] == "connection_ack"
    await session.send(
        {"id": operation_id, "type": "subscribe", "payload": {"query": SUBSCRIBE, "variables": variables or {}}}
    )
    return session


async def test_risk_alerts_push_a_dispute_that_turns_red_over_a_websocket(app, officer, station, login_as):
    chief = await login_as(Role.STATION_CHIEF, station=station)
    asgi = create_app(app)
    session = await _open(asgi, chief.token)
    try:
        await _wait_for_subscribers(app, 1)
        dispute = await flows.report(officer, station, riskFactors=["THREAT_OF_VIOLENCE"])
        message = await session.receive()
        assert message["type"] == "next" and message["id"] == "1"
        assert message["payload"]["data"]["riskAlerts"] == {
            "id": dispute["id"],
            "riskLevel": "RED",
            "status": "REPORTED",
        }
    finally:
        await session.__aexit__(None, None, None)


async def test_risk_alerts_never_show_another_stations_dispute(app, officer, station, other_station, login_as):
    stranger = await login_as(Role.STATION_CHIEF, station=other_station)
    colleague = await login_as(Role.STATION_CHIEF, station=station)
    asgi = create_app(app)
    foreign = await _open(asgi, stranger.token)
    own = await _open(asgi, colleague.token)
    try:
        await _wait_for_subscribers(app, 2)
        await flows.report(officer, station, riskFactors=["WEAPON"])
        assert (await own.receive())["type"] == "next"
        with pytest.raises(TimeoutError):
            await foreign.receive(wait=0.3)
    finally:
        await foreign.__aexit__(None, None, None)
        await own.__aexit__(None, None, None)


async def test_a_bureau_admin_narrows_alerts_to_one_station(app, station, other_station, login_as):
    admin = await login_as(Role.BUREAU_ADMIN, station=None)
    here = await login_as(Role.OFFICER, station=station)
    there = await login_as(Role.OFFICER, station=other_station)
    session = await _open(create_app(app), admin.token, {"stationId": gid("Station", other_station)})
    try:
        await _wait_for_subscribers(app, 1)
        await flows.report(here, station, riskFactors=["WEAPON"])
        wanted = await flows.report(there, other_station, riskFactors=["WEAPON"])
        message = await session.receive()
        assert message["payload"]["data"]["riskAlerts"]["id"] == wanted["id"]
    finally:
        await session.__aexit__(None, None, None)


async def test_risk_alerts_need_a_login(app):
    session = WebSocketSession(create_app(app))
    await session.__aenter__()
    try:
        await session.send({"type": "connection_init", "payload": {}})
        assert (await session.receive())["type"] == "connection_ack"
        await session.send({"id": "1", "type": "subscribe", "payload": {"query": SUBSCRIBE}})
        message = await session.receive()
        assert message["type"] in ("error", "next")
        errors = message["payload"] if message["type"] == "error" else message["payload"]["errors"]
        assert errors[0]["extensions"]["code"] == "UNAUTHENTICATED"
    finally:
        await session.__aexit__(None, None, None)


async def _first_error_code(session) -> dict:
    message = await session.receive()
    assert message["type"] in ("error", "next")
    errors = message["payload"] if message["type"] == "error" else message["payload"]["errors"]
    return errors[0]["extensions"]


async def test_a_subscriber_without_the_permission_gets_forbidden_over_the_websocket(app, station, login_as):
    volunteer = await login_as(Role.VOLUNTEER, station=station)
    session = await _open(create_app(app), volunteer.token)
    try:
        assert (await _first_error_code(session))["code"] == "FORBIDDEN"
    finally:
        await session.__aexit__(None, None, None)


async def test_a_malformed_id_reads_as_not_found_over_the_websocket_as_over_http(app, station, login_as):
    chief = await login_as(Role.STATION_CHIEF, station=station)
    session = await _open(create_app(app), chief.token, {"stationId": "not-an-id"})
    try:
        over_websocket = await _first_error_code(session)
    finally:
        await session.__aexit__(None, None, None)
    over_http = await chief.execute('{ areas(filter: {parentId: "not-an-id"}) { totalCount } }')
    assert over_websocket["code"] == over_http["errors"][0]["extensions"]["code"] == "NOT_FOUND"
