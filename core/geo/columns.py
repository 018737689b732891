"""The columns of a located model and their index.

A located model mixes in ``LocationColumns`` and lists ``location_index()`` in its
``Meta.indexes``: plain float columns in WGS-84 (so every database can filter on them) and one
composite index that serves the bounding-box pre-filter of every spatial query.
"""

from __future__ import annotations

from tortoise import fields
from tortoise.indexes import Index


class LocationColumns:
    """Where a row is: WGS-84 longitude/latitude in decimal degrees, and the accuracy the
    device reported in metres; all null when the row has no location."""

    longitude = fields.FloatField(null=True)
    latitude = fields.FloatField(null=True)
    location_accuracy = fields.FloatField(null=True)


def location_index() -> Index:
    """The bounding-box index: latitude ranges first (the narrower dimension at radius scale)."""
    return Index(fields=("latitude", "longitude"))
