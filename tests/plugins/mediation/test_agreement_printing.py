"""The mediation agreement (调解协议书) printed as a PDF, for the team that made it."""

from __future__ import annotations

import datetime as dt

from core import Role

from . import flows
from .conftest import id_number
from .evidence_helpers import PRINT, as_user, fetch, pdf_fonts, pdf_text


async def _resolved_with_known_party(officer, station, team):
    # Born on another day than id_number()'s default, so no generated number can repeat it.
    number = id_number(dt.date(1975, 3, 9), sequence=123)
    parties = [
        {"name": "张三", "idNumber": number, "phone": "13812345678", "role": "APPLICANT"},
        {"name": "李四", "idNumber": id_number(), "role": "RESPONDENT"},
    ]
    dispute = await flows.resolved(officer, station, team, parties=parties)
    return dispute, number


async def test_the_team_mediator_reads_the_agreement_it_made_in_full_and_it_is_logged(app, officer, station, team):
    from core.audit.models import PersonalDataAccess

    dispute, number = await _resolved_with_known_party(officer, station, team)
    mediator = as_user(app, team["PEOPLES_MEDIATOR"])
    listed = await mediator.data("query { disputes { nodes { agreement { printableText } } } }")
    assert number in listed["disputes"]["nodes"][0]["agreement"]["printableText"]
    views = await PersonalDataAccess.filter(actor_id=team["PEOPLES_MEDIATOR"].id)
    assert any(field["field"] == "printableText" for record in views for field in record.shown)


async def test_a_mediator_who_joins_after_the_agreement_still_reads_stars(app, officer, station, team, login_as):
    dispute, _ = await _resolved_with_known_party(officer, station, team)
    late = await login_as(Role.MEDIATOR, station=station)
    await flows.close(officer, dispute["id"])
    await officer.mutate(
        "mutation($input: ReopenDisputeInput!) { reopenDispute(input: $input) { errors { message } } }",
        {"input": {"disputeId": dispute["id"], "reason": "纠纷再起"}},
    )
    await flows.assess(officer, dispute["id"])
    await flows.assign(officer, dispute["id"], {**team, "PEOPLES_MEDIATOR": late.user})
    listed = await late.data("query { disputes { nodes { agreement { printableText } } } }")
    assert listed["disputes"]["nodes"][0]["agreement"]["printableText"] == "***"


async def test_the_team_mediator_prints_a_pdf_stored_on_the_dispute(app, officer, station, team, tmp_path):
    dispute, number = await _resolved_with_known_party(officer, station, team)
    mediator = as_user(app, team["PEOPLES_MEDIATOR"])
    payload = await mediator.mutate(PRINT, {"input": {"disputeId": dispute["id"]}})
    attachment = payload["attachment"]
    assert attachment["kind"] == "PDF" and attachment["purpose"] == "mediation.agreement_pdf"
    data = await fetch(mediator, attachment["downloadUrl"]["url"])
    import hashlib

    assert hashlib.sha256(data).hexdigest() == attachment["sha256"]
    text = pdf_text(data, tmp_path)
    for expected in ("人民调解协议书", "张三", number, "13812345678", "李四赔偿张三维修费800元", "（签名）", "盖章处", "渠县公安局城东派出所"):
        assert expected in text, expected


async def test_the_pdf_embeds_its_chinese_font(app, officer, station, team, tmp_path):
    dispute, _ = await _resolved_with_known_party(officer, station, team)
    payload = await officer.mutate(PRINT, {"input": {"disputeId": dispute["id"]}})
    data = await fetch(officer, payload["attachment"]["downloadUrl"]["url"])
    fonts = pdf_fonts(data, tmp_path)
    line = next(row for row in fonts.splitlines() if "NotoSansCJKSC" in row)
    assert line.split()[-5:-3] == ["yes", "yes"]  # embedded, subset


async def test_printing_again_reuses_the_stored_pdf_and_audits_each_print(app, officer, station, team):
    from core.attachments.models import Attachment
    from core.audit.models import AuditEvent

    dispute, _ = await _resolved_with_known_party(officer, station, team)
    first = await officer.mutate(PRINT, {"input": {"disputeId": dispute["id"]}})
    second = await officer.mutate(PRINT, {"input": {"disputeId": dispute["id"]}})
    assert first["attachment"]["id"] == second["attachment"]["id"]
    assert await Attachment.filter(purpose="mediation.agreement_pdf").count() == 1
    assert await AuditEvent.filter(action="mediation.agreement.print").count() == 2
    assert await AuditEvent.filter(action="core.attachment.store").count() == 1


async def test_a_mediator_outside_the_team_may_not_print(app, officer, station, team, login_as):
    dispute, _ = await _resolved_with_known_party(officer, station, team)
    outsider = await login_as(Role.MEDIATOR, station=station)
    data = await outsider.data(PRINT, {"input": {"disputeId": dispute["id"]}})
    # The dispute is not among the outsider's (not reported, not mediated): it does not exist for them.
    assert data["printMediationAgreement"]["errors"][0]["code"] == "NOT_FOUND"


async def test_a_visible_dispute_does_not_make_a_non_team_reader_a_printer(app, officer, station, team, login_as):
    dispute, _ = await _resolved_with_known_party(officer, station, team)
    auxiliary = await login_as(Role.AUXILIARY, station=station)  # reads every dispute, no full view
    data = await auxiliary.data(PRINT, {"input": {"disputeId": dispute["id"]}})
    assert data["printMediationAgreement"]["errors"][0]["code"] == "FORBIDDEN"


async def test_a_dispute_without_agreement_has_nothing_to_print(officer, station, team):
    dispute = await flows.in_mediation(officer, station, team)
    data = await officer.data(PRINT, {"input": {"disputeId": dispute["id"]}})
    assert data["printMediationAgreement"]["errors"][0]["code"] == "INVALID_TRANSITION"
