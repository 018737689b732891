"""Root fields of the audit log: ``auditEvents`` and ``verifyAuditChain``. Read-only by design:
no API path updates or deletes audit rows."""

import datetime as dt
from typing import Annotated

import strawberry
from strawberry.scalars import JSON
from strawberry.types import Info
from tortoise.queryset import QuerySet

from core.audit.models import AuditEvent as AuditEventRow
from core.audit.verify import verify_chain
from core.contract import Role
from core.graphql.connections import connection
from core.graphql.fields import query_field
from core.graphql.ids import decode_id, to_global_id
from core.graphql.rows import reference, row_mapping


@strawberry.type(description="One recorded change or sensitive read (审计事件).")
class AuditEvent:
    id: strawberry.ID = strawberry.field(description="Global id of the event.")
    sequence: int = strawberry.field(
        description=(
            "Orders all events of the deployment: each event has a larger number than those recorded before it in "
            "its hash chain (one chain per station). Numbers of changes that were rolled back are skipped; a changed, "
            "removed or inserted event breaks verifyAuditChain."
        )
    )
    created_at: dt.datetime = strawberry.field(
        description=(
            "When the change or read was recorded (ISO-8601, UTC offset); same transaction as the change itself."
        )
    )
    actor_username: str | None = strawberry.field(
        description=(
            "Username of the account that acted; null for anonymous requests (e.g. a public tip) and system jobs."
        )
    )
    station_id: strawberry.ID | None = strawberry.field(
        description=(
            "Global id of the station whose data was touched; null for deployment-wide events (e.g. a new station)."
        )
    )
    action: str = strawberry.field(description="<owner>.<object>.<verb>, e.g. mediation.dispute.escalate.")
    object_type: str | None = strawberry.field(
        description=(
            "Kind of object touched, e.g. Dispute or User; null when the event concerns no single object (a login)."
        )
    )
    object_id: str | None = strawberry.field(
        description="Database id of the object touched (not a global id), to follow one object's history."
    )
    before: JSON | None = strawberry.field(description="Values before the change; personal data redacted.")
    after: JSON | None = strawberry.field(description="Values after the change; personal data redacted.")
    request_id: str | None = strawberry.field(
        description="Id of the HTTP request that caused the event; events of one mutation share it."
    )
    client_address: str | None = strawberry.field(
        description="Network address the request came from, as seen by the server."
    )
    hash: str = strawberry.field(
        description=(
            "HMAC-SHA256 (hex) over this event and the hash of the previous event of its station's chain; tamper "
            "evidence for the chain."
        )
    )

    from_row = row_mapping(AuditEventRow, station_id=reference("Station", "station_id"))


@strawberry.type(description="One check of the audit verification (审计核验), as `fengqiao audit verify` reports it.")
class AuditCheck:
    name: str = strawberry.field(
        description=(
            "The check: chain, checkpoints, witness, rows, files or access (the personal-data access log); a "
            "deployment may register more."
        )
    )
    ok: bool = strawberry.field(description="True when the check passed, or was skipped.")
    skipped: bool = strawberry.field(
        description="True when the check did not run because nothing is configured for it (e.g. no witness)."
    )
    summary: str = strawberry.field(description="What the check proved, or what it found wrong, in one line.")
    problems: list[str] = strawberry.field(
        description="Each problem found (at most 50; table and id, never personal values); empty when ok."
    )


@strawberry.type(description="Result of verifying the audit log: the hash chain and every other registered check.")
class AuditVerification:
    ok: bool = strawberry.field(
        description=(
            "True when every check passes: no event's hash differs from its content, no chain misses an event, and the "
            "checkpoints, witness, audited rows, stored files and the personal-data access log agree with it (the "
            "verdict of "
            "`fengqiao audit verify`). The fields below describe the chain check; `checks` lists all."
        )
    )
    checked: int = strawberry.field(
        description="Events verified before the first problem (all, when the chain is intact)."
    )
    first_broken_event_id: strawberry.ID | None = strawberry.field(
        description="Global id of the first event that fails verification; null when the chain is intact."
    )
    first_broken_sequence: int | None = strawberry.field(
        description="Sequence number of the first event that fails verification; null when the chain is intact."
    )
    reason: str | None = strawberry.field(
        description=(
            "What is wrong with the first broken event (e.g. hash mismatch, missing sequence); null when the chain "
            "is intact."
        )
    )
    checks: list[AuditCheck] = strawberry.field(
        description="Every check run, in order, with what it proved or found: the same list as `fengqiao audit verify`."
    )


