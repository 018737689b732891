"""Demo data: stations with realistic area trees, one user per role, then every enabled
plugin's ``fengqiao_demo_data``. The main station is the article's 渠县公安局城东派出所."""

from __future__ import annotations

import dataclasses
import inspect
import random
import secrets
from typing import Any, TextIO

from core.audit import audit_context
from core.contract import Role
from core.db import transaction
from core.demo_peers import place_among_peers
from core.geo.demo import place_demo_areas
from core.identity.actor import SYSTEM
from core.identity.models import Area, AreaKind, Station, StationClass, User
from core.identity.services import create_area, create_station, create_user
from core.occurrence import history_import
from core.webhooks.demo import add_demo_webhook

MAIN_STATION = "511725-CD"
# (code, name, class, area tree). Tree: town -> [(kind, name, [children])].
STATIONS = [
    (
        MAIN_STATION,
        "渠县公安局城东派出所",
        StationClass.FOUR,  # the article: ranked among the province's class-four stations
        (
            "城东街道",
            [
                (
                    AreaKind.COMMUNITY,
                    "文峰社区",
                    [
                        (
                            AreaKind.GRID,
                            "文峰一网格",
                            [(AreaKind.COMPOUND, "滨江花园小区", []), (AreaKind.COMPOUND, "文峰苑小区", [])],
                        ),
                        (AreaKind.GRID, "文峰二网格", [(AreaKind.COMPOUND, "锦绣城小区", [])]),
                    ],
                ),
                (
                    AreaKind.COMMUNITY,
                    "宕渠社区",
                    [
                        (
                            AreaKind.GRID,
                            "宕渠一网格",
                            [(AreaKind.COMPOUND, "宕渠名都小区", []), (AreaKind.COMPOUND, "紫金苑小区", [])],
                        )
                    ],
                ),
                (
                    AreaKind.COMMUNITY,
                    "渠江社区",
                    [
                        (
                            AreaKind.GRID,
                            "渠江一网格",
                            [(AreaKind.COMPOUND, "江景湾小区", []), (AreaKind.COMPOUND, "翰林华府小区", [])],
                        )
                    ],
                ),
                (AreaKind.VILLAGE, "白塔村", [(AreaKind.GRID, "白塔村一组网格", [])]),
                (AreaKind.VILLAGE, "柏林村", [(AreaKind.GRID, "柏林村网格", [])]),
            ],
        ),
    ),
    (
        "511725-LB",
        "渠县公安局临巴派出所",
        StationClass.THREE,
        (
            "临巴镇",
            [
                (AreaKind.VILLAGE, "临巴村", [(AreaKind.GRID, "临巴村网格", [])]),
                (
                    AreaKind.COMMUNITY,
                    "临巴社区",
                    [(AreaKind.GRID, "临巴社区网格", [(AreaKind.COMPOUND, "临江小区", [])])],
                ),
            ],
        ),
    ),
    (
        "511725-SH",
        "渠县公安局三汇派出所",
        StationClass.FOUR,
        (
            "三汇镇",
            [
                (AreaKind.VILLAGE, "汇东村", [(AreaKind.GRID, "汇东村网格", [])]),
                (AreaKind.COMMUNITY, "汇西社区", [(AreaKind.GRID, "汇西社区网格", [])]),
            ],
        ),
    ),
]
STATION_ROLES = [
    Role.STATION_CHIEF,
    Role.OFFICER,
    Role.AUXILIARY,
    Role.GRID_WORKER,
    Role.MEDIATOR,
    Role.VOLUNTEER,
    Role.RESIDENT,
]
DEMO_NAMES = {
    Role.STATION_CHIEF: "王所长",
    Role.OFFICER: "李警官",
    Role.AUXILIARY: "张辅警",
    Role.GRID_WORKER: "刘网格员",
    Role.MEDIATOR: "陈调解员",
    Role.VOLUNTEER: "赵志愿者",
    Role.RESIDENT: "孙群众",
}


