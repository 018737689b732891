"""The schema checks CI runs (schema/tooling): graphql-inspector refuses a breaking change that
schema/CHANGELOG.md does not record, and graphql-schema-linter applies the committed rules.

They need the pinned npm tools (``npm ci --prefix schema/tooling``, which CI runs first)."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

TOOLING = Path(__file__).resolve().parents[2] / "schema" / "tooling"
BIN = TOOLING / "node_modules" / ".bin"
pytestmark = pytest.mark.skipif(
    not (BIN / "graphql-inspector").exists(),
    reason="schema tools not installed: npm ci --prefix schema/tooling (CI does)",
)

RELEASED = '''
"""Query root."""
type Query {
  """A meeting."""
  meeting: Meeting
}

"""A party meeting."""
type Meeting {
  """What kind of meeting, as text."""
  meetingType: String!
  """Old name."""
  topic: String @deprecated(reason: "Use subject.")
}
'''
TYPE_CHANGED = RELEASED.replace("meetingType: String!", "meetingType: MeetingType!") + '''
"""Kinds of meetings."""
enum MeetingType {
  """Branch assembly."""
  BRANCH_ASSEMBLY
}
'''
FIELD_ADDED = RELEASED.replace('  """Old name."""', '  """Subject."""\n  subject: String\n  """Old name."""')


def changelog(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "CHANGELOG.md"
    path.write_text(text, encoding="utf-8")
    return path


def diff(tmp_path: Path, new_sdl: str, changelog_text: str) -> subprocess.CompletedProcess:
    old, new = tmp_path / "released.graphql", tmp_path / "schema.graphql"
    old.write_text(RELEASED, encoding="utf-8")
    new.write_text(new_sdl, encoding="utf-8")
    env = {
        **os.environ,
        "FENGQIAO_SCHEMA_CHANGELOG": str(changelog(tmp_path, changelog_text)),
        "FENGQIAO_RELEASED_SCHEMA": str(old),
    }
    return subprocess.run(
        [str(BIN / "graphql-inspector"), "diff", str(old), str(new), "--onComplete",
         str(TOOLING / "recorded-breaking-changes.cjs")],
        capture_output=True, text=True, timeout=120, env=env,
    )


RECORDED = """# Schema changelog

## Unreleased

### Breaking
- `Meeting.meetingType`: String! → MeetingType!; send and read the enum value.

## 0.1.0
"""


def test_an_unrecorded_breaking_change_fails_naming_its_coordinate(tmp_path):
    result = diff(tmp_path, TYPE_CHANGED, "# Schema changelog\n\n## Unreleased\n")
    assert result.returncode == 1
    assert "- `Meeting.meetingType`:" in result.stderr


def test_a_breaking_change_recorded_under_unreleased_passes(tmp_path):
    result = diff(tmp_path, TYPE_CHANGED, RECORDED)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "1 breaking change(s) recorded" in result.stdout


def test_a_record_under_a_past_release_does_not_cover_a_new_break(tmp_path):
    past = RECORDED.replace("## Unreleased\n", "## Unreleased\n\n## 0.2.0\n")
    assert diff(tmp_path, TYPE_CHANGED, past).returncode == 1


def test_the_format_example_in_a_code_block_records_nothing(tmp_path):
    fenced = "# Schema changelog\n\n```markdown\n" + RECORDED + "```\n\n## Unreleased\n"
    assert diff(tmp_path, TYPE_CHANGED, fenced).returncode == 1


def test_removing_a_field_is_breaking_even_after_deprecation(tmp_path):
    removed = RELEASED.replace('  """Old name."""\n  topic: String @deprecated(reason: "Use subject.")\n', "")
    result = diff(tmp_path, removed, "## Unreleased\n")
    assert result.returncode == 1 and "`Meeting.topic`" in result.stderr


def test_a_deprecated_field_recorded_as_removed_passes(tmp_path):
    removed = RELEASED.replace('  """Old name."""\n  topic: String @deprecated(reason: "Use subject.")\n', "")
    record = "## Unreleased\n### Breaking\n- `Meeting.topic`: removed after a release of deprecation; use subject.\n"
    assert diff(tmp_path, removed, record).returncode == 0


def test_a_field_removed_without_a_deprecation_release_fails_even_when_recorded(tmp_path):
    removed = RELEASED.replace('  """What kind of meeting, as text."""\n  meetingType: String!\n', "")
    result = diff(tmp_path, removed, "## Unreleased\n### Breaking\n- `Meeting.meetingType`: removed.\n")
    assert result.returncode == 1 and "removed without a release that deprecated them" in result.stderr


def test_a_removal_recorded_as_without_deprecation_passes(tmp_path):
    removed = RELEASED.replace('  """What kind of meeting, as text."""\n  meetingType: String!\n', "")
    record = "## Unreleased\n### Breaking\n- `Meeting.meetingType`: removed without deprecation (it leaked data).\n"
    assert diff(tmp_path, removed, record).returncode == 0


def test_an_added_field_needs_no_record(tmp_path):
    assert diff(tmp_path, FIELD_ADDED, "## Unreleased\n").returncode == 0


@pytest.mark.parametrize(
    "sdl, rule",
    [
        ('"""Q."""\ntype Query {\n  """X."""\n  meeting_type: String\n}\n', "fields-are-camel-cased"),
        ('"""Q."""\ntype Query {\n  """X."""\n  level: Level\n}\n"""L."""\nenum Level {\n  """R."""\n  red\n}\n',
         "enum-values-all-caps"),
        ('"""Q."""\ntype Query {\n  """X."""\n  a: String\n}\n"""U."""\ntype Unused {\n  """X."""\n  a: String\n}\n',
         "defined-types-are-used"),
        ('"""Q."""\ntype Query {\n  """X."""\n  a: String @deprecated\n}\n', "deprecations-have-a-reason"),
        ('"""Q."""\ntype Query {\n  a: String\n}\n', "fields-have-descriptions"),
        ('"""Q."""\ntype Query {\n  """X."""\n  things: ThingConnection\n}\n'
         '"""C."""\ntype ThingConnection {\n  """X."""\n  nodes: [String]\n}\n', "relay-connection-types-spec"),
    ],
)
def test_the_committed_lint_rules_catch(tmp_path, sdl, rule):
    path = tmp_path / "schema.graphql"
    path.write_text(sdl, encoding="utf-8")
    result = subprocess.run(
        [str(BIN / "graphql-schema-linter"), "--config-directory", str(TOOLING), "--format", "compact", str(path)],
        capture_output=True, text=True, timeout=120,
    )
    assert result.returncode == 1 and f"({rule})" in result.stdout, result.stdout + result.stderr
