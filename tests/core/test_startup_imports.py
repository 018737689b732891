"""What start-up loads: commands that need no database stay light, and nothing slow runs at import.

Wall-clock targets are measured by ``bench/startup.py`` (a shared machine makes timed tests
flaky); these tests pin the causes instead, each in a fresh interpreter like the real command.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap

import pytest

HEAVY = ("tortoise", "strawberry", "graphql", "starlette", "uvicorn", "aiosqlite", "asyncpg", "argon2")


def run_python(code: str, cwd, **env: str) -> subprocess.CompletedProcess:
    environment = {key: value for key, value in os.environ.items() if not key.startswith("FENGQIAO_")}
    environment.update({"FENGQIAO_PLUGINS__THIRD_PARTY": "false", **env})
    return subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)], cwd=cwd, env=environment, capture_output=True, text=True
    )


def core_only(tmp_path) -> dict[str, str]:
    """A deployment of the core alone on a new SQLite file: quick to migrate."""
    (tmp_path / "fengqiao.toml").write_text("[plugins]\nenabled = []\n", encoding="utf-8")
    return {
        "FENGQIAO_CONFIG": str(tmp_path / "fengqiao.toml"),
        "FENGQIAO_DATABASE_URL": f"sqlite://{tmp_path / 'fengqiao.db'}",
        "FENGQIAO_SECRET_KEY": "s" * 40,
    }


def modules_loaded_by(arguments: list[str], cwd, **env: str) -> dict[str, bool]:
    """Run ``fengqiao <arguments>`` in a new interpreter; which heavy libraries it imported."""
    result = run_python(
        f"""
        import contextlib, io, json, sys
        from core.cli import main
        with contextlib.redirect_stdout(io.StringIO()):
            try:
                status = main({arguments!r})
            except SystemExit as exit:
                status = exit.code
        print(json.dumps({{"status": status, "loaded": {{name: name in sys.modules for name in {HEAVY!r}}}}}))
        """,
        cwd,
        **env,
    )
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout.splitlines()[-1])
    assert report["status"] in (0, None), result.stderr
    return report["loaded"]


def test_help_loads_neither_the_orm_nor_graphql(tmp_path):
    loaded = modules_loaded_by(["--help"], tmp_path)
    assert not any(loaded.values()), [name for name, yes in loaded.items() if yes]


def test_help_still_lists_the_commands_plugins_add(tmp_path):
    result = run_python("from core.cli import main; main(['--help'])", tmp_path)
    assert "import" in result.stdout and "(patrol plugin)" in result.stdout


def test_plugins_command_loads_neither_the_orm_nor_graphql(tmp_path):
    loaded = modules_loaded_by(["plugins"], tmp_path)
    assert not any(loaded.values()), [name for name, yes in loaded.items() if yes]


def test_schema_export_opens_no_database_and_writes_no_key_file(tmp_path):
    # An unreachable server: exporting must not try it.
    # Without the cache, so that the schema is really built.
    loaded = modules_loaded_by(
        ["schema", "export", "--no-cache"], tmp_path, FENGQIAO_DATABASE_URL="postgres://nobody@127.0.0.1:9/nowhere"
    )
    assert loaded["strawberry"] and not loaded["asyncpg"] and not loaded["aiosqlite"]
    modules_loaded_by(["schema", "export", "--no-cache"], tmp_path)  # the default: SQLite beside the command
    assert list(tmp_path.iterdir()) == []


def test_importing_password_hashing_hashes_nothing(tmp_path):
    result = run_python("import core.identity.passwords as p; print(p._dummy_hash is None)", tmp_path)
    assert result.stdout.strip() == "True", result.stderr


def test_unknown_user_still_costs_a_verification():
    from core.identity import passwords

    assert passwords.verify_password(None, "anything") is False
    assert passwords._dummy_hash is not None


def test_models_without_field_comments_are_not_read_as_source(tmp_path):
    """Tortoise reads a model's source for ``#:`` comments at class creation (about 0.7 s for
    all our models); a module without such comments is skipped."""
    result = run_python(
        """
        import inspect
        import core  # installs the shortcut before Tortoise loads
        calls = []
        original = inspect.getsource
        inspect.getsource = lambda obj: calls.append(obj) or original(obj)
        import core.identity.models, plugins.mediation.models, plugins.patrol.models
        print(len([obj for obj in calls if getattr(obj, "__module__", "").startswith(("core.", "plugins."))]))
        """,
        tmp_path,
    )
    assert result.stdout.strip() == "0", result.stderr


@pytest.mark.parametrize("comment", ["#: The resident's nickname."])
def test_field_comments_still_describe_fields(tmp_path, comment):
    """A third-party model that documents a field with ``#:`` keeps that description."""
    (tmp_path / "commented_models.py").write_text(
        textwrap.dedent(
            f"""
            from tortoise import fields
            from tortoise.models import Model

            class Nickname(Model):
                id = fields.IntField(primary_key=True)
                {comment}
                nickname = fields.CharField(max_length=20)
            """
        )
    )
    result = run_python(
        """
        import sys
        sys.path.insert(0, ".")
        import core
        from commented_models import Nickname
        print(Nickname._meta.fields_map["nickname"].description)
        """,
        tmp_path,
    )
    assert result.stdout.strip() == comment.removeprefix("#: "), result.stderr


