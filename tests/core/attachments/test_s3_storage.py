"""The S3 backend against a real S3-compatible server (moto in server mode), started here."""

from __future__ import annotations

import contextlib
import shutil
import socket
import subprocess
import sys
import time

import pytest

from core.storage.settings import StorageSettings
from tests.core.attachments.files import download, pdf, upload

BUCKET = "fengqiao-evidence"


def _free_port() -> int:
    with contextlib.closing(socket.socket()) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def s3_server():
    """An S3-compatible HTTP server in its own process; skipped when it cannot start."""
    boto3 = pytest.importorskip("boto3", reason="boto3 is not installed (pip install 'fengqiao[s3]')")
    pytest.importorskip("moto.server", reason="moto[server] is not installed (it is in the test extras)")
    port = _free_port()
    launcher = [shutil.which("moto_server")] if shutil.which("moto_server") else [sys.executable, "-m", "moto.server"]
    command = [*launcher, "-p", str(port), "-H", "127.0.0.1"]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    endpoint = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.skip("the S3-compatible test server (moto) exited at start")
        with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), timeout=0.5):
            break
        time.sleep(0.2)
    else:
        process.kill()
        pytest.skip("the S3-compatible test server (moto) did not start within 30 s")
    client = boto3.client(
        "s3", endpoint_url=endpoint, region_name="us-east-1", aws_access_key_id="test", aws_secret_access_key="test"
    )
    client.create_bucket(Bucket=BUCKET)
    try:
        yield endpoint, client
    finally:
        process.terminate()
        process.wait(timeout=10)


@pytest.fixture
async def s3_app(make_app, s3_server):
    import tests.core.sample_plugin as sample_plugin

    endpoint, _ = s3_server
    storage = StorageSettings(
        backend="s3",
        s3_endpoint_url=endpoint,
        s3_bucket=BUCKET,
        s3_access_key_id="test",
        s3_secret_access_key="test",
        s3_prefix=f"run-{time.monotonic_ns()}/",
    )
    return await make_app(["sample"], extra_plugins=[sample_plugin], storage=storage)


@pytest.fixture
async def s3_officer(s3_app):
    from core import Role, to_global_id
    from core.testing import GraphQLClient, create_station, create_user, token_for
    from tests.core.sample_plugin.models import SamplePerson

    station = await create_station(s3_app)
    user = await create_user(s3_app, station, Role.OFFICER)
    person = await SamplePerson.create(station=station, name="王五")
    return GraphQLClient(s3_app, token_for(s3_app, user)), to_global_id("SamplePerson", person.id)


def _objects(client, prefix):
    listing = client.list_objects_v2(Bucket=BUCKET, Prefix=prefix)
    return [item["Key"] for item in listing.get("Contents", [])]


async def test_an_upload_lands_encrypted_in_the_bucket_and_downloads_intact(s3_app, s3_server, s3_officer):
    _, client = s3_server
    officer, owner_id = s3_officer
    data = pdf()
    response = await upload(officer, owner_id, data, "协议.pdf", "application/pdf")
    attachment = response.json()["data"]["uploadAttachment"]["attachment"]
    (key,) = _objects(client, s3_app.settings.storage.s3_prefix)
    stored = client.get_object(Bucket=BUCKET, Key=key)["Body"].read()
    assert b"SECRET-MARKER-7731" not in stored
    served = await download(officer, attachment["downloadUrl"]["url"])
    assert served.status_code == 200 and served.content == data


async def test_a_file_missing_from_the_bucket_is_reported_by_verification(s3_app, s3_server, s3_officer):
    from core.attachments.verify import verify_files

    _, client = s3_server
    officer, owner_id = s3_officer
    await upload(officer, owner_id, pdf(), "协议.pdf", "application/pdf")
    assert (await verify_files()).ok
    for key in _objects(client, s3_app.settings.storage.s3_prefix):
        client.delete_object(Bucket=BUCKET, Key=key)
    result = await verify_files()
    assert "cannot be read from storage" in result.problems[0].reason


async def test_retention_deletes_the_object_from_the_bucket(s3_app, s3_server, s3_officer):
    from core.attachments.retention import purge_expired_attachments

    _, client = s3_server
    officer, owner_id = s3_officer
    await upload(officer, owner_id, pdf(), "协议.pdf", "application/pdf")
    s3_app.clock.advance(days=31)
    assert (await purge_expired_attachments()).purged == 1
    assert _objects(client, s3_app.settings.storage.s3_prefix) == []


async def test_an_unreachable_bucket_gives_a_clear_user_error_and_stores_nothing(make_app):
    import tests.core.sample_plugin as sample_plugin
    from core import Role, to_global_id
    from core.attachments.models import Attachment
    from core.testing import GraphQLClient, create_station, create_user, token_for
    from tests.core.sample_plugin.models import SamplePerson

    storage = StorageSettings(backend="s3", s3_endpoint_url=f"http://127.0.0.1:{_free_port()}", s3_bucket=BUCKET)
    app = await make_app(["sample"], extra_plugins=[sample_plugin], storage=storage)
    station = await create_station(app)
    officer = GraphQLClient(app, token_for(app, await create_user(app, station, Role.OFFICER)))
    person = await SamplePerson.create(station=station, name="赵六")
    response = await upload(officer, to_global_id("SamplePerson", person.id), pdf(), "a.pdf", "application/pdf")
    payload = response.json()["data"]["uploadAttachment"]
    assert payload["errors"][0]["message"] == "The file could not be stored; try again later."
    assert await Attachment.all().count() == 0


async def test_orphaned_objects_are_swept_from_the_bucket(s3_app, s3_server, s3_officer):
    import datetime as dt

    from core.attachments.retention import sweep_orphaned_files
    from core.attachments.services import storage_of

    _, client = s3_server
    officer, owner_id = s3_officer
    await upload(officer, owner_id, pdf(), "协议.pdf", "application/pdf")
    await storage_of(s3_app).put("1/2020/08/orphan", b"FQF1sealed")
    assert await sweep_orphaned_files(dt.datetime.now(dt.UTC) + dt.timedelta(hours=2)) == 1
    assert len(_objects(client, s3_app.settings.storage.s3_prefix)) == 1
