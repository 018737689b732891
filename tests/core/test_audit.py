"""The audit hash chain: verification, every tamper kind, checkpoints, the API and the CLI."""

import pytest

from core import Role
from core.audit import audit_context, record
from core.audit.models import AuditEvent
from core.audit.verify import Checkpoint, head, verify_chain
from core.db import transaction
from core.identity.actor import SYSTEM


async def append(n: int) -> None:
    with audit_context(SYSTEM):
        for i in range(n):
            async with transaction():
                await record("test.thing.change", object_type="Thing", object_id=i, after={"value": i})


async def sequences():
    return [e.sequence for e in await AuditEvent.all().order_by("sequence")]


async def test_intact_chain_verifies(app):
    await append(5)
    result = await verify_chain()
    assert result.ok and result.checked == await AuditEvent.all().count()


async def test_record_outside_a_transaction_is_refused(app):
    with pytest.raises(RuntimeError, match="inside a transaction"):
        await record("test.thing.change")


async def test_edited_event_is_detected_at_its_sequence(app):
    await append(5)
    victim = (await sequences())[2]
    await AuditEvent.filter(sequence=victim).update(after={"value": 999})
    result = await verify_chain()
    assert not result.ok and result.first_broken_sequence == victim and "changed" in result.reason


async def test_deleted_event_is_detected_at_the_next_event_of_its_chain(app):
    await append(5)
    victim, following = (await sequences())[2:4]
    await AuditEvent.filter(sequence=victim).delete()
    result = await verify_chain()
    assert not result.ok and result.first_broken_sequence == following and "deleted" in result.reason


async def test_inserted_event_is_detected(app):
    await append(4)
    last = await AuditEvent.all().order_by("-sequence").first()
    middle = (await sequences())[1]
    # Shift the tail up and forge an event in the gap, with a self-consistent hash.
    for seq in reversed(await sequences()):
        if seq > middle:
            await AuditEvent.filter(sequence=seq).update(sequence=seq + 1)
    forged = await AuditEvent.get(sequence=middle)
    await AuditEvent.create(
        **{**{f: getattr(forged, f) for f in ("created_at", "action", "prev_hash", "hash")}, "sequence": middle + 1}
    )
    result = await verify_chain()
    assert not result.ok and result.first_broken_sequence == middle + 1
    assert last is not None


async def test_reordered_events_are_detected(app):
    await append(4)
    a, b = (await sequences())[1:3]
    await AuditEvent.filter(sequence=a).update(sequence=-1)
    await AuditEvent.filter(sequence=b).update(sequence=a)
    await AuditEvent.filter(sequence=-1).update(sequence=b)
    result = await verify_chain()
    assert not result.ok and result.first_broken_sequence == a


async def test_truncated_tail_is_detected_against_a_checkpoint(app, tmp_path):
    await append(5)
    path = tmp_path / "checkpoint.json"
    (await head()).save(path)
    last = (await sequences())[-1]
    await AuditEvent.filter(sequence__gte=last - 1).delete()
    assert (await verify_chain()).ok  # without the checkpoint a cut tail looks intact
    result = await verify_chain(Checkpoint.load(path))
    assert not result.ok and "missing" in result.reason


async def test_verify_audit_chain_over_graphql(login_as, station):
    auditor = await login_as(Role.AUDITOR)
    await append(3)
    data = await auditor.data("{ verifyAuditChain { ok checked firstBrokenEventId } }")
    assert data["verifyAuditChain"]["ok"] is True and data["verifyAuditChain"]["firstBrokenEventId"] is None


VERIFY = "{ verifyAuditChain { ok checked firstBrokenSequence checks { name ok skipped summary problems } } }"


async def test_verify_audit_chain_runs_every_check_of_audit_verify(login_as, station):
    from core.audit.checks import _checks

    auditor = await login_as(Role.AUDITOR)
    await append(3)
    data = (await auditor.data(VERIFY))["verifyAuditChain"]
    assert [check["name"] for check in data["checks"]] == [name for name, _ in _checks]
    by_name = {check["name"]: check for check in data["checks"]}
    assert data["ok"] is True and by_name["chain"]["summary"] == f"{data['checked']} events verified"
    assert by_name["witness"]["skipped"] is True and by_name["witness"]["ok"] is True
    assert by_name["rows"]["ok"] is True and by_name["rows"]["problems"] == []


async def test_a_row_changed_outside_the_api_fails_verify_audit_chain_though_the_chain_holds(login_as, station):
    from tortoise import connections

    from tests.core.sample_plugin.models import SamplePerson

    officer = await login_as(Role.OFFICER, station=station)
    await officer.mutate(
        "mutation($input: AddSamplePersonInput!) { addSamplePerson(input: $input) { person { id } errors { code } } }",
        {"input": {"name": "张三"}},
    )
    person = await SamplePerson.get(name="张三")
    await connections.get("default").execute_query(f"UPDATE sample_person SET name = '李四' WHERE id = {person.id}")
    auditor = await login_as(Role.AUDITOR)
    data = (await auditor.data(VERIFY))["verifyAuditChain"]
    by_name = {check["name"]: check for check in data["checks"]}
    assert data["ok"] is False and data["firstBrokenSequence"] is None
    assert by_name["chain"]["ok"] is True and by_name["rows"]["ok"] is False
    assert by_name["rows"]["problems"][0].startswith(
        f"sample_person id {person.id}: was changed outside the audited API"
    )


async def test_station_staff_may_not_verify_the_audit_log(login_as, station):
    chief = await login_as(Role.STATION_CHIEF, station=station)
    body = await chief.execute(VERIFY)
    assert body["errors"][0]["extensions"]["code"] == "FORBIDDEN"


async def test_audit_events_are_readable_by_auditor_newest_first(login_as):
    auditor = await login_as(Role.AUDITOR)
    await append(3)
    data = await auditor.data(
        '{ auditEvents(filter: {action: "test."}, first: 2) { totalCount nodes { sequence action after } } }'
    )
    nodes = data["auditEvents"]["nodes"]
    assert data["auditEvents"]["totalCount"] == 3 and nodes[0]["sequence"] > nodes[1]["sequence"]


async def test_officer_cannot_read_the_audit_log(login_as, station):
    officer = await login_as(Role.OFFICER, station=station)
    body = await officer.execute("{ auditEvents { totalCount } }")
    assert body["errors"][0]["extensions"]["code"] == "FORBIDDEN"


def test_schema_offers_no_way_to_change_audit_rows(app):
    names = [field.name.lower() for field in app.schema.mutation.__strawberry_definition__.fields]
    assert not [name for name in names if "audit" in name]
