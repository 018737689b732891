"""Value objects that plugins return from their hooks (see ``core.hookspecs``).

These are the words of the plugin contract; ``CONTRACT_VERSION`` versions them together with
the hooks. Compatibility rule: a plugin written for contract ``MAJOR.MINOR`` loads on a core
with the same MAJOR and a MINOR at least as high. New hooks and new optional fields raise
MINOR; removing or changing anything raises MAJOR.

History: 1.0 — the first contract. 1.1 — ``fengqiao_commands`` (plugin CLI sub-commands).
1.2 — ``fengqiao_jobs`` (periodic jobs run once per due time across workers) and ``Job``;
``fengqiao_attachment_targets`` (objects that accept attachments) and the optional
``SensitiveField.full_view_if``; ``fengqiao_field_costs`` and ``FieldCost`` (the query-cost limit).
1.3 — ``ReadRule`` (row-level read rules declared on a model), ``core.target_station`` and
``core.attachable`` (the core decides a write's station and the row it attaches to); ``Event.id``
(events go through a transactional outbox; delivery is at-least-once),
``fengqiao_notification_kinds`` with ``NotificationKind`` and ``fengqiao_notification_channels``
with ``NotificationChannel``; ``AttachmentTarget.visible`` deprecated in favour of the model's
``ReadRule`` (it still works, with a ``DeprecationWarning``). 1.4 — ``core.Located`` (models with
a location; the core converts, answers, masks and filters it) and ``fengqiao_map_layers`` with
``MapLayer`` (GeoJSON layers). 1.5 — ``core.settle_area`` with ``assigned_area`` and
``AreaBoundaries`` (the area of a located write), ``MapLayer.filter_input``/``filtered`` (layers
narrowed by their list's filter), ``core.DeadlineNotice`` (announce a passed deadline once per
deadline), ``core.stations_running``, ``core.station_runs``, ``core.shared_figures``, ``core.RowInserter`` (bulk
inserts of plain rows) and ``core.connection`` (a list field from its queryset, keyset cursors).
1.6 — ``core.row_mapping`` with ``core.reference`` (a GraphQL type built from its model's rows,
declared once); the core's row loaders ``core.load_row``, ``core.load_children``,
``core.count_children``, ``core.rows_by``, ``core.children_of``, and ``core.related_field`` (a
to-one field a list joins into its page query). 1.7 — ``core.children_field`` (a nested list a
page loads for all its rows at once), ``core.existing_keys`` (which keys a column holds),
``core.scoped_key_ids`` (the ids of the rows holding keys, within ``scoped``),
``core.frozen_heap`` (existing objects out of the collector's passes during a bulk job),
``core.to_wgs84`` (a point given in a datum, in WGS-84) and
``core.set_custom_plans`` (statements planned for their values within a transaction).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum
import re
from collections.abc import Awaitable, Callable, Sequence
from typing import Any

CONTRACT_VERSION = "1.7"


def contract_compatible(plugin_contract: str, core_contract: str = CONTRACT_VERSION) -> bool:
    """True when a plugin written for ``plugin_contract`` may load on this core."""
    try:
        plugin_major, plugin_minor = (int(part) for part in plugin_contract.split("."))
        core_major, core_minor = (int(part) for part in core_contract.split("."))
    except ValueError:
        return False
    return plugin_major == core_major and plugin_minor <= core_minor


@dataclasses.dataclass(frozen=True)
class PluginInfo:
    """What a plugin says about itself (``fengqiao_plugin_info``)."""

    name: str
    version: str
    title: str
    description: str = ""
    # Names of plugins that must be enabled and are loaded before this one.
    dependencies: Sequence[str] = ()
    # The contract version the plugin was written for.
    contract: str = CONTRACT_VERSION


@dataclasses.dataclass(frozen=True)
class GraphQLContribution:
    """Root fields and types a plugin adds to the schema (``fengqiao_graphql``).

    ``query``/``mutation``/``subscription`` are Strawberry types whose fields are merged into
    the root types; their fields must be declared with ``core.query_field``,
    ``core.mutation_field`` or ``core.subscription_field`` so the core can enforce permissions.
    ``types`` lists types reachable only through interfaces (e.g. ``Node`` implementations).
    """

    query: Sequence[type] = ()
    mutation: Sequence[type] = ()
    subscription: Sequence[type] = ()
    types: Sequence[type] = ()


class Role(enum.Enum):
    """Roles of users (api.md)."""

    BUREAU_ADMIN = "BUREAU_ADMIN"
    STATION_CHIEF = "STATION_CHIEF"
    OFFICER = "OFFICER"
    AUXILIARY = "AUXILIARY"
    GRID_WORKER = "GRID_WORKER"
    MEDIATOR = "MEDIATOR"
    VOLUNTEER = "VOLUNTEER"
    RESIDENT = "RESIDENT"
    AUDITOR = "AUDITOR"


@dataclasses.dataclass(frozen=True)
class Permission:
    """A permission code and the roles that hold it by default (``fengqiao_permissions``).

    Codes are ``<plugin>.<object>.<verb>``, e.g. ``mediation.dispute.write``.
    """

    code: str
    description: str
    roles: Sequence[Role] = ()


@dataclasses.dataclass(frozen=True)
class ReadRule:
    """A model's row-level read rule (行级可见性), declared next to its permissions and set on
    the model as ``read_rule``; ``core.scoped`` applies it, so lists, ``node``/``nodes``,
    loaders and nested fields all answer with the same rows.

    Holders of ``read_all`` see every row within their tenancy reach; other actors see the rows
    ``own(actor)`` selects (a Tortoise ``Q``), e.g. disputes they reported or mediate. Actors
    without a user (anonymous, system) and without ``read_all`` see none.
    """

    read_all: str
    own: Callable[[Any], Any]


class SensitiveKind(enum.Enum):
    """How a personal value is masked."""

    ID_NUMBER = "id_number"
    PHONE = "phone"
    NAME = "name"
    ADDRESS = "address"
    TEXT = "text"


@dataclasses.dataclass(frozen=True)
class SensitiveField:
    """A GraphQL field carrying personal data (``fengqiao_sensitive_fields``).

    The core masks it for actors without ``core.personal.view_full`` and logs full views
    (the personal-data access log, sealed into the audit chain).
    ``type_name`` is the GraphQL type name, ``field`` the GraphQL (camelCase) field name.
    """

    type_name: str
    field: str
    kind: SensitiveKind
    # Since 1.2: ``full_view_if(actor, source)`` → True shows the value in full (and audits it)
    # to an actor without ``core.personal.view_full``, e.g. the team that wrote a document.
    # ``source`` is the object the field belongs to; the check must not query the database.
    full_view_if: Callable[[Any, Any], bool] | None = None


@dataclasses.dataclass(frozen=True)
class FieldCost:
    """What a GraphQL field costs in the query-cost limit (``fengqiao_field_costs``).

    ``type_name`` is the GraphQL type name, ``field`` the GraphQL (camelCase) field name.
    ``cost`` is charged once per item the field is resolved for (default: 1 for an object
    field, 0 for a scalar); give heavy fields (statistics computed over a period) more.
    ``list_size`` is the number of items assumed for a plain list (no ``first``/``last``);
    the core assumes 10 when it is not given.
    """

    type_name: str
    field: str
    cost: int = 1
    list_size: int | None = None

    def __post_init__(self) -> None:
        if self.cost < 0 or (self.list_size is not None and self.list_size < 0):
            raise ValueError(f"FieldCost {self.type_name}.{self.field}: cost and list_size must not be negative")


@dataclasses.dataclass(frozen=True)
class Event:
    """A domain event published on the core event bus.

    ``name`` is ``<plugin>.<noun>.<verb>`` (e.g. ``patrol.criminal_case.opened``);
    ``payload`` must be JSON-serialisable and never hold raw ID numbers or phones —
    use keyed hashes (``core.personal.keyed_hash``). ``id`` (since contract 1.3) is the
    event's outbox row, set by the core when it is published; a listener may see an event
    twice after a crash (at-least-once) and can use ``id`` to ignore a repeat.
    """

    name: str
    payload: dict[str, Any]
    station_id: int | None = None
    id: int | None = None


# A scoring indicator computes one value per station for a period in one grouped query.
IndicatorCompute = Callable[[Sequence[int], Any], Awaitable[dict[int, Any]]]


@dataclasses.dataclass(frozen=True)
class ModelsDeclaration:
    """The plugin's Tortoise model modules and migrations package (``fengqiao_models``)."""

    models: Sequence[str]
    migrations: str


