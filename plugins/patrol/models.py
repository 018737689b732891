"""Tortoise models of the patrol plugin (打防管控查).

Every row belongs to a station. Personal values (ID numbers, phones, residents' registered
addresses) are encrypted at rest and have a keyed-hash sibling column for exact lookups.
Timestamps of domain events come from the injectable clock, never from ``auto_now``, so tests
and back-dated entries (a call received before it was typed in) stay exact.
"""

from __future__ import annotations

from tortoise import fields
from tortoise.indexes import Index

from core import EncryptedTextField, Located, LocationColumns, StationOwnedModel, location_index
from plugins.patrol import enums

# --- 打: incidents (警情) ----------------------------------------------------------------------


class Incident(LocationColumns, StationOwnedModel):
    id = fields.IntField(primary_key=True)
    source = fields.CharEnumField(enums.IncidentSource, max_length=16)
    category = fields.CharEnumField(enums.IncidentCategory, max_length=16, index=True)
    status = fields.CharEnumField(enums.IncidentStatus, max_length=16, index=True)
    area = fields.ForeignKeyField("core.Area", related_name=False, on_delete=fields.RESTRICT)
    standard_address = fields.ForeignKeyField(
        "patrol.StandardAddress", related_name="incidents", null=True, on_delete=fields.SET_NULL
    )
    address = fields.CharField(max_length=255, default="")
    description = fields.TextField(default="")
    received_at = fields.DatetimeField(index=True)
    dispatched_at = fields.DatetimeField(null=True)
    arrived_at = fields.DatetimeField(null=True)
    handled_at = fields.DatetimeField(null=True)
    closed_at = fields.DatetimeField(null=True, index=True)
    # When each step was entered, beside when it happened (补录; see core.occurrence).
    recorded_steps = fields.JSONField(null=True)
    # Response times in seconds, stored at each transition so averages are plain SQL.
    dispatch_seconds = fields.IntField(null=True)
    arrival_seconds = fields.IntField(null=True)
    duty_unit = fields.CharEnumField(enums.DutyUnit, max_length=24, null=True)
    assignee = fields.ForeignKeyField("core.User", related_name=False, null=True, on_delete=fields.RESTRICT)
    outcome = fields.CharEnumField(enums.HandlingOutcome, max_length=24, null=True)
    handling_notes = fields.TextField(default="")
    closing_notes = fields.TextField(default="")
    reported_by = fields.ForeignKeyField("core.User", related_name=False, null=True, on_delete=fields.RESTRICT)
    patrol_shift = fields.ForeignKeyField(
        "patrol.PatrolShift", related_name="findings", null=True, on_delete=fields.SET_NULL
    )

    located = Located(area_field="area")

    class Meta:
        table = "patrol_incident"
        # The list's default order, read from an index: no sort of the whole table per page.
        indexes = (("station_id", "received_at", "id"), location_index())
        ordering = ["-received_at", "id"]


class IncidentPerson(StationOwnedModel):
    """A person involved in an incident (涉警人员)."""

    minor_birth_date_field = "birth_date"

    id = fields.IntField(primary_key=True)
    incident = fields.ForeignKeyField("patrol.Incident", related_name="persons", on_delete=fields.CASCADE)
    role = fields.CharEnumField(enums.PersonRole, max_length=16)
    name = fields.CharField(max_length=50)
    id_number = EncryptedTextField(null=True)
    id_number_hash = fields.CharField(max_length=64, null=True, index=True)
    phone = EncryptedTextField(null=True)
    phone_hash = fields.CharField(max_length=64, null=True, index=True)
    birth_date = fields.DateField(null=True)

    class Meta:
        table = "patrol_incident_person"
        ordering = ["id"]


