"""Stations, areas, users, login, tokens and lockout through the API."""

import datetime as dt

import jwt

from core import Role
from core.identity.models import Area, Station, User
from core.testing import TEST_PASSWORD, GraphQLClient, create_user, token_for

LOGIN = "mutation($u: String!, $p: String!) { login(input: {username: $u, password: $p}) { token user { username } errors { message code } } }"
CREATE_STATION = "mutation($input: CreateStationInput!) { createStation(input: $input) { station { id name code stationClass enabledPlugins } errors { field code message } } }"
CREATE_AREA = "mutation($input: CreateAreaInput!) { createArea(input: $input) { area { id name kind parentId } errors { field code message } } }"
CREATE_USER = "mutation($input: CreateUserInput!) { createUser(input: $input) { user { username roles station { name } } errors { field code message } } }"


async def login(client, username, password=TEST_PASSWORD):
    return (await client.data(LOGIN, {"u": username, "p": password}))["login"]


async def test_wrong_username_and_wrong_password_get_the_same_answer(app, client, station):
    await create_user(app, station, Role.OFFICER, username="li.jingguan")
    unknown = await login(client, "nobody")
    wrong = await login(client, "li.jingguan", "wrong-password!!")
    assert unknown["errors"] == wrong["errors"] and unknown["token"] is None


async def test_five_failures_lock_the_account_even_for_the_right_password(app, client, station):
    await create_user(app, station, Role.OFFICER, username="li.jingguan")
    for _ in range(5):
        await login(client, "li.jingguan", "wrong-password!!")
    locked = await login(client, "li.jingguan")
    assert locked["token"] is None and locked["errors"][0]["code"] == "LOCKED"


async def test_lock_expires_after_the_configured_time(app, client, station, clock):
    await create_user(app, station, Role.OFFICER, username="li.jingguan")
    for _ in range(5):
        await login(client, "li.jingguan", "wrong-password!!")
    clock.advance(minutes=16)
    assert (await login(client, "li.jingguan"))["token"]


async def test_failed_login_is_audited(app, client, station):
    from core.audit.models import AuditEvent

    await create_user(app, station, Role.OFFICER, username="li.jingguan")
    await login(client, "li.jingguan", "wrong-password!!")
    assert await AuditEvent.filter(action="core.user.login_failed").count() == 1


async def test_expired_token_is_refused(app, station, clock):
    user = await create_user(app, station, Role.OFFICER)
    token = token_for(app, user)
    clock.advance(minutes=app.settings.auth.token_ttl_minutes + 1)
    assert (await GraphQLClient(app, token).data("{ me { username } }")) == {"me": None}


async def test_tampered_token_is_refused(app, station):
    user = await create_user(app, station, Role.OFFICER)
    claims = jwt.decode(token_for(app, user), options={"verify_signature": False})
    claims["sub"] = "1"
    forged = jwt.encode(claims, "a-guessed-secret-that-is-long-enough-for-hs256", algorithm="HS256")
    assert (await GraphQLClient(app, forged).data("{ me { username } }")) == {"me": None}


async def test_token_of_deactivated_user_is_refused(app, station):
    user = await create_user(app, station, Role.OFFICER)
    token = token_for(app, user)
    await User.filter(id=user.id).update(is_active=False)
    assert (await GraphQLClient(app, token).data("{ me { username } }")) == {"me": None}


async def test_bureau_admin_creates_station_with_all_loaded_plugins(login_as):
    admin = await login_as(Role.BUREAU_ADMIN)
    payload = await admin.mutate(
        CREATE_STATION, {"input": {"name": "渠县公安局天星派出所", "code": "511725-TX", "stationClass": "FOUR"}}
    )
    assert payload["station"]["stationClass"] == "FOUR" and payload["station"]["enabledPlugins"] == ["sample"]


async def test_duplicate_station_code_is_a_conflict(login_as, station):
    admin = await login_as(Role.BUREAU_ADMIN)
    body = await admin.data(CREATE_STATION, {"input": {"name": "x", "code": station.code, "stationClass": "ONE"}})
    assert body["createStation"]["errors"][0] == {
        "field": "code",
        "code": "CONFLICT",
        "message": f"A station with code {station.code!r} exists.",
    }


