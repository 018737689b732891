"""Small services the core offers plugins: events, keyed hashes, per-station plugin checks."""

from __future__ import annotations

from typing import Any

from core.contract import Event
from core.errors import UserErrorCode, UserInputError
from core.personal.crypto import get_keyring
from core.runtime import current_app


async def publish(name: str, payload: dict[str, Any], *, station_id: int | None = None) -> None:
    """Publish a domain event; inside a mutation it is delivered after the commit."""
    await current_app().events.publish(Event(name, payload, station_id))


def keyed_hash(kind: str, normalised_value: str) -> str:
    """The lookup hash of a personal value (e.g. ``keyed_hash("id_number", number.value)``)."""
    return get_keyring().keyed_hash(kind, normalised_value)


async def station_runs(station_id: int, plugin: str) -> bool:
    """Whether the station exists and has ``plugin`` switched on."""
    from core.identity.models import Station

    station = await Station.get_or_none(id=station_id).only("id", "enabled_plugins")
    return station is not None and plugin in (station.enabled_plugins or [])


async def stations_running(plugin: str) -> list[int]:
    """Ids of the stations that have ``plugin`` switched on (jobs and deployment-wide views)."""
    from core.identity.models import Station

    rows = await Station.all().values("id", "enabled_plugins")
    return [row["id"] for row in rows if plugin in (row["enabled_plugins"] or [])]


async def require_plugin(station_id: int, plugin: str) -> None:
    """Refuse (``FEATURE_DISABLED``) work of ``plugin`` for a station that does not run it —
    needed when a deployment-wide actor (bureau admin) targets a station."""
    if not await station_runs(station_id, plugin):
        raise UserInputError(
            f"The '{plugin}' plugin is not enabled for this station.",
            code=UserErrorCode.FEATURE_DISABLED,
        )


async def target_station(
    actor: Any,
    station_id: int | None = None,
    *,
    plugin: str,
    row: Any = None,
    field: str = "stationId",
) -> int:
    """The station a write of ``plugin`` goes to — the one rule for every plugin.

    With ``row`` (an area or parent row already reached through ``scoped``) the row's station;
    otherwise the actor's own, where naming another station reads as not found. A
    deployment-wide actor (bureau admin) must name the station (or a row of it); the station
    must exist and run ``plugin`` (``FEATURE_DISABLED`` otherwise). Station users' own station
    was checked by the core already.
    """
    from core.identity.models import Station

    if row is not None:
        target: int = row.station_id
    elif actor.station_id is not None:
        if station_id is not None and station_id != actor.station_id:
            raise UserInputError("Station not found.", field=field, code=UserErrorCode.NOT_FOUND)
        target = actor.station_id
    elif not actor.sees_all_stations:
        raise UserInputError("Station not found.", field=field, code=UserErrorCode.NOT_FOUND)
    elif station_id is None:
        raise UserInputError(
            "Deployment-wide accounts must name the station.", field=field, code=UserErrorCode.REQUIRED
        )
    else:
        if not await Station.filter(id=station_id).exists():
            raise UserInputError("Station not found.", field=field, code=UserErrorCode.NOT_FOUND)
        target = station_id
    if actor.station_id is None:
        await require_plugin(target, plugin)
    return target


async def attachable(
    actor: Any, model: Any, pk: Any, *, station_id: int | None, field: str, label: str | None = None
) -> Any:
    """The area or parent row a write into ``station_id`` may attach to: one the actor
    reaches (``get_scoped``) and, when ``station_id`` is given, of that station. Anything else
    reads as ``NOT_FOUND`` naming ``field`` — a bureau admin cannot link two stations' rows."""
    from core.tenancy import get_scoped

    row = await get_scoped(actor, model, pk, field=field, label=label)
    if station_id is not None and row.station_id != station_id:
        what = label or model.__name__
        raise UserInputError(f"{what} not found.", field=field, code=UserErrorCode.NOT_FOUND)
    return row
