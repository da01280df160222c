/**
 * Placement of a job's worker pools on the node pools of a GKE cluster, and the check that the job's
 * team quota can ever admit it. Pure: no cdktf import.
 *
 * Rules (what a reviewer can predict from the declarations):
 * - GPU: the same GPU type, and the node's GPUs a multiple of the replica's (8 per node takes replicas
 *   of 1, 2, 4 or 8 GPUs: pods pack onto nodes). The machine type does not have to match.
 * - TPU: the same version and topology (the slice is the unit); a pod per VM of the slice.
 * - CPU: a CPU node pool of the same machine type, else the smallest CPU node pool with at least as
 *   many vCPUs. A pod requests the job machine's vCPUs, less what GKE and its DaemonSets keep when the
 *   node is no larger (see {@link cpuRequest}).
 * - Scheduling strategy: STANDARD runs on standard node pools only (never silently on Spot VMs that
 *   can be preempted), SPOT on spot pools, FLEX_START on flex-start or queued-provisioning pools.
 * - A job pool that names a reservation runs only on a node pool consuming that reservation.
 * Among several matches the first in declaration order wins (a CPU pool of the same machine type
 * first); each pool is placed on exactly one node pool, whose name is its Kueue ResourceFlavor.
 */
import { listAnd } from '../../core/words';
import { Problem } from '../problem';
import { ResolvedPool } from '../worker-pools';
import { PROVISIONING_KINDS, provisioningKindsFor } from './provisioning';
import { NodeProvisioningKind, PoolResource, ResolvedNodePool } from './types';
import type { KueueFlavorQuota } from './kueue';

/**
 * A ClusterQueue's quota for one flavor (node pool), in the pool's units (GPUs, TPU chips, vCPUs):
 * the subset of the Kueue layer's `KueueFlavorQuota` (lib/spec/gke/kueue.ts) that bounds admission.
 */
/** A team's quota on one flavor, as its ClusterQueue holds it. */
export type AdmissionQuota = KueueFlavorQuota;

/** One team's ClusterQueue in the queues' cohort, with its quotas. */
export interface CohortQueue {
  readonly team: string;
  readonly quotas: readonly AdmissionQuota[];
}

/** The most a team's ClusterQueue can ever be admitted on one flavor, and what bounds it. */
export interface AdmissionCeiling {
  readonly nominal: number;
  /** The team's borrowing limit on the flavor; undefined: none. */
  readonly borrowingLimit?: number;
  /** What the other ClusterQueues of the cohort lend on the flavor, in total. */
  readonly lent: number;
  /** Each other team with a quota on the flavor, and what it lends. */
  readonly lenders: readonly { readonly team: string; readonly units: number }[];
  /** `nominal + min(borrowingLimit ?? ∞, lent)`. */
  readonly ceiling: number;
}

/** Where one pool of a job runs, and what each of its pods requests. */
export interface PoolPlacement {
  readonly pool: ResolvedPool;
  readonly nodePool: ResolvedNodePool;
  /** Pods of the pool: replicas, times the VMs of a TPU slice. */
  readonly pods: number;
  /** The resource each pod requests (the node pool's). */
  readonly resource: PoolResource;
  /** Units of `resource` each pod requests (GPUs, TPU chips, vCPUs; fractional for CPU). */
  readonly unitsPerPod: number;
}

/** The placement of a job, its demand per flavor, and every problem found. */
export interface JobPlacement {
  readonly placements: PoolPlacement[];
  /** Units a run needs at once, by flavor (Kueue admits the whole JobSet as one workload). */
  readonly demand: { readonly [flavor: string]: number };
  readonly problems: Problem[];
}

/** Kinds of node pool by scheduling strategy, and each kind's strategy: the one table of ./provisioning.ts. */
const PROVISIONING_OF_STRATEGY: { readonly [strategy: string]: readonly NodeProvisioningKind[] } = {
  STANDARD: provisioningKindsFor('STANDARD'),
  SPOT: provisioningKindsFor('SPOT'),
  FLEX_START: provisioningKindsFor('FLEX_START'),
};
const STRATEGY_HINT = Object.fromEntries(Object.entries(PROVISIONING_KINDS).map(([kind, info]) => [kind, info.strategy])) as { readonly [kind in NodeProvisioningKind]: string };

/**
 * vCPUs a CPU pod requests on a node of `nodeVcpus`: the job machine's, capped by what is left on
 * the node after GKE's reservation and its DaemonSets (5 %, at least half a vCPU), in tenths.
 */
export function cpuRequest(jobVcpus: number, nodeVcpus: number): number {
  const usable = nodeVcpus - Math.max(0.5, nodeVcpus * 0.05);
  return Math.floor(Math.min(jobVcpus, usable) * 10) / 10;
}

/** One line describing a node pool for messages: `h100-spot (8 × NVIDIA_H100_80GB per node, spot)`. */
export function describeNodePool(nodePool: ResolvedNodePool): string {
  const what = nodePool.gpu ? `${nodePool.gpu.perNode} × ${nodePool.gpu.acceleratorType} per node`
    : nodePool.tpu ? `TPU ${nodePool.tpu.version} ${nodePool.tpu.topology}`
      : nodePool.machineType;
  const reservation = nodePool.reservation && nodePool.reservation.type !== 'NO_RESERVATION' ? `, reservation ${reservationText(nodePool.reservation)}` : '';
  return `${nodePool.name} (${what}, ${nodePool.provisioning}${reservation})`;
}

/** Places every pool of a job on `nodePools`, collecting every problem. */
export function placePools(pools: readonly ResolvedPool[], nodePools: readonly ResolvedNodePool[], strategy: string, field = 'workerPools'): JobPlacement {
  const problems: Problem[] = [];
  const placements: PoolPlacement[] = [];
  const available = nodePools.length === 0 ? 'the cluster has no node pools' : `node pools: ${nodePools.map(describeNodePool).join('; ')}`;
  for (const pool of pools) {
    const poolField = `${field}.${pool.role}`;
    if (pool.role === 'reductionServer') {
      problems.push({ field: poolField, value: 'Reduction Server', allowed: 'Vertex AI only (its reducer image runs on Vertex AI); on GKE use NCCL collectives without a reductionServer pool' });
      continue;
    }
    if (pool.tpu && pool.tpuTopology === undefined) {
      problems.push({ field: poolField, value: `TPU ${pool.tpu.version}`, allowed: 'GKE runs TPU slices declared by topology (v4, v5e, v5p, v6e, ...); TPU v2/v3 by cores run on Vertex AI only' });
      continue;
    }
    const kinds = PROVISIONING_OF_STRATEGY[strategy] ?? ['standard'];
    const fitting = nodePools.filter((n) => fitsHardware(pool, n));
    const reserved = fitting.filter((n) => fitsReservation(pool, n));
    const matching = orderForPool(pool, reserved.filter((n) => kinds.includes(n.provisioning)));
    const nodePool = matching[0];
    if (!nodePool) {
      problems.push({ field: poolField, value: askedFor(pool), allowed: noMatchHint(pool, strategy, kinds, fitting, reserved, available) });
      continue;
    }
    const placement = placementOn(pool, nodePool);
    placements.push(placement);
    const capacityProblem = capacityOf(placement);
    if (capacityProblem) problems.push({ field: poolField, value: askedFor(pool), allowed: capacityProblem });
  }
  const demand: { [flavor: string]: number } = {};
  for (const p of placements) demand[p.nodePool.name] = roundUnits((demand[p.nodePool.name] ?? 0) + p.pods * p.unitsPerPod);
  return { placements, demand, problems };
}

/**
 * The most a team's ClusterQueue can ever be admitted on `flavor`, or undefined when the team has no
 * quota on it (Kueue lends and borrows only the [flavor, resource] pairs a ClusterQueue lists).
 *
 * Kueue (v0.19 ClusterQueue API): a ClusterQueue uses its whole nominal quota (its lendingLimit only
 * caps what others may take while it is unused), and borrows from the unused nominal quota of the
 * other ClusterQueues of its cohort, at most its borrowingLimit; each lends at most its lendingLimit
 * (undefined: its whole nominal). So the ceiling is own nominal + min(borrowingLimit ?? ∞, Σ of the
 * others' lendingLimit ?? nominal). A cohort of one team has nothing to borrow from: Kueue accepts
 * the borrowingLimit (the ClusterQueue has a cohortName) but never admits beyond the nominal. The
 * queues' Cohort object declares no quota of its own, so the teams' ClusterQueues are all it lends.
 */
export function admissionCeiling(teamName: string, flavor: string, cohort: readonly CohortQueue[]): AdmissionCeiling | undefined {
  let own: AdmissionQuota | undefined;
  const lenders: { team: string; units: number }[] = [];
  for (const member of cohort) {
    const quota = member.quotas.find((q) => q.flavor === flavor);
    if (!quota) continue;
    if (member.team === teamName) own = quota;
    else lenders.push({ team: member.team, units: Math.max(0, Math.min(quota.lendingLimit ?? quota.nominal, quota.nominal)) });
  }
  if (!own) return undefined;
  const lent = roundUnits(lenders.reduce((sum, l) => sum + l.units, 0));
  const borrowable = own.borrowingLimit === undefined ? lent : Math.min(own.borrowingLimit, lent);
  return { nominal: own.nominal, borrowingLimit: own.borrowingLimit, lent, lenders, ceiling: roundUnits(own.nominal + borrowable) };
}

/**
 * Whether the team's ClusterQueue can ever admit the job's demand: per flavor, at most its
 * {@link admissionCeiling}. A flavor the team has no quota for can never be admitted. `cohort` holds
 * every team's queue, the job's team's included.
 */
export function quotaProblems(demand: { readonly [flavor: string]: number }, teamName: string, cohort: readonly CohortQueue[], field = 'team'): Problem[] {
  const problems: Problem[] = [];
  const quotas = cohort.find((m) => m.team === teamName)?.quotas ?? [];
  for (const [flavor, units] of Object.entries(demand)) {
    const bound = admissionCeiling(teamName, flavor, cohort);
    if (!bound) {
      problems.push({ field, value: teamName, allowed: `has no quota on node pool ${flavor}, which the job needs ${units} units of at once (${quotas.length === 0 ? 'the team has no quotas' : `the team's quotas: ${quotas.map((q) => `${q.flavor} ${limitText(q)}`).join(', ')}`}); add { nodePool: ${flavor}, nominal: ${units} } to its queue` });
      continue;
    }
    if (units > bound.ceiling) problems.push({ field, value: teamName, allowed: ceilingText(flavor, units, bound) });
  }
  return problems;
}

function ceilingText(flavor: string, units: number, bound: AdmissionCeiling): string {
  const limit = bound.borrowingLimit === undefined ? 'no borrowing limit' : `borrowing limit ${bound.borrowingLimit}`;
  const others = bound.lenders.length === 0
    ? 'no other team of the cohort has quota on it to lend'
    : `the other teams of the cohort lend ${bound.lent} (${bound.lenders.map((l) => `${l.team} ${l.units}`).join(', ')}: lendingLimit, else nominal)`;
  const lend = "another team's nominal or lendingLimit on it";
  const remedy = bound.borrowingLimit === undefined || bound.lent < bound.borrowingLimit ? `raise the team's nominal quota, or ${lend}`
    : bound.lent > bound.borrowingLimit ? "raise the team's nominal quota or borrowing limit"
      : `raise the team's nominal quota, or both its borrowing limit and ${lend}`;
  return `can be admitted at most ${bound.ceiling} units on node pool ${flavor} (own nominal ${bound.nominal}; ${limit}; ${others}), and one run of the job needs ${units} at once: it would wait in the queue forever; ${remedy}, or make the job smaller`;
}

function fitsHardware(pool: ResolvedPool, nodePool: ResolvedNodePool): boolean {
  if (pool.gpu) return nodePool.gpu?.acceleratorType === pool.gpu.acceleratorType && pool.acceleratorsPerReplica > 0 && nodePool.gpu.perNode % pool.acceleratorsPerReplica === 0;
  if (pool.tpu) return nodePool.tpu?.version === pool.tpu.version && nodePool.tpu.topology === pool.tpuTopology;
  return !nodePool.gpu && !nodePool.tpu && nodePool.vcpus >= pool.vcpus;
}

function fitsReservation(pool: ResolvedPool, nodePool: ResolvedNodePool): boolean {
  if (!pool.reservation || pool.reservation.type === 'NO_RESERVATION') return true;
  return nodePool.reservation !== undefined && reservationText(nodePool.reservation) === reservationText(pool.reservation);
}

/** CPU pools prefer a node pool of their own machine type, then the smallest that fits. */
function orderForPool(pool: ResolvedPool, candidates: ResolvedNodePool[]): ResolvedNodePool[] {
  if (pool.gpu || pool.tpu) return candidates;
  const same = candidates.filter((n) => n.machineType === pool.machineType);
  const larger = candidates.filter((n) => n.machineType !== pool.machineType).sort((a, b) => a.vcpus - b.vcpus);
  return [...same, ...larger];
}

function placementOn(pool: ResolvedPool, nodePool: ResolvedNodePool): PoolPlacement {
  if (pool.tpu) {
    return { pool, nodePool, pods: pool.replicaCount * pool.tpuVms, resource: 'google.com/tpu', unitsPerPod: nodePool.tpu!.chipsPerVm };
  }
  if (pool.gpu) return { pool, nodePool, pods: pool.replicaCount, resource: 'nvidia.com/gpu', unitsPerPod: pool.acceleratorsPerReplica };
  return { pool, nodePool, pods: pool.replicaCount, resource: 'cpu', unitsPerPod: cpuRequest(pool.vcpus, nodePool.vcpus) };
}

/** A problem when the node pool, at its largest, cannot hold the pool's pods at once. */
function capacityOf(placement: PoolPlacement): string | undefined {
  const { nodePool, pods, unitsPerPod } = placement;
  const perNode = placement.resource === 'cpu' ? Math.floor(cpuRequest(nodePool.vcpus, nodePool.vcpus) / Math.max(unitsPerPod, 0.1) + 1e-9) : Math.floor(nodePool.perNode / unitsPerPod);
  const podsPerNode = Math.max(1, perNode);
  const nodes = Math.ceil(pods / podsPerNode);
  if (nodes <= nodePool.maxNodes) return undefined;
  return `node pool ${nodePool.name} grows to ${nodePool.maxNodes} node${nodePool.maxNodes === 1 ? '' : 's'} (maxNodes) and ${pods} pod${pods === 1 ? '' : 's'} of this pool need ${nodes} (${podsPerNode} per node): raise its maxNodes or lower replicaCount`;
}

function askedFor(pool: ResolvedPool): string {
  const replicas = `${pool.replicaCount} × `;
  if (pool.gpu) return `${replicas}${pool.acceleratorsPerReplica} × ${pool.gpu.acceleratorType}${reservationSuffix(pool)}`;
  if (pool.tpu) return `TPU ${pool.tpu.version} ${pool.tpuTopology ?? ''}`.trim() + reservationSuffix(pool);
  return `${replicas}${pool.machineType}${reservationSuffix(pool)}`;
}

function noMatchHint(pool: ResolvedPool, strategy: string, kinds: readonly NodeProvisioningKind[], fitting: ResolvedNodePool[], reserved: ResolvedNodePool[], available: string): string {
  const wanted = kinds.join(' or ');
  if (reserved.length > 0) {
    const strategies = [...new Set(reserved.map((n) => STRATEGY_HINT[n.provisioning]))];
    return `scheduling strategy ${strategy} runs on ${wanted} node pools, and the node pools with this hardware are ${reserved.map((n) => `${n.name} (${n.provisioning})`).join(', ')}: set scheduling.strategy to ${listAnd(strategies)}${strategy === 'STANDARD' && reserved.some((n) => n.provisioning === 'spot') ? ' (a STANDARD job is never placed on Spot VMs, which can be preempted)' : ''}, or add a ${wanted} node pool; ${available}`;
  }
  if (fitting.length > 0) {
    return `needs a node pool consuming reservation ${reservationText(pool.reservation!)}, and those with this hardware consume ${fitting.map((n) => `${n.name}: ${n.reservation ? reservationText(n.reservation) : 'none'}`).join(', ')}; ${available}`;
  }
  const kind = pool.gpu ? `a ${wanted} node pool of ${pool.gpu.acceleratorType} with a multiple of ${pool.acceleratorsPerReplica} GPUs per node`
    : pool.tpu ? `a ${wanted} node pool of TPU ${pool.tpu.version} slices of topology ${pool.tpuTopology}`
      : `a ${wanted} CPU node pool of ${pool.machineType} or with at least ${pool.vcpus} vCPUs per node`;
  return `no node pool fits: needs ${kind}; ${available}`;
}

function limitText(quota: AdmissionQuota): string {
  return quota.borrowingLimit === undefined ? `nominal ${quota.nominal}` : `nominal ${quota.nominal} + borrowing ${quota.borrowingLimit}`;
}

function reservationText(reservation: { readonly type: string; readonly names: readonly string[] }): string {
  return reservation.type === 'SPECIFIC_RESERVATION' ? reservation.names.join(', ') : reservation.type;
}

function reservationSuffix(pool: ResolvedPool): string {
  return pool.reservation && pool.reservation.type !== 'NO_RESERVATION' ? ` on reservation ${reservationText(pool.reservation)}` : '';
}

/** Sums of fractional vCPUs without binary noise (7.5 + 7.5 + 0.1). */
function roundUnits(value: number): number {
  return Math.round(value * 1000) / 1000;
}
