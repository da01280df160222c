/**
 * Renders a job as a `jobset.x-k8s.io/v1alpha2` JobSet (JobSet v0.12.0): one replicated job per
 * placed pool, in the team's namespace and LocalQueue, with the Vertex AI conventions a training
 * container reads, so that the same image trains on Vertex AI and on GKE. Pure: no cdktf import.
 *
 * The template is static (what a reviewer reads); the launcher adds `metadata.name` and the
 * launch-key label. Everything run-specific comes from the JobSet's name through the downward API:
 * - `VT_RUN_NAME`: the JobSet's name (label `jobset.sigs.k8s.io/jobset-name` of every pod);
 * - `VT_REPLICA_INDEX`: the pod's index in its pool (annotation `batch.kubernetes.io/job-completion-index`);
 * - `AIP_MODEL_DIR`, `AIP_CHECKPOINT_DIR`, `AIP_TENSORBOARD_LOG_DIR`: `<outputPrefix><run>/model/`,
 *   `.../checkpoints/`, `.../logs/`, the layout Vertex AI derives from `baseOutputDirectory`; a job
 *   with checkpoints gets the location its runs share as `AIP_CHECKPOINT_DIR` and `VT_CHECKPOINT_DIR`;
 * - `CLUSTER_SPEC` on every pod and `TF_CONFIG` on each pod of a distributed (more than one replica)
 *   GPU/CPU job, in Vertex AI's format: `workerpool0..3` (TF_CONFIG: `chief`, `worker`, `ps`; an
 *   evaluator is a task, not a cluster member) listing each pod's stable DNS name
 *   `<run>-<replicatedJob>-0-<index>.<run>:2222` (JobSet's headless service), and the pod's own task.
 *   Kubernetes expands `$(VAR)` from earlier variables, so these are defined before the user's `env`,
 *   which may refer to them as on Vertex AI (whose EnvVar has the same `$(VAR)` / `$$(VAR)` rules).
 *   Vertex AI passes command and args literally, Kubernetes expands `$(VAR)` and `$$` in them too:
 *   every `$` of command and args is doubled, so the container receives the same words on both.
 *
 * Restarts (Vertex AI's `scheduling` read the Kubernetes way):
 * - default (a failed worker restarts alone): `backoffLimit` 3 per pool, a Spot/maintenance
 *   disruption (`DisruptionTarget`) not counted; JobSet `maxRestarts` 0;
 * - `restartJobOnWorkerRestart`: a failed pod fails its Job (`backoffLimit` 0) and JobSet recreates
 *   every Job (`maxRestarts` 3); a disruption restarts them without counting;
 * - `disableRetries`: nothing is retried.
 * The JobSet succeeds when the primary completes (`successPolicy`), as a Vertex AI job does; each
 * Job's `activeDeadlineSeconds` is the job's timeout.
 */
import { Problem } from '../problem';
import { PoolRole, ResolvedPool } from '../worker-pools';
import { CHECKPOINT_DIR_ENV, JOBSET_API_VERSION, PRIORITY_CLASS_LABEL, QUEUE_NAME_LABEL, REPLICATED_JOB_NAMES, RESERVED_ENV } from './labels';
import { PoolPlacement } from './placement';
import { literalForKubernetes } from './kubernetes-literal';
import { tolerationsOf } from './tolerations';
import { withSortedKeys } from '../../core/sorted-keys';

/** Label of a pod's JobSet name (set by the JobSet controller). */
export const JOBSET_NAME_LABEL = 'jobset.sigs.k8s.io/jobset-name';
/** Port of each task in `CLUSTER_SPEC` and `TF_CONFIG`, as on Vertex AI. */
export const TASK_PORT = 2222;
/** Name of the training container in every pod. */
export const CONTAINER_NAME = 'trainer';

const DEFAULT_BACKOFF_LIMIT = 3;
const JOBSET_RESTARTS = 3;

export { JOBSET_API_VERSION, REPLICATED_JOB_NAMES, RESERVED_ENV };

const TF_TASK_TYPE: { readonly [role in PoolRole]?: string } = { primary: 'chief', workers: 'worker', parameterServers: 'ps', evaluators: 'evaluator' };