class Direction(enum.Enum):
    HIGHER_IS_BETTER = "HIGHER_IS_BETTER"
    LOWER_IS_BETTER = "LOWER_IS_BETTER"


class IndicatorCategory(enum.Enum):
    WORK = "WORK"
    PARTY = "PARTY"
    PUBLIC_OPINION = "PUBLIC_OPINION"
    SAFETY = "SAFETY"


@dataclasses.dataclass(frozen=True)
class IndicatorValue:
    """One station's figure for an indicator; ``value`` None means no data in the period."""

    value: float | None
    explanation: str


@dataclasses.dataclass(frozen=True)
class IndicatorSpec:
    """A performance indicator a plugin contributes (``fengqiao_score_indicators``).

    ``compute(station_ids, period)`` returns ``{station_id: IndicatorValue}`` computed with SQL
    aggregates grouped by station — one query (or a fixed few) whatever the number of
    stations. Stations missing from the result have no data.
    """

    key: str
    label: str
    unit: str
    direction: Direction
    target: float
    weight: float
    category: IndicatorCategory
    compute: IndicatorCompute


@dataclasses.dataclass(frozen=True)
class ClosedItem:
    """An item closed in a period, eligible for a satisfaction callback (回访)."""

    kind: str
    item_id: int
    station_id: int
    label: str
    closed_at: Any
    handler_user_id: int | None = None


