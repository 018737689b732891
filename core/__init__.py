"""Fengqiao core — the public API for plugins.

Plugins import only from here (``from core import ...``); every other module of the core is
private and may change without notice. See docs/plugins.md.

Names are imported on first use (PEP 562): ``import core`` alone loads neither the ORM nor the
GraphQL library, so commands that need neither (``fengqiao --help``, ``fengqiao plugins``) start
quickly, and a plugin package that imports ``hookimpl`` from here stays light until its hooks run.
"""

from __future__ import annotations

import importlib
import sys
import types
from typing import TYPE_CHECKING, Any

from core import orm_comments

orm_comments.install()

if TYPE_CHECKING:
    from core.attachments.schema import Attachment as AttachmentNode
    from core.attachments.schema import attachments_field
    from core.attachments.services import store_attachment
    from core.audit import audit_context, snapshot
    from core.audit import record as record_audit
    from core.bulk import RowInserter, existing_keys, frozen_heap, scoped_key_ids
    from core.clock import Clock, FixedClock
    from core.contract import (
        CONTRACT_VERSION,
        AttachmentKind,
        AttachmentTarget,
        CliCommand,
        ClosedItem,
        Direction,
        Event,
        FieldCost,
        GraphQLContribution,
        IndicatorCategory,
        IndicatorSpec,
        IndicatorValue,
        Job,
        MapLayer,
        ModelsDeclaration,
        NotificationChannel,
        NotificationKind,
        NotificationMode,
        Permission,
        PluginInfo,
        ReadRule,
        Role,
        SensitiveField,
        SensitiveKind,
        UserContribution,
    )
    from core.db import set_custom_plans, transaction
    from core.deadline_notices import DeadlineNotice
    from core.errors import (
        ApiError,
        BadRequest,
        ConfigError,
        FeatureDisabled,
        Forbidden,
        NotFound,
        UserErrorCode,
        UserInputError,
    )
    from core.geo.assignment import AreaBoundaries, assigned_area, settle_area
    from core.geo.columns import LocationColumns, location_index
    from core.geo.datum import Datum, to_wgs84
    from core.geo.declaration import Located
    from core.geo.fields import DatumArgument, SpatialArgument, distance_field, location_field, personal_location
    from core.geo.filtering import spatially
    from core.geo.places import area_containing, place, stored_point
    from core.geo.types import GeoPoint, GeoPointInput, SpatialFilter
    from core.graphql.connections import connection, paginate
    from core.graphql.enums import graphql_enum
    from core.graphql.errors import UserError
    from core.graphql.fields import mutation_field, query_field, subscription_field
    from core.graphql.ids import decode_id, to_global_id
    from core.graphql.inputs import PeriodInput
    from core.graphql.limits.strings import long_text
    from core.graphql.relay import (
        Connection,
        Node,
        PageAfter,
        PageBefore,
        PageFirst,
        PageLast,
        global_id,
        node_type,
        register_node,
    )
    from core.graphql.rows import reference, row_mapping
    from core.graphql.steps import RecordedStep, recorded_steps
    from core.hookspecs import hookimpl
    from core.identity.actor import Actor
    from core.identity.models import Area, AreaKind, Station, StationClass, User
    from core.identity.types import Area as AreaNode
    from core.identity.types import Station as StationNode
    from core.identity.types import User as UserNode
    from core.migration_operations import AddForeignKeyIndex, AlterFieldDescription
    from core.occurrence import Occurrence, audit_backdating, occurrence, remember
    from core.periods import Period
    from core.personal import (
        EncryptedTextField,
        IdNumber,
        make_id_number,
        mask,
        validate_credit_code,
        validate_id_number,
        validate_mobile,
    )
    from core.runtime import current_app
    from core.scoring.shared import shared_figures
    from core.services import (
        attachable,
        keyed_hash,
        publish,
        require_plugin,
        station_runs,
        stations_running,
        target_station,
    )
    from core.tenancy import StationOwnedModel, get_scoped, scoped

