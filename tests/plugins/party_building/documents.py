"""GraphQL documents used across the party building tests."""

CREATE_BRANCH = """
mutation($input: CreateBranchInput!) {
  createBranch(input: $input) { branch { id name establishedOn memberCount } errors { field message code } }
}"""

ADD_MEMBER = """
mutation($input: AddPartyMemberInput!) {
  addPartyMember(input: $input) {
    member { id status joinedOn offices active user { id displayName } branch { id name } }
    errors { field message code }
  }
}"""

UPDATE_MEMBER = """
mutation($input: UpdatePartyMemberInput!) {
  updatePartyMember(input: $input) { member { id status offices } errors { field message code } }
}"""

REMOVE_MEMBER = """
mutation($input: RemovePartyMemberInput!) {
  removePartyMember(input: $input) { member { id active leftOn offices } errors { field message code } }
}"""

RECORD_MEETING = """
mutation($input: RecordPartyMeetingInput!) {
  recordPartyMeeting(input: $input) {
    meeting {
      id meetingType heldOn topic speaker durationHours attendanceRate
      attendance { status reason member { id user { displayName } } }
    }
    errors { field message code }
  }
}"""

MEETINGS = """
query($filter: PartyMeetingFilter, $first: Int) {
  partyMeetings(filter: $filter, first: $first) {
    totalCount
    nodes {
      id meetingType heldOn topic attendanceRate
      branch { id name memberCount }
      attendance { status reason member { id status user { id displayName } branch { name } } }
    }
  }
}"""

MEMBERS = """
query($filter: PartyMemberFilter, $first: Int) {
  partyMembers(filter: $filter, first: $first) {
    totalCount
    nodes { id status offices active user { id displayName } branch { id name memberCount } }
  }
}"""

COMPLIANCE = """
query($period: PeriodInput!, $branchId: ID) {
  meetingCompliance(period: $period, branchId: $branchId) {
    start end asOf
    overall { required held late missing due rate }
    byType { meetingType cadence tally { required held late missing due rate } }
    occurrences { meetingType cadence slotStart dueDate status heldOn daysLate branch { name } meeting { id heldOn } }
  }
}"""

STUDY_HOURS = """
query($period: PeriodInput!) {
  studyHours(period: $period) {
    totalHours memberCount averageHoursPerMember
    members { hours sessions member { id user { displayName } } }
  }
}"""