/** What a JobSet is rendered from. */
export interface JobSetInput {
  /** The job's ID (label `vertex-training-job`). */
  readonly jobId: string;
  /** The team's namespace. */
  readonly namespace: string;
  /** The team's LocalQueue. */
  readonly queueName: string;
  /** Kubernetes service account the pods run as (Workload Identity). */
  readonly serviceAccountName: string;
  /** Labels of the JobSet (the run's labels: environment's, user's, job and team). */
  readonly labels: { readonly [key: string]: string };
  /** Labels of every pod (job and team), for selection by NetworkPolicies and logs. */
  readonly podLabels: { readonly [key: string]: string };
  /** Kueue WorkloadPriorityClass. */
  readonly priorityClass?: string;
  readonly placements: readonly PoolPlacement[];
  /** The pool's task as resolved for Vertex AI: `{ containerSpec }` or `{ pythonPackageSpec }`. */
  readonly taskOf: (pool: ResolvedPool) => { readonly [key: string]: unknown };
  /** `gs://BUCKET/jobs/<id>/runs/`; the run's directory is `<outputPrefix><run>/`. */
  readonly outputPrefix: string;
  /** `gs://BUCKET/jobs/<id>/checkpoints/`, shared by the runs of a job with checkpoints. */
  readonly checkpointDir?: string;
  readonly timeoutSeconds: number;
  readonly restartJobOnWorkerRestart?: boolean;
  readonly disableRetries?: boolean;
  /** How long a finished JobSet stays in the cluster. */
  readonly ttlSecondsAfterFinished: number;
}

/** The rendered JobSet (without `metadata.name`) and the problems found. */
export interface RenderedJobSet {
  readonly jobSet: { [key: string]: unknown };
  readonly problems: Problem[];
}

const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;

/** Renders the JobSet of a placed job. */
export function renderJobSet(input: JobSetInput, field = 'code'): RenderedJobSet {
  const problems: Problem[] = [];
  const labels: { [key: string]: string } = { ...input.labels, [QUEUE_NAME_LABEL]: input.queueName };
  if (input.priorityClass !== undefined) labels[PRIORITY_CLASS_LABEL] = input.priorityClass;
  for (const [key, value] of Object.entries(input.labels)) {
    if (!key.includes('${') && (key.length === 0 || key.length > 63 || !LABEL_VALUE.test(key))) {
      problems.push({ field: 'labels', value: key, allowed: 'on GKE a label key is 1 to 63 letters, digits, "-", "_" or ".", starting and ending with a letter or digit (Kubernetes label rules)' });
    }
    if (value.includes('${')) continue; // a token: Terraform knows its value, the API server checks it
    if (value.length > 63 || !LABEL_VALUE.test(value)) {
      problems.push({ field: `labels.${key}`, value, allowed: 'on GKE a label value is at most 63 letters, digits, "-", "_" or ".", starting and ending with a letter or digit (Kubernetes label rules)' });
    }
  }

  const distributed = input.placements.reduce((sum, p) => sum + p.pool.replicaCount, 0) > 1 && !input.placements.some((p) => p.pool.tpu);
  const clusterSpec = clusterOf(input.placements, (role) => `workerpool${positionOf(input.placements, role)}`, () => true);
  const tfCluster = clusterOf(input.placements, (role) => TF_TASK_TYPE[role]!, (role) => role !== 'evaluators');
  const restart = restartPolicy(input);

  const replicatedJobs = input.placements.map((placement) => {
    const task = input.taskOf(placement.pool);
    const container = task.containerSpec as { imageUri?: string; command?: string[]; args?: string[]; env?: { name: string; value: string }[] } | undefined;
    if (!container) {
      problems.push({ field, value: 'TrainingCode.prebuilt', allowed: `GKE runs TrainingCode.container only: build an image FROM the prebuilt training image with your package installed, and give it as TrainingCode.container({ image, command: ['python', '-m', 'MODULE'] })` });
    }
    for (const variable of container?.env ?? []) {
      if (RESERVED_ENV.includes(variable.name)) {
        problems.push({ field: `${field}.env`, value: variable.name, allowed: `on GKE the library sets ${variable.name} itself (${RESERVED_ENV.join(', ')}), as Vertex AI does: leave it out` });
      }
    }
    const role = placement.pool.role;
    const replicatedJob = REPLICATED_JOB_NAMES[role];
    const env: object[] = [
      { name: 'VT_RUN_NAME', valueFrom: { fieldRef: { fieldPath: `metadata.labels['${JOBSET_NAME_LABEL}']` } } },
      { name: 'VT_REPLICA_INDEX', valueFrom: { fieldRef: { fieldPath: "metadata.annotations['batch.kubernetes.io/job-completion-index']" } } },
      { name: 'AIP_MODEL_DIR', value: `${input.outputPrefix}$(VT_RUN_NAME)/model/` },
      { name: 'AIP_CHECKPOINT_DIR', value: input.checkpointDir ?? `${input.outputPrefix}$(VT_RUN_NAME)/checkpoints/` },
      ...(input.checkpointDir !== undefined ? [{ name: CHECKPOINT_DIR_ENV, value: input.checkpointDir }] : []),
      { name: 'AIP_TENSORBOARD_LOG_DIR', value: `${input.outputPrefix}$(VT_RUN_NAME)/logs/` },
      { name: 'CLUSTER_SPEC', value: taskJson(clusterSpec, `workerpool${placement.pool.position}`) },
      ...(distributed ? [{ name: 'TF_CONFIG', value: taskJson(tfCluster, TF_TASK_TYPE[role]!) }] : []),
      ...(container?.env ?? []),
    ];
    const quantity = placement.resource === 'cpu' ? cpuQuantity(placement.unitsPerPod) : String(placement.unitsPerPod);
    const resources = placement.resource === 'cpu'
      ? { requests: { cpu: quantity } }
      : { requests: { [placement.resource]: quantity }, limits: { [placement.resource]: quantity } };
    const podSpec: { [key: string]: unknown } = {
      serviceAccountName: input.serviceAccountName,
      // Workload Identity serves Google tokens from the metadata server; training code needs no
      // Kubernetes API token, so none is mounted (the account refuses it too).
      automountServiceAccountToken: false,
      restartPolicy: 'Never',
      nodeSelector: { ...placement.nodePool.nodeLabels },
      containers: [{
        name: CONTAINER_NAME,
        image: container?.imageUri ?? '',
        ...(container?.command ? { command: container.command.map(literalForKubernetes) } : {}),
        ...(container?.args ? { args: container.args.map(literalForKubernetes) } : {}),
        env,
        ports: [{ name: 'task', containerPort: TASK_PORT }],
        resources,
      }],
    };
    if (placement.nodePool.taints.length > 0) {
      podSpec.tolerations = tolerationsOf(placement.nodePool.taints);
    }
    const jobSpec: { [key: string]: unknown } = {
      parallelism: placement.pods,
      completions: placement.pods,
      completionMode: 'Indexed',
      backoffLimit: restart.backoffLimit,
      activeDeadlineSeconds: input.timeoutSeconds,
      ...(restart.disruption ? { podFailurePolicy: { rules: [{ action: restart.disruption, onPodConditions: [{ type: 'DisruptionTarget', status: 'True' }] }] } } : {}),
      template: { metadata: { labels: { ...input.podLabels } }, spec: podSpec },
    };
    return { name: replicatedJob, replicas: 1, template: { metadata: { labels: { ...input.podLabels } }, spec: jobSpec } };
  });

  const failurePolicy: { [key: string]: unknown } = { maxRestarts: restart.maxRestarts };
  if (restart.disruption === 'FailJob') {
    failurePolicy.rules = [{ name: 'disrupted', action: 'RestartJobSetAndIgnoreMaxRestarts', onJobFailureReasons: ['PodFailurePolicy'] }];
  }
  const jobSet = {
    apiVersion: JOBSET_API_VERSION,
    kind: 'JobSet',
    metadata: { namespace: input.namespace, labels: withSortedKeys(labels) as { [key: string]: string } },
    spec: {
      network: { enableDNSHostnames: true, publishNotReadyAddresses: true },
      successPolicy: { operator: 'All', targetReplicatedJobs: [REPLICATED_JOB_NAMES.primary] },
      failurePolicy,
      ttlSecondsAfterFinished: input.ttlSecondsAfterFinished,
      replicatedJobs,
    },
  };
  return { jobSet, problems };
}