# name → (module, attribute): where each public name lives.
_EXPORTS: dict[str, tuple[str, str]] = {
    "AttachmentNode": ("core.attachments.schema", "Attachment"),
    "attachments_field": ("core.attachments.schema", "attachments_field"),
    "store_attachment": ("core.attachments.services", "store_attachment"),
    "audit_context": ("core.audit", "audit_context"),
    "snapshot": ("core.audit", "snapshot"),
    "record_audit": ("core.audit", "record"),
    "RowInserter": ("core.bulk", "RowInserter"),
    "existing_keys": ("core.bulk", "existing_keys"),
    "scoped_key_ids": ("core.bulk", "scoped_key_ids"),
    "frozen_heap": ("core.bulk", "frozen_heap"),
    "Clock": ("core.clock", "Clock"),
    "FixedClock": ("core.clock", "FixedClock"),
    "CONTRACT_VERSION": ("core.contract", "CONTRACT_VERSION"),
    "AttachmentKind": ("core.contract", "AttachmentKind"),
    "AttachmentTarget": ("core.contract", "AttachmentTarget"),
    "CliCommand": ("core.contract", "CliCommand"),
    "ClosedItem": ("core.contract", "ClosedItem"),
    "Direction": ("core.contract", "Direction"),
    "Event": ("core.contract", "Event"),
    "FieldCost": ("core.contract", "FieldCost"),
    "GraphQLContribution": ("core.contract", "GraphQLContribution"),
    "IndicatorCategory": ("core.contract", "IndicatorCategory"),
    "IndicatorSpec": ("core.contract", "IndicatorSpec"),
    "IndicatorValue": ("core.contract", "IndicatorValue"),
    "Job": ("core.contract", "Job"),
    "MapLayer": ("core.contract", "MapLayer"),
    "ModelsDeclaration": ("core.contract", "ModelsDeclaration"),
    "NotificationChannel": ("core.contract", "NotificationChannel"),
    "NotificationKind": ("core.contract", "NotificationKind"),
    "NotificationMode": ("core.contract", "NotificationMode"),
    "Permission": ("core.contract", "Permission"),
    "PluginInfo": ("core.contract", "PluginInfo"),
    "ReadRule": ("core.contract", "ReadRule"),
    "Role": ("core.contract", "Role"),
    "SensitiveField": ("core.contract", "SensitiveField"),
    "SensitiveKind": ("core.contract", "SensitiveKind"),
    "UserContribution": ("core.contract", "UserContribution"),
    "transaction": ("core.db", "transaction"),
    "set_custom_plans": ("core.db", "set_custom_plans"),
    "DeadlineNotice": ("core.deadline_notices", "DeadlineNotice"),
    "AreaBoundaries": ("core.geo.assignment", "AreaBoundaries"),
    "assigned_area": ("core.geo.assignment", "assigned_area"),
    "settle_area": ("core.geo.assignment", "settle_area"),
    "LocationColumns": ("core.geo.columns", "LocationColumns"),
    "location_index": ("core.geo.columns", "location_index"),
    "Datum": ("core.geo.datum", "Datum"),
    "to_wgs84": ("core.geo.datum", "to_wgs84"),
    "Located": ("core.geo.declaration", "Located"),
    "DatumArgument": ("core.geo.fields", "DatumArgument"),
    "SpatialArgument": ("core.geo.fields", "SpatialArgument"),
    "distance_field": ("core.geo.fields", "distance_field"),
    "location_field": ("core.geo.fields", "location_field"),
    "personal_location": ("core.geo.fields", "personal_location"),
    "spatially": ("core.geo.filtering", "spatially"),
    "area_containing": ("core.geo.places", "area_containing"),
    "place": ("core.geo.places", "place"),
    "stored_point": ("core.geo.places", "stored_point"),
    "GeoPoint": ("core.geo.types", "GeoPoint"),
    "GeoPointInput": ("core.geo.types", "GeoPointInput"),
    "SpatialFilter": ("core.geo.types", "SpatialFilter"),
    "ApiError": ("core.errors", "ApiError"),
    "BadRequest": ("core.errors", "BadRequest"),
    "ConfigError": ("core.errors", "ConfigError"),
    "FeatureDisabled": ("core.errors", "FeatureDisabled"),
    "Forbidden": ("core.errors", "Forbidden"),
    "NotFound": ("core.errors", "NotFound"),
    "UserErrorCode": ("core.errors", "UserErrorCode"),
    "UserInputError": ("core.errors", "UserInputError"),
    "graphql_enum": ("core.graphql.enums", "graphql_enum"),
    "UserError": ("core.graphql.errors", "UserError"),
    "mutation_field": ("core.graphql.fields", "mutation_field"),
    "query_field": ("core.graphql.fields", "query_field"),
    "subscription_field": ("core.graphql.fields", "subscription_field"),
    "decode_id": ("core.graphql.ids", "decode_id"),
    "to_global_id": ("core.graphql.ids", "to_global_id"),
    "PeriodInput": ("core.graphql.inputs", "PeriodInput"),
    "long_text": ("core.graphql.limits.strings", "long_text"),
    "Connection": ("core.graphql.relay", "Connection"),
    "Node": ("core.graphql.relay", "Node"),
    "PageAfter": ("core.graphql.relay", "PageAfter"),
    "PageBefore": ("core.graphql.relay", "PageBefore"),
    "PageFirst": ("core.graphql.relay", "PageFirst"),
    "PageLast": ("core.graphql.relay", "PageLast"),
    "global_id": ("core.graphql.relay", "global_id"),
    "node_type": ("core.graphql.relay", "node_type"),
    "paginate": ("core.graphql.connections", "paginate"),
    "connection": ("core.graphql.connections", "connection"),
    "children_field": ("core.graphql.loaders", "children_field"),
    "children_of": ("core.graphql.loaders", "children_of"),
    "count_children": ("core.graphql.loaders", "count_children"),
    "load_children": ("core.graphql.loaders", "load_children"),
    "load_row": ("core.graphql.loaders", "load_row"),
    "related_field": ("core.graphql.loaders", "related_field"),
    "rows_by": ("core.graphql.loaders", "rows_by"),
    "register_node": ("core.graphql.relay", "register_node"),
    "reference": ("core.graphql.rows", "reference"),
    "row_mapping": ("core.graphql.rows", "row_mapping"),
    "RecordedStep": ("core.graphql.steps", "RecordedStep"),
    "recorded_steps": ("core.graphql.steps", "recorded_steps"),
    "hookimpl": ("core.hookspecs", "hookimpl"),
    "Actor": ("core.identity.actor", "Actor"),
    "Area": ("core.identity.models", "Area"),
    "AreaKind": ("core.identity.models", "AreaKind"),
    "Station": ("core.identity.models", "Station"),
    "StationClass": ("core.identity.models", "StationClass"),
    "User": ("core.identity.models", "User"),
    "AreaNode": ("core.identity.types", "Area"),
    "StationNode": ("core.identity.types", "Station"),
    "UserNode": ("core.identity.types", "User"),
    "AddForeignKeyIndex": ("core.migration_operations", "AddForeignKeyIndex"),
    "AlterFieldDescription": ("core.migration_operations", "AlterFieldDescription"),
    "Occurrence": ("core.occurrence", "Occurrence"),
    "audit_backdating": ("core.occurrence", "audit_backdating"),
    "occurrence": ("core.occurrence", "occurrence"),
    "remember": ("core.occurrence", "remember"),
    "Period": ("core.periods", "Period"),
    "EncryptedTextField": ("core.personal", "EncryptedTextField"),
    "IdNumber": ("core.personal", "IdNumber"),
    "make_id_number": ("core.personal", "make_id_number"),
    "mask": ("core.personal", "mask"),
    "validate_credit_code": ("core.personal", "validate_credit_code"),
    "validate_id_number": ("core.personal", "validate_id_number"),
    "validate_mobile": ("core.personal", "validate_mobile"),
    "current_app": ("core.runtime", "current_app"),
    "shared_figures": ("core.scoring.shared", "shared_figures"),
    "attachable": ("core.services", "attachable"),
    "keyed_hash": ("core.services", "keyed_hash"),
    "publish": ("core.services", "publish"),
    "require_plugin": ("core.services", "require_plugin"),
    "station_runs": ("core.services", "station_runs"),
    "stations_running": ("core.services", "stations_running"),
    "target_station": ("core.services", "target_station"),
    "StationOwnedModel": ("core.tenancy", "StationOwnedModel"),
    "get_scoped": ("core.tenancy", "get_scoped"),
    "scoped": ("core.tenancy", "scoped"),
}


