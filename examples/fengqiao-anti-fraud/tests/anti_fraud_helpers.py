"""GraphQL documents and small builders shared by the tests."""

from __future__ import annotations

import datetime as dt

from core import to_global_id

RECORD_PUBLICITY = """
mutation ($input: RecordAntiFraudPublicityInput!) {
  recordAntiFraudPublicity(input: $input) {
    publicityEvent { id venue audienceCount appInstalls areaName }
    errors { field message code }
  }
}
"""
REPORT_FRAUD = """
mutation ($input: ReportFraudInput!) {
  reportFraud(input: $input) {
    fraudReport { id status amountLost victimName victimPhone }
    errors { field message code }
  }
}
"""
CLOSE_REPORT = """
mutation ($input: CloseFraudReportInput!) {
  closeFraudReport(input: $input) {
    fraudReport { id status amountRecovered }
    errors { field message code }
  }
}
"""
FRAUD_REPORTS = """
query { fraudReports(first: 50) { totalCount nodes { id victimName victimPhone areaName } } }
"""
PUBLICITY_EVENTS = """
query ($first: Int) {
  antiFraudPublicityEvents(first: $first) { totalCount nodes { id venue kind areaName } }
}
"""


def area_id(area) -> str:
    return to_global_id("Area", area.id)


def publicity_input(area, **changes) -> dict:
    values = {
        "areaId": area_id(area),
        "heldOn": "2020-08-18",
        "kind": "COMMUNITY_TALK",
        "venue": "文峰社区活动室",
        "audienceCount": 60,
        "residentsWarned": 12,
        "appInstalls": 35,
    }
    return values | changes


def fraud_input(area=None, **changes) -> dict:
    values = {
        "occurredOn": "2020-08-15",
        "fraudType": "IMPERSONATING_OFFICIALS",
        "amountLost": "12000.00",
        "victimName": "王秀英",
        "victimPhone": "13812345678",
        "summary": "冒充公安来电称其涉嫌洗钱，要求转账至安全账户。",
    }
    if area is not None:
        values["areaId"] = area_id(area)
    return values | changes


DAY = dt.date(2020, 8, 18)
