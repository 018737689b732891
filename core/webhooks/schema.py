"""GraphQL for webhooks: endpoints (registered per station by its chief or a bureau admin),
deliveries with every attempt, secret rotation and replay (``core.webhooks.manage``)."""

import datetime as dt
from collections import defaultdict
from typing import Annotated

import strawberry
from strawberry.types import Info
from tortoise.queryset import QuerySet

from core.graphql.connections import connection
from core.graphql.enums import graphql_enum
from core.graphql.errors import UserError
from core.graphql.fields import mutation_field, query_field
from core.graphql.ids import decode_id, to_global_id
from core.graphql.rows import reference, row_mapping
from core.tenancy import scoped
from core.webhooks import services
from core.webhooks.models import DeliveryState, WebhookAttempt, WebhookDelivery, WebhookEndpoint

graphql_enum(
    DeliveryState,
    name="WebhookDeliveryState",
    description="Where a webhook delivery stands.",
    values={
        "PENDING": "Waiting for its first try or, after a failure, for its next try (see nextAttemptAt).",
        "SENDING": "Being sent now (or its sender stopped; it is sent again once the lease runs out).",
        "DELIVERED": "The receiver answered with a 2xx status.",
        "DEAD": "Given up after [webhooks] max_attempts failures, or the receiver answered 410 Gone; replay it.",
    },
)


@strawberry.type(name="WebhookEndpoint", description="A receiver of a station's events (Webhook 接收地址).")
class WebhookEndpointNode:
    id: strawberry.ID = strawberry.field(description="Global id of the endpoint.")
    station_id: strawberry.ID = strawberry.field(description="Global id of the station whose events it receives.")
    url: str = strawberry.field(description="Where deliveries are POSTed (http or https).")
    description: str = strawberry.field(description="What the receiver is, e.g. 县社会治理平台.")
    event_types: list[str] = strawberry.field(
        description="Event names or prefixes ('mediation.*') it receives; empty: every event of the station."
    )
    enabled: bool = strawberry.field(description="False: no new deliveries are queued for it.")
    personal_data: bool = strawberry.field(
        description="True: payloads keep keyed hashes of ID numbers and phones (*_hash keys); false: removed."
    )
    created_at: dt.datetime = strawberry.field(description="When it was registered (UTC).")
    previous_secret_valid_until: dt.datetime | None = strawberry.field(
        description="After a rotation, until when the old secret still signs too (UTC); null when it does not."
    )

    from_row = row_mapping(
        WebhookEndpoint,
        station_id=reference("Station", "station_id"),
        event_types=lambda row: list(row.event_types or []),
        previous_secret_valid_until=lambda row: row.previous_secret_until if row.previous_secret else None,
    )


@strawberry.type(description="One try to deliver an event to a webhook endpoint.")
class WebhookAttemptNode:
    started_at: dt.datetime = strawberry.field(description="When the request was sent (UTC).")
    status_code: int | None = strawberry.field(description="The receiver's HTTP status; null when none came.")
    latency_ms: int = strawberry.field(description="Milliseconds until the answer (or the failure).")
    response_excerpt: str = strawberry.field(description="The first 500 characters of the answer.")
    error: str | None = strawberry.field(description="Why no answer came (refused, timed out), if so.")
    succeeded: bool = strawberry.field(description="True for a 2xx answer.")


WebhookAttemptNode.__strawberry_definition__.name = "WebhookAttempt"


@strawberry.type(name="WebhookDelivery", description="An event queued for one webhook endpoint, with its attempts.")
class WebhookDeliveryNode:
    id: strawberry.ID = strawberry.field(description="Global id of the delivery (for replayWebhookDelivery).")
    endpoint_id: strawberry.ID = strawberry.field(description="Global id of the endpoint.")
    message_id: str = strawberry.field(
        description="The webhook-id header: the same for every attempt and replay, so receivers drop repeats."
    )
    event_type: str = strawberry.field(description="The event's name, e.g. mediation.dispute.red.")
    state: DeliveryState = strawberry.field(description="Where the delivery stands.")
    attempt_count: int = strawberry.field(description="Tries since it was queued or last replayed.")
    next_attempt_at: dt.datetime = strawberry.field(description="When it is (or was) due to be tried (UTC).")
    delivered_at: dt.datetime | None = strawberry.field(description="When the receiver accepted it (UTC).")
    last_status: int | None = strawberry.field(description="HTTP status of the latest attempt, if any came.")
    created_at: dt.datetime = strawberry.field(description="When it was queued (UTC).")
    attempts: list[WebhookAttemptNode] = strawberry.field(description="Every attempt, oldest first.")


