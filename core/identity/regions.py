"""Regions (行政区划): provinces, cities and counties above the stations' own area trees.

Plain async functions; every writer runs inside the caller's transaction and records its audit
event. Regions are deployment-wide reference data: bureau admins create them and place
stations in counties; everyone signed in may read them.
"""

from __future__ import annotations

import re

from core import audit
from core.errors import UserErrorCode, UserInputError
from core.identity.models import Region, RegionLevel, Station

# 行政区划代码: 2 (province), 4 (city) or 6 (county) digits; longer local codes are allowed.
REGION_CODE = re.compile(r"^[0-9A-Za-z-]{2,12}$")


async def create_region(name: str, code: str, level: RegionLevel, parent_id: int | None) -> Region:
    """A province (no parent), a city below a province, or a county below a city or province
    (counties of a municipality sit directly below it)."""
    name, code = (name or "").strip(), (code or "").strip()
    problems = []
    if not name:
        problems.append(UserInputError("Name is required.", field="name", code=UserErrorCode.REQUIRED))
    if not code:
        problems.append(UserInputError("Code is required.", field="code", code=UserErrorCode.REQUIRED))
    elif not REGION_CODE.match(code):
        problems.append(UserInputError("Code may contain letters, digits and '-' (2-12).", field="code"))
    elif await Region.filter(code=code).exists():
        problems.append(
            UserInputError(f"A region with code {code!r} exists.", field="code", code=UserErrorCode.CONFLICT)
        )
    parent = await _parent(level, parent_id, problems)
    if problems:
        raise UserInputError.many(problems)
    region = await Region.create(name=name, code=code, level=level, parent=parent)
    await audit.record("core.region.create", obj=region, after=audit.snapshot(region))
    return region


async def _parent(level: RegionLevel, parent_id: int | None, problems: list[UserInputError]) -> Region | None:
    if level is RegionLevel.PROVINCE:
        if parent_id is not None:
            problems.append(UserInputError("A province has no parent region.", field="parentId"))
        return None
    if parent_id is None:
        problems.append(
            UserInputError(
                f"A {level.value.lower()} needs its parent region.", field="parentId", code=UserErrorCode.REQUIRED
            )
        )
        return None
    parent = await Region.get_or_none(id=parent_id)
    if parent is None:
        problems.append(UserInputError("Parent region not found.", field="parentId", code=UserErrorCode.NOT_FOUND))
        return None
    if parent.level.depth >= level.depth:
        problems.append(
            UserInputError(
                f"A {level.value.lower()} cannot sit below a {parent.level.value.lower()}.", field="parentId"
            )
        )
    return parent


async def set_station_region(station: Station, region_id: int | None) -> Station:
    """Place ``station`` in a county (or take it out with None); audited."""
    region = None
    if region_id is not None:
        region = await Region.get_or_none(id=region_id)
        if region is None:
            raise UserInputError("Region not found.", field="regionId", code=UserErrorCode.NOT_FOUND)
        if region.level is not RegionLevel.COUNTY:
            raise UserInputError(
                f"A station sits in a county; {region.name} is a {region.level.value.lower()}.", field="regionId"
            )
    before = audit.snapshot(station, ["region_id"])
    station.region = region
    await station.save(update_fields=["region_id"])
    await audit.record(
        "core.station.set_region",
        obj=station,
        station_id=station.id,
        before=before,
        after=audit.snapshot(station, ["region_id"]),
    )
    return station


async def ancestors(region_id: int | None) -> dict[RegionLevel, Region]:
    """The region and every region above it, by level (a county's city and province)."""
    found: dict[RegionLevel, Region] = {}
    seen: set[int] = set()
    while region_id is not None and region_id not in seen:
        seen.add(region_id)
        region = await Region.get_or_none(id=region_id)
        if region is None:
            break
        found[region.level] = region
        region_id = region.parent_id
    return found


async def counties_within(region: Region) -> list[int]:
    """Ids of the counties at or below ``region`` (two levels at most: province → city → county)."""
    if region.level is RegionLevel.COUNTY:
        return [region.id]
    below = [region.id]
    counties: list[int] = []
    for _ in range(2):
        rows = await Region.filter(parent_id__in=below).values("id", "level")
        counties += [row["id"] for row in rows if row["level"] in (RegionLevel.COUNTY, RegionLevel.COUNTY.value)]
        below = [row["id"] for row in rows if row["level"] not in (RegionLevel.COUNTY, RegionLevel.COUNTY.value)]
        if not below:
            break
    return counties
