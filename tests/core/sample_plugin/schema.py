from collections.abc import AsyncGenerator

import strawberry
from strawberry.types import Info
from tortoise.queryset import QuerySet

from core import (
    Node,
    UserError,
    UserInputError,
    connection,
    current_app,
    global_id,
    keyed_hash,
    mutation_field,
    node_type,
    publish,
    query_field,
    record_audit,
    scoped,
    snapshot,
    subscription_field,
    validate_id_number,
    validate_mobile,
)
from core.identity.models import Station
from tests.core.sample_plugin import models


@strawberry.type(description="A person in the sample register.")
class SamplePerson(Node):
    name: str
    id_number: str | None
    phone: str | None

    @classmethod
    def from_row(cls, row):
        return cls(id=global_id(row, "SamplePerson"), name=row.name, id_number=row.id_number, phone=row.phone)


node_type(models.SamplePerson, "sample.person.read")(SamplePerson)


@strawberry.input(description="A new person.")
class AddSamplePersonInput:
    name: str
    id_number: str | None = None
    phone: str | None = None
    fail_after_write: bool = False


@strawberry.type(description="Result of addSamplePerson.")
class AddSamplePersonPayload:
    person: SamplePerson | None = None
    errors: list[UserError] = strawberry.field(default_factory=list)


@strawberry.type
class SampleQuery:
    @query_field(permission="sample.person.read", description="The register.")
    @connection(SamplePerson)
    def sample_people(self, info: Info) -> QuerySet:
        return scoped(info.context.actor, models.SamplePerson).order_by("id")

    @query_field(
        permission="sample.person.read",
        description="The register by birth date (a nullable column: paged by offset, not by keyset).",
    )
    @connection(SamplePerson)
    def sample_people_by_birth(self, info: Info) -> QuerySet:
        return scoped(info.context.actor, models.SamplePerson).order_by("birth_date", "id")

    @query_field(permission="sample.person.read", description="Always fails, to show error masking.")
    async def sample_broken(self, info: Info) -> int:
        raise RuntimeError("secret detail: database password is hunter2")


@strawberry.type
class SampleMutation:
    @mutation_field(permission="sample.person.write", description="Add a person.")
    async def add_sample_person(self, info: Info, input: AddSamplePersonInput) -> AddSamplePersonPayload:
        actor = info.context.actor
        id_number = validate_id_number(input.id_number, field="idNumber") if input.id_number else None
        phone = validate_mobile(input.phone, field="phone") if input.phone else None
        station = await Station.get(id=actor.station_id)
        row = await models.SamplePerson.create(
            station=station,
            name=input.name,
            id_number=id_number.value if id_number else None,
            id_number_hash=keyed_hash("id_number", id_number.value) if id_number else None,
            phone=phone,
            birth_date=id_number.birth_date if id_number else None,
        )
        await record_audit("sample.person.create", obj=row, after=snapshot(row))
        await publish("sample.person.added", {"person_id": row.id}, station_id=row.station_id)
        if input.fail_after_write:
            raise UserInputError("Refused after writing, to prove the rollback.", field="failAfterWrite")
        return AddSamplePersonPayload(person=SamplePerson.from_row(row))


@strawberry.type
class SampleSubscription:
    @subscription_field(permission="sample.person.read", description="People added to the caller's station.")
    async def sample_people_added(self, info: Info) -> AsyncGenerator[SamplePerson, None]:
        actor = info.context.actor
        async for event in current_app().events.subscribe({"sample.person.added"}):
            row = await scoped(actor, models.SamplePerson).get_or_none(id=event.payload["person_id"])
            if row is not None:
                yield SamplePerson.from_row(row)
