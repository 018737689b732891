"""Whole-society participation (全社会参与): organisations, volunteers, activities, the care
register, 向人民汇报 meetings with their feedback, satisfaction surveys and callback samples.

Personal values (phones, names of cared-for people, ID numbers, addresses) are encrypted at
rest; a sibling ``*_hash`` column holds the keyed hash used for exact-match lookups.
"""

from __future__ import annotations

import enum

from tortoise import fields
from tortoise.indexes import Index

from core import EncryptedTextField, Located, LocationColumns, StationOwnedModel, location_index


class OrganizationKind(enum.Enum):
    VOLUNTEER_STUDIO = "VOLUNTEER_STUDIO"
    CHAMBER_OF_COMMERCE = "CHAMBER_OF_COMMERCE"
    SOCIAL_ORGANIZATION = "SOCIAL_ORGANIZATION"
    MEDIA = "MEDIA"
    OTHER = "OTHER"


class VolunteerStatus(enum.Enum):
    ACTIVE = "ACTIVE"
    SUSPENDED = "SUSPENDED"
    LEFT = "LEFT"


class DeputyKind(enum.Enum):
    """The "两代表一委员": deputies to the party congress and the people's congress, CPPCC members."""

    PARTY_CONGRESS = "PARTY_CONGRESS"
    PEOPLES_CONGRESS = "PEOPLES_CONGRESS"
    CPPCC = "CPPCC"


class ActivityKind(enum.Enum):
    CARE_VISIT = "CARE_VISIT"
    PATROL = "PATROL"
    PUBLICITY = "PUBLICITY"
    MEDIATION_SUPPORT = "MEDIATION_SUPPORT"
    OTHER = "OTHER"
    # The published name (api.md); MEDIATION_SUPPORT is its retired spelling, stored as MEDIATION.
    MEDIATION = "MEDIATION"

    @classmethod
    def canonical(cls, kind: ActivityKind) -> ActivityKind:
        return cls.MEDIATION if kind is cls.MEDIATION_SUPPORT else kind

    @classmethod
    def spellings(cls, kind: ActivityKind) -> list[ActivityKind]:
        """Every stored value meaning ``kind`` (rows written before MEDIATION existed keep the old one)."""
        if cls.canonical(kind) is cls.MEDIATION:
            return [cls.MEDIATION, cls.MEDIATION_SUPPORT]
        return [kind]


class CareRecipientKind(enum.Enum):
    LEFT_BEHIND_CHILD = "LEFT_BEHIND_CHILD"
    EMPTY_NEST_ELDERLY = "EMPTY_NEST_ELDERLY"
    DISABLED = "DISABLED"
    OTHER = "OTHER"


class CareRecipientStatus(enum.Enum):
    ACTIVE = "ACTIVE"
    CLOSED = "CLOSED"


class FeedbackKind(enum.Enum):
    SUGGESTION = "SUGGESTION"
    COMPLAINT = "COMPLAINT"
    QUESTION = "QUESTION"


class FeedbackStatus(enum.Enum):
    OPEN = "OPEN"
    REPLIED = "REPLIED"


class SurveyStatus(enum.Enum):
    OPEN = "OPEN"
    CLOSED = "CLOSED"


class CallbackStatus(enum.Enum):
    PENDING = "PENDING"
    REACHED = "REACHED"
    UNREACHABLE = "UNREACHABLE"


# --- organisations and volunteers ---------------------------------------------------------------


class VolunteerOrganization(StationOwnedModel):
    id = fields.IntField(primary_key=True)
    name = fields.CharField(max_length=100)
    kind = fields.CharEnumField(OrganizationKind, max_length=32)
    description = fields.TextField(default="")
    contact_name = EncryptedTextField(null=True)
    contact_phone = EncryptedTextField(null=True)
    is_active = fields.BooleanField(default=True)
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "volunteers_organization"
        unique_together = (("station", "name"),)
        ordering = ["id"]