async def verify_audit() -> AuditVerification:
    """Run the registered checks (``core.audit.checks``) and answer in the field's shape."""
    from core.audit.checks import run_checks
    from core.audit.verify import Verification

    results = await run_checks()
    chain = next((r.detail for r in results if r.name == "chain" and isinstance(r.detail, Verification)), None)
    chain = chain or await verify_chain()
    return AuditVerification(
        ok=all(result.ok for result in results),
        checked=chain.checked,
        first_broken_sequence=chain.first_broken_sequence,
        first_broken_event_id=strawberry.ID(to_global_id("AuditEvent", chain.first_broken_event_id))
        if chain.first_broken_event_id
        else None,
        reason=chain.reason,
        checks=[
            AuditCheck(name=r.name, ok=r.ok, skipped=r.skipped, summary=r.summary, problems=list(r.problems))
            for r in results
        ],
    )


@strawberry.input(description="Filter for audit events.")
class AuditEventFilter:
    action: str | None = strawberry.field(default=None, description="Exact action, or a prefix ending in '.'.")
    object_type: str | None = strawberry.field(
        default=None,
        description="Only events about this kind of object, e.g. Dispute (exact match).",
    )
    object_id: str | None = strawberry.field(
        default=None,
        description="Only events about the object with this database id (use with objectType).",
    )
    station_id: strawberry.ID | None = strawberry.field(
        default=None,
        description="Only events of this station (global id). Station roles only ever see their own station's events.",
    )
    actor_username: str | None = strawberry.field(
        default=None,
        description="Only events caused by this username (exact match).",
    )
    since: dt.datetime | None = strawberry.field(
        default=None,
        description="Only events recorded at or after this instant (ISO-8601 with offset).",
    )
    until: dt.datetime | None = strawberry.field(
        default=None,
        description="Only events recorded before this instant (exclusive; ISO-8601 with offset).",
    )


def _scope(actor, model=AuditEventRow):
    """Bureau admins and deployment-wide auditors (no station) read every event; an auditor
    created for a station reads that station's events only (the same for access records)."""
    queryset = model.all()
    if actor.sees_all_stations or (Role.AUDITOR in actor.roles and actor.station_id is None):
        return queryset
    return queryset.filter(station_id=actor.station_id)


def _apply(queryset, where: AuditEventFilter | None):
    if where is None:
        return queryset
    if where.action:
        queryset = (
            queryset.filter(action__startswith=where.action)
            if where.action.endswith(".")
            else queryset.filter(action=where.action)
        )
    for name in ("object_type", "object_id"):
        if getattr(where, name):
            queryset = queryset.filter(**{name: getattr(where, name)})
    return filter_actor_station_time(queryset, where)


def filter_actor_station_time(queryset, where):
    """The filters the audit log and the access log share: actor, station and time window."""
    if where.actor_username:
        queryset = queryset.filter(actor_username=where.actor_username)
    if where.station_id:
        queryset = queryset.filter(station_id=decode_id(where.station_id, "Station", field="filter.stationId"))
    if where.since:
        queryset = queryset.filter(created_at__gte=where.since)
    if where.until:
        queryset = queryset.filter(created_at__lt=where.until)
    return queryset


@strawberry.type
class AuditQuery:
    @query_field(permission="core.audit.read", description="The audit log, newest first.")
    @connection(AuditEvent)
    async def audit_events(
        self,
        info: Info,
        filter: Annotated[
            AuditEventFilter | None,
            strawberry.argument(
                description=(
                    "Narrow the log by object, station, actor or time; omitted → all events the caller may read "
                    "(auditors and bureau admins: every station; others: their own station)."
                )
            ),
        ] = None,
    ) -> QuerySet:
        return _apply(_scope(info.context.actor), filter).order_by("-sequence")

    @query_field(
        permission="core.audit.read",
        description=(
            "Recompute the whole hash chain and run every other audit check (checkpoints, witness, audited rows, "
            "stored files, the personal-data access log), as `fengqiao audit verify` does; report the first break "
            "of the chain and each check."
        ),
    )
    async def verify_audit_chain(self, info: Info) -> AuditVerification:
        return await verify_audit()
