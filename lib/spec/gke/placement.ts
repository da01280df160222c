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
import { NodeProvisioningKind, PoolResource, ResolvedNodePool } from './types';

/**
 * A team's quota for one flavor (node pool), in the pool's units (GPUs, TPU chips, vCPUs): the
 * subset of the Kueue layer's `KueueFlavorQuota` (lib/spec/gke/kueue.ts) that bounds admission.
 */
export interface FlavorQuota {
  /** The node pool (and ResourceFlavor) name. */
  readonly flavor: string;
  readonly nominal: number;
  /** Most the team may borrow beyond `nominal` from its cohort; undefined: no limit but the cohort's. */
  readonly borrowingLimit?: number;
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

const PROVISIONING_OF_STRATEGY: { readonly [strategy: string]: readonly NodeProvisioningKind[] } = {
  STANDARD: ['standard'],
  SPOT: ['spot'],
  FLEX_START: ['flex-start', 'queued'],
};

const STRATEGY_HINT: { readonly [kind in NodeProvisioningKind]: string } = {
  'standard': 'STANDARD',
  'spot': 'SPOT',
  'flex-start': 'FLEX_START',
  'queued': 'FLEX_START',
};

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
 * Whether the team's quota can ever admit the job's demand: per flavor, at most its nominal quota
 * plus its borrowing limit. A flavor the team has no quota for can never be admitted.
 */
export function quotaProblems(demand: { readonly [flavor: string]: number }, teamName: string, quotas: readonly FlavorQuota[], field = 'team'): Problem[] {
  const problems: Problem[] = [];
  const byFlavor = new Map(quotas.map((q) => [q.flavor, q]));
  for (const [flavor, units] of Object.entries(demand)) {
    const own = byFlavor.get(flavor);
    if (!own) {
      problems.push({ field, value: teamName, allowed: `has no quota on node pool ${flavor}, which the job needs ${units} units of at once (${quotas.length === 0 ? 'the team has no quotas' : `the team's quotas: ${quotas.map((q) => `${q.flavor} ${limitText(q)}`).join(', ')}`}); add { nodePool: ${flavor}, nominal: ${units} } to its queue` });
      continue;
    }
    if (own.borrowingLimit === undefined) {
      // Unlimited borrowing: the cohort bounds it, and the node pool's size was checked already.
      continue;
    }
    const ceiling = own.nominal + own.borrowingLimit;
    if (units > ceiling) {
      problems.push({ field, value: teamName, allowed: `can be admitted at most ${ceiling} units on node pool ${flavor} (nominal ${own.nominal} + borrowing limit ${own.borrowingLimit}), and one run of the job needs ${units} at once: it would wait in the queue forever; raise the team's quota or make the job smaller` });
    }
  }
  return problems;
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

function limitText(quota: FlavorQuota): string {
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
