"""``fengqiao plugins`` and ``fengqiao doctor`` with a broken third-party plugin installed: it is
listed with a one-line reason; the command exits 1 only when that plugin is enabled."""

from __future__ import annotations

import pytest

from core.cli import main
from core.plugins import AvailablePlugin


class BrokenEntryPoint:
    name = "fengqiao_broken"

    def load(self):
        raise ModuleNotFoundError("No module named 'shapely'")


@pytest.fixture
def broken_plugin_installed(monkeypatch):
    import core.plugins

    real = core.plugins.discover

    def discover(*, third_party: bool = True):
        found = real(third_party=False)
        found["school_safety"] = AvailablePlugin("school_safety", "fengqiao-school-safety", BrokenEntryPoint())
        return found

    monkeypatch.setattr(core.plugins, "discover", discover)


def write_config(tmp_path, enabled: str) -> str:
    path = tmp_path / "fengqiao.toml"
    path.write_text(
        f'database_url = "sqlite://{tmp_path / "p.db"}"\n'
        'secret_key = "plugins-test-secret-0123456789-abcdefghij"\n'
        f"[plugins]\nenabled = {enabled}\n",
        encoding="utf-8",
    )
    return str(path)


def test_a_broken_plugin_is_listed_with_its_reason(tmp_path, capsys, broken_plugin_installed):
    status = main(["--config", write_config(tmp_path, '["patrol"]'), "plugins"])
    out = capsys.readouterr().out
    broken = next(line for line in out.splitlines() if line.startswith("school_safety"))
    assert status == 0
    assert "broken" in broken and "cannot be imported (ModuleNotFoundError: No module named 'shapely')" in broken
    assert any(line.startswith("patrol") and " yes " in line for line in out.splitlines())


def test_an_enabled_broken_plugin_makes_the_listing_exit_1(tmp_path, capsys, broken_plugin_installed):
    status = main(["--config", write_config(tmp_path, '["patrol", "school_safety"]'), "plugins"])
    captured = capsys.readouterr()
    assert status == 1 and "school_safety" in captured.out
    assert captured.err.startswith("fengqiao: the enabled plugins cannot load: plugin 'school_safety' failed to import")


def test_doctor_names_the_broken_plugin(tmp_path, capsys, broken_plugin_installed):
    status = main(["--config", write_config(tmp_path, '["patrol", "school_safety"]'), "doctor"])
    out = capsys.readouterr().out
    assert status == 1
    assert "!! plugin:       school_safety: BROKEN: cannot be imported" in out
    assert "!! plugin set:" in out
