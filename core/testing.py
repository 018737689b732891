"""Test helpers for Fengqiao and its plugins (use with ``pytest_plugins = ["core.testing"]``).

* ``make_app(plugins=[...])`` — a started application on a fresh database: a temporary SQLite
  file, or PostgreSQL when ``FENGQIAO_TEST_DATABASE_URL`` is set.
* ``GraphQLClient`` — talks to the app over HTTP (httpx's ASGI transport), logged in or not.
* ``station_factory`` / ``user_factory`` / ``login_as`` — realistic stations and users.
* ``count_queries()`` — counts SQL statements, to assert that a request's statement count does
  not grow with the page size.
* ``demo_data(app)`` — the demo deployment (``core.demo.load_demo``), loaded once per test
  process and copied into later tests.

Each test starts on a copy of a database migrated once per test process and set of apps.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import itertools
import logging
import os
from collections.abc import AsyncIterator, Iterable, Sequence
from pathlib import Path
from typing import Any

import httpx
import pytest
from argon2 import PasswordHasher

from core.clock import Clock, FixedClock
from core.config import PluginSettings, Settings, load_settings
from core.contract import Role
from core.identity import passwords
from core.runtime import Fengqiao

# Tests create many users: cheap Argon2 parameters keep each from costing ~0.4 s. Only tests
# import this module; production hashing keeps the library's defaults.
passwords._hasher = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)

TEST_SECRET = "test-secret-0123456789-abcdefghijklmnopqrstuvwxyz"
TEST_PASSWORD = "correct-horse-battery"
DEFAULT_NOW = dt.datetime(2020, 8, 20, 9, 0)  # the article's date, Asia/Shanghai


def test_database_url(tmp_path: Path) -> str:
    """A temporary SQLite file, or the PostgreSQL database of ``FENGQIAO_TEST_DATABASE_URL``
    (one per pytest-xdist worker, named ``<db>_<worker>``, created when missing)."""
    url = os.environ.get("FENGQIAO_TEST_DATABASE_URL")
    if not url:
        return f"sqlite://{tmp_path / 'test.db'}"
    worker = os.environ.get("PYTEST_XDIST_WORKER")
    return f"{url.split('?')[0]}_{worker}" if worker else url


# Migrating a database applies every migration of every plugin (tens of seconds with all pillars):
# one template database per set of apps is migrated for all test processes (core.testing_templates),
# and each test starts on a copy of it — a file copy on SQLite, a copy or an in-place reset on
# PostgreSQL (core.testing_reset).
_templates: dict[tuple[Any, ...], str] = {}


async def reset_postgres(url: str) -> None:
    """Empty a PostgreSQL test database (its public schema), creating it when missing."""
    import asyncpg

    dsn = _dsn(url)
    try:
        connection = await asyncpg.connect(dsn)
    except asyncpg.InvalidCatalogNameError:
        await _postgres_admin(dsn, f'CREATE DATABASE "{dsn.rpartition("/")[2]}"')
        connection = await asyncpg.connect(dsn)
    try:
        await connection.execute("DROP SCHEMA public CASCADE; CREATE SCHEMA public;")
    finally:
        await connection.close()


def _dsn(url: str) -> str:
    return url.split("?")[0].replace("postgres://", "postgresql://", 1)


async def _postgres_admin(dsn: str, *statements: str) -> None:
    """Run statements on the server's ``postgres`` database (creating and dropping databases)."""
    import asyncpg

    admin = await asyncpg.connect(f"{dsn.rpartition('/')[0]}/postgres")
    try:
        for statement in statements:
            await admin.execute(statement)
    finally:
        await admin.close()


def _template_key(settings: Settings, config: dict[str, Any]) -> tuple[Any, ...]:
    """What a migrated database depends on: the database server, and the apps with their models."""
    server = "sqlite" if settings.is_sqlite else _dsn(settings.database_url).rpartition("/")[0]
    apps = tuple(
        (label, tuple(app["models"]), str(app.get("migrations"))) for label, app in sorted(config["apps"].items())
    )
    return (server, apps)


def _with_url(config: dict[str, Any], url: str) -> dict[str, Any]:
    return {**config, "connections": {**config["connections"], "default": url}}


