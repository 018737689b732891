/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';
/** Kind of dispute (纠纷类别). */
export type DisputeCategory =
  /** 债务纠纷 — Debts and loans. */
  | 'DEBT'
  /** 婚姻家庭纠纷 — Marriage and family. */
  | 'FAMILY'
  /** 劳资纠纷 — Labour and unpaid wages. */
  | 'LABOUR_WAGES'
  /** 土地纠纷 — Land, boundaries, homesteads. */
  | 'LAND'
  /** 邻里纠纷 — Between neighbours. */
  | 'NEIGHBOUR'
  /** 其他纠纷 — Anything else. */
  | 'OTHER'
  /** 物业纠纷 — Residents and property management. */
  | 'PROPERTY_MANAGEMENT'
  /** 交通事故纠纷 — Traffic accidents. */
  | 'TRAFFIC';

/** Where a dispute stands (纠纷状态). */
export type DisputeStatus =
  /** 已研判 — Risk assessed; awaiting a mediation team. */
  | 'ASSESSED'
  /** 已结案 — Closed; may be reopened if the dispute recurs. */
  | 'CLOSED'
  /** 已上交 — Handed over to the next level; awaiting its team. */
  | 'ESCALATED'
  /** 调解不成 — Mediation failed at the current level. */
  | 'FAILED'
  /** 调解中 — A mediation team is working on it. */
  | 'IN_MEDIATION'
  /** 已受理 — Reported and accepted; awaiting risk assessment. */
  | 'REPORTED'
  /** 调解成功 — Resolved by a mediation agreement. */
  | 'RESOLVED';

/** Category of an incident (警情类别). */
export type IncidentCategory =
  /** 殴打/伤害 — fight or assault. */
  | 'ASSAULT'
  /** 求助 — request for help. */
  | 'ASSISTANCE'
  /** 纠纷 — dispute (may be passed to mediation). */
  | 'DISPUTE'
  /** 火警 — fire. */
  | 'FIRE'
  /** 诈骗 — fraud, including telecom fraud. */
  | 'FRAUD'
  /** 其他 — other. */
  | 'OTHER'
  /** 扰乱治安 — disturbance of public order. */
  | 'PUBLIC_ORDER'
  /** 盗窃 — theft. */
  | 'THEFT'
  /** 交通 — traffic accident or violation. */
  | 'TRAFFIC';

/** Where an incident stands (接处警流程). */
export type IncidentStatus =
  /** 已到场 — the unit reached the scene. */
  | 'ARRIVED'
  /** 已结警 — closed. */
  | 'CLOSED'
  /** 已派警 — dispatched to a unit. */
  | 'DISPATCHED'
  /** 已处置 — handled on the scene. */
  | 'HANDLED'
  /** 已接警 — received, not yet dispatched. */
  | 'RECEIVED';

/** Credentials for login. */
export type LoginInput = {
  /** The account's password. Never logged; a wrong username and a wrong password get the same answer. */
  password: string;
  /** Login name of the account (3-64 letters, digits, '.', '-' or '_'). */
  username: string;
};

/** 三级联调 — the level a dispute is mediated at, VILLAGE → TOWN → COUNTY. */
export type MediationLevel =
  /** 县级 — County level (矛盾不上交: the goal is to need it rarely). */
  | 'COUNTY'
  /** 镇(街道)级 — Town or street level (大事不出镇). */
  | 'TOWN'
  /** 村(社区)级 — Village or community level (小事不出村). */
  | 'VILLAGE';

/** An inclusive range of dates in the deployment's time zone (统计周期). */
export type PeriodInput = {
  /** Last day of the period (included); must not be before start. */
  end: string;
  /** First day of the period (included), a calendar date in the deployment's time zone (Asia/Shanghai unless configured). */
  start: string;
};

/** 三色预警 — risk warning level, low to high: BLUE < YELLOW < RED. */
export type RiskLevel =
  /** 蓝色预警 — Low risk. */
  | 'BLUE'
  /** 红色预警 — High risk: leadership is alerted at once. */
  | 'RED'
  /** 黄色预警 — Elevated risk. */
  | 'YELLOW';

/** A user's role (角色). */
export type Role =
  /** 审计 — reads the audit log, nothing else. */
  | 'AUDITOR'
  /** 辅警 — auxiliary police: no approvals, masked personal data. */
  | 'AUXILIARY'
  /** 县局管理员 — bureau admin: all stations of the deployment. */
  | 'BUREAU_ADMIN'
  /** 网格员/村(社区)干部 — grid worker or village cadre. */
  | 'GRID_WORKER'
  /** 调解员 — mediator (professional, volunteer or people's mediator). */
  | 'MEDIATOR'
  /** 民警 — officer, including community officers. */
  | 'OFFICER'
  /** 群众 — resident. */
  | 'RESIDENT'
  /** 所长/教导员 — station chief or instructor: everything in own station. */
  | 'STATION_CHIEF'
  /** 志愿者 — volunteer. */
  | 'VOLUNTEER';

