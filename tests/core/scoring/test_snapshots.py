"""Monthly snapshots: freezing, answers from the snapshot, explicit audited re-freeze, CLI."""

import asyncio
import subprocess
import sys

from core import Role
from core.audit.models import AuditEvent
from core.scoring.models import ScoreSnapshot
from core.testing import TEST_SECRET, create_station
from tests.core.scoring.conftest import station_gid

JULY = {"start": "2020-07-01", "end": "2020-07-31"}

FREEZE = """
mutation($input: FreezeMonthlyScoresInput!) {
  freezeMonthlyScores(input: $input) {
    month revision frozenAt
    ranking { rank total station { name } }
    errors { field message code }
  }
}"""

SCORE = """
query($id: ID!, $period: PeriodInput!) {
  stationScore(stationId: $id, period: $period) { total frozen revision indicators { key value score } }
}"""

RANKING = """
query($period: PeriodInput!, $cls: StationClass) {
  stationRanking(period: $period, stationClass: $cls) { rank total station { name } score { frozen revision } }
}"""


async def two_stations(app, figures):
    east = await create_station(app, name="东所", station_class="ONE", plugins=["alpha"])
    west = await create_station(app, name="西所", station_class="FOUR", plugins=["alpha"])
    figures["alpha.rate"].values.update({east.id: 90, west.id: 45})
    return east, west


async def freeze_errors(client, **input_values):
    data = await client.data(FREEZE, {"input": input_values})
    return data["freezeMonthlyScores"]["errors"]


async def test_bureau_admin_freezes_a_finished_month(app, login_as, figures):
    east, west = await two_stations(app, figures)
    admin = await login_as(Role.BUREAU_ADMIN)

    payload = await admin.mutate(FREEZE, {"input": {"month": "2020-07"}})

    assert (payload["month"], payload["revision"]) == ("2020-07", 1)
    assert [(r["rank"], r["station"]["name"], r["total"]) for r in payload["ranking"]] == [
        (1, "东所", 100.0),
        (2, "西所", 50.0),
    ]
    rows = await ScoreSnapshot.filter(month="2020-07").order_by("rank")
    assert [(row.station_id, row.rank, row.total, row.station_class) for row in rows] == [
        (east.id, 1, 100.0, "ONE"),
        (west.id, 2, 50.0, "FOUR"),
    ]
    event = await AuditEvent.filter(action="core.score.freeze").get()
    assert event.object_id == "2020-07" and event.actor_id == admin.user.id
    assert event.after["totals"] == {east.code: 100.0, west.code: 50.0}


async def test_a_frozen_month_answers_from_the_snapshot_after_old_data_changes(app, login_as, figures):
    east, _ = await two_stations(app, figures)
    admin = await login_as(Role.BUREAU_ADMIN)
    await admin.mutate(FREEZE, {"input": {"month": "2020-07"}})
    figures["alpha.rate"].values[east.id] = 9  # an old record edited after publication

    frozen = (await admin.data(SCORE, {"id": station_gid(east), "period": JULY}))["stationScore"]
    live = (await admin.data(SCORE, {"id": station_gid(east), "period": {"start": "2020-07-01", "end": "2020-07-30"}}))[
        "stationScore"
    ]

    assert (frozen["total"], frozen["frozen"], frozen["revision"]) == (100.0, True, 1)
    assert frozen["indicators"][0] == {"key": "alpha.rate", "value": 90.0, "score": 100.0}
    assert (live["total"], live["frozen"]) == (10.0, False)


async def test_a_frozen_ranking_keeps_its_order_and_classes(app, login_as, figures):
    east, west = await two_stations(app, figures)
    admin = await login_as(Role.BUREAU_ADMIN)
    await admin.mutate(FREEZE, {"input": {"month": "2020-07"}})
    figures["alpha.rate"].values.update({east.id: 9, west.id: 90})

    ranking = (await admin.data(RANKING, {"period": JULY}))["stationRanking"]
    class_four = (await admin.data(RANKING, {"period": JULY, "cls": "FOUR"}))["stationRanking"]

    assert [(r["rank"], r["station"]["name"], r["score"]["frozen"]) for r in ranking] == [
        (1, "东所", True),
        (2, "西所", True),
    ]
    assert [(r["rank"], r["station"]["name"], r["total"]) for r in class_four] == [(1, "西所", 50.0)]


async def test_station_users_see_only_their_station_in_a_frozen_ranking(app, login_as, figures):
    east, west = await two_stations(app, figures)
    admin = await login_as(Role.BUREAU_ADMIN)
    await admin.mutate(FREEZE, {"input": {"month": "2020-07"}})
    chief = await login_as(Role.STATION_CHIEF, station=west)

    ranking = (await chief.data(RANKING, {"period": JULY}))["stationRanking"]

    assert [(r["rank"], r["station"]["name"]) for r in ranking] == [(1, "西所")]


async def test_freezing_a_frozen_month_again_needs_refreeze_and_writes_nothing(app, login_as, figures):
    await two_stations(app, figures)
    admin = await login_as(Role.BUREAU_ADMIN)
    await admin.mutate(FREEZE, {"input": {"month": "2020-07"}})
    events = await AuditEvent.all().count()

    errors = await freeze_errors(admin, month="2020-07")

    assert errors[0]["field"] == "month" and errors[0]["code"] == "CONFLICT"
    assert "already frozen (revision 1)" in errors[0]["message"]
    assert await AuditEvent.all().count() == events
    assert set(await ScoreSnapshot.all().values_list("revision", flat=True)) == {1}