async def _database_from_template(settings: Settings, config: dict[str, Any]) -> None:
    """Make the app's database a copy of a migrated template for its set of apps, shared by
    every test process (``core.testing_templates``)."""
    from core import testing_templates
    from core.db import migrate

    key = _template_key(settings, config)
    if key not in _templates:
        name = f"template-{testing_templates.digest(key, config)[:16]}"

        async def migrate_into(url: str) -> None:
            await migrate(_with_url(config, url))

        if settings.is_sqlite:
            _templates[key] = await testing_templates.sqlite_template(name, migrate_into)
        else:
            base = _dsn(os.environ.get("FENGQIAO_TEST_DATABASE_URL") or settings.database_url).rpartition("/")[2]
            _templates[key] = f"{base}_{name.replace('-', '_')}"
            admin = f"{_dsn(settings.database_url).rpartition('/')[0]}/postgres"
            await testing_templates.postgres_template(admin, _templates[key], migrate_into)
    if settings.is_sqlite:
        await _restore(settings, _templates[key])
    else:
        await _restore_postgres_template(_dsn(settings.database_url), _templates[key])


async def _restore(settings: Settings, copy: str) -> None:
    """Replace the (closed) database of ``settings`` by ``copy``: a file, or a database name."""
    if settings.is_sqlite:
        _copy_sqlite(copy, _sqlite_path(settings))
    else:
        from core import testing_reset

        target = _dsn(settings.database_url).rpartition("/")[2]
        testing_reset.forget(target)
        await _copy_postgres(_dsn(settings.database_url), copy, target)


async def _restore_postgres_template(dsn: str, template: str) -> None:
    """Make the database of ``dsn`` hold ``template``'s rows: reset in place when it already
    holds that template's tables, else a copy (``core.testing_reset``)."""
    import asyncpg

    from core import testing_reset

    target = dsn.rpartition("/")[2]
    with contextlib.suppress(OSError, asyncpg.PostgresError):
        connection = await asyncpg.connect(dsn)
        try:
            if await testing_reset.reset(connection, target, template):
                return
        finally:
            await connection.close()
    testing_reset.forget(target)
    await _copy_postgres(dsn, template, target)
    connection = await asyncpg.connect(dsn)
    try:
        await testing_reset.prepare(connection, target, template)
    finally:
        await connection.close()


async def _snapshot(settings: Settings, label: str) -> str:
    """Copy the (closed) database of ``settings`` aside; ``_restore`` puts it back."""
    import tempfile

    if settings.is_sqlite:
        copy = str(Path(tempfile.mkdtemp(prefix=f"fengqiao-{label}-")) / "snapshot.db")
        _copy_sqlite(_sqlite_path(settings), copy)
        return copy
    dsn = _dsn(settings.database_url)
    copy = f"{dsn.rpartition('/')[2]}_{label}"
    await _copy_postgres(dsn, dsn.rpartition("/")[2], copy)
    return copy


def _sqlite_path(settings: Settings) -> str:
    return settings.database_url[len("sqlite://") :].split("?")[0]


def _copy_sqlite(source: str, target: str) -> None:
    import shutil

    for leftover in (f"{target}-wal", f"{target}-shm"):  # a closed database has none; never mix in old ones
        with contextlib.suppress(FileNotFoundError):
            os.remove(leftover)
    shutil.copyfile(source, target)


async def _copy_postgres(dsn: str, source: str, target: str) -> None:
    await _postgres_admin(
        dsn, f'DROP DATABASE IF EXISTS "{target}" WITH (FORCE)', f'CREATE DATABASE "{target}" TEMPLATE "{source}"'
    )


_demo_snapshots: dict[tuple[Any, ...], str] = {}


async def demo_data(app: Fengqiao):
    """``core.demo.load_demo(app)`` for tests: loading the demo takes tens of seconds, so each
    test process loads it once per set of apps, key and clock, and later calls copy it in."""
    from core.db import close_orm, init_orm
    from core.demo import load_demo

    if not isinstance(app.clock, FixedClock):
        return await load_demo(app)
    key = (_template_key(app.settings, app.db_config), app.settings.secret_key, app.clock.now().isoformat())
    loaded = key in _demo_snapshots
    context = None if loaded else await load_demo(app)
    await close_orm()
    if loaded:
        await _restore(app.settings, _demo_snapshots[key])
    else:
        _demo_snapshots[key] = await _snapshot(app.settings, f"demo{len(_demo_snapshots)}")
    await init_orm(app.db_config)
    return context or await _demo_context(app)


