"""Demo people and places: the 一标三实 register, patrol volunteers and people in incidents.
Names, ID numbers and phones are generated (valid check digits), never real."""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

from core import keyed_hash, make_id_number
from plugins.patrol import enums as e
from plugins.patrol import models
from plugins.patrol.services.basic_info import tags_text
from plugins.patrol.services.common import address_key

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗"
GIVEN = (
    "伟",
    "芳",
    "娜",
    "敏",
    "静",
    "强",
    "磊",
    "军",
    "洋",
    "勇",
    "艳",
    "杰",
    "涛",
    "明",
    "超",
    "秀英",
    "建国",
    "桂兰",
)
REGION = "511725"  # 渠县


class People:
    def __init__(self, rng: random.Random, today: dt.date) -> None:
        self.random, self.today = rng, today
        self.used: set[str] = set()

    def name(self) -> str:
        return self.random.choice(SURNAMES) + self.random.choice(GIVEN)

    def phone(self) -> str:
        return f"1{self.random.choice('3589')}{self.random.randint(100_000_000, 999_999_999)}"

    def id_number(self, first_year: int, last_year: int) -> str:
        while True:
            birth = dt.date(
                self.random.randint(first_year, last_year), self.random.randint(1, 12), self.random.randint(1, 28)
            )
            number = make_id_number(REGION, birth, self.random.randint(0, 999))
            if number not in self.used:
                self.used.add(number)
                return number

    def member(self) -> dict[str, Any]:
        phone = self.phone()
        return {"name": self.name(), "phone": phone, "phone_hash": keyed_hash("phone", phone)}

    def identity(self, first_year: int, last_year: int) -> dict[str, Any]:
        number = self.id_number(first_year, last_year)
        birth = dt.date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
        return {"id_number": number, "id_number_hash": keyed_hash("id_number", number), "birth_date": birth}

    def incident_persons(self, incident: models.Incident) -> list[models.IncidentPerson]:
        roles = [e.PersonRole.REPORTER] + ([e.PersonRole.SUSPECT] if self.random.random() < 0.4 else [])
        persons = []
        for role in roles:
            identity = self.identity(1960, 2002)
            persons.append(
                models.IncidentPerson(
                    station_id=incident.station_id,
                    incident_id=incident.id,
                    role=role,
                    name=self.name(),
                    id_number=identity["id_number"],
                    id_number_hash=identity["id_number_hash"],
                    birth_date=identity["birth_date"],
                    phone=self.phone() if role is e.PersonRole.REPORTER else None,
                )
            )
        return persons

    def resident(self, seeder: Any, address: models.StandardAddress, relation: e.AddressRelation) -> models.Resident:
        roll, tags = self.random.random(), []
        if roll < 0.12:
            identity, tags = self.identity(self.today.year - 13, self.today.year - 6), [e.ResidentTag.LEFT_BEHIND_CHILD]
        elif roll < 0.25:
            identity, tags = self.identity(1935, 1955), [e.ResidentTag.EMPTY_NEST_ELDERLY]
        else:
            identity = self.identity(1960, 2002)
            if roll > 0.97:
                tags = [e.ResidentTag.KEY_PERSON]
        phone = self.phone() if not tags or tags[0] is not e.ResidentTag.LEFT_BEHIND_CHILD else None
        return models.Resident(
            **seeder.base,
            name=self.name(),
            **identity,
            sex="MALE" if int(identity["id_number"][16]) % 2 else "FEMALE",
            phone=phone,
            phone_hash=keyed_hash("phone", phone) if phone else None,
            registered_address=f"四川省渠县{address.address}",
            address_id=address.id,
            residence=self.random.choice((e.ResidenceKind.HOUSEHOLD,) * 4 + (e.ResidenceKind.FLOATING,)),
            relation=relation,
            tags=tags_text(tags),
            created_at=seeder.now,
        )

    async def addresses(self, seeder: Any) -> list[models.StandardAddress]:
        rows = []
        for area in seeder.leaves:
            count = 20 if area.kind.value == "COMPOUND" else 10
            for number in range(1, count + 1):
                text = f"{area.name}{(number - 1) // 4 + 1}栋{(number - 1) % 4 + 1}01室"
                rows.append(
                    seeder.located(
                        models.StandardAddress(
                            **seeder.base,
                            area_id=area.id,
                            address=text,
                            address_key=address_key(text),
                            created_at=seeder.now,
                        ),
                        area.id,
                    )
                )
        await models.StandardAddress.bulk_create(rows, batch_size=500)
        return list(await models.StandardAddress.filter(**seeder.base).order_by("id"))

    async def register(self, seeder: Any, coverage: float) -> list[models.StandardAddress]:
        """Addresses, and for ``coverage`` of them housing and residents; a few units."""
        addresses = await self.addresses(seeder)
        covered = [address for address in addresses if self.random.random() < coverage]
        residents, housing, units = [], [], []
        for address in covered:
            housing.append(
                models.Housing(
                    **seeder.base,
                    address_id=address.id,
                    kind=e.HousingKind.RESIDENTIAL,
                    owner_name=self.name(),
                    is_rented=self.random.random() < 0.2,
                    floor_area=float(self.random.randint(60, 140)),
                    created_at=seeder.now,
                )
            )
            relations = [e.AddressRelation.OWNER] + [e.AddressRelation.FAMILY_MEMBER] * self.random.randint(0, 2)
            residents.extend(self.resident(seeder, address, relation) for relation in relations)
        for index, (name, kind, key) in enumerate(
            (
                ("宕渠宾馆", e.UnitKind.HOTEL, True),
                ("金色年华KTV", e.UnitKind.ENTERTAINMENT_VENUE, True),
                ("李记面馆", e.UnitKind.SHOP, False),
                ("城东加油站", e.UnitKind.COMPANY, True),
            )
        ):
            units.append(
                models.ActualUnit(
                    **seeder.base,
                    name=name,
                    kind=kind,
                    is_key_unit=key,
                    address_id=addresses[(index * 7) % len(addresses)].id,
                    legal_representative=self.name(),
                    created_at=seeder.now,
                )
            )
        await models.Housing.bulk_create(housing, batch_size=500)
        await models.Resident.bulk_create(residents, batch_size=500)
        await models.ActualUnit.bulk_create(units)
        for register, count in (
            ("StandardAddress", len(addresses)),
            ("Resident", len(residents)),
            ("Housing", len(housing)),
        ):
            await seeder.audit(register, count)
        return addresses