async def delivery_nodes(rows: list[WebhookDelivery]) -> list[WebhookDeliveryNode]:
    by_delivery: dict[int, list[WebhookAttemptNode]] = defaultdict(list)
    for attempt in await WebhookAttempt.filter(delivery_id__in=[row.id for row in rows]).order_by("id"):
        by_delivery[attempt.delivery_id].append(
            WebhookAttemptNode(
                started_at=attempt.started_at,
                status_code=attempt.status_code,
                latency_ms=attempt.latency_ms,
                response_excerpt=attempt.response_excerpt,
                error=attempt.error,
                succeeded=attempt.succeeded,
            )
        )
    return [
        WebhookDeliveryNode(
            id=strawberry.ID(to_global_id("WebhookDelivery", row.id)),
            endpoint_id=strawberry.ID(to_global_id("WebhookEndpoint", row.endpoint_id)),
            message_id=f"evt_{row.event_id}",
            event_type=row.event_name,
            state=row.state,
            attempt_count=row.attempts,
            next_attempt_at=row.next_attempt_at,
            delivered_at=row.delivered_at,
            last_status=row.last_status,
            created_at=row.created_at,
            attempts=by_delivery[row.id],
        )
        for row in rows
    ]


@strawberry.input(description="Which webhook deliveries to list.")
class WebhookDeliveryFilter:
    endpoint_id: strawberry.ID | None = strawberry.field(default=None, description="Only this endpoint's.")
    state: DeliveryState | None = strawberry.field(default=None, description="Only deliveries in this state.")


@strawberry.type
class WebhooksQuery:
    @query_field(permission="core.webhooks.manage", description="Webhook endpoints of the caller's station(s).")
    @connection(WebhookEndpointNode)
    async def webhook_endpoints(
        self,
        info: Info,
    ) -> QuerySet:
        return scoped(info.context.actor, WebhookEndpoint).order_by("id")

    @query_field(
        permission="core.webhooks.manage",
        description="Webhook deliveries of the caller's station(s), newest first, each with its attempts.",
    )
    @connection(WebhookDeliveryNode, delivery_nodes)
    async def webhook_deliveries(
        self,
        info: Info,
        filter: Annotated[
            WebhookDeliveryFilter | None, strawberry.argument(description="Which deliveries to list.")
        ] = None,
    ) -> QuerySet:
        queryset = scoped(info.context.actor, WebhookDelivery)
        if filter is not None and filter.endpoint_id is not None:
            queryset = queryset.filter(endpoint_id=decode_id(filter.endpoint_id, "WebhookEndpoint", field="endpointId"))
        if filter is not None and filter.state is not None:
            queryset = queryset.filter(state=filter.state)
        return queryset.order_by("-id")


@strawberry.input(description="A new webhook endpoint of a station.")
class CreateWebhookEndpointInput:
    station_id: strawberry.ID = strawberry.field(
        description="Global id of the station whose events it receives (your own unless you are a bureau admin)."
    )
    url: str = strawberry.field(
        description="http(s) URL the signed events are POSTed to; private addresses only where the deployment allows."
    )
    description: str = strawberry.field(default="", description="What the receiver is (at most 200 characters).")
    event_types: list[str] = strawberry.field(
        default_factory=list,
        description="Event names or prefixes ending in '.*' to receive; empty: every event of the station.",
    )
    personal_data: bool = strawberry.field(
        default=False,
        description="Send keyed hashes of personal values (*_hash keys); only callers who see personal data in full.",
    )


@strawberry.input(description="Changes to a webhook endpoint; omitted fields stay as they are.")
class UpdateWebhookEndpointInput:
    id: strawberry.ID = strawberry.field(description="Global id of the endpoint.")
    url: str | None = strawberry.field(default=None, description="A new URL.")
    description: str | None = strawberry.field(default=None, description="A new description.")
    event_types: list[str] | None = strawberry.field(default=None, description="New event filters.")
    enabled: bool | None = strawberry.field(default=None, description="False stops queueing deliveries for it.")
    personal_data: bool | None = strawberry.field(
        default=None, description="Grant (true) or withdraw (false) personal data in payloads."
    )


