"""``fengqiao doctor``: the facts an operator pastes into a support ticket, each marked ok or
not. Reads only: it neither migrates nor generates a secret key, and never prints a secret."""

from __future__ import annotations

import os
import platform
import re
import sys
from pathlib import Path

from core.config import Settings

Check = tuple[str, str, bool]


def redact_url(url: str) -> str:
    """The database URL without its password."""
    return re.sub(r"(://[^:/@]+):[^@]*@", r"\1:***@", url)


async def diagnose(settings: Settings) -> list[Check]:
    from core.observability.http import core_version

    checks: list[Check] = [
        ("fengqiao", f"{core_version()} (Python {platform.python_version()}, {platform.system()})", True),
        ("config", settings.source or "no file: defaults and FENGQIAO_* variables", True),
        ("timezone", settings.timezone, True),
        ("secret key", *_secret(settings)),
    ]
    plugin_checks, registry = _plugins(settings)
    checks += plugin_checks
    if registry is not None:
        checks += await _database(settings, registry)
    checks += _operations(settings)
    return checks


def _secret(settings: Settings) -> tuple[str, bool]:
    if settings.secret_key:
        return f"set ({len(settings.secret_key)} characters)", True
    if not settings.is_sqlite:
        return "MISSING: a PostgreSQL deployment needs secret_key (or FENGQIAO_SECRET_KEY)", False
    path = settings.database_url[len("sqlite://") :].split("?")[0]
    secret_file = Path(path + ".secret")
    if secret_file.exists():
        return f"generated, kept in {secret_file} (back it up with the database)", True
    return f"not generated yet; the first start writes {secret_file}", True


def _plugins(settings: Settings):
    from core.errors import ConfigError
    from core.plugins import load_plugins

    checks: list[Check] = []
    for name, version, state, reason in plugin_rows(settings):
        if state == "broken":
            checks.append(("plugin", f"{name}: BROKEN: {reason}", False))
        else:
            state_text = "enabled" if state == "yes" else "installed, disabled"
            checks.append(("plugin", f"{name} {version} ({state_text})", True))
    try:
        registry = load_plugins(settings)
    except ConfigError as error:
        checks.append(("plugin set", f"cannot load: {error}", False))
        return checks, None
    checks.append(("plugin set", ", ".join(registry.names) or "none (core only)", True))
    return checks, registry


def plugin_rows(settings: Settings) -> list[tuple[str, str, str, str]]:
    """``(name, version, enabled yes/no/broken, reason)`` for every installed plugin; a plugin
    that cannot be imported or described is listed as broken with a one-line reason."""
    from core.errors import ConfigError
    from core.plugins import _plugin_info, discover

    enabled = settings.plugins.enabled
    rows = []
    for name, available in sorted(discover(third_party=settings.plugins.third_party).items()):
        try:
            module = available.entry_point.load()
            info = _plugin_info(module, name)
        except ConfigError as error:
            rows.append((name, "-", "broken", str(error)))
            continue
        except Exception as error:  # noqa: BLE001 — an import error of any kind is one line here
            first = (str(error).splitlines() or [""])[0]
            rows.append((name, "-", "broken", f"cannot be imported ({type(error).__name__}: {first})"))
            continue
        rows.append((name, info.version, "yes" if enabled is None or name in enabled else "no", ""))
    return rows


async def _database(settings: Settings, registry) -> list[Check]:
    from core.db import close_orm, init_orm, pending_migrations, tortoise_config
    from core.errors import ConfigError

    checks: list[Check] = [("database", redact_url(settings.database_url), True)]
    missing = _missing_sqlite_file(settings)
    if missing:
        return [*checks, ("reachable", f"{missing} does not exist yet: run 'fengqiao migrate'", False)]
    try:
        config = tortoise_config(settings, registry)
    except ConfigError as error:
        return [*checks, ("models", str(error), False)]
    try:
        await init_orm(config)
        from tortoise import connections

        connection = connections.get("default")
        await connection.execute_query("SELECT 1")
        pending = await pending_migrations(config)
    except Exception as error:  # noqa: BLE001 — unreachable, refused, missing database …
        first = (str(error).splitlines() or [""])[0]
        return [*checks, ("reachable", f"NO: {type(error).__name__}: {first}"[:300], False)]
    finally:
        await close_orm()
    checks.append(("reachable", "yes", True))
    if pending:
        shown = ", ".join(pending[:5]) + (" …" if len(pending) > 5 else "")
        checks.append(("migrations", f"{len(pending)} pending ({shown}): run 'fengqiao migrate'", False))
    else:
        checks.append(("migrations", "up to date", True))
    return checks


def _missing_sqlite_file(settings: Settings) -> str | None:
    """The SQLite file when it does not exist (connecting would create an empty one)."""
    if not settings.is_sqlite:
        return None
    path = settings.database_url[len("sqlite://") :].split("?")[0]
    return path if path != ":memory:" and not os.path.exists(path) else None


def _operations(settings: Settings) -> list[Check]:
    server, metrics = settings.server, settings.metrics
    checks: list[Check] = [
        ("server", f"{server.host}:{server.port}, {server.workers} worker(s), GraphiQL {_on(server.graphiql)}", True),
        ("events", settings.events.backend, not (server.workers > 1 and settings.events.backend == "memory")),
        ("logging", f"{settings.logging.level.upper()} {settings.logging.format}", True),
        (
            "metrics",
            f"{_on(metrics.enabled)}, allowed from {', '.join(metrics.allow) or 'nowhere'}"
            + (", bearer token set" if metrics.token else ""),
            True,
        ),
        ("tracing", _on(settings.tracing.enabled), True),
        ("jobs", f"{_on(settings.jobs.enabled)}; disabled: {', '.join(settings.jobs.disabled) or 'none'}", True),
        ("python", sys.executable, True),
    ]
    if server.workers > 1 and settings.is_sqlite:
        checks.append(("workers", "several workers need PostgreSQL", False))
    return checks


def _on(flag: bool) -> str:
    return "on" if flag else "off"
