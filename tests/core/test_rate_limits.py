"""Rate limits for everyone: per user or per address, reads, writes and exports apart,
shared across workers through Redis, and no trust in forwarded headers unless configured."""

import asyncio
import contextlib
import os
import shutil
import socket

import httpx
import pytest

import tests.core.sample_plugin as sample
from core import Role
from core.audit.models import AuditEvent
from core.config import RateLimitSettings
from core.identity.actor import Actor
from core.ratelimit import Category, RateLimits, categorise
from core.testing import GraphQLClient, token_for

READ = "{ samplePeople { totalCount } }"
WRITE = 'mutation { addSamplePerson(input: {name: "王五"}) { errors { code } } }'
LOGIN = 'mutation { login(input: {username: "nobody.here", password: "x"}) { errors { code } } }'
REDIS_URL = "redis://127.0.0.1:6379/14"


async def limited_app(make_app, **limits):
    return await make_app(["sample"], extra_plugins=[sample], rate_limits=RateLimitSettings(**limits))


async def test_a_user_is_limited_on_reads_and_others_are_not(make_app):
    from core.testing import create_station, create_user

    app = await limited_app(make_app, user_reads_per_minute=3)
    station = await create_station(app)
    first = await create_user(app, station, Role.OFFICER)
    second = await create_user(app, station, Role.OFFICER)
    one, other = GraphQLClient(app, token_for(app, first)), GraphQLClient(app, token_for(app, second))
    codes = [(await one.execute(READ)).get("errors", [{}])[0].get("extensions", {}).get("code") for _ in range(4)]
    assert codes == [None, None, None, "RATE_LIMITED"]
    assert "errors" not in await other.execute(READ)


async def test_reads_and_writes_are_counted_apart(make_app):
    from core.testing import create_station, create_user

    app = await limited_app(make_app, user_reads_per_minute=2, user_writes_per_minute=2)
    station = await create_station(app)
    client = GraphQLClient(app, token_for(app, await create_user(app, station, Role.OFFICER)))
    for _ in range(2):
        assert "errors" not in await client.execute(READ)
    assert (await client.data(WRITE))["addSamplePerson"]["errors"] == []
    assert (await client.data(WRITE))["addSamplePerson"]["errors"] == []
    assert (await client.data(WRITE))["addSamplePerson"]["errors"][0]["code"] == "RATE_LIMITED"
    assert (await client.execute(READ))["errors"][0]["extensions"]["code"] == "RATE_LIMITED"


async def test_anonymous_reads_are_limited_by_address(make_app):
    app = await limited_app(make_app, anonymous_reads_per_minute=2)
    client = GraphQLClient(app)
    codes = [(await client.execute("{ me { id } }")).get("errors") for _ in range(3)]
    assert codes[:2] == [None, None] and codes[2][0]["extensions"]["code"] == "RATE_LIMITED"
    assert "errors" not in await GraphQLClient(app, client_address="10.9.9.9").execute("{ me { id } }")


def test_exports_have_their_own_bucket():
    assert categorise("mutation", ["exportBasicInfo"]) is Category.EXPORT
    assert categorise("query", ["incidents", "exportSomething"]) is Category.EXPORT
    assert categorise("mutation", ["submitTip"]) is Category.WRITE
    assert categorise("subscription", ["samplePeopleAdded"]) is Category.READ


async def test_the_limiter_keeps_no_address():
    limits = RateLimits(RateLimitSettings(), anonymous_writes=5, address_key=b"k" * 32)
    await limits.allow(Category.WRITE, Actor(), "203.0.113.7")
    stored = repr(vars(limits.storage))
    assert "203.0.113.7" not in stored and limits.address_hash("203.0.113.7") in stored


async def _redis_available() -> bool:
    try:
        import redis.asyncio as redis

        client = redis.from_url(REDIS_URL)
        await client.ping()
        await client.aclose()
        return True
    except Exception:  # noqa: BLE001
        return False


async def test_workers_share_one_limit_through_redis():
    if not await _redis_available():
        pytest.skip(f"Redis is not reachable at {REDIS_URL}")
    settings = RateLimitSettings(storage="redis", redis_url=REDIS_URL, user_writes_per_minute=3)
    workers = [RateLimits(settings, anonymous_writes=3, address_key=b"k" * 32) for _ in range(2)]
    await workers[0].reset()
    actor = Actor(user_id=987654, username="shared")
    verdicts = [await workers[i % 2].allow(Category.WRITE, actor, None) for i in range(4)]
    assert verdicts == [True, True, True, False]
    await workers[0].reset()


async def test_anonymous_callers_leave_no_address_in_the_audit_log(app, login_as, station):
    await GraphQLClient(app, client_address="203.0.113.7").execute(LOGIN)
    officer = await login_as(Role.OFFICER, station=station)
    await officer.mutate(WRITE)
    anonymous = await AuditEvent.filter(action="core.user.login_failed").first()
    known = await AuditEvent.filter(action="sample.person.create").first()
    assert anonymous.client_address is None and known.client_address == "127.0.0.1"


# --- a real server: forwarded headers ------------------------------------------------------


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextlib.asynccontextmanager
async def server(tmp_path, *extra_config: str):
    port = free_port()
    config = tmp_path / "fengqiao.toml"
    config.write_text(
        f'database_url = "sqlite://{tmp_path / "server.db"}"\n'
        'secret_key = "server-test-secret-0123456789-abcdefghijkl"\n'
        "[plugins]\nenabled = []\nthird_party = false\n"
        "[limits]\npublic_requests_per_minute = 2\n" + "\n".join(extra_config) + "\n",
        encoding="utf-8",
    )
    environment = {k: v for k, v in os.environ.items() if not k.startswith("FENGQIAO_")}
    process = await asyncio.create_subprocess_exec(
        shutil.which("fengqiao"),
        "--config",
        str(config),
        "serve",
        "--port",
        str(port),
        env=environment,
        stdout=asyncio.subprocess.DEVNULL,
        stderr=asyncio.subprocess.DEVNULL,
    )
    try:
        async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{port}", timeout=30) as http:
            for _ in range(300):
                with contextlib.suppress(httpx.TransportError):
                    if (await http.get("/healthz")).status_code == 200:
                        break
                await asyncio.sleep(0.1)
            yield http
    finally:
        process.terminate()
        await asyncio.wait_for(process.wait(), 30)


async def _codes(http) -> list[str]:
    codes = []
    for i in range(3):
        response = await http.post("/graphql", json={"query": LOGIN}, headers={"X-Forwarded-For": f"198.51.100.{i}"})
        codes.append(response.json()["data"]["login"]["errors"][0]["code"])
    return codes


async def test_a_local_client_cannot_reset_its_limit_with_forwarded_headers(tmp_path):
    async with server(tmp_path) as http:
        assert await _codes(http) == ["INVALID", "INVALID", "RATE_LIMITED"]


async def test_forwarded_headers_count_when_the_proxy_is_trusted(tmp_path):
    async with server(tmp_path, "[server]", 'forwarded_allow_ips = ["127.0.0.1"]') as http:
        assert await _codes(http) == ["INVALID", "INVALID", "INVALID"]
