"""控 — "一标三实" one record at a time: addresses, residents, housing, units, the address file."""

from __future__ import annotations

import datetime as dt

from core import Role, keyed_hash
from core.personal.credit_code import credit_code_check_char
from plugins.patrol import models
from tests.plugins.patrol.flows import report
from tests.plugins.patrol.helpers import area_id, id_number

CREATE_ADDRESS = """
mutation($input: CreateStandardAddressInput!) {
  createStandardAddress(input: $input) { address { id address areaName } errors { field message code } }
}
"""
REGISTER_RESIDENT = """
mutation($input: RegisterResidentInput!) {
  registerResident(input: $input) {
    resident { id name idNumber phone registeredAddress sex age residence relation tags address { address } }
    errors { field message code }
  }
}
"""
REGISTER_HOUSING = """
mutation($input: RegisterHousingInput!) {
  registerHousing(input: $input) {
    housing { id kind ownerName ownerIdNumber isRented occupants { name } }
    errors { field message code }
  }
}
"""
REGISTER_UNIT = """
mutation($input: RegisterUnitInput!) {
  registerUnit(input: $input) { unit { id name creditCode kind isKeyUnit contactPhone } errors { field message code } }
}
"""
ADDRESS_FILE = """
query($id: ID!) {
  node(id: $id) {
    ... on StandardAddress {
      address residents { name } housing { kind } units { name } incidents { category } inspections { kind }
    }
  }
}
"""


def credit_code(body: str = "91511725MA62ABCD1") -> str:
    return body + credit_code_check_char(body)


async def add_address(client, station, text: str = "滨江花园3栋2单元501", area: str = "compound") -> str:
    payload = await client.mutate(CREATE_ADDRESS, {"input": {"areaId": area_id(station, area), "address": text}})
    return payload["address"]["id"]


async def register_resident(client, **values) -> dict:
    payload = await client.mutate(REGISTER_RESIDENT, {"input": {"name": "张三", "idNumber": id_number(), **values}})
    return payload["resident"]


async def test_a_standard_address_is_unique_in_the_station_whatever_the_spacing(officer, station):
    await add_address(officer, station, "滨江花园3栋 2单元501")
    data = await officer.data(
        CREATE_ADDRESS, {"input": {"areaId": area_id(station, "compound"), "address": "滨江花园３栋2单元501"}}
    )
    assert data["createStandardAddress"]["errors"][0]["code"] == "CONFLICT"
    assert await models.StandardAddress.all().count() == 1


async def test_the_same_address_may_exist_in_another_station(officer, station, other_station, login_as):
    stranger = await login_as(Role.OFFICER, station=other_station)
    await add_address(officer, station)
    await add_address(stranger, other_station)
    assert await models.StandardAddress.all().count() == 2


async def test_a_resident_is_registered_with_what_the_id_number_encodes(officer, station):
    address_id = await add_address(officer, station)
    resident = await register_resident(
        officer,
        idNumber=id_number(dt.date(1950, 1, 2)),
        phone="13812345678",
        addressId=address_id,
        registeredAddress="四川省渠县城东街道",
        residence="FLOATING",
        relation="TENANT",
        tags=["EMPTY_NEST_ELDERLY"],
    )
    assert (resident["age"], resident["residence"], resident["tags"]) == (70, "FLOATING", ["EMPTY_NEST_ELDERLY"])
    assert resident["address"]["address"] == "滨江花园3栋2单元501"


async def test_a_resident_id_number_is_registered_once(officer, station):
    number = id_number()
    await register_resident(officer, idNumber=number)
    data = await officer.data(REGISTER_RESIDENT, {"input": {"name": "张三", "idNumber": number}})
    assert data["registerResident"]["errors"][0] == {
        "field": "idNumber",
        "message": "A resident with this ID number is registered.",
        "code": "CONFLICT",
    }


async def test_an_invalid_id_number_and_phone_are_both_reported(officer):
    data = await officer.data(REGISTER_RESIDENT, {"input": {"name": "张三", "idNumber": "123", "phone": "555"}})
    assert {error["field"] for error in data["registerResident"]["errors"]} == {"idNumber", "phone"}
    assert await models.Resident.all().count() == 0


async def test_grid_workers_see_personal_values_masked(login_as, officer, station):
    number = id_number()
    await register_resident(
        officer, idNumber=number, phone="13812345678", registeredAddress="四川省渠县城东街道幸福路3号"
    )
    worker = await login_as(Role.GRID_WORKER, station=station)
    node = (await worker.data("{ residents { nodes { idNumber phone registeredAddress } } }"))["residents"]["nodes"][0]
    assert node == {
        "idNumber": number[:4] + "*" * 10 + number[-4:],
        "phone": "138****5678",
        "registeredAddress": "四川省渠县城****",
    }


