"""Settings from ``fengqiao.toml`` and ``FENGQIAO_*`` environment variables.

Precedence: defaults < TOML file < environment. The file comes from ``--config``, then
``FENGQIAO_CONFIG``, then ``./fengqiao.toml`` if it exists. Environment variables name a key
by its path with ``__`` between levels: ``FENGQIAO_DATABASE_URL``, ``FENGQIAO_SERVER__PORT``,
``FENGQIAO_PLUGINS__ENABLED=mediation,patrol``.

Every value is validated at start; a bad key or value raises ``ConfigError`` naming it
(``server.port: expected an integer, got 'abc'``). Plugin sections (``[mediation]`` …) are
validated by the plugin's own settings model once plugins are known (see ``core.plugins``).
"""

from __future__ import annotations

import dataclasses
import os
import tomllib
import types
import typing
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from core.errors import ConfigError
from core.storage.settings import AttachmentSettings, StorageSettings

ENV_PREFIX = "FENGQIAO_"


@dataclasses.dataclass(frozen=True)
class ServerSettings:
    """The HTTP server (`fengqiao serve`)."""

    # Address to bind; 0.0.0.0 serves other machines (put a TLS proxy in front).
    host: str = "127.0.0.1"
    port: int = 8000
    # Several workers need PostgreSQL (SQLite allows one writer process).
    workers: int = 1
    # GraphiQL on GET /graphql (served from the package, offline); also on with ``debug`` or
    # ``fengqiao serve --demo``.
    graphiql: bool = False
    # Origins allowed to call the API from a browser (front-end apps), e.g. ["https://app.example.cn"].
    cors_origins: tuple[str, ...] = ()
    # Who may introspect the schema: "authenticated" (logged-in users), "always" or "never".
    introspection: str = "authenticated"
    # Trusted documents: execute only operations registered with `fengqiao operations register`.
    persisted_only: bool = False
    # Proxies whose X-Forwarded-For / X-Forwarded-Proto are believed (addresses or "*").
    # Default none: a client cannot pick its own address, and so cannot reset its rate limit.
    forwarded_allow_ips: tuple[str, ...] = ()


@dataclasses.dataclass(frozen=True)
class PluginSettings:
    """Which plugins load."""

    # Which plugins load, e.g. ["mediation", "patrol", "party_building", "volunteers"];
    # leave unset to load every installed plugin.
    enabled: tuple[str, ...] | None = None
    # Load plugins installed by other distributions (entry points); off in unit tests.
    third_party: bool = True


@dataclasses.dataclass(frozen=True)
class AuthSettings:
    """Logins and tokens."""

    # Lifetime of a login token.
    token_ttl_minutes: int = 480
    # Shortest password accepted for a new account or a password change.
    min_password_length: int = 10
    # Failures in a row before an account is locked, and for how long.
    max_failed_logins: int = 5
    lockout_minutes: int = 15
    # Password hashes running at once per process (0: half the CPUs, at most 4), and how many
    # logins may wait for one before further logins are refused at once.
    hash_concurrency: int = 0
    hash_queue: int = 64
    # Seconds a worker reuses the account behind a token instead of reading it per request (0:
    # read every time). A change made in this worker (a station's plugins) applies at once; one
    # made in another worker or straight in the database (an account disabled) within this time.
    actor_cache_seconds: int = 5


@dataclasses.dataclass(frozen=True)
class LimitSettings:
    # Document limits, checked before any resolver runs (docs/api.md, "Limits").
    max_depth: int = 6
    max_aliases: int = 15
    max_tokens: int = 1000
    max_directives: int = 50
    max_cost: int = 25_000
    # Bytes of an HTTP request body or WebSocket message; ``body_limits`` sets it for named
    # root mutation fields, e.g. ``{"importBasicInfo": 8_388_608}``. ``uploadAttachment`` has
    # ``[attachments] max_upload_bytes`` plus 64 KiB for the form fields unless named here.
    max_body_bytes: int = 1_048_576
    body_limits: Mapping[str, int] = dataclasses.field(default_factory=dict)
    # Characters of one string argument: mutation inputs, and query/subscription arguments
    # (filters). Fields may declare a larger maximum with ``core.long_text``.
    max_input_length: int = 10_000
    max_filter_length: int = 500
    default_page_size: int = 50
    max_page_size: int = 200
    # Anonymous, public mutations (e.g. tips) per client address per minute.
    public_requests_per_minute: int = 20


