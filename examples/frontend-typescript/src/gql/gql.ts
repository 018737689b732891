/* eslint-disable */
import * as types from './graphql';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "\n  mutation Login($input: LoginInput!) {\n    login(input: $input) {\n      token\n      user {\n        id\n        displayName\n        roles\n        station {\n          id\n          name\n          code\n        }\n      }\n      errors {\n        field\n        code\n        message\n      }\n    }\n  }\n": typeof types.LoginDocument,
    "\n  query OpenDisputesByColour($riskLevel: RiskLevel!, $first: Int = 50, $after: String) {\n    disputes(\n      filter: { open: true, riskLevel: $riskLevel }\n      orderBy: { field: DEADLINE_AT, descending: false }\n      first: $first\n      after: $after\n    ) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      nodes {\n        id\n        status\n        riskLevel\n        level\n        category\n        description\n        deadlineAt\n        isOverdue\n        area {\n          name\n        }\n        mediators {\n          displayName\n          active\n        }\n      }\n    }\n  }\n": typeof types.OpenDisputesByColourDocument,
    "\n  query OverdueDisputes($first: Int = 50, $after: String) {\n    overdueDisputes(first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      nodes {\n        id\n        riskLevel\n        level\n        status\n        description\n        deadlineAt\n        area {\n          name\n        }\n      }\n    }\n  }\n": typeof types.OverdueDisputesDocument,
    "\n  query IncidentResponseTimes($period: PeriodInput!, $from: Date!, $to: Date!, $first: Int = 20) {\n    incidentStats(period: $period) {\n      start\n      end\n      total\n      averageDispatchMinutes\n      averageArrivalMinutes\n    }\n    incidents(filter: { receivedFrom: $from, receivedTo: $to }, orderBy: NEWEST_FIRST, first: $first) {\n      nodes {\n        id\n        category\n        status\n        receivedAt\n        dispatchedAt\n        arrivedAt\n        dispatchMinutes\n        arrivalMinutes\n        areaName\n      }\n    }\n  }\n": typeof types.IncidentResponseTimesDocument,
    "\n  query StationRanking($period: PeriodInput!, $stationClass: StationClass) {\n    stationRanking(period: $period, stationClass: $stationClass) {\n      rank\n      total\n      station {\n        id\n        name\n        stationClass\n      }\n    }\n  }\n": typeof types.StationRankingDocument,
    "\n  subscription RiskAlerts($stationId: ID) {\n    riskAlerts(stationId: $stationId) {\n      id\n      riskLevel\n      status\n      category\n      description\n      deadlineAt\n    }\n  }\n": typeof types.RiskAlertsDocument,
};
const documents: Documents = {
    "\n  mutation Login($input: LoginInput!) {\n    login(input: $input) {\n      token\n      user {\n        id\n        displayName\n        roles\n        station {\n          id\n          name\n          code\n        }\n      }\n      errors {\n        field\n        code\n        message\n      }\n    }\n  }\n": types.LoginDocument,
    "\n  query OpenDisputesByColour($riskLevel: RiskLevel!, $first: Int = 50, $after: String) {\n    disputes(\n      filter: { open: true, riskLevel: $riskLevel }\n      orderBy: { field: DEADLINE_AT, descending: false }\n      first: $first\n      after: $after\n    ) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      nodes {\n        id\n        status\n        riskLevel\n        level\n        category\n        description\n        deadlineAt\n        isOverdue\n        area {\n          name\n        }\n        mediators {\n          displayName\n          active\n        }\n      }\n    }\n  }\n": types.OpenDisputesByColourDocument,
    "\n  query OverdueDisputes($first: Int = 50, $after: String) {\n    overdueDisputes(first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      nodes {\n        id\n        riskLevel\n        level\n        status\n        description\n        deadlineAt\n        area {\n          name\n        }\n      }\n    }\n  }\n": types.OverdueDisputesDocument,
    "\n  query IncidentResponseTimes($period: PeriodInput!, $from: Date!, $to: Date!, $first: Int = 20) {\n    incidentStats(period: $period) {\n      start\n      end\n      total\n      averageDispatchMinutes\n      averageArrivalMinutes\n    }\n    incidents(filter: { receivedFrom: $from, receivedTo: $to }, orderBy: NEWEST_FIRST, first: $first) {\n      nodes {\n        id\n        category\n        status\n        receivedAt\n        dispatchedAt\n        arrivedAt\n        dispatchMinutes\n        arrivalMinutes\n        areaName\n      }\n    }\n  }\n": types.IncidentResponseTimesDocument,
    "\n  query StationRanking($period: PeriodInput!, $stationClass: StationClass) {\n    stationRanking(period: $period, stationClass: $stationClass) {\n      rank\n      total\n      station {\n        id\n        name\n        stationClass\n      }\n    }\n  }\n": types.StationRankingDocument,
    "\n  subscription RiskAlerts($stationId: ID) {\n    riskAlerts(stationId: $stationId) {\n      id\n      riskLevel\n      status\n      category\n      description\n      deadlineAt\n    }\n  }\n": types.RiskAlertsDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Login($input: LoginInput!) {\n    login(input: $input) {\n      token\n      user {\n        id\n        displayName\n        roles\n        station {\n          id\n          name\n          code\n        }\n      }\n      errors {\n        field\n        code\n        message\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation Login($input: LoginInput!) {\n    login(input: $input) {\n      token\n      user {\n        id\n        displayName\n        roles\n        station {\n          id\n          name\n          code\n        }\n      }\n      errors {\n        field\n        code\n        message\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query OpenDisputesByColour($riskLevel: RiskLevel!, $first: Int = 50, $after: String) {\n    disputes(\n      filter: { open: true, riskLevel: $riskLevel }\n      orderBy: { field: DEADLINE_AT, descending: false }\n      first: $first\n      after: $after\n    ) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      nodes {\n        id\n        status\n        riskLevel\n        level\n        category\n        description\n        deadlineAt\n        isOverdue\n        area {\n          name\n        }\n        mediators {\n          displayName\n          active\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query OpenDisputesByColour($riskLevel: RiskLevel!, $first: Int = 50, $after: String) {\n    disputes(\n      filter: { open: true, riskLevel: $riskLevel }\n      orderBy: { field: DEADLINE_AT, descending: false }\n      first: $first\n      after: $after\n    ) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      nodes {\n        id\n        status\n        riskLevel\n        level\n        category\n        description\n        deadlineAt\n        isOverdue\n        area {\n          name\n        }\n        mediators {\n          displayName\n          active\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query OverdueDisputes($first: Int = 50, $after: String) {\n    overdueDisputes(first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      nodes {\n        id\n        riskLevel\n        level\n        status\n        description\n        deadlineAt\n        area {\n          name\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query OverdueDisputes($first: Int = 50, $after: String) {\n    overdueDisputes(first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      nodes {\n        id\n        riskLevel\n        level\n        status\n        description\n        deadlineAt\n        area {\n          name\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query IncidentResponseTimes($period: PeriodInput!, $from: Date!, $to: Date!, $first: Int = 20) {\n    incidentStats(period: $period) {\n      start\n      end\n      total\n      averageDispatchMinutes\n      averageArrivalMinutes\n    }\n    incidents(filter: { receivedFrom: $from, receivedTo: $to }, orderBy: NEWEST_FIRST, first: $first) {\n      nodes {\n        id\n        category\n        status\n        receivedAt\n        dispatchedAt\n        arrivedAt\n        dispatchMinutes\n        arrivalMinutes\n        areaName\n      }\n    }\n  }\n"): (typeof documents)["\n  query IncidentResponseTimes($period: PeriodInput!, $from: Date!, $to: Date!, $first: Int = 20) {\n    incidentStats(period: $period) {\n      start\n      end\n      total\n      averageDispatchMinutes\n      averageArrivalMinutes\n    }\n    incidents(filter: { receivedFrom: $from, receivedTo: $to }, orderBy: NEWEST_FIRST, first: $first) {\n      nodes {\n        id\n        category\n        status\n        receivedAt\n        dispatchedAt\n        arrivedAt\n        dispatchMinutes\n        arrivalMinutes\n        areaName\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query StationRanking($period: PeriodInput!, $stationClass: StationClass) {\n    stationRanking(period: $period, stationClass: $stationClass) {\n      rank\n      total\n      station {\n        id\n        name\n        stationClass\n      }\n    }\n  }\n"): (typeof documents)["\n  query StationRanking($period: PeriodInput!, $stationClass: StationClass) {\n    stationRanking(period: $period, stationClass: $stationClass) {\n      rank\n      total\n      station {\n        id\n        name\n        stationClass\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription RiskAlerts($stationId: ID) {\n    riskAlerts(stationId: $stationId) {\n      id\n      riskLevel\n      status\n      category\n      description\n      deadlineAt\n    }\n  }\n"): (typeof documents)["\n  subscription RiskAlerts($stationId: ID) {\n    riskAlerts(stationId: $stationId) {\n      id\n      riskLevel\n      status\n      category\n      description\n      deadlineAt\n    }\n  }\n"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;