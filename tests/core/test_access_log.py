"""The personal-data access log: one insert per request that shows personal data in full, no
audit-chain statement on the request path, sealing into the chain in batches, tamper evidence
through ``audit verify``, and reading it as an auditor."""

import asyncio
import subprocess
from pathlib import Path

import pytest

from core import Role
from core.audit.access import SEALED_ACTION, seal_access_log
from core.audit.checks import VerifyOptions, run_checks
from core.audit.models import AuditEvent, PersonalDataAccess
from core.graphql.ids import to_global_id
from core.testing import TEST_SECRET, count_queries
from tests.core.sample_plugin.models import SamplePerson

ADD = "mutation($input: AddSamplePersonInput!) { addSamplePerson(input: $input) { person { id } errors { message } } }"
LIST = "query($first: Int) { samplePeople(first: $first) { totalCount edges { node { name idNumber phone } } } }"
ACCESS = """query($filter: PersonalDataAccessFilter) {
  personalDataAccess(filter: $filter) {
    totalCount
    nodes { actorUsername stationId requestId sealedSequence fields { typeName field objectId } }
  }
}"""
ID_NUMBER = "511725199001011236"


async def _officer_with_people(login_as, station, people: int = 3):
    officer = await login_as(Role.OFFICER, station=station)
    for index in range(people):
        await officer.mutate(ADD, {"input": {"name": f"张{index}", "idNumber": ID_NUMBER, "phone": "13812345678"}})
    return officer


async def _views(officer, times: int) -> None:
    for _ in range(times):
        await officer.data(LIST, {"first": 50})


async def _access_check():
    [result] = await run_checks(VerifyOptions(use_witness=False), only={"access"})
    return result


async def _sealed(app, batch_size: int = 1000) -> int:
    app.clock.advance(minutes=1)  # past the settle time
    return await seal_access_log(batch_size=batch_size)


async def test_a_list_showing_personal_data_writes_one_insert_and_no_chain_statement(app, login_as, station):
    officer = await _officer_with_people(login_as, station)
    with count_queries() as counter:
        data = await officer.data(LIST, {"first": 50})
    assert data["samplePeople"]["edges"][0]["node"]["idNumber"] == ID_NUMBER
    writes = [s for s in counter.statements if "INSERT" in s.upper() or "UPDATE" in s.upper()]
    assert len(writes) == 1 and "core_personal_access" in writes[0]
    assert not [s for s in counter.statements if "core_audit_event" in s or "advisory" in s]


async def test_one_record_lists_every_field_shown_once(app, login_as, station):
    officer = await _officer_with_people(login_as, station, people=2)
    await _views(officer, 1)
    [record] = await PersonalDataAccess.all()
    assert record.actor_username == officer.user.username and record.station_id == station.id
    assert {(item["type"], item["field"]) for item in record.shown} == {
        ("SamplePerson", "idNumber"),
        ("SamplePerson", "phone"),
    }
    assert len(record.shown) == len({(i["type"], i["field"], i["id"]) for i in record.shown}) == 4
    assert record.sealed_by is None


async def test_masked_values_leave_no_record(app, login_as, station):
    await _officer_with_people(login_as, station)
    auxiliary = await login_as(Role.AUXILIARY, station=station)
    await _views(auxiliary, 1)
    assert await PersonalDataAccess.all().count() == 0


async def test_sealing_writes_one_chain_event_per_batch(app, login_as, station):
    officer = await _officer_with_people(login_as, station)
    await _views(officer, 5)
    assert await _sealed(app, batch_size=2) == 5
    events = await AuditEvent.filter(action=SEALED_ACTION).order_by("sequence")
    assert [(e.after["first_id"], e.after["last_id"], e.after["count"]) for e in events] == [
        (1, 2, 2),
        (3, 4, 2),
        (5, 5, 1),
    ]
    sealed_by = await PersonalDataAccess.all().order_by("id").values_list("sealed_by", flat=True)
    assert sealed_by == [events[0].sequence] * 2 + [events[1].sequence] * 2 + [events[2].sequence]
    assert (await _access_check()).ok


async def test_a_second_sealing_run_seals_nothing_new(app, login_as, station):
    officer = await _officer_with_people(login_as, station)
    await _views(officer, 2)
    assert await _sealed(app) == 2
    assert await _sealed(app) == 0
    assert await AuditEvent.filter(action=SEALED_ACTION).count() == 1


