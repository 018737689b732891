"""Python enums of the patrol plugin, shared by models, services and GraphQL types.

The GraphQL descriptions of every value live in ``types/enums.py``.
"""

from __future__ import annotations

import enum


class IncidentSource(enum.Enum):
    CALL_110 = "CALL_110"
    WALK_IN = "WALK_IN"
    PATROL = "PATROL"
    VIDEO = "VIDEO"
    TIP = "TIP"
    REFERRAL = "REFERRAL"


class IncidentCategory(enum.Enum):
    THEFT = "THEFT"
    FRAUD = "FRAUD"
    ASSAULT = "ASSAULT"
    PUBLIC_ORDER = "PUBLIC_ORDER"
    DISPUTE = "DISPUTE"
    TRAFFIC = "TRAFFIC"
    FIRE = "FIRE"
    ASSISTANCE = "ASSISTANCE"
    OTHER = "OTHER"


class IncidentStatus(enum.Enum):
    RECEIVED = "RECEIVED"
    DISPATCHED = "DISPATCHED"
    ARRIVED = "ARRIVED"
    HANDLED = "HANDLED"
    CLOSED = "CLOSED"


class DutyUnit(enum.Enum):
    """The duty command room and the two teams of the "一室两队" model."""

    COMMAND_ROOM = "COMMAND_ROOM"
    INVESTIGATION_TEAM = "INVESTIGATION_TEAM"
    COMMUNITY_POLICING = "COMMUNITY_POLICING"


class HandlingOutcome(enum.Enum):
    RESOLVED_ON_SITE = "RESOLVED_ON_SITE"
    MEDIATED = "MEDIATED"
    ADMINISTRATIVE_CASE = "ADMINISTRATIVE_CASE"
    CRIMINAL_CASE = "CRIMINAL_CASE"
    REFERRED = "REFERRED"
    FALSE_ALARM = "FALSE_ALARM"


class PersonRole(enum.Enum):
    REPORTER = "REPORTER"
    VICTIM = "VICTIM"
    SUSPECT = "SUSPECT"
    WITNESS = "WITNESS"
    OTHER = "OTHER"


class AssetKind(enum.Enum):
    CAMERA = "CAMERA"
    HD_CAMERA = "HD_CAMERA"
    CHECKPOINT = "CHECKPOINT"


class AssetProject(enum.Enum):
    SKYNET = "SKYNET"
    SHARP_EYES = "SHARP_EYES"
    SMART_SECURITY = "SMART_SECURITY"


class AssetStatus(enum.Enum):
    ONLINE = "ONLINE"
    OFFLINE = "OFFLINE"
    FAULTY = "FAULTY"


class PatrolTeamKind(enum.Enum):
    POLICE = "POLICE"
    RED_ARMBAND = "RED_ARMBAND"
    JOINT_DEFENCE = "JOINT_DEFENCE"


class RoutePointStatus(enum.Enum):
    PENDING = "PENDING"
    ON_TIME = "ON_TIME"
    LATE = "LATE"
    MISSED = "MISSED"


class ShiftStatus(enum.Enum):
    PLANNED = "PLANNED"
    ON_DUTY = "ON_DUTY"
    FINISHED = "FINISHED"


class ResidenceKind(enum.Enum):
    HOUSEHOLD = "HOUSEHOLD"
    FLOATING = "FLOATING"
    SEPARATED = "SEPARATED"


class AddressRelation(enum.Enum):
    OWNER = "OWNER"
    FAMILY_MEMBER = "FAMILY_MEMBER"
    TENANT = "TENANT"
    COLLECTIVE = "COLLECTIVE"
    OTHER = "OTHER"


class ResidentTag(enum.Enum):
    LEFT_BEHIND_CHILD = "LEFT_BEHIND_CHILD"
    EMPTY_NEST_ELDERLY = "EMPTY_NEST_ELDERLY"
    KEY_PERSON = "KEY_PERSON"
    DISABLED = "DISABLED"
    SEVERE_MENTAL_DISORDER = "SEVERE_MENTAL_DISORDER"
    COMMUNITY_CORRECTION = "COMMUNITY_CORRECTION"


class HousingKind(enum.Enum):
    RESIDENTIAL = "RESIDENTIAL"
    SELF_BUILT = "SELF_BUILT"
    COMMERCIAL = "COMMERCIAL"
    MIXED_USE = "MIXED_USE"
    FACTORY = "FACTORY"
    OTHER = "OTHER"


class UnitKind(enum.Enum):
    COMPANY = "COMPANY"
    SHOP = "SHOP"
    ENTERTAINMENT_VENUE = "ENTERTAINMENT_VENUE"
    HOTEL = "HOTEL"
    SCHOOL = "SCHOOL"
    HOSPITAL = "HOSPITAL"
    CIVIL_EXPLOSIVES = "CIVIL_EXPLOSIVES"
    GOVERNMENT = "GOVERNMENT"
    OTHER = "OTHER"


class BasicInfoKind(enum.Enum):
    """The four registers of "一标三实", as imported and exported."""

    ADDRESSES = "ADDRESSES"
    RESIDENTS = "RESIDENTS"
    HOUSING = "HOUSING"
    UNITS = "UNITS"


class CsvEncoding(enum.Enum):
    UTF8 = "utf-8-sig"
    GB18030 = "gb18030"


class InspectionTargetKind(enum.Enum):
    KEY_UNIT = "KEY_UNIT"
    CIVIL_EXPLOSIVES_COMPANY = "CIVIL_EXPLOSIVES_COMPANY"
    ENTERTAINMENT_VENUE = "ENTERTAINMENT_VENUE"
    HOTEL = "HOTEL"
    SCHOOL = "SCHOOL"
    OTHER_VENUE = "OTHER_VENUE"


class InspectionKind(enum.Enum):
    DAILY = "DAILY"
    PUBLIC_ORDER = "PUBLIC_ORDER"
    TRAFFIC = "TRAFFIC"
    FIRE = "FIRE"
    EXPLOSIVES = "EXPLOSIVES"


class FindingSeverity(enum.Enum):
    LOW = "LOW"
    MEDIUM = "MEDIUM"
    HIGH = "HIGH"
    CRITICAL = "CRITICAL"


class RectificationStatus(enum.Enum):
    OPEN = "OPEN"
    CLOSED = "CLOSED"


class ReinspectionOutcome(enum.Enum):
    CLOSED = "CLOSED"
    EXTENDED = "EXTENDED"


class CampaignStatus(enum.Enum):
    ACTIVE = "ACTIVE"
    FINISHED = "FINISHED"


class ListOrder(enum.Enum):
    NEWEST_FIRST = "NEWEST_FIRST"
    OLDEST_FIRST = "OLDEST_FIRST"
