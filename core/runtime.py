"""The application object: settings, plugins, permissions, events, clock, keys, schema.

Built once at start-up (``Fengqiao.create``) and handed to hooks, so plugins never reach for
globals; services that run outside a request find it with ``current_app()``.
"""

from __future__ import annotations

import inspect
import logging
import os
import secrets
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from core.clock import Clock
from core.config import Settings, load_settings
from core.contract import Event
from core.db import close_orm, ensure_migrated, init_orm, tortoise_config
from core.errors import ConfigError
from core.events import EventBus, MemoryBackend, RedisBackend
from core.identity.actor_cache import ActorCache
from core.identity.passwords import configure_pool
from core.identity.permissions import CORE_PERMISSIONS, PermissionRegistry, build_permissions
from core.personal.crypto import set_keyring
from core.personal.keys import SecretKeys, check_database_key, sqlite_holds_data
from core.plugins import PluginRegistry, load_plugins
from core.ratelimit import RateLimits

log = logging.getLogger("fengqiao")

_current: Fengqiao | None = None


def current_app() -> Fengqiao:
    if _current is None:
        raise RuntimeError("no Fengqiao application is running")
    return _current


class Fengqiao:
    def __init__(self, settings: Settings, plugins: PluginRegistry, *, clock: Clock | None = None) -> None:
        self.settings = settings
        self.plugins = plugins
        self.clock = clock or Clock(settings.timezone)
        self.permissions: PermissionRegistry = build_permissions(
            [
                ("core", CORE_PERMISSIONS),
                *((p.name, perms or ()) for p, perms in plugins.call_each("fengqiao_permissions")),
            ],
            settings.permissions,
        )
        self.db_config = tortoise_config(settings, plugins)
        self.keys = SecretKeys.from_secret(resolve_secret(settings))
        self.keyring = self.keys.keyring
        self.token_secret = self.keys.token_secret
        backend = RedisBackend(settings.events.redis_url) if settings.events.backend == "redis" else MemoryBackend()
        from core.notifications.inbox import create_notifications
        from core.outbox.store import Outbox
        from core.webhooks.services import enqueue_deliveries

        outbox = Outbox(self.clock)
        outbox.after_dispatch += [enqueue_deliveries, create_notifications]
        self.events = EventBus(backend, outbox)
        self.rate_limits = RateLimits(
            settings.rate_limits,
            anonymous_writes=settings.limits.public_requests_per_minute,
            address_key=self.keys.limiter_key,
        )
        configure_pool(settings.auth.hash_concurrency, settings.auth.hash_queue)
        self.actors = ActorCache(settings.auth.actor_cache_seconds, lambda: self.clock.now().timestamp())
        self._schema: Any = None
        self.started = False
        # Set by a passing preflight(): the next start() need not check the database again.
        self._checked = False
        self._install_keys()

    def _install_keys(self) -> None:
        from core.audit.chain import set_chain_keys

        set_keyring(self.keyring)
        set_chain_keys(self.keys)

    @classmethod
    def create(
        cls,
        settings: Settings | None = None,
        *,
        extra_plugins: Iterable[Any] = (),
        clock: Clock | None = None,
    ) -> Fengqiao:
        settings = settings or load_settings()
        return cls(settings, load_plugins(settings, extra=extra_plugins), clock=clock)

    @property
    def schema(self) -> Any:
        """The composed GraphQL schema, built once."""
        if self._schema is None:
            from core.schema import build_schema

            self._schema = build_schema(self)
        return self._schema

    def plugin_settings(self, name: str) -> Any:
        return self.plugins.settings_for(name)

    async def start(self, *, migrate: bool = True, check_keys: bool = True) -> None:
        """Make the database ready, check it is written with our key, start the event bus, run
        the plugins' start-up hooks."""
        global _current
        self._install_keys()
        checked, self._checked = self._checked, False
        if migrate and not checked:
            await ensure_migrated(self.settings, self.db_config)
        await init_orm(self.db_config)
        if check_keys and not checked:
            try:
                await check_database_key(self.keys)
            except BaseException:
                await close_orm()
                raise
        _current = self
        await self.events.start(self._dispatch_event)
        for _plugin, result in self.plugins.call_each("fengqiao_startup", app=self):
            if inspect.isawaitable(result):
                await result
        self.started = True

    async def preflight(self) -> None:
        """The start-up checks alone (migrations, the database's key), so that ``serve`` stops
        with one clear line before binding a port; the ``start()`` that follows does not repeat
        them."""
        self._install_keys()
        await ensure_migrated(self.settings, self.db_config)
        await init_orm(self.db_config)
        try:
            await check_database_key(self.keys)
        finally:
            await close_orm()
        self._checked = True

    async def stop(self) -> None:
        global _current
        for _plugin, result in self.plugins.call_each("fengqiao_shutdown", app=self):
            if inspect.isawaitable(result):
                await result
        await self.events.stop()
        await close_orm()
        self.started = False
        if _current is self:
            _current = None

    async def _dispatch_event(self, event: Event) -> None:
        for plugin, result in self.plugins.call_each("fengqiao_event", app=self, event=event):
            try:
                if inspect.isawaitable(result):
                    await result
            except Exception:  # noqa: BLE001 — one listener's failure must not stop the others
                log.exception("plugin '%s' failed handling event %s", plugin.name, event.name)


def resolve_secret(settings: Settings) -> str:
    """The configured secret; the embedded default generates one and keeps it in a file
    beside the database (never in it). A server database requires a configured secret."""
    if settings.secret_key:
        return settings.secret_key
    if not settings.is_sqlite:
        raise ConfigError(
            "secret_key: required for a PostgreSQL deployment; set it in fengqiao.toml or "
            "FENGQIAO_SECRET_KEY (at least 32 characters)"
        )
    path = settings.database_url[len("sqlite://") :].split("?")[0]
    if path in ("", ":memory:"):
        return secrets.token_urlsafe(48)
    secret_file = Path(path + ".secret")
    if secret_file.exists():
        return secret_file.read_text().strip()
    if sqlite_holds_data(path):
        # A new key would make the stored personal data unreadable and fork the audit chain.
        raise ConfigError(
            f"secret_key: {path} holds data but its key file {secret_file} is missing; restore the file "
            "from your backup (or set secret_key to the key it was written with)"
        )
    secret_file.parent.mkdir(parents=True, exist_ok=True)
    value = secrets.token_urlsafe(48)
    descriptor = os.open(secret_file, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "w") as handle:
        handle.write(value + "\n")
    log.info("generated a secret key in %s; keep it with the database and back it up", secret_file)
    return value
