"""Tortoise models of the mediation plugin (多元化调解).

Every row is station-owned, child rows included, so ``core.scoped`` reaches each table alone.
Foreign keys into the core use ``related_name=False``: the core models gain no reverse
relations that could collide with another plugin's.
"""

from __future__ import annotations

import enum

from tortoise import fields

from core import EncryptedTextField, Located, LocationColumns, StationOwnedModel, location_index

from .enums import RiskFactor, RiskLevel  # noqa: F401 — also imported from here
from .permissions import DISPUTE_READ_RULE


class DisputeStatus(enum.Enum):
    REPORTED = "REPORTED"
    ASSESSED = "ASSESSED"
    IN_MEDIATION = "IN_MEDIATION"
    RESOLVED = "RESOLVED"
    FAILED = "FAILED"
    ESCALATED = "ESCALATED"
    CLOSED = "CLOSED"


class MediationLevel(enum.Enum):
    VILLAGE = "VILLAGE"
    TOWN = "TOWN"
    COUNTY = "COUNTY"

    def above(self) -> MediationLevel | None:
        order = list(MediationLevel)
        index = order.index(self)
        return order[index + 1] if index + 1 < len(order) else None


class DisputeCategory(enum.Enum):
    NEIGHBOUR = "NEIGHBOUR"
    FAMILY = "FAMILY"
    LAND = "LAND"
    LABOUR_WAGES = "LABOUR_WAGES"
    DEBT = "DEBT"
    PROPERTY_MANAGEMENT = "PROPERTY_MANAGEMENT"
    TRAFFIC = "TRAFFIC"
    OTHER = "OTHER"


class DisputeSource(enum.Enum):
    WALK_IN = "WALK_IN"
    TIP = "TIP"
    CANVASS = "CANVASS"
    REFERRAL = "REFERRAL"
    INCIDENT = "INCIDENT"


class PartyRole(enum.Enum):
    APPLICANT = "APPLICANT"
    RESPONDENT = "RESPONDENT"
    THIRD_PARTY = "THIRD_PARTY"


class TeamRole(enum.Enum):
    PROFESSIONAL = "PROFESSIONAL"
    VOLUNTEER = "VOLUNTEER"
    PEOPLES_MEDIATOR = "PEOPLES_MEDIATOR"


class CriminalLinkSource(enum.Enum):
    MANUAL = "MANUAL"
    AUTOMATIC = "AUTOMATIC"


class CanvassMode(enum.Enum):
    ROLLING = "ROLLING"
    CARPET = "CARPET"
    DRAGNET = "DRAGNET"
    NETWORK = "NETWORK"


class TipStatus(enum.Enum):
    RECEIVED = "RECEIVED"
    DISMISSED = "DISMISSED"
    MERGED = "MERGED"
    CONVERTED = "CONVERTED"


class CentreMemberKind(enum.Enum):
    COMMUNITY_CADRE = "COMMUNITY_CADRE"
    PROPERTY_STAFF = "PROPERTY_STAFF"
    VOLUNTEER = "VOLUNTEER"
    POLICE_OFFICER = "POLICE_OFFICER"


class Person(StationOwnedModel):
    """Someone who is party to disputes, found again by the keyed hash of the ID number."""

    id = fields.IntField(primary_key=True)
    name = EncryptedTextField()
    id_number = EncryptedTextField()
    id_number_hash = fields.CharField(max_length=64, index=True)
    phone = EncryptedTextField(null=True)
    phone_hash = fields.CharField(max_length=64, null=True, index=True)
    birth_date = fields.DateField(null=True)
    created_at = fields.DatetimeField()

    minor_birth_date_field = "birth_date"

    class Meta:
        table = "mediation_person"
        unique_together = (("station", "id_number_hash"),)


class MediationCentre(StationOwnedModel):
    """小区调处中心: a compound's own mediation centre."""

    id = fields.IntField(primary_key=True)
    name = fields.CharField(max_length=100)
    area = fields.ForeignKeyField("core.Area", related_name=False, on_delete=fields.RESTRICT)
    created_at = fields.DatetimeField()

    class Meta:
        table = "mediation_centre"
        # The list's default order, read from an index: no sort of the whole table per page.
        indexes = (("station_id", "name", "id"),)


class CentreMember(StationOwnedModel):
    id = fields.IntField(primary_key=True)
    centre = fields.ForeignKeyField("mediation.MediationCentre", related_name="members", on_delete=fields.CASCADE)
    name = fields.CharField(max_length=100)
    kind = fields.CharEnumField(CentreMemberKind, max_length=24)
    phone = EncryptedTextField(null=True)
    user = fields.ForeignKeyField("core.User", related_name=False, null=True, on_delete=fields.SET_NULL)

    class Meta:
        table = "mediation_centre_member"


