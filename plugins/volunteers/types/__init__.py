"""GraphQL types of the volunteers plugin, by seam: volunteers, care, meetings, satisfaction."""

from plugins.volunteers.types.care import CareRecipient
from plugins.volunteers.types.meetings import FeedbackItem, PeopleReportMeeting
from plugins.volunteers.types.satisfaction import (
    CallbackItem,
    CallbackSample,
    SatisfactionResponse,
    SatisfactionSurvey,
    SurveyQuestion,
)
from plugins.volunteers.types.volunteers import Volunteer, VolunteerActivity, VolunteerOrganization

# Node implementations, listed so the schema knows them even where only `node(id:)` reaches them.
NODE_TYPES = [
    VolunteerOrganization,
    Volunteer,
    VolunteerActivity,
    CareRecipient,
    PeopleReportMeeting,
    FeedbackItem,
    SatisfactionSurvey,
    SurveyQuestion,
    SatisfactionResponse,
    CallbackSample,
    CallbackItem,
]
