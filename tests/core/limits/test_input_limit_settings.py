"""The string limits are settings: a deployment may tighten them, and a file field declared
with ``long_text`` is not held to the input limit."""

from core import Role
from core.config import LimitSettings

DISPUTES = "query($t: String) { disputes(filter: {text: $t}) { totalCount } }"


async def test_the_filter_limit_is_a_setting(make_app):
    from core.testing import GraphQLClient, create_station, create_user, token_for

    app = await make_app(["mediation"], limits=LimitSettings(max_filter_length=10))
    token = token_for(app, await create_user(app, await create_station(app), Role.STATION_CHIEF))
    body = await GraphQLClient(app, token).execute(DISPUTES, {"t": "x" * 11})
    assert "at most 10 characters" in body["errors"][0]["message"]


async def test_a_file_field_may_be_longer_than_other_inputs(make_app):
    from core.testing import GraphQLClient, create_station, create_user, token_for

    app = await make_app(["patrol"], limits=LimitSettings(max_input_length=20))
    token = token_for(app, await create_user(app, await create_station(app), Role.STATION_CHIEF))
    query = "mutation($input: ImportBasicInfoInput!) { importBasicInfo(input: $input) { errors { field message } } }"
    csv = "地址,所属区域\n滨江花园1栋1单元101,文峰社区\n"  # longer than 20 characters
    payload = (await GraphQLClient(app, token).execute(query, {"input": {"kind": "ADDRESSES", "csv": csv, "dryRun": True}}))
    assert all(error["field"] != "csv" or "at most" not in error["message"] for error in payload["data"]["importBasicInfo"]["errors"])
