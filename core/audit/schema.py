"""Root fields of the audit log: ``auditEvents`` and ``verifyAuditChain``. Read-only by design:
no API path updates or deletes audit rows."""

from __future__ import annotations

import datetime as dt

import strawberry
from strawberry.scalars import JSON
from strawberry.types import Info

from core.audit.models import AuditEvent as AuditEventRow
from core.audit.verify import verify_chain
from core.contract import Role
from core.graphql.fields import query_field
from core.graphql.ids import decode_id, to_global_id
from core.graphql.relay import Connection, paginate


@strawberry.type(description="One recorded change or sensitive read (审计事件).")
class AuditEvent:
    id: strawberry.ID
    sequence: int
    created_at: dt.datetime
    actor_username: str | None
    station_id: strawberry.ID | None
    action: str = strawberry.field(description="<owner>.<object>.<verb>, e.g. mediation.dispute.escalate.")
    object_type: str | None
    object_id: str | None
    before: JSON | None = strawberry.field(description="Values before the change; personal data redacted.")
    after: JSON | None = strawberry.field(description="Values after the change; personal data redacted.")
    request_id: str | None
    client_address: str | None
    hash: str

    @classmethod
    def from_row(cls, row: AuditEventRow) -> AuditEvent:
        return cls(
            id=strawberry.ID(to_global_id("AuditEvent", row.id)),
            sequence=row.sequence,
            created_at=row.created_at,
            actor_username=row.actor_username,
            station_id=strawberry.ID(to_global_id("Station", row.station_id)) if row.station_id else None,
            action=row.action,
            object_type=row.object_type,
            object_id=row.object_id,
            before=row.before,
            after=row.after,
            request_id=row.request_id,
            client_address=row.client_address,
            hash=row.hash,
        )


@strawberry.type(description="Result of checking the audit hash chain.")
class AuditVerification:
    ok: bool
    checked: int = strawberry.field(description="Events verified before the first problem (all, when ok).")
    first_broken_event_id: strawberry.ID | None
    first_broken_sequence: int | None
    reason: str | None


@strawberry.input(description="Filter for audit events.")
class AuditEventFilter:
    action: str | None = strawberry.field(default=None, description="Exact action, or a prefix ending in '.'.")
    object_type: str | None = None
    object_id: str | None = None
    station_id: strawberry.ID | None = None
    actor_username: str | None = None
    since: dt.datetime | None = None
    until: dt.datetime | None = None


def _scope(actor):
    """Bureau admins and deployment-wide auditors (no station) read every event; an auditor
    created for a station reads that station's events only."""
    queryset = AuditEventRow.all()
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
    for name in ("object_type", "object_id", "actor_username"):
        if getattr(where, name):
            queryset = queryset.filter(**{name: getattr(where, name)})
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
    async def audit_events(
        self,
        info: Info,
        filter: AuditEventFilter | None = None,
        first: int | None = None,
        after: str | None = None,
        last: int | None = None,
        before: str | None = None,
    ) -> Connection[AuditEvent]:
        queryset = _apply(_scope(info.context.actor), filter).order_by("-sequence")
        return await paginate(
            info,
            queryset,
            lambda rows: [AuditEvent.from_row(r) for r in rows],
            first=first,
            after=after,
            last=last,
            before=before,
        )

    @query_field(permission="core.audit.read", description="Recompute the whole hash chain and report the first break.")
    async def verify_audit_chain(self, info: Info) -> AuditVerification:
        result = await verify_chain()
        return AuditVerification(
            ok=result.ok,
            checked=result.checked,
            first_broken_sequence=result.first_broken_sequence,
            first_broken_event_id=strawberry.ID(to_global_id("AuditEvent", result.first_broken_event_id))
            if result.first_broken_event_id
            else None,
            reason=result.reason,
        )
