"""The plugin contract: every hook a Fengqiao plugin may implement.

A plugin is a module (or object) registered under the entry-point group ``fengqiao.plugins``
whose functions are marked with ``core.hookimpl``. Every hook is optional except
``fengqiao_plugin_info``. Hooks may be plain functions or coroutines; the core awaits what
needs awaiting. The core calls each plugin's implementation separately, so it always knows
which plugin answered — plugins never see each other's results and must not rely on the order
in which plugins are called.

The contract version is ``core.contract.CONTRACT_VERSION``; see ``docs/plugins.md`` for the
compatibility policy and an example of every hook.
"""

from __future__ import annotations

from collections.abc import Awaitable, Sequence
from typing import TYPE_CHECKING

import pluggy

from core.contract import (
    AttachmentTarget,
    CliCommand,
    ClosedItem,
    Event,
    FieldCost,
    GraphQLContribution,
    IndicatorSpec,
    Job,
    MapLayer,
    ModelsDeclaration,
    NotificationChannel,
    NotificationKind,
    Permission,
    PluginInfo,
    SensitiveField,
    UserContribution,
)

if TYPE_CHECKING:
    from core.demo import DemoContext
    from core.periods import Period
    from core.runtime import Fengqiao

# Hooks that "may be a coroutine" return None or an awaitable of None.
MaybeAwaitable = None | Awaitable[None]

hookspec = pluggy.HookspecMarker("fengqiao")
hookimpl = pluggy.HookimplMarker("fengqiao")


# --- identity -------------------------------------------------------------------------------


@hookspec
def fengqiao_plugin_info() -> PluginInfo:
    """Describe the plugin. Required.

    Called once at start-up, before any other hook. Returns a ``core.PluginInfo`` with
    ``name`` (the app label and config section; ``[a-z_]+``), ``version``, ``title``,
    ``description``, ``dependencies`` (names of plugins that must be enabled too) and
    ``contract`` (the contract version the plugin was written for). A plugin whose contract
    is incompatible is refused at start-up.
    """


@hookspec
def fengqiao_settings_model() -> type | None:
    """Return a frozen dataclass describing the plugin's ``[<name>]`` config section.

    Called once at start-up. The core builds it from the section (defaults for missing keys,
    a ``ConfigError`` naming any unknown or badly typed key) and hands it back through
    ``core.plugin_settings(name)``. Return ``None`` when the plugin has no settings.
    """


# --- data -----------------------------------------------------------------------------------


@hookspec
def fengqiao_models() -> ModelsDeclaration:
    """Declare the plugin's Tortoise models and migrations.

    Called once at start-up. Returns a ``core.ModelsDeclaration(models=[module paths],
    migrations="<package>.migrations")``. The plugin's app label is its name; relations to
    the core are written ``"core.Station"``. Station-owned models subclass
    ``core.StationOwnedModel`` so tenancy applies to them.
    """


# --- API ------------------------------------------------------------------------------------


@hookspec
def fengqiao_graphql() -> GraphQLContribution:
    """Contribute to the GraphQL schema.

    Called once when the schema is built. Returns a ``core.GraphQLContribution`` with query,
    mutation and subscription types whose fields are merged into the root types, and extra
    types. Two plugins defining the same root field or type name stop start-up.
    """


@hookspec
def fengqiao_permissions() -> Sequence[Permission]:
    """Declare permission codes and the roles that hold them by default.

    Called once at start-up. Returns a list of ``core.Permission``. Codes start with the
    plugin's name. Deployments add or remove grants per role in ``[permissions]``.
    """


@hookspec
def fengqiao_sensitive_fields() -> Sequence[SensitiveField]:
    """Declare GraphQL fields that carry personal data.

    Called once when the schema is built. Returns a list of ``core.SensitiveField``. The
    core masks these fields for actors without ``core.personal.view_full`` and records each
    request that shows them in full in the personal-data access log (docs/audit.md).
    """


@hookspec
def fengqiao_field_costs() -> Sequence[FieldCost]:
    """Declare what GraphQL fields cost in the query-cost limit (since contract 1.2).

    Called once when the schema is built. Returns a list of ``core.FieldCost``: a statistics
    field computed over a whole period costs more than a plain field; a plain list that can be
    long declares its usual ``list_size``. A declared field that is not in the schema stops
    start-up. Without a declaration an object field costs 1, a scalar 0, and a list multiplies
    its items' cost by its page size (``first``/``last``, else ``[limits] default_page_size``)
    or by 10 for a plain list.
    """


# --- scoring --------------------------------------------------------------------------------


@hookspec
def fengqiao_score_indicators() -> Sequence[IndicatorSpec]:
    """Declare the plugin's performance indicators (绩效考评).

    Called once at start-up. Returns a list of ``core.IndicatorSpec``; each spec's
    ``compute(station_ids, period)`` returns ``{station_id: value}`` for all given stations in
    one grouped SQL query. A station only scores indicators of plugins enabled for it.
    """