async def _demo_context(app: Fengqiao):
    """The ``DemoContext`` of a demo database loaded earlier (its rows, found by their codes)."""
    import random

    from core.demo import MAIN_STATION, STATION_ROLES, STATIONS, DemoContext, demo_username
    from core.identity.models import Area, Station, User

    stations = {code: await Station.get(code=code) for code, *_ in STATIONS}
    areas = {code: list(await Area.filter(station_id=station.id).order_by("id")) for code, station in stations.items()}
    users = {
        (code, role): await User.get(username=demo_username(code, role)) for code in stations for role in STATION_ROLES
    }
    return DemoContext(app, stations, areas, users, random.Random(20200820), MAIN_STATION)


def make_settings(database_url: str, plugins: Sequence[str] | None = None, **overrides: Any) -> Settings:
    settings = load_settings(environ={}, overrides={"database_url": database_url, "secret_key": TEST_SECRET})
    settings = dataclasses.replace(
        settings, plugins=PluginSettings(enabled=tuple(plugins) if plugins is not None else None, third_party=False)
    )
    return dataclasses.replace(settings, **overrides) if overrides else settings


@contextlib.asynccontextmanager
async def running_app(
    settings: Settings, *, extra_plugins: Iterable[Any] = (), clock: Clock | None = None
) -> AsyncIterator[Fengqiao]:
    app = Fengqiao.create(settings, extra_plugins=extra_plugins, clock=clock)
    await _database_from_template(settings, app.db_config)
    await app.start(migrate=False)
    try:
        yield app
    finally:
        await app.stop()


class GraphQLClient:
    """A GraphQL client over HTTP to an in-process app."""

    def __init__(self, app: Fengqiao, token: str | None = None, client_address: str = "127.0.0.1") -> None:
        from core.app import create_app

        self.app = app
        self.token = token
        self._asgi = create_app(app)
        self._transport = httpx.ASGITransport(app=self._asgi, client=(client_address, 5555))

    def as_user(self, token: str | None) -> GraphQLClient:
        clone = GraphQLClient.__new__(GraphQLClient)
        clone.__dict__.update(self.__dict__)
        clone.token = token
        return clone

    async def post(self, payload: dict[str, Any]) -> httpx.Response:
        headers = {"Authorization": f"Bearer {self.token}"} if self.token else {}
        async with httpx.AsyncClient(transport=self._transport, base_url="http://fengqiao.test") as http:
            return await http.post("/graphql", json=payload, headers=headers)

    async def execute(self, query: str, variables: dict[str, Any] | None = None) -> dict[str, Any]:
        """The whole response body (``data`` and maybe ``errors``)."""
        response = await self.post({"query": query, "variables": variables or {}})
        return response.json()

    async def data(self, query: str, variables: dict[str, Any] | None = None) -> dict[str, Any]:
        """``data`` of a response that must have no errors."""
        body = await self.execute(query, variables)
        assert not body.get("errors"), body["errors"]
        return body["data"]

    async def mutate(self, query: str, variables: dict[str, Any] | None = None) -> dict[str, Any]:
        """The payload of a single-mutation document that must succeed (no ``errors``)."""
        data = await self.data(query, variables)
        payload = next(iter(data.values()))
        assert payload["errors"] == [], payload["errors"]
        return payload


_sequence = itertools.count(1)


async def create_station(
    app: Fengqiao,
    *,
    name: str = "渠县公安局城东派出所",
    code: str | None = None,
    station_class: str = "ONE",
    plugins: Sequence[str] | None = None,
):
    """A station with a small realistic area tree (town → community → grid → compound)."""
    from core.audit import audit_context
    from core.db import transaction
    from core.identity.actor import SYSTEM
    from core.identity.models import AreaKind, StationClass
    from core.identity.services import create_area
    from core.identity.services import create_station as make

    admin = dataclasses.replace(SYSTEM, roles=frozenset({Role.BUREAU_ADMIN}))
    with audit_context(admin):
        async with transaction():
            station = await make(name, code or f"ST-{next(_sequence)}", StationClass(station_class), plugins)
            town = await create_area(admin, station.id, "城东街道", AreaKind.TOWN, None)
            community = await create_area(admin, station.id, "文峰社区", AreaKind.COMMUNITY, town.id)
            village = await create_area(admin, station.id, "白塔村", AreaKind.VILLAGE, town.id)
            grid = await create_area(admin, station.id, "文峰一网格", AreaKind.GRID, community.id)
            compound = await create_area(admin, station.id, "滨江花园小区", AreaKind.COMPOUND, grid.id)
    station.test_areas = {"town": town, "community": community, "village": village, "grid": grid, "compound": compound}
    return station


