"""GraphQL types of 防: surveillance assets, their status history, surveillance statistics."""

import datetime as dt
from typing import Self

import strawberry
from strawberry.types import Info

from core import Node, distance_field, location_field, node_type, reference, row_mapping
from plugins.patrol import models
from plugins.patrol.enums import AssetKind, AssetProject, AssetStatus
from plugins.patrol.types.common import area_name, load_children, user_name


@strawberry.type(description="One change of an asset's status.")
class AssetStatusChange:
    from_status: AssetStatus | None = strawberry.field(description="Null for the registration.")
    to_status: AssetStatus = strawberry.field(description="Status after the change.")
    changed_at: dt.datetime = strawberry.field(description="When the change was recorded (ISO-8601 with offset).")
    note: str = strawberry.field(description="Why the status changed; may be empty.")
    recorded_at: dt.datetime = strawberry.field(
        description="When the change was entered; later than changedAt for a change entered after the fact (补录)."
    )
    _row: strawberry.Private[models.AssetStatusChange]

    from_row = row_mapping(models.AssetStatusChange, recorded_at=lambda row: row.recorded_at or row.changed_at)

    @strawberry.field(description="Who recorded the change.")
    async def changed_by_name(self, info: Info) -> str | None:
        return await user_name(info, self._row.changed_by_id)


@node_type(models.SurveillanceAsset, "patrol.asset.read")
@strawberry.type(description="A surveillance asset (监控): camera, HD camera or checkpoint (卡口).")
class SurveillanceAsset(Node):
    kind: AssetKind = strawberry.field(description="Camera, HD camera or checkpoint (卡口).")
    project: AssetProject = strawberry.field(description="Programme it was installed under.")
    code: str | None = strawberry.field(description="Asset code, unique in the station; null when none was given.")
    name: str = strawberry.field(description="Name of the asset.")
    area_id: strawberry.ID = strawberry.field(description="Global id of the area it covers.")
    location: str = strawberry.field(description="Where it is mounted, in words; may be empty.")
    latitude: float | None = strawberry.field(
        deprecation_reason="Use geoLocation(datum:), which names its datum.",
        description="Latitude in decimal degrees (north positive); null when not recorded.",
    )
    longitude: float | None = strawberry.field(
        deprecation_reason="Use geoLocation(datum:), which names its datum.",
        description="Longitude in decimal degrees (east positive); null when not recorded.",
    )
    installed_on: dt.date = strawberry.field(
        description="Day it was installed (deployment time zone); decides the period it counts as added in."
    )
    status: AssetStatus = strawberry.field(description="Current status: online, offline or faulty.")
    status_changed_at: dt.datetime = strawberry.field(
        description="When the current status was recorded (ISO-8601 with offset)."
    )
    geo_location = location_field("Where it is mounted, as a point on the map; null when not recorded.")
    distance_metres = distance_field()
    _row: strawberry.Private[models.SurveillanceAsset]

    from_row = row_mapping(models.SurveillanceAsset, area_id=reference("Area", "area_id"))

    @strawberry.field(description="Name of the area.")
    async def area_name(self, info: Info) -> str | None:
        return await area_name(info, self._row.area_id)

    @strawberry.field(description="Every status change, oldest first (the registration included).")
    async def status_history(self, info: Info) -> list[AssetStatusChange]:
        return await load_children(
            info,
            models.AssetStatusChange,
            "asset_id",
            self._row.id,
            AssetStatusChange.from_row,
            order=("changed_at", "id"),
        )


@strawberry.type(description="Assets of one kind added (installed) in the period.")
class AssetKindCount:
    kind: AssetKind = strawberry.field(description="Kind of asset.")
    added: int = strawberry.field(description="Assets of this kind installed (installedOn) in the period.")


@strawberry.type(
    description=(
        "Surveillance statistics of a period: assets installed in it by kind (the article: 125 cameras, 43 HD, "
        "25 checkpoints), the online rate of assets installed by its end, and the share of criminal cases solved "
        "in it with video evidence (the article: over 70%)."
    )
)
class SurveillanceStats:
    start: dt.date = strawberry.field(description="First day of the period (included).")
    end: dt.date = strawberry.field(description="Last day of the period (included).")
    added: list[AssetKindCount] = strawberry.field(description="Assets installed in the period, by kind.")
    total_assets: int = strawberry.field(description="Assets installed by the end of the period.")
    online_assets: int = strawberry.field(description="Of totalAssets, those ONLINE now.")
    online_rate: float | None = strawberry.field(
        description="Share online = onlineAssets / totalAssets (0–1, current status)."
    )
    solved_cases: int = strawberry.field(description="Criminal cases solved (solvedAt) in the period.")
    solved_with_video: int = strawberry.field(
        description="Of solvedCases, those solved with video evidence (视频破案)."
    )
    video_share: float | None = strawberry.field(
        description="Share of solved cases with video evidence = solvedWithVideo / solvedCases (0–1)."
    )

    @classmethod
    def from_result(cls, result) -> Self:
        return cls(
            start=result.period.start,
            end=result.period.end,
            added=[AssetKindCount(kind=kind, added=count) for kind, count in result.added_by_kind.items()],
            total_assets=result.total,
            online_assets=result.online,
            online_rate=_round(result.online_rate),
            solved_cases=result.solved_cases,
            solved_with_video=result.solved_with_video,
            video_share=_round(result.video_share),
        )


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 4)