class Volunteer(StationOwnedModel):
    id = fields.IntField(primary_key=True)
    # Volunteers serve in public and are honoured by name in rankings, so the name is not
    # treated as protected personal data; the phone is.
    name = fields.CharField(max_length=50)
    phone = EncryptedTextField()
    phone_hash = fields.CharField(max_length=64, index=True)
    organization: fields.ForeignKeyNullableRelation[VolunteerOrganization] = fields.ForeignKeyField(
        "volunteers.VolunteerOrganization", related_name="volunteers", null=True, on_delete=fields.RESTRICT
    )
    # A volunteer who also logs in (role VOLUNTEER) records own activities.
    user = fields.ForeignKeyField("core.User", related_name=False, null=True, on_delete=fields.RESTRICT)
    skills = fields.JSONField(default=list)
    status = fields.CharEnumField(VolunteerStatus, max_length=16, default=VolunteerStatus.ACTIVE)
    is_party_member = fields.BooleanField(default=False)
    is_cadre = fields.BooleanField(default=False)
    deputy = fields.CharEnumField(DeputyKind, max_length=32, null=True)
    joined_on = fields.DateField()
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "volunteers_volunteer"
        # Station lists page in id order: read it from (station, id), not the whole primary key.
        indexes = (("station_id", "id"),)
        unique_together = (("station", "phone_hash"),)
        ordering = ["id"]


class VolunteerArea(StationOwnedModel):
    """An area a volunteer serves in."""

    id = fields.IntField(primary_key=True)
    volunteer: fields.ForeignKeyRelation[Volunteer] = fields.ForeignKeyField(
        "volunteers.Volunteer", related_name="area_links", on_delete=fields.CASCADE
    )
    area = fields.ForeignKeyField("core.Area", related_name=False, on_delete=fields.RESTRICT)

    class Meta:
        table = "volunteers_volunteer_area"
        unique_together = (("volunteer", "area"),)


# --- activities ---------------------------------------------------------------------------------


class VolunteerActivity(StationOwnedModel):
    id = fields.IntField(primary_key=True)
    kind = fields.CharEnumField(ActivityKind, max_length=32)
    title = fields.CharField(max_length=200)
    description = fields.TextField(default="")
    area = fields.ForeignKeyField("core.Area", related_name=False, null=True, on_delete=fields.RESTRICT)
    organization: fields.ForeignKeyNullableRelation[VolunteerOrganization] = fields.ForeignKeyField(
        "volunteers.VolunteerOrganization", related_name="activities", null=True, on_delete=fields.RESTRICT
    )
    started_at = fields.DatetimeField(index=True)
    # Duration of the activity; a participant's own hours default to it.
    hours = fields.FloatField()
    recorded_by = fields.ForeignKeyField("core.User", related_name=False, null=True, on_delete=fields.RESTRICT)
    created_at = fields.DatetimeField(auto_now_add=True)
    # When the activity was entered, beside when it started (补录; see core.occurrence).
    recorded_steps = fields.JSONField(null=True)

    class Meta:
        table = "volunteers_activity"
        # The list's default order, read from an index: no sort of the whole table per page.
        indexes = (("station_id", "started_at", "id"),)
        ordering = ["-started_at", "id"]


class ActivityParticipant(StationOwnedModel):
    """A volunteer's service hours in one activity (志愿服务时长)."""

    id = fields.IntField(primary_key=True)
    activity: fields.ForeignKeyRelation[VolunteerActivity] = fields.ForeignKeyField(
        "volunteers.VolunteerActivity", related_name="participants", on_delete=fields.CASCADE
    )
    volunteer: fields.ForeignKeyRelation[Volunteer] = fields.ForeignKeyField(
        "volunteers.Volunteer", related_name="participations", on_delete=fields.RESTRICT
    )
    # The volunteer's organisation when serving: hours stay with the organisation that
    # earned them even if the volunteer moves on.
    organization: fields.ForeignKeyNullableRelation[VolunteerOrganization] = fields.ForeignKeyField(
        "volunteers.VolunteerOrganization", related_name="participations", null=True, on_delete=fields.RESTRICT
    )
    hours = fields.FloatField()
    # Copied from the activity so hour totals per period need no join.
    served_at = fields.DatetimeField(index=True)

    class Meta:
        table = "volunteers_activity_participant"
        unique_together = (("activity", "volunteer"),)
        ordering = ["id"]


