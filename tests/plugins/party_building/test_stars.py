"""警营之星: nomination and voting windows, one vote each, no self-votes, the tie rule, closing,
history, and evidence gathered from other plugins through the core hook."""

from __future__ import annotations

import datetime as dt
import sys
import types

import pytest

import plugins.party_building as plugin
from core import CONTRACT_VERSION, PluginInfo, Role, UserContribution, hookimpl, to_global_id
from core.audit.models import AuditEvent
from core.testing import GraphQLClient, create_station, token_for
from plugins.party_building.models import StarAward, StarNomination, StarVote

NOMINATE = """
mutation($input: NominateStarInput!) {
  nominateStar(input: $input) {
    nomination { id month reason nominee { displayName } nominator { displayName } }
    errors { field message code }
  }
}"""
VOTE = "mutation($input: VoteStarInput!) { voteStar(input: $input) { month errors { field message code } } }"
CLOSE = """
mutation($input: CloseStarMonthInput!) {
  closeStarMonth(input: $input) {
    star { month votes nominations totalVotes decidedBy winner { displayName } }
    errors { field message code }
  }
}"""
STAR_OF_MONTH = "query($month: String!) { starOfMonth(month: $month) { month votes decidedBy winner { displayName } } }"
STAR_MONTH = """
query($month: String!) {
  starMonth(month: $month) {
    month phase nominationEnd votingStart votingEnd viewerHasNominated viewerHasVoted
    candidates { nominationCount voteCount user { displayName } }
  }
}"""
NOMINATIONS = """
query($month: String!) {
  starNominations(month: $month) {
    totalCount nodes { reason nominee { displayName } evidence { plugin label value } }
  }
}"""


def user_id(client):
    return to_global_id("User", client.user.id)


def moved(client, clock, **delta):
    clock.advance(**delta)
    fresh = GraphQLClient(client.app, token_for(client.app, client.user))
    fresh.user = client.user
    return fresh


@pytest.fixture
async def team(login_as, station, clock):
    """Four colleagues on 2020-08-10, inside August's nomination window."""
    clock.advance(days=-10)
    return [
        await login_as(role, station=station, display_name=name)
        for role, name in (
            (Role.STATION_CHIEF, "王所长"),
            (Role.OFFICER, "李警官"),
            (Role.OFFICER, "张警官"),
            (Role.AUXILIARY, "赵辅警"),
        )
    ]


async def nominate(client, nominee, reason="破获电诈案件，群众送锦旗"):
    return await client.data(NOMINATE, {"input": {"nomineeId": user_id(nominee), "reason": reason}})


def errors_of(data):
    return next(iter(data.values()))["errors"]


async def test_a_colleague_is_nominated_with_a_reason_and_audited(team):
    chief, li = team[0], team[1]
    payload = (await nominate(chief, li))["nominateStar"]
    assert payload["errors"] == []
    assert payload["nomination"]["month"] == "2020-08"
    assert payload["nomination"]["nominee"] == {"displayName": "李警官"}
    assert await AuditEvent.filter(action="party_building.star.nominate").count() == 1


async def test_nobody_nominates_themself(team):
    li = team[1]
    error = errors_of(await nominate(li, li))[0]
    assert (error["field"], error["message"]) == ("nomineeId", "You cannot nominate yourself.")
    assert await StarNomination.all().count() == 0


async def test_a_person_nominates_once_a_month(team):
    chief, li, zhang = team[0], team[1], team[2]
    await nominate(chief, li)
    assert errors_of(await nominate(chief, zhang))[0]["code"] == "CONFLICT"
    assert await StarNomination.all().count() == 1


async def test_a_nomination_needs_a_reason(team):
    error = errors_of(await nominate(team[0], team[1], reason=" "))[0]
    assert (error["field"], error["code"]) == ("reason", "REQUIRED")


async def test_a_user_of_another_station_cannot_be_nominated(team, app, other_station):
    from core.testing import create_user

    stranger = await create_user(app, other_station, Role.OFFICER)
    data = await team[0].data(NOMINATE, {"input": {"nomineeId": to_global_id("User", stranger.id), "reason": "好"}})
    assert errors_of(data)[0]["code"] == "NOT_FOUND"


async def test_nominations_close_after_the_nomination_window(team, clock):
    chief = moved(team[0], clock, days=6)  # 2020-08-16
    error = errors_of(await nominate(chief, team[1]))[0]
    assert error["code"] == "INVALID_TRANSITION"
    assert await StarNomination.all().count() == 0


async def test_votes_are_refused_before_voting_opens(team):
    await nominate(team[0], team[1])
    data = await team[2].data(VOTE, {"input": {"nomineeId": user_id(team[1])}})
    assert errors_of(data)[0]["code"] == "INVALID_TRANSITION"
    assert await StarVote.all().count() == 0


