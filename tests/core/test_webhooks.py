"""Signed webhooks (Standard Webhooks) from the outbox, tested against a real local HTTP
receiver: registration and its refusals, signatures and rotation, filters, retries with
backoff into the dead letter, replay, every attempt over GraphQL, and at-least-once delivery
across a sender killed mid-request."""

import asyncio
import datetime as dt
import os
import random
import signal
import sys
import textwrap

import pytest
from tortoise import connections

import tests.core.sample_plugin as sample_plugin
from core import Role, publish, transaction
from core.audit.models import AuditEvent
from core.config import WebhookSettings
from core.graphql.ids import to_global_id
from core.jobs.runner import JobRunner
from core.testing import TEST_SECRET, create_station
from core.webhooks import signing
from core.webhooks.models import DeliveryState, WebhookDelivery, WebhookEndpoint
from core.webhooks.sender import Sender, backoff
from tests.core.webhook_receiver import Receiver

CREATE = """
mutation($input: CreateWebhookEndpointInput!) {
  createWebhookEndpoint(input: $input) {
    endpoint { id url eventTypes enabled stationId }
    secret
    errors { field message code }
  }
}"""
DELIVERIES = """
query($filter: WebhookDeliveryFilter) {
  webhookDeliveries(filter: $filter) {
    totalCount
    nodes { id messageId eventType state attemptCount lastStatus deliveredAt
            attempts { statusCode latencyMs responseExcerpt error succeeded } }
  }
}"""
REPLAY = """
mutation($id: ID!) {
  replayWebhookDelivery(input: {id: $id}) { delivery { state attemptCount } errors { field code message } }
}"""


@pytest.fixture
async def app(make_app):
    return await make_app(
        ["sample"],
        extra_plugins=[sample_plugin],
        webhooks=WebhookSettings(allow_private_networks=True, max_attempts=3, retry_seconds=30),
    )


@pytest.fixture
async def station(app):
    return await create_station(app)


@pytest.fixture
async def chief(login_as, station):
    return await login_as(Role.STATION_CHIEF, station=station)


@pytest.fixture
def receiver():
    with Receiver() as running:
        yield running


async def register(chief, station, url, event_types=()):
    payload = await chief.mutate(
        CREATE,
        {"input": {"stationId": to_global_id("Station", station.id), "url": url, "eventTypes": list(event_types)}},
    )
    return payload["endpoint"], payload["secret"]


async def emit(station, name="sample.person.created", payload=None):
    from core.runtime import current_app

    async with current_app().events.deferred():
        async with transaction():
            await publish(name, payload or {"person_id": 7}, station_id=station.id)


def now_of(clock) -> int:
    return int(clock.now().timestamp())


async def test_a_station_chief_registers_an_endpoint_and_gets_its_secret_once(app, chief, station, receiver):
    endpoint, secret = await register(chief, station, receiver.url, ["sample.*"])
    assert secret.startswith("whsec_") and endpoint["eventTypes"] == ["sample.*"] and endpoint["enabled"]
    row = await WebhookEndpoint.get()
    assert row.secret == secret  # the model decrypts; the column holds only ciphertext
    stored = await connections.get("default").execute_query_dict("SELECT secret FROM core_webhook_endpoint")
    assert stored[0]["secret"].startswith("v1:") and secret not in stored[0]["secret"]
    audit = await AuditEvent.filter(action="core.webhook_endpoint.create").first()
    assert audit is not None and secret not in str(audit.after)
    listed = await chief.data("{ webhookEndpoints { nodes { url } } }")
    assert listed["webhookEndpoints"]["nodes"] == [{"url": receiver.url}]


