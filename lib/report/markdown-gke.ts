import { GkeAdmission, GkeClusterReport, GkeQueuesReport, GkeReport } from './gke-data';
import { code, NONE, table } from './markdown-text';

/*
 * The GKE part of an environment's Markdown report: each cluster's node pools with their Compute
 * Engine quota at their maximum size, and each set of queues with its flavors, the teams' quotas
 * and the GKE jobs' demand against them. Loaded with the first GKE section.
 */

/** The GKE sections of one environment. */
export function gkeSection(gke: GkeReport): string[] {
  return [...gke.clusters.flatMap(clusterSection), ...gke.queues.flatMap(queuesSection)];
}

function clusterSection(cluster: GkeClusterReport): string[] {
  const lines = [`### GKE cluster ${code(cluster.clusterName)} (${code(cluster.location)})`, ''];
  if (cluster.nodePools.length === 0) return [...lines, 'No node pools.', ''];
  lines.push(...table(['Node pool', 'Machine', 'Accelerators per node', 'Provisioning', 'Nodes', 'Zones', 'Pods request', 'Compute Engine quota at max nodes'], cluster.nodePools.map((pool) => [
    code(pool.name),
    code(pool.machineType),
    pool.accelerator ?? NONE,
    `${pool.provisioning}${pool.reservation === undefined ? '' : ` (${pool.reservation})`}`,
    `${pool.minNodes}–${pool.maxNodes}`,
    pool.zones.length === 0 ? 'the cluster\'s' : pool.zones.map(code).join(', '),
    `${pool.perNode} ${code(pool.resource)} per node`,
    pool.quotaDemand.length === 0 ? NONE : pool.quotaDemand.map((q) => `${code(q.metric)} ${q.amount} ${q.unit} (${q.perNode} per node)`).join('; '),
  ])), '');
  lines.push('Node pools count against Compute Engine quotas (`compute.googleapis.com`), not Vertex AI\'s; the quota table above sums them per region at each pool\'s maximum size.', '');
  return lines;
}

function queuesSection(queues: GkeQueuesReport): string[] {
  const lines = [`### Kueue queues ${code(queues.path)} (cluster ${code(queues.clusterName)}, cohort ${code(queues.cohort)}, LocalQueue ${code(queues.localQueue)})`, ''];
  lines.push('#### Resource flavors', '');
  if (queues.flavors.length === 0) {
    lines.push('No flavors: the cluster has no node pools.', '');
  } else {
    lines.push(...table(['Flavor', 'Resource', 'Node labels', 'Tolerations', 'Admission check'], queues.flavors.map((flavor) => [
      code(flavor.name),
      code(flavor.resource),
      flavor.nodeLabels.map(code).join(', '),
      flavor.tolerations.length === 0 ? NONE : flavor.tolerations.map(code).join(', '),
      flavor.admissionCheck === undefined ? NONE : code(flavor.admissionCheck),
    ])), '');
  }
  lines.push('#### Team quotas', '');
  if (queues.teamQuotas.length === 0) {
    lines.push('No team queue.', '');
  } else {
    lines.push(...table(['Team', 'ClusterQueue', 'Flavor', 'Nominal', 'Borrowing limit', 'Lending limit'], queues.teamQuotas.map((quota) => [
      code(quota.team),
      code(quota.clusterQueue),
      code(quota.flavor),
      `${quota.nominal} ${code(quota.resource)}`,
      quota.borrowingLimit === undefined ? 'no limit (the cohort\'s unused quota)' : String(quota.borrowingLimit),
      quota.lendingLimit === undefined ? 'all of the nominal quota' : String(quota.lendingLimit),
    ])), '');
  }
  lines.push('#### GKE jobs against their team\'s quota', '');
  if (queues.jobs.length === 0) {
    lines.push('No GKE job in this stack.', '');
  } else {
    lines.push(...table(['Job', 'Team', 'Flavor', 'Demand per run', 'Nominal', 'Borrowing limit', 'Admission'], queues.jobs.map((job) => [
      code(job.jobId),
      code(job.team),
      code(job.flavor),
      `${job.demand} ${code(job.resource)}`,
      job.nominal === undefined ? NONE : String(job.nominal),
      job.borrowingLimit === undefined ? NONE : String(job.borrowingLimit),
      admissionWords(job.admission),
    ])), '');
  }
  return lines;
}

function admissionWords(admission: GkeAdmission): string {
  switch (admission) {
    case GkeAdmission.WITHIN_NOMINAL:
      return 'within the nominal quota';
    case GkeAdmission.NEEDS_BORROWING:
      return 'needs borrowing from the cohort';
    default:
      return '**never admitted**';
  }
}
