"""``fengqiao areas import-geojson`` as a user runs it: a real process with a timeout."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.core.cli_processes import BACKENDS, TIMEOUT, fengqiao, new_deployment

STATION = "511725-CD"


def square(west: float, south: float, east: float, north: float) -> dict:
    ring = [[west, south], [east, south], [east, north], [west, north], [west, south]]
    return {"type": "Polygon", "coordinates": [ring]}


def feature(name: str, geometry: dict) -> dict:
    return {"type": "Feature", "properties": {"name": name}, "geometry": geometry}


# Areas are made and read in a separate Python process too: an application started inside the
# test process would leave Tortoise's global state set to this deployment's database.
_CREATE_AREAS = """
import asyncio, dataclasses, sys
from core.audit import audit_context
from core.config import load_settings
from core.contract import Role
from core.db import transaction
from core.identity.actor import SYSTEM
from core.identity.models import AreaKind, Station
from core.identity.services import create_area
from core.runtime import Fengqiao

async def main():
    app = Fengqiao.create(load_settings(sys.argv[1]))
    await app.start()
    try:
        admin = dataclasses.replace(SYSTEM, roles=frozenset({Role.BUREAU_ADMIN}))
        station = await Station.get(code=sys.argv[2])
        with audit_context(admin):
            async with transaction():
                town = await create_area(admin, station.id, "城东街道", AreaKind.TOWN, None)
                community = await create_area(admin, station.id, "文峰社区", AreaKind.COMMUNITY, town.id)
                await create_area(admin, station.id, "文峰一网格", AreaKind.GRID, community.id)
    finally:
        await app.stop()

asyncio.run(main())
"""
_READ_BOUNDARIES = """
import asyncio, json, sys
from core.config import load_settings
from core.identity.models import Area
from core.runtime import Fengqiao

async def main():
    app = Fengqiao.create(load_settings(sys.argv[1]))
    await app.start()
    try:
        print(json.dumps({area.name: area.boundary for area in await Area.all()}))
    finally:
        await app.stop()

asyncio.run(main())
"""


def python(config: Path, script: str) -> subprocess.CompletedProcess:
    result = subprocess.run(
        [sys.executable, "-c", script, str(config), STATION],
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
        cwd=config.parent,
    )
    assert result.returncode == 0, result.stderr
    return result


def boundaries(config: Path) -> dict[str, dict | None]:
    return json.loads(python(config, _READ_BOUNDARIES).stdout)


@pytest.fixture(params=BACKENDS)
def deployment(request, tmp_path) -> Path:
    config = new_deployment(tmp_path, request.param, "areas")
    assert fengqiao(config, "migrate").returncode == 0
    created = fengqiao(config, "createstation", "--name", "渠县公安局城东派出所", "--code", STATION, "--class", "ONE")
    assert created.returncode == 0, created.stderr
    python(config, _CREATE_AREAS)
    return config


def write(directory: Path, *features: dict) -> Path:
    path = directory / "areas.geojson"
    path.write_text(json.dumps({"type": "FeatureCollection", "features": list(features)}), encoding="utf-8")
    return path


def test_import_sets_every_boundary_children_listed_before_parents(deployment):
    path = write(
        deployment.parent,
        feature("文峰一网格", square(106.96, 30.83, 106.98, 30.85)),
        feature("城东街道", square(106.90, 30.78, 107.05, 30.90)),
        feature("文峰社区", square(106.95, 30.82, 107.00, 30.86)),
    )
    result = fengqiao(deployment, "areas", "import-geojson", str(path), "--station", STATION)
    assert result.returncode == 0, result.stderr
    assert "set 3 boundaries" in result.stdout
    stored = boundaries(deployment)
    assert stored["文峰一网格"] == square(106.96, 30.83, 106.98, 30.85)


def test_a_grid_outside_its_parent_is_refused_naming_the_feature_and_nothing_is_written(deployment):
    path = write(
        deployment.parent,
        feature("城东街道", square(106.90, 30.78, 107.05, 30.90)),
        feature("文峰社区", square(106.95, 30.82, 107.00, 30.86)),
        feature("文峰一网格", square(106.99, 30.85, 107.02, 30.87)),
    )
    result = fengqiao(deployment, "areas", "import-geojson", str(path), "--station", STATION)
    assert result.returncode == 2
    assert "feature 3 (文峰一网格)" in result.stderr and "parent 文峰社区" in result.stderr
    assert set(boundaries(deployment).values()) == {None}


def test_an_open_ring_is_refused_naming_the_feature(deployment):
    open_ring = {"type": "Polygon", "coordinates": [[[106.9, 30.8], [107.0, 30.8], [107.0, 30.9], [106.9, 30.9]]]}
    path = write(deployment.parent, feature("城东街道", open_ring))
    result = fengqiao(deployment, "areas", "import-geojson", str(path), "--station", STATION)
    assert result.returncode == 2
    assert "feature 1 (城东街道)" in result.stderr and "not closed" in result.stderr


def test_an_unknown_area_name_is_refused(deployment):
    path = write(deployment.parent, feature("不存在村", square(106.9, 30.8, 107.0, 30.9)))
    result = fengqiao(deployment, "areas", "import-geojson", str(path), "--station", STATION)
    assert result.returncode == 2 and "no area of that name" in result.stderr


def test_a_file_that_is_not_json_exits_2_with_one_line(deployment):
    path = deployment.parent / "broken.geojson"
    path.write_text("{not json", encoding="utf-8")
    result = fengqiao(deployment, "areas", "import-geojson", str(path), "--station", STATION)
    assert result.returncode == 2 and result.stderr.count("\n") == 1 and "is not GeoJSON" in result.stderr
