// The operations a station dashboard needs. graphql-codegen reads the graphql() calls below and
// generates their result and variable types (src/gql/) and the persisted-operations manifest.
import { graphql } from "./gql";

/** Log in; the token goes into `Authorization: Bearer …` (HTTP) or the WebSocket connection_init. */
export const LoginDocument = graphql(`
  mutation Login($input: LoginInput!) {
    login(input: $input) {
      token
      user {
        id
        displayName
        roles
        station {
          id
          name
          code
        }
      }
      errors {
        field
        code
        message
      }
    }
  }
`);

/** My station's open disputes of one colour (三色预警), most urgent deadline first. */
export const OpenDisputesByColourDocument = graphql(`
  query OpenDisputesByColour($riskLevel: RiskLevel!, $first: Int = 50, $after: String) {
    disputes(
      filter: { open: true, riskLevel: $riskLevel }
      orderBy: { field: DEADLINE_AT, descending: false }
      first: $first
      after: $after
    ) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      nodes {
        id
        status
        riskLevel
        level
        category
        description
        deadlineAt
        isOverdue
        area {
          name
        }
        mediators {
          displayName
          active
        }
      }
    }
  }
`);

/** Disputes past their deadline at their current level (督办 list). */
export const OverdueDisputesDocument = graphql(`
  query OverdueDisputes($first: Int = 50, $after: String) {
    overdueDisputes(first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      nodes {
        id
        riskLevel
        level
        status
        description
        deadlineAt
        area {
          name
        }
      }
    }
  }
`);

/** Incident response times over a period: averages, and the latest incidents with theirs. */
export const IncidentResponseTimesDocument = graphql(`
  query IncidentResponseTimes($period: PeriodInput!, $from: Date!, $to: Date!, $first: Int = 20) {
    incidentStats(period: $period) {
      start
      end
      total
      averageDispatchMinutes
      averageArrivalMinutes
    }
    incidents(filter: { receivedFrom: $from, receivedTo: $to }, orderBy: NEWEST_FIRST, first: $first) {
      nodes {
        id
        category
        status
        receivedAt
        dispatchedAt
        arrivedAt
        dispatchMinutes
        arrivalMinutes
        areaName
      }
    }
  }
`);

/** Station ranking (绩效排名) for a period, optionally among stations of one class. */
export const StationRankingDocument = graphql(`
  query StationRanking($period: PeriodInput!, $stationClass: StationClass) {
    stationRanking(period: $period, stationClass: $stationClass) {
      rank
      total
      station {
        id
        name
        stationClass
      }
    }
  }
`);

/** Disputes turning red (红色预警), pushed over the WebSocket. */
export const RiskAlertsDocument = graphql(`
  subscription RiskAlerts($stationId: ID) {
    riskAlerts(stationId: $stationId) {
      id
      riskLevel
      status
      category
      description
      deadlineAt
    }
  }
`);