@pytest.fixture
async def voting(team, clock):
    """Li and Zhang nominated; the clock at 2020-08-20, inside the voting window."""
    await nominate(team[0], team[1])
    await nominate(team[3], team[2])
    return _refreshed(team, clock, days=10)


def _refreshed(team, clock, **delta):
    clock.advance(**delta)
    result = []
    for client in team:
        fresh = GraphQLClient(client.app, token_for(client.app, client.user))
        fresh.user = client.user
        result.append(fresh)
    return result


async def vote(voter, nominee):
    return await voter.data(VOTE, {"input": {"nomineeId": user_id(nominee)}})


async def test_a_member_votes_once_for_a_nominated_colleague(voting):
    chief, li = voting[0], voting[1]
    assert errors_of(await vote(chief, li)) == []
    assert errors_of(await vote(chief, voting[2]))[0]["code"] == "CONFLICT"
    assert await StarVote.all().count() == 1


async def test_nobody_votes_for_themself(voting):
    li = voting[1]
    error = errors_of(await vote(li, li))[0]
    assert (error["field"], error["message"]) == ("nomineeId", "You cannot vote for yourself.")
    assert await StarVote.all().count() == 0


async def test_only_nominated_colleagues_receive_votes(voting):
    error = errors_of(await vote(voting[1], voting[3]))[0]
    assert (error["field"], error["code"]) == ("nomineeId", "NOT_FOUND")


async def test_votes_are_refused_after_voting_ends(voting, clock):
    late = moved(voting[0], clock, days=6)  # 2020-08-26
    assert errors_of(await vote(late, voting[1]))[0]["code"] == "INVALID_TRANSITION"
    assert await StarVote.all().count() == 0


async def test_a_month_closes_only_after_voting_ends(voting):
    data = await voting[0].data(CLOSE, {"input": {"month": "2020-08"}})
    assert errors_of(data)[0]["code"] == "INVALID_TRANSITION"
    assert await StarAward.all().count() == 0


async def test_closing_names_the_colleague_with_most_votes(voting, clock):
    chief, li, zhang, zhao = voting
    await vote(chief, li)
    await vote(zhang, li)
    await vote(li, zhang)
    chief = moved(chief, clock, days=6)
    star = (await chief.mutate(CLOSE, {"input": {"month": "2020-08"}}))["star"]
    assert star == {
        "month": "2020-08",
        "votes": 2,
        "nominations": 1,
        "totalVotes": 3,
        "decidedBy": "VOTES",
        "winner": {"displayName": "李警官"},
    }
    assert (await chief.data(STAR_OF_MONTH, {"month": "2020-08"}))["starOfMonth"]["winner"] == {"displayName": "李警官"}
    again = await chief.data(CLOSE, {"input": {"month": "2020-08"}})
    assert errors_of(again)[0]["code"] == "INVALID_TRANSITION"
    history = await chief.data("{ starHistory { totalCount nodes { month } } }")
    assert history["starHistory"] == {"totalCount": 1, "nodes": [{"month": "2020-08"}]}


async def test_on_equal_votes_the_colleague_with_more_nominations_wins(team, clock):
    chief, li, zhang, zhao = team
    await nominate(chief, zhang)
    await nominate(zhao, li)
    await nominate(li, zhang)
    chief, li, zhang, zhao = _refreshed(team, clock, days=10)
    await vote(chief, li)
    await vote(li, zhang)
    chief = moved(chief, clock, days=6)
    star = (await chief.mutate(CLOSE, {"input": {"month": "2020-08"}}))["star"]
    assert (star["winner"], star["decidedBy"], star["votes"], star["nominations"]) == (
        {"displayName": "张警官"},
        "NOMINATIONS",
        1,
        2,
    )


async def test_on_equal_votes_and_nominations_the_first_nominated_wins(voting, clock):
    chief, li, zhang, zhao = voting
    await vote(chief, zhang)
    await vote(zhao, li)
    chief = moved(chief, clock, days=6)
    star = (await chief.mutate(CLOSE, {"input": {"month": "2020-08"}}))["star"]
    assert (star["winner"], star["decidedBy"]) == ({"displayName": "李警官"}, "EARLIEST_NOMINATION")


async def test_a_month_without_votes_closes_without_a_star(voting, clock):
    chief = moved(voting[0], clock, days=6)
    star = (await chief.mutate(CLOSE, {"input": {"month": "2020-08"}}))["star"]
    assert (star["winner"], star["decidedBy"], star["totalVotes"]) == (None, "NO_VOTES", 0)


