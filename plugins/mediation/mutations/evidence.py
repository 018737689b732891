"""Root mutations of documents: printing the agreement and the 司法确认 hand-off."""

from typing import Annotated

import strawberry
from strawberry.types import Info

from core import AttachmentNode, decode_id, mutation_field

from ..services import judicial, printing
from ..types import evidence as t
from ..types import inputs as i


@strawberry.type
class EvidenceMutation:
    @mutation_field(
        permission="mediation.dispute.read",
        description="Print the latest agreement of a dispute as a PDF with the parties' full details, signature "
        "blocks and the seal placeholder; stored on the dispute (once per agreement) and audited on every print. "
        "Allowed to the team that made the agreement and to roles that see personal data in full.",
    )
    async def print_mediation_agreement(
        self,
        info: Info,
        input: Annotated[
            t.PrintMediationAgreementInput, strawberry.argument(description="Which dispute's agreement to print.")
        ],
    ) -> t.PrintMediationAgreementPayload:
        attachment, _ = await printing.print_agreement(info.context.actor, i.dispute_id(input.dispute_id))
        return t.PrintMediationAgreementPayload(attachment=AttachmentNode.from_row(attachment))

    @mutation_field(
        permission="mediation.judicial.manage",
        description="司法确认: build the application package (申请书, agreement, identity data, evidence manifest with "
        "hashes, manifest) as a ZIP stored on the dispute, and record the hand-off on its timeline.",
    )
    async def apply_for_judicial_confirmation(
        self,
        info: Info,
        input: Annotated[
            t.ApplyForJudicialConfirmationInput,
            strawberry.argument(description="The dispute, the court, the reference and the hand-off date."),
        ],
    ) -> t.ApplyForJudicialConfirmationPayload:
        from core.attachments.models import Attachment

        row = await judicial.apply_for_confirmation(
            info.context.actor,
            i.dispute_id(input.dispute_id),
            court=input.court,
            reference_number=input.reference_number,
            submitted_on=input.submitted_on,
        )
        package = await Attachment.get(id=row.package_attachment_id)
        return t.ApplyForJudicialConfirmationPayload(
            confirmation=t.JudicialConfirmation.from_row(row), package=AttachmentNode.from_row(package)
        )

    @mutation_field(
        permission="mediation.judicial.manage",
        description="Record the court's decision on a 司法确认 application (on the dispute's timeline).",
    )
    async def record_judicial_decision(
        self,
        info: Info,
        input: Annotated[
            t.RecordJudicialDecisionInput, strawberry.argument(description="The application and the court's decision.")
        ],
    ) -> t.RecordJudicialDecisionPayload:
        row = await judicial.record_decision(
            info.context.actor,
            decode_id(input.confirmation_id, "JudicialConfirmation", field="confirmationId"),
            confirmed=input.decision is t.JudicialDecision.CONFIRMED,
            decided_on=input.decided_on,
            reason=input.reason,
        )
        return t.RecordJudicialDecisionPayload(confirmation=t.JudicialConfirmation.from_row(row))