async def create_user(
    app: Fengqiao,
    station,
    *roles: Role,
    username: str | None = None,
    password: str = TEST_PASSWORD,
    display_name: str = "李警官",
):
    from core.audit import audit_context
    from core.db import transaction
    from core.identity.actor import SYSTEM
    from core.identity.services import create_user as make

    admin = dataclasses.replace(SYSTEM, roles=frozenset({Role.BUREAU_ADMIN}))
    username = username or f"user{next(_sequence)}"
    with audit_context(admin):
        async with transaction():
            return await make(
                admin,
                username,
                password,
                display_name,
                list(roles) or [Role.OFFICER],
                station.id if station is not None else None,
            )


def token_for(app: Fengqiao, user) -> str:
    from core.identity.tokens import issue_token

    ttl = dt.timedelta(minutes=app.settings.auth.token_ttl_minutes)
    return issue_token(app.token_secret, user.id, user.token_version, app.clock.now(), ttl)


@contextlib.contextmanager
def count_queries():
    """Count SQL statements sent to the database inside the block (``counter.count``)."""

    class Counter(logging.Handler):
        count = 0
        statements: list[str] = []

        @property
        def writes(self) -> list[str]:
            """The statements that change rows (INSERT, UPDATE, DELETE)."""
            return [s for s in self.statements if s.lstrip().split(" ", 1)[0].upper() in {"INSERT", "UPDATE", "DELETE"}]

        @property
        def reads(self) -> list[str]:
            """The statements that only read."""
            return [s for s in self.statements if s not in self.writes]

        def emit(self, record: logging.LogRecord) -> None:
            message = record.getMessage()
            if (
                message.lstrip().split(" ", 1)[0].upper() in {"SELECT", "INSERT", "UPDATE", "DELETE", "WITH"}
                or ": SELECT" in message
                or ": INSERT" in message
            ):
                self.count += 1
                self.statements.append(message)

    counter = Counter()
    counter.statements = []
    logger = logging.getLogger("tortoise.db_client")
    previous = logger.level
    logger.addHandler(counter)
    logger.setLevel(logging.DEBUG)
    try:
        yield counter
    finally:
        logger.removeHandler(counter)
        logger.setLevel(previous)


async def sqlite_plan(logged: str) -> list[str]:
    """SQLite's ``EXPLAIN QUERY PLAN`` details of a statement as ``count_queries`` recorded it
    (``SQL: [parameters]``). Without ``ANALYZE`` statistics SQLite plans the same whatever
    the parameters' values, so they are bound as ``NULL``."""
    from tortoise import connections

    sql = logged.partition(": [")[0]
    _, rows = await connections.get("default").execute_query("EXPLAIN QUERY PLAN " + sql, [None] * sql.count("?"))
    return [row["detail"] for row in rows]


# --- pytest fixtures --------------------------------------------------------------------------


@pytest.fixture
def clock() -> FixedClock:
    """A clock standing at the article's date (2020-08-20 09:00, Asia/Shanghai)."""
    return FixedClock(DEFAULT_NOW)


@pytest.fixture
async def make_app(tmp_path, clock):
    """``await make_app(plugins=[...], extra_plugins=[...], **settings)`` → a started app on a
    fresh database (stopped after the test; a second call stops the first app)."""
    counter = itertools.count()
    running: list[contextlib.AsyncExitStack] = []

    async def factory(
        plugins: Sequence[str] | None = None,
        *,
        extra_plugins: Iterable[Any] = (),
        clock: Clock | None = clock,
        **overrides: Any,
    ) -> Fengqiao:
        while running:
            await running.pop().aclose()
        directory = tmp_path / f"db{next(counter)}"
        directory.mkdir()
        if "storage" not in overrides:
            from core.storage.settings import StorageSettings

            # Files of each test app stay in its own folder, whatever the database.
            overrides["storage"] = StorageSettings(path=str(directory / "files"))
        settings = make_settings(test_database_url(directory), plugins, **overrides)
        stack = contextlib.AsyncExitStack()
        running.append(stack)
        return await stack.enter_async_context(running_app(settings, extra_plugins=extra_plugins, clock=clock))

    yield factory
    while running:
        await running.pop().aclose()


