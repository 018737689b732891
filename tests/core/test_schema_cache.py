"""``fengqiao schema export`` reuses the printed schema only while nothing that shapes it changed."""

from __future__ import annotations

import dataclasses
import importlib
import os
import sys

from core.config import LimitSettings, Settings
from core.schema_cache import cache_key, printed_schema
from tests.core.test_startup_imports import modules_loaded_by, run_python


def settings_in(directory) -> Settings:
    return Settings(cache_dir=str(directory))


class Builds:
    """A build that reads a module of ``directory`` (as the real build reads type modules)."""

    def __init__(self, directory, name: str) -> None:
        self.directory, self.name, self.count = directory, name, 0

    def __call__(self) -> str:
        self.count += 1
        sys.modules.pop(self.name, None)
        sys.path.insert(0, str(self.directory))
        try:
            return importlib.import_module(self.name).SDL
        finally:
            sys.path.remove(str(self.directory))

    def forget(self) -> None:
        sys.modules.pop(self.name, None)


def write_type_module(directory, name: str, sdl: str, mtime_ns: int) -> None:
    path = directory / f"{name}.py"
    path.write_text(f"SDL = {sdl!r}\n")
    os.utime(path, ns=(mtime_ns, mtime_ns))


def test_second_export_prints_the_same_schema_without_building_it(tmp_path):
    cache, work = tmp_path / "cache", tmp_path / "work"
    work.mkdir()
    first = run_python("from core.cli import main; main(['schema', 'export'])", work, FENGQIAO_CACHE_DIR=str(cache))
    loaded = modules_loaded_by(["schema", "export"], work, FENGQIAO_CACHE_DIR=str(cache))
    second = run_python("from core.cli import main; main(['schema', 'export'])", work, FENGQIAO_CACHE_DIR=str(cache))
    assert first.returncode == 0, first.stderr
    assert second.stdout == first.stdout and "type Query" in first.stdout
    assert not loaded["strawberry"] and not loaded["tortoise"]


def test_no_cache_option_builds_and_stores_nothing(tmp_path):
    cache = tmp_path / "cache"
    loaded = modules_loaded_by(["schema", "export", "--no-cache"], tmp_path, FENGQIAO_CACHE_DIR=str(cache))
    assert loaded["strawberry"]
    assert not cache.exists()


def test_an_edited_type_module_rebuilds_the_schema(tmp_path):
    build = Builds(tmp_path, "cache_probe_edited")
    write_type_module(tmp_path, build.name, "type A", 1_000_000_000_000_000_000)
    assert printed_schema(settings_in(tmp_path / "cache"), build) == "type A"
    write_type_module(tmp_path, build.name, "type B", 1_000_000_000_500_000_000)
    build.forget()
    assert printed_schema(settings_in(tmp_path / "cache"), build) == "type B"
    assert build.count == 2


def test_a_touched_but_identical_module_still_uses_the_cache(tmp_path):
    build = Builds(tmp_path, "cache_probe_touched")
    write_type_module(tmp_path, build.name, "type A", 1_000_000_000_000_000_000)
    printed_schema(settings_in(tmp_path / "cache"), build)
    write_type_module(tmp_path, build.name, "type A", 1_000_000_000_500_000_000)  # e.g. a git checkout
    build.forget()
    assert printed_schema(settings_in(tmp_path / "cache"), build) == "type A"
    assert build.count == 1


def test_a_deleted_module_rebuilds_the_schema(tmp_path):
    build = Builds(tmp_path, "cache_probe_deleted")
    write_type_module(tmp_path, build.name, "type A", 1_000_000_000_000_000_000)
    printed_schema(settings_in(tmp_path / "cache"), build)
    (tmp_path / f"{build.name}.py").unlink()
    build.forget()
    assert printed_schema(settings_in(tmp_path / "cache"), lambda: "rebuilt") == "rebuilt"


def test_a_changed_setting_changes_the_key():
    settings = Settings()
    tighter = dataclasses.replace(settings, limits=dataclasses.replace(LimitSettings(), max_tokens=123))
    fewer_plugins = dataclasses.replace(settings, plugins=dataclasses.replace(settings.plugins, enabled=("mediation",)))
    assert len({cache_key(settings), cache_key(tighter), cache_key(fewer_plugins)}) == 3


def test_the_secret_key_does_not_change_the_key():
    assert cache_key(Settings(secret_key="a" * 40)) == cache_key(Settings(secret_key="b" * 40))


def test_an_unwritable_cache_still_exports(tmp_path):
    blocker = tmp_path / "not-a-directory"
    blocker.write_text("")
    assert printed_schema(settings_in(blocker / "cache"), lambda: "type A") == "type A"


def test_a_corrupt_entry_is_rebuilt(tmp_path):
    cache = tmp_path / "cache"
    printed_schema(settings_in(cache), lambda: "type A")
    for entry in cache.iterdir():
        entry.write_text("{not json")
    assert printed_schema(settings_in(cache), lambda: "type B") == "type B"


def test_an_empty_cache_dir_turns_the_cache_off(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    printed_schema(Settings(cache_dir=""), lambda: "type A")
    assert list(tmp_path.iterdir()) == []