@dataclasses.dataclass(frozen=True)
class RateLimitSettings:
    """Operations per minute; anonymous callers by client address, logged-in ones by user.
    Anonymous writes use ``limits.public_requests_per_minute``. 0 switches one limit off."""

    enabled: bool = True
    # "memory" (one process) or "redis" (counters shared by every worker).
    storage: str = "memory"
    redis_url: str = "redis://127.0.0.1:6379/0"
    anonymous_reads_per_minute: int = 120
    user_reads_per_minute: int = 1200
    user_writes_per_minute: int = 300
    exports_per_minute: int = 10


@dataclasses.dataclass(frozen=True)
class AuditSettings:
    # Where signed checkpoints are copied, outside this database: a directory
    # ("file:///var/lib/fengqiao/witness") or a second database ("sqlite:///…", "postgres://…").
    witness: str | None = None


@dataclasses.dataclass(frozen=True)
class PermissionSettings:
    """Add or remove permission codes per role (codes and default roles: docs/permissions.md,
    or `fengqiao permissions`)."""

    # Codes added to a role's defaults, e.g. AUXILIARY = ["mediation.dispute.assess"].
    grant: Mapping[str, tuple[str, ...]] = dataclasses.field(default_factory=dict)
    # Codes taken from a role's defaults, e.g. OFFICER = ["core.personal.view_full"].
    revoke: Mapping[str, tuple[str, ...]] = dataclasses.field(default_factory=dict)


@dataclasses.dataclass(frozen=True)
class ScoringSettings:
    """Performance evaluation (绩效考评): indicator weights and targets (docs/scoring.md)."""

    # Indicator weights by indicator key, e.g. "mediation.success_rate" = 2.0.
    weights: Mapping[str, float] = dataclasses.field(default_factory=dict)
    # Indicator targets by key, e.g. "patrol.camera_online_rate" = 0.98.
    targets: Mapping[str, float] = dataclasses.field(default_factory=dict)
    # Multiplier per indicator category, e.g. PUBLIC_OPINION = 2.0 doubles its share (the
    # article asks that public opinion weigh more).
    category_weights: Mapping[str, float] = dataclasses.field(default_factory=dict)
    # Day of the month (1-28) from which the previous month is frozen automatically; 0: by hand only.
    auto_freeze_day: int = 0


@dataclasses.dataclass(frozen=True)
class EventSettings:
    """Subscriptions and events across workers."""

    # "memory" for one process; "redis" to fan subscriptions out across workers.
    backend: str = "memory"
    # The Redis server of the "redis" backend.
    redis_url: str = "redis://127.0.0.1:6379/0"


@dataclasses.dataclass(frozen=True)
class LoggingSettings:
    # Root logger level: DEBUG, INFO, WARNING, ERROR or CRITICAL (uvicorn's and Fengqiao's lines).
    level: str = "INFO"
    # "text" (one readable line each) or "json" (one JSON object per line, for log shippers).
    format: str = "text"
    # One line per GraphQL request: operation, type, duration, status, user id.
    access_log: bool = True


@dataclasses.dataclass(frozen=True)
class MetricsSettings:
    # Serve Prometheus metrics at GET /metrics.
    enabled: bool = False
    # Client networks allowed to scrape (CIDR); others get 403. Behind a local proxy that sets
    # X-Forwarded-For, uvicorn reports the real client address.
    allow: tuple[str, ...] = ("127.0.0.1/32", "::1/128")
    # When set, scrapers must also send "Authorization: Bearer <token>".
    token: str | None = None


