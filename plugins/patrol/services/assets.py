"""防 — surveillance assets of the 天网 / 雪亮 / smart-security projects, with status history."""

from __future__ import annotations

import dataclasses
import datetime as dt

from core import (
    Actor,
    GeoPointInput,
    UserErrorCode,
    UserInputError,
    audit_backdating,
    get_scoped,
    occurrence,
    place,
    record_audit,
    settle_area,
    snapshot,
)
from plugins.patrol import models
from plugins.patrol.enums import AssetKind, AssetProject, AssetStatus
from plugins.patrol.services.common import (
    PLUGIN,
    now,
    optional_text,
    point_of,
    required_text,
    taken,
    target_station,
    today,
)


@dataclasses.dataclass
class AssetDraft:
    kind: AssetKind
    project: AssetProject
    name: str
    area_id: int | None
    installed_on: dt.date | None = None
    code: str | None = None
    location: str = ""
    latitude: float | None = None
    longitude: float | None = None
    status: AssetStatus = AssetStatus.ONLINE
    geo_location: GeoPointInput | None = None
    # Keep the explicit area even when the point lies outside its boundary.
    force: bool = False


async def register_asset(actor: Actor, draft: AssetDraft) -> models.SurveillanceAsset:
    """Register a camera, HD camera or checkpoint (卡口)."""
    point = point_of(draft.geo_location, draft.latitude, draft.longitude)
    area = await settle_area(
        actor, draft.area_id, point, plugin=PLUGIN, force=draft.force, location_field="geoLocation"
    )
    station_id = await target_station(actor, area)
    name = required_text(draft.name, field="name", label="Name", max_length=100)
    code = optional_text(draft.code, field="code", label="Code", max_length=64) or None
    location = optional_text(draft.location, field="location", label="Location", max_length=255)
    installed_on = draft.installed_on or today()
    if installed_on > today():
        raise UserInputError("The installation date cannot be in the future.", field="installedOn")
    if code and await taken(models.SurveillanceAsset, station_id, code=code):
        raise UserInputError(f"An asset with code {code} exists.", field="code", code=UserErrorCode.CONFLICT)
    moment = now()
    asset = models.SurveillanceAsset(
        station_id=station_id,
        kind=draft.kind,
        project=draft.project,
        code=code,
        name=name,
        area_id=area.id,
        location=location,
        installed_on=installed_on,
        status=draft.status,
        status_changed_at=moment,
    )
    await place(asset, point, field="geoLocation", force=draft.force)
    await asset.save()
    await models.AssetStatusChange.create(
        station_id=station_id,
        asset=asset,
        from_status=None,
        to_status=draft.status,
        changed_at=moment,
        changed_by_id=actor.user_id,
        note="registered",
    )
    await record_audit("patrol.asset.register", obj=asset, after=snapshot(asset))
    return asset


async def change_asset_status(
    actor: Actor, asset_id: int, status: AssetStatus, note: str = "", *, at: dt.datetime | None = None
) -> models.SurveillanceAsset:
    """Record an asset going online, offline or faulty (at ``at`` when entered later, 补录);
    each change joins its history."""
    asset = await get_scoped(actor, models.SurveillanceAsset, asset_id, field="assetId", label="Asset")
    await target_station(actor, asset)
    if asset.status is status:
        raise UserInputError(
            f"The asset is already {status.value}.", field="status", code=UserErrorCode.INVALID_TRANSITION
        )
    text = optional_text(note, field="note", label="Note", max_length=255)
    before = snapshot(asset)
    when = occurrence(at, after=asset.status_changed_at, after_label="the last status change", label="The change")
    moment = when.at
    await models.AssetStatusChange.create(
        station_id=asset.station_id,
        asset=asset,
        from_status=asset.status,
        to_status=status,
        changed_at=moment,
        changed_by_id=actor.user_id,
        note=text,
        recorded_at=when.recorded_at,
    )
    asset.status, asset.status_changed_at = status, moment
    await asset.save(update_fields=["status", "status_changed_at"])
    await record_audit("patrol.asset.status", obj=asset, before=before, after=snapshot(asset))
    await audit_backdating(when, obj=asset, step="status")
    return asset
