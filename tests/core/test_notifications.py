"""Notifications: kinds declared by plugins (fengqiao_notification_kinds) reach their recipients'
inboxes from the outbox; users read, mark read and choose inbox/digest/off per kind (mandatory
kinds cannot be off); channels (fengqiao_notification_channels: a fake SMS gateway here, the
built-in SMTP e-mail channel against a real local SMTP server) deliver at once or as a daily
digest, with retries; the webhook channel announces core.notification.created."""

import dataclasses

import pytest
from tortoise import connections

import tests.core.sample_plugin as sample_plugin
import tests.core.sms_gateway_plugin as gateway
from core import Role, publish, transaction
from core.config import NotificationSettings, WebhookSettings
from core.errors import ConfigError
from core.graphql.ids import to_global_id
from core.jobs.runner import JobRunner
from core.notifications.jobs import send_due, write_digests
from core.notifications.models import MessageState, Notification, NotificationAddress, NotificationMessage
from core.runtime import current_app
from core.testing import create_station
from tests.core.fake_plugins import make_plugin
from tests.core.smtp_receiver import SmtpReceiver
from tests.core.webhook_receiver import Receiver

INBOX = "{ unreadNotificationCount notifications { totalCount nodes { id kind message readAt } } }"
PREFER = "mutation($kind: String!, $mode: NotificationMode!) { setNotificationPreference(input: {kind: $kind, mode: $mode}) { mode errors { field code message } } }"  # noqa: E501
ADDRESS = "mutation($channel: String!, $address: String) { setNotificationAddress(input: {channel: $channel, address: $address}) { maskedAddress errors { field code } } }"  # noqa: E501
MARK = "mutation($ids: [ID!]) { markNotificationsRead(input: {ids: $ids}) { marked unreadCount errors { code } } }"


@pytest.fixture(autouse=True)
def clean_gateway():
    gateway.SENT.clear()
    gateway.FAILURES.clear()
    yield


@pytest.fixture
async def app(make_app):
    return await make_app(
        ["sample", "alerts"],
        extra_plugins=[sample_plugin, gateway],
        webhooks=WebhookSettings(allow_private_networks=True),
    )


@pytest.fixture
async def station(app):
    return await create_station(app)


@pytest.fixture
async def officer(login_as, station):
    return await login_as(Role.OFFICER, station=station)


async def registered(station, person_id=7, name="sample.person.created", **extra):
    async with current_app().events.deferred():
        async with transaction():
            await publish(name, {"person_id": person_id, **extra}, station_id=station.id)


async def test_an_event_reaches_the_inbox_of_each_recipient_at_the_station(app, station, officer, login_as):
    colleague = await login_as(Role.OFFICER, station=station)
    chief = await login_as(Role.STATION_CHIEF, station=station)
    elsewhere = await login_as(Role.OFFICER, station=await create_station(app, name="渠县公安局临巴派出所"))
    await registered(station)
    for reader in (officer, colleague):
        inbox = await reader.data(INBOX)
        assert inbox["unreadNotificationCount"] == 1
        assert inbox["notifications"]["nodes"][0]["kind"] == "alerts.person.registered"
        assert inbox["notifications"]["nodes"][0]["message"] == "登记了人员 #7。"
    assert (await chief.data(INBOX))["unreadNotificationCount"] == 0  # not a recipient role
    assert (await elsewhere.data(INBOX))["unreadNotificationCount"] == 0  # another station


async def test_redelivering_an_event_writes_no_second_item(app, station, officer, clock):
    await registered(station)
    from core.outbox.models import OutboxEvent

    # As if its process died before marking it delivered (the follow-up core.notification.created
    # event is the dispatcher's anyway).
    await OutboxEvent.filter(name="sample.person.created").update(dispatched_at=None, claimed_until=None)
    assert (await JobRunner(app).run_now("core.outbox.dispatch")).items_changed == 2
    assert await Notification.all().count() == 1
    assert await OutboxEvent.filter(name="core.notification.created").count() == 1


