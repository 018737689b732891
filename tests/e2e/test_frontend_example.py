"""The typed client example's persisted-operations manifest stays valid: registered with the
``fengqiao operations register`` command on a trusted-documents deployment, its operations run
by hash through the HTTP app (examples/frontend-typescript; CI regenerates the manifest)."""

from __future__ import annotations

import asyncio
import json
import subprocess
from pathlib import Path

import pytest

from core import Role
from core.config import ServerSettings
from core.testing import TEST_PASSWORD, TEST_SECRET, GraphQLClient, create_station, create_user, token_for
from tests.plugins.mediation import flows

MANIFEST = Path(__file__).resolve().parents[2] / "examples/frontend-typescript/src/gql/persisted-documents.json"


def operation_hashes() -> dict[str, str]:
    """``{operation name: sha256 hex}`` of the manifest."""
    names = {}
    for key, document in json.loads(MANIFEST.read_text(encoding="utf-8")).items():
        name = document.split("(", 1)[0].split("{", 1)[0].split()[1]
        names[name] = key.removeprefix("sha256:")
    return names


def by_hash(name: str, variables: dict | None = None) -> dict:
    persisted = {"version": 1, "sha256Hash": operation_hashes()[name]}
    return {"operationName": name, "variables": variables or {}, "extensions": {"persistedQuery": persisted}}


@pytest.fixture
async def trusted(make_app, tmp_path):
    """Every built-in plugin, ``persisted_only = true``, and the example's manifest registered
    by the command line against the same database."""
    app = await make_app(server=ServerSettings(persisted_only=True))
    config = tmp_path / "fengqiao.toml"
    config.write_text(
        f'database_url = "{app.settings.database_url}"\nsecret_key = "{TEST_SECRET}"\n'
        "[plugins]\nthird_party = false\n",
        encoding="utf-8",
    )
    result = await asyncio.to_thread(
        subprocess.run,
        ["fengqiao", "--config", str(config), "operations", "register", str(MANIFEST), "--client", "dashboard@test"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert f"{len(operation_hashes())} new" in result.stdout
    return app


async def test_the_example_logs_in_by_hash_on_a_trusted_deployment(trusted):
    station = await create_station(trusted)
    user = await create_user(trusted, station, Role.STATION_CHIEF, username="cd.chief")
    variables = {"input": {"username": "cd.chief", "password": TEST_PASSWORD}}
    body = (await GraphQLClient(trusted).post(by_hash("Login", variables))).json()
    login = body["data"]["login"]
    assert login["errors"] == [] and login["token"]
    assert login["user"]["station"]["code"] == station.code
    assert login["user"]["displayName"] == user.display_name


async def test_the_example_lists_open_red_disputes_by_hash(trusted):
    station = await create_station(trusted)
    officer_user = await create_user(trusted, station, Role.OFFICER)
    chief_user = await create_user(trusted, station, Role.STATION_CHIEF)
    await report_red_dispute(trusted, station, officer_user)
    chief = GraphQLClient(trusted, token_for(trusted, chief_user))
    body = (await chief.post(by_hash("OpenDisputesByColour", {"riskLevel": "RED"}))).json()
    disputes = body["data"]["disputes"]
    assert disputes["totalCount"] == 1
    assert disputes["nodes"][0]["riskLevel"] == "RED" and disputes["nodes"][0]["status"] == "REPORTED"
    blue = (await chief.post(by_hash("OpenDisputesByColour", {"riskLevel": "BLUE"}))).json()
    assert blue["data"]["disputes"]["totalCount"] == 0


async def report_red_dispute(app, station, user) -> None:
    """An intake client (another registered build) reports a dispute that starts RED."""
    from core.operations.registry import check_manifest, register_operations, sha256_of

    document = flows.REPORT
    await register_operations(check_manifest({sha256_of(document): document}, app.schema._schema), "intake@test")
    client = GraphQLClient(app, token_for(app, user))
    variables = {"input": flows.dispute_input(station, riskFactors=["THREAT_OF_VIOLENCE"])}
    body = (await client.post({"query": document, "variables": variables})).json()
    assert body["data"] and not next(iter(body["data"].values()))["errors"], body