class Dispute(LocationColumns, StationOwnedModel):
    """A dispute (矛盾纠纷) and where it stands in its lifecycle.

    Stamps of each transition live here (the latest of each kind) and in ``DisputeTransition``
    (all of them). ``deadline_at`` is the intervention deadline of the current level;
    ``intervened_at`` the first intervention at that level.
    """

    read_rule = DISPUTE_READ_RULE

    id = fields.IntField(primary_key=True)
    category = fields.CharEnumField(DisputeCategory, max_length=24)
    source = fields.CharEnumField(DisputeSource, max_length=16)
    description = fields.TextField()
    area = fields.ForeignKeyField("core.Area", related_name=False, on_delete=fields.RESTRICT)
    centre = fields.ForeignKeyField(
        "mediation.MediationCentre", related_name="disputes", null=True, on_delete=fields.SET_NULL
    )
    status = fields.CharEnumField(DisputeStatus, max_length=16, index=True)
    level = fields.CharEnumField(MediationLevel, max_length=8)
    risk_factors = fields.JSONField(default=list)
    risk_level = fields.CharEnumField(RiskLevel, max_length=8, index=True)
    # Sortable copy of risk_level (BLUE 1, YELLOW 2, RED 3).
    risk_rank = fields.SmallIntField()
    computed_risk_level = fields.CharEnumField(RiskLevel, max_length=8)
    risk_rules = fields.JSONField(default=list)
    risk_override = fields.CharEnumField(RiskLevel, max_length=8, null=True)
    risk_override_reason = fields.TextField(null=True)
    risk_override_by = fields.ForeignKeyField("core.User", related_name=False, null=True, on_delete=fields.SET_NULL)
    reported_at = fields.DatetimeField(index=True)
    reported_by = fields.ForeignKeyField("core.User", related_name=False, null=True, on_delete=fields.SET_NULL)
    assessed_at = fields.DatetimeField(null=True)
    assessed_by = fields.ForeignKeyField("core.User", related_name=False, null=True, on_delete=fields.SET_NULL)
    level_started_at = fields.DatetimeField()
    deadline_at = fields.DatetimeField(index=True)
    intervened_at = fields.DatetimeField(null=True)
    resolved_at = fields.DatetimeField(null=True)
    resolved_by = fields.ForeignKeyField("core.User", related_name=False, null=True, on_delete=fields.SET_NULL)
    resolved_level = fields.CharEnumField(MediationLevel, max_length=8, null=True)
    failed_at = fields.DatetimeField(null=True)
    failure_reason = fields.TextField(null=True)
    # When the dispute got an outcome: resolved by agreement, or closed without one.
    concluded_at = fields.DatetimeField(null=True)
    closed_at = fields.DatetimeField(null=True)
    closed_by = fields.ForeignKeyField("core.User", related_name=False, null=True, on_delete=fields.SET_NULL)
    close_note = fields.TextField(null=True)
    reopened_count = fields.SmallIntField(default=0)
    reopened_at = fields.DatetimeField(null=True)
    # When each step was entered, beside when it happened (补录; see core.occurrence).
    recorded_steps = fields.JSONField(null=True)
    criminal_linked = fields.BooleanField(default=False)
    updated_at = fields.DatetimeField()
    # The deadline whose passing was announced (mediation.dispute.overdue): set by the conditional
    # update that claims the announcement, so it is made once per deadline; a later deadline (a new
    # level or risk level) may be announced again.
    overdue_notified_for = fields.DatetimeField(null=True)

    # The place of the dispute (纠纷发生地).
    located = Located(area_field="area")

    class Meta:
        table = "mediation_dispute"
        # The list's default order, read from an index: no sort of the whole table per page.
        indexes = (("station_id", "reported_at", "id"), ("station_id", "deadline_at", "id"), location_index())


class DisputeParty(StationOwnedModel):
    id = fields.IntField(primary_key=True)
    dispute = fields.ForeignKeyField("mediation.Dispute", related_name="parties", on_delete=fields.CASCADE)
    person = fields.ForeignKeyField("mediation.Person", related_name="dispute_links", on_delete=fields.RESTRICT)
    role = fields.CharEnumField(PartyRole, max_length=16)
    vulnerable = fields.BooleanField(default=False)

    # A party under 14 is hidden with its person (core.scoped), in the same statement.
    minor_birth_date_field = "person__birth_date"

    class Meta:
        table = "mediation_dispute_party"


