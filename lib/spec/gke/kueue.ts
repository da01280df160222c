/**
 * The Kueue objects of a training cluster, rendered from resolved node pools and team quotas, and the
 * checks of those quotas. Pure: no cdktf import. Every object is a plain Kubernetes manifest
 * (`apiVersion`, `kind`, `metadata`, `spec`) at the storage version of the Kueue v0.19.2 CRDs
 * (`kueue.x-k8s.io/v1beta2`; v1beta1 is still served there but deprecated).
 *
 * Layout (why, in short):
 * - One ResourceFlavor per node pool, named as the pool, whose `nodeLabels` and `tolerations` are the
 *   resolved pool's `nodeLabels` and `taints` (lib/spec/gke/tolerations.ts). Kueue matches a
 *   workload's node selector against a flavor's `nodeLabels` when it assigns flavors, and injects
 *   labels and tolerations into the pods it admits. The JobSet writes the same node selector and
 *   tolerations itself (lib/spec/gke/jobset.ts): that pinning is what chooses the flavor within the
 *   single resource group below, since a pod whose selector names one pool fits that pool's flavor
 *   only.
 * - One ClusterQueue per team, in one Cohort, with ONE resource group covering every resource a
 *   training pod requests (the accelerators of the cluster, `cpu`, `memory`). Kueue assigns one flavor
 *   per resource group, and refuses a workload that requests a resource no group covers ("resource cpu
 *   unavailable in ClusterQueue", Kueue's flavor assigner): with GPUs and CPUs in separate groups, a GPU
 *   pod's `cpu` request would be assigned a CPU pool's flavor whose node labels contradict the GPU
 *   pool's, and never be admitted. In that one group, a flavor's quota of its own resource is the
 *   team's quota; its `cpu` follows from it (GPUs ÷ GPUs per node × vCPUs per node, rounded up) and
 *   its `memory` never binds (32 GiB per vCPU of that quota: more than any Compute Engine machine has,
 *   m3-ultramem ≈ 30.5 GB); other accelerators are 0 on it.
 * - Preemption: within a team, a higher-priority workload may preempt a lower one; quota a team lent
 *   to its cohort is reclaimed from borrowers whatever their priority (nominal quota is a guarantee);
 *   nobody preempts to borrow. Queueing `BestEffortFIFO`: a large workload that does not fit does not
 *   block smaller ones behind it.
 * - WorkloadPriorityClasses only, no Kubernetes PriorityClasses: Kueue orders and preempts by the
 *   workload priority (`kueue.x-k8s.io/priority-class` label), which leaves pod priority, and with it
 *   the kube-scheduler's preemption of system pods, alone.
 * - Queued provisioning (Dynamic Workload Scheduler): one AdmissionCheck run by Kueue's
 *   ProvisioningRequest controller with a ProvisioningRequestConfig of class
 *   `queued-provisioning.gke.io`, bound by `admissionChecksStrategy` to the queued pools' flavors
 *   only, so that a team's spot or standard flavors admit without waiting for a provisioning request.
 */
import { closest, listAnd } from '../../core/words';
import { Problem } from '../problem';
import { tolerationsOf } from './tolerations';
import { PoolResource, ResolvedNodePool } from './types';
import { DEFAULT_WORKLOAD_PRIORITY, KUEUE_API_VERSION } from './labels';

export { DEFAULT_WORKLOAD_PRIORITY, KUEUE_API_VERSION };

/** Controller of the ProvisioningRequest admission check, built into Kueue. */
export const PROVISIONING_REQUEST_CONTROLLER = 'kueue.x-k8s.io/provisioning-request';
/** Provisioning class of GKE's queued provisioning (Dynamic Workload Scheduler). */
export const QUEUED_PROVISIONING_CLASS = 'queued-provisioning.gke.io';
/** Name of the AdmissionCheck, and of its ProvisioningRequestConfig, for queued-provisioning pools. */
export const QUEUED_PROVISIONING_CHECK = 'queued-provisioning';
/** Memory quota per vCPU of quota: never the binding limit (no Compute Engine machine has 32 GiB per vCPU). */
export const MEMORY_GIB_PER_VCPU = 32;

