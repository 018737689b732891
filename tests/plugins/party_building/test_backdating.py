"""补录 — a responsibility check done on a day and entered later is audited as back-dated, and
refused beyond the back-dating window."""

from core.audit.models import AuditEvent
from core.testing import token_for
from plugins.party_building.models import ResponsibilityCheck
from tests.plugins.party_building.test_responsibilities import CHECK, assign, errors_of, make_post


def later(client):
    renewed = client.as_user(token_for(client.app, client.user))
    renewed.user = client.user
    return renewed


async def _responsibility(chief, officer):
    post = await make_post(chief)
    return (await assign(chief, post, officer.user))["assignResponsibility"]["responsibility"]


async def test_a_check_entered_days_later_keeps_its_day_and_is_audited_as_back_dated(chief, officer, clock):
    item = await _responsibility(chief, officer)
    clock.advance(days=10)  # entered 2020-08-30
    payload = await later(officer).mutate(
        CHECK, {"input": {"responsibilityId": item["id"], "outcome": "DONE", "checkedOn": "2020-08-25"}}
    )
    assert (payload["check"]["checkedOn"], payload["check"]["onTime"]) == ("2020-08-25", True)
    event = await AuditEvent.get(action="core.record.backdated")
    assert (event.object_type, event.after["step"]) == ("ResponsibilityCheck", "check")


async def test_a_check_entered_the_same_day_is_not_back_dated(chief, officer):
    item = await _responsibility(chief, officer)
    await officer.mutate(CHECK, {"input": {"responsibilityId": item["id"], "outcome": "DONE"}})
    assert await AuditEvent.filter(action="core.record.backdated").count() == 0


async def test_a_check_beyond_the_back_dating_window_is_refused(chief, officer, clock):
    item = await _responsibility(chief, officer)
    clock.advance(days=40)  # the default window is 30 days
    data = await later(officer).data(
        CHECK, {"input": {"responsibilityId": item["id"], "outcome": "DONE", "checkedOn": "2020-08-21"}}
    )
    assert errors_of(data)[0]["field"] == "checkedOn" and "backdating_days" in errors_of(data)[0]["message"]
    assert await ResponsibilityCheck.all().count() == 0