class DisputeTransition(StationOwnedModel):
    """One step of a dispute's lifecycle: who moved it from which status to which, when."""

    id = fields.IntField(primary_key=True)
    dispute = fields.ForeignKeyField("mediation.Dispute", related_name="transitions", on_delete=fields.CASCADE)
    action = fields.CharField(max_length=32)
    from_status = fields.CharEnumField(DisputeStatus, max_length=16, null=True)
    to_status = fields.CharEnumField(DisputeStatus, max_length=16)
    at = fields.DatetimeField()
    by = fields.ForeignKeyField("core.User", related_name=False, null=True, on_delete=fields.SET_NULL)
    note = fields.TextField(null=True)

    class Meta:
        table = "mediation_dispute_transition"


class MediatorAssignment(StationOwnedModel):
    """A member of a dispute's mediation team at one level (专业+志愿+调解)."""

    id = fields.IntField(primary_key=True)
    dispute = fields.ForeignKeyField("mediation.Dispute", related_name="assignments", on_delete=fields.CASCADE)
    user = fields.ForeignKeyField("core.User", related_name=False, on_delete=fields.RESTRICT)
    team_role = fields.CharEnumField(TeamRole, max_length=20)
    level = fields.CharEnumField(MediationLevel, max_length=8)
    assigned_at = fields.DatetimeField()
    # Replaced teams (reassignment, escalation) stay for the record but no longer count.
    active = fields.BooleanField(default=True, index=True)

    class Meta:
        table = "mediation_assignment"


class MediationSession(StationOwnedModel):
    id = fields.IntField(primary_key=True)
    dispute = fields.ForeignKeyField("mediation.Dispute", related_name="sessions", on_delete=fields.CASCADE)
    held_at = fields.DatetimeField()
    place = fields.CharField(max_length=200)
    attendees = fields.JSONField(default=list)
    notes = fields.TextField()
    level = fields.CharEnumField(MediationLevel, max_length=8)
    recorded_by = fields.ForeignKeyField("core.User", related_name=False, null=True, on_delete=fields.SET_NULL)

    class Meta:
        table = "mediation_session"


class Agreement(StationOwnedModel):
    """调解协议书: the agreed terms and the printable text rendered from the template."""

    id = fields.IntField(primary_key=True)
    dispute = fields.ForeignKeyField("mediation.Dispute", related_name="agreements", on_delete=fields.CASCADE)
    terms = fields.JSONField(default=list)
    # Names and ID numbers of the parties appear in the printable text.
    text = EncryptedTextField()
    signed_at = fields.DatetimeField()
    created_by = fields.ForeignKeyField("core.User", related_name=False, null=True, on_delete=fields.SET_NULL)
    # The team that made it (active mediators and the resolver): they may print it in full.
    team_user_ids = fields.JSONField(null=True)

    class Meta:
        table = "mediation_agreement"


class Escalation(StationOwnedModel):
    id = fields.IntField(primary_key=True)
    dispute = fields.ForeignKeyField("mediation.Dispute", related_name="escalations", on_delete=fields.CASCADE)
    from_level = fields.CharEnumField(MediationLevel, max_length=8)
    to_level = fields.CharEnumField(MediationLevel, max_length=8)
    handover_note = fields.TextField()
    escalated_at = fields.DatetimeField()
    escalated_by = fields.ForeignKeyField("core.User", related_name=False, null=True, on_delete=fields.SET_NULL)

    class Meta:
        table = "mediation_escalation"


class JudicialStatus(enum.Enum):
    SUBMITTED = "SUBMITTED"
    CONFIRMED = "CONFIRMED"
    REJECTED = "REJECTED"


class JudicialConfirmation(StationOwnedModel):
    """司法确认: an agreement handed to a court for judicial confirmation, and its decision."""

    id = fields.IntField(primary_key=True)
    dispute = fields.ForeignKeyField(
        "mediation.Dispute", related_name="judicial_confirmations", on_delete=fields.CASCADE
    )
    agreement = fields.ForeignKeyField("mediation.Agreement", related_name=False, on_delete=fields.RESTRICT)
    court = fields.CharField(max_length=100)
    reference_number = fields.CharField(max_length=64)
    submitted_on = fields.DateField()
    submitted_by = fields.ForeignKeyField("core.User", related_name=False, null=True, on_delete=fields.SET_NULL)
    # The core attachment holding the application package (ZIP).
    package_attachment_id = fields.BigIntField(null=True)
    status = fields.CharEnumField(JudicialStatus, max_length=12, index=True)
    decided_on = fields.DateField(null=True)
    decision_reason = fields.TextField(null=True)
    decided_by = fields.ForeignKeyField("core.User", related_name=False, null=True, on_delete=fields.SET_NULL)
    created_at = fields.DatetimeField()

    class Meta:
        table = "mediation_judicial_confirmation"