async def test_marking_read_counts_only_the_callers_own_items(app, station, officer, login_as):
    colleague = await login_as(Role.OFFICER, station=station)
    await registered(station, 1)
    await registered(station, 2)
    mine = (await officer.data(INBOX))["notifications"]["nodes"]
    theirs = (await colleague.data(INBOX))["notifications"]["nodes"]
    stolen = await colleague.mutate(MARK, {"ids": [mine[0]["id"]]})
    assert stolen["marked"] == 0 and stolen["unreadCount"] == 2
    one = await officer.mutate(MARK, {"ids": [mine[0]["id"]]})
    assert one == {"marked": 1, "unreadCount": 1, "errors": []}
    everything = await colleague.mutate(MARK, {})
    assert everything["marked"] == 2 and everything["unreadCount"] == 0
    assert len(theirs) == 2
    unread = await officer.data("{ notifications(filter: {unreadOnly: true}) { totalCount } }")
    assert unread["notifications"]["totalCount"] == 1


async def test_a_kind_switched_off_writes_nothing_for_that_user(app, station, officer):
    assert (await officer.mutate(PREFER, {"kind": "alerts.person.registered", "mode": "OFF"}))["mode"] == "OFF"
    await registered(station)
    assert (await officer.data(INBOX))["unreadNotificationCount"] == 0


async def test_a_mandatory_kind_cannot_be_switched_off_and_unknown_kinds_are_refused(app, officer):
    data = await officer.data(PREFER, {"kind": "alerts.person.flagged", "mode": "OFF"})
    assert data["setNotificationPreference"]["errors"][0]["code"] == "FORBIDDEN"
    data = await officer.data(PREFER, {"kind": "alerts.nothing", "mode": "INBOX"})
    assert data["setNotificationPreference"]["errors"][0]["code"] == "NOT_FOUND"
    kinds = (await officer.data("{ notificationKinds { name mandatory defaultMode mode } }"))["notificationKinds"]
    assert {"name": "alerts.person.flagged", "mandatory": True, "defaultMode": "DIGEST", "mode": "DIGEST"} in kinds


async def test_an_inbox_item_is_also_sent_through_the_users_channels(app, station, officer):
    masked = await officer.mutate(ADDRESS, {"channel": "sms", "address": "138 0013 5678"})
    assert masked["maskedAddress"] == "138****5678"
    assert (await NotificationAddress.get()).address == "13800135678"  # the model decrypts
    stored = await connections.get("default").execute_query_dict("SELECT address FROM core_notification_address")
    assert stored[0]["address"].startswith("v1:") and "13800135678" not in stored[0]["address"]  # encrypted at rest
    await registered(station)
    assert (await JobRunner(app).run_now("core.notifications.deliver")).items_changed == 1
    assert gateway.SENT == [("13800135678", "[枫桥] 新登记人员", "登记了人员 #7。")]


async def test_a_bad_address_is_refused_and_nothing_is_stored(app, officer):
    data = await officer.data(ADDRESS, {"channel": "sms", "address": "12345"})
    assert data["setNotificationAddress"]["errors"] == [{"field": "address", "code": "INVALID"}]
    data = await officer.data(ADDRESS, {"channel": "pager", "address": "12345"})
    assert data["setNotificationAddress"]["errors"] == [{"field": "channel", "code": "NOT_FOUND"}]
    assert await NotificationAddress.all().count() == 0


async def test_a_failing_gateway_is_retried_with_backoff_then_given_up(app, station, officer, clock):
    await officer.mutate(ADDRESS, {"channel": "sms", "address": "13800135678"})
    gateway.FAILURES.extend(["gateway down"] * 10)
    await registered(station)
    assert await send_due(app) == 0
    assert await send_due(app) == 0  # backing off: not tried again yet
    message = await NotificationMessage.get()
    assert message.attempts == 1 and message.error == "ConnectionError: gateway down"
    for _ in range(6):
        clock.advance(hours=1)
        await send_due(app)
    message = await NotificationMessage.get()
    assert message.state is MessageState.FAILED and message.attempts == app.settings.notifications.max_attempts


