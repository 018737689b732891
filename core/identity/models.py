"""Stations (派出所), their area trees, and users."""

from __future__ import annotations

import enum

from tortoise import fields
from tortoise.indexes import Index
from tortoise.models import Model

from core.geo.columns import LocationColumns, location_index
from core.geo.declaration import Located
from core.tenancy import StationOwnedModel


class StationClass(enum.Enum):
    ONE = "ONE"
    TWO = "TWO"
    THREE = "THREE"
    FOUR = "FOUR"


class AreaKind(enum.Enum):
    """Levels of a station's jurisdiction, from the top (town) to the bottom (compound)."""

    TOWN = "TOWN"
    VILLAGE = "VILLAGE"
    COMMUNITY = "COMMUNITY"
    GRID = "GRID"
    COMPOUND = "COMPOUND"

    @property
    def depth(self) -> int:
        # Villages and communities are peers: both sit directly below a town or street.
        return {"TOWN": 0, "VILLAGE": 1, "COMMUNITY": 1, "GRID": 2, "COMPOUND": 3}[self.value]


class Station(Model):
    id = fields.IntField(primary_key=True)
    name = fields.CharField(max_length=100)
    code = fields.CharField(max_length=32, unique=True)
    station_class = fields.CharEnumField(StationClass, max_length=8)
    # Plugins this station runs; a subset of the deployment's loaded plugins.
    enabled_plugins = fields.JSONField(default=list)
    # The county (区县) the station belongs to; its peers for rankings share it or a level above.
    region: fields.ForeignKeyNullableRelation[Region] = fields.ForeignKeyField(
        "core.Region", related_name="stations", null=True, on_delete=fields.RESTRICT
    )
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "core_station"
        ordering = ["id"]


class Area(LocationColumns, StationOwnedModel):
    id = fields.IntField(primary_key=True)
    name = fields.CharField(max_length=100)
    kind = fields.CharEnumField(AreaKind, max_length=16)
    parent: fields.ForeignKeyNullableRelation[Area] = fields.ForeignKeyField(
        "core.Area", related_name="children", null=True, on_delete=fields.RESTRICT
    )
    created_at = fields.DatetimeField(auto_now_add=True)
    # The boundary (边界), a GeoJSON Polygon or MultiPolygon in WGS-84, and its bounding box so
    # that "which grid contains this point" pre-filters on indexed columns.
    boundary = fields.JSONField(null=True)
    boundary_west = fields.FloatField(null=True)
    boundary_south = fields.FloatField(null=True)
    boundary_east = fields.FloatField(null=True)
    boundary_north = fields.FloatField(null=True)

    # The longitude/latitude columns hold the area's centre (中心点).
    located = Located(area_field=None)

    class Meta:
        table = "core_area"
        ordering = ["id"]
        # Station lists page in id order: read it from (station, id), not the whole primary key.
        indexes = (
            location_index(),
            Index(fields=("boundary_south", "boundary_west")),
            Index(fields=("station_id", "id")),
        )


class User(Model):
    id = fields.IntField(primary_key=True)
    username = fields.CharField(max_length=64, unique=True)
    display_name = fields.CharField(max_length=100)
    password_hash = fields.CharField(max_length=255)
    # Bureau admins and auditors of the whole deployment have no station.
    station: fields.ForeignKeyNullableRelation[Station] = fields.ForeignKeyField(
        "core.Station", related_name="users", null=True, on_delete=fields.RESTRICT
    )
    roles = fields.JSONField(default=list)
    is_active = fields.BooleanField(default=True)
    failed_logins = fields.IntField(default=0)
    locked_until = fields.DatetimeField(null=True)
    # Raised to invalidate every token issued before (password change, deactivation).
    token_version = fields.IntField(default=0)
    last_login_at = fields.DatetimeField(null=True)
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "core_user"
        # Station lists page in id order: read it from (station, id), not the whole primary key.
        indexes = (("station_id", "id"),)
        ordering = ["id"]


class RegionLevel(enum.Enum):
    """Administrative levels above a station's own area tree (行政区划), from the top."""

    PROVINCE = "PROVINCE"
    CITY = "CITY"
    COUNTY = "COUNTY"

    @property
    def depth(self) -> int:
        return {"PROVINCE": 0, "CITY": 1, "COUNTY": 2}[self.value]


class Region(Model):
    """A province, city or county shared by the stations below it: deployment-wide reference
    data, not owned by a station. Stations sit in a county; their area trees (town → compound)
    continue below it."""

    id = fields.IntField(primary_key=True)
    name = fields.CharField(max_length=100)
    # 行政区划代码 (e.g. 511725 for 渠县), unique in the deployment.
    code = fields.CharField(max_length=12, unique=True)
    level = fields.CharEnumField(RegionLevel, max_length=16)
    parent: fields.ForeignKeyNullableRelation[Region] = fields.ForeignKeyField(
        "core.Region", related_name="children", null=True, on_delete=fields.RESTRICT
    )
    created_at = fields.DatetimeField(auto_now_add=True)

    # Reference data every signed-in user may read (see core.tenancy.scoped).
    shared_across_stations = True

    class Meta:
        table = "core_region"
        ordering = ["id"]
