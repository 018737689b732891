"""Strawberry types, inputs and enums of party building, one module per seam."""

from plugins.party_building.types import enums  # noqa: F401 — registers the GraphQL enums first
from plugins.party_building.types.branches import PartyBranch, PartyMember
from plugins.party_building.types.facilities import FacilityItem
from plugins.party_building.types.meetings import PartyMeeting
from plugins.party_building.types.responsibilities import DutyPost, Responsibility, ResponsibilityCheck
from plugins.party_building.types.stars import StarNomination, StarOfMonth

# Node types, listed so that node(id) can return them even where no field names them.
NODE_TYPES = [
    PartyBranch,
    PartyMember,
    PartyMeeting,
    DutyPost,
    Responsibility,
    ResponsibilityCheck,
    StarNomination,
    StarOfMonth,
    FacilityItem,
]