class CriminalCase(StationOwnedModel):
    """A criminal case (刑事案件) opened from an incident."""

    id = fields.IntField(primary_key=True)
    incident = fields.OneToOneField("patrol.Incident", related_name="criminal_case", on_delete=fields.RESTRICT)
    case_number = fields.CharField(max_length=64)
    opened_at = fields.DatetimeField(index=True)
    opened_by = fields.ForeignKeyField("core.User", related_name=False, null=True, on_delete=fields.RESTRICT)
    solved_at = fields.DatetimeField(null=True, index=True)
    solved_with_video = fields.BooleanField(default=False)
    # When opening and solving were entered, beside when they happened (补录; see core.occurrence).
    recorded_steps = fields.JSONField(null=True)

    class Meta:
        table = "patrol_criminal_case"
        # The list's default order, read from an index: no sort of the whole table per page.
        indexes = (("station_id", "opened_at", "id"),)
        unique_together = (("station", "case_number"),)
        ordering = ["-opened_at", "id"]


# --- 防: surveillance assets (天网/雪亮) ---------------------------------------------------------


class SurveillanceAsset(LocationColumns, StationOwnedModel):
    id = fields.IntField(primary_key=True)
    kind = fields.CharEnumField(enums.AssetKind, max_length=16, index=True)
    project = fields.CharEnumField(enums.AssetProject, max_length=16)
    code = fields.CharField(max_length=64, null=True)
    name = fields.CharField(max_length=100)
    area = fields.ForeignKeyField("core.Area", related_name=False, on_delete=fields.RESTRICT)
    location = fields.CharField(max_length=255, default="")
    installed_on = fields.DateField(index=True)
    status = fields.CharEnumField(enums.AssetStatus, max_length=16, index=True)
    status_changed_at = fields.DatetimeField()

    located = Located(area_field="area")

    class Meta:
        table = "patrol_surveillance_asset"
        # Station lists page in id order: read it from (station, id), not the whole primary key.
        indexes = (location_index(), Index(fields=("station_id", "id")))
        unique_together = (("station", "code"),)
        ordering = ["id"]


class AssetStatusChange(StationOwnedModel):
    id = fields.IntField(primary_key=True)
    asset = fields.ForeignKeyField("patrol.SurveillanceAsset", related_name="status_history", on_delete=fields.CASCADE)
    from_status = fields.CharEnumField(enums.AssetStatus, max_length=16, null=True)
    to_status = fields.CharEnumField(enums.AssetStatus, max_length=16)
    changed_at = fields.DatetimeField()
    changed_by = fields.ForeignKeyField("core.User", related_name=False, null=True, on_delete=fields.RESTRICT)
    note = fields.CharField(max_length=255, default="")
    # When the change was entered (补录: later than changed_at); null on rows older than the column.
    recorded_at = fields.DatetimeField(null=True)

    class Meta:
        table = "patrol_asset_status_change"
        ordering = ["changed_at", "id"]


# --- 管: patrols (巡防) --------------------------------------------------------------------------


class PatrolTeam(StationOwnedModel):
    id = fields.IntField(primary_key=True)
    name = fields.CharField(max_length=100)
    kind = fields.CharEnumField(enums.PatrolTeamKind, max_length=16)
    # 三级巡防: 1 — station-wide, 2 — village/community, 3 — grid/compound.
    level = fields.SmallIntField()
    area = fields.ForeignKeyField("core.Area", related_name=False, null=True, on_delete=fields.RESTRICT)
    created_at = fields.DatetimeField()

    class Meta:
        table = "patrol_team"
        # Station lists page in id order: read it from (station, id), not the whole primary key.
        indexes = (("station_id", "id"),)
        unique_together = (("station", "name"),)
        ordering = ["id"]


class PatrolTeamMember(StationOwnedModel):
    id = fields.IntField(primary_key=True)
    team = fields.ForeignKeyField("patrol.PatrolTeam", related_name="members", on_delete=fields.CASCADE)
    # Volunteers often have no account; officers do.
    user = fields.ForeignKeyField("core.User", related_name=False, null=True, on_delete=fields.RESTRICT)
    name = fields.CharField(max_length=50)
    phone = EncryptedTextField(null=True)
    phone_hash = fields.CharField(max_length=64, null=True, index=True)
    is_leader = fields.BooleanField(default=False)

    class Meta:
        table = "patrol_team_member"
        ordering = ["id"]