async def test_records_younger_than_the_settle_time_wait_for_the_next_run(app, login_as, station):
    officer = await _officer_with_people(login_as, station)
    await _views(officer, 1)
    assert await seal_access_log() == 0
    assert await AuditEvent.filter(action=SEALED_ACTION).count() == 0


async def test_two_sealing_runs_at_once_seal_each_record_once(app, login_as, station):
    officer = await _officer_with_people(login_as, station)
    await _views(officer, 4)
    app.clock.advance(minutes=1)
    counts = await asyncio.gather(seal_access_log(batch_size=3), seal_access_log(batch_size=3))
    assert sum(counts) == 4
    events = await AuditEvent.filter(action=SEALED_ACTION)
    assert sum(e.after["count"] for e in events) == 4
    assert (await _access_check()).ok


async def test_the_sealing_job_runs_from_the_job_registry(app, login_as, station):
    from core.jobs.runner import JobRunner

    officer = await _officer_with_people(login_as, station)
    await _views(officer, 2)
    app.clock.advance(minutes=1)
    run = await JobRunner(app).run_now("core.audit.seal_access_log")
    assert run.items_changed == 2
    assert await PersonalDataAccess.filter(sealed_by__isnull=True).count() == 0


async def test_an_altered_unsealed_record_is_caught(app, login_as, station):
    officer = await _officer_with_people(login_as, station)
    await _views(officer, 2)
    await PersonalDataAccess.filter(id=1).update(actor_username="someone-else")
    result = await _access_check()
    assert not result.ok and "access record 1: content changed or forged" in result.problems[0]


async def test_an_altered_sealed_record_is_caught(app, login_as, station):
    officer = await _officer_with_people(login_as, station)
    await _views(officer, 2)
    await _sealed(app)
    await PersonalDataAccess.filter(id=2).update(shown=[])
    problems = (await _access_check()).problems
    assert any("access record 2: content changed" in p for p in problems)
    assert any("digest mismatch" in p for p in problems)


async def test_a_changed_mac_is_caught(app, login_as, station):
    officer = await _officer_with_people(login_as, station)
    await _views(officer, 2)
    await _sealed(app)
    await PersonalDataAccess.filter(id=1).update(mac="0" * 64)
    result = await _access_check()
    assert not result.ok and any("access record 1" in p for p in result.problems)


async def test_a_deleted_sealed_record_is_caught(app, login_as, station):
    officer = await _officer_with_people(login_as, station)
    await _views(officer, 3)
    await _sealed(app)
    await PersonalDataAccess.filter(id=2).delete()
    problems = (await _access_check()).problems
    assert any("3 rows were sealed, 2 are left" in p for p in problems)
    assert any("rows missing inside the sealed ids 1-3 (deleted): 2" in p for p in problems)


async def test_a_record_deleted_before_sealing_shows_as_a_gap(app, login_as, station):
    officer = await _officer_with_people(login_as, station)
    await _views(officer, 3)
    await PersonalDataAccess.filter(id=2).delete()
    await _sealed(app)
    result = await _access_check()
    assert not result.ok and "rows missing inside the sealed ids 1-3 (deleted): 2" in result.problems[0]


async def test_records_left_unsealed_too_long_are_reported(app, login_as, station):
    officer = await _officer_with_people(login_as, station)
    await _views(officer, 1)
    assert (await _access_check()).ok
    app.clock.advance(minutes=20)
    result = await _access_check()
    assert not result.ok and "sealing has stopped" in result.problems[0]


def _verify_command(app) -> subprocess.CompletedProcess:
    """``fengqiao audit verify`` on the test app's database, as an operator runs it."""
    config = Path(app.settings.storage.path).parent / "verify.toml"
    config.write_text(
        f'database_url = "{app.settings.database_url}"\nsecret_key = "{TEST_SECRET}"\n'
        f'[storage]\npath = "{app.settings.storage.path}"\n[plugins]\nenabled = []\nthird_party = false\n',
        encoding="utf-8",
    )
    command = ["fengqiao", "--config", str(config), "audit", "verify"]
    return subprocess.run(command, capture_output=True, text=True, timeout=120)


