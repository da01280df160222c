/**
 * The GKE side of a training job: its worker pools placed on the cluster's node pools, its code as
 * the containers of a JobSet, the options Vertex AI alone understands refused, and the team quota
 * that must be able to admit it. Not public API.
 */
import { layoutIntent, schedulingIntent } from '../compute/layout';
import { closest } from '../core/words';
import { renderJobSet } from '../spec/gke/jobset';
import { DEFAULT_WORKLOAD_PRIORITY, WORKLOAD_PRIORITIES } from '../spec/gke/kueue';
import { CohortQueue, JobPlacement, placePools, quotaProblems } from '../spec/gke/placement';
import { ResolvedNodePool } from '../spec/gke/types';
import { Problem } from '../spec/problem';
import { schedulingJson } from '../spec/scheduling';
import { resolvePools } from '../spec/worker-pools';
import { resolveJobCode } from './job-code';
import type { GkeBackendOptions } from './training-backend';
import type { TrainingJobOptions } from './training-job';

/** Vertex AI's default timeout, which a JobSet gets as its deadline when the job sets none. */
export const DEFAULT_TIMEOUT_SECONDS = 7 * 86_400;
/** How long a finished JobSet stays, unless the backend says otherwise. */
export const DEFAULT_TTL_SECONDS = 86_400;

/** What the GKE rendering needs besides the job's options. */
export interface GkeJobContext {
  readonly jobId: string;
  /** `gs://ARTIFACTS/jobs/<id>/runs/`. */
  readonly outputPrefix: string;
  /** `gs://ARTIFACTS/jobs/<id>/checkpoints/` for a job with checkpoints. */
  readonly checkpointDir?: string;
  /** The run's labels (environment's, user's, job, team). */
  readonly labels: { readonly [key: string]: string };
  /** Labels of every pod (job, team). */
  readonly podLabels: { readonly [key: string]: string };
  /** The cluster's region when known at synth. */
  readonly region: string | undefined;
  readonly stagingBucketName: string;
  readonly nodePools: readonly ResolvedNodePool[];
  readonly namespace: string;
  readonly localQueueName: string;
  /** The Kubernetes service account of the team's namespace (Workload Identity to its trainer). */
  readonly serviceAccountName: string;
  readonly backend: GkeBackendOptions;
}

/** The rendered JobSet and what was resolved for it. */
export interface GkeJobSpec {
  readonly jobSet: { [key: string]: unknown };
  readonly placement: JobPlacement;
  /** Images the containers run. */
  readonly images: string[];
  readonly problems: Problem[];
}

/** Renders a job for GKE, collecting every problem; never throws for bad input. */
export function renderGkeJob(options: TrainingJobOptions, context: GkeJobContext): GkeJobSpec {
  const problems: Problem[] = [...vertexOnlyProblems(options), ...backendProblems(context.backend)];
  const resolution = resolvePools(layoutIntent(options.workerPools), context.region);
  const scheduling = schedulingIntent(options.scheduling);
  // The timeout's bounds hold on GKE too (flex-start nodes live 7 days at most); Vertex AI's
  // Dynamic Workload Scheduler rules do not: the node pools decide what runs where.
  problems.push(...schedulingJson(scheduling, resolution.pools).problems.filter((p) => p.field.endsWith('.timeout')));
  if (scheduling.maxWaitSeconds !== undefined) {
    problems.push({ field: 'scheduling.maxWait', value: scheduling.maxWaitText, allowed: 'Vertex AI only: on GKE a FLEX_START run waits in its Kueue queue (and a queued-provisioning node pool\'s ProvisioningRequest) until capacity comes' });
  }
  const code = resolveJobCode(options.code, options.workerPools, { region: context.region, stagingBucketName: context.stagingBucketName });
  const placement = placePools(resolution.pools, context.nodePools, scheduling.strategy);
  const rendered = renderJobSet({
    jobId: context.jobId,
    namespace: context.namespace,
    queueName: context.localQueueName,
    serviceAccountName: context.serviceAccountName,
    labels: context.labels,
    podLabels: context.podLabels,
    priorityClass: context.backend.priorityClass ?? DEFAULT_WORKLOAD_PRIORITY,
    placements: placement.placements,
    taskOf: code.taskOf,
    outputPrefix: context.outputPrefix,
    checkpointDir: context.checkpointDir,
    timeoutSeconds: scheduling.timeoutSeconds ?? DEFAULT_TIMEOUT_SECONDS,
    restartJobOnWorkerRestart: scheduling.restartJobOnWorkerRestart,
    disableRetries: scheduling.disableRetries,
    ttlSecondsAfterFinished: context.backend.ttlAfterFinished?.toSeconds() ?? DEFAULT_TTL_SECONDS,
  });
  problems.push(...resolution.problems, ...code.problems, ...placement.problems, ...uniqueProblems(rendered.problems));
  const images = [...new Set(placement.placements.map((p) => (code.taskOf(p.pool).containerSpec as { imageUri?: string } | undefined)?.imageUri).filter((u): u is string => !!u))];
  return { jobSet: rendered.jobSet, placement, images, problems };
}

