"""The secret key is checked before serving, never silently replaced, and can be rotated."""

import os
import shutil
import subprocess

import pytest

from core import Role
from core.audit.checks import VerifyOptions, run_checks
from core.errors import ConfigError
from core.personal.keys import SecretKeys, check_database_key
from core.personal.models import KeyRecord
from core.testing import TEST_SECRET, reset_postgres
from tests.core.sample_plugin.models import SamplePerson

OTHER_KEY = "another-secret-0123456789-abcdefghijklmnopqrstuv"
NEW_KEY = "the-new-secret-0123456789-abcdefghijklmnopqrstuvw"
ID_NUMBER = "11010519491231002X"
ADD = "mutation($input: AddSamplePersonInput!) { addSamplePerson(input: $input) { person { id } errors { message } } }"
POSTGRES_URL = os.environ.get("FENGQIAO_TEST_DATABASE_URL", "")


def fengqiao(*args, env=None, stdin=None, config=None):
    command = [shutil.which("fengqiao"), *(["--config", str(config)] if config else []), *args]
    environment = {k: v for k, v in os.environ.items() if not k.startswith("FENGQIAO_")}
    environment.update(env or {})
    return subprocess.run(command, capture_output=True, text=True, timeout=120, env=environment, input=stdin)


@pytest.fixture
def config(tmp_path):
    path = tmp_path / "fengqiao.toml"
    path.write_text(
        f'database_url = "sqlite://{tmp_path / "station.db"}"\n[plugins]\nenabled = []\nthird_party = false\n',
        encoding="utf-8",
    )
    return path


async def test_the_database_records_a_fingerprint_and_no_key(app):
    record = await KeyRecord.get(name="master")
    assert record.fingerprint == app.keys.fingerprint and TEST_SECRET not in str(vars(record))


async def test_another_key_is_refused_with_the_way_out(app):
    with pytest.raises(ConfigError, match="written with another key.*fengqiao keys rotate"):
        await check_database_key(SecretKeys.from_secret(OTHER_KEY))


async def test_a_database_from_before_fingerprints_is_checked_against_its_ciphertext(app, login_as, station):
    officer = await login_as(Role.OFFICER, station=station)
    await officer.mutate(ADD, {"input": {"name": "张三", "phone": "13812345678"}})
    await KeyRecord.all().delete()
    with pytest.raises(ConfigError, match="cannot decrypt the personal data"):
        await check_database_key(SecretKeys.from_secret(OTHER_KEY))
    await check_database_key(app.keys)
    assert await KeyRecord.filter(fingerprint=app.keys.fingerprint).exists()


def test_a_moved_secret_file_stops_start_up_instead_of_making_a_new_key(config, tmp_path):
    assert fengqiao("createstation", "--name", "城东派出所", "--code", "CD", config=config).returncode == 0
    secret = tmp_path / "station.db.secret"
    secret.rename(tmp_path / "elsewhere.secret")
    result = fengqiao("keys", "check", config=config)
    assert result.returncode == 2 and not secret.exists()
    assert result.stderr.strip().count("\n") == 0 and "key file" in result.stderr and "missing" in result.stderr
    (tmp_path / "elsewhere.secret").rename(secret)
    assert fengqiao("keys", "check", config=config).returncode == 0


def test_serve_with_a_wrong_key_stops_before_serving_with_one_line(config):
    env = {"FENGQIAO_SECRET_KEY": TEST_SECRET}
    assert fengqiao("createstation", "--name", "城东派出所", "--code", "CD", config=config, env=env).returncode == 0
    result = fengqiao("serve", "--port", "8599", config=config, env={"FENGQIAO_SECRET_KEY": OTHER_KEY})
    assert result.returncode == 2
    assert result.stderr.startswith("fengqiao: secret_key: this database was written with another key")
    assert "Traceback" not in result.stderr and result.stderr.strip().count("\n") == 0