@strawberry.input(description="Rotate the signing secret of a webhook endpoint.")
class RotateWebhookSecretInput:
    id: strawberry.ID = strawberry.field(description="Global id of the endpoint.")
    keep_previous_hours: int = strawberry.field(
        default=24,
        description="Hours (0-168) the old secret keeps signing too, so the receiver can switch without gaps.",
    )


@strawberry.input(description="Send a delivered or dead delivery again.")
class ReplayWebhookDeliveryInput:
    id: strawberry.ID = strawberry.field(description="Global id of the delivery.")


@strawberry.type(description="Result of createWebhookEndpoint or rotateWebhookSecret.")
class WebhookEndpointSecretPayload:
    endpoint: WebhookEndpointNode | None = strawberry.field(default=None, description="The endpoint.")
    secret: str | None = strawberry.field(
        default=None,
        description="The signing secret (whsec_…). Shown only in this answer: store it in the receiver now.",
    )
    errors: list[UserError] = strawberry.field(
        default_factory=list, description="Why it was refused; empty on success."
    )


@strawberry.type(description="Result of updateWebhookEndpoint.")
class UpdateWebhookEndpointPayload:
    endpoint: WebhookEndpointNode | None = strawberry.field(default=None, description="The endpoint as changed.")
    errors: list[UserError] = strawberry.field(
        default_factory=list, description="Why it was refused; empty on success."
    )


@strawberry.type(description="Result of replayWebhookDelivery.")
class ReplayWebhookDeliveryPayload:
    delivery: WebhookDeliveryNode | None = strawberry.field(default=None, description="The delivery, due again.")
    errors: list[UserError] = strawberry.field(
        default_factory=list, description="Why it was refused; empty on success."
    )


@strawberry.type
class WebhooksMutation:
    @mutation_field(
        permission="core.webhooks.manage",
        description="Register a webhook endpoint for a station's events; answers its signing secret once.",
    )
    async def create_webhook_endpoint(
        self,
        info: Info,
        input: Annotated[CreateWebhookEndpointInput, strawberry.argument(description="The endpoint to register.")],
    ) -> WebhookEndpointSecretPayload:
        station_id = decode_id(input.station_id, "Station", field="stationId")
        endpoint, secret = await services.create_endpoint(
            info.context.actor, station_id, input.url, input.description, input.event_types, input.personal_data
        )
        return WebhookEndpointSecretPayload(endpoint=WebhookEndpointNode.from_row(endpoint), secret=secret)

    @mutation_field(permission="core.webhooks.manage", description="Change or switch off a webhook endpoint.")
    async def update_webhook_endpoint(
        self,
        info: Info,
        input: Annotated[UpdateWebhookEndpointInput, strawberry.argument(description="The endpoint and changes.")],
    ) -> UpdateWebhookEndpointPayload:
        endpoint = await services.update_endpoint(
            info.context.actor,
            decode_id(input.id, "WebhookEndpoint", field="id"),
            url=input.url,
            description=input.description,
            event_types=input.event_types,
            enabled=input.enabled,
            personal_data=input.personal_data,
        )
        return UpdateWebhookEndpointPayload(endpoint=WebhookEndpointNode.from_row(endpoint))

    @mutation_field(
        permission="core.webhooks.manage",
        description="Give a webhook endpoint a new signing secret; the old one signs too for a while.",
    )
    async def rotate_webhook_secret(
        self,
        info: Info,
        input: Annotated[RotateWebhookSecretInput, strawberry.argument(description="The endpoint and overlap.")],
    ) -> WebhookEndpointSecretPayload:
        endpoint, secret = await services.rotate_secret(
            info.context.actor, decode_id(input.id, "WebhookEndpoint", field="id"), input.keep_previous_hours
        )
        return WebhookEndpointSecretPayload(endpoint=WebhookEndpointNode.from_row(endpoint), secret=secret)

    @mutation_field(
        permission="core.webhooks.manage",
        description="Send a delivered or dead-lettered webhook delivery again, with a fresh attempt budget.",
    )
    async def replay_webhook_delivery(
        self,
        info: Info,
        input: Annotated[ReplayWebhookDeliveryInput, strawberry.argument(description="The delivery to replay.")],
    ) -> ReplayWebhookDeliveryPayload:
        delivery = await services.replay_delivery(
            info.context.actor, decode_id(input.id, "WebhookDelivery", field="id")
        )
        [node] = await delivery_nodes([delivery])
        return ReplayWebhookDeliveryPayload(delivery=node)
