"""Every type, field, argument, input field and enum value of the schema is described: the
core, the built-in pillars and the example third-party plugin (docs/plugins.md)."""

from __future__ import annotations

import enum
import importlib
from pathlib import Path
from typing import Annotated

import strawberry

from core.graphql.descriptions import undescribed
from core.runtime import Fengqiao
from core.testing import make_settings

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "fengqiao-anti-fraud"


def full_schema(tmp_path, monkeypatch) -> strawberry.Schema:
    """Core, every built-in plugin and the example plugin, imported from the repository so the
    check does not depend on the example being installed."""
    monkeypatch.syspath_prepend(str(EXAMPLE))
    example = importlib.import_module("fengqiao_anti_fraud")
    settings = make_settings(f"sqlite://{tmp_path / 'schema.sqlite3'}")
    return Fengqiao.create(settings, extra_plugins=[example]).schema


def test_every_element_of_the_full_schema_is_described(tmp_path, monkeypatch):
    missing = undescribed(full_schema(tmp_path, monkeypatch))

    assert missing == [], (
        f"{len(missing)} schema elements have no description; add description= next to their "
        "declaration (see docs/plugins.md):\n  " + "\n  ".join(missing)
    )


def test_the_checked_schema_holds_the_core_the_pillars_and_the_example(tmp_path, monkeypatch):
    types = full_schema(tmp_path, monkeypatch)._schema.type_map

    for name in ("Station", "Dispute", "Incident", "PartyMeeting", "Volunteer", "FraudReport"):
        assert name in types


class Shade(enum.Enum):
    RED = "RED"


@strawberry.input
class Bare:
    note: str


@strawberry.type
class Thing:
    label: str
    size: int = strawberry.field(description="Described.")


@strawberry.type
class BareQuery:
    @strawberry.field
    def thing(self, shade: Shade, where: Bare, limit: int = 1) -> Thing:
        return Thing(label="", size=limit)

    @strawberry.field(description="Described, with a described argument.")
    def other(self, size: Annotated[int, strawberry.argument(description="How many.")]) -> int:
        return size


def test_each_kind_of_undescribed_element_is_named():
    schema = strawberry.Schema(query=BareQuery)

    assert set(undescribed(schema)) == {
        "Bare",
        "Bare.note",
        "BareQuery",
        "BareQuery.thing",
        "BareQuery.thing(shade)",
        "BareQuery.thing(where)",
        "BareQuery.thing(limit)",
        "Shade",
        "Shade.RED",
        "Thing",
        "Thing.label",
    }


def test_a_blank_description_counts_as_missing():
    @strawberry.type(description="  ")
    class Query:
        value: int = strawberry.field(description="Described.")

    assert undescribed(strawberry.Schema(query=Query)) == ["Query"]