async def test_an_event_is_posted_signed_to_the_receiver_and_its_attempt_is_listed(
    app, chief, station, receiver, clock
):
    _, secret = await register(chief, station, receiver.url)
    await emit(station)
    assert await Sender(app).run() == 1
    [(headers, body)] = receiver.requests
    signing.verify(secret, headers, body, now=now_of(clock))  # raises when wrong
    assert headers["webhook-id"].startswith("evt_") and headers["content-type"] == "application/json"
    assert '"type":"sample.person.created"' in body and f'"station_id":{station.id}' in body
    [node] = (await chief.data(DELIVERIES))["webhookDeliveries"]["nodes"]
    assert (node["state"], node["attemptCount"], node["lastStatus"]) == ("DELIVERED", 1, 200)
    assert node["messageId"] == headers["webhook-id"]
    [attempt] = node["attempts"]
    assert attempt["succeeded"] and attempt["statusCode"] == 200 and attempt["latencyMs"] >= 0
    assert attempt["responseExcerpt"] == '{"ok":true}'


async def test_a_signature_with_another_secret_or_an_old_timestamp_is_refused(app, chief, station, receiver, clock):
    _, secret = await register(chief, station, receiver.url)
    await emit(station)
    await Sender(app).run()
    [(headers, body)] = receiver.requests
    with pytest.raises(signing.InvalidSignature):
        signing.verify(signing.new_secret(), headers, body, now=now_of(clock))
    with pytest.raises(signing.InvalidSignature):
        signing.verify(secret, headers, body + " ", now=now_of(clock))
    with pytest.raises(signing.InvalidSignature):
        signing.verify(secret, headers, body, now=now_of(clock) + signing.TOLERANCE_SECONDS + 1)


async def test_filters_select_which_events_an_endpoint_receives(app, chief, station, receiver):
    await register(chief, station, receiver.url, ["mediation.*", "sample.person.deleted"])
    await emit(station, "sample.person.created")
    await emit(station, "sample.person.deleted")
    await Sender(app).run()
    assert [body for _, body in receiver.requests if "sample.person.deleted" in body] and len(receiver.requests) == 1


async def test_another_stations_events_never_reach_an_endpoint(app, chief, station, receiver):
    await register(chief, station, receiver.url)
    other = await create_station(app, name="渠县公安局临巴派出所")
    await emit(other)
    assert await Sender(app).run() == 0 and receiver.requests == []


async def test_failures_are_retried_with_backoff_then_dead_lettered_and_replayed(app, chief, station, receiver, clock):
    await register(chief, station, receiver.url)
    receiver.statuses = [500, 503, 502]
    await emit(station)
    assert await Sender(app).run() == 0
    assert await Sender(app).run() == 0 and len(receiver.requests) == 1  # not due yet: backing off
    for _ in range(2):
        clock.advance(hours=1)
        await Sender(app).run()
    delivery = await WebhookDelivery.get()
    assert delivery.state is DeliveryState.DEAD and delivery.attempts == 3 and len(receiver.requests) == 3
    [node] = (await chief.data(DELIVERIES, {"filter": {"state": "DEAD"}}))["webhookDeliveries"]["nodes"]
    assert [a["statusCode"] for a in node["attempts"]] == [500, 503, 502]
    assert node["attempts"][0]["responseExcerpt"] == "receiver refused: try later"
    replayed = await chief.mutate(REPLAY, {"id": node["id"]})
    assert replayed["delivery"] == {"state": "PENDING", "attemptCount": 0}
    assert await Sender(app).run() == 1
    ids = {headers["webhook-id"] for headers, _ in receiver.requests}
    assert len(ids) == 1 and len(receiver.requests) == 4  # the same message id: receivers drop repeats


async def test_a_pending_delivery_cannot_be_replayed(app, chief, station, receiver):
    await register(chief, station, receiver.url)
    await emit(station)
    delivery = await WebhookDelivery.get()
    data = await chief.data(REPLAY, {"id": to_global_id("WebhookDelivery", delivery.id)})
    assert data["replayWebhookDelivery"]["errors"][0]["code"] == "INVALID_TRANSITION"


async def test_backoff_doubles_with_jitter_and_is_capped():
    rng = random.Random(19)
    waits = [backoff(attempt, 30, rng).total_seconds() for attempt in (1, 2, 3, 4)]
    for attempt, wait in enumerate(waits, start=1):
        assert 30 * 2 ** (attempt - 1) * 0.75 <= wait <= 30 * 2 ** (attempt - 1) * 1.25
    assert backoff(30, 30, rng) == dt.timedelta(hours=6)


