import { DeclaredLimit, PlannedWorkload, PlanRow, planRows } from './plan';

/*
 * Team shares of the environment's Vertex AI quotas: pure checks of the planned workloads against
 * what each team was given. No cdktf import.
 */

/** A team's declared share of one quota in one region. */
export interface DeclaredShare extends DeclaredLimit {
  readonly team: string;
}

/** One team's peak demand on one quota it has a share of. */
export interface ShareRow {
  readonly team: string;
  readonly region: string;
  readonly metric: string;
  /** What the quota counts (from the demand, else from the metric's name). */
  readonly unit: string;
  readonly share: number;
  /** Peak concurrent demand of the team's jobs (never-concurrent groups applied); 0 when none. */
  readonly demand: number;
  /** Each of the team's jobs' own demand, by name. */
  readonly contributions: ReadonlyArray<{ readonly workload: string; readonly amount: number }>;
}

/**
 * The demand of each team's workloads on each quota it has a share of. Workloads are partitioned by
 * team first, so that the plan of every team is computed over its own workloads: linear in all.
 * @param unitOf what a metric counts, for a share nothing demands yet
 */
export function shareRows(
  workloads: readonly PlannedWorkload[], teamOf: ReadonlyMap<string, string>, exclusiveGroups: readonly (readonly string[])[],
  shares: readonly DeclaredShare[], unitOf: (metric: string) => string,
): ShareRow[] {
  const byTeam = new Map<string, PlannedWorkload[]>();
  for (const workload of workloads) {
    const team = teamOf.get(workload.name);
    if (team === undefined) continue;
    const list = byTeam.get(team) ?? [];
    list.push(workload);
    byTeam.set(team, list);
  }
  const sharesByTeam = new Map<string, DeclaredShare[]>();
  for (const share of shares) {
    const list = sharesByTeam.get(share.team) ?? [];
    list.push(share);
    sharesByTeam.set(share.team, list);
  }
  const rows: ShareRow[] = [];
  for (const [team, teamShares] of sharesByTeam) {
    const planned = new Map<string, PlanRow>();
    for (const row of planRows(byTeam.get(team) ?? [], exclusiveGroups, [])) planned.set(`${row.region}\u0000${row.metric}`, row);
    for (const share of teamShares) {
      const row = planned.get(`${share.region}\u0000${share.metric}`);
      rows.push({
        team, region: share.region, metric: share.metric, share: share.limit,
        unit: row?.unit ?? unitOf(share.metric),
        demand: row?.demand ?? 0,
        contributions: row?.contributions ?? [],
      });
    }
  }
  return rows.sort((a, b) => compare(a.team, b.team) || compare(a.region, b.region) || compare(a.metric, b.metric));
}

/** `team "vision": us-central1 custom_model_training_nvidia_h100_gpus: demand 24 > share 16 (jobs: a=16, b=8)`. */
export function overShareMessage(row: ShareRow): string {
  const jobs = row.contributions.map((c) => `${c.workload}=${c.amount}`).join(', ');
  return `team "${row.team}": ${row.region} ${row.metric}: demand ${row.demand} ${row.unit} > share ${row.share} (jobs: ${jobs})`;
}

/** The shares of one quota that together exceed the environment's declared limit of it. */
export interface Overcommitment {
  readonly region: string;
  readonly metric: string;
  readonly limit: number;
  readonly total: number;
  /** `team=share`, sorted by team. */
  readonly shares: string[];
}

/** Each (region, quota) whose teams' shares sum over the environment's declared limit. */
export function overcommitments(shares: readonly DeclaredShare[], limits: readonly DeclaredLimit[]): Overcommitment[] {
  const limitOf = new Map(limits.map((l) => [`${l.region}\u0000${l.metric}`, l.limit]));
  const byQuota = new Map<string, DeclaredShare[]>();
  for (const share of shares) {
    const key = `${share.region}\u0000${share.metric}`;
    const list = byQuota.get(key) ?? [];
    list.push(share);
    byQuota.set(key, list);
  }
  const over: Overcommitment[] = [];
  for (const [key, list] of [...byQuota.entries()].sort(([a], [b]) => compare(a, b))) {
    const limit = limitOf.get(key);
    const total = list.reduce((sum, share) => sum + share.limit, 0);
    if (limit === undefined || total <= limit) continue;
    over.push({
      region: list[0].region, metric: list[0].metric, limit, total,
      shares: list.map((s) => `${s.team}=${s.limit}`).sort(compare),
    });
  }
  return over;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
