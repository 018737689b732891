"""Every model declaring ``core.Located`` is on the map the same way: a root list of it takes
``spatial`` and its GraphQL type answers ``location`` and ``distanceMetres``; a layer of it is
known to ``mapLayers``. Driven by the loaded models, so a new located model without a spatial
list fails here. (A located model's GraphQL type carries the model's name.)"""

from __future__ import annotations

from graphql import GraphQLObjectType, get_named_type
from tortoise import Tortoise

from core.geo.declaration import Located
from core.geo.layers import map_layers


def located_models(app) -> list:
    loaded = set(app.db_config["apps"])
    return sorted(
        (
            model
            for name, models in Tortoise.apps.items()
            if name in loaded
            for model in models.values()
            if isinstance(getattr(model, "located", None), Located)
        ),
        key=lambda model: model.__name__,
    )


def spatial_lists(schema) -> dict[str, list[str]]:
    """Per node type name, the root lists of it that take ``spatial``."""
    found: dict[str, list[str]] = {}
    for name, field in schema._schema.query_type.fields.items():
        named = get_named_type(field.type)
        if not isinstance(named, GraphQLObjectType) or "edges" not in named.fields or "spatial" not in field.args:
            continue
        node = get_named_type(get_named_type(named.fields["edges"].type).fields["node"].type)
        found.setdefault(node.name, []).append(name)
    return found


async def test_the_check_sees_the_located_models_of_every_plugin(app):
    names = {model.__name__ for model in located_models(app)}
    assert {"Area", "Dispute", "Incident", "CareVisit", "PatrolCheckIn"} <= names


async def test_every_located_model_has_a_root_list_taking_a_spatial_filter(app):
    lists = spatial_lists(app.schema)
    missing = [model.__name__ for model in located_models(app) if not lists.get(model.__name__)]
    assert not missing, "located models without a root list taking spatial: " + ", ".join(missing)


async def test_every_located_models_type_answers_its_location_and_distance(app):
    type_map = app.schema._schema.type_map
    missing = [
        model.__name__
        for model in located_models(app)
        if not {"location", "distanceMetres"} <= set(getattr(type_map.get(model.__name__), "fields", {}) or {})
    ]
    assert not missing, "located types without location and distanceMetres: " + ", ".join(missing)


async def test_every_layer_with_a_filter_takes_it_in_map_layer_filter(app):
    filter_fields = set(app.schema._schema.type_map["MapLayerFilter"].fields)
    wanted = {"coreAreas"} | {
        "".join(part if index == 0 else part.title() for index, part in enumerate(name.replace(".", "_").split("_")))
        for name, layer in map_layers(app).items()
        if layer.filter_input is not None
    }
    assert filter_fields == wanted and {"mediationDisputes", "patrolIncidents", "patrolCameras"} <= filter_fields
