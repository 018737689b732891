"""GraphQL for a user's own notifications: the inbox, unread count, marking read, the kinds
with the user's chosen mode, channel addresses, and the live ``notificationReceived``."""

import datetime as dt
from collections.abc import AsyncGenerator
from typing import Annotated

import strawberry
from strawberry.types import Info
from tortoise.queryset import QuerySet

from core.contract import NotificationMode
from core.graphql.connections import connection
from core.graphql.enums import graphql_enum
from core.graphql.errors import UserError
from core.graphql.fields import mutation_field, query_field, subscription_field
from core.graphql.ids import decode_id
from core.graphql.rows import reference, row_mapping
from core.notifications import inbox
from core.notifications.models import Notification, NotificationAddress
from core.notifications.registry import notification_registry

PERMISSION = "core.notifications.use"

graphql_enum(
    NotificationMode,
    name="NotificationMode",
    description="How a user receives one kind of notification.",
    values={
        "INBOX": "In the inbox at once, and through every channel the user registered an address for.",
        "DIGEST": "In the inbox at once; channels get one digest of the day's items at 18:00.",
        "OFF": "Not at all (not allowed for mandatory kinds).",
    },
)


@strawberry.type(name="Notification", description="An item of the caller's inbox (通知).")
class NotificationNode:
    id: strawberry.ID = strawberry.field(description="Global id of the item.")
    kind: str = strawberry.field(description="Its kind, e.g. mediation.dispute.red.")
    title: str = strawberry.field(description="The kind's title, e.g. 纠纷红色预警.")
    message: str = strawberry.field(description="One line saying what happened (ids and counts, no personal values).")
    station_id: strawberry.ID | None = strawberry.field(description="Global id of the station it concerns.")
    created_at: dt.datetime = strawberry.field(description="When it was written (UTC).")
    read_at: dt.datetime | None = strawberry.field(description="When the caller marked it read; null while unread.")

    from_row = row_mapping(Notification, station_id=reference("Station", "station_id"))


@strawberry.type(description="A kind of notification of this deployment and how the caller receives it.")
class NotificationKindInfo:
    name: str = strawberry.field(description="Dotted name, starting with the plugin that sends it.")
    title: str = strawberry.field(description="Short title.")
    description: str = strawberry.field(description="When it is sent and to whom.")
    mandatory: bool = strawberry.field(description="True: it cannot be switched off.")
    default_mode: NotificationMode = strawberry.field(description="The mode of users who chose none.")
    mode: NotificationMode = strawberry.field(description="The caller's mode for it.")


@strawberry.type(description="A channel notifications can also be sent through, and the caller's address on it.")
class NotificationChannelInfo:
    name: str = strawberry.field(description="Channel name, e.g. email or sms.")
    title: str = strawberry.field(description="Human name of the channel.")
    masked_address: str | None = strawberry.field(
        description="The caller's registered address, masked (e.g. 138****5678); null when none."
    )


@strawberry.input(description="Which inbox items to list.")
class NotificationFilter:
    unread_only: bool = strawberry.field(default=False, description="Only items not yet marked read.")
    kind: str | None = strawberry.field(default=None, description="Only items of this kind.")


@strawberry.input(description="Items to mark read.")
class MarkNotificationsReadInput:
    ids: list[strawberry.ID] | None = strawberry.field(
        default=None, description="Global ids of the caller's items; omitted → every unread item."
    )


@strawberry.type(description="Result of markNotificationsRead.")
class MarkNotificationsReadPayload:
    marked: int = strawberry.field(default=0, description="How many items changed from unread to read.")
    unread_count: int = strawberry.field(default=0, description="The caller's unread items left.")
    errors: list[UserError] = strawberry.field(
        default_factory=list, description="Why it was refused; empty on success."
    )


@strawberry.input(description="How the caller wants to receive one kind of notification.")
class SetNotificationPreferenceInput:
    kind: str = strawberry.field(description="The kind's name (see notificationKinds).")
    mode: NotificationMode = strawberry.field(description="INBOX, DIGEST or OFF (not for mandatory kinds).")


@strawberry.type(description="Result of setNotificationPreference.")
class SetNotificationPreferencePayload:
    mode: NotificationMode | None = strawberry.field(default=None, description="The mode now in force.")
    errors: list[UserError] = strawberry.field(
        default_factory=list, description="Why it was refused; empty on success."
    )


@strawberry.input(description="Where the caller is reached on a channel.")
class SetNotificationAddressInput:
    channel: str = strawberry.field(description="Channel name (see notificationChannels).")
    address: str | None = strawberry.field(
        default=None, description="E-mail address, phone number…; empty or omitted removes the address."
    )


