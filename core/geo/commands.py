"""``fengqiao areas import-geojson FILE --station CODE``: boundaries of a station's areas."""

from __future__ import annotations

import argparse
import dataclasses
from pathlib import Path
from typing import Any

from core.cli import command


def add_parser(add: Any) -> None:
    areas = add(
        "areas",
        "areas of a station (辖区)",
        "fengqiao areas import-geojson grids.geojson --station QX-CD",
    )
    areas_sub = areas.add_subparsers(dest="areas_command", required=True, metavar="ACTION")
    importer = areas_sub.add_parser(
        "import-geojson",
        help="set area boundaries from a GeoJSON FeatureCollection (WGS-84; all or nothing, audited)",
        description=(
            "Set the boundaries of a station's areas from a GeoJSON FeatureCollection in WGS-84. Each feature's "
            "properties.name names an existing area; its Polygon or MultiPolygon must be closed, not "
            "self-intersecting and within the parent's boundary. One bad feature and nothing is written."
        ),
    )
    importer.add_argument("file", help="path to the .geojson file")
    importer.add_argument("--station", required=True, help="code of the station whose areas the file describes")


@command("areas import-geojson")
async def areas_import_geojson(args: argparse.Namespace) -> int:
    from core.audit import audit_context
    from core.commands import _app
    from core.contract import Role
    from core.db import transaction
    from core.errors import UserErrorCode, UserInputError
    from core.geo.boundaries import import_boundaries, read_features
    from core.identity.actor import SYSTEM
    from core.identity.models import Station

    features = read_features(Path(args.file))
    app = _app(args)
    await app.start()
    try:
        station = await Station.get_or_none(code=args.station)
        if station is None:
            raise UserInputError(f"no station has the code {args.station!r}", code=UserErrorCode.NOT_FOUND)
        system = dataclasses.replace(SYSTEM, roles=frozenset({Role.BUREAU_ADMIN}))
        with audit_context(system):
            async with transaction():
                areas = await import_boundaries(station.id, features)
    finally:
        await app.stop()
    print(f"set {len(areas)} boundaries of {station.code} {station.name}")
    for area in areas:
        print(f"  {area.kind.value:<9} {area.name}")
    return 0