# --- cooperation between plugins ------------------------------------------------------------


@hookspec
def fengqiao_event(app: Fengqiao, event: Event) -> MaybeAwaitable:
    """Receive a domain event published on the core event bus.

    Called after the transaction that published the event commits, for every event; the
    implementation filters by ``event.name``. ``event`` is a ``core.Event`` whose payload
    never carries raw personal data. May be a coroutine. Errors are logged, not raised.
    """


@hookspec
def fengqiao_closed_items(
    station_ids: Sequence[int], period: Period
) -> Sequence[ClosedItem] | Awaitable[Sequence[ClosedItem]]:
    """List items closed in ``period`` that may be followed up by phone (回访).

    Called by plugins that sample work for satisfaction callbacks. Returns (or awaits to) a
    list of ``core.ClosedItem`` for the given stations. Return ``[]`` when the plugin closes
    nothing worth calling back.
    """


@hookspec
def fengqiao_user_contributions(
    station_id: int, user_ids: Sequence[int], period: Period
) -> Sequence[UserContribution] | Awaitable[Sequence[UserContribution]]:
    """Public figures about users' work in ``period`` (e.g. disputes resolved).

    Lets one plugin show evidence from others without importing them (e.g. a star-officer
    nomination). Returns a list of ``core.UserContribution``.
    """


@hookspec
def fengqiao_commands() -> Sequence[CliCommand]:
    """Add sub-commands to the ``fengqiao`` command line (since contract 1.1).

    Called when the command line starts. Returns a list of ``core.CliCommand``; a name that
    collides with a core command or another plugin's stops the command with a clear message.
    """


@hookspec
def fengqiao_attachment_targets() -> Sequence[AttachmentTarget]:
    """Declare which of the plugin's objects accept attachments (since contract 1.2).

    Called once at start-up. Returns a list of ``core.AttachmentTarget``: the GraphQL type
    and model of the owning object, the permissions that read and add files, and the kinds
    and size allowed. The core stores, sniffs, encrypts, audits, lists and serves the files.
    """


@hookspec
def fengqiao_jobs() -> Sequence[Job]:
    """Declare periodic jobs (since contract 1.2).

    Called once when the application starts, with the plugin's settings available. Returns a
    list of ``core.Job``. The core runs each job once per due time across every worker and
    machine, records every run (readable by admins in ``jobRuns`` and in metrics), retries a
    failed run with backoff, and lets operators run one by hand (``fengqiao jobs run NAME``).
    Job names start with the plugin's name; a name used twice stops start-up.
    """


@hookspec
def fengqiao_notification_kinds() -> Sequence[NotificationKind]:
    """Declare the notifications the plugin sends (since contract 1.3).

    Called once when the application starts. Returns a list of ``core.NotificationKind``:
    which domain event triggers it, who receives it (roles in the event's station and/or a
    function naming users), its text, whether it is mandatory. Names start with the plugin's
    name; a name used twice stops start-up. Users see them in their inbox and choose inbox,
    digest or off per kind.
    """


@hookspec
def fengqiao_notification_channels() -> Sequence[NotificationChannel]:
    """Add delivery channels for notifications, e.g. an SMS or WeCom gateway (since 1.3).

    Called once when the application starts. Returns a list of ``core.NotificationChannel``.
    Users register their address for a channel; every inbox item (and each daily digest) is
    then also sent through it, retried with backoff. Channel names are unique in a deployment.
    """


@hookspec
def fengqiao_map_layers() -> Sequence[MapLayer]:
    """Offer GeoJSON layers of located objects to map front ends (since contract 1.4).

    Called once when the application starts. Returns a list of ``core.MapLayer``: a located
    model, the permission that reads it, the properties of each feature (a colour, a status;
    never personal values) and optionally the datetime column a period selects on. The core
    answers ``mapLayer(kind:)`` with tenancy, read rules, datum conversion and the box applied,
    and counts each layer per area for the ``core.areas`` choropleth. Names start with the
    plugin's name; a name used twice stops start-up.
    """


# --- lifecycle ------------------------------------------------------------------------------


@hookspec
def fengqiao_demo_data(demo: DemoContext) -> MaybeAwaitable:
    """Fill the demo stations with realistic data (``fengqiao demo``).

    Called after the core created the demo stations, areas and one user per role, in plugin
    dependency order. ``demo`` is a ``core.DemoContext`` with the stations, areas, users, a
    seeded random generator and the clock. May be a coroutine.
    """


@hookspec
def fengqiao_startup(app: Fengqiao) -> MaybeAwaitable:
    """Called when the server starts, after the database is ready. May be a coroutine."""


@hookspec
def fengqiao_shutdown(app: Fengqiao) -> MaybeAwaitable:
    """Called when the server stops. May be a coroutine."""
