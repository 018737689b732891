"""GraphQL documents and small flows shared by the patrol tests."""

from __future__ import annotations

from tests.plugins.patrol.helpers import area_id, id_number

ERRORS = "errors { field message code }"

REPORT_INCIDENT = f"""
mutation($input: ReportIncidentInput!) {{
  reportIncident(input: $input) {{
    incident {{ id status source category areaId areaName receivedAt persons {{ name role idNumber phone }} }}
    {ERRORS}
  }}
}}
"""
DISPATCH = f"""
mutation($input: DispatchIncidentInput!) {{
  dispatchIncident(input: $input) {{ incident {{ id status dutyUnit dispatchMinutes assigneeName }} {ERRORS} }}
}}
"""
ARRIVE = f"""
mutation($input: RecordIncidentArrivalInput!) {{
  recordIncidentArrival(input: $input) {{ incident {{ id status arrivalMinutes }} {ERRORS} }}
}}
"""
HANDLE = f"""
mutation($input: RecordIncidentHandlingInput!) {{
  recordIncidentHandling(input: $input) {{ incident {{ id status outcome }} {ERRORS} }}
}}
"""
CLOSE = f"""
mutation($input: CloseIncidentInput!) {{
  closeIncident(input: $input) {{ incident {{ id status closedAt }} {ERRORS} }}
}}
"""
OPEN_CASE = f"""
mutation($input: OpenCriminalCaseInput!) {{
  openCriminalCase(input: $input) {{ criminalCase {{ id caseNumber incidentId solvedWithVideo }} {ERRORS} }}
}}
"""
SOLVE_CASE = f"""
mutation($input: SolveCriminalCaseInput!) {{
  solveCriminalCase(input: $input) {{ criminalCase {{ id solvedAt solvedWithVideo }} {ERRORS} }}
}}
"""


def incident_input(station, **overrides) -> dict:
    values = {
        "source": "CALL_110",
        "category": "THEFT",
        "areaId": area_id(station),
        "address": "滨江花园3栋",
        "description": "电动车被盗",
        "persons": [{"role": "VICTIM", "name": "张三", "idNumber": id_number(), "phone": "13812345678"}],
    }
    values.update(overrides)
    return values


async def report(client, station, **overrides) -> str:
    payload = await client.mutate(REPORT_INCIDENT, {"input": incident_input(station, **overrides)})
    return payload["incident"]["id"]


async def dispatch(client, incident_id: str, unit: str = "COMMUNITY_POLICING") -> dict:
    return await client.mutate(DISPATCH, {"input": {"incidentId": incident_id, "unit": unit}})


async def arrive(client, incident_id: str) -> dict:
    return await client.mutate(ARRIVE, {"input": {"incidentId": incident_id}})


async def handle(client, incident_id: str, outcome: str = "RESOLVED_ON_SITE") -> dict:
    return await client.mutate(HANDLE, {"input": {"incidentId": incident_id, "outcome": outcome, "notes": "已处置"}})


async def close(client, incident_id: str) -> dict:
    return await client.mutate(CLOSE, {"input": {"incidentId": incident_id}})
