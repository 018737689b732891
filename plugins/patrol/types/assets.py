"""GraphQL types of 防: surveillance assets, their status history, surveillance statistics."""

from __future__ import annotations

import datetime as dt

import strawberry
from strawberry.types import Info

from core import Node, global_id, node_type
from plugins.patrol import models
from plugins.patrol.enums import AssetKind, AssetProject, AssetStatus
from plugins.patrol.types.common import area_name, gid, load_children, user_name


@strawberry.type(description="One change of an asset's status.")
class AssetStatusChange:
    from_status: AssetStatus | None = strawberry.field(description="Null for the registration.")
    to_status: AssetStatus
    changed_at: dt.datetime
    note: str
    recorded_at: dt.datetime = strawberry.field(
        description="When the change was entered; later than changedAt for a change entered after the fact (补录)."
    )
    _row: strawberry.Private[models.AssetStatusChange]

    @classmethod
    def from_row(cls, row: models.AssetStatusChange) -> AssetStatusChange:
        return cls(
            from_status=row.from_status,
            to_status=row.to_status,
            changed_at=row.changed_at,
            note=row.note,
            recorded_at=row.recorded_at or row.changed_at,
            _row=row,
        )

    @strawberry.field(description="Who recorded the change.")
    async def changed_by_name(self, info: Info) -> str | None:
        return await user_name(info, self._row.changed_by_id)


@node_type(models.SurveillanceAsset, "patrol.asset.read")
@strawberry.type(description="A surveillance asset (监控): camera, HD camera or checkpoint (卡口).")
class SurveillanceAsset(Node):
    kind: AssetKind
    project: AssetProject
    code: str | None
    name: str
    area_id: strawberry.ID
    location: str
    latitude: float | None
    longitude: float | None
    installed_on: dt.date
    status: AssetStatus
    status_changed_at: dt.datetime
    _row: strawberry.Private[models.SurveillanceAsset]

    @classmethod
    def from_row(cls, row: models.SurveillanceAsset) -> SurveillanceAsset:
        return cls(
            id=global_id(row, "SurveillanceAsset"),
            kind=row.kind,
            project=row.project,
            code=row.code,
            name=row.name,
            area_id=gid("Area", row.area_id),
            location=row.location,
            latitude=row.latitude,
            longitude=row.longitude,
            installed_on=row.installed_on,
            status=row.status,
            status_changed_at=row.status_changed_at,
            _row=row,
        )

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
    kind: AssetKind
    added: int


@strawberry.type(
    description=(
        "Surveillance statistics of a period: assets installed in it by kind (the article: 125 cameras, 43 HD, "
        "25 checkpoints), the online rate of assets installed by its end, and the share of criminal cases solved "
        "in it with video evidence (the article: over 70%)."
    )
)
class SurveillanceStats:
    start: dt.date
    end: dt.date
    added: list[AssetKindCount]
    total_assets: int
    online_assets: int
    online_rate: float | None = strawberry.field(description="onlineAssets / totalAssets (current status).")
    solved_cases: int
    solved_with_video: int
    video_share: float | None = strawberry.field(description="solvedWithVideo / solvedCases.")

    @classmethod
    def from_result(cls, result) -> SurveillanceStats:
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