def __getattr__(name: str) -> Any:
    try:
        module, attribute = _EXPORTS[name]
    except KeyError:
        raise AttributeError(f"module 'core' has no attribute {name!r}") from None
    value = getattr(importlib.import_module(module), attribute)
    globals()[name] = value  # later look-ups skip this function
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_EXPORTS))


class _Package(types.ModuleType):
    def __setattr__(self, name: str, value: Any) -> None:
        # Importing a submodule binds it on its package: ``core.occurrence`` (the module) would
        # hide ``core.occurrence`` (the public function) — keep the public name.
        if name in _EXPORTS and isinstance(value, types.ModuleType) and value.__name__ == f"{__name__}.{name}":
            return
        super().__setattr__(name, value)


sys.modules[__name__].__class__ = _Package


__all__ = [
    "AddForeignKeyIndex",
    "AlterFieldDescription",
    "AttachmentKind",
    "AttachmentNode",
    "AttachmentTarget",
    "attachments_field",
    "store_attachment",
    "audit_context",
    "transaction",
    "set_custom_plans",
    "CliCommand",
    "Area",
    "AreaKind",
    "AreaNode",
    "BadRequest",
    "ConfigError",
    "Station",
    "StationClass",
    "StationNode",
    "User",
    "UserNode",
    "CONTRACT_VERSION",
    "Actor",
    "ApiError",
    "Clock",
    "ClosedItem",
    "Connection",
    "DeadlineNotice",
    "Direction",
    "EncryptedTextField",
    "Event",
    "FeatureDisabled",
    "FieldCost",
    "FixedClock",
    "Forbidden",
    "GraphQLContribution",
    "IdNumber",
    "IndicatorCategory",
    "IndicatorSpec",
    "IndicatorValue",
    "Job",
    "ModelsDeclaration",
    "NotificationChannel",
    "NotificationKind",
    "NotificationMode",
    "Node",
    "NotFound",
    "PageAfter",
    "PageBefore",
    "PageFirst",
    "PageLast",
    "Period",
    "PeriodInput",
    "Permission",
    "ReadRule",
    "PluginInfo",
    "Role",
    "SensitiveField",
    "SensitiveKind",
    "StationOwnedModel",
    "UserContribution",
    "UserError",
    "UserErrorCode",
    "UserInputError",
    "connection",
    "current_app",
    "decode_id",
    "get_scoped",
    "global_id",
    "graphql_enum",
    "hookimpl",
    "keyed_hash",
    "long_text",
    "make_id_number",
    "mask",
    "mutation_field",
    "node_type",
    "paginate",
    "publish",
    "query_field",
    "record_audit",
    "reference",
    "row_mapping",
    "RowInserter",
    "existing_keys",
    "scoped_key_ids",
    "frozen_heap",
    "register_node",
    "require_plugin",
    "target_station",
    "attachable",
    "scoped",
    "shared_figures",
    "snapshot",
    "station_runs",
    "stations_running",
    "subscription_field",
    "to_global_id",
    "validate_credit_code",
    "validate_id_number",
    "validate_mobile",
]
__all__ += ["children_field", "children_of", "count_children", "load_children", "load_row", "related_field", "rows_by"]
__all__ += ["Occurrence", "RecordedStep", "audit_backdating", "occurrence", "recorded_steps", "remember"]
__all__ += [
    "Datum",
    "to_wgs84",
    "DatumArgument",
    "MapLayer",
    "GeoPoint",
    "GeoPointInput",
    "Located",
    "LocationColumns",
    "SpatialArgument",
    "SpatialFilter",
    "AreaBoundaries",
    "area_containing",
    "assigned_area",
    "settle_area",
    "distance_field",
    "location_field",
    "location_index",
    "personal_location",
    "place",
    "spatially",
    "stored_point",
]
