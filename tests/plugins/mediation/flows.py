"""GraphQL documents and small steps that move a dispute through its lifecycle."""

from __future__ import annotations

from .conftest import REPORT, dispute_input, team_input

DISPUTE_FIELDS = """
  id status riskLevel computedRiskLevel level createdAt deadlineAt intervenedAt resolvedAt resolvedLevel
  concludedAt closedAt reopenedCount criminalLinked isOverdue riskRules { rule level raises }
"""


def mutation(name: str, input_type: str, extra: str = "") -> str:
    return (
        f"mutation($input: {input_type}!) {{ {name}(input: $input) {{ dispute {{ {DISPUTE_FIELDS} }} {extra} "
        "errors { field message code } } }"
    )


ASSESS = mutation("assessDispute", "AssessDisputeInput")
OVERRIDE = mutation("overrideRiskLevel", "OverrideRiskLevelInput")
ASSIGN = mutation("assignMediators", "AssignMediatorsInput")
SESSION = mutation("recordMediationSession", "RecordMediationSessionInput", "session { id heldAt place attendees }")
RESOLVE = mutation("resolveDispute", "ResolveDisputeInput", "agreement { terms printableText signedAt }")
FAIL = mutation("failMediation", "FailMediationInput")
ESCALATE = mutation("escalateDispute", "EscalateDisputeInput", "escalation { fromLevel toLevel handoverNote }")
CLOSE = mutation("closeDispute", "CloseDisputeInput")
REOPEN = mutation("reopenDispute", "ReopenDisputeInput")
LINK = mutation("linkCriminalCase", "LinkCriminalCaseInput", "criminalCase { caseNumber source }")


async def report(client, station, **overrides) -> dict:
    payload = await client.mutate(REPORT, {"input": dispute_input(station, **overrides)})
    return payload["dispute"]


async def assess(client, dispute_id, **extra) -> dict:
    return (await client.mutate(ASSESS, {"input": {"disputeId": dispute_id, **extra}}))["dispute"]


async def assign(client, dispute_id, team) -> dict:
    return (await client.mutate(ASSIGN, {"input": {"disputeId": dispute_id, "mediators": team_input(team)}}))["dispute"]


async def session(client, dispute_id, held_at: str) -> dict:
    variables = {
        "input": {
            "disputeId": dispute_id,
            "heldAt": held_at,
            "place": "文峰社区调解室",
            "attendees": ["张三", "李四", "陈调解员"],
            "notes": "双方陈述事实，初步达成共识",
        }
    }
    return await client.mutate(SESSION, variables)


async def resolve(client, dispute_id, terms=("李四赔偿张三维修费800元",)) -> dict:
    return await client.mutate(RESOLVE, {"input": {"disputeId": dispute_id, "terms": list(terms)}})


async def fail(client, dispute_id) -> dict:
    return (await client.mutate(FAIL, {"input": {"disputeId": dispute_id, "reason": "双方分歧过大"}}))["dispute"]


async def escalate(client, dispute_id) -> dict:
    return await client.mutate(ESCALATE, {"input": {"disputeId": dispute_id, "handoverNote": "移交街道调委会"}})


async def close(client, dispute_id) -> dict:
    return (await client.mutate(CLOSE, {"input": {"disputeId": dispute_id, "note": "回访满意"}}))["dispute"]


async def in_mediation(client, station, team, **overrides) -> dict:
    dispute = await report(client, station, **overrides)
    await assess(client, dispute["id"])
    return await assign(client, dispute["id"], team)


async def resolved(client, station, team, **overrides) -> dict:
    dispute = await in_mediation(client, station, team, **overrides)
    return (await resolve(client, dispute["id"]))["dispute"]
