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


async def require_plugin(station_id: int, plugin: str) -> None:
    """Refuse (``FEATURE_DISABLED``) work of ``plugin`` for a station that does not run it —
    needed when a deployment-wide actor (bureau admin) targets a station."""
    from core.identity.models import Station

    station = await Station.get_or_none(id=station_id).only("id", "enabled_plugins")
    if station is None or plugin not in (station.enabled_plugins or []):
        raise UserInputError(
            f"The '{plugin}' plugin is not enabled for this station.",
            code=UserErrorCode.FEATURE_DISABLED,
        )