# --- care register ------------------------------------------------------------------------------


class CareRecipient(StationOwnedModel):
    """A person in the care register (关爱对象): left-behind child, empty-nest elderly…"""

    minor_birth_date_field = "birth_date"

    id = fields.IntField(primary_key=True)
    kind = fields.CharEnumField(CareRecipientKind, max_length=32)
    name = EncryptedTextField()
    id_number = EncryptedTextField(null=True)
    id_number_hash = fields.CharField(max_length=64, null=True, index=True)
    birth_date = fields.DateField(null=True, index=True)
    phone = EncryptedTextField(null=True)
    phone_hash = fields.CharField(max_length=64, null=True, index=True)
    address = EncryptedTextField(null=True)
    guardian_name = EncryptedTextField(null=True)
    guardian_phone = EncryptedTextField(null=True)
    needs = EncryptedTextField(null=True)
    area = fields.ForeignKeyField("core.Area", related_name=False, on_delete=fields.RESTRICT)
    visit_interval_days = fields.IntField()
    last_visited_on = fields.DateField(null=True)
    # Kept up to date on every visit and cadence change, so overdue lists are one indexed filter.
    next_visit_due = fields.DateField(index=True)
    status = fields.CharEnumField(CareRecipientStatus, max_length=16, default=CareRecipientStatus.ACTIVE)
    registered_on = fields.DateField()
    created_at = fields.DatetimeField(auto_now_add=True)
    # Who makes the visits (a volunteer, grid worker or officer) and is told when one is due;
    # with nobody named, the station chief is told.
    responsible_user = fields.ForeignKeyField(
        "core.User", related_name=False, null=True, db_index=True, on_delete=fields.RESTRICT
    )
    # The due date whose arrival was announced (volunteers.care_visit.due): set by the conditional
    # update that claims the announcement, so each due date is announced once.
    due_notified_for = fields.DateField(null=True)

    class Meta:
        table = "volunteers_care_recipient"
        # The list's default order, read from an index: no sort of the whole table per page.
        # Station lists page in id order: read it from (station, id), not the whole primary key.
        indexes = (("station_id", "next_visit_due", "id"), ("station_id", "id"))
        ordering = ["id"]


class CareVisit(LocationColumns, StationOwnedModel):
    """One recipient visited during a CARE_VISIT activity, with the due date it met or missed."""

    id = fields.IntField(primary_key=True)
    activity: fields.ForeignKeyRelation[VolunteerActivity] = fields.ForeignKeyField(
        "volunteers.VolunteerActivity", related_name="care_visits", on_delete=fields.CASCADE
    )
    recipient: fields.ForeignKeyRelation[CareRecipient] = fields.ForeignKeyField(
        "volunteers.CareRecipient", related_name="visits", on_delete=fields.RESTRICT
    )
    visited_on = fields.DateField(index=True)
    due_on = fields.DateField(index=True)
    on_time = fields.BooleanField()

    # A visit tells whom it visited and where: hidden with its recipient from roles that may not
    # see minors (core.scoped), in every list and nested field alike.
    minor_birth_date_field = "recipient__birth_date"

    # Where the visit took place: usually the recipient's home, so personal (hidden from roles
    # without full view; a visit has no area of its own to show instead).
    located = Located(area_field=None, personal=True)

    class Meta:
        table = "volunteers_care_visit"
        # The care-visit list pages in id order: read it from (station, id), not the whole primary key.
        indexes = (location_index(), Index(fields=("station_id", "id")))
        unique_together = (("activity", "recipient"),)
        ordering = ["id"]


# --- 向人民汇报 ---------------------------------------------------------------------------------