@dataclasses.dataclass(frozen=True)
class TracingSettings:
    # OpenTelemetry spans for GraphQL operations (needs the ``otel`` extra); exporters are
    # configured the OpenTelemetry way (OTEL_* variables, ``opentelemetry-instrument``).
    enabled: bool = False


@dataclasses.dataclass(frozen=True)
class JobSettings:
    # Run periodic jobs in server processes; every worker takes part and each due time runs once.
    enabled: bool = True
    # Jobs not run on schedule (they can still be run by hand with ``fengqiao jobs run``).
    disabled: tuple[str, ...] = ()
    # Schedule overrides by job name: an interval ("90s", "15m", "2h", "1d") or a 5-field cron.
    schedule: Mapping[str, str] = dataclasses.field(default_factory=dict)
    # A failed run is tried again, up to this many attempts in all per due time …
    max_attempts: int = 3
    # … after retry_seconds, doubling each time (60 s, 120 s, …).
    retry_seconds: int = 60
    # A run that takes longer is cancelled and counts as failed.
    timeout_seconds: int = 900
    # How often an idle scheduler looks again (retries, runs of a worker that died).
    poll_seconds: int = 30
    # Finished job runs older than this many days are deleted by core.jobs.prune_runs, except
    # each job's newest run (0: keep them all).
    keep_days: int = 7
    # Successful runs that changed nothing (an outbox dispatch or webhook sweep with nothing to
    # send, every 10-15 s: ~14,000 rows a day) are deleted sooner, after this many days; each
    # job's newest run is kept. 0: kept for keep_days like the others.
    keep_idle_days: int = 1


@dataclasses.dataclass(frozen=True)
class RecordSettings:
    """Records entered after the fact (补录): lifecycle steps dated with `occurredAt`."""

    # How many days before the moment of entry a step may be dated (a paper record typed in
    # on Monday for Saturday's mediation). 0 refuses back-dating altogether.
    backdating_days: int = 30
    # Allowance for a client's clock running ahead: an occurredAt up to this many minutes in
    # the future counts as now; a step dated earlier than this before entry is back-dated.
    clock_skew_minutes: int = 5


@dataclasses.dataclass(frozen=True)
class WebhookSettings:
    # A delivery is tried this many times (backoff: retry_seconds doubling, with jitter) before
    # it is dead-lettered; an admin can replay it.
    max_attempts: int = 8
    retry_seconds: int = 30
    # A receiver that does not answer within this many seconds counts as failed.
    timeout_seconds: int = 10
    # Refuse endpoints on loopback, private and link-local addresses (SSRF). Turn on only for
    # receivers inside the bureau's own network.
    allow_private_networks: bool = False


@dataclasses.dataclass(frozen=True)
class NotificationSettings:
    # The e-mail channel is on when an SMTP host is set; users register their address for it.
    smtp_host: str | None = None
    smtp_port: int = 25
    smtp_starttls: bool = False
    smtp_username: str | None = None
    smtp_password: str | None = None
    sender: str = "fengqiao@localhost"
    # A channel message is tried this many times (retry_seconds doubling) before it is given up.
    max_attempts: int = 5
    retry_seconds: int = 60


def _default_export_limits() -> dict[str, int]:
    return {"BUREAU_ADMIN": 100000, "AUDITOR": 100000, "STATION_CHIEF": 50000, "OFFICER": 10000}


@dataclasses.dataclass(frozen=True)
class ExportSettings:
    # Where export files are written (created if missing); each is deleted when its link expires.
    directory: str = "fengqiao-exports"
    # How long a download link works.
    link_hours: int = 24
    # The most rows one export may hold, by role (a user gets the highest of their roles) …
    row_limits: Mapping[str, int] = dataclasses.field(default_factory=_default_export_limits)
    # … and for roles not listed.
    default_row_limit: int = 1000