async def test_digest_items_wait_for_one_daily_message(app, station, officer):
    await officer.mutate(ADDRESS, {"channel": "sms", "address": "13800135678"})
    user_id = officer.user.id
    await registered(station, 1, "sample.person.flagged", assignees=[user_id])
    await registered(station, 2, "sample.person.flagged", assignees=[user_id])
    assert (await officer.data(INBOX))["unreadNotificationCount"] == 2  # in the inbox at once
    await send_due(app)
    assert gateway.SENT == []  # … but not sent through channels yet
    assert await write_digests(app) == 1
    await send_due(app)
    [(address, subject, text)] = gateway.SENT
    assert subject == "[枫桥] 今日通知摘要（2 条）" and "人员 #1" in text and "人员 #2" in text
    assert await write_digests(app) == 0  # each item is digested once


async def test_the_webhook_channel_announces_who_was_notified(app, station, officer, login_as):
    chief = await login_as(Role.STATION_CHIEF, station=station)
    with Receiver() as receiver:
        await chief.mutate(
            "mutation($input: CreateWebhookEndpointInput!) { createWebhookEndpoint(input: $input) "
            "{ secret errors { code } } }",
            {
                "input": {
                    "stationId": to_global_id("Station", station.id),
                    "url": receiver.url,
                    "eventTypes": ["core.notification.*"],
                }
            },
        )
        await registered(station)
        await JobRunner(app).run_now("core.outbox.dispatch")  # the follow-up event is the dispatcher's
        await JobRunner(app).run_now("core.webhooks.deliver")
        [(_, body)] = receiver.requests
    assert '"type":"core.notification.created"' in body and '"kind":"alerts.person.registered"' in body
    assert f"[{officer.user.id}]" in body


async def test_the_email_channel_sends_through_a_real_smtp_server(make_app):
    async with SmtpReceiver() as smtp:
        settings = NotificationSettings(smtp_host="127.0.0.1", smtp_port=smtp.port, sender="station@fq.test")
        app = await make_app(["sample", "alerts"], extra_plugins=[sample_plugin, gateway], notifications=settings)
        station = await create_station(app)
        from core.testing import GraphQLClient, create_user, token_for

        user = await create_user(app, station, Role.OFFICER)
        officer = GraphQLClient(app, token_for(app, user))
        assert (await officer.mutate(ADDRESS, {"channel": "email", "address": "wang@fq.test"}))["maskedAddress"] == (
            "w***@fq.test"
        )
        channels = await officer.data("{ notificationChannels { name maskedAddress } }")
        assert {"name": "email", "maskedAddress": "w***@fq.test"} in channels["notificationChannels"]
        await registered(station)
        assert await send_due(app) == 1
        [(sender, recipients, data)] = smtp.messages
    assert "station@fq.test" in sender and recipients == ["<wang@fq.test>"]
    assert "Subject:" in data


async def test_kinds_and_channels_are_checked_when_collected(make_app):
    from core import NotificationChannel, NotificationKind
    from core.notifications.registry import collect

    foreign = make_plugin(
        "other",
        fengqiao_notification_kinds=lambda: [
            NotificationKind(name="alerts.stolen", title="x", event="e.x", message=str, roles=(Role.OFFICER,))
        ],
    )
    app = await make_app(["sample", "alerts", "other"], extra_plugins=[sample_plugin, gateway, foreign])
    with pytest.raises(ConfigError, match="must start with its name"):
        collect(app)
    twice = make_plugin(
        "twice",
        fengqiao_notification_channels=lambda: [NotificationChannel(name="sms", title="x", send=gateway.send_sms)],
    )
    app = await make_app(["sample", "alerts", "twice"], extra_plugins=[sample_plugin, gateway, twice])
    with pytest.raises(ConfigError, match="declared twice"):
        collect(app)
    with pytest.raises(ValueError, match="mandatory"):
        dataclasses.replace(
            NotificationKind(name="a.b", title="t", event="e", message=str, roles=(Role.OFFICER,), mandatory=True),
            default=__import__("core").NotificationMode.OFF,
        )
