"""Each test starts on its template's rows only, whichever way the database was made ready
(a file copy on SQLite; on PostgreSQL a copy, or a reset in place when the tables are the same)."""

import os
import sys

import pytest

from core import testing_templates
from core.identity.models import Station
from core.testing import create_station
from tests.core import sample_plugin

POSTGRES = os.environ.get("FENGQIAO_TEST_DATABASE_URL", "").startswith(("postgres://", "postgresql://"))


async def test_a_new_app_starts_without_the_rows_an_earlier_one_wrote(make_app):
    app = await make_app(["sample"], extra_plugins=[sample_plugin])
    first = await create_station(app)
    app = await make_app(["sample"], extra_plugins=[sample_plugin])
    assert await Station.all().count() == 0
    assert (await create_station(app)).id == first.id  # sequences start where the template's do


@pytest.mark.skipif(not POSTGRES, reason="the in-place reset is PostgreSQL's; set FENGQIAO_TEST_DATABASE_URL")
async def test_a_database_whose_tables_changed_is_copied_again(make_app):
    from tortoise import connections

    await make_app(["sample"], extra_plugins=[sample_plugin])
    await connections.get("default").execute_script("ALTER TABLE core_station ADD COLUMN stray integer")
    await make_app(["sample"], extra_plugins=[sample_plugin])
    _, rows = await connections.get("default").execute_query(
        "SELECT 1 FROM information_schema.columns WHERE table_name = 'core_station' AND column_name = 'stray'"
    )
    assert rows == []


def _config(module: str) -> dict:
    return {"apps": {"things": {"models": ["things.models"], "migrations": module}}}


def test_a_template_is_named_after_the_content_of_its_migrations(tmp_path, monkeypatch):
    package = tmp_path / "things_migrations"
    package.mkdir()
    (package / "__init__.py").write_text("")
    migration = package / "0001_initial.py"
    migration.write_text("operations = []\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    before = testing_templates.digest(("sqlite",), _config("things_migrations"))
    migration.write_text("operations = ['changed']\n")
    sys.modules.pop("things_migrations", None)
    assert testing_templates.digest(("sqlite",), _config("things_migrations")) != before
    assert testing_templates.digest(("sqlite",), _config("things_migrations")) == testing_templates.digest(
        ("sqlite",), _config("things_migrations")
    )