/** Station class (派出所等级), 一类 to 四类. */
export type StationClass =
  /** 四类所 */
  | 'FOUR'
  /** 一类所 */
  | 'ONE'
  /** 三类所 */
  | 'THREE'
  /** 二类所 */
  | 'TWO';

/** Why an input was refused. */
export type UserErrorCode =
  /** The change clashes with existing data, e.g. a code or username already in use, a duplicate. */
  | 'CONFLICT'
  /** The plugin or feature is switched off for the caller's station. */
  | 'FEATURE_DISABLED'
  /** The caller's role or relation to the object does not allow this particular change. */
  | 'FORBIDDEN'
  /** The value is malformed or out of range (e.g. a bad ID number, an end date before the start). */
  | 'INVALID'
  /** The object's status does not allow this step (e.g. closing an unresolved dispute). */
  | 'INVALID_TRANSITION'
  /** The account is locked after repeated failed logins; try again later. */
  | 'LOCKED'
  /** A referenced object does not exist or belongs to another station (the two read alike). */
  | 'NOT_FOUND'
  /** Too many anonymous requests from this address; try again in a minute. */
  | 'RATE_LIMITED'
  /** A value the mutation needs is missing or blank. */
  | 'REQUIRED';

export type LoginMutationVariables = Exact<{
  input: LoginInput;
}>;


export type LoginMutation = { login: { token: string | null, user: { id: string, displayName: string, roles: Array<Role>, station: { id: string, name: string, code: string } | null } | null, errors: Array<{ field: string | null, code: UserErrorCode, message: string }> } };