class PeopleReportMeeting(StationOwnedModel):
    id = fields.IntField(primary_key=True)
    area = fields.ForeignKeyField("core.Area", related_name=False, on_delete=fields.RESTRICT)
    held_on = fields.DateField(index=True)
    quarter = fields.CharField(max_length=7, index=True)  # YYYY-Qn
    attendance = fields.IntField()
    host = fields.ForeignKeyField("core.User", related_name=False, null=True, on_delete=fields.RESTRICT)
    summary = fields.TextField(default="")
    report_period_start = fields.DateField()
    report_period_end = fields.DateField()
    # The figures reported, frozen as they were on the day (see services.meetings.report_pack).
    report_pack = fields.JSONField(default=list)
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "volunteers_people_report_meeting"
        # The list's default order, read from an index: no sort of the whole table per page.
        indexes = (("station_id", "held_on", "id"),)
        ordering = ["-held_on", "id"]


class FeedbackItem(StationOwnedModel):
    id = fields.IntField(primary_key=True)
    meeting: fields.ForeignKeyRelation[PeopleReportMeeting] = fields.ForeignKeyField(
        "volunteers.PeopleReportMeeting", related_name="feedback_items", on_delete=fields.RESTRICT
    )
    kind = fields.CharEnumField(FeedbackKind, max_length=16)
    content = fields.TextField()
    raised_by = EncryptedTextField(null=True)
    contact_phone = EncryptedTextField(null=True)
    reply_due_on = fields.DateField(index=True)
    status = fields.CharEnumField(FeedbackStatus, max_length=16, default=FeedbackStatus.OPEN)
    reply = fields.TextField(null=True)
    replied_at = fields.DatetimeField(null=True)
    # When the reply was entered, beside when it was given (补录; see core.occurrence).
    recorded_steps = fields.JSONField(null=True)
    replied_by = fields.ForeignKeyField("core.User", related_name=False, null=True, on_delete=fields.RESTRICT)
    replied_on_time = fields.BooleanField(null=True)
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "volunteers_feedback_item"
        # The list's default order, read from an index: no sort of the whole table per page.
        indexes = (("station_id", "reply_due_on", "id"),)
        ordering = ["reply_due_on", "id"]


# --- satisfaction -------------------------------------------------------------------------------


class SatisfactionSurvey(StationOwnedModel):
    id = fields.IntField(primary_key=True)
    title = fields.CharField(max_length=200)
    period_start = fields.DateField()
    period_end = fields.DateField()
    status = fields.CharEnumField(SurveyStatus, max_length=16, default=SurveyStatus.OPEN)
    created_by = fields.ForeignKeyField("core.User", related_name=False, null=True, on_delete=fields.RESTRICT)
    created_at = fields.DatetimeField(auto_now_add=True)
    closed_at = fields.DatetimeField(null=True)
    # When the closing was entered, beside when it happened (补录; see core.occurrence).
    recorded_steps = fields.JSONField(null=True)

    class Meta:
        table = "volunteers_satisfaction_survey"
        # The list's default order, read from an index: no sort of the whole table per page.
        indexes = (("station_id", "period_start", "id"),)
        ordering = ["-period_start", "id"]


class SurveyQuestion(StationOwnedModel):
    id = fields.IntField(primary_key=True)
    survey: fields.ForeignKeyRelation[SatisfactionSurvey] = fields.ForeignKeyField(
        "volunteers.SatisfactionSurvey", related_name="questions", on_delete=fields.CASCADE
    )
    position = fields.IntField()
    text = fields.CharField(max_length=300)

    class Meta:
        table = "volunteers_survey_question"
        unique_together = (("survey", "position"),)
        ordering = ["survey_id", "position"]


class SurveyToken(StationOwnedModel):
    """A one-answer ticket for anonymous residents (only its keyed hash is stored)."""

    id = fields.IntField(primary_key=True)
    survey: fields.ForeignKeyRelation[SatisfactionSurvey] = fields.ForeignKeyField(
        "volunteers.SatisfactionSurvey", related_name="tokens", on_delete=fields.CASCADE
    )
    token_hash = fields.CharField(max_length=64, unique=True)
    issued_at = fields.DatetimeField()
    used_at = fields.DatetimeField(null=True)

    class Meta:
        table = "volunteers_survey_token"


class SatisfactionResponse(StationOwnedModel):
    id = fields.IntField(primary_key=True)
    survey: fields.ForeignKeyRelation[SatisfactionSurvey] = fields.ForeignKeyField(
        "volunteers.SatisfactionSurvey", related_name="responses", on_delete=fields.RESTRICT
    )
    # Unique: the database itself refuses a second answer for one token.
    token: fields.OneToOneRelation[SurveyToken] = fields.OneToOneField(
        "volunteers.SurveyToken", related_name="response", on_delete=fields.RESTRICT
    )
    comment = EncryptedTextField(null=True)
    submitted_at = fields.DatetimeField(index=True)

    class Meta:
        table = "volunteers_satisfaction_response"
        # The list's default order, read from an index: no sort of the whole table per page.
        indexes = (("station_id", "submitted_at", "id"),)
        ordering = ["-submitted_at", "id"]


class SatisfactionAnswer(StationOwnedModel):
    id = fields.IntField(primary_key=True)
    response: fields.ForeignKeyRelation[SatisfactionResponse] = fields.ForeignKeyField(
        "volunteers.SatisfactionResponse", related_name="answers", on_delete=fields.CASCADE
    )
    question: fields.ForeignKeyRelation[SurveyQuestion] = fields.ForeignKeyField(
        "volunteers.SurveyQuestion", related_name="answers", on_delete=fields.RESTRICT
    )
    rating = fields.SmallIntField()
    # Copied from the response so statistics per period need no join.
    submitted_at = fields.DatetimeField(index=True)

    class Meta:
        table = "volunteers_satisfaction_answer"
        unique_together = (("response", "question"),)


# --- callback sampling (回访) --------------------------------------------------------------------


class CallbackSample(StationOwnedModel):
    """A random draw of closed items for follow-up calls. Never edited after the draw."""

    id = fields.IntField(primary_key=True)
    period_start = fields.DateField()
    period_end = fields.DateField()
    requested_size = fields.IntField()
    # The draw can be repeated from these: seed + algorithm + the candidates in canonical order.
    seed = fields.CharField(max_length=32)
    algorithm = fields.CharField(max_length=32)
    candidates = fields.JSONField(default=list)
    candidates_digest = fields.CharField(max_length=64)
    drawn_at = fields.DatetimeField()
    drawn_by = fields.ForeignKeyField("core.User", related_name=False, null=True, on_delete=fields.RESTRICT)

    class Meta:
        table = "volunteers_callback_sample"
        # The list's default order, read from an index: no sort of the whole table per page.
        indexes = (("station_id", "drawn_at", "id"),)
        unique_together = (("station", "period_start"),)
        ordering = ["-drawn_at", "id"]


class CallbackItem(StationOwnedModel):
    id = fields.IntField(primary_key=True)
    sample: fields.ForeignKeyRelation[CallbackSample] = fields.ForeignKeyField(
        "volunteers.CallbackSample", related_name="items", on_delete=fields.RESTRICT
    )
    position = fields.IntField()
    plugin = fields.CharField(max_length=64)
    kind = fields.CharField(max_length=64)
    item_id = fields.IntField()
    label = fields.CharField(max_length=200)
    closed_at = fields.DatetimeField()
    # As reported by the owning plugin; a plain number because the item lives elsewhere.
    handler_user_id = fields.IntField(null=True)
    status = fields.CharEnumField(CallbackStatus, max_length=16, default=CallbackStatus.PENDING)
    rating = fields.SmallIntField(null=True)
    comment = EncryptedTextField(null=True)
    called_at = fields.DatetimeField(null=True)
    called_by = fields.ForeignKeyField("core.User", related_name=False, null=True, on_delete=fields.RESTRICT)
    # When each call was entered, beside when it was made (补录; see core.occurrence).
    recorded_steps = fields.JSONField(null=True)

    class Meta:
        table = "volunteers_callback_item"
        unique_together = (("sample", "position"),)
        ordering = ["sample_id", "position"]