/** Labels every Kueue object carries. */
const OBJECT_LABELS = { 'app.kubernetes.io/managed-by': 'cdktf-vertex-training' };

/** A WorkloadPriorityClass of the cluster. */
export interface WorkloadPriority {
  readonly name: string;
  readonly value: number;
  readonly description: string;
}

/** The WorkloadPriorityClasses every training cluster gets, lowest first; `training-normal` is a job's default. */
export const WORKLOAD_PRIORITIES: readonly WorkloadPriority[] = [
  { name: 'training-low', value: 100, description: 'Preemptible experiments: yield to any other training workload of the team.' },
  { name: 'training-normal', value: 1000, description: 'Default priority of training jobs.' },
  { name: 'training-high', value: 10000, description: 'Urgent runs: may preempt lower-priority workloads of the same team.' },
];


/** A team's quota for one flavor (node pool), in the pool's units (GPUs, TPU chips, vCPUs). */
export interface KueueFlavorQuota {
  /** The node pool (and ResourceFlavor) name. */
  readonly flavor: string;
  readonly nominal: number;
  /** Most the team may borrow beyond `nominal` from its cohort; undefined: no limit but the cohort's. */
  readonly borrowingLimit?: number;
  /** Most of `nominal` the team lends to its cohort; undefined: all of it when unused. */
  readonly lendingLimit?: number;
}

/** One team's queue. */
export interface KueueTeam {
  /** The team's name (for messages). */
  readonly team: string;
  /** The team's namespace: its LocalQueue's, and the only one its ClusterQueue admits from. */
  readonly namespace: string;
  /** Name of the team's ClusterQueue. */
  readonly clusterQueue: string;
  readonly quotas: readonly KueueFlavorQuota[];
  /** @default 'BestEffortFIFO' */
  readonly queueingStrategy?: 'BestEffortFIFO' | 'StrictFIFO';
  /** Field prefix of this team's problems, e.g. `addTeamQueue(vision)`. @default `teams.<team>` */
  readonly field?: string;
}

/** Everything the Kueue objects of a cluster are rendered from. */
export interface KueueInput {
  readonly nodePools: readonly ResolvedNodePool[];
  readonly cohort: string;
  readonly teams: readonly KueueTeam[];
  /** Name of each team's LocalQueue. */
  readonly localQueueName: string;
}

/** A Kubernetes object as `kubernetes_manifest` takes it. */
export interface KubernetesObject {
  readonly apiVersion: string;
  readonly kind: string;
  readonly metadata: { readonly name: string; readonly namespace?: string; readonly labels?: { readonly [key: string]: string } };
  readonly spec?: unknown;
  readonly [field: string]: unknown;
}

const ACCELERATORS: readonly PoolResource[] = ['nvidia.com/gpu', 'google.com/tpu'];

function meta(name: string, namespace?: string): KubernetesObject['metadata'] {
  return namespace === undefined ? { name, labels: OBJECT_LABELS } : { name, namespace, labels: OBJECT_LABELS };
}

/** The ResourceFlavor of a node pool: its node labels and a toleration of each of its taints. */
export function resourceFlavor(pool: ResolvedNodePool): KubernetesObject {
  const tolerations = tolerationsOf(pool.taints);
  return {
    apiVersion: KUEUE_API_VERSION,
    kind: 'ResourceFlavor',
    metadata: meta(pool.name),
    spec: { nodeLabels: { ...pool.nodeLabels }, ...(tolerations.length ? { tolerations } : {}) },
  };
}

/** The resources one ClusterQueue group covers for these pools: their accelerators, then `cpu` and `memory`. */
export function coveredResources(pools: readonly ResolvedNodePool[]): string[] {
  const used = new Set(pools.map((p) => p.resource));
  return [...ACCELERATORS.filter((a) => used.has(a)), 'cpu', 'memory'];
}