async def test_officers_see_values_in_full_and_the_view_is_logged(officer):
    from core.audit.models import PersonalDataAccess

    number = id_number()
    await register_resident(officer, idNumber=number)
    before = await PersonalDataAccess.all().count()
    node = (await officer.data("{ residents { nodes { idNumber } } }"))["residents"]["nodes"][0]
    assert node["idNumber"] == number
    assert await PersonalDataAccess.all().count() == before + 1
    record = await PersonalDataAccess.all().order_by("-id").first()
    assert record.actor_username == officer.user.username
    assert {(item["type"], item["field"]) for item in record.shown} == {("Resident", "idNumber")}


async def test_children_are_hidden_from_roles_that_may_not_see_minors(login_as, officer, station):
    await register_resident(officer, idNumber=id_number(dt.date(2012, 3, 1)), tags=["LEFT_BEHIND_CHILD"])
    await register_resident(officer, idNumber=id_number(dt.date(1980, 3, 1)))
    worker = await login_as(Role.GRID_WORKER, station=station)
    assert (await worker.data("{ residents { totalCount } }"))["residents"]["totalCount"] == 1
    assert (await officer.data("{ residents { totalCount } }"))["residents"]["totalCount"] == 2


async def test_residents_are_found_by_tag_and_by_exact_id_number(officer):
    number = id_number()
    await register_resident(officer, idNumber=number, tags=["KEY_PERSON"])
    await register_resident(officer, tags=["EMPTY_NEST_ELDERLY"])
    data = await officer.data(
        "query($n: String!) { t: residents(filter: {tag: KEY_PERSON}) { totalCount }"
        " n: residents(filter: {idNumber: $n}) { nodes { name } } }",
        {"n": number.lower() if number.endswith("X") else f" {number} "},
    )
    assert data["t"]["totalCount"] == 1
    assert len(data["n"]["nodes"]) == 1
    assert (await models.Resident.filter(id_number_hash=keyed_hash("id_number", number)).count()) == 1


async def test_housing_lists_its_occupants(officer, station):
    address_id = await add_address(officer, station)
    await register_resident(officer, addressId=address_id, name="李四")
    payload = await officer.mutate(
        REGISTER_HOUSING,
        {
            "input": {
                "addressId": address_id,
                "kind": "RESIDENTIAL",
                "ownerName": "王五",
                "ownerIdNumber": id_number(),
                "isRented": True,
            }
        },
    )
    assert payload["housing"]["occupants"] == [{"name": "李四"}]


async def test_an_address_has_one_housing_record(officer, station):
    address_id = await add_address(officer, station)
    await officer.mutate(REGISTER_HOUSING, {"input": {"addressId": address_id, "kind": "RESIDENTIAL"}})
    data = await officer.data(REGISTER_HOUSING, {"input": {"addressId": address_id, "kind": "SELF_BUILT"}})
    assert data["registerHousing"]["errors"][0]["code"] == "CONFLICT"


async def test_a_unit_credit_code_is_checked_by_its_check_character(officer):
    good = credit_code()
    bad = good[:-1] + ("0" if good[-1] != "0" else "1")
    data = await officer.data(REGISTER_UNIT, {"input": {"name": "宕渠宾馆", "kind": "HOTEL", "creditCode": bad}})
    assert data["registerUnit"]["errors"][0]["field"] == "creditCode"
    payload = await officer.mutate(
        REGISTER_UNIT, {"input": {"name": "宕渠宾馆", "kind": "HOTEL", "creditCode": good.lower(), "isKeyUnit": True}}
    )
    assert payload["unit"]["creditCode"] == good


async def test_the_address_file_shows_people_housing_units_incidents_and_inspections(officer, station):
    address_id = await add_address(officer, station)
    await register_resident(officer, addressId=address_id, name="李四")
    await officer.mutate(REGISTER_HOUSING, {"input": {"addressId": address_id, "kind": "MIXED_USE"}})
    await officer.mutate(REGISTER_UNIT, {"input": {"name": "李记面馆", "kind": "SHOP", "addressId": address_id}})
    await report(officer, station, standardAddressId=address_id, category="FIRE")
    target = await officer.mutate(
        "mutation($input: CreateInspectionTargetInput!) { createInspectionTarget(input: $input) { target { id } errors { code } } }",
        {
            "input": {
                "name": "李记面馆",
                "kind": "OTHER_VENUE",
                "areaId": area_id(station, "compound"),
                "addressId": address_id,
            }
        },
    )
    await officer.mutate(
        "mutation($input: RecordInspectionInput!) { recordInspection(input: $input) { inspection { id } errors { code } } }",
        {"input": {"targetId": target["target"]["id"], "kind": "FIRE"}},
    )
    node = (await officer.data(ADDRESS_FILE, {"id": address_id}))["node"]
    assert node == {
        "address": "滨江花园3栋2单元501",
        "residents": [{"name": "李四"}],
        "housing": {"kind": "MIXED_USE"},
        "units": [{"name": "李记面馆"}],
        "incidents": [{"category": "FIRE"}],
        "inspections": [{"kind": "FIRE"}],
    }


async def test_a_volunteer_may_not_read_the_registers(login_as, station):
    volunteer = await login_as(Role.VOLUNTEER, station=station)
    body = await volunteer.execute("{ residents { totalCount } }")
    assert body["errors"][0]["extensions"]["code"] == "FORBIDDEN"
