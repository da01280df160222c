import {
  GkeAdmission, GkeClusterReport, GkeJobDemandReport, GkeNodePoolReport, GkeQueuesReport, GkeReport, KueueFlavorReport, KueueTeamQuotaReport,
} from './gke-data';
import { compare } from './policy-exceptions';
import { withoutUndefined } from './what-runs';
import { nodePoolQuotaRows } from '../quota/compute-engine';
import { KueueFlavorQuota, KueueInput, QUEUED_PROVISIONING_CHECK } from '../spec/gke/kueue';
import { AdmissionCeiling, admissionCeiling, CohortQueue } from '../spec/gke/placement';
import { tolerationsOf } from '../spec/gke/tolerations';
import { provisioningName } from '../spec/gke/provisioning';
import { ResolvedNodePool } from '../spec/gke/types';
// Types only: the GKE constructs and the jobs depend on the report, not it on them; it finds them by their brands.
import type { TrainingEnvironment } from '../environment/training-environment';
import type { GkeNodePool } from '../gke/node-pool';
import type { GkeTrainingCluster } from '../gke/training-cluster';
import type { GkeTrainingQueues } from '../gke/training-queues';
import type { TrainingJob } from '../jobs/training-job';

/*
 * The GKE section of a stack's report: the clusters (node pools and their Compute Engine quotas) and
 * the queues (flavors, team quotas, the GKE jobs' demand against them) declared in the stack. Each
 * of the three GKE stacks reports what it declares: the platform stack its cluster and pools, the
 * workloads stack its queues and jobs; so a change to one stack changes that stack's report only.
 * Loaded with the first GKE construct.
 */

/** The GKE constructs found in one stack, by environment. */
export interface GkeFound {
  readonly clusters: GkeTrainingCluster[];
  readonly queues: GkeTrainingQueues[];
  /** GKE jobs of the stack, by their queues. */
  readonly jobs: Map<GkeTrainingQueues, TrainingJob[]>;
}

/** The GKE section of `env` in the stack's report; `resolve` turns tokens into what the report shows. */
export function gkeReport(env: TrainingEnvironment, found: GkeFound, resolve: (value: string) => string): GkeReport {
  return {
    clusters: found.clusters.map((cluster) => clusterReport(env, cluster, resolve)).sort((a, b) => compare(a.path, b.path)),
    queues: found.queues.map((queues) => queuesReport(queues, found.jobs.get(queues) ?? [], resolve)).sort((a, b) => compare(a.path, b.path)),
  };
}

function clusterReport(env: TrainingEnvironment, cluster: GkeTrainingCluster, resolve: (value: string) => string): GkeClusterReport {
  // A cluster is regional, in its environment's region.
  const location = resolve(cluster.location);
  const region = resolve(env.region);
  return {
    path: cluster.node.path,
    clusterName: resolve(cluster.clusterName),
    location,
    nodePools: cluster.nodePools.map((pool) => nodePoolReport(pool, region)),
  };
}

function nodePoolReport(pool: GkeNodePool, region: string): GkeNodePoolReport {
  const resolved = pool._resolved;
  return withoutUndefined({
    name: resolved.name,
    path: pool.node.path,
    machineType: resolved.machineType,
    accelerator: acceleratorWords(resolved),
    provisioning: provisioningName(resolved.provisioning),
    minNodes: resolved.minNodes,
    maxNodes: resolved.maxNodes,
    zones: [...resolved.zones],
    resource: resolved.resource,
    perNode: resolved.perNode,
    reservation: reservationWords(resolved),
    taints: resolved.taints.map((t) => `${t.key}=${t.value}:${t.effect}`),
    quotaDemand: nodePoolQuotaRows(resolved).map((row) => ({ region, metric: row.metric, unit: row.unit, perNode: row.perNode, amount: row.amount })),
  });
}

/** `8 × NVIDIA_H100_80GB`, `TPU v6e 4x4 slice: 4 chips on each of 4 VMs`; undefined for a CPU pool. */
export function acceleratorWords(pool: ResolvedNodePool): string | undefined {
  if (pool.gpu) return `${pool.gpu.perNode} × ${pool.gpu.acceleratorType}`;
  if (pool.tpu) {
    const vms = pool.tpu.vmsPerSlice === 1 ? '1 VM' : `each of ${pool.tpu.vmsPerSlice} VMs`;
    return `TPU ${pool.tpu.version} ${pool.tpu.topology} slice: ${pool.tpu.chipsPerVm} chips on ${vms}`;
  }
  return undefined;
}

function reservationWords(pool: ResolvedNodePool): string | undefined {
  const reservation = pool.reservation;
  if (!reservation || reservation.type === 'NO_RESERVATION') return undefined;
  return reservation.names.length > 0 ? `${reservation.type}: ${reservation.names.join(', ')}` : reservation.type;
}

function queuesReport(queues: GkeTrainingQueues, jobs: readonly TrainingJob[], resolve: (value: string) => string): GkeQueuesReport {
  const input = kueueInputOf(queues);
  const pools = input.nodePools;
  const quotaOf = new Map<string, KueueFlavorQuota>();
  const teamQuotas: KueueTeamQuotaReport[] = [];
  const resourceOf = new Map(pools.map((p) => [p.name, p.resource as string]));
  for (const team of input.teams) {
    for (const quota of team.quotas) {
      quotaOf.set(`${team.team}\u0000${quota.flavor}`, quota);
      teamQuotas.push(withoutUndefined({
        team: team.team,
        namespaceName: team.namespace,
        clusterQueue: team.clusterQueue,
        flavor: quota.flavor,
        resource: resourceOf.get(quota.flavor) ?? '',
        nominal: quota.nominal,
        borrowingLimit: quota.borrowingLimit,
        lendingLimit: quota.lendingLimit,
      }));
    }
  }
  return {
    path: queues.node.path,
    clusterName: resolve(queues.cluster.clusterName),
    cohort: input.cohort,
    localQueue: input.localQueueName,
    flavors: pools.map(flavorReport),
    teamQuotas: teamQuotas.sort((a, b) => compare(a.team, b.team) || compare(a.flavor, b.flavor)),
    jobs: jobs.flatMap((job) => jobDemand(job, resourceOf, quotaOf, input.teams.map((t) => ({ team: t.team, quotas: t.quotas }))))
      .sort((a, b) => compare(a.jobId, b.jobId) || compare(a.flavor, b.flavor)),
  };
}

/** A flavor: the pool's labels, and tolerations of its taints, as its ResourceFlavor carries them. */
function flavorReport(pool: ResolvedNodePool): KueueFlavorReport {
  return withoutUndefined({
    name: pool.name,
    resource: pool.resource,
    nodeLabels: Object.entries(pool.nodeLabels).map(([key, value]) => `${key}=${value}`).sort(compare),
    tolerations: tolerationsOf(pool.taints).map((t) => `${t.key}=${t.value ?? ''}:${t.effect}`),
    admissionCheck: pool.provisioning === 'queued' ? QUEUED_PROVISIONING_CHECK : undefined,
  });
}

/** A GKE job's demand per flavor (as the job placed its pools), against its team's quota. */
function jobDemand(job: TrainingJob, resourceOf: ReadonlyMap<string, string>, quotaOf: ReadonlyMap<string, KueueFlavorQuota>,
  cohort: readonly CohortQueue[]): GkeJobDemandReport[] {
  const team = job._options.team?.teamName ?? '';
  return Object.entries(job._gkePlacement?.demand ?? {}).map(([flavor, demand]) => {
    const quota = quotaOf.get(`${team}\u0000${flavor}`);
    return withoutUndefined({
      jobId: job.jobId,
      team,
      flavor,
      resource: resourceOf.get(flavor) ?? '',
      demand,
      nominal: quota?.nominal,
      borrowingLimit: quota?.borrowingLimit,
      admission: admissionOf(demand, admissionCeiling(team, flavor, cohort)),
    });
  });
}

/**
 * Whether a run's demand on a flavor is admitted within the nominal quota, by borrowing, or never:
 * against the same ceiling synth checks (nominal plus what the cohort lends, within the borrowing
 * limit); undefined, the team has no quota on the flavor.
 */
export function admissionOf(demand: number, ceiling: AdmissionCeiling | undefined): GkeAdmission {
  if (!ceiling) return GkeAdmission.NEVER_ADMITTED;
  if (demand <= ceiling.nominal) return GkeAdmission.WITHIN_NOMINAL;
  return demand <= ceiling.ceiling ? GkeAdmission.NEEDS_BORROWING : GkeAdmission.NEVER_ADMITTED;
}

/** What the queues render their Kueue objects from: the node pools they were declared with, and each team's quotas. */
function kueueInputOf(queues: GkeTrainingQueues): KueueInput {
  return {
    nodePools: queues._nodePools,
    cohort: queues.cohortName,
    localQueueName: queues.localQueueName,
    teams: queues._kueueTeams(),
  };
}

