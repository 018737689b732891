"""Fengqiao core — the public API for plugins.

Plugins import only from here (``from core import ...``); every other module of the core is
private and may change without notice. See docs/plugins.md.
"""

from core.attachments.schema import Attachment as AttachmentNode
from core.attachments.schema import attachments_field
from core.attachments.services import store_attachment
from core.audit import audit_context, snapshot
from core.audit import record as record_audit
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
from core.db import transaction
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
from core.geo.columns import LocationColumns, location_index
from core.geo.datum import Datum
from core.geo.declaration import Located
from core.geo.fields import DatumArgument, SpatialArgument, distance_field, location_field, personal_location
from core.geo.filtering import spatially
from core.geo.places import area_containing, place, stored_point
from core.geo.types import GeoPoint, GeoPointInput, SpatialFilter
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
    paginate,
    register_node,
)
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
from core.services import attachable, keyed_hash, publish, require_plugin, target_station
from core.tenancy import StationOwnedModel, get_scoped, scoped

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
    "register_node",
    "require_plugin",
    "target_station",
    "attachable",
    "scoped",
    "snapshot",
    "subscription_field",
    "to_global_id",
    "validate_credit_code",
    "validate_id_number",
    "validate_mobile",
]
__all__ += [
    "Datum",
    "DatumArgument",
    "MapLayer",
    "GeoPoint",
    "GeoPointInput",
    "Located",
    "LocationColumns",
    "SpatialArgument",
    "SpatialFilter",
    "area_containing",
    "distance_field",
    "location_field",
    "location_index",
    "personal_location",
    "place",
    "spatially",
    "stored_point",
]
__all__ += ["Occurrence", "RecordedStep", "audit_backdating", "occurrence", "recorded_steps", "remember"]
