"""``fengqiao export`` as a real process: a user's masked, watermarked, audited export of a
list with a progress bar, and its refusals (unknown user, no permission, existing file)."""

import csv

import pytest

from tests.core.cli_processes import BACKENDS, fengqiao, new_deployment

RESIDENTS = """query($first: Int, $after: String) {
  residents(first: $first, after: $after) { totalCount pageInfo { hasNextPage endCursor } nodes { name idNumber } }
}"""


@pytest.fixture(params=BACKENDS, scope="module")
def deployment(request, tmp_path_factory):
    """One demo deployment per backend for the whole file (the demo takes a while to load)."""
    directory = tmp_path_factory.mktemp("export")
    config = new_deployment(directory, request.param, "export")
    assert fengqiao(config, "migrate").returncode == 0
    assert fengqiao(config, "demo").returncode == 0
    (directory / "residents.graphql").write_text(RESIDENTS, encoding="utf-8")
    return config


def test_an_auxiliary_exports_residents_masked_and_watermarked_with_progress(deployment, tmp_path):
    output = tmp_path / "residents.csv"
    result = fengqiao(
        deployment, "export", "--user", "cd.auxiliary", "--query-file", "residents.graphql", "--output", str(output)
    )
    assert result.returncode == 0, result.stderr
    assert "rows of residents" not in result.stderr and "/" in result.stderr and "rows" in result.stderr
    rows = list(csv.reader(output.open(encoding="utf-8-sig")))
    assert "cd.auxiliary" in rows[0][0] and "严禁外传" in rows[0][0]
    assert rows[1] == ["name", "idNumber"] and len(rows) > 2
    assert all("*" in row[1] for row in rows[2:] if row[1])  # masked as an auxiliary sees them
    assert f"exported {len(rows) - 2} row(s) of residents" in result.stdout
    audit = fengqiao(deployment, "audit", "verify")
    assert audit.returncode == 0, audit.stderr


def test_export_refuses_unknown_users_forbidden_roles_and_existing_files(deployment, tmp_path):
    args = ("export", "--query-file", "residents.graphql")
    unknown = fengqiao(deployment, *args, "--user", "nobody", "--output", str(tmp_path / "a.csv"))
    assert unknown.returncode == 2 and "no active user named 'nobody'" in unknown.stderr
    volunteer = fengqiao(deployment, *args, "--user", "cd.volunteer", "--output", str(tmp_path / "b.csv"))
    assert volunteer.returncode == 2 and "may not export" in volunteer.stderr
    (tmp_path / "c.csv").write_text("keep me")
    existing = fengqiao(deployment, *args, "--user", "cd.officer", "--output", str(tmp_path / "c.csv"))
    assert existing.returncode == 2 and (tmp_path / "c.csv").read_text() == "keep me"