/** Node pools whose nodes come from queued provisioning (Dynamic Workload Scheduler). */
function queuedPools(pools: readonly ResolvedNodePool[]): ResolvedNodePool[] {
  return pools.filter((p) => p.provisioning === 'queued');
}

const DECIMAL_SUFFIXES = ['', 'k', 'M', 'G', 'T', 'P', 'E'];
const BINARY_SUFFIXES = ['Gi', 'Ti', 'Pi', 'Ei'];

/**
 * A decimal quantity in the canonical form the API server stores and returns (`64.5` → `"64500m"`,
 * `16000` → `"16k"`, `416` → `"416"`): `kubernetes_manifest` compares what it applied with what it
 * reads back, and a non-canonical quantity would fail the apply with "inconsistent result".
 */
export function decimalQuantity(units: number): string {
  const milli = Math.round(units * 1000);
  if (milli % 1000 !== 0) return `${milli}m`;
  let n = milli / 1000;
  let i = 0;
  while (n !== 0 && n % 1000 === 0 && i < DECIMAL_SUFFIXES.length - 1) {
    n /= 1000;
    i++;
  }
  return `${n}${DECIMAL_SUFFIXES[i]}`;
}

/** A whole number of GiB in canonical binary form (`13312` → `"13Ti"`). */
export function binaryQuantity(gib: number): string {
  if (gib === 0) return '0';
  let n = gib;
  let i = 0;
  while (n !== 0 && n % 1024 === 0 && i < BINARY_SUFFIXES.length - 1) {
    n /= 1024;
    i++;
  }
  return `${n}${BINARY_SUFFIXES[i]}`;
}

/** vCPUs that go with `units` of a pool's own resource (whole nodes' share, rounded up). */
function vcpusFor(pool: ResolvedNodePool, units: number): number {
  return pool.resource === 'cpu' ? units : Math.ceil((units * pool.vcpus) / pool.perNode);
}

/** The quota of every covered resource on one flavor, from the team's quota of the pool's resource. */
function flavorResources(pool: ResolvedNodePool, quota: KueueFlavorQuota, covered: readonly string[]): object[] {
  const amount = (units: number | undefined, resource: string): string | undefined => {
    if (units === undefined) return undefined;
    if (resource === pool.resource) return decimalQuantity(units);
    if (resource === 'cpu') return decimalQuantity(vcpusFor(pool, units));
    if (resource === 'memory') return binaryQuantity(Math.ceil(vcpusFor(pool, units)) * MEMORY_GIB_PER_VCPU);
    return '0';
  };
  return covered.map((resource) => {
    const own = resource === pool.resource || resource === 'cpu' || resource === 'memory';
    const borrowingLimit = amount(quota.borrowingLimit, resource);
    const lendingLimit = amount(quota.lendingLimit, resource);
    return {
      name: resource,
      nominalQuota: amount(quota.nominal, resource),
      ...(own && borrowingLimit !== undefined ? { borrowingLimit } : {}),
      ...(own && lendingLimit !== undefined ? { lendingLimit } : {}),
    };
  });
}

/** The ClusterQueue of one team. */
export function clusterQueue(team: KueueTeam, pools: readonly ResolvedNodePool[], cohort: string): KubernetesObject {
  const byName = new Map(pools.map((p) => [p.name, p]));
  const quotas = team.quotas.filter((q) => byName.has(q.flavor));
  const teamPools = quotas.map((q) => byName.get(q.flavor)!);
  const covered = coveredResources(teamPools);
  const queued = queuedPools(teamPools).map((p) => p.name);
  return {
    apiVersion: KUEUE_API_VERSION,
    kind: 'ClusterQueue',
    metadata: meta(team.clusterQueue),
    spec: {
      cohortName: cohort,
      namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': team.namespace } },
      queueingStrategy: team.queueingStrategy ?? 'BestEffortFIFO',
      preemption: { withinClusterQueue: 'LowerPriority', reclaimWithinCohort: 'Any', borrowWithinCohort: { policy: 'Never' } },
      resourceGroups: quotas.length === 0 ? [] : [{
        coveredResources: covered,
        flavors: quotas.map((q) => ({ name: q.flavor, resources: flavorResources(byName.get(q.flavor)!, q, covered) })),
      }],
      ...(queued.length
        ? { admissionChecksStrategy: { admissionChecks: [{ name: QUEUED_PROVISIONING_CHECK, onFlavors: queued }] } }
        : {}),
    },
  };
}

