"""How a plugin says a model has a location (``core.Located``), and what the core reads from it."""

from __future__ import annotations

import dataclasses
from typing import Any


@dataclasses.dataclass(frozen=True)
class Located:
    """A model's location declaration, set on the model as ``located`` (like ``read_rule``).

    The model mixes in ``core.LocationColumns`` and indexes them with ``core.location_index()``.
    The core then converts ``GeoPointInput`` (``core.place``), answers ``location(datum:)``
    (``core.location_field``), filters lists (``core.spatially``) and masks the point.

    ``area_field`` names the model's foreign key to ``core.Area`` (None when it has none): a
    row created with a point but no area is assigned the grid containing it, and an explicit
    area that does not contain the point is refused unless forced. ``personal`` marks a
    person's home: actors without ``core.personal.view_full`` see the centre of its area instead.
    """

    area_field: str | None = "area"
    personal: bool = False


def declaration_of(model: Any) -> Located:
    located = getattr(model, "located", None)
    if not isinstance(located, Located):
        raise TypeError(f"{getattr(model, '__name__', model)} does not declare core.Located as 'located'")
    return located
