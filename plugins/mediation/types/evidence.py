"""GraphQL of evidence and documents: the 司法确认 record, and the inputs and payloads of
printing an agreement and of the judicial-confirmation hand-off."""

import datetime as dt
import enum

import strawberry
from strawberry.types import Info

from core import AttachmentNode, UserError, graphql_enum, row_mapping, to_global_id

from .. import models

graphql_enum(
    models.JudicialStatus,
    description="Where a 司法确认 application stands.",
    values={
        "SUBMITTED": "已申请 — handed to the court; no decision recorded yet.",
        "CONFIRMED": "已确认 — the court confirmed the agreement (裁定调解协议有效); it is enforceable.",
        "REJECTED": "已驳回 — the court did not confirm it; the reason is recorded.",
    },
)


class JudicialDecision(enum.Enum):
    CONFIRMED = "CONFIRMED"
    REJECTED = "REJECTED"


graphql_enum(
    JudicialDecision,
    description="The court's decision on a 司法确认 application.",
    values={
        "CONFIRMED": "确认有效 — the agreement is confirmed.",
        "REJECTED": "驳回申请 — not confirmed; give the court's reason.",
    },
)


@strawberry.type(description="司法确认 — an agreement handed to a court for judicial confirmation, and the decision.")
class JudicialConfirmation:
    id: strawberry.ID = strawberry.field(description="Opaque id of the application.")
    court: str = strawberry.field(description="The court it was handed to, e.g. 渠县人民法院.")
    reference_number: str = strawberry.field(description="The court's or the station's reference for the application.")
    submitted_on: dt.date = strawberry.field(description="Hand-off date (local date of the deployment).")
    status: models.JudicialStatus = strawberry.field(description="Submitted, confirmed or rejected.")
    decided_on: dt.date | None = strawberry.field(description="Date of the court's decision, once recorded.")
    decision_reason: str | None = strawberry.field(description="The court's reason (required for a rejection).")
    _row: strawberry.Private[models.JudicialConfirmation]

    from_row = row_mapping(models.JudicialConfirmation)

    @strawberry.field(description="Global id of the package (ZIP) stored as an attachment of the dispute.")
    def package_attachment_id(self) -> strawberry.ID | None:
        pk = self._row.package_attachment_id
        return strawberry.ID(to_global_id("Attachment", pk)) if pk else None


@strawberry.input(description="Print the agreement of a resolved dispute as a PDF (调解协议书).")
class PrintMediationAgreementInput:
    dispute_id: strawberry.ID = strawberry.field(description="The dispute whose latest agreement is printed.")


@strawberry.type(description="Result of printMediationAgreement.")
class PrintMediationAgreementPayload:
    attachment: AttachmentNode | None = strawberry.field(
        default=None, description="The PDF, stored as an attachment of the dispute (with its SHA-256)."
    )
    errors: list[UserError] = strawberry.field(default_factory=list, description="Why nothing was printed.")


@strawberry.input(description="Hand a concluded dispute's agreement to a court for 司法确认.")
class ApplyForJudicialConfirmationInput:
    dispute_id: strawberry.ID = strawberry.field(description="A RESOLVED or CLOSED dispute with an agreement.")
    court: str = strawberry.field(description="The court, e.g. 渠县人民法院 (max 100 characters).")
    reference_number: str = strawberry.field(description="The court's or station's reference (max 64 characters).")
    submitted_on: dt.date = strawberry.field(
        description="Hand-off date: not in the future, within 30 days of the agreement (人民调解法第三十三条)."
    )


@strawberry.type(description="Result of applyForJudicialConfirmation.")
class ApplyForJudicialConfirmationPayload:
    confirmation: JudicialConfirmation | None = strawberry.field(default=None, description="The recorded hand-off.")
    package: AttachmentNode | None = strawberry.field(
        default=None, description="The application package (ZIP with manifest), stored on the dispute."
    )
    errors: list[UserError] = strawberry.field(default_factory=list, description="Why nothing was recorded.")


@strawberry.input(description="Record the court's decision on a 司法确认 application.")
class RecordJudicialDecisionInput:
    confirmation_id: strawberry.ID = strawberry.field(description="The application (JudicialConfirmation id).")
    decision: JudicialDecision = strawberry.field(description="Confirmed or rejected.")
    decided_on: dt.date = strawberry.field(description="Date of the court's ruling (between hand-off and today).")
    reason: str | None = strawberry.field(default=None, description="The court's reason; required for REJECTED.")


@strawberry.type(description="Result of recordJudicialDecision.")
class RecordJudicialDecisionPayload:
    confirmation: JudicialConfirmation | None = strawberry.field(default=None, description="The updated application.")
    errors: list[UserError] = strawberry.field(default_factory=list, description="Why nothing was recorded.")


async def dispute_judicial_confirmations(info: Info, dispute_pk: int) -> list[JudicialConfirmation]:
    from . import loaders

    rows = await loaders.load(info, "judicial").load(dispute_pk)
    return [JudicialConfirmation.from_row(row) for row in rows]