@strawberry.type(description="Result of setNotificationAddress.")
class SetNotificationAddressPayload:
    masked_address: str | None = strawberry.field(
        default=None, description="The address as stored, masked; null when removed."
    )
    errors: list[UserError] = strawberry.field(
        default_factory=list, description="Why it was refused; empty on success."
    )


def _own(info: Info):
    return Notification.filter(user_id=info.context.actor.user_id)


@strawberry.type
class NotificationsQuery:
    @query_field(permission=PERMISSION, description="The caller's notification inbox, newest first.")
    @connection(NotificationNode)
    async def notifications(
        self,
        info: Info,
        filter: Annotated[NotificationFilter | None, strawberry.argument(description="Which items to list.")] = None,
    ) -> QuerySet:
        queryset = _own(info)
        if filter is not None and filter.unread_only:
            queryset = queryset.filter(read_at__isnull=True)
        if filter is not None and filter.kind:
            queryset = queryset.filter(kind=filter.kind)
        return queryset.order_by("-id")

    @query_field(permission=PERMISSION, description="How many items of the caller's inbox are unread.")
    async def unread_notification_count(self, info: Info) -> int:
        return await _own(info).filter(read_at__isnull=True).count()

    @query_field(permission=PERMISSION, description="Every kind of notification, with the caller's chosen mode.")
    async def notification_kinds(self, info: Info) -> list[NotificationKindInfo]:
        kinds = notification_registry(info.context.app).kinds
        result = []
        for kind in sorted(kinds.values(), key=lambda kind: kind.name):
            modes = await inbox.modes_for(kind, [info.context.actor.user_id])
            result.append(
                NotificationKindInfo(
                    name=kind.name,
                    title=kind.title,
                    description=kind.description,
                    mandatory=kind.mandatory,
                    default_mode=kind.default,
                    mode=modes[info.context.actor.user_id],
                )
            )
        return result

    @query_field(permission=PERMISSION, description="Channels offered by this deployment, with the caller's address.")
    async def notification_channels(self, info: Info) -> list[NotificationChannelInfo]:
        registered = dict(
            await NotificationAddress.filter(user_id=info.context.actor.user_id).values_list("channel", "masked")
        )
        channels = notification_registry(info.context.app).channels.values()
        return [
            NotificationChannelInfo(name=c.name, title=c.title, masked_address=registered.get(c.name)) for c in channels
        ]


@strawberry.type
class NotificationsMutation:
    @mutation_field(permission=PERMISSION, description="Mark some or all of the caller's notifications read.")
    async def mark_notifications_read(
        self,
        info: Info,
        input: Annotated[MarkNotificationsReadInput, strawberry.argument(description="Which items.")],
    ) -> MarkNotificationsReadPayload:
        ids = None
        if input.ids is not None:
            ids = [decode_id(value, "Notification", field=f"ids.{n}") for n, value in enumerate(input.ids)]
        marked = await inbox.mark_read(info.context.actor, ids, info.context.app.clock.now())
        unread = await _own(info).filter(read_at__isnull=True).count()
        return MarkNotificationsReadPayload(marked=marked, unread_count=unread)

    @mutation_field(permission=PERMISSION, description="Choose inbox, digest or off for one kind of notification.")
    async def set_notification_preference(
        self,
        info: Info,
        input: Annotated[SetNotificationPreferenceInput, strawberry.argument(description="The kind and mode.")],
    ) -> SetNotificationPreferencePayload:
        mode = await inbox.set_preference(info.context.actor, input.kind, input.mode)
        return SetNotificationPreferencePayload(mode=mode)

    @mutation_field(permission=PERMISSION, description="Register or remove the caller's address on a channel.")
    async def set_notification_address(
        self,
        info: Info,
        input: Annotated[SetNotificationAddressInput, strawberry.argument(description="The channel and address.")],
    ) -> SetNotificationAddressPayload:
        masked = await inbox.set_address(info.context.actor, input.channel, input.address)
        return SetNotificationAddressPayload(masked_address=masked)


@strawberry.type
class NotificationsSubscription:
    @subscription_field(
        permission=PERMISSION, description="Pushes each new item of the caller's inbox as it is written."
    )
    async def notification_received(self, info: Info) -> AsyncGenerator[NotificationNode, None]:
        context = info.context
        names = set(notification_registry(context.app).by_event)
        if not names:
            return
        async for event in context.app.events.subscribe(names):
            for row in await Notification.filter(user_id=context.actor.user_id, event_id=event.id).order_by("id"):
                yield NotificationNode.from_row(row)
