"""GraphQL types of the patrol plugin, by pillar part; ``NODE_TYPES`` lists the Node types."""

from plugins.patrol.types import enums  # noqa: F401 — registers the GraphQL enums first
from plugins.patrol.types.assets import SurveillanceAsset
from plugins.patrol.types.basic_info import ActualUnit, Housing, Resident, StandardAddress
from plugins.patrol.types.incidents import CriminalCase, Incident, IncidentPerson
from plugins.patrol.types.inspections import HotspotCampaign, Inspection, InspectionFinding, InspectionTarget
from plugins.patrol.types.patrols import PatrolRoutePoint, PatrolShift, PatrolTeam

NODE_TYPES = (
    Incident,
    IncidentPerson,
    CriminalCase,
    SurveillanceAsset,
    PatrolTeam,
    PatrolShift,
    PatrolRoutePoint,
    StandardAddress,
    Resident,
    Housing,
    ActualUnit,
    InspectionTarget,
    Inspection,
    InspectionFinding,
    HotspotCampaign,
)
