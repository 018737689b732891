"""The ``fengqiao`` command line."""

import subprocess
import sys

import pytest

from core.cli import main


@pytest.fixture
def config(tmp_path):
    path = tmp_path / "fengqiao.toml"
    path.write_text(
        f'database_url = "sqlite://{tmp_path / "cli.db"}"\n'
        'secret_key = "cli-test-secret-0123456789-abcdefghijkl"\n'
        "[plugins]\nenabled = []\nthird_party = false\n",
        encoding="utf-8",
    )
    return str(path)


def run(config, *args):
    return main(["--config", config, *args])


@pytest.mark.parametrize(
    "command",
    [
        ["serve"],
        ["migrate"],
        ["schema", "export"],
        ["plugins"],
        ["demo"],
        ["createstation"],
        ["createuser"],
        ["audit", "verify"],
        ["audit", "checkpoint"],
        ["operations", "register"],
        ["operations", "list"],
        ["operations", "remove"],
        ["attachments", "purge"],
    ],
)
def test_every_command_has_help(command, capsys):
    with pytest.raises(SystemExit) as exit_:
        main([*command, "--help"])
    assert exit_.value.code == 0 and "usage: fengqiao" in capsys.readouterr().out


def test_migrate_reports_up_to_date(config, capsys):
    assert run(config, "migrate") == 0
    assert "database is up to date" in capsys.readouterr().out


def test_schema_export_prints_sdl(config, capsys):
    assert run(config, "schema", "export") == 0
    out = capsys.readouterr().out
    assert "type Query {" in out
    assert "  login(" in out and "input: LoginInput!" in out and "): LoginPayload!" in out


def test_plugins_lists_header(config, capsys):
    assert run(config, "plugins") == 0
    assert capsys.readouterr().out.startswith("NAME")


def test_createstation_then_createuser_with_password_from_stdin(config, capsys, monkeypatch):
    import io

    assert run(config, "createstation", "--name", "渠县公安局城东派出所", "--code", "511725-CD", "--class", "ONE") == 0
    monkeypatch.setattr(sys, "stdin", io.StringIO("a-long-enough-password\n"))
    assert (
        run(
            config,
            "createuser",
            "--username",
            "wang.suozhang",
            "--role",
            "STATION_CHIEF",
            "--station",
            "511725-CD",
            "--password-stdin",
        )
        == 0
    )
    assert "created user wang.suozhang (STATION_CHIEF)" in capsys.readouterr().out


def test_createuser_with_unknown_station_fails_with_one_line(config, capsys, monkeypatch):
    import io

    monkeypatch.setattr(sys, "stdin", io.StringIO("a-long-enough-password\n"))
    assert (
        run(config, "createuser", "--username", "x.y", "--role", "OFFICER", "--station", "NOPE", "--password-stdin")
        == 2
    )
    assert capsys.readouterr().err.strip() == "fengqiao: no station with code 'NOPE'"


def test_createuser_with_short_password_fails_with_the_reason(config, capsys, monkeypatch):
    import io

    monkeypatch.setattr(sys, "stdin", io.StringIO("short\n"))
    assert run(config, "createuser", "--username", "admin", "--role", "BUREAU_ADMIN", "--password-stdin") == 2
    assert "password: The password needs at least 10 characters." in capsys.readouterr().err


def test_demo_loads_once_and_then_refuses(config, capsys):
    assert run(config, "demo") == 0
    out = capsys.readouterr().out
    assert "cd.station_chief" in out and "bureau.admin" in out
    assert run(config, "demo") == 2
    assert "already loaded" in capsys.readouterr().err


def test_audit_verify_and_checkpoint(config, tmp_path, capsys):
    assert run(config, "demo") == 0
    checkpoint = tmp_path / "head.json"
    assert run(config, "audit", "checkpoint", str(checkpoint)) == 0
    assert run(config, "audit", "verify", "--checkpoint", str(checkpoint)) == 0
    assert "audit chain ok" in capsys.readouterr().out


def test_a_checkpoint_file_finds_the_cut_tail_of_a_chain_that_is_not_the_newest(config, tmp_path, capsys):
    import json
    import sqlite3

    assert run(config, "createstation", "--name", "城东派出所", "--code", "CD") == 0  # its own chain
    assert run(config, "createstation", "--name", "城西派出所", "--code", "CX") == 0
    checkpoint = tmp_path / "head.json"
    assert run(config, "audit", "checkpoint", str(checkpoint)) == 0
    heads = json.loads(checkpoint.read_text())["heads"]
    newest = max(sequence for sequence, _ in heads.values())
    victim = min(sequence for sequence, _ in heads.values())
    assert len(heads) > 1 and victim < newest
    with sqlite3.connect(tmp_path / "cli.db") as db:
        db.execute(f"DELETE FROM core_audit_event WHERE sequence = {victim}")
    assert run(config, "audit", "verify", "--no-witness") == 1  # the checkpoints kept in the database
    capsys.readouterr()
    assert run(config, "audit", "verify", "--checkpoint", str(checkpoint)) == 1
    assert f"BROKEN at sequence {victim}" in capsys.readouterr().out


def test_audit_verify_exits_1_on_a_broken_chain(config, tmp_path, capsys):
    import sqlite3

    assert run(config, "demo") == 0
    with sqlite3.connect(tmp_path / "cli.db") as db:
        db.execute("UPDATE core_audit_event SET action = 'forged' WHERE sequence = 3")
    assert run(config, "audit", "verify") == 1
    assert "BROKEN at sequence 3" in capsys.readouterr().out


def test_bad_config_exits_2_with_one_line_and_no_traceback(tmp_path):
    bad = tmp_path / "bad.toml"
    bad.write_text("[server]\nprot = 1\n")
    result = subprocess.run(
        [sys.executable, "-m", "core.cli", "--config", str(bad), "plugins"], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 2
    assert (
        result.stderr.strip()
        == "fengqiao: server.prot: unknown setting (known here: cors_origins, forwarded_allow_ips, graphiql, host, introspection, persisted_only, port, workers)"
    )


def test_unknown_plugin_in_config_exits_2(tmp_path):
    bad = tmp_path / "bad.toml"
    bad.write_text('[plugins]\nenabled = ["medaition"]\n')
    result = subprocess.run(
        [sys.executable, "-m", "core.cli", "--config", str(bad), "plugins"], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 2 and "plugin 'medaition'" in result.stderr and "Traceback" not in result.stderr


def test_serve_refuses_several_workers_on_sqlite(config, capsys):
    assert run(config, "serve", "--workers", "2") == 2
    assert "several workers need PostgreSQL" in capsys.readouterr().err


def test_a_dead_weak_proxy_in_the_process_does_not_break_closing_the_connections():
    import weakref

    from core.db import open_sqlite_connections

    class Gone:
        pass

    referent = Gone()
    proxy = weakref.proxy(referent)
    del referent  # the proxy stays, pointing at nothing: isinstance() on it would raise
    assert isinstance(open_sqlite_connections(), set)
    assert proxy is not None