async def test_a_rotated_secret_and_the_previous_one_both_sign_until_the_overlap_ends(
    app, chief, station, receiver, clock
):
    endpoint, old = await register(chief, station, receiver.url)
    rotated = await chief.mutate(
        "mutation($id: ID!) { rotateWebhookSecret(input: {id: $id, keepPreviousHours: 2}) "
        "{ secret endpoint { previousSecretValidUntil } errors { code } } }",
        {"id": endpoint["id"]},
    )
    new = rotated["secret"]
    assert new != old and rotated["endpoint"]["previousSecretValidUntil"]
    await emit(station)
    await Sender(app).run()
    headers, body = receiver.requests[-1]
    assert len(headers["webhook-signature"].split(" ")) == 2
    signing.verify(new, headers, body, now=now_of(clock))
    signing.verify(old, headers, body, now=now_of(clock))
    clock.advance(hours=3)
    await emit(station)
    await Sender(app).run()
    headers, body = receiver.requests[-1]
    signing.verify(new, headers, body, now=now_of(clock))
    with pytest.raises(signing.InvalidSignature):
        signing.verify(old, headers, body, now=now_of(clock))


async def test_a_receiver_answering_410_gone_switches_its_endpoint_off(app, chief, station, receiver):
    await register(chief, station, receiver.url)
    receiver.statuses = [410]
    await emit(station)
    await Sender(app).run()
    assert (await WebhookDelivery.get()).state is DeliveryState.DEAD
    assert (await WebhookEndpoint.get()).enabled is False


async def test_private_addresses_are_refused_unless_the_deployment_allows_them(make_app):
    app = await make_app(["sample"], extra_plugins=[sample_plugin])
    station = await create_station(app)
    from core.testing import GraphQLClient, create_user, token_for

    chief = GraphQLClient(app, token_for(app, await create_user(app, station, Role.STATION_CHIEF)))
    for url in ("http://127.0.0.1:9/hook", "http://10.0.0.8/hook", "http://169.254.169.254/latest", "ftp://x.cn/"):
        data = await chief.data(CREATE, {"input": {"stationId": to_global_id("Station", station.id), "url": url}})
        assert data["createWebhookEndpoint"]["errors"][0]["field"] == "url", url
    assert await WebhookEndpoint.all().count() == 0