/** The LocalQueue of a team, in its namespace. */
export function localQueue(team: KueueTeam, name: string): KubernetesObject {
  return { apiVersion: KUEUE_API_VERSION, kind: 'LocalQueue', metadata: meta(name, team.namespace), spec: { clusterQueue: team.clusterQueue } };
}

/** The AdmissionCheck and ProvisioningRequestConfig of queued provisioning, or nothing without queued pools. */
export function queuedProvisioning(pools: readonly ResolvedNodePool[]): { admissionCheck: KubernetesObject; provisioningRequestConfig: KubernetesObject } | undefined {
  const queued = queuedPools(pools);
  if (queued.length === 0) return undefined;
  // Only pod sets requesting an accelerator of a queued pool go into the ProvisioningRequest; a CPU
  // queued pool manages every pod set (empty list).
  const resources = [...new Set(queued.map((p) => p.resource))];
  const managedResources = resources.includes('cpu') ? [] : ACCELERATORS.filter((a) => resources.includes(a));
  return {
    admissionCheck: {
      apiVersion: KUEUE_API_VERSION,
      kind: 'AdmissionCheck',
      metadata: meta(QUEUED_PROVISIONING_CHECK),
      spec: {
        controllerName: PROVISIONING_REQUEST_CONTROLLER,
        parameters: { apiGroup: 'kueue.x-k8s.io', kind: 'ProvisioningRequestConfig', name: QUEUED_PROVISIONING_CHECK },
      },
    },
    provisioningRequestConfig: {
      apiVersion: KUEUE_API_VERSION,
      kind: 'ProvisioningRequestConfig',
      metadata: meta(QUEUED_PROVISIONING_CHECK),
      spec: {
        provisioningClassName: QUEUED_PROVISIONING_CLASS,
        ...(managedResources.length ? { managedResources } : {}),
        // Pods go to the nodes GKE created for their own request, not to another request's.
        podSetUpdates: { nodeSelector: [{ key: 'autoscaling.gke.io/provisioning-request', valueFromProvisioningClassDetail: 'ResizeRequestName' }] },
      },
    },
  };
}

/** The Cohort in which the teams' ClusterQueues lend and borrow (no spec: it holds no quota of its own). */
export function cohort(name: string): KubernetesObject {
  return { apiVersion: KUEUE_API_VERSION, kind: 'Cohort', metadata: meta(name) };
}

/** The WorkloadPriorityClasses of {@link WORKLOAD_PRIORITIES}. */
export function workloadPriorityClasses(): KubernetesObject[] {
  return WORKLOAD_PRIORITIES.map((p) => ({
    apiVersion: KUEUE_API_VERSION,
    kind: 'WorkloadPriorityClass',
    metadata: meta(p.name),
    value: p.value,
    description: p.description,
  }));
}

/** The most units of its resource a node pool can hold at its autoscaling maximum. */
export function poolCapacity(pool: ResolvedNodePool): number {
  return pool.maxNodes * pool.perNode;
}

function unitName(pool: ResolvedNodePool): string {
  return pool.resource === 'nvidia.com/gpu' ? 'GPUs' : pool.resource === 'google.com/tpu' ? 'TPU chips' : 'vCPUs';
}

/**
 * Problems of one team's quotas: a pool the cluster does not have (with a did-you-mean), a pool given
 * twice, a negative or non-finite number, a fractional number of GPUs or TPU chips, a lending limit
 * above the nominal quota (Kueue's webhook refuses it), no quota at all.
 */