@dataclasses.dataclass(frozen=True)
class Settings:
    # sqlite://PATH (embedded default; WAL, foreign keys, busy timeout) or
    # postgres://USER:PASSWORD@HOST:PORT/DATABASE (install with: pip install 'fengqiao[postgres]').
    database_url: str = "sqlite://fengqiao.db"
    # Signs login tokens and derives the keys that encrypt personal data at rest. At least 32
    # characters. Required for PostgreSQL. With SQLite and no key, one is generated on first run and
    # kept in "<database file>.secret" (mode 0600): back it up with the database — without it the
    # personal data cannot be decrypted.
    secret_key: str | None = None
    # Time zone in which dates and periods are read (统计周期按此时区).
    timezone: str = "Asia/Shanghai"
    # Debug mode: GraphiQL on and detailed Starlette errors. Never in production.
    debug: bool = False
    # Where `fengqiao schema export` keeps the printed schema between runs (rebuilt whenever the
    # code or settings that shape it change). Default: $XDG_CACHE_HOME/fengqiao, else
    # ~/.cache/fengqiao. An empty value turns the cache off.
    cache_dir: str | None = None
    server: ServerSettings = ServerSettings()
    plugins: PluginSettings = PluginSettings()
    auth: AuthSettings = AuthSettings()
    limits: LimitSettings = LimitSettings()
    permissions: PermissionSettings = PermissionSettings()
    scoring: ScoringSettings = ScoringSettings()
    events: EventSettings = EventSettings()
    storage: StorageSettings = StorageSettings()
    attachments: AttachmentSettings = AttachmentSettings()
    logging: LoggingSettings = LoggingSettings()
    metrics: MetricsSettings = MetricsSettings()
    tracing: TracingSettings = TracingSettings()
    jobs: JobSettings = JobSettings()
    webhooks: WebhookSettings = WebhookSettings()
    notifications: NotificationSettings = NotificationSettings()
    exports: ExportSettings = ExportSettings()
    records: RecordSettings = RecordSettings()
    rate_limits: RateLimitSettings = RateLimitSettings()
    audit: AuditSettings = AuditSettings()
    # Raw plugin sections, validated against each plugin's settings model at start-up.
    plugin_sections: Mapping[str, Mapping[str, Any]] = dataclasses.field(default_factory=dict)
    source: str | None = None

    @property
    def is_sqlite(self) -> bool:
        return self.database_url.startswith("sqlite://")


def load_settings(
    path: str | os.PathLike[str] | None = None,
    *,
    environ: Mapping[str, str] | None = None,
    overrides: Mapping[str, Any] | None = None,
) -> Settings:
    """Read, merge and validate settings; raise ``ConfigError`` naming any bad key."""
    environ = os.environ if environ is None else environ
    data: dict[str, Any] = {}
    source = _config_path(path, environ)
    if source is not None:
        data = _read_toml(source)
    _merge(data, _from_environment(environ))
    if overrides:
        _merge(data, _nested(overrides))
    section_names = {f.name for f in dataclasses.fields(Settings)}
    plugin_sections = {
        key: value for key, value in data.items() if isinstance(value, dict) and key not in section_names
    }
    for key in plugin_sections:
        data.pop(key)
    settings = build_dataclass(Settings, data, "")
    _check_values(settings)
    return dataclasses.replace(
        settings,
        plugin_sections=plugin_sections,
        source=str(source) if source else None,
    )