def test_building_the_schema_loads_no_pdf_library(tmp_path):
    """fpdf2 (with fontTools) is for printing documents, not for serving the schema; Pillow is for
    an uploaded image, httpx for a webhook to send: neither is needed to start."""
    result = run_python(
        """
        import sys
        from core.config import load_settings
        from core.jobs.registry import core_jobs
        from core.runtime import Fengqiao
        import dataclasses
        settings = dataclasses.replace(load_settings(), secret_key="s" * 40)
        Fengqiao.create(settings).schema
        core_jobs()
        print(sorted(name for name in ("fpdf", "fontTools", "PIL", "httpx") if name in sys.modules))
        """,
        tmp_path,
    )
    assert result.stdout.strip() == "[]", result.stderr


def test_modules_that_define_graphql_types_do_not_postpone_annotations(tmp_path):
    """Strawberry evaluates every string annotation of a type or resolver (parsing and compiling it
    several times over): with ``from __future__ import annotations`` in the modules that define
    them, that was about a third of building the schema. Real annotations cost nothing to read;
    quote only forward references."""
    result = run_python(
        """
        import __future__, dataclasses, sys
        from core.config import load_settings
        from core.runtime import Fengqiao
        settings = dataclasses.replace(load_settings(), secret_key="s" * 40)
        schema = Fengqiao.create(settings).schema
        modules = set()
        for concrete in schema.schema_converter.type_map.values():
            fields = getattr(concrete.definition, "fields", None)  # object types and inputs, not enums
            if fields is None:
                continue
            modules.add(concrete.definition.origin.__module__)
            for field in fields:
                if field.base_resolver is not None:
                    modules.add(field.base_resolver.wrapped_func.__module__)
        ours = sorted(name for name in modules if name and name.split(".")[0] in ("core", "plugins", "fengqiao_anti_fraud"))
        postponed = [name for name in ours if getattr(sys.modules[name], "annotations", None) is __future__.annotations]
        print(len(ours), postponed)
        """,
        tmp_path,
        FENGQIAO_PLUGINS__THIRD_PARTY="true",
    )
    count, postponed = result.stdout.strip().split(" ", 1)
    assert int(count) > 50, result.stderr
    assert postponed == "[]"


def test_serve_starts_without_cyclic_collections_and_leaves_the_collector_on(tmp_path):
    """The objects start-up makes live as long as the process; the collector traversing them
    while they are made was about a seventh of the start. They end up frozen, out of later
    collections, and the collector is on again once the server runs."""
    result = run_python(
        """
        import gc, uvicorn
        from core.cli import main

        def collections():  # full ones, the costly ones: each traverses every object
            return gc.get_stats()[2]["collections"]

        def run(app, **options):
            print(collections() - before, gc.isenabled(), gc.get_freeze_count())

        uvicorn.run = run
        before = collections()
        main(["serve", "--port", "1"])
        """,
        tmp_path,
        **core_only(tmp_path),
    )
    assert result.returncode == 0, result.stderr
    collections, enabled, frozen = result.stdout.split()[-3:]
    assert (collections, enabled) == ("0", "True")
    assert int(frozen) > 100_000  # modules, classes and the schema


def test_start_after_preflight_does_not_check_the_database_again(tmp_path):
    """``serve`` checks migrations and the key before binding the port; the application's start
    right after it need not repeat them. A later start does."""
    result = run_python(
        """
        import asyncio
        from core import runtime
        from core.config import load_settings

        checks = []
        migrate = runtime.ensure_migrated

        async def counted(*args):
            checks.append("migrations")
            await migrate(*args)

        runtime.ensure_migrated = counted
        app = runtime.Fengqiao.create(load_settings())

        async def main():
            await app.preflight()
            await app.start()
            await app.stop()
            await app.start()
            await app.stop()

        asyncio.run(main())
        print(len(checks))
        """,
        tmp_path,
        **core_only(tmp_path),
    )
    assert result.stdout.strip().splitlines()[-1:] == ["2"], result.stderr
