"""Auditors by station: one created for a station reads that station's audit log only; one
created without a station reads the whole deployment's."""

import io
import sys

from core import Role
from core.cli import main
from core.testing import GraphQLClient, create_user, token_for

EVENTS = "{ auditEvents(first: 200) { totalCount nodes { stationId action } } }"
ADD = 'mutation { addSamplePerson(input: {name: "王五"}) { errors { message } } }'


async def _stations_seen(client) -> set:
    data = await client.data(EVENTS)
    return {node["stationId"] for node in data["auditEvents"]["nodes"]}


async def test_a_station_auditor_reads_only_its_station(app, station, other_station, login_as):
    from core.graphql.ids import to_global_id

    for where in (station, other_station):
        officer = await login_as(Role.OFFICER, station=where)
        await officer.mutate(ADD)
    local = GraphQLClient(app, token_for(app, await create_user(app, station, Role.AUDITOR)))
    everywhere = GraphQLClient(app, token_for(app, await create_user(app, None, Role.AUDITOR)))
    assert await _stations_seen(local) == {to_global_id("Station", station.id)}
    assert {to_global_id("Station", s.id) for s in (station, other_station)} <= await _stations_seen(everywhere)


def test_createuser_keeps_the_station_of_an_auditor(tmp_path, monkeypatch, capsys):
    config = tmp_path / "fengqiao.toml"
    config.write_text(
        f'database_url = "sqlite://{tmp_path / "cli.db"}"\n'
        'secret_key = "cli-test-secret-0123456789-abcdefghijkl"\n'
        "[plugins]\nenabled = []\nthird_party = false\n",
        encoding="utf-8",
    )
    assert main(["--config", str(config), "createstation", "--name", "城东派出所", "--code", "CD"]) == 0
    monkeypatch.setattr(sys, "stdin", io.StringIO("a-long-enough-password\n"))
    args = ["createuser", "--username", "cd.auditor", "--role", "AUDITOR", "--station", "CD", "--password-stdin"]
    assert main(["--config", str(config), *args]) == 0
    import sqlite3

    with sqlite3.connect(tmp_path / "cli.db") as db:
        station_id = db.execute("SELECT station_id FROM core_user WHERE username = 'cd.auditor'").fetchone()[0]
    assert station_id is not None