async def test_only_chiefs_and_bureau_admins_manage_endpoints_of_their_own_station(app, login_as, station, receiver):
    officer = await login_as(Role.OFFICER, station=station)
    result = await officer.execute("{ webhookEndpoints { totalCount } }")
    assert result["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    other = await create_station(app, name="渠县公安局临巴派出所")
    other_chief = await login_as(Role.STATION_CHIEF, station=other)
    data = await other_chief.data(
        CREATE, {"input": {"stationId": to_global_id("Station", station.id), "url": receiver.url}}
    )
    assert data["createWebhookEndpoint"]["errors"][0]["code"] == "NOT_FOUND"
    bad = await other_chief.data(
        CREATE, {"input": {"stationId": to_global_id("Station", other.id), "url": receiver.url, "eventTypes": ["a b"]}}
    )
    assert bad["createWebhookEndpoint"]["errors"][0]["field"] == "eventTypes"
    assert await WebhookEndpoint.all().count() == 0


async def test_the_deliver_job_sends_due_deliveries(app, chief, station, receiver):
    await register(chief, station, receiver.url)
    await emit(station)
    run = await JobRunner(app).run_now("core.webhooks.deliver")
    assert run.items_changed == 1 and len(receiver.requests) == 1


async def test_a_delivery_is_sent_again_when_its_sender_is_killed_mid_request(app, chief, station, receiver, clock):
    """At least once: the receiver got the request, the sender died before recording it."""
    _, secret = await register(chief, station, receiver.url)
    await emit(station)
    receiver.hold_first = True
    script = textwrap.dedent(
        f"""
        import asyncio
        from core.runtime import Fengqiao
        from core.testing import make_settings
        from core.config import WebhookSettings
        from core.webhooks.sender import Sender

        async def main():
            settings = make_settings({app.settings.database_url!r}, [], webhooks=WebhookSettings(allow_private_networks=True))
            app = Fengqiao.create(settings)
            await app.start(migrate=False)
            await Sender(app).run()

        asyncio.run(main())
        """
    )
    environment = {**os.environ, "FENGQIAO_SECRET_KEY": TEST_SECRET}
    process = await asyncio.create_subprocess_exec(sys.executable, "-c", script, env=environment)
    try:
        assert await asyncio.to_thread(receiver.arrived.wait, 30), "the sender never reached the receiver"
        os.kill(process.pid, signal.SIGKILL)
        await asyncio.wait_for(process.wait(), 10)
    finally:
        if process.returncode is None:
            process.kill()
            await process.wait()
    receiver.release.set()
    assert (await WebhookDelivery.get()).state is DeliveryState.SENDING
    clock.moment = dt.datetime.now(dt.UTC) + dt.timedelta(minutes=5)  # past the dead sender's lease
    assert await Sender(app).run() == 1
    assert len(receiver.requests) == 2
    assert receiver.requests[0][0]["webhook-id"] == receiver.requests[1][0]["webhook-id"]
    headers, body = receiver.requests[1]
    signing.verify(secret, headers, body, now=now_of(clock))
    delivery = await WebhookDelivery.get()
    assert delivery.state is DeliveryState.DELIVERED and delivery.attempts == 2


async def test_keyed_hashes_of_personal_values_reach_only_endpoints_granted_personal_data(
    app, chief, station, receiver
):
    plain, _ = await register(chief, station, receiver.url)
    payload = {"person_id": 7, "victim_phone_hash": "ab12"}
    await emit(station, payload=payload)
    await Sender(app).run()
    assert "victim_phone_hash" not in receiver.requests[-1][1] and '"person_id":7' in receiver.requests[-1][1]
    granted = await chief.mutate(
        "mutation($id: ID!) { updateWebhookEndpoint(input: {id: $id, personalData: true}) "
        "{ endpoint { personalData } errors { code } } }",
        {"id": plain["id"]},
    )
    assert granted["endpoint"] == {"personalData": True}
    await emit(station, payload=payload)
    await Sender(app).run()
    assert '"victim_phone_hash":"ab12"' in receiver.requests[-1][1]


async def test_only_those_who_see_personal_data_in_full_may_grant_it(make_app, receiver):
    from core.config import PermissionSettings
    from core.testing import GraphQLClient, create_user, token_for

    app = await make_app(
        ["sample"],
        extra_plugins=[sample_plugin],
        webhooks=WebhookSettings(allow_private_networks=True),
        permissions=PermissionSettings(revoke={"STATION_CHIEF": ("core.personal.view_full",)}),
    )
    station = await create_station(app)
    chief = GraphQLClient(app, token_for(app, await create_user(app, station, Role.STATION_CHIEF)))
    variables = {"input": {"stationId": to_global_id("Station", station.id), "url": receiver.url, "personalData": True}}
    data = await chief.data(CREATE, variables)
    assert data["createWebhookEndpoint"]["errors"][0] == {
        "field": "personalData",
        "code": "FORBIDDEN",
        "message": "Only someone who may see personal data in full may grant it to an endpoint.",
    }
    assert await WebhookEndpoint.all().count() == 0


async def test_rotating_the_deployment_key_keeps_endpoint_secrets_signing(app, chief, station, receiver):
    from core.personal.rotation import rotate

    _, secret = await register(chief, station, receiver.url, ["sample.*"])
    before = await connections.get("default").execute_query_dict("SELECT secret FROM core_webhook_endpoint")
    await rotate(app, "the-new-secret-0123456789-abcdefghijklmnopqrstuvw", batch_size=2)
    after = await connections.get("default").execute_query_dict("SELECT secret FROM core_webhook_endpoint")
    assert after[0]["secret"] != before[0]["secret"]  # re-encrypted under the new key
    assert (await WebhookEndpoint.get()).secret == secret