export type OpenDisputesByColourQueryVariables = Exact<{
  riskLevel: RiskLevel;
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type OpenDisputesByColourQuery = { disputes: { totalCount: number, pageInfo: { hasNextPage: boolean, endCursor: string | null }, nodes: Array<{ id: string, status: DisputeStatus, riskLevel: RiskLevel, level: MediationLevel, category: DisputeCategory, description: string, deadlineAt: string, isOverdue: boolean, area: { name: string } | null, mediators: Array<{ displayName: string, active: boolean }> }> } };

export type OverdueDisputesQueryVariables = Exact<{
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type OverdueDisputesQuery = { overdueDisputes: { totalCount: number, pageInfo: { hasNextPage: boolean, endCursor: string | null }, nodes: Array<{ id: string, riskLevel: RiskLevel, level: MediationLevel, status: DisputeStatus, description: string, deadlineAt: string, area: { name: string } | null }> } };

export type IncidentResponseTimesQueryVariables = Exact<{
  period: PeriodInput;
  from: string;
  to: string;
  first?: number | null | undefined;
}>;


export type IncidentResponseTimesQuery = { incidentStats: { start: string, end: string, total: number, averageDispatchMinutes: number | null, averageArrivalMinutes: number | null }, incidents: { nodes: Array<{ id: string, category: IncidentCategory, status: IncidentStatus, receivedAt: string, dispatchedAt: string | null, arrivedAt: string | null, dispatchMinutes: number | null, arrivalMinutes: number | null, areaName: string | null }> } };

export type StationRankingQueryVariables = Exact<{
  period: PeriodInput;
  stationClass?: StationClass | null | undefined;
}>;


export type StationRankingQuery = { stationRanking: Array<{ rank: number | null, total: number | null, station: { id: string, name: string, stationClass: StationClass } }> };

export type RiskAlertsSubscriptionVariables = Exact<{
  stationId?: string | number | null | undefined;
}>;


export type RiskAlertsSubscription = { riskAlerts: { id: string, riskLevel: RiskLevel, status: DisputeStatus, category: DisputeCategory, description: string, deadlineAt: string } };


export const LoginDocument = {"__meta__":{"hash":"sha256:ff1db70853720015eb82480d5880464983949685c3418621490761b67f947eef"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"Login"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"LoginInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"login"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"token"}},{"kind":"Field","name":{"kind":"Name","value":"user"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"displayName"}},{"kind":"Field","name":{"kind":"Name","value":"roles"}},{"kind":"Field","name":{"kind":"Name","value":"station"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"code"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"errors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]}}]} as unknown as DocumentNode<LoginMutation, LoginMutationVariables>;
export const OpenDisputesByColourDocument = {"__meta__":{"hash":"sha256:baf581f80c9d86dad67073d6a243099a4e1c7a51462199a7c50fe6e4b194b451"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"OpenDisputesByColour"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"riskLevel"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"RiskLevel"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}},"defaultValue":{"kind":"IntValue","value":"50"}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"disputes"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"open"},"value":{"kind":"BooleanValue","value":true}},{"kind":"ObjectField","name":{"kind":"Name","value":"riskLevel"},"value":{"kind":"Variable","name":{"kind":"Name","value":"riskLevel"}}}]}},{"kind":"Argument","name":{"kind":"Name","value":"orderBy"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"field"},"value":{"kind":"EnumValue","value":"DEADLINE_AT"}},{"kind":"ObjectField","name":{"kind":"Name","value":"descending"},"value":{"kind":"BooleanValue","value":false}}]}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}},{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"riskLevel"}},{"kind":"Field","name":{"kind":"Name","value":"level"}},{"kind":"Field","name":{"kind":"Name","value":"category"}},{"kind":"Field","name":{"kind":"Name","value":"description"}},{"kind":"Field","name":{"kind":"Name","value":"deadlineAt"}},{"kind":"Field","name":{"kind":"Name","value":"isOverdue"}},{"kind":"Field","name":{"kind":"Name","value":"area"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"mediators"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"displayName"}},{"kind":"Field","name":{"kind":"Name","value":"active"}}]}}]}}]}}]}}]} as unknown as DocumentNode<OpenDisputesByColourQuery, OpenDisputesByColourQueryVariables>;
export const OverdueDisputesDocument = {"__meta__":{"hash":"sha256:84d3cc1ccd76cd4d26291b0d50c5b5c54bc189b79823dc63203b1671bb5602c6"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"OverdueDisputes"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}},"defaultValue":{"kind":"IntValue","value":"50"}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"overdueDisputes"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}},{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"riskLevel"}},{"kind":"Field","name":{"kind":"Name","value":"level"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"description"}},{"kind":"Field","name":{"kind":"Name","value":"deadlineAt"}},{"kind":"Field","name":{"kind":"Name","value":"area"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]}}]}}]} as unknown as DocumentNode<OverdueDisputesQuery, OverdueDisputesQueryVariables>;
export const IncidentResponseTimesDocument = {"__meta__":{"hash":"sha256:8ec9e2f3c3b456c8480580fd89349c87ab72088f2d1a747b6b34164abc041903"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"IncidentResponseTimes"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"period"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"PeriodInput"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"from"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Date"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"to"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Date"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}},"defaultValue":{"kind":"IntValue","value":"20"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"incidentStats"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"period"},"value":{"kind":"Variable","name":{"kind":"Name","value":"period"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"start"}},{"kind":"Field","name":{"kind":"Name","value":"end"}},{"kind":"Field","name":{"kind":"Name","value":"total"}},{"kind":"Field","name":{"kind":"Name","value":"averageDispatchMinutes"}},{"kind":"Field","name":{"kind":"Name","value":"averageArrivalMinutes"}}]}},{"kind":"Field","name":{"kind":"Name","value":"incidents"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"receivedFrom"},"value":{"kind":"Variable","name":{"kind":"Name","value":"from"}}},{"kind":"ObjectField","name":{"kind":"Name","value":"receivedTo"},"value":{"kind":"Variable","name":{"kind":"Name","value":"to"}}}]}},{"kind":"Argument","name":{"kind":"Name","value":"orderBy"},"value":{"kind":"EnumValue","value":"NEWEST_FIRST"}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"category"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"receivedAt"}},{"kind":"Field","name":{"kind":"Name","value":"dispatchedAt"}},{"kind":"Field","name":{"kind":"Name","value":"arrivedAt"}},{"kind":"Field","name":{"kind":"Name","value":"dispatchMinutes"}},{"kind":"Field","name":{"kind":"Name","value":"arrivalMinutes"}},{"kind":"Field","name":{"kind":"Name","value":"areaName"}}]}}]}}]}}]} as unknown as DocumentNode<IncidentResponseTimesQuery, IncidentResponseTimesQueryVariables>;
export const StationRankingDocument = {"__meta__":{"hash":"sha256:b4fe5f42f67fe534aa113eed3e32f4ed506329a4c6ca9258a7f8f62297cc23e4"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"StationRanking"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"period"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"PeriodInput"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"stationClass"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"StationClass"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"stationRanking"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"period"},"value":{"kind":"Variable","name":{"kind":"Name","value":"period"}}},{"kind":"Argument","name":{"kind":"Name","value":"stationClass"},"value":{"kind":"Variable","name":{"kind":"Name","value":"stationClass"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"rank"}},{"kind":"Field","name":{"kind":"Name","value":"total"}},{"kind":"Field","name":{"kind":"Name","value":"station"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"stationClass"}}]}}]}}]}}]} as unknown as DocumentNode<StationRankingQuery, StationRankingQueryVariables>;
export const RiskAlertsDocument = {"__meta__":{"hash":"sha256:43e83694c1657d0407d409aa5dfe49899a9d42e82e258c62567826e20484d065"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"RiskAlerts"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"stationId"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"riskAlerts"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"stationId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"stationId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"riskLevel"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"category"}},{"kind":"Field","name":{"kind":"Name","value":"description"}},{"kind":"Field","name":{"kind":"Name","value":"deadlineAt"}}]}}]}}]} as unknown as DocumentNode<RiskAlertsSubscription, RiskAlertsSubscriptionVariables>;