/**
 * Labels and names that several GKE layers share: the Kueue and JobSet renderers, the constructs,
 * the policy rules and the report. A leaf module (no imports but types), so that what needs a
 * label's name loads no renderer with it (lib/core/lazy.ts).
 */
import type { PoolRole } from '../worker-pools';

/** Kueue's label naming the LocalQueue of a workload (a JobSet). */
export const QUEUE_NAME_LABEL = 'kueue.x-k8s.io/queue-name';
/** Kueue's label naming the WorkloadPriorityClass of a workload. */
export const PRIORITY_CLASS_LABEL = 'kueue.x-k8s.io/priority-class';

/** Name of the system node pool of a cluster the library creates. */
export const SYSTEM_POOL_NAME = 'system';
/** Node label of the system pool's nodes: the add-on controllers prefer them. */
export const SYSTEM_POOL_LABEL: { readonly key: string; readonly value: string } = { key: 'vertex-training/node-role', value: 'system' };

/** Replicated job name of each pool role in a JobSet (DNS labels: they name pods). */
export const REPLICATED_JOB_NAMES: { readonly [role in PoolRole]: string } = {
  primary: 'primary',
  workers: 'workers',
  parameterServers: 'parameter-servers',
  evaluators: 'evaluators',
  reductionServer: 'reduction-server',
};

/** JobSet's API version the library writes (JobSet v0.12.0). */
export const JOBSET_API_VERSION = 'jobset.x-k8s.io/v1alpha2';
/** Kueue's API version the library writes: its storage version in v0.19.2 (v1beta1 is deprecated). */
export const KUEUE_API_VERSION = 'kueue.x-k8s.io/v1beta2';

/** The variable holding the checkpoint location a job's runs share. */
export const CHECKPOINT_DIR_ENV = 'VT_CHECKPOINT_DIR';
/** Vertex AI's variable of a run's checkpoint directory, which a job with checkpoints points at the shared one. */
export const AIP_CHECKPOINT_DIR_ENV = 'AIP_CHECKPOINT_DIR';
/** The variable holding the objects that started a data launch (JSON list of `gs://` URIs), added by the launcher. */
export const TRIGGER_OBJECTS_ENV = 'VT_TRIGGER_OBJECTS';
/**
 * What the library sets on every container on both backends, a job's `env` may not set them:
 * {@link CHECKPOINT_DIR_ENV} (a job with checkpoints, at synth) and {@link TRIGGER_OBJECTS_ENV}
 * (a data launch, added by the launcher).
 */
export const LAUNCH_ENV: readonly string[] = [CHECKPOINT_DIR_ENV, TRIGGER_OBJECTS_ENV];
/** Environment variables Vertex AI takes per container (`ContainerSpec.env`, `PythonPackageSpec.env`; reference §1.2). */
export const MAX_CONTAINER_ENV = 100;
/** What the JobSet sets itself on every container, as Vertex AI does, and LAUNCH_ENV; a job's `env` may not set them. */
export const RESERVED_ENV: readonly string[] = ['VT_RUN_NAME', 'VT_REPLICA_INDEX', 'AIP_MODEL_DIR', AIP_CHECKPOINT_DIR_ENV, 'AIP_TENSORBOARD_LOG_DIR', 'CLUSTER_SPEC', 'TF_CONFIG', ...LAUNCH_ENV];
/** The WorkloadPriorityClass of a GKE job that names none. */
export const DEFAULT_WORKLOAD_PRIORITY = 'training-normal';
