"""``personalDataAccess``: the personal-data access log for auditors, read-only like the audit
log and scoped the same way (an auditor of one station sees that station's records only)."""

import datetime as dt
from typing import Annotated

import strawberry
from strawberry.types import Info
from tortoise.queryset import QuerySet

from core.audit.models import PersonalDataAccess as AccessRow
from core.audit.schema import _scope, filter_actor_station_time
from core.graphql.connections import connection
from core.graphql.fields import query_field
from core.graphql.rows import reference, row_mapping


@strawberry.type(description="One personal value shown in full: which field of which object.")
class PersonalDataShown:
    type_name: str = strawberry.field(description="GraphQL type of the object, e.g. Party or Resident.")
    field: str = strawberry.field(description="GraphQL field shown unmasked, e.g. idNumber or phone.")
    object_id: str | None = strawberry.field(
        description="Id of the object as the API returned it (usually its global id); null when it has none."
    )


@strawberry.type(
    description=(
        "One request that showed personal data in full (个人信息访问记录): who saw which fields of which objects, "
        "when and from where. Written before the response was sent; sealed into the audit chain in batches."
    )
)
class PersonalDataAccessRecord:
    id: strawberry.ID = strawberry.field(description="Global id of the record.")
    created_at: dt.datetime = strawberry.field(
        description="When the data was shown (ISO-8601, UTC offset), just before the response was sent."
    )
    actor_username: str | None = strawberry.field(description="Username of the account the data was shown to.")
    station_id: strawberry.ID | None = strawberry.field(
        description="Global id of the viewer's station; null for deployment-wide accounts (bureau admins)."
    )
    request_id: str | None = strawberry.field(
        description="Id of the HTTP request (X-Request-ID), to match server logs and audit events of that request."
    )
    client_address: str | None = strawberry.field(
        description="Network address the request came from, as seen by the server."
    )
    fields: list[PersonalDataShown] = strawberry.field(
        description="Every field shown in full by the request, each (type, field, object) once."
    )
    sealed_sequence: int | None = strawberry.field(
        description=(
            "Sequence of the audit event (core.personal.access_sealed) that sealed this record into the hash chain; "
            "null while it awaits the next sealing run (about a minute)."
        )
    )

    from_row = row_mapping(
        AccessRow,
        station_id=reference("Station", "station_id"),
        fields=lambda row: [
            PersonalDataShown(type_name=item["type"], field=item["field"], object_id=item["id"] or None)
            for item in row.shown
        ],
        sealed_sequence="sealed_by",
    )


@strawberry.input(description="Filter for personal-data access records.")
class PersonalDataAccessFilter:
    actor_username: str | None = strawberry.field(
        default=None, description="Only records of data shown to this username (exact match)."
    )
    station_id: strawberry.ID | None = strawberry.field(
        default=None,
        description="Only records of this station (global id). Station auditors only ever see their own station's.",
    )
    object_type: str | None = strawberry.field(
        default=None, description="Only records that showed a field of this type of object, e.g. Party (exact)."
    )
    object_id: str | None = strawberry.field(
        default=None,
        description="Only records that showed the object with this id, as the API returns it (its global id).",
    )
    since: dt.datetime | None = strawberry.field(
        default=None, description="Only records written at or after this instant (ISO-8601 with offset)."
    )
    until: dt.datetime | None = strawberry.field(
        default=None, description="Only records written before this instant (exclusive; ISO-8601 with offset)."
    )


def _apply(queryset, where: PersonalDataAccessFilter | None):
    if where is None:
        return queryset
    # ``objects`` reads " Type:id Type:id ": a token match, never a prefix of another id.
    if where.object_type and where.object_id:
        queryset = queryset.filter(objects__contains=f" {where.object_type}:{where.object_id} ")
    elif where.object_type:
        queryset = queryset.filter(objects__contains=f" {where.object_type}:")
    elif where.object_id:
        queryset = queryset.filter(objects__contains=f":{where.object_id} ")
    return filter_actor_station_time(queryset, where)


@strawberry.type
class AccessLogQuery:
    @query_field(
        permission="core.audit.read",
        description=(
            "The personal-data access log (个人信息访问记录), newest first: every request that showed ID numbers, "
            "phones, names or addresses in full, with the fields and objects shown."
        ),
    )
    @connection(PersonalDataAccessRecord)
    async def personal_data_access(
        self,
        info: Info,
        filter: Annotated[
            PersonalDataAccessFilter | None,
            strawberry.argument(
                description=(
                    "Narrow the log by viewer, station, object or time; omitted → every record the caller may read "
                    "(auditors and bureau admins: every station; a station's auditor: that station)."
                )
            ),
        ] = None,
    ) -> QuerySet:
        return _apply(_scope(info.context.actor, AccessRow), filter).order_by("-id")