def _check_values(settings: Settings) -> None:
    """Rules that go beyond types."""
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    try:
        ZoneInfo(settings.timezone)
    except (ZoneInfoNotFoundError, ValueError):
        raise ConfigError(f"timezone: unknown time zone {settings.timezone!r}") from None
    if not settings.database_url.startswith(("sqlite://", "postgres://", "postgresql://")):
        raise ConfigError(
            "database_url: expected sqlite://PATH or postgres://USER@HOST:PORT/DB, "
            f"got {settings.database_url.split('://')[0]}://…"
        )
    if not 0 < settings.server.port < 65536:
        raise ConfigError(f"server.port: must be 1-65535, got {settings.server.port}")
    if settings.server.workers < 1:
        raise ConfigError("server.workers: must be at least 1")
    limits = settings.limits
    if not 0 < limits.default_page_size <= limits.max_page_size:
        raise ConfigError("limits.default_page_size: must be between 1 and limits.max_page_size")
    if settings.server.introspection not in ("authenticated", "always", "never"):
        raise ConfigError(
            "server.introspection: expected 'authenticated', 'always' or 'never', "
            f"got {settings.server.introspection!r}"
        )
    at_least_one = ("max_depth", "max_aliases", "max_tokens", "max_cost", "max_body_bytes")
    for name in (*at_least_one, "max_input_length", "max_filter_length"):
        if getattr(limits, name) < 1:
            raise ConfigError(f"limits.{name}: must be at least 1")
    if settings.events.backend not in ("memory", "redis"):
        raise ConfigError(f"events.backend: expected 'memory' or 'redis', got {settings.events.backend!r}")
    if settings.rate_limits.storage not in ("memory", "redis"):
        raise ConfigError(f"rate_limits.storage: expected 'memory' or 'redis', got {settings.rate_limits.storage!r}")
    if settings.audit.witness and not settings.audit.witness.startswith(
        ("file://", "sqlite://", "postgres://", "postgresql://")
    ):
        raise ConfigError("audit.witness: expected file:///DIRECTORY, sqlite:///PATH or postgres://…")
    if settings.secret_key is not None and len(settings.secret_key) < 32:
        raise ConfigError("secret_key: must be at least 32 characters")
    if not 0 <= settings.auth.actor_cache_seconds <= 60:
        raise ConfigError("auth.actor_cache_seconds: must be between 0 (off) and 60")
    if settings.scoring.auto_freeze_day > 28:
        raise ConfigError("scoring.auto_freeze_day: must be 0 (off) or a day from 1 to 28")
    _check_operations(settings)


def _check_operations(settings: Settings) -> None:
    """[logging], [metrics] and [jobs]."""
    import ipaddress

    levels = ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL")
    if settings.logging.level.upper() not in levels:
        raise ConfigError(f"logging.level: expected one of {', '.join(levels)}, got {settings.logging.level!r}")
    if settings.logging.format not in ("text", "json"):
        raise ConfigError(f"logging.format: expected 'text' or 'json', got {settings.logging.format!r}")
    for network in settings.metrics.allow:
        try:
            ipaddress.ip_network(network, strict=False)
        except ValueError:
            raise ConfigError(f"metrics.allow: not an address or network: {network!r}") from None
    if settings.jobs.max_attempts < 1:
        raise ConfigError("jobs.max_attempts: must be at least 1")
    if settings.jobs.poll_seconds < 1 or settings.jobs.timeout_seconds < 1:
        raise ConfigError("jobs.poll_seconds and jobs.timeout_seconds: must be at least 1")
    webhooks = settings.webhooks
    if webhooks.max_attempts < 1 or webhooks.retry_seconds < 1 or webhooks.timeout_seconds < 1:
        raise ConfigError("webhooks.max_attempts, retry_seconds and timeout_seconds: must be at least 1")
    from core.jobs.schedule import parse_schedule

    for name, text in settings.jobs.schedule.items():
        try:
            parse_schedule(text)
        except ValueError as error:
            raise ConfigError(f"jobs.schedule.{name}: {error}") from None


def _config_path(path: str | os.PathLike[str] | None, environ: Mapping[str, str]) -> Path | None:
    if path is None:
        path = environ.get(ENV_PREFIX + "CONFIG")
    if path is None:
        default = Path("fengqiao.toml")
        return default if default.is_file() else None
    resolved = Path(path)
    if not resolved.is_file():
        raise ConfigError(f"configuration file not found: {resolved}")
    return resolved


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(f"{path}: not valid TOML: {error}") from None


def _from_environment(environ: Mapping[str, str]) -> dict[str, Any]:
    flat = {
        key[len(ENV_PREFIX) :].lower(): value
        for key, value in environ.items()
        if key.startswith(ENV_PREFIX)
        and key not in (ENV_PREFIX + "CONFIG",)
        and not key.startswith(ENV_PREFIX + "TEST_")
    }
    return _nested({key.replace("__", "."): value for key, value in flat.items()})


