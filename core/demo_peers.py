"""Demo peers: the article's station among the stations of its county and its province.

The article: first among 渠县's stations in 2019, and 52nd of the province's 496 class-four
stations (四类派出所) in the 一网考. The demo places the three demo stations in 渠县 (四川省 →
达州市 → 渠县) and adds the rest of the province's stations — named, classed and placed in
their counties, without users or records of their own. Their results of last month arrive as
the province's frozen evaluation (一网考 import): one frozen snapshot holding the demo
stations' real scores, computed by the engine, beside the peers' imported totals. A front end
then shows "第 N 名 / 496" for that month, and every live period ranks the demo stations on
their own data.
"""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

from core import audit
from core.identity.models import Region, RegionLevel, Station, StationClass
from core.periods import Period
from core.scoring import snapshots
from core.scoring.engine import StationResult, engine_for
from core.scoring.services import rank

PROVINCE_CLASS_FOUR = 496  # 全省四类派出所 (the article)
ARTICLE_RANK = 52  # 一网考: 52nd of the province's class-four stations
# (city code, city, [(county code, county)]); 渠县 first — the demo stations' county.
CITIES = [
    ("5117", "达州市", [("511725", "渠县"), ("511702", "通川区"), ("511703", "达川区"), ("511722", "宣汉县"),
                        ("511723", "开江县"), ("511724", "大竹县"), ("511781", "万源市")]),
    ("5101", "成都市", [("510104", "锦江区"), ("510105", "青羊区"), ("510107", "武侯区"), ("510112", "龙泉驿区")]),
    ("5107", "绵阳市", [("510703", "涪城区"), ("510704", "游仙区"), ("510722", "三台县")]),
    ("5113", "南充市", [("511302", "顺庆区"), ("511321", "南部县"), ("511381", "阆中市")]),
    ("5116", "广安市", [("511602", "广安区"), ("511623", "邻水县")]),
    ("5119", "巴中市", [("511902", "巴州区"), ("511921", "通江县")]),
]  # fmt: skip
# Stations of 渠县 besides the three demo stations (the county ranks them all).
COUNTY_PEERS = [("天星", StationClass.FOUR), ("渠南", StationClass.FOUR), ("有庆", StationClass.FOUR),
                ("涌兴", StationClass.THREE), ("土溪", StationClass.FOUR)]  # fmt: skip
TOWNS = "城关 东城 西城 南关 北街 新华 先锋 和平 建设 长安 永安 太平 清河 石桥 金山 柳林 白马 龙泉 凤凰 青龙".split()


async def place_among_peers(demo: Any) -> int:
    """Create the province, place the demo stations and add their peers; freeze last month's
    evaluation with the peers' imported totals. Returns the number of peer stations."""
    province = await Region.create(name="四川省", code="51", level=RegionLevel.PROVINCE)
    counties: list[Region] = []
    for city_code, city_name, county_list in CITIES:
        city = await Region.create(name=city_name, code=city_code, level=RegionLevel.CITY, parent=province)
        for code, name in county_list:
            counties.append(await Region.create(name=name, code=code, level=RegionLevel.COUNTY, parent=city))
    home = counties[0]
    for station in demo.stations.values():
        station.region = home
        await station.save(update_fields=["region_id"])
    peers = _peer_stations(demo, home, counties)
    await Station.bulk_create(peers, batch_size=500)
    await audit.record(
        "core.demo.place_peers",
        object_type="Region",
        object_id=province.code,
        after={"regions": 1 + len(CITIES) + len(counties), "peer_stations": len(peers), "home_county": home.code},
    )
    await _freeze_last_month(demo)
    return len(peers)


def _peer_stations(demo: Any, home: Region, counties: list[Region]) -> list[Station]:
    plugins = list(demo.main_station.enabled_plugins)
    existing_four = sum(1 for s in demo.stations.values() if s.station_class is StationClass.FOUR)
    peers = [
        Station(name=f"渠县公安局{name}派出所", code=f"511725-P{index:02d}", station_class=cls, region=home,
                enabled_plugins=plugins)
        for index, (name, cls) in enumerate(COUNTY_PEERS, start=1)
    ]  # fmt: skip
    missing = PROVINCE_CLASS_FOUR - existing_four - sum(1 for p in peers if p.station_class is StationClass.FOUR)
    others = counties[1:]
    for index in range(missing):
        county = others[index % len(others)]
        town = TOWNS[(index // len(others)) % len(TOWNS)]
        serial = index // (len(others) * len(TOWNS))
        name = f"{county.name}公安局{town}{'' if serial == 0 else serial + 1}派出所"
        peers.append(
            Station(name=name, code=f"{county.code}-{index:04d}", station_class=StationClass.FOUR, region=county,
                    enabled_plugins=plugins)
        )  # fmt: skip
    return peers


async def _freeze_last_month(demo: Any) -> None:
    today = demo.clock.today()
    last = today.replace(day=1) - dt.timedelta(days=1)
    period = Period.month(last.year, last.month)
    month = snapshots.month_text(period)
    own = await engine_for(demo.app).score(list(demo.stations.values()), period)
    reference = own[demo.main_station.id].total
    reference = 85.0 if reference is None else reference
    generator = random.Random(demo.random.random())
    peers = await Station.filter(region_id__isnull=False).exclude(id__in=list(own)).order_by("id")
    above = _peers_above(demo, own, peers, reference, generator)
    results = list(own.values())
    for station in peers:
        if station.id in above:
            total = min(reference + generator.uniform(0.1, max(100.0 - reference, 0.1)), 100.0)
        elif station.code.startswith("511725-"):
            total = reference - generator.uniform(1.0, 12.0)  # first among the county's stations
        else:
            total = reference - generator.uniform(0.1, 25.0)
        results.append(StationResult(station, period, round(max(total, 30.0), 2), ()))
    ranked = rank(results)
    await snapshots.replace_month(
        month,
        [(entry.rank, entry.result) for entry in ranked],
        revision=1,
        frozen_at=demo.clock.now(),
        frozen_by="一网考",
    )
    await audit.record(
        "core.score.freeze",
        object_type="ScoreSnapshot",
        object_id=month,
        after={"revision": 1, "stations": len(ranked), "source": "demo: the province's 一网考 import"},
    )


def _peers_above(
    demo: Any, own: dict[int, StationResult], peers: list[Station], reference: float, generator
) -> set[int]:
    """The class-four peers outside 渠县 that scored above the article's station: as many as
    make it 52nd of the province's class-four stations (demo stations above it count too)."""
    main = demo.main_station
    own_above = sum(
        1
        for result in own.values()
        if result.station.id != main.id
        and result.station.station_class is StationClass.FOUR
        and (result.total or 0.0) > reference
    )
    candidates = [p.id for p in peers if p.station_class is StationClass.FOUR and not p.code.startswith("511725-")]
    return set(generator.sample(candidates, max(ARTICLE_RANK - 1 - own_above, 0)))