@pytest.mark.skipif(not POSTGRES_URL.startswith("postgres"), reason="needs FENGQIAO_TEST_DATABASE_URL=postgres://…")
async def test_postgres_with_a_wrong_key_refuses_to_start(tmp_path):
    url = POSTGRES_URL.split("?")[0] + "_keys"
    await reset_postgres(url)
    env = {"FENGQIAO_DATABASE_URL": url, "FENGQIAO_SECRET_KEY": TEST_SECRET, "FENGQIAO_PLUGINS__ENABLED": ""}
    assert fengqiao("migrate", env=env).returncode == 0
    assert fengqiao("createstation", "--name", "城东派出所", "--code", "CD", env=env).returncode == 0
    result = fengqiao("keys", "check", env={**env, "FENGQIAO_SECRET_KEY": OTHER_KEY})
    assert result.returncode == 2 and "written with another key" in result.stderr


async def _register_person(login_as, station):
    officer = await login_as(Role.OFFICER, station=station)
    await officer.mutate(ADD, {"input": {"name": "张三", "idNumber": ID_NUMBER, "phone": "13812345678"}})
    return officer


async def test_rotation_re_encrypts_re_keys_and_keeps_every_check_green(app, login_as, station):
    from core.audit.checkpoints import sign_head
    from core.personal.rotation import rotate

    await _register_person(login_as, station)
    await sign_head()
    old = app.keys
    report = await rotate(app, NEW_KEY, batch_size=2)
    new = SecretKeys.from_secret(NEW_KEY)
    assert report.rows >= 1 and report.hashes >= 1 and report.unmatched_hashes == 0
    await check_database_key(new)
    with pytest.raises(ConfigError):
        await check_database_key(old)
    person = await SamplePerson.get(name="张三")
    assert person.id_number == ID_NUMBER and person.id_number_hash == new.keyring.keyed_hash("id_number", ID_NUMBER)
    assert all(r.ok for r in await run_checks(VerifyOptions())), [str(r) for r in await run_checks(VerifyOptions())]


async def test_an_interrupted_rotation_resumes_and_servers_refuse_to_start_meanwhile(
    app, login_as, station, monkeypatch
):
    from core.personal import rotation

    await _register_person(login_as, station)
    await _register_person(login_as, station)
    real, calls = rotation._rotated_row, []

    def crash_on_second(*args):
        calls.append(1)
        if len(calls) == 2:
            raise RuntimeError("power cut")
        return real(*args)

    monkeypatch.setattr(rotation, "_rotated_row", crash_on_second)
    with pytest.raises(RuntimeError, match="power cut"):
        await rotation.rotate(app, NEW_KEY, batch_size=1)
    with pytest.raises(ConfigError, match="rotation is unfinished"):
        await check_database_key(app.keys)
    monkeypatch.setattr(rotation, "_rotated_row", real)
    await rotation.rotate(app, NEW_KEY, batch_size=1)
    names = sorted(p.phone for p in await SamplePerson.all())
    assert names == ["13812345678", "13812345678"]
    assert all(r.ok for r in await run_checks(VerifyOptions()))


def test_rotate_from_the_command_line(config, tmp_path):
    env = {"FENGQIAO_SECRET_KEY": TEST_SECRET}
    assert fengqiao("createstation", "--name", "城东派出所", "--code", "CD", config=config, env=env).returncode == 0
    result = fengqiao("keys", "rotate", "--new-key-stdin", config=config, env=env, stdin=NEW_KEY + "\n")
    assert result.returncode == 0, result.stderr
    assert "key rotation finished" in result.stdout and NEW_KEY not in result.stdout
    assert fengqiao("keys", "check", config=config, env=env).returncode == 2
    verified = fengqiao("audit", "verify", config=config, env={"FENGQIAO_SECRET_KEY": NEW_KEY})
    assert verified.returncode == 0, verified.stdout