interface RestartPolicy {
  readonly backoffLimit: number;
  readonly maxRestarts: number;
  /** What a pod disrupted by preemption or maintenance does. */
  readonly disruption?: 'Ignore' | 'FailJob';
}

function restartPolicy(input: JobSetInput): RestartPolicy {
  if (input.disableRetries) return { backoffLimit: 0, maxRestarts: 0 };
  if (input.restartJobOnWorkerRestart) return { backoffLimit: 0, maxRestarts: JOBSET_RESTARTS, disruption: 'FailJob' };
  return { backoffLimit: DEFAULT_BACKOFF_LIMIT, maxRestarts: 0, disruption: 'Ignore' };
}

function positionOf(placements: readonly PoolPlacement[], role: PoolRole): number {
  return placements.find((p) => p.pool.role === role)!.pool.position;
}

/** Each pod's address by task type, as `$(VT_RUN_NAME)` templates. */
function clusterOf(placements: readonly PoolPlacement[], typeOf: (role: PoolRole) => string, member: (role: PoolRole) => boolean): { [type: string]: string[] } {
  const cluster: { [type: string]: string[] } = {};
  for (const p of placements) {
    if (!member(p.pool.role)) continue;
    const name = REPLICATED_JOB_NAMES[p.pool.role];
    cluster[typeOf(p.pool.role)] = Array.from({ length: p.pods }, (_, i) => `$(VT_RUN_NAME)-${name}-0-${i}.$(VT_RUN_NAME):${TASK_PORT}`);
  }
  return cluster;
}

/** `{"cluster":...,"environment":"cloud","task":{"type":TYPE,"index":$(VT_REPLICA_INDEX)}}`: the index is a JSON number once expanded. */
function taskJson(cluster: { [type: string]: string[] }, type: string): string {
  return `{"cluster":${JSON.stringify(cluster)},"environment":"cloud","task":{"type":${JSON.stringify(type)},"index":$(VT_REPLICA_INDEX)}}`;
}

function cpuQuantity(vcpus: number): string {
  return Number.isInteger(vcpus) ? String(vcpus) : `${Math.round(vcpus * 1000)}m`;
}