async def test_running_tallies_are_hidden_from_voters_but_shown_to_the_chief(voting):
    chief, li = voting[0], voting[1]
    await vote(chief, li)
    month = (await li.data(STAR_MONTH, {"month": "2020-08"}))["starMonth"]
    assert month["phase"] == "VOTING" and month["viewerHasNominated"] is False
    assert {c["voteCount"] for c in month["candidates"]} == {None}
    seen = (await chief.data(STAR_MONTH, {"month": "2020-08"}))["starMonth"]
    assert seen["viewerHasVoted"] is True and seen["viewerHasNominated"] is True
    assert seen["candidates"][0] == {"nominationCount": 1, "voteCount": 1, "user": {"displayName": "李警官"}}


async def test_a_bad_month_is_a_client_error_naming_the_argument(team):
    body = await team[0].execute(STAR_OF_MONTH, {"month": "August"})
    assert body["errors"][0]["extensions"] == {"code": "BAD_USER_INPUT", "field": "month"}


# --- evidence from other plugins -----------------------------------------------------------------


def contributions_plugin():
    """A stand-in plugin reporting resolved disputes per user, as mediation might."""
    module = types.ModuleType("testcontrib")

    @hookimpl
    def fengqiao_plugin_info():
        return PluginInfo(name="testcontrib", version="0.1.0", title="Test contributions", contract=CONTRACT_VERSION)

    @hookimpl
    async def fengqiao_user_contributions(station_id, user_ids, period):
        module.calls.append((station_id, tuple(user_ids), period.start, period.end))
        return [UserContribution(user_id, "testcontrib", "化解纠纷 disputes resolved", 7.0) for user_id in user_ids]

    module.fengqiao_plugin_info = fengqiao_plugin_info
    module.fengqiao_user_contributions = fengqiao_user_contributions
    module.calls = []
    sys.modules.setdefault("testcontrib", module)
    return module


async def test_nominations_show_evidence_from_other_plugins_in_one_call(make_app, clock):
    contrib = contributions_plugin()
    app = await make_app(["party_building", "testcontrib"], extra_plugins=[plugin, contrib])
    station = await create_station(app)
    clock.advance(days=-10)
    chief = await _login(app, station, Role.STATION_CHIEF, "王所长")
    li = await _login(app, station, Role.OFFICER, "李警官")
    zhang = await _login(app, station, Role.OFFICER, "张警官")
    await nominate(chief, li)
    await nominate(li, zhang)
    nodes = (await chief.data(NOMINATIONS, {"month": "2020-08"}))["starNominations"]["nodes"]
    assert [node["evidence"] for node in nodes] == [
        [{"plugin": "testcontrib", "label": "化解纠纷 disputes resolved", "value": 7.0}]
    ] * 2
    assert len(contrib.calls) == 1
    assert contrib.calls[0][0] == station.id and set(contrib.calls[0][1]) == {li.user.id, zhang.user.id}
    assert contrib.calls[0][2:] == (dt.date(2020, 8, 1), dt.date(2020, 8, 31))


async def test_evidence_leaves_out_plugins_the_station_does_not_run(make_app, clock):
    contrib = contributions_plugin()
    app = await make_app(["party_building", "testcontrib"], extra_plugins=[plugin, contrib])
    station = await create_station(app, plugins=["party_building"])
    clock.advance(days=-10)
    chief = await _login(app, station, Role.STATION_CHIEF, "王所长")
    li = await _login(app, station, Role.OFFICER, "李警官")
    await nominate(chief, li)
    nodes = (await chief.data(NOMINATIONS, {"month": "2020-08"}))["starNominations"]["nodes"]
    assert nodes[0]["evidence"] == []


async def test_party_building_reports_study_hours_as_evidence(chief, branch, add_member, app, clock):
    from core import Period
    from plugins.party_building.services.contributions import evidence
    from tests.plugins.party_building import documents as doc

    member = await add_member(branch, chief.user)
    variables = {
        "input": {
            "branchId": branch,
            "meetingType": "NIGHT_SCHOOL",
            "heldOn": "2020-08-05",
            "topic": "夜校",
            "durationHours": 2,
            "attendance": [{"memberId": member, "status": "PRESENT"}],
        }
    }
    await chief.mutate(doc.RECORD_MEETING, variables)
    found = await evidence(chief.user.station_id, [chief.user.id], Period.month(2020, 8), enabled=None)
    assert {(item.label, item.value) for item in found[chief.user.id]} == {
        ("学习时长 study hours", 2.0),
        ("参加学习 study sessions attended", 1.0),
    }


async def _login(app, station, role, name):
    from core.testing import create_user

    user = await create_user(app, station, role, display_name=name)
    client = GraphQLClient(app, token_for(app, user))
    client.user = user
    return client


async def test_a_grid_worker_may_not_nominate(login_as, station, team):
    grid_worker = await login_as(Role.GRID_WORKER, station=station)
    body = await grid_worker.execute(NOMINATE, {"input": {"nomineeId": user_id(team[1]), "reason": "好"}})
    assert body["errors"][0]["extensions"]["code"] == "FORBIDDEN"