async def test_station_chief_cannot_create_stations(login_as, station):
    chief = await login_as(Role.STATION_CHIEF, station=station)
    body = await chief.execute(CREATE_STATION, {"input": {"name": "x", "code": "X-1", "stationClass": "ONE"}})
    assert body["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    assert await Station.filter(code="X-1").count() == 0


async def test_unknown_plugin_for_station_is_refused(login_as, station):
    from core.graphql.ids import to_global_id

    admin = await login_as(Role.BUREAU_ADMIN)
    body = await admin.data(
        "mutation($input: SetStationPluginsInput!) { setStationPlugins(input: $input) { errors { field message } } }",
        {"input": {"stationId": to_global_id("Station", station.id), "plugins": ["nonsense"]}},
    )
    assert body["setStationPlugins"]["errors"][0]["field"] == "plugins"


async def test_area_kind_must_sit_below_its_parent(login_as, station):
    from core.graphql.ids import to_global_id

    chief = await login_as(Role.STATION_CHIEF, station=station)
    grid = station.test_areas["grid"]
    body = await chief.data(
        CREATE_AREA,
        {
            "input": {
                "stationId": to_global_id("Station", station.id),
                "name": "白塔村",
                "kind": "VILLAGE",
                "parentId": to_global_id("Area", grid.id),
            }
        },
    )
    assert body["createArea"]["errors"][0]["field"] == "kind"


async def test_area_parent_of_another_station_reads_as_not_found(app, login_as, station, other_station):
    from core.graphql.ids import to_global_id

    chief = await login_as(Role.STATION_CHIEF, station=station)
    foreign = other_station.test_areas["community"]
    before = await Area.all().count()
    body = await chief.data(
        CREATE_AREA,
        {
            "input": {
                "stationId": to_global_id("Station", station.id),
                "name": "一网格",
                "kind": "GRID",
                "parentId": to_global_id("Area", foreign.id),
            }
        },
    )
    assert body["createArea"]["errors"][0]["code"] == "NOT_FOUND"
    assert await Area.all().count() == before


async def test_chief_creates_user_in_own_station(login_as, station):
    from core.graphql.ids import to_global_id

    chief = await login_as(Role.STATION_CHIEF, station=station)
    payload = await chief.mutate(
        CREATE_USER,
        {
            "input": {
                "username": "zhang.fujing",
                "password": "long-enough-pw",
                "displayName": "张辅警",
                "roles": ["AUXILIARY"],
                "stationId": to_global_id("Station", station.id),
            }
        },
    )
    assert payload["user"] == {"username": "zhang.fujing", "roles": ["AUXILIARY"], "station": {"name": station.name}}


async def test_chief_cannot_grant_bureau_admin(login_as, station):
    from core.graphql.ids import to_global_id

    chief = await login_as(Role.STATION_CHIEF, station=station)
    body = await chief.execute(
        CREATE_USER,
        {
            "input": {
                "username": "evil",
                "password": "long-enough-pw",
                "displayName": "x",
                "roles": ["BUREAU_ADMIN"],
                "stationId": to_global_id("Station", station.id),
            }
        },
    )
    assert body["errors"][0]["extensions"]["code"] == "FORBIDDEN"


async def test_short_password_is_refused(login_as, station):
    from core.graphql.ids import to_global_id

    chief = await login_as(Role.STATION_CHIEF, station=station)
    body = await chief.data(
        CREATE_USER,
        {
            "input": {
                "username": "zhang",
                "password": "short",
                "displayName": "x",
                "roles": ["OFFICER"],
                "stationId": to_global_id("Station", station.id),
            }
        },
    )
    assert body["createUser"]["errors"][0]["field"] == "password"


async def test_passwords_are_stored_as_argon2_hashes(app, station):
    user = await create_user(app, station, Role.OFFICER)
    assert user.password_hash.startswith("$argon2id$") and TEST_PASSWORD not in user.password_hash


async def test_station_users_see_only_their_station(login_as, station, other_station):
    officer = await login_as(Role.OFFICER, station=station)
    stations = await officer.data("{ stations { nodes { name } } }")
    assert stations["stations"]["nodes"] == [{"name": station.name}]


async def test_bureau_admin_sees_every_station(login_as, station, other_station):
    admin = await login_as(Role.BUREAU_ADMIN)
    assert (await admin.data("{ stations { totalCount } }"))["stations"]["totalCount"] == 2


async def test_token_lifetime_is_the_configured_one(app, station, clock):
    user = await create_user(app, station, Role.OFFICER)
    claims = jwt.decode(token_for(app, user), options={"verify_signature": False})
    assert claims["exp"] - claims["iat"] == dt.timedelta(minutes=app.settings.auth.token_ttl_minutes).total_seconds()
