"""Chain of custody: files re-hashed against the audit chain, and deletion by retention only."""

from __future__ import annotations

import os
import random
import subprocess

from core import decode_id
from core.testing import TEST_SECRET, token_for
from tests.core.attachments.conftest import stored_blobs
from tests.core.attachments.files import download, jpeg_with_gps, pdf, png, upload


async def _store(client, owner_id, data, name="a.png", media="image/png"):
    payload = (await upload(client, owner_id, data, name, media)).json()["data"]["uploadAttachment"]
    assert payload["errors"] == []
    return payload["attachment"]


def _flip_a_byte(path):
    content = bytearray(path.read_bytes())
    content[len(content) // 2] ^= 0x01
    path.write_bytes(bytes(content))


async def test_untouched_files_match_the_audit_chain(officer, owner_id):
    from core.attachments.verify import verify_files

    await _store(officer, owner_id, png())
    await _store(officer, owner_id, pdf(), "b.pdf", "application/pdf")
    result = await verify_files()
    assert result.ok and result.checked == result.total == 2


async def test_changed_stored_bytes_are_reported(app, officer, owner_id):
    from core.attachments.verify import verify_files

    attachment = await _store(officer, owner_id, png())
    (blob,) = stored_blobs(app)
    _flip_a_byte(blob)
    result = await verify_files()
    assert not result.ok
    assert result.problems[0].attachment_id == decode_id(attachment["id"], "Attachment", field="id")
    assert "changed" in result.problems[0].reason


async def test_an_insider_who_rewrites_the_rows_hash_is_caught_by_the_chain(officer, owner_id):
    from core.attachments.models import Attachment
    from core.attachments.verify import verify_files

    await _store(officer, owner_id, png())
    await Attachment.all().update(sha256="0" * 64)
    result = await verify_files()
    assert "differs from the one in the audit chain" in result.problems[0].reason


async def test_a_sample_checks_only_that_many_files(officer, owner_id):
    from core.attachments.verify import verify_files

    for colour in range(3):
        await _store(officer, owner_id, jpeg_with_gps((colour * 60, 10, 10)), "p.jpg", "image/jpeg")
    result = await verify_files(2, rng=random.Random(7))
    assert result.ok and (result.checked, result.total) == (2, 3)


async def test_files_past_retention_are_purged_and_their_history_stays(app, officer, owner_id):
    from core.attachments.models import Attachment
    from core.attachments.retention import purge_expired_attachments
    from core.audit.models import AuditEvent
    from core.audit.verify import verify_chain

    attachment = await _store(officer, owner_id, png())
    assert (await purge_expired_attachments()).purged == 0  # the sample register keeps files 30 days
    app.clock.advance(days=31)
    result = await purge_expired_attachments()
    assert (result.purged, result.failed) == (1, 0)
    assert stored_blobs(app) == []
    row = await Attachment.get(sha256=attachment["sha256"])
    assert row.purged_at is not None
    assert await AuditEvent.filter(action="core.attachment.store", object_id=str(row.id)).exists()
    purge = await AuditEvent.get(action="core.attachment.purge")
    assert purge.after["sha256"] == attachment["sha256"] and purge.after["reason"] == "retention"
    assert (await verify_chain()).ok
    assert (await purge_expired_attachments()).purged == 0


async def test_the_daily_retention_job_purges_expired_files(app, officer, owner_id):
    from core.jobs.registry import core_jobs

    job = next(job for job in core_jobs() if job.name == "core.attachments.retention")
    await _store(officer, owner_id, png())
    assert await job.run() == 0
    app.clock.advance(days=31)
    assert await job.run() == 1
    assert stored_blobs(app) == []


async def test_a_purged_file_is_no_longer_listed_or_served(app, officer, owner_id):
    from core.attachments.retention import purge_expired_attachments

    attachment = await _store(officer, owner_id, png())
    app.clock.advance(days=31)
    await purge_expired_attachments()
    officer = officer.as_user(token_for(app, officer.user))  # a month later: a new login
    data = await officer.data("query($o: ID!) { attachments(ownerId: $o) { totalCount } }", {"o": owner_id})
    assert data["attachments"]["totalCount"] == 0
    assert (await download(officer, attachment["downloadUrl"]["url"])).status_code == 404


async def test_there_is_no_mutation_that_deletes_a_file(app):
    names = set(app.schema._schema.mutation_type.fields)
    assert not {name for name in names if "attachment" in name.lower() and name != "uploadAttachment"}


def _cli(app, *args):
    """Run ``fengqiao`` on the test app's database and files (core only: no plugin tables needed)."""
    from pathlib import Path

    config = Path(app.settings.storage.path).parent / "cli.toml"
    config.write_text(
        f'database_url = "{app.settings.database_url}"\nsecret_key = "{TEST_SECRET}"\n'
        f'[storage]\npath = "{app.settings.storage.path}"\n[plugins]\nenabled = []\nthird_party = false\n',
        encoding="utf-8",
    )
    return subprocess.run(["fengqiao", "--config", str(config), *args], capture_output=True, text=True, timeout=120)


async def test_audit_verify_rehashes_a_sample_of_files_and_fails_on_a_changed_one(app, officer, owner_id):
    await _store(officer, owner_id, png())
    await _store(officer, owner_id, pdf(), "b.pdf", "application/pdf")
    good = _cli(app, "audit", "verify", "--sample", "2")
    assert good.returncode == 0, good.stderr
    assert "audit chain ok" in good.stdout and "files: ok: all stored files re-hashed" in good.stdout
    for blob in stored_blobs(app):
        _flip_a_byte(blob)
    bad = _cli(app, "audit", "verify", "--sample", "1")
    assert bad.returncode == 1
    assert "files: FAILED: 1 of 1 checked files do not match" in bad.stdout


async def test_the_purge_command_deletes_what_is_past_retention_by_the_real_clock(app, officer, owner_id):
    # Stored "on 2020-08-20" by the test clock with 30 days' retention: long past for the command.
    await _store(officer, owner_id, png())
    dry = _cli(app, "attachments", "purge", "--dry-run")
    assert dry.returncode == 0 and "1 file(s) are past their retention" in dry.stdout
    assert len(stored_blobs(app)) == 1
    done = _cli(app, "attachments", "purge")
    assert done.returncode == 0 and "purged 1 file(s)" in done.stdout
    assert stored_blobs(app) == []


def test_a_sample_below_one_is_refused():
    result = subprocess.run(
        ["fengqiao", "audit", "verify", "--sample", "0"], capture_output=True, text=True, timeout=60, env={**os.environ}
    )
    assert result.returncode == 2 and "--sample: must be at least 1" in result.stderr


async def test_two_purges_at_once_delete_and_audit_each_file_once(app, officer, owner_id):
    import asyncio

    from core.attachments.retention import purge_expired_attachments
    from core.audit.models import AuditEvent

    for colour in range(3):
        await _store(officer, owner_id, jpeg_with_gps((colour * 70, 20, 20)), "p.jpg", "image/jpeg")
    app.clock.advance(days=31)
    results = await asyncio.gather(purge_expired_attachments(), purge_expired_attachments())
    assert sum(result.purged for result in results) == 3
    assert await AuditEvent.filter(action="core.attachment.purge").count() == 3


async def test_objects_left_by_a_rolled_back_upload_are_swept_after_a_grace_period(app, officer, owner_id):
    import datetime as dt

    from core.attachments.retention import sweep_orphaned_files
    from core.attachments.services import storage_of

    await _store(officer, owner_id, png())
    await storage_of(app).put("1/2020/08/left-by-a-rollback", b"FQF1sealed")
    assert await sweep_orphaned_files() == 0  # just written: could be an upload in flight
    later = dt.datetime.now(dt.UTC) + dt.timedelta(hours=2)
    assert await sweep_orphaned_files(later) == 1
    from core.attachments.verify import verify_files

    assert len(stored_blobs(app)) == 1 and (await verify_files()).ok