@dataclasses.dataclass(frozen=True)
class UserContribution:
    """A public figure about one user's work in a period."""

    user_id: int
    plugin: str
    label: str
    value: float


@dataclasses.dataclass(frozen=True)
class CliCommand:
    """A ``fengqiao`` sub-command contributed by a plugin (``fengqiao_commands``).

    ``arguments(parser)`` adds the command's arguments to its ``argparse`` parser;
    ``run(app, args)`` is awaited with the application started (database migrated and open)
    and returns the exit status. Raise ``UserInputError`` or ``ConfigError`` for problems the
    user can fix: the core prints them as one line and exits with status 2.
    """

    name: str
    help: str
    arguments: Callable[[Any], None]
    run: Callable[[Any, Any], Awaitable[int]]


class AttachmentKind(enum.Enum):
    """What a stored file is, decided from its bytes (never from its name or declared type)."""

    IMAGE = "IMAGE"
    PDF = "PDF"
    AUDIO = "AUDIO"
    VIDEO = "VIDEO"
    DOCUMENT = "DOCUMENT"
    ARCHIVE = "ARCHIVE"


@dataclasses.dataclass(frozen=True)
class AttachmentTarget:
    """An object type of a plugin that accepts attachments (``fengqiao_attachment_targets``).

    ``type_name`` is the GraphQL type (its global ids name the owner); ``model`` the
    station-owned Tortoise model behind it. ``read_permission`` lets a user list and download
    the files, ``upload_permission`` add some. The owners an actor may reach are ``core.scoped``'s: the
    actor's station narrowed by the model's ``read_rule`` (``ReadRule``, since 1.3), so files
    follow the same rule as lists and ``node(id:)``. ``visible(actor)`` (1.2) is deprecated: it
    still overrides that, with a ``DeprecationWarning`` at start-up; declare a ``read_rule``
    on the model instead. Uploads are refused unless their
    sniffed kind is in ``kinds`` and their size at most ``max_bytes``. Files are kept
    ``retention_days`` after upload (``[attachments] retention_days`` overrides per type),
    then deleted by ``fengqiao attachments purge``; their audit records stay.
    """

    type_name: str
    model: Any
    read_permission: str
    upload_permission: str
    kinds: Sequence[AttachmentKind] = (AttachmentKind.IMAGE, AttachmentKind.PDF)
    max_bytes: int = 10 * 1024 * 1024
    retention_days: int = 3650
    # Strip EXIF/GPS/device metadata of images always (True) or only when the uploader asks.
    strip_image_metadata: bool = True
    # Deprecated (a second reach rule beside the model's ``read_rule``); see above.
    visible: Callable[[Any], Any] | None = None


_JOB_NAME = re.compile(r"^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)+$")


@dataclasses.dataclass(frozen=True)
class Job:
    """A periodic job (``fengqiao_jobs``), run by the core once per due time across all workers
    and machines, recorded in ``core_job_run``, retried with backoff when it fails.

    ``name`` is dotted, starting with the owner (``mediation.risk_sweep``). ``run()`` takes no
    arguments, opens its own transaction(s) and returns how many items it changed (or None).
    Give exactly one schedule: ``every`` (a ``timedelta`` of at least a second; due times are
    multiples of it counted from the Unix epoch, so every worker computes the same ones) or
    ``cron`` (5 fields, ``minute hour day-of-month month day-of-week``, in the deployment's
    time zone, e.g. ``"30 2 * * *"`` for 02:30 every day). Deployments may override the
    schedule or switch a job off in ``[jobs]``.
    """

    name: str
    run: Callable[[], Awaitable[int | None]]
    every: dt.timedelta | None = None
    cron: str | None = None
    description: str = ""

    def __post_init__(self) -> None:
        if not _JOB_NAME.match(self.name or ""):
            raise ValueError(f"job name {self.name!r}: expected a dotted lower-case name, e.g. 'mediation.risk_sweep'")
        if (self.every is None) == (self.cron is None):
            raise ValueError(f"job {self.name}: give exactly one of every= or cron=")
        if self.every is not None and self.every < dt.timedelta(seconds=1):
            raise ValueError(f"job {self.name}: every= must be at least one second")
        if not callable(self.run):
            raise ValueError(f"job {self.name}: run must be an async function taking no arguments")


