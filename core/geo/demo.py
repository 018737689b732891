"""Plausible places for the demo deployment (渠县, Sichuan): a boundary for every demo area and
random points inside them, so a front end shows a real-looking map out of the box.

Each town gets a square around its real centre; its children split it into strips, their
children split those the other way, each a little inset so it lies inside its parent.
"""

from __future__ import annotations

import random
from typing import Any

from core.geo.boundaries import set_boundary

Box = tuple[float, float, float, float]

# Centres of the demo towns (WGS-84), near the real places: 渠县城东 on the Qu River, 临巴镇 to
# the north-west, 三汇镇 upstream to the north-east.
TOWN_CENTRES = {
    "511725-CD": (106.972, 30.838),
    "511725-LB": (106.880, 30.930),
    "511725-SH": (107.080, 31.040),
}
TOWN_HALF_SIZE = 0.03  # degrees: a town of about 6 km across
INSET = 0.08  # share of a cell kept free on each side, so children sit strictly inside


def _square(west: float, south: float, east: float, north: float) -> dict[str, Any]:
    ring = [[west, south], [east, south], [east, north], [west, north], [west, south]]
    return {"type": "Polygon", "coordinates": [[[round(x, 6), round(y, 6)] for x, y in ring]]}


def _cells(box: Box, count: int, vertical: bool) -> list[Box]:
    west, south, east, north = box
    cells: list[Box] = []
    for index in range(count):
        if vertical:
            step = (east - west) / count
            cell = (west + index * step, south, west + (index + 1) * step, north)
        else:
            step = (north - south) / count
            cell = (west, south + index * step, east, south + (index + 1) * step)
        pad_x, pad_y = (cell[2] - cell[0]) * INSET, (cell[3] - cell[1]) * INSET
        cells.append((cell[0] + pad_x, cell[1] + pad_y, cell[2] - pad_x, cell[3] - pad_y))
    return cells


async def place_demo_areas(station_code: str, areas: list[Any]) -> None:
    """Set boundaries (and so centres) of one demo station's areas; parents come first."""
    centre = TOWN_CENTRES.get(station_code)
    if centre is None or not areas:
        return
    boxes = {
        areas[0].id: (
            centre[0] - TOWN_HALF_SIZE,
            centre[1] - TOWN_HALF_SIZE,
            centre[0] + TOWN_HALF_SIZE,
            centre[1] + TOWN_HALF_SIZE,
        )
    }
    depth = {areas[0].id: 0}
    for area in areas:
        box = boxes[area.id]
        await set_boundary(area, _square(*box))
        children = [child for child in areas if child.parent_id == area.id]
        for child, cell in zip(children, _cells(box, len(children), vertical=depth[area.id] % 2 == 0), strict=True):
            boxes[child.id], depth[child.id] = cell, depth[area.id] + 1


def point_in(area: Any, rng: random.Random) -> tuple[float, float]:
    """A random WGS-84 point inside a demo area's (rectangular) boundary."""
    return (
        round(rng.uniform(area.boundary_west, area.boundary_east), 6),
        round(rng.uniform(area.boundary_south, area.boundary_north), 6),
    )
