import { GkeJobBackendReport } from './report-data';
import { REPLICATED_JOB_NAMES } from '../spec/gke/labels';
import { ResolvedPool } from '../spec/worker-pools';
// Types only: the jobs depend on the report, not it on them.
import type { TrainingJob } from '../jobs/training-job';
import { fromKubernetesLiteral } from '../spec/gke/kubernetes-literal';
import { DEFAULT_WORKLOAD_PRIORITY, RESERVED_ENV } from '../spec/gke/labels';

/*
 * What a job's report section reads of a job that runs on GKE: where it runs, where its pools are
 * placed, and what each pool's container runs (from the JobSet, in the shape of a Vertex AI pool
 * spec so that one renderer shows both).
 */

type Json = { [key: string]: unknown };

/**
 * What the JobSet sets itself on every container, as Vertex AI does: left out of the code shown, so
 * that a pool shows what the job declared and pools of the same code show as one.
 */
const LIBRARY_ENV = new Set(RESERVED_ENV);

/** Whether `job` runs on GKE (read without importing the backend's class). */
export function runsOnGke(job: TrainingJob): boolean {
  return (job.backend?.kind as string | undefined) === 'GKE';
}

/** The cluster, namespace, queue, priority and placements of a GKE job. */
export function gkeJobBackend(job: TrainingJob, resolve: (value: string) => string): GkeJobBackendReport | undefined {
  const queues = job.backend?.queues;
  const team = job._options.team;
  if (!queues || !team) return undefined;
  const placements = (job._gkePlacement?.placements ?? []).map((p) => {
    const units = `${p.unitsPerPod} ${p.resource}`;
    return `${p.pool.role} → ${p.nodePool.name}: ${p.pods} pod${p.pods === 1 ? '' : 's'} × ${units}`;
  });
  return {
    clusterName: resolve(queues.cluster.clusterName),
    namespaceName: queues.namespaceOf(team),
    localQueue: queues.localQueueName,
    priorityClass: job.backend.gkeOptions?.priorityClass ?? DEFAULT_WORKLOAD_PRIORITY,
    placements,
  };
}

/**
 * The JobSet's containers as Vertex AI pool specs, by pool position: `containerSpec` with the
 * image, command, args and the job's own environment variables (not those the JobSet sets on every
 * run, {@link LIBRARY_ENV}).
 */
export function jobSetPoolSpecs(jobSet: unknown, pools: readonly ResolvedPool[]): (Json | undefined)[] {
  const replicated = new Map<string, Json>();
  for (const job of list(object(object(jobSet)?.spec)?.replicatedJobs)) {
    const name = object(job)?.name;
    if (typeof name === 'string') replicated.set(name, object(job)!);
  }
  const specs: (Json | undefined)[] = [];
  for (const pool of pools) {
    const job = replicated.get(REPLICATED_JOB_NAMES[pool.role]);
    const podSpec = object(object(object(object(object(job?.template)?.spec)?.template)?.spec));
    const container = object(list(podSpec?.containers)[0]);
    if (!container) continue;
    const env = list(container.env).map(object)
      .filter((v): v is Json => v !== undefined && !LIBRARY_ENV.has(String(v.name)))
      .map((v) => ({ name: v.name, value: v.value }));
    specs[pool.position] = { containerSpec: { imageUri: container.image, command: asGiven(container.command), args: asGiven(container.args), env } };
  }
  return specs;
}

function object(value: unknown): Json | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? value as Json : undefined;
}

function list(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

/** A JobSet's command or args as the job's code gave them (the JobSet holds them escaped for Kubernetes). */
function asGiven(words: unknown): unknown {
  return Array.isArray(words) ? words.map((w) => (typeof w === 'string' ? fromKubernetesLiteral(w) : w)) : words;
}