class NotificationMode(enum.Enum):
    """How a user receives one kind of notification."""

    INBOX = "INBOX"
    DIGEST = "DIGEST"
    OFF = "OFF"


_KIND_NAME = re.compile(r"^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)+$")


@dataclasses.dataclass(frozen=True)
class NotificationKind:
    """A kind of notification a plugin sends (``fengqiao_notification_kinds``, since 1.3).

    ``name`` starts with the plugin's name (``mediation.dispute.red``). When the domain event
    ``event`` is published for a station, the core writes one inbox item per recipient: the
    active users of that station holding one of ``roles``, plus the user ids ``recipients(event)``
    returns (assignees, a team; may be a coroutine). ``message(event)`` is the one-line text —
    ids and counts, never personal values. ``default`` is the mode of users who chose none;
    a ``mandatory`` kind cannot be switched off (digest is still allowed).
    """

    name: str
    title: str
    event: str
    message: Callable[[Any], str]
    roles: Sequence[Role] = ()
    recipients: Callable[[Any], Any] | None = None
    mandatory: bool = False
    default: NotificationMode = NotificationMode.INBOX
    description: str = ""

    def __post_init__(self) -> None:
        if not _KIND_NAME.match(self.name or ""):
            raise ValueError(f"notification kind {self.name!r}: expected a dotted name, e.g. 'mediation.dispute.red'")
        if self.mandatory and self.default is NotificationMode.OFF:
            raise ValueError(f"notification kind {self.name}: a mandatory kind cannot default to OFF")
        if not self.roles and self.recipients is None:
            raise ValueError(f"notification kind {self.name}: give roles=, recipients= or both")


@dataclasses.dataclass(frozen=True)
class NotificationChannel:
    """A way to reach a user outside the inbox (``fengqiao_notification_channels``, since 1.3):
    SMS, WeCom, a pager. ``send(address, subject, text)`` delivers one message (a coroutine;
    raise to have it retried with backoff). ``check_address(text)`` returns the normalised
    address a user registers for the channel, or raises ``ValueError`` saying what is wrong.
    """

    name: str
    title: str
    send: Callable[[str, str, str], Awaitable[None]]
    check_address: Callable[[str], str] = lambda text: text.strip()
    description: str = ""


_LAYER_NAME = re.compile(r"^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)+$")


@dataclasses.dataclass(frozen=True)
class MapLayer:
    """A layer of points a plugin offers to maps (``fengqiao_map_layers``, since 1.4).

    ``model`` is a located station-owned model (``core.Located``); the core answers
    ``mapLayer(kind: name)`` with a GeoJSON FeatureCollection of its rows the actor may read
    (tenancy and read rules as everywhere), in the datum asked for, optionally inside a box and,
    with ``period_field`` (a datetime column), within a period. ``properties(row)`` gives each
    feature's properties — a colour, a status, never personal values. A layer whose model names
    an area also adds its counts per area to the core's ``core.areas`` choropleth.
    ``permission`` reads the layer; ``name`` starts with the plugin's name.

    ``filter_input`` (since 1.5) is the filter input of the model's list and ``filtered(actor,
    value)`` the list's rows for one value of it (a queryset scoped to the actor, or an awaitable
    of one): ``mapLayer(filter:)`` then narrows the layer, and its counts in ``core.areas``,
    exactly as the list is narrowed. Give both or neither.
    """

    name: str
    title: str
    model: Any
    permission: str
    properties: Callable[[Any], dict[str, Any]]
    period_field: str | None = None
    description: str = ""
    filter_input: Any = None
    filtered: Callable[[Any, Any], Any] | None = None

    def __post_init__(self) -> None:
        if not _LAYER_NAME.match(self.name or ""):
            raise ValueError(f"map layer {self.name!r}: expected a dotted lower-case name, e.g. 'mediation.disputes'")
