"""The account behind a token is read once and reused a few seconds ([auth] actor_cache_seconds)."""

import pytest

from core import Role
from core.config import AuthSettings, ConfigError
from core.graphql.ids import to_global_id
from core.identity.actor import Actor
from core.identity.actor_cache import MAX_ENTRIES, ActorCache
from core.identity.models import User
from core.testing import GraphQLClient, count_queries, create_station, create_user, make_settings, token_for
from tests.core import sample_plugin

ME = "{ me { username } }"
PEOPLE = "{ samplePeople(first: 1) { nodes { id } } }"


class Timer:
    """Seconds of a clock the test moves by hand."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def account_reads(counter) -> list[str]:
    return [statement for statement in counter.reads if '"core_user"' in statement]


async def test_a_second_request_with_the_same_token_reads_no_account(app, station):
    client = GraphQLClient(app, token_for(app, await create_user(app, station, Role.OFFICER)))
    await client.data(ME)
    with count_queries() as counter:
        await client.data(PEOPLE)
    assert account_reads(counter) == []


async def test_a_disabled_account_is_refused_once_its_cached_actor_expires(app, station, clock):
    user = await create_user(app, station, Role.OFFICER)
    client = GraphQLClient(app, token_for(app, user))
    assert (await client.data(ME))["me"] is not None
    await User.filter(id=user.id).update(is_active=False)  # straight in the database
    clock.advance(seconds=4)
    assert (await client.data(ME))["me"] is not None  # within [auth] actor_cache_seconds (5)
    clock.advance(seconds=1)
    assert (await client.data(ME)) == {"me": None}


async def test_without_the_cache_a_disabled_account_is_refused_at_once(make_app):
    app = await make_app(["sample"], extra_plugins=[sample_plugin], auth=AuthSettings(actor_cache_seconds=0))
    station = await create_station(app)
    user = await create_user(app, station, Role.OFFICER)
    client = GraphQLClient(app, token_for(app, user))
    assert (await client.data(ME))["me"] is not None
    await User.filter(id=user.id).update(is_active=False)
    assert (await client.data(ME)) == {"me": None}


async def test_switching_a_stations_plugins_off_applies_to_its_users_at_once(app, station, login_as):
    officer = await login_as(Role.OFFICER, station=station)
    assert (await officer.execute(PEOPLE)).get("errors") is None
    admin = await login_as(Role.BUREAU_ADMIN)
    await admin.mutate(
        "mutation($input: SetStationPluginsInput!) { setStationPlugins(input: $input) { errors { message } } }",
        {"input": {"stationId": to_global_id("Station", station.id), "plugins": []}},
    )
    body = await officer.execute(PEOPLE)
    assert body["errors"][0]["extensions"]["code"] == "FEATURE_DISABLED"


def test_an_entry_lives_the_configured_seconds():
    timer = Timer()
    cache = ActorCache(5, timer)
    cache.put(1, 0, Actor(user_id=1))
    timer.now += 4.9
    assert cache.get(1, 0) == Actor(user_id=1)
    timer.now += 0.1
    assert cache.get(1, 0) is None


def test_an_entry_stored_after_the_clock_was_set_back_expires():
    timer = Timer()
    cache = ActorCache(5, timer)
    cache.put(1, 0, Actor(user_id=1))
    timer.now -= 3600
    assert cache.get(1, 0) is None


def test_another_token_version_is_another_entry():
    cache = ActorCache(5, Timer())
    cache.put(1, 0, Actor(user_id=1))
    assert cache.get(1, 1) is None


def test_the_cache_holds_a_bounded_number_of_actors_dropping_the_oldest():
    cache = ActorCache(5, Timer())
    for user_id in range(MAX_ENTRIES + 1):
        cache.put(user_id, 0, Actor(user_id=user_id))
    assert cache.get(0, 0) is None and cache.get(MAX_ENTRIES, 0) is not None


def test_zero_seconds_keeps_nothing():
    cache = ActorCache(0, Timer())
    cache.put(1, 0, Actor(user_id=1))
    assert cache.get(1, 0) is None


@pytest.mark.parametrize("seconds", [-1, 61])
def test_cache_seconds_outside_zero_to_sixty_are_refused(tmp_path, seconds):
    from core.config import _check_values

    settings = make_settings(f"sqlite://{tmp_path / 'x.db'}", auth=AuthSettings(actor_cache_seconds=seconds))
    with pytest.raises(ConfigError, match="actor_cache_seconds"):
        _check_values(settings)