def _nested(flat: Mapping[str, Any]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for dotted, value in flat.items():
        node = result
        *parents, leaf = dotted.split(".")
        for part in parents:
            node = node.setdefault(part, {})
        node[leaf] = value
    return result


def _merge(target: dict[str, Any], extra: Mapping[str, Any]) -> None:
    for key, value in extra.items():
        if isinstance(value, Mapping) and isinstance(target.get(key), dict):
            _merge(target[key], value)
        else:
            target[key] = dict(value) if isinstance(value, Mapping) else value


def build_dataclass(cls: type, data: Mapping[str, Any], path: str) -> Any:
    """Build the frozen dataclass ``cls`` from ``data``, naming any unknown or bad key."""
    if not isinstance(data, Mapping):
        raise ConfigError(f"{path or 'configuration'}: expected a table")
    hints = typing.get_type_hints(cls)
    known = {field.name for field in dataclasses.fields(cls) if field.name != "plugin_sections"}
    for key in data:
        if key not in known:
            where = f"{path}.{key}" if path else key
            choices = ", ".join(sorted(known - {"source"}))
            raise ConfigError(f"{where}: unknown setting (known here: {choices})")
    values = {}
    for key, raw in data.items():
        where = f"{path}.{key}" if path else key
        values[key] = _convert(hints[key], raw, where)
    try:
        return cls(**values)
    except (TypeError, ValueError) as error:
        # A settings model may check its own values in __post_init__.
        raise ConfigError(f"{path or 'configuration'}: {error}") from None


def _convert(hint: Any, raw: Any, where: str) -> Any:
    origin = typing.get_origin(hint)
    args = typing.get_args(hint)
    if origin in (typing.Union, types.UnionType):
        if raw is None or (isinstance(raw, str) and raw == "" and type(None) in args):
            return None
        inner = [arg for arg in args if arg is not type(None)]
        return _convert(inner[0], raw, where)
    if dataclasses.is_dataclass(hint):
        return build_dataclass(hint, raw, where)
    if origin is tuple:
        if isinstance(raw, str):
            raw = [part.strip() for part in raw.split(",") if part.strip()]
        if not isinstance(raw, list | tuple):
            raise ConfigError(f"{where}: expected a list, got {raw!r}")
        return tuple(_convert(args[0], item, f"{where}[{i}]") for i, item in enumerate(raw))
    if origin in (Mapping, dict) or origin is typing.get_origin(Mapping[str, Any]):
        if not isinstance(raw, Mapping):
            raise ConfigError(f"{where}: expected a table")
        return {str(k): _convert(args[1], v, f"{where}.{k}") for k, v in raw.items()}
    return _convert_scalar(hint, raw, where)


def _convert_scalar(hint: Any, raw: Any, where: str) -> Any:
    if hint is Any:
        return raw
    if hint is bool:
        if isinstance(raw, bool):
            return raw
        if isinstance(raw, str) and raw.lower() in ("1", "true", "yes", "on", "0", "false", "no", "off"):
            return raw.lower() in ("1", "true", "yes", "on")
        raise ConfigError(f"{where}: expected true or false, got {raw!r}")
    if hint is int:
        if isinstance(raw, bool):
            raise ConfigError(f"{where}: expected an integer, got {raw!r}")
        try:
            value = int(raw)
        except (TypeError, ValueError):
            raise ConfigError(f"{where}: expected an integer, got {raw!r}") from None
        if value < 0:
            raise ConfigError(f"{where}: must not be negative, got {value}")
        return value
    if hint is float:
        try:
            value = float(raw)
        except (TypeError, ValueError):
            raise ConfigError(f"{where}: expected a number, got {raw!r}") from None
        if value < 0:
            raise ConfigError(f"{where}: must not be negative, got {value}")
        return value
    if hint is str:
        if not isinstance(raw, str):
            raise ConfigError(f"{where}: expected a string, got {raw!r}")
        return raw
    raise ConfigError(f"{where}: unsupported setting type {hint!r}")
