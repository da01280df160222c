import { QuotaDemand } from './demand';

/** One workload (a job) and its demand in a region. */
export interface PlannedWorkload {
  readonly name: string;
  readonly region: string;
  readonly demand: readonly QuotaDemand[];
}

/** A declared quota limit. */
export interface DeclaredLimit {
  readonly region: string;
  readonly metric: string;
  readonly limit: number;
}

/** The stack's peak demand on one quota in one region, and what it is checked against. */
export interface PlanRow {
  readonly region: string;
  readonly metric: string;
  readonly quotaId?: string;
  readonly quotaIdConfidence?: string;
  readonly unit: string;
  /** Peak concurrent demand. */
  readonly demand: number;
  /** Each workload's own demand (before exclusivity is applied), by name. */
  readonly contributions: ReadonlyArray<{ readonly workload: string; readonly amount: number }>;
  /** The declared limit, if any. */
  readonly limit?: number;
}

/**
 * Peak demand per (region, quota). Workloads may all run at once unless declared in a group whose
 * members never overlap: a group then contributes its largest member, not the sum. One pass over the
 * workloads and their demand entries: linear in the size of the stack.
 */
export function planRows(workloads: readonly PlannedWorkload[], exclusiveGroups: readonly (readonly string[])[], limits: readonly DeclaredLimit[]): PlanRow[] {
  const groupOf = new Map<string, number>();
  exclusiveGroups.forEach((group, index) => group.forEach((name) => groupOf.set(name, index)));

  interface Accumulator {
    region: string; metric: string; quotaId?: string; quotaIdConfidence?: string; unit: string;
    ungrouped: number; groupMax: Map<number, number>; contributions: { workload: string; amount: number }[];
  }
  const rows = new Map<string, Accumulator>();
  for (const workload of workloads) {
    for (const entry of workload.demand) {
      const region = entry.region ?? workload.region;
      const key = `${region}\u0000${entry.quota.metric}`;
      let row = rows.get(key);
      if (!row) {
        row = { region, metric: entry.quota.metric, quotaId: entry.quota.quotaId, quotaIdConfidence: entry.quota.quotaIdConfidence, unit: entry.unit, ungrouped: 0, groupMax: new Map(), contributions: [] };
        rows.set(key, row);
      }
      row.contributions.push({ workload: workload.name, amount: entry.amount });
      const group = groupOf.get(workload.name);
      if (group === undefined) row.ungrouped += entry.amount;
      else row.groupMax.set(group, Math.max(row.groupMax.get(group) ?? 0, entry.amount));
    }
  }
  const limitOf = new Map(limits.map((l) => [`${l.region}\u0000${l.metric}`, l.limit]));
  return [...rows.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([key, row]) => ({
      region: row.region,
      metric: row.metric,
      quotaId: row.quotaId,
      quotaIdConfidence: row.quotaIdConfidence,
      unit: row.unit,
      demand: row.ungrouped + [...row.groupMax.values()].reduce((sum, v) => sum + v, 0),
      contributions: row.contributions,
      limit: limitOf.get(key),
    }));
}

/**
 * `us-central1 custom_model_training_nvidia_h100_gpus: demand 32 > limit 16 (jobs: a=16, b=16)`.
 * @param what what the contributions are: `jobs`, or `node pools` for Compute Engine quotas
 */
export function overLimitMessage(row: PlanRow, what = 'jobs'): string {
  const jobs = row.contributions.map((c) => `${c.workload}=${c.amount}`).join(', ');
  return `${row.region} ${row.metric}: demand ${row.demand} > limit ${row.limit} (${what}: ${jobs})`;
}
