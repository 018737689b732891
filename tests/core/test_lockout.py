"""Login under attack: the lockout holds with concurrent attempts, and a locked account and an
unknown name answer alike. With FENGQIAO_TEST_DATABASE_URL set this runs on PostgreSQL."""

import asyncio

from core import Role
from core.audit.models import AuditEvent
from core.identity.models import User
from core.testing import TEST_PASSWORD, GraphQLClient, create_user

LOGIN = "mutation($u: String!, $p: String!) { login(input: {username: $u, password: $p}) { token errors { code message } } }"


async def attempt(client: GraphQLClient, username: str, password: str) -> dict:
    return (await client.data(LOGIN, {"u": username, "p": password}))["login"]


async def answers(client, username, password, times):
    return [(await attempt(client, username, password))["errors"][0]["code"] for _ in range(times)]


async def test_five_failures_lock_the_account_even_for_the_right_password(app, station):
    user = await create_user(app, station, Role.OFFICER, username="li.jingguan")
    client = GraphQLClient(app)
    assert await answers(client, user.username, "wrong-password", 5) == ["INVALID"] * 5
    result = await attempt(client, user.username, TEST_PASSWORD)
    assert result["token"] is None and result["errors"][0]["code"] == "LOCKED"


async def test_an_unknown_name_answers_like_a_locked_account(app, station):
    user = await create_user(app, station, Role.OFFICER, username="zhang.jingguan")
    client = GraphQLClient(app)
    real = await answers(client, user.username, "wrong-password", 7)
    unknown = await answers(client, "no.such.user", "wrong-password", 7)
    assert real == unknown == ["INVALID"] * 5 + ["LOCKED"] * 2
    messages = {(await attempt(client, name, "x"))["errors"][0]["message"] for name in (user.username, "no.such.user")}
    assert len(messages) == 1


async def test_a_success_resets_the_count(app, station):
    user = await create_user(app, station, Role.OFFICER, username="wang.jingguan")
    client = GraphQLClient(app)
    await answers(client, user.username, "wrong-password", 4)
    assert (await attempt(client, user.username, TEST_PASSWORD))["token"]
    assert await answers(client, user.username, "wrong-password", 4) == ["INVALID"] * 4
    assert (await User.get(id=user.id)).locked_until is None


async def test_parallel_failures_lock_the_account_and_the_right_password_then_gets_no_token(app, station):
    user = await create_user(app, station, Role.OFFICER, username="zhao.jingguan")
    clients = [GraphQLClient(app, client_address=f"10.0.0.{i}") for i in range(16)]
    results = await asyncio.gather(*(attempt(c, user.username, f"wrong-{i}") for i, c in enumerate(clients)))
    assert all(r["token"] is None for r in results)
    assert (await User.get(id=user.id)).locked_until is not None
    assert await AuditEvent.filter(action="core.user.login_failed").count() == 16  # none lost
    final = await attempt(GraphQLClient(app, client_address="10.0.1.1"), user.username, TEST_PASSWORD)
    assert final["token"] is None and final["errors"][0]["code"] == "LOCKED"


async def test_the_right_password_racing_failures_never_undoes_a_lock(app, station):
    user = await create_user(app, station, Role.OFFICER, username="sun.jingguan")
    clients = [GraphQLClient(app, client_address=f"10.0.2.{i}") for i in range(12)]
    attempts = [attempt(c, user.username, TEST_PASSWORD if i % 4 == 3 else "wrong") for i, c in enumerate(clients)]
    await asyncio.gather(*attempts)
    await asyncio.gather(*(attempt(c, user.username, "wrong") for c in clients[:5]))
    # Whatever interleaving happened, five further failures in a row leave the account locked.
    assert (await User.get(id=user.id)).locked_until is not None
    assert (await attempt(clients[0], user.username, TEST_PASSWORD))["token"] is None