/**
 * Whether the team's queue can ever admit the job: problems when the team has no queue in `cohort`
 * (every team's queue) or when a flavor's demand exceeds the most its ClusterQueue can ever be
 * admitted (own nominal + what it may borrow of what the other teams lend).
 */
export function admissionProblems(placement: JobPlacement, teamName: string, cohort: readonly CohortQueue[], queuesPath: string): Problem[] {
  if (!cohort.some((q) => q.team === teamName)) {
    return [{ field: 'team', value: teamName, allowed: `has no queue in ${queuesPath}: add one with queues.addTeamQueue(team, { quotas: [...] }) (a GKE job runs in its team's LocalQueue)` }];
  }
  return quotaProblems(placement.demand, teamName, cohort);
}

function backendProblems(backend: GkeBackendOptions): Problem[] {
  const problems: Problem[] = [];
  const names = WORKLOAD_PRIORITIES.map((p) => p.name);
  const priority = backend.priorityClass;
  if (priority !== undefined && !names.includes(priority)) {
    const near = typeof priority === 'string' ? closest(priority, names) : undefined;
    problems.push({ field: 'backend.priorityClass', value: priority, allowed: `a WorkloadPriorityClass of the queues: ${names.join(', ')}${near ? ` (did you mean ${near}?)` : ''}` });
  }
  const ttl = backend.ttlAfterFinished?.toSeconds();
  if (ttl !== undefined && (!Number.isInteger(ttl) || ttl < 0)) {
    problems.push({ field: 'backend.ttlAfterFinished', value: backend.ttlAfterFinished!.toString(), allowed: 'a whole number of seconds, 0 or more' });
  }
  return problems;
}

function vertexOnlyProblems(options: TrainingJobOptions): Problem[] {
  const problems: Problem[] = [];
  if (options.enableWebAccess) {
    problems.push({ field: 'enableWebAccess', value: true, allowed: 'Vertex AI only: on GKE open a shell with kubectl exec into the run\'s pod (leave enableWebAccess out)' });
  }
  if (options.tensorboard === true) {
    problems.push({ field: 'tensorboard', value: true, allowed: 'Vertex AI only (the run is attached to the environment\'s TensorBoard by Vertex AI): on GKE AIP_TENSORBOARD_LOG_DIR is set all the same; upload the logs with tb-gcp-uploader, or leave tensorboard out' });
  }
  return problems;
}

/** A problem found in each pool's container once (the job's code runs on several pools). */
function uniqueProblems(problems: readonly Problem[]): Problem[] {
  const seen = new Set<string>();
  return problems.filter((p) => {
    const key = `${p.field}\u0000${String(p.value)}\u0000${p.allowed}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
