"""Prometheus metrics (``prometheus-client``): what the app counts, and ``GET /metrics``.

With several workers every process writes its figures to files in a shared directory
(``PROMETHEUS_MULTIPROC_DIR``, set by ``fengqiao serve`` before the workers start) and any
worker answers a scrape with the sum over all of them. The directory must be set before
``prometheus_client`` is imported, which is why this module is imported late.
"""

from __future__ import annotations

import ipaddress
import os
import time
from collections.abc import Iterable
from typing import Any

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram
from prometheus_client.core import InfoMetricFamily
from prometheus_client.exposition import CONTENT_TYPE_LATEST, generate_latest

from core.observability.metrics_env import MULTIPROC_ENV

_LATENCY_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0)
_DB_BUCKETS = (0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1.0)

REQUESTS = Counter(
    "fengqiao_graphql_requests",
    "GraphQL operations served, by operation name, type and outcome (ok, error).",
    ["operation", "type", "outcome"],
)
LATENCY = Histogram(
    "fengqiao_graphql_request_duration_seconds",
    "Time to answer a GraphQL operation over HTTP.",
    ["operation", "type"],
    buckets=_LATENCY_BUCKETS,
)
ERRORS = Counter("fengqiao_graphql_errors", "GraphQL errors returned, by error code.", ["code"])
DB_STATEMENTS = Counter("fengqiao_db_statements", "SQL statements sent to the database, by kind.", ["kind"])
DB_DURATION = Histogram(
    "fengqiao_db_statement_duration_seconds", "Time of one SQL statement.", ["kind"], buckets=_DB_BUCKETS
)
SUBSCRIPTIONS = Gauge(
    "fengqiao_active_subscriptions",
    "GraphQL subscriptions currently open (over WebSocket).",
    multiprocess_mode="livesum",
)
EVENTS = Counter("fengqiao_events_published", "Domain events published on the event bus, by name.", ["name"])
JOB_RUNS = Counter(
    "fengqiao_job_runs", "Periodic job runs, by job and outcome (SUCCEEDED, FAILED).", ["job", "outcome"]
)
JOB_DURATION = Histogram(
    "fengqiao_job_duration_seconds", "Time of one job run.", ["job"], buckets=(0.1, 0.5, 1, 5, 15, 60, 300, 900)
)
JOB_ITEMS = Counter("fengqiao_job_items_changed", "Items changed by job runs.", ["job"])
JOB_LAST_SUCCESS = Gauge(
    "fengqiao_job_last_success_timestamp_seconds",
    "When each job last succeeded (Unix time); alert when it falls behind its schedule.",
    ["job"],
    multiprocess_mode="max",
)

# Operation names come from clients: keep the label set bounded so a client cannot make the
# metrics grow without end.
MAX_OPERATION_NAMES = 500
_operation_names: set[str] = set()


def operation_label(name: str | None) -> str:
    if not name:
        return "anonymous"
    name = name[:64]
    if name in _operation_names:
        return name
    if len(_operation_names) >= MAX_OPERATION_NAMES:
        return "other"
    _operation_names.add(name)
    return name


def observe_request(operation: str | None, kind: str, outcome: str, seconds: float, codes: Iterable[str]) -> None:
    label = operation_label(operation)
    REQUESTS.labels(label, kind, outcome).inc()
    LATENCY.labels(label, kind).observe(seconds)
    for code in codes:
        ERRORS.labels(code).inc()


# --- database statements ------------------------------------------------------------------------

_EXECUTE = ("execute_insert", "execute_many", "execute_query", "execute_query_dict", "execute_script")


def _statement_kind(query: Any) -> str:
    word = str(query).lstrip().split(" ", 1)[0].upper() if query else ""
    return word if word in {"SELECT", "INSERT", "UPDATE", "DELETE", "WITH"} else "OTHER"


def _timed(method):
    async def execute(self, query, *args, **kwargs):
        started = time.perf_counter()
        try:
            return await method(self, query, *args, **kwargs)
        finally:
            kind = _statement_kind(query)
            DB_STATEMENTS.labels(kind).inc()
            DB_DURATION.labels(kind).observe(time.perf_counter() - started)

    execute.__wrapped__ = method
    execute._fengqiao_timed = True
    return execute


def instrument_database() -> None:
    """Count and time every statement of Tortoise's SQLite and PostgreSQL clients (once)."""
    classes: list[type] = []
    from tortoise.backends.sqlite.client import SqliteClient, SqliteTransactionWrapper

    classes += [SqliteClient, SqliteTransactionWrapper]
    try:
        from tortoise.backends.asyncpg.client import AsyncpgDBClient, TransactionWrapper
        from tortoise.backends.base_postgres.client import BasePostgresClient
    except ImportError:  # PostgreSQL support not installed
        pass
    else:
        classes += [BasePostgresClient, AsyncpgDBClient, TransactionWrapper]
    for cls in classes:
        for name in _EXECUTE:
            method = vars(cls).get(name)
            if method is None or getattr(method, "_fengqiao_timed", False):
                continue
            if getattr(method, "__isabstractmethod__", False):
                continue
            setattr(cls, name, _timed(method))


# --- exposition ---------------------------------------------------------------------------------


def multiprocess_dir() -> str | None:
    return os.environ.get(MULTIPROC_ENV) or None


class PluginInfoCollector:
    """The plugin set as an info metric (``fengqiao_plugin_info{plugin, version}``)."""

    def __init__(self, plugins: Iterable[tuple[str, str]], core_version: str) -> None:
        self.plugins = list(plugins)
        self.core_version = core_version

    def collect(self):
        family = InfoMetricFamily("fengqiao_plugin", "Plugins loaded by this deployment.", labels=["plugin"])
        family.add_metric(["core"], {"version": self.core_version})
        for name, version in self.plugins:
            family.add_metric([name], {"version": version})
        yield family


class _Combined:
    def __init__(self, sources: Iterable[Any]) -> None:
        self.sources = list(sources)

    def collect(self):
        for source in self.sources:
            yield from source.collect()


def render(extra_collectors: Iterable[Any] = ()) -> tuple[bytes, str]:
    """The metrics text of this process, or of all workers in multiprocess mode."""
    from prometheus_client import REGISTRY

    source: Any = REGISTRY
    if multiprocess_dir():
        from prometheus_client import multiprocess

        source = CollectorRegistry()
        multiprocess.MultiProcessCollector(source)
    return generate_latest(_Combined([source, *extra_collectors])), CONTENT_TYPE_LATEST


def client_allowed(address: str | None, networks: Iterable[str]) -> bool:
    if not address:
        return False
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    return any(ip in ipaddress.ip_network(network, strict=False) for network in networks)


def worker_exited() -> None:
    """Drop this process's live gauges from the shared directory (multiprocess mode)."""
    if multiprocess_dir():
        from prometheus_client import multiprocess

        multiprocess.mark_process_dead(os.getpid())
