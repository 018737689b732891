"""Root mutations of anti-fraud publicity. The core wraps each in one transaction with the
audit context set, and turns a ``UserInputError`` into ``errors`` with nothing written."""

from typing import Annotated

import strawberry
from strawberry.types import Info

from core import decode_id, mutation_field
from fengqiao_anti_fraud import services
from fengqiao_anti_fraud.types import (
    AntiFraudPublicityEvent,
    CloseFraudReportInput,
    CloseFraudReportPayload,
    FraudReport,
    RecordAntiFraudPublicityInput,
    RecordAntiFraudPublicityPayload,
    ReportFraudInput,
    ReportFraudPayload,
)


@strawberry.type
class AntiFraudMutation:
    @mutation_field(permission="anti_fraud.publicity.write", description="Record an anti-fraud publicity event.")
    async def record_anti_fraud_publicity(
        self,
        info: Info,
        input: Annotated[
            RecordAntiFraudPublicityInput,
            strawberry.argument(description="The event held: area, day, form, venue and what it achieved."),
        ],
    ) -> RecordAntiFraudPublicityPayload:
        data = services.PublicityInput(
            area_id=decode_id(input.area_id, "Area", field="areaId"),
            held_on=input.held_on,
            kind=input.kind,
            venue=input.venue,
            audience_count=input.audience_count,
            residents_warned=input.residents_warned,
            app_installs=input.app_installs,
            notes=input.notes,
        )
        event = await services.record_publicity(info.context.actor, data)
        return RecordAntiFraudPublicityPayload(publicity_event=AntiFraudPublicityEvent.from_row(event))

    @mutation_field(permission="anti_fraud.report.write", description="File a victim's fraud report (报案).")
    async def report_fraud(
        self,
        info: Info,
        input: Annotated[
            ReportFraudInput,
            strawberry.argument(description="The fraud reported: when, what type, money lost and the victim."),
        ],
    ) -> ReportFraudPayload:
        data = services.FraudReportInput(
            area_id=decode_id(input.area_id, "Area", field="areaId", required=False),
            occurred_on=input.occurred_on,
            fraud_type=input.fraud_type,
            amount_lost=input.amount_lost,
            victim_name=input.victim_name,
            victim_phone=input.victim_phone,
            summary=input.summary,
            reported_on=input.reported_on,
        )
        report = await services.report_fraud(info.context.actor, data)
        return ReportFraudPayload(fraud_report=FraudReport.from_row(report))

    @mutation_field(permission="anti_fraud.report.close", description="Close a fraud report with the money recovered.")
    async def close_fraud_report(
        self,
        info: Info,
        input: Annotated[
            CloseFraudReportInput,
            strawberry.argument(description="The open report, the money recovered and a closing note."),
        ],
    ) -> CloseFraudReportPayload:
        report_id = decode_id(input.fraud_report_id, "FraudReport", field="fraudReportId")
        report = await services.close_fraud_report(info.context.actor, report_id, input.amount_recovered, input.note)
        return CloseFraudReportPayload(fraud_report=FraudReport.from_row(report))
