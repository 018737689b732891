"""``fengqiao operations register|list|remove``, run as a user runs them."""

import json
import subprocess

import pytest

from core.operations.registry import sha256_of

ME = "query Me { me { username displayName } }"
LOGIN = "mutation Login($input: LoginInput!) { login(input: $input) { token errors { code message } } }"


@pytest.fixture
def config(tmp_path):
    path = tmp_path / "fengqiao.toml"
    path.write_text(
        f'database_url = "sqlite://{tmp_path / "ops.db"}"\n'
        'secret_key = "ops-test-secret-0123456789-abcdefghijkl"\n'
        "[plugins]\nenabled = []\nthird_party = false\n",
        encoding="utf-8",
    )
    return str(path)


def fengqiao(config, *args):
    return subprocess.run(
        ["fengqiao", "--config", config, "operations", *args], capture_output=True, text=True, timeout=60
    )


def write_manifest(tmp_path, documents, name="persisted-documents.json"):
    path = tmp_path / name
    path.write_text(json.dumps({sha256_of(d): d for d in documents}), encoding="utf-8")
    return str(path)


def test_register_stores_a_codegen_manifest_and_list_shows_it(config, tmp_path):
    manifest = write_manifest(tmp_path, [ME, LOGIN])
    result = fengqiao(config, "register", manifest, "--client", "dashboard@1.0.0")
    assert result.returncode == 0, result.stderr
    assert "2 new, 0 already registered" in result.stdout
    listed = fengqiao(config, "list").stdout
    assert f"{sha256_of(ME)}  query" in listed and "Me" in listed and "dashboard@1.0.0" in listed
    assert f"{sha256_of(LOGIN)}  mutation" in listed


def test_registering_the_same_manifest_again_adds_nothing(config, tmp_path):
    manifest = write_manifest(tmp_path, [ME])
    fengqiao(config, "register", manifest)
    again = fengqiao(config, "register", manifest)
    assert again.returncode == 0 and "0 new, 1 already registered" in again.stdout


def test_register_reads_an_apollo_persisted_query_manifest(config, tmp_path):
    path = tmp_path / "apollo.json"
    operations = [{"id": sha256_of(ME), "body": ME, "name": "Me", "type": "query"}]
    path.write_text(json.dumps({"format": "apollo-persisted-query-manifest", "version": 1, "operations": operations}))
    result = fengqiao(config, "register", str(path))
    assert result.returncode == 0 and "1 new" in result.stdout


def test_a_manifest_with_one_bad_entry_registers_nothing_and_names_it(config, tmp_path):
    bad = "query Broken { me { noSuchField } }"
    manifest = write_manifest(tmp_path, [ME, bad])
    result = fengqiao(config, "register", manifest)
    assert result.returncode == 2
    assert sha256_of(bad)[:12] in result.stderr and "noSuchField" in result.stderr
    assert "Traceback" not in result.stderr
    assert fengqiao(config, "list").stdout.strip() == "no registered operations"


def test_a_missing_manifest_is_one_clear_line(config, tmp_path):
    result = fengqiao(config, "register", str(tmp_path / "nope.json"))
    assert result.returncode == 2 and result.stderr.strip().startswith("fengqiao: manifest: manifest not found")


def test_remove_retires_a_client_builds_operations(config, tmp_path):
    fengqiao(config, "register", write_manifest(tmp_path, [ME]), "--client", "dashboard@1.0.0")
    fengqiao(config, "register", write_manifest(tmp_path, [LOGIN], "new.json"), "--client", "dashboard@2.0.0")
    result = fengqiao(config, "remove", "--client", "dashboard@1.0.0")
    assert result.returncode == 0 and "removed 1 operation(s)" in result.stdout
    listed = fengqiao(config, "list").stdout
    assert sha256_of(ME) not in listed and sha256_of(LOGIN) in listed


def test_register_accepts_codegen_keys_that_name_the_algorithm(config, tmp_path):
    path = tmp_path / "persisted-documents.json"
    path.write_text(json.dumps({f"sha256:{sha256_of(ME)}": ME}), encoding="utf-8")
    assert fengqiao(config, "register", str(path)).returncode == 0
    assert sha256_of(ME) in fengqiao(config, "list").stdout