async def test_audit_verify_command_catches_a_deleted_sealed_record(app, login_as, station):
    officer = await _officer_with_people(login_as, station)
    await _views(officer, 3)
    await _sealed(app)
    good = _verify_command(app)
    assert good.returncode == 0, good.stdout + good.stderr
    assert "access: ok: 3 access records verified (1 sealed batches, 0 awaiting sealing)" in good.stdout
    await PersonalDataAccess.filter(id=3).delete()
    bad = _verify_command(app)
    assert bad.returncode == 1
    assert "3 rows were sealed, 2 are left" in bad.stdout


async def test_auditors_read_the_access_log_with_filters(app, login_as, station):
    officer = await _officer_with_people(login_as, station)
    other = await login_as(Role.STATION_CHIEF, station=station)
    await _views(officer, 2)
    await _views(other, 1)
    auditor = await login_as(Role.AUDITOR)
    everything = (await auditor.data(ACCESS))["personalDataAccess"]
    assert everything["totalCount"] == 3
    assert {f["typeName"] for f in everything["nodes"][0]["fields"]} == {"SamplePerson"}
    mine = await auditor.data(ACCESS, {"filter": {"actorUsername": other.user.username}})
    assert mine["personalDataAccess"]["totalCount"] == 1
    person = await SamplePerson.all().order_by("id").first()
    shown_id = to_global_id("SamplePerson", person.id)
    about = await auditor.data(ACCESS, {"filter": {"objectType": "SamplePerson", "objectId": shown_id}})
    assert about["personalDataAccess"]["totalCount"] == 3
    nobody = await auditor.data(ACCESS, {"filter": {"objectType": "SamplePerson", "objectId": "999"}})
    assert nobody["personalDataAccess"]["totalCount"] == 0


async def test_the_sealing_sequence_is_shown_once_sealed(app, login_as, station):
    officer = await _officer_with_people(login_as, station)
    await _views(officer, 1)
    auditor = await login_as(Role.AUDITOR)
    before = (await auditor.data(ACCESS))["personalDataAccess"]["nodes"][0]
    assert before["sealedSequence"] is None
    await _sealed(app)
    after = (await auditor.data(ACCESS))["personalDataAccess"]["nodes"][0]
    event = await AuditEvent.get(action=SEALED_ACTION)
    assert after["sealedSequence"] == event.sequence


async def test_roles_without_the_audit_permission_are_refused_the_access_log(app, login_as, station):
    for role in (Role.OFFICER, Role.STATION_CHIEF, Role.AUXILIARY):
        client = await login_as(role, station=station)
        body = await client.execute(ACCESS)
        assert body["errors"][0]["extensions"]["code"] == "FORBIDDEN", role


async def test_a_station_auditor_does_not_see_another_stations_records(app, login_as, station, other_station):
    officer = await _officer_with_people(login_as, station)
    await _views(officer, 2)
    elsewhere = await login_as(Role.AUDITOR, station=other_station)
    data = await elsewhere.data(ACCESS)
    assert data["personalDataAccess"]["totalCount"] == 0
    at_home = await login_as(Role.AUDITOR, station=station)
    assert (await at_home.data(ACCESS))["personalDataAccess"]["totalCount"] == 2


async def test_a_key_rotation_re_keys_the_records_and_keeps_the_check_green(app, login_as, station):
    from core.personal.rotation import rotate

    officer = await _officer_with_people(login_as, station)
    await _views(officer, 3)
    await _sealed(app, batch_size=2)
    await _views(officer, 1)  # one sealed under the new key, after rotation
    before = await PersonalDataAccess.all().order_by("id").values_list("mac", flat=True)
    await rotate(app, "a-completely-different-secret-key-of-enough-length", batch_size=2)
    after = await PersonalDataAccess.all().order_by("id").values_list("mac", flat=True)
    assert all(old != new for old, new in zip(before, after, strict=True))
    await _sealed(app)
    result = await _access_check()
    assert result.ok, result.problems
    assert result.summary == "4 access records verified (3 sealed batches, 0 awaiting sealing)"


async def test_a_key_rotation_stops_at_a_forged_record(app, login_as, station):
    from core.errors import ConfigError
    from core.personal.rotation import rotate

    officer = await _officer_with_people(login_as, station)
    await _views(officer, 1)
    await PersonalDataAccess.filter(id=1).update(actor_username="someone-else")
    with pytest.raises(ConfigError, match="access record 1 does not verify under the old key"):
        await rotate(app, "a-completely-different-secret-key-of-enough-length")