async def test_refreeze_replaces_the_snapshot_with_the_next_revision_and_is_audited(app, login_as, figures):
    east, west = await two_stations(app, figures)
    admin = await login_as(Role.BUREAU_ADMIN)
    await admin.mutate(FREEZE, {"input": {"month": "2020-07"}})
    figures["alpha.rate"].values.update({east.id: 9, west.id: 90})

    payload = await admin.mutate(
        FREEZE, {"input": {"month": "2020-07", "refreeze": True, "reason": "纠正7月数据录入错误"}}
    )

    assert payload["revision"] == 2
    assert [(r["rank"], r["station"]["name"]) for r in payload["ranking"]] == [(1, "西所"), (2, "东所")]
    score = (await admin.data(SCORE, {"id": station_gid(east), "period": JULY}))["stationScore"]
    assert (score["total"], score["revision"]) == (10.0, 2)
    assert await ScoreSnapshot.filter(month="2020-07").count() == 2
    event = await AuditEvent.filter(action="core.score.refreeze").get()
    assert event.before == {"revision": 1, "totals": {east.code: 100.0, west.code: 50.0}}
    assert event.after["revision"] == 2 and event.after["reason"] == "纠正7月数据录入错误"
    assert event.after["totals"] == {east.code: 10.0, west.code: 100.0}


async def test_a_month_that_has_not_ended_cannot_be_frozen(app, login_as, figures):
    await two_stations(app, figures)
    admin = await login_as(Role.BUREAU_ADMIN)

    errors = await freeze_errors(admin, month="2020-08")

    assert errors[0]["field"] == "month" and "has not ended" in errors[0]["message"]
    assert await ScoreSnapshot.all().count() == 0


async def test_a_malformed_month_names_the_field(login_as):
    admin = await login_as(Role.BUREAU_ADMIN)

    errors = await freeze_errors(admin, month="July")

    assert errors == [{"field": "month", "message": "Expected a month as YYYY-MM, got 'July'.", "code": "INVALID"}]


async def test_station_chiefs_may_not_freeze(login_as, station):
    chief = await login_as(Role.STATION_CHIEF, station=station)

    body = await chief.execute(FREEZE, {"input": {"month": "2020-07"}})

    assert body["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    assert await ScoreSnapshot.all().count() == 0


async def test_a_station_created_after_the_freeze_is_scored_live(app, login_as, figures):
    await two_stations(app, figures)
    admin = await login_as(Role.BUREAU_ADMIN)
    await admin.mutate(FREEZE, {"input": {"month": "2020-07"}})
    newcomer = await create_station(app, name="新所", plugins=["alpha"])
    figures["alpha.rate"].values[newcomer.id] = 90

    score = (await admin.data(SCORE, {"id": station_gid(newcomer), "period": JULY}))["stationScore"]
    ranking = (await admin.data(RANKING, {"period": JULY}))["stationRanking"]

    assert (score["total"], score["frozen"]) == (100.0, False)
    assert "新所" not in [r["station"]["name"] for r in ranking]


async def test_score_history_reads_frozen_months_from_the_snapshot(app, login_as, figures):
    east, _ = await two_stations(app, figures)
    admin = await login_as(Role.BUREAU_ADMIN)
    await admin.mutate(FREEZE, {"input": {"month": "2020-07"}})
    figures["alpha.rate"].values[east.id] = 9

    history = (
        await admin.data(
            "query($id: ID!) { scoreHistory(stationId: $id, months: 2) { period { start } total frozen } }",
            {"id": station_gid(east)},
        )
    )["scoreHistory"]

    assert history == [
        {"period": {"start": "2020-07-01"}, "total": 100.0, "frozen": True},
        {"period": {"start": "2020-08-01"}, "total": 10.0, "frozen": False},
    ]


def run_cli(config, *args):
    command = [sys.executable, "-c", "import sys, core.cli; sys.exit(core.cli.main())", "--config", str(config), *args]
    return subprocess.run(command, capture_output=True, text=True, timeout=120)


async def test_cli_snapshot_freezes_and_refuses_a_second_freeze_without_refreeze(tmp_path):
    config = tmp_path / "fengqiao.toml"
    config.write_text(
        f'database_url = "sqlite://{tmp_path / "cli.db"}"\nsecret_key = "{TEST_SECRET}"\n'
        "[plugins]\nenabled = []\nthird_party = false\n",
        encoding="utf-8",
    )

    def scenario():
        created = run_cli(config, "createstation", "--name", "渠县公安局城东派出所", "--code", "511725-CD")
        first = run_cli(config, "scoring", "snapshot", "--month", "2020-07")
        again = run_cli(config, "scoring", "snapshot", "--month", "2020-07")
        refrozen = run_cli(config, "scoring", "snapshot", "--month", "2020-07", "--refreeze", "--reason", "复核")
        return created, first, again, refrozen

    created, first, again, refrozen = await asyncio.to_thread(scenario)

    assert created.returncode == 0, created.stderr
    assert first.returncode == 0, first.stderr
    assert "froze 2020-07 (revision 1): 1 stations" in first.stdout
    assert "511725-CD" in first.stdout
    assert again.returncode == 2
    assert "month: 2020-07 is already frozen" in again.stderr
    assert refrozen.returncode == 0 and "revision 2" in refrozen.stdout


async def test_freezing_without_any_station_is_refused(login_as):
    admin = await login_as(Role.BUREAU_ADMIN)

    errors = await freeze_errors(admin, month="2020-07")

    assert errors[0]["field"] == "month" and "no stations" in errors[0]["message"]
    assert await AuditEvent.filter(action="core.score.freeze").count() == 0