@dataclasses.dataclass
class DemoContext:
    """What plugins get in ``fengqiao_demo_data``."""

    app: Any
    stations: dict[str, Station]
    areas: dict[str, list[Area]]
    users: dict[tuple[str, Role], User]
    random: random.Random
    main_station_code: str = MAIN_STATION
    # Coordinates draw from their own generator, so placing things on the map leaves every
    # other demo figure as it was.
    places: random.Random = dataclasses.field(default_factory=lambda: random.Random(511725))

    @property
    def main_station(self) -> Station:
        return self.stations[self.main_station_code]

    def areas_of(self, station: Station, *kinds: AreaKind) -> list[Area]:
        return [a for a in self.areas[station.code] if not kinds or a.kind in kinds]

    def user(self, station: Station, role: Role) -> User:
        return self.users[(station.code, role)]

    def point_in(self, area: Area) -> tuple[float, float] | None:
        """A plausible WGS-84 (longitude, latitude) inside the demo area; None without a boundary."""
        from core.geo.demo import point_in

        return point_in(area, self.places) if area.boundary else None

    @property
    def clock(self):
        return self.app.clock


async def load_demo(app: Any, *, out: TextIO | None = None, seed: int = 20200820) -> DemoContext:
    """Create the demo deployment. Refuses to run twice (the main station exists)."""
    from core.errors import ConfigError

    if await Station.filter(code=MAIN_STATION).exists():
        raise ConfigError("demo data is already loaded (station 511725-CD exists); use a fresh database")
    admin = dataclasses.replace(SYSTEM, roles=frozenset({Role.BUREAU_ADMIN}))
    passwords: list[tuple[str, str, str]] = []
    context = DemoContext(app, {}, {}, {}, random.Random(seed))
    with audit_context(admin):
        async with transaction():
            for code, name, station_class, tree in STATIONS:
                station = await create_station(name, code, station_class)
                context.stations[code] = station
                context.areas[code] = await _area_tree(admin, station, tree)
                await place_demo_areas(code, context.areas[code])
                for role in STATION_ROLES:
                    username = demo_username(code, role)
                    user = await _demo_user(admin, username, DEMO_NAMES[role], role, station.id, passwords)
                    context.users[(code, role)] = user
            for role, username in ((Role.BUREAU_ADMIN, "bureau.admin"), (Role.AUDITOR, "bureau.auditor")):
                await _demo_user(
                    admin,
                    username,
                    "县局" + ("管理员" if role is Role.BUREAU_ADMIN else "审计员"),
                    role,
                    None,
                    passwords,
                )
        for plugin, result in app.plugins.call_each("fengqiao_demo_data", demo=context):
            if inspect.isawaitable(result):
                with history_import():  # months of history, not today's entries
                    async with transaction():
                        await result
            if out:
                print(f"demo data loaded: {plugin.name}", file=out)
        async with transaction():
            peers = await place_among_peers(context)
            await add_demo_webhook(context.stations[MAIN_STATION].id, app.clock.now())
        if out:
            print(f"demo data loaded: {peers} peer stations of the province, last month's 一网考 frozen", file=out)
    if out:
        print("\nDemo accounts (passwords are shown only now):", file=out)
        for username, role, password in passwords:
            print(f"  {username:<28} {role:<14} {password}", file=out)
    return context


def demo_username(station_code: str, role: Role) -> str:
    """The demo account of a role at a station: ``cd.officer`` for 511725-CD."""
    return f"{station_code.split('-')[1].lower()}.{role.value.lower()}"


async def _area_tree(actor, station: Station, tree) -> list[Area]:
    town_name, children = tree
    created = [await create_area(actor, station.id, town_name, AreaKind.TOWN, None)]

    async def add(parent: Area, items) -> None:
        for kind, name, grandchildren in items:
            area = await create_area(actor, station.id, name, kind, parent.id)
            created.append(area)
            await add(area, grandchildren)

    await add(created[0], children)
    return created


async def _demo_user(actor, username, display_name, role, station_id, passwords) -> User:
    password = secrets.token_urlsafe(12)
    user = await create_user(actor, username, password, display_name, [role], station_id)
    passwords.append((username, role.value, password))
    return user