class CriminalCaseLink(StationOwnedModel):
    """民转刑: the dispute turned into (or is tied to) a criminal case."""

    id = fields.IntField(primary_key=True)
    dispute = fields.ForeignKeyField("mediation.Dispute", related_name="criminal_links", on_delete=fields.CASCADE)
    case_number = fields.CharField(max_length=64)
    incident_id = fields.IntField(null=True)
    source = fields.CharEnumField(CriminalLinkSource, max_length=12)
    note = fields.TextField(null=True)
    linked_at = fields.DatetimeField(index=True)
    linked_by = fields.ForeignKeyField("core.User", related_name=False, null=True, on_delete=fields.SET_NULL)

    class Meta:
        table = "mediation_criminal_link"
        unique_together = (("dispute", "case_number"),)


class Tip(StationOwnedModel):
    """A tip from a resident (治安信息员), possibly anonymous. The sender holds only a tracking code."""

    id = fields.IntField(primary_key=True)
    content = fields.TextField()
    area = fields.ForeignKeyField("core.Area", related_name=False, null=True, on_delete=fields.SET_NULL)
    contact_phone = EncryptedTextField(null=True)
    submitted_by = fields.ForeignKeyField("core.User", related_name=False, null=True, on_delete=fields.SET_NULL)
    anonymous = fields.BooleanField(default=True)
    tracking_code_hash = fields.CharField(max_length=64, unique=True)
    status = fields.CharEnumField(TipStatus, max_length=12, index=True)
    submitted_at = fields.DatetimeField()
    updated_at = fields.DatetimeField()
    triaged_at = fields.DatetimeField(null=True)
    triaged_by = fields.ForeignKeyField("core.User", related_name=False, null=True, on_delete=fields.SET_NULL)
    triage_note = fields.TextField(null=True)
    # When the triage was entered, beside when it happened (补录; see core.occurrence).
    recorded_steps = fields.JSONField(null=True)
    merged_into = fields.ForeignKeyField(
        "mediation.Tip", related_name="merged_tips", null=True, on_delete=fields.SET_NULL
    )
    dispute = fields.ForeignKeyField("mediation.Dispute", related_name="tips", null=True, on_delete=fields.SET_NULL)

    class Meta:
        table = "mediation_tip"
        # The list's default order, read from an index: no sort of the whole table per page.
        indexes = (("station_id", "submitted_at", "id"),)


class CanvassCampaign(StationOwnedModel):
    """四式摸排: a canvass over areas in a period."""

    id = fields.IntField(primary_key=True)
    name = fields.CharField(max_length=200)
    mode = fields.CharEnumField(CanvassMode, max_length=12)
    start_date = fields.DateField()
    end_date = fields.DateField()
    addresses_covered = fields.IntField(default=0)
    notes = fields.TextField(null=True)
    created_at = fields.DatetimeField()
    created_by = fields.ForeignKeyField("core.User", related_name=False, null=True, on_delete=fields.SET_NULL)

    class Meta:
        table = "mediation_canvass_campaign"
        # The list's default order, read from an index: no sort of the whole table per page.
        indexes = (("station_id", "start_date", "id"),)


class CanvassArea(StationOwnedModel):
    id = fields.IntField(primary_key=True)
    campaign = fields.ForeignKeyField("mediation.CanvassCampaign", related_name="area_links", on_delete=fields.CASCADE)
    area = fields.ForeignKeyField("core.Area", related_name=False, on_delete=fields.RESTRICT)

    class Meta:
        table = "mediation_canvass_area"
        unique_together = (("campaign", "area"),)


class CanvassFinding(StationOwnedModel):
    id = fields.IntField(primary_key=True)
    campaign = fields.ForeignKeyField("mediation.CanvassCampaign", related_name="findings", on_delete=fields.CASCADE)
    area = fields.ForeignKeyField("core.Area", related_name=False, on_delete=fields.RESTRICT)
    address = EncryptedTextField(null=True)
    description = fields.TextField()
    risk_factors = fields.JSONField(default=list)
    found_at = fields.DatetimeField()
    recorded_by = fields.ForeignKeyField("core.User", related_name=False, null=True, on_delete=fields.SET_NULL)
    # When the finding was entered (补录: later than found_at); null on rows older than the column.
    recorded_at = fields.DatetimeField(null=True)
    dispute = fields.ForeignKeyField(
        "mediation.Dispute", related_name="canvass_findings", null=True, on_delete=fields.SET_NULL
    )

    class Meta:
        table = "mediation_canvass_finding"
