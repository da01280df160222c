import { QuotaDemand } from './demand';
import { GPUS } from '../catalog/accelerators';
import { COMPUTE_PREFIX, GLOBAL_QUOTA_REGION } from '../catalog/compute-quota-service';
import { computeCpuMetric, computeEngineQuotas, CPUS_ALL_REGIONS_METRIC, gkeGpu, gkeTpu, GPUS_ALL_REGIONS_METRIC, machineFamilyOf, NodePoolQuotaSubject, PREEMPTIBLE_CPUS_METRIC } from '../catalog/gke';
import { findMachineType, MACHINE_TYPES } from '../catalog/machines';
import { TPUS } from '../catalog/tpus';
import { Confidence } from '../catalog/types';
import { closest, listOr } from '../core/words';

/*
 * Compute Engine quotas of GKE node pools in the quota plan. Their metrics are written with the
 * service prefix (`compute.googleapis.com/NVIDIA_H100_GPUS`) everywhere in the plan, its limits and
 * the report, while Vertex AI's are written without one: a Vertex metric never contains a `/`, so the
 * two services' quotas can never be summed or compared with each other. Global quotas
 * (`GPUS_ALL_REGIONS`, `CPUS_ALL_REGIONS`) are keyed by region `global`. Pure: no cdktf import.
 */

export { COMPUTE_PREFIX, GLOBAL_QUOTA_REGION } from '../catalog/compute-quota-service';

/** Compute Engine metrics (without prefix) with one limit over all regions, planned under region `global`. */
export const GLOBAL_COMPUTE_METRICS: readonly string[] = [GPUS_ALL_REGIONS_METRIC, CPUS_ALL_REGIONS_METRIC];

const UNITS: { readonly [unit: string]: string } = { 'gpus': 'GPUs', 'tpu-chips': 'TPU chips', 'vcpus': 'vCPUs' };

/** One Compute Engine quota of a node pool: what one node consumes, and the pool at `maxNodes`. */
export interface NodePoolQuotaRow {
  /** Metric with its `compute.googleapis.com/` prefix. */
  readonly metric: string;
  /** `GPUs`, `TPU chips` or `vCPUs`. */
  readonly unit: string;
  readonly perNode: number;
  /** `maxNodes` × `perNode`. */
  readonly amount: number;
  readonly confidence: Confidence;
  /**
   * `global` for an all-regions quota.
   * @default - the pool's region
   */
  readonly region?: string;
}

/** What the quota rows of a pool read: a `ResolvedNodePool` has this shape. */
export interface NodePoolQuotaInput extends NodePoolQuotaSubject {
  readonly maxNodes: number;
}

/**
 * The Compute Engine quotas of a node pool's nodes (on-demand, or preemptible for Spot, flex-start
 * and queued provisioning), scaled to `maxNodes`, with prefixed metrics, sorted by metric.
 */
export function nodePoolQuotaRows(pool: NodePoolQuotaInput): NodePoolQuotaRow[] {
  return computeEngineQuotas(pool)
    .filter((row) => row.amountPerNode > 0)
    .map((row) => ({
      metric: `${COMPUTE_PREFIX}${row.metric}`,
      unit: UNITS[row.unit] ?? row.unit,
      perNode: row.amountPerNode,
      amount: pool.maxNodes * row.amountPerNode,
      confidence: row.confidence,
      region: row.global ? GLOBAL_QUOTA_REGION : undefined,
    }))
    .sort((a, b) => (a.metric < b.metric ? -1 : a.metric > b.metric ? 1 : 0));
}

/** The peak demand of a node pool for the quota plan: {@link nodePoolQuotaRows} of a pool that can scale up. */
export function nodePoolDemand(pool: NodePoolQuotaInput): QuotaDemand[] {
  return nodePoolQuotaRows(pool)
    .filter((row) => row.amount > 0)
    .map((row) => ({ quota: { metric: row.metric, quotaId: undefined, confidence: row.confidence }, unit: row.unit, amount: row.amount, region: row.region }));
}

/**
 * The peak demand of a pool of plain (accelerator-free, on-demand) `machineType` nodes, such as a
 * cluster's system pool, at `maxNodes`. Its vCPUs come from the catalog, else from the name's last
 * number (`e2-standard-4` → 4); a machine type of neither demands nothing.
 */
export function machinePoolDemand(machineType: string, maxNodes: number): QuotaDemand[] {
  const vcpus = findMachineType(machineType)?.vcpus ?? Number(/-([0-9]+)$/.exec(machineType)?.[1] ?? 0);
  return nodePoolDemand({ machineFamily: machineFamilyOf(machineType), vcpus, provisioning: 'standard', maxNodes });
}

/** Whether `metric` (with or without its `compute.googleapis.com/` prefix) is a global Compute Engine quota. */
export function isGlobalComputeMetric(metric: string): boolean {
  return GLOBAL_COMPUTE_METRICS.includes(metric.startsWith(COMPUTE_PREFIX) ? metric.slice(COMPUTE_PREFIX.length) : metric);
}

let known: readonly string[] | undefined;

/** Every Compute Engine metric (without prefix) a node pool of the catalog can consume. */
export function knownComputeMetrics(): readonly string[] {
  if (known) return known;
  const metrics = new Set<string>([PREEMPTIBLE_CPUS_METRIC, ...GLOBAL_COMPUTE_METRICS]);
  for (const gpu of GPUS) {
    const info = gkeGpu(gpu);
    if (info) for (const prefix of ['', 'PREEMPTIBLE_']) metrics.add(`${prefix}NVIDIA_${info.quotaToken}_GPUS`);
  }
  for (const tpu of TPUS) {
    const info = gkeTpu(tpu);
    if (info) for (const prefix of ['', 'PREEMPTIBLE_']) metrics.add(`${prefix}${info.quotaMetric}`);
  }
  for (const machine of MACHINE_TYPES) {
    const cpu = computeCpuMetric(machineFamilyOf(machine.name));
    if (cpu) metrics.add(cpu.metric);
  }
  known = [...metrics].sort();
  return known;
}

/**
 * Whether `metric` (after `compute.googleapis.com/`) is a Compute Engine quota node pools consume,
 * with the nearest known metrics when it is not.
 */
export function computeMetricProblem(metric: string): string | undefined {
  const metrics = knownComputeMetrics();
  if (metrics.includes(metric)) return undefined;
  // A lowercase spelling, else a close one, else the metrics naming the same accelerator or family.
  const upper = metric.toUpperCase();
  const near = metrics.includes(upper) ? upper : closest(upper, metrics);
  const token = upper.replace(/^PREEMPTIBLE_/, '').replace(/^NVIDIA_/, '').replace(/_GPUS$|_CPUS$/, '');
  const suggestions = near !== undefined ? [near] : metrics.filter((m) => token.length >= 2 && m.includes(token)).slice(0, 3);
  const hint = suggestions.length > 0 ? `did you mean ${listOr(suggestions.map((m) => COMPUTE_PREFIX + m))}? ` : '';
  return `must be a Compute Engine quota a GKE node pool consumes (on any other it checks nothing): ${hint}known: ${COMPUTE_PREFIX}[PREEMPTIBLE_]NVIDIA_<GPU>_GPUS, [PREEMPTIBLE_]TPU_<VERSION>, <FAMILY>_CPUS, CPUS (N1, E2), PREEMPTIBLE_CPUS, and the global GPUS_ALL_REGIONS and CPUS_ALL_REGIONS`;
}
