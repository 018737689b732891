// A station dashboard's data layer, written against the generated types: a schema change that
// breaks any of these reads fails `tsc --strict` in CI.
import { FengqiaoClient, type Result } from "./client";
import type { RiskLevel } from "./gql/graphql";
import {
  IncidentResponseTimesDocument,
  LoginDocument,
  OpenDisputesByColourDocument,
  OverdueDisputesDocument,
  RiskAlertsDocument,
  StationRankingDocument,
} from "./operations";

/** 三色预警 labels; a colour added to the schema later shows its code until it gets one here. */
const COLOUR_LABELS: Partial<Record<RiskLevel, string>> = { RED: "红色", YELLOW: "黄色", BLUE: "蓝色" };

function unwrap<TData>(result: Result<TData>): TData {
  if (!result.data) throw new Error(result.errors?.map((error) => error.message).join("; ") ?? "no data");
  return result.data;
}

export async function logIn(client: FengqiaoClient, username: string, password: string): Promise<FengqiaoClient> {
  const { login } = unwrap(await client.execute(LoginDocument, { input: { username, password } }));
  if (!login.token || login.errors.length > 0) {
    throw new Error(login.errors.map((error) => `${error.code}: ${error.message}`).join("; "));
  }
  return client.withToken(login.token);
}

export interface DisputeRow {
  id: string;
  colour: string;
  area: string;
  deadlineAt: string;
  overdue: boolean;
  mediators: string[];
}

export async function openDisputes(client: FengqiaoClient, riskLevel: RiskLevel): Promise<DisputeRow[]> {
  const { disputes } = unwrap(await client.execute(OpenDisputesByColourDocument, { riskLevel, first: 100 }));
  return disputes.nodes.map((dispute) => ({
    id: dispute.id,
    colour: COLOUR_LABELS[dispute.riskLevel] ?? dispute.riskLevel,
    area: dispute.area?.name ?? "—",
    deadlineAt: dispute.deadlineAt,
    overdue: dispute.isOverdue,
    mediators: dispute.mediators.filter((mediator) => mediator.active).map((mediator) => mediator.displayName),
  }));
}

export async function overdueCount(client: FengqiaoClient): Promise<number> {
  const { overdueDisputes } = unwrap(await client.execute(OverdueDisputesDocument, { first: 20 }));
  return overdueDisputes.totalCount;
}

export interface ResponseTimes {
  incidents: number;
  averageDispatchMinutes: number | null;
  averageArrivalMinutes: number | null;
  slowest: { id: string; area: string; arrivalMinutes: number }[];
}

/** `start`/`end` are dates (YYYY-MM-DD) in the deployment's time zone, both included. */
export async function responseTimes(client: FengqiaoClient, start: string, end: string): Promise<ResponseTimes> {
  const data = unwrap(
    await client.execute(IncidentResponseTimesDocument, { period: { start, end }, from: start, to: end, first: 50 }),
  );
  const slowest = data.incidents.nodes
    .flatMap((incident) =>
      incident.arrivalMinutes == null
        ? []
        : [{ id: incident.id, area: incident.areaName ?? "—", arrivalMinutes: incident.arrivalMinutes }],
    )
    .sort((a, b) => b.arrivalMinutes - a.arrivalMinutes)
    .slice(0, 5);
  return {
    incidents: data.incidentStats.total,
    averageDispatchMinutes: data.incidentStats.averageDispatchMinutes ?? null,
    averageArrivalMinutes: data.incidentStats.averageArrivalMinutes ?? null,
    slowest,
  };
}

export async function ranking(client: FengqiaoClient, start: string, end: string): Promise<string[]> {
  const { stationRanking } = unwrap(await client.execute(StationRankingDocument, { period: { start, end } }));
  return stationRanking.map(
    (entry) => `${entry.rank ?? "-"}. ${entry.station.name} ${entry.total == null ? "—" : entry.total.toFixed(1)}`,
  );
}

export function watchRedAlerts(client: FengqiaoClient, onAlert: (text: string) => void): () => void {
  return client.subscribe(RiskAlertsDocument, {}, {
    next: (result) => {
      const dispute = result.data?.riskAlerts;
      if (dispute) onAlert(`${COLOUR_LABELS[dispute.riskLevel] ?? dispute.riskLevel}预警: ${dispute.description}`);
    },
    error: (errors) => onAlert(errors.map((error) => error.message).join("; ")),
  });
}