class PatrolShift(StationOwnedModel):
    id = fields.IntField(primary_key=True)
    team = fields.ForeignKeyField("patrol.PatrolTeam", related_name="shifts", on_delete=fields.RESTRICT)
    starts_at = fields.DatetimeField(index=True)
    ends_at = fields.DatetimeField(index=True)
    note = fields.CharField(max_length=255, default="")
    created_by = fields.ForeignKeyField("core.User", related_name=False, null=True, on_delete=fields.RESTRICT)

    class Meta:
        table = "patrol_shift"
        # The list's default order, read from an index: no sort of the whole table per page.
        indexes = (("station_id", "starts_at", "id"),)
        ordering = ["-starts_at", "id"]


class PatrolRoutePoint(StationOwnedModel):
    """A point of a shift's route, in order, with the time the patrol is expected there."""

    id = fields.IntField(primary_key=True)
    shift = fields.ForeignKeyField("patrol.PatrolShift", related_name="points", on_delete=fields.CASCADE)
    sequence = fields.SmallIntField()
    name = fields.CharField(max_length=100)
    area = fields.ForeignKeyField("core.Area", related_name=False, null=True, on_delete=fields.RESTRICT)
    latitude = fields.FloatField(null=True)
    longitude = fields.FloatField(null=True)
    expected_at = fields.DatetimeField()

    class Meta:
        table = "patrol_route_point"
        unique_together = (("shift", "sequence"),)
        ordering = ["sequence", "id"]


class PatrolCheckIn(LocationColumns, StationOwnedModel):
    id = fields.IntField(primary_key=True)
    shift = fields.ForeignKeyField("patrol.PatrolShift", related_name="check_ins", on_delete=fields.CASCADE)
    point = fields.OneToOneField("patrol.PatrolRoutePoint", related_name="check_in", on_delete=fields.CASCADE)
    checked_at = fields.DatetimeField()
    user = fields.ForeignKeyField("core.User", related_name=False, null=True, on_delete=fields.RESTRICT)
    is_late = fields.BooleanField(default=False)
    note = fields.CharField(max_length=255, default="")

    # Where the member stood when checking in; the route point carries the area.
    located = Located(area_field=None)

    class Meta:
        table = "patrol_check_in"
        # The check-in list pages in id order: read it from (station, id), not the whole primary key.
        indexes = (location_index(), Index(fields=("station_id", "id")))
        ordering = ["checked_at", "id"]


# --- 控: 一标三实 (standard address, actual population, housing, units) ---------------------------


class StandardAddress(LocationColumns, StationOwnedModel):
    """标准地址: one file per address (一址一档) hangs off this row."""

    id = fields.IntField(primary_key=True)
    area = fields.ForeignKeyField("core.Area", related_name=False, on_delete=fields.RESTRICT)
    address = fields.CharField(max_length=255)
    # The address folded for comparison (NFKC, no whitespace): unique per station.
    address_key = fields.CharField(max_length=255)
    created_at = fields.DatetimeField(index=True)

    located = Located(area_field="area")

    class Meta:
        table = "patrol_standard_address"
        # Station lists page in id order: read it from (station, id), not the whole primary key.
        indexes = (location_index(), Index(fields=("station_id", "id")))
        unique_together = (("station", "address_key"),)
        ordering = ["id"]


class Resident(StationOwnedModel):
    """实有人口: a person actually living in the jurisdiction."""

    minor_birth_date_field = "birth_date"

    id = fields.IntField(primary_key=True)
    name = fields.CharField(max_length=50)
    id_number = EncryptedTextField()
    id_number_hash = fields.CharField(max_length=64, index=True)
    birth_date = fields.DateField(null=True)
    sex = fields.CharField(max_length=8, default="")
    phone = EncryptedTextField(null=True)
    phone_hash = fields.CharField(max_length=64, null=True, index=True)
    registered_address = EncryptedTextField(null=True)
    address = fields.ForeignKeyField(
        "patrol.StandardAddress", related_name="residents", null=True, on_delete=fields.RESTRICT
    )
    residence = fields.CharEnumField(enums.ResidenceKind, max_length=16)
    relation = fields.CharEnumField(enums.AddressRelation, max_length=16)
    # ",KEY_PERSON,EMPTY_NEST_ELDERLY," — delimited so that a tag filter is a portable LIKE on
    # SQLite and PostgreSQL alike, without a join per row during bulk imports.
    tags = fields.CharField(max_length=255, default="")
    created_at = fields.DatetimeField(index=True)

    class Meta:
        table = "patrol_resident"
        # Station lists page in id order: read it from (station, id), not the whole primary key.
        indexes = (("station_id", "id"),)
        unique_together = (("station", "id_number_hash"),)
        ordering = ["id"]


class Housing(StationOwnedModel):
    """实有房屋: the house at a standard address."""

    id = fields.IntField(primary_key=True)
    address = fields.OneToOneField("patrol.StandardAddress", related_name="housing", on_delete=fields.RESTRICT)
    kind = fields.CharEnumField(enums.HousingKind, max_length=16)
    owner_name = fields.CharField(max_length=50, default="")
    owner_id_number = EncryptedTextField(null=True)
    owner_id_number_hash = fields.CharField(max_length=64, null=True, index=True)
    owner_phone = EncryptedTextField(null=True)
    is_rented = fields.BooleanField(default=False)
    floor_area = fields.FloatField(null=True)
    created_at = fields.DatetimeField(index=True)

    class Meta:
        table = "patrol_housing"
        # Station lists page in id order: read it from (station, id), not the whole primary key.
        indexes = (("station_id", "id"),)
        ordering = ["id"]


class ActualUnit(StationOwnedModel):
    """实有单位: an organisation, shop or venue in the jurisdiction."""

    id = fields.IntField(primary_key=True)
    name = fields.CharField(max_length=100)
    credit_code = fields.CharField(max_length=18, null=True)
    kind = fields.CharEnumField(enums.UnitKind, max_length=24, index=True)
    is_key_unit = fields.BooleanField(default=False, index=True)
    address = fields.ForeignKeyField(
        "patrol.StandardAddress", related_name="units", null=True, on_delete=fields.RESTRICT
    )
    legal_representative = fields.CharField(max_length=50, default="")
    contact_phone = EncryptedTextField(null=True)
    created_at = fields.DatetimeField(index=True)

    class Meta:
        table = "patrol_unit"
        # Station lists page in id order: read it from (station, id), not the whole primary key.
        indexes = (("station_id", "id"),)
        unique_together = (("station", "credit_code"),)
        ordering = ["id"]


# --- 查: inspections, rectifications, hotspot campaigns ----------------------------------------


class InspectionTarget(StationOwnedModel):
    id = fields.IntField(primary_key=True)
    name = fields.CharField(max_length=100)
    kind = fields.CharEnumField(enums.InspectionTargetKind, max_length=32, index=True)
    area = fields.ForeignKeyField("core.Area", related_name=False, on_delete=fields.RESTRICT)
    unit = fields.ForeignKeyField(
        "patrol.ActualUnit", related_name="inspection_targets", null=True, on_delete=fields.SET_NULL
    )
    address = fields.ForeignKeyField(
        "patrol.StandardAddress", related_name="inspection_targets", null=True, on_delete=fields.SET_NULL
    )
    created_at = fields.DatetimeField()

    class Meta:
        table = "patrol_inspection_target"
        # Station lists page in id order: read it from (station, id), not the whole primary key.
        indexes = (("station_id", "id"),)
        ordering = ["id"]


class Inspection(LocationColumns, StationOwnedModel):
    id = fields.IntField(primary_key=True)
    target = fields.ForeignKeyField("patrol.InspectionTarget", related_name="inspections", on_delete=fields.RESTRICT)
    kind = fields.CharEnumField(enums.InspectionKind, max_length=16, index=True)
    inspected_at = fields.DatetimeField(index=True)
    inspector = fields.ForeignKeyField("core.User", related_name=False, null=True, on_delete=fields.RESTRICT)
    notes = fields.TextField(default="")

    # Where the inspection took place; the target carries the area.
    located = Located(area_field=None)

    class Meta:
        table = "patrol_inspection"
        # The list's default order, read from an index: no sort of the whole table per page.
        indexes = (("station_id", "inspected_at", "id"), location_index())
        ordering = ["-inspected_at", "id"]


class InspectionFinding(StationOwnedModel):
    """A problem found during an inspection, with its rectification (整改) and deadline."""

    id = fields.IntField(primary_key=True)
    inspection = fields.ForeignKeyField("patrol.Inspection", related_name="findings", on_delete=fields.CASCADE)
    description = fields.TextField()
    severity = fields.CharEnumField(enums.FindingSeverity, max_length=16)
    deadline = fields.DateField(index=True)
    # The first deadline set: "closed on time" is measured against it, extensions or not.
    original_deadline = fields.DateField(index=True)
    status = fields.CharEnumField(enums.RectificationStatus, max_length=16, index=True)
    closed_on = fields.DateField(null=True)
    extensions = fields.SmallIntField(default=0)
    # When each re-inspection was entered, beside when it happened (补录; see core.occurrence).
    recorded_steps = fields.JSONField(null=True)
    # The deadline whose passing was announced (patrol.rectification.overdue): set by the
    # conditional update that claims the announcement, so it is made once per deadline; an
    # extended deadline may be announced again.
    overdue_notified_for = fields.DateField(null=True)

    class Meta:
        table = "patrol_inspection_finding"
        # The list's default order, read from an index: no sort of the whole table per page.
        indexes = (("station_id", "deadline", "id"),)
        ordering = ["deadline", "id"]


class Reinspection(StationOwnedModel):
    """复查: a re-check of a finding that closes its rectification or extends the deadline."""

    id = fields.IntField(primary_key=True)
    finding = fields.ForeignKeyField("patrol.InspectionFinding", related_name="reinspections", on_delete=fields.CASCADE)
    checked_on = fields.DateField()
    outcome = fields.CharEnumField(enums.ReinspectionOutcome, max_length=16)
    new_deadline = fields.DateField(null=True)
    note = fields.CharField(max_length=255, default="")
    inspector = fields.ForeignKeyField("core.User", related_name=False, null=True, on_delete=fields.RESTRICT)

    class Meta:
        table = "patrol_reinspection"
        ordering = ["checked_on", "id"]


class HotspotCampaign(StationOwnedModel):
    """乱点整治: a remediation campaign over trouble-spot areas."""

    id = fields.IntField(primary_key=True)
    name = fields.CharField(max_length=100)
    description = fields.TextField(default="")
    starts_on = fields.DateField()
    finished_on = fields.DateField(null=True)
    status = fields.CharEnumField(enums.CampaignStatus, max_length=16)
    # When the finish was entered, beside when it happened (补录; see core.occurrence).
    recorded_steps = fields.JSONField(null=True)

    class Meta:
        table = "patrol_hotspot_campaign"
        # The list's default order, read from an index: no sort of the whole table per page.
        indexes = (("station_id", "starts_on", "id"),)
        ordering = ["-starts_on", "id"]


class HotspotCampaignArea(StationOwnedModel):
    id = fields.IntField(primary_key=True)
    campaign = fields.ForeignKeyField("patrol.HotspotCampaign", related_name="campaign_areas", on_delete=fields.CASCADE)
    area = fields.ForeignKeyField("core.Area", related_name=False, on_delete=fields.RESTRICT)

    class Meta:
        table = "patrol_hotspot_campaign_area"
        unique_together = (("campaign", "area"),)
        ordering = ["id"]
