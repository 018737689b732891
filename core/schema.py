"""Compose one Strawberry schema from the core's root fields and the enabled plugins'.

Built once at start-up. Every root field must come from ``query_field``/``mutation_field``/
``subscription_field`` (so the core guards it); a root field or type defined twice stops
start-up naming both owners; a disabled plugin contributes nothing.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

import strawberry
from strawberry.extensions import MaxTokensLimiter
from strawberry.schema.config import StrawberryConfig
from strawberry.tools import merge_types

from core.contract import GraphQLContribution
from core.errors import ConfigError
from core.graphql.documents import DocumentCache
from core.graphql.errors import ErrorCodes
from core.graphql.execution import ExecutionContext
from core.graphql.fields import guard_of
from core.graphql.limits import DocumentLimitsFactory
from core.graphql.limits.dates import SCALAR_OVERRIDES
from core.graphql.masking import PersonalDataAudit, apply_masking
from core.graphql.nodes import NodeQuery
from core.graphql.relay import Node
from core.observability.graphql_extension import OperationObserver
from core.observability.tracing import tracing_extensions
from core.ratelimit.extension import RateLimitCheck

if TYPE_CHECKING:
    from core.runtime import Fengqiao

ROOTS = ("query", "mutation", "subscription")
ROOT_DESCRIPTIONS = {
    "query": "Reads (查询). Every field needs a login unless it says it is public; rows are limited to the "
    "caller's station (bureau roles: every station) and personal data is masked by role.",
    "mutation": "Changes (变更). Each takes one input and returns a payload with errors: refused input writes "
    "nothing, and every change is audited in the same transaction.",
    "subscription": "Live pushes over WebSocket (graphql-transport-ws on /graphql), limited to the caller's "
    "station like queries.",
}
_NAMES = StrawberryConfig().name_converter


def core_contribution(app: Fengqiao) -> GraphQLContribution:
    from core.attachments.schema import AttachmentMutation, AttachmentQuery
    from core.audit.access_schema import AccessLogQuery
    from core.audit.schema import AuditQuery
    from core.exports.schema import ExportsMutation, ExportsQuery, ExportsSubscription
    from core.geo.layer_query import map_layer_query
    from core.geo.layers import map_layers
    from core.geo.schema import MapQuery
    from core.identity.regions_schema import RegionMutation, RegionQuery
    from core.identity.schema import IdentityMutation, IdentityQuery
    from core.jobs.schema import JobsQuery
    from core.notifications.schema import NotificationsMutation, NotificationsQuery, NotificationsSubscription
    from core.scoring.schema import ScoringMutation, ScoringQuery
    from core.webhooks.schema import WebhooksMutation, WebhooksQuery

    return GraphQLContribution(
        query=[
            NodeQuery,
            IdentityQuery,
            AuditQuery,
            AccessLogQuery,
            ScoringQuery,
            AttachmentQuery,
            JobsQuery,
            RegionQuery,
            WebhooksQuery,
            NotificationsQuery,
            ExportsQuery,
            MapQuery,
            map_layer_query(map_layers(app)),  # checks the layers: a bad one stops start-up
        ],
        mutation=[
            IdentityMutation,
            ScoringMutation,
            AttachmentMutation,
            RegionMutation,
            WebhooksMutation,
            NotificationsMutation,
            ExportsMutation,
        ],
        subscription=[NotificationsSubscription, ExportsSubscription],
    )


class FengqiaoSchema(strawberry.Schema):
    def process_errors(self, errors, execution_context=None) -> None:
        # ErrorCodes logs what deserves logging (internal errors, with traceback); client
        # mistakes such as a bad query or a refused permission are not server errors.
        return None


def build_schema(app: Fengqiao) -> strawberry.Schema:
    from core.scoring.engine import engine_for

    engine_for(app)  # validates [scoring] against the loaded plugins' indicators at start-up
    contributions: list[tuple[str, GraphQLContribution]] = [("core", core_contribution(app))]
    for plugin, contribution in app.plugins.call_each("fengqiao_graphql"):
        if contribution is not None:
            contributions.append((plugin.name, contribution))
    roots = {root: _merge_root(root, contributions) for root in ROOTS}
    if roots["query"] is None:
        raise ConfigError("the schema has no query fields")
    extra_types = [t for _, c in contributions for t in c.types]
    limits = app.settings.limits
    document_limits = DocumentLimitsFactory(app)
    try:
        schema = FengqiaoSchema(
            query=roots["query"],
            mutation=roots["mutation"],
            subscription=roots["subscription"],
            types=[Node, *extra_types],
            scalar_overrides=SCALAR_OVERRIDES,
            execution_context_class=ExecutionContext,
            extensions=[
                OperationObserver,
                ErrorCodes,
                lambda: MaxTokensLimiter(max_token_count=limits.max_tokens),
                DocumentCache,
                document_limits,  # after validation: an over-limit document gets the limit's code
                PersonalDataAudit,
                *tracing_extensions(app.settings),
                RateLimitCheck,
            ],
        )
    except Exception as error:  # strawberry reports duplicate type names and bad types here
        raise ConfigError(_explain_schema_error(error, app)) from None
    apply_masking(schema, [(p.name, fields) for p, fields in app.plugins.call_each("fengqiao_sensitive_fields")])
    _check_attachment_targets(app, schema)
    document_limits.bind(schema)
    return schema


def _check_attachment_targets(app: Fengqiao, schema: strawberry.Schema) -> None:
    from core.attachments.targets import attachment_targets, check_retention_settings

    for name in attachment_targets(app):
        if name not in schema._schema.type_map:
            raise ConfigError(f"attachments are declared on {name}, which is not a type of the schema")
    check_retention_settings(app)


def _merge_root(root: str, contributions: Sequence[tuple[str, GraphQLContribution]]) -> type | None:
    owners: dict[str, str] = {}
    python_owners: dict[str, str] = {}
    classes: list[type] = []
    for owner, contribution in contributions:
        for cls in getattr(contribution, root):
            definition = getattr(cls, "__strawberry_definition__", None)
            if definition is None:
                raise ConfigError(
                    f"plugin '{owner}': {cls.__name__} in its {root} contribution is not a strawberry type"
                )
            for field in definition.fields:
                guard = guard_of(field)
                if guard is None or (guard.kind != root):
                    raise ConfigError(
                        f"plugin '{owner}': root field '{field.name}' of {cls.__name__} must be declared "
                        f"with core.{root}_field(permission=...)"
                    )
                guard.plugin = None if owner == "core" else owner
                name = field.graphql_name or _NAMES.apply_naming_config(field.python_name)
                if name in owners:
                    raise ConfigError(
                        f"root {root} field '{name}' is defined by both '{owners[name]}' and '{owner}'; "
                        "rename one of them (prefix plugin fields with the plugin's domain)"
                    )
                owners[name] = owner
                # Root types are merged by Python attribute, so equal method names would
                # silently drop a field even when the GraphQL names differ.
                if field.python_name in python_owners:
                    raise ConfigError(
                        f"root {root} resolvers of '{python_owners[field.python_name]}' and '{owner}' share the "
                        f"Python name '{field.python_name}'; rename one of the methods"
                    )
                python_owners[field.python_name] = owner
            classes.append(cls)
    if not classes:
        return None
    merged = merge_types(root.capitalize(), tuple(classes))
    merged.__strawberry_definition__.description = ROOT_DESCRIPTIONS[root]
    return merged


def _explain_schema_error(error: Exception, app: Fengqiao) -> str:
    text = str(error).splitlines()[0] if str(error) else type(error).__name__
    classes = [getattr(error, name, None) for name in ("first_cls", "second_cls")]
    owners = [owner_of(cls, app) for cls in classes if cls is not None]
    if owners:
        names = " and ".join(f"'{owner}'" for owner in owners)
        return f"the GraphQL schema cannot be built: {names} define the same type name ({text})"
    return f"the GraphQL schema cannot be built: {text}"


def owner_of(cls: type, app: Fengqiao) -> str:
    """The plugin (or 'core') whose package defines ``cls``."""
    module = getattr(cls, "__module__", "")
    for name, plugin in app.plugins.plugins.items():
        package = getattr(plugin.module, "__name__", "")
        if package and (module == package or module.startswith(package + ".")):
            return name
    return "core" if module.startswith("core.") else module
