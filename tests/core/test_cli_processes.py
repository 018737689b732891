"""Every ``fengqiao`` sub-command as a user runs it: a real process with a timeout, on SQLite and
(when ``FENGQIAO_TEST_DATABASE_URL`` is set) PostgreSQL. Each must exit by itself with the right
status — an open database connection would keep the process alive until the timeout."""

from __future__ import annotations

from pathlib import Path

import pytest

from core.testing import TEST_SECRET
from tests.core.cli_processes import BACKENDS, fengqiao, new_deployment

ADDRESSES = "区域,地址\n城东街道/文峰社区,文峰路1号\n"


@pytest.fixture(scope="module", params=BACKENDS)
def deployment(request, tmp_path_factory) -> Path:
    """A migrated deployment with one station, shared by the tests of one backend."""
    config = new_deployment(tmp_path_factory.mktemp(request.param), request.param, "cli")
    assert fengqiao(config, "migrate").returncode == 0
    station = fengqiao(
        config, "createstation", "--name", "渠县公安局城东派出所", "--code", "511725-CD", "--class", "ONE"
    )
    assert station.returncode == 0, station.stderr
    return config


def test_makemigrations_check_finds_no_missing_migration(deployment):
    result = fengqiao(deployment, "makemigrations", "--check")
    assert result.returncode == 0 and "no changes" in result.stdout, result.stdout + result.stderr


def test_createuser_reads_the_password_from_stdin(deployment):
    result = fengqiao(
        deployment,
        *("createuser", "--username", "wang.suozhang", "--role", "STATION_CHIEF", "--station", "511725-CD"),
        "--password-stdin",
        input="a-long-enough-password\n",
    )
    assert result.returncode == 0, result.stderr
    assert "created user wang.suozhang (STATION_CHIEF)" in result.stdout


def test_createuser_for_an_unknown_station_exits_2_with_one_line(deployment):
    result = fengqiao(
        deployment,
        *("createuser", "--username", "x.y", "--role", "OFFICER", "--station", "NOPE", "--password-stdin"),
        input="a-long-enough-password\n",
    )
    assert result.returncode == 2 and result.stderr == "fengqiao: no station with code 'NOPE'\n"


def test_createstation_with_a_taken_code_exits_2(deployment):
    result = fengqiao(deployment, "createstation", "--name", "另一个派出所", "--code", "511725-CD")
    assert result.returncode == 2 and "Traceback" not in result.stderr, result.stderr


def test_plugins_lists_the_enabled_plugin_with_its_hooks(deployment):
    result = fengqiao(deployment, "plugins")
    assert result.returncode == 0
    patrol = next(line for line in result.stdout.splitlines() if line.startswith("patrol"))
    assert "yes" in patrol and "commands" in patrol


def test_schema_export_prints_the_sdl_of_enabled_plugins(deployment):
    result = fengqiao(deployment, "schema", "export")
    assert (
        result.returncode == 0 and "type Query {" in result.stdout and "type Incident implements Node" in result.stdout
    )


def test_audit_checkpoint_then_verify_against_it(deployment, tmp_path):
    checkpoint = tmp_path / "head.json"
    written = fengqiao(deployment, "audit", "checkpoint", str(checkpoint))
    assert written.returncode == 0 and checkpoint.exists(), written.stderr
    verified = fengqiao(deployment, "audit", "verify", "--checkpoint", str(checkpoint))
    assert verified.returncode == 0 and "audit chain ok" in verified.stdout, verified.stdout


def test_a_plugin_command_runs_and_exits_with_its_status(deployment, tmp_path):
    csv = tmp_path / "addresses.csv"
    csv.write_text(ADDRESSES, encoding="utf-8")
    result = fengqiao(deployment, "import", str(csv), "--station", "511725-CD", "--kind", "addresses", "--dry-run")
    # The new station has no area tree yet, so the row is rejected: the command says so and exits 1.
    assert result.returncode == 1, result.stdout + result.stderr
    assert "1 rows, 0 valid (dry run, nothing written), 1 rejected" in result.stdout


def test_jobs_list_shows_schedules_and_last_runs(deployment):
    result = fengqiao(deployment, "jobs", "list")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("NAME") and "core.scoring.auto_freeze" in result.stdout


def test_jobs_run_runs_one_job_and_records_it(deployment):
    result = fengqiao(deployment, "jobs", "run", "core.scoring.auto_freeze")
    assert result.returncode == 0, result.stderr
    assert "job core.scoring.auto_freeze succeeded" in result.stdout
    listed = fengqiao(deployment, "jobs", "list")
    assert "SUCCEEDED" in listed.stdout


def test_jobs_run_of_an_unknown_job_exits_2_naming_the_jobs(deployment):
    result = fengqiao(deployment, "jobs", "run", "mediation.nothing")
    assert result.returncode == 2 and "no job named 'mediation.nothing'" in result.stderr


def test_doctor_reports_a_healthy_deployment_without_secrets(deployment):
    result = fengqiao(deployment, "doctor")
    assert result.returncode == 0, result.stdout
    assert "ok reachable:    yes" in result.stdout and "ok migrations:   up to date" in result.stdout
    assert TEST_SECRET not in result.stdout and "patrol" in result.stdout


# --- help ------------------------------------------------------------------------------------

COMMANDS = [
    ["serve"],
    ["migrate"],
    ["makemigrations"],
    ["schema"],
    ["schema", "export"],
    ["plugins"],
    ["demo"],
    ["createstation"],
    ["createuser"],
    ["audit"],
    ["audit", "verify"],
    ["audit", "checkpoint"],
    ["scoring", "snapshot"],
    ["plugin", "new"],
    ["jobs"],
    ["jobs", "list"],
    ["jobs", "run"],
    ["doctor"],
    ["areas"],
    ["areas", "import-geojson"],
]


@pytest.mark.parametrize("command", COMMANDS, ids=" ".join)
def test_every_command_and_option_says_what_it_does(command, capsys):
    from core.cli import main

    with pytest.raises(SystemExit) as exit_:
        main([*command, "--help"])
    out = capsys.readouterr().out
    assert exit_.value.code == 0 and out.startswith("usage: fengqiao")
    options = [line for line in out.splitlines() if line.startswith("  -") and not line.startswith("  -h")]
    for line in options:
        flag = line.split()[0]
        described = len(line.split("  ")) > 2 or out.split(line, 1)[1].startswith("\n   ")
        assert described, f"'{' '.join(command)} {flag}' has no help text"


@pytest.mark.parametrize("command", [c for c in COMMANDS if len(c) == 1 and c[0] not in ("plugins", "doctor")])
def test_top_level_commands_show_an_example(command, capsys):
    from core.cli import main

    with pytest.raises(SystemExit):
        main([*command, "--help"])
    out = capsys.readouterr().out
    assert "Example:\n  " in out and "fengqiao " in out.split("Example:\n  ", 1)[1]
