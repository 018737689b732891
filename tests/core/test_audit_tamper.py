"""Tamper evidence against someone who can write the database but does not hold the key:
the keyed chain, signed checkpoints, the witness and the audited business rows."""

import hashlib
import json

from tortoise import connections

from core import Role
from core.audit import audit_context, record
from core.audit.chain import CHAINED_FIELDS, canonical
from core.audit.checkpoints import export_checkpoint, sign_head
from core.audit.checks import CheckResult, VerifyOptions, register_check, run_checks
from core.audit.models import AuditCheckpoint, AuditEvent
from core.audit.verify import verify_chain
from core.db import transaction
from core.identity.actor import SYSTEM
from tests.core.sample_plugin.models import SamplePerson

ADD = "mutation($input: AddSamplePersonInput!) { addSamplePerson(input: $input) { person { id } errors { message } } }"
ID_NUMBER = "11010519491231002X"


async def append(n: int) -> None:
    with audit_context(SYSTEM):
        for i in range(n):
            async with transaction():
                await record("test.thing.change", object_type="Thing", object_id=i, after={"value": i})


def unkeyed(event: AuditEvent) -> str:
    """What the old SHA-256 chain computed: anyone can run it."""
    return hashlib.sha256(canonical({n: getattr(event, n) for n in CHAINED_FIELDS})).hexdigest()


async def results(**options) -> dict[str, CheckResult]:
    return {r.name: r for r in await run_checks(VerifyOptions(**options))}


async def test_a_rewrite_with_recomputed_sha256_hashes_is_detected(app):
    await append(4)
    events = await AuditEvent.all().order_by("sequence")
    victim = events[1]
    victim.after = {"value": "rewritten"}
    previous = events[0].hash
    for event in events[1:]:  # rewrite and relink the whole tail, as the old code allowed
        event.prev_hash = previous
        event.hash = unkeyed(event)
        previous = event.hash
        await event.save()
    result = await verify_chain()
    assert not result.ok and result.first_broken_sequence == victim.sequence and "HMAC" in result.reason


async def test_a_forged_event_appended_after_a_checkpoint_is_detected(app):
    await append(3)
    await sign_head()
    last = await AuditEvent.all().order_by("-sequence").first()
    forged = {n: getattr(last, n) for n in CHAINED_FIELDS}
    forged.update(sequence=last.sequence + 1, action="core.user.create", prev_hash=last.hash)
    forged["hash"] = hashlib.sha256(canonical(forged)).hexdigest()
    await AuditEvent.create(**forged)
    checks = await results()
    assert not checks["chain"].ok and f"sequence {last.sequence + 1}" in checks["chain"].summary
    assert checks["checkpoints"].ok  # the checkpoint itself still holds


async def test_a_cut_tail_is_detected_by_the_witness_even_when_checkpoints_are_deleted(make_app, tmp_path):
    import tests.core.sample_plugin as sample
    from core.config import AuditSettings

    app = await make_app(["sample"], extra_plugins=[sample], audit=AuditSettings(witness=f"file://{tmp_path / 'w'}"))
    await append(5)
    assert await export_checkpoint() == await AuditEvent.all().count()
    top = await AuditEvent.all().order_by("-sequence").first()
    await AuditEvent.filter(sequence__gte=top.sequence - 1).delete()
    await AuditCheckpoint.all().delete()
    checks = await results()
    assert checks["chain"].ok and checks["checkpoints"].ok  # what is left in the database is consistent
    assert not checks["witness"].ok and "cut off" in checks["witness"].summary
    assert app.settings.audit.witness


async def test_a_checkpoint_with_a_forged_signature_is_reported(app):
    await append(2)
    await sign_head()
    row = await AuditCheckpoint.first()
    await AuditCheckpoint.filter(id=row.id).update(signature="00" * 64)
    checks = await results()
    assert not checks["checkpoints"].ok and "signature" in checks["checkpoints"].problems[0]


async def test_a_second_database_witness_keeps_the_latest_checkpoint(make_app, tmp_path):
    import tests.core.sample_plugin as sample
    from core.audit.witness import witness_for
    from core.config import AuditSettings

    url = f"sqlite://{tmp_path / 'witness.db'}"
    await make_app(["sample"], extra_plugins=[sample], audit=AuditSettings(witness=url))
    await append(2)
    await export_checkpoint()
    await append(1)
    sequence = await export_checkpoint()
    latest = await witness_for(url).latest()
    assert latest.sequence == sequence and latest.signature_ok()
    assert (await results())["witness"].ok


async def test_no_witness_configured_is_reported_as_skipped_not_ok(app):
    witness = (await results())["witness"]
    assert witness.skipped and "no witness" in witness.summary


async def _person(login_as, station) -> tuple[int, object]:
    officer = await login_as(Role.OFFICER, station=station)
    payload = await officer.mutate(ADD, {"input": {"name": "张三", "idNumber": ID_NUMBER, "phone": "13812345678"}})
    assert payload["person"]["id"]
    row = await SamplePerson.all().order_by("-id").first()
    return row.id, officer


async def test_rows_written_through_the_api_verify(app, login_as, station):
    await _person(login_as, station)
    rows = (await results())["rows"]
    assert rows.ok and "audited rows match" in rows.summary


async def test_a_direct_sql_update_of_a_business_row_is_reported_with_table_id_and_field(app, login_as, station):
    person_id, _ = await _person(login_as, station)
    await connections.get("default").execute_query(f"UPDATE sample_person SET name = '李四' WHERE id = {person_id}")
    rows = (await results())["rows"]
    assert not rows.ok
    assert rows.problems == [
        f"sample_person id {person_id}: was changed outside the audited API (field name); "
        f"last audited at sequence {(await AuditEvent.filter(action='sample.person.create').first()).sequence}"
    ]


async def test_a_direct_sql_change_of_an_encrypted_column_is_reported(app, login_as, station):
    person_id, _ = await _person(login_as, station)
    other = await SamplePerson.get(id=person_id)
    other.phone = "13900000000"
    await SamplePerson.filter(id=person_id).update(phone="13900000000")
    rows = (await results())["rows"]
    assert not rows.ok and "field phone" in rows.problems[0] and other.phone not in " ".join(rows.problems)


async def test_a_direct_sql_delete_of_a_business_row_is_reported(app, login_as, station):
    person_id, _ = await _person(login_as, station)
    await connections.get("default").execute_query(f"DELETE FROM sample_person WHERE id = {person_id}")
    rows = (await results())["rows"]
    assert not rows.ok and f"sample_person id {person_id}: was deleted outside the audited API" in rows.problems[0]


async def test_row_digests_reveal_no_personal_value(app, login_as, station):
    await _person(login_as, station)
    stored = json.dumps([e.rows for e in await AuditEvent.filter(rows__isnull=False)], ensure_ascii=False)
    assert ID_NUMBER not in stored and "13812345678" not in stored and "张三" not in stored


async def test_more_checks_can_be_registered(app):
    async def files(options):
        return CheckResult("files", False, "1 stored file changed", ["file 7: hash differs"])

    from core.audit import checks as module

    registered = list(module._checks)
    register_check("files", files)
    try:
        checks = await results()
        assert not checks["files"].ok and list(checks)[-1] == "files"
    finally:
        module._checks[:] = registered  # the real files check stays for later tests