@pytest.fixture
async def app(make_app) -> Fengqiao:
    """The application with every built-in plugin."""
    return await make_app()


@pytest.fixture
def client(app) -> GraphQLClient:
    """An anonymous GraphQL client."""
    return GraphQLClient(app)


@pytest.fixture
async def station(app):
    """渠县公安局城东派出所 with a small area tree (``station.test_areas``)."""
    return await create_station(app)


@pytest.fixture
async def other_station(app):
    """A second station, for isolation tests."""
    return await create_station(app, name="渠县公安局临巴派出所", station_class="THREE")


@pytest.fixture
def login_as(app):
    """``await login_as(Role.OFFICER, station)`` → a GraphQL client with that user's token
    (``client.user`` is the user row)."""

    async def login(*roles: Role, station=None, **kwargs: Any) -> GraphQLClient:
        user = await create_user(app, station, *roles, **kwargs)
        logged_in = GraphQLClient(app, token_for(app, user))
        logged_in.user = user
        return logged_in

    return login


# --- schema-driven checks ---------------------------------------------------------------------


def _sample_value(graphql_type):
    from graphql import (
        GraphQLEnumType,
        GraphQLInputObjectType,
        GraphQLList,
        GraphQLNonNull,
        GraphQLScalarType,
    )

    if isinstance(graphql_type, GraphQLNonNull):
        return _sample_value(graphql_type.of_type)
    if isinstance(graphql_type, GraphQLList):
        return []
    if isinstance(graphql_type, GraphQLEnumType):
        return next(iter(graphql_type.values))
    if isinstance(graphql_type, GraphQLInputObjectType):
        return {
            name: _sample_value(field.type)
            for name, field in graphql_type.fields.items()
            if isinstance(field.type, GraphQLNonNull) and field.default_value is not None.__class__
        }
    if isinstance(graphql_type, GraphQLScalarType):
        return {
            "Int": 1,
            "Float": 1.0,
            "Boolean": False,
            "Date": "2020-08-20",
            "DateTime": "2020-08-20T09:00:00+08:00",
            "JSON": {},
            "ID": "eA",
            "String": "x",
            "Upload": None,
        }.get(graphql_type.name, "x")
    raise TypeError(graphql_type)


def root_field_documents(app: Fengqiao):
    """For every guarded root query and mutation field: ``(root, name, guard, document, variables)``
    with made-up arguments valid for the schema, selecting only ``__typename``."""
    from graphql import GraphQLNonNull, get_named_type, is_leaf_type

    from core.graphql.fields import guard_of

    schema = app.schema
    for root, operation in ((schema.query, "query"), (schema.mutation, "mutation")):
        if root is None:
            continue
        graphql_root = schema._schema.query_type if operation == "query" else schema._schema.mutation_type
        for field in root.__strawberry_definition__.fields:
            name = field.graphql_name or _graphql_name(field.python_name)
            graphql_field = graphql_root.fields[name]
            required = {arg: spec for arg, spec in graphql_field.args.items() if isinstance(spec.type, GraphQLNonNull)}
            declarations = ", ".join(f"${arg}: {spec.type}" for arg, spec in required.items())
            arguments = ", ".join(f"{arg}: ${arg}" for arg in required)
            selection = "" if is_leaf_type(get_named_type(graphql_field.type)) else " { __typename }"
            head = f"{operation} Check({declarations})" if declarations else operation
            call = f"{name}({arguments})" if arguments else name
            variables = {arg: _sample_value(spec.type) for arg, spec in required.items()}
            yield operation, name, guard_of(field), f"{head} {{ {call}{selection} }}", variables


def _graphql_name(python_name: str) -> str:
    from strawberry.schema.config import StrawberryConfig

    return StrawberryConfig().name_converter.apply_naming_config(python_name)
