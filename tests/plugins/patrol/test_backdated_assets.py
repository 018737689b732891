"""补录 for surveillance assets: a camera found offline at 02:00 and entered at 08:30 keeps 02:00."""

from core.audit.models import AuditEvent
from core.testing import token_for
from tests.plugins.patrol.test_assets import register

CHANGE = """
mutation($input: ChangeSurveillanceAssetStatusInput!) {
  changeSurveillanceAssetStatus(input: $input) {
    asset { status statusHistory { toStatus changedAt recordedAt } }
    errors { field message code }
  }
}"""


async def test_a_status_change_entered_later_keeps_when_it_happened(officer, station, clock):
    asset = await register(officer, station)  # 2020-08-20 09:00
    clock.advance(days=1)  # entered 2020-08-21 09:00
    officer = officer.as_user(token_for(officer.app, officer.user))
    payload = await officer.mutate(
        CHANGE, {"input": {"assetId": asset["id"], "status": "OFFLINE", "occurredAt": "2020-08-21T02:00:00+08:00"}}
    )
    change = payload["asset"]["statusHistory"][-1]
    assert change["changedAt"].startswith("2020-08-20T18:00:00")
    assert change["recordedAt"].startswith("2020-08-21T01:00:00")
    assert await AuditEvent.filter(action="core.record.backdated", object_type="SurveillanceAsset").count() == 1


async def test_a_status_change_before_the_last_one_is_refused(officer, station):
    asset = await register(officer, station)  # registered 2020-08-20 09:00
    data = await officer.data(
        CHANGE, {"input": {"assetId": asset["id"], "status": "OFFLINE", "occurredAt": "2020-08-19T02:00:00+08:00"}}
    )
    assert data["changeSurveillanceAssetStatus"]["errors"][0]["field"] == "occurredAt"