export function teamQuotaProblems(team: KueueTeam, pools: readonly ResolvedNodePool[]): Problem[] {
  const field = team.field ?? `teams.${team.team}`;
  const byName = new Map(pools.map((p) => [p.name, p]));
  const problems: Problem[] = [];
  if (team.quotas.length === 0) {
    problems.push({ field: `${field}.quotas`, value: [], allowed: `at least one quota on a node pool of the cluster (${listAnd(pools.map((p) => p.name)) || 'the cluster has no node pools'})` });
  }
  const seen = new Set<string>();
  team.quotas.forEach((q, i) => {
    const at = `${field}.quotas[${i}]`;
    const pool = byName.get(q.flavor);
    if (!pool) {
      const hint = closest(q.flavor, [...byName.keys()]);
      problems.push({
        field: `${at}.nodePool`,
        value: q.flavor,
        allowed: `a node pool of the cluster: ${listAnd([...byName.keys()]) || 'the cluster has no node pools'}${hint ? ` (did you mean "${hint}"?)` : ''}`,
      });
    }
    if (seen.has(q.flavor)) problems.push({ field: `${at}.nodePool`, value: q.flavor, allowed: 'each node pool once per team: merge the quotas' });
    seen.add(q.flavor);
    const whole = pool !== undefined && pool.resource !== 'cpu';
    for (const [name, value] of [['nominal', q.nominal], ['borrowingLimit', q.borrowingLimit], ['lendingLimit', q.lendingLimit]] as const) {
      if (value === undefined) continue;
      if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
        problems.push({ field: `${at}.${name}`, value, allowed: 'a number ≥ 0' });
      } else if (whole && !Number.isInteger(value)) {
        problems.push({ field: `${at}.${name}`, value, allowed: `a whole number of ${unitName(pool)} (Kueue counts ${pool.resource} in whole units)` });
      } else if (!whole && Math.round(value * 1000) !== value * 1000) {
        problems.push({ field: `${at}.${name}`, value, allowed: 'vCPUs in steps of 0.001 (a millicore)' });
      }
    }
    if (typeof q.lendingLimit === 'number' && typeof q.nominal === 'number' && q.lendingLimit > q.nominal) {
      problems.push({ field: `${at}.lendingLimit`, value: q.lendingLimit, allowed: `at most the nominal quota ${q.nominal} (a team lends only what it has)` });
    }
  });
  return problems;
}

/**
 * Problems across teams: the nominal quotas of a node pool must fit in what it holds at its maximum
 * size (maxNodes × per node). A nominal quota is the team's guarantee: quota the pool cannot provide
 * would admit workloads whose pods then stay Pending, which is what Kueue exists to prevent; sharing
 * beyond the guarantees is what borrowing is for (borrowing limits are not summed).
 */
export function capacityProblems(teams: readonly KueueTeam[], pools: readonly ResolvedNodePool[]): Problem[] {
  const problems: Problem[] = [];
  for (const pool of pools) {
    const shares = teams.flatMap((t) => t.quotas.filter((q) => q.flavor === pool.name && typeof q.nominal === 'number').map((q) => ({ team: t, nominal: q.nominal })));
    const total = shares.reduce((sum, s) => sum + s.nominal, 0);
    const capacity = poolCapacity(pool);
    if (total > capacity) {
      const last = shares[shares.length - 1].team;
      problems.push({
        field: `${last.field ?? `teams.${last.team}`}.quotas`,
        value: `${pool.name}: ${shares.map((s) => `${s.team.team} ${s.nominal}`).join(' + ')} = ${total} ${unitName(pool)}`,
        allowed: `nominal quotas of ${pool.name} summing to at most ${capacity} ${unitName(pool)} (maxNodes ${pool.maxNodes} × ${pool.perNode} per node): ` +
          'raise maxNodes, lower a nominal quota, or give the excess as borrowingLimit',
      });
    }
  }
  return problems;
}
