import { Duration } from '../core/duration';
import type { GkeTrainingQueues } from '../gke/training-queues';

/** Where a job's runs execute. */
export enum TrainingBackendKind {
  /** Vertex AI custom training: a CustomJob, HyperparameterTuningJob or TrainingPipeline per run. */
  VERTEX_AI = 'VERTEX_AI',
  /** A GKE cluster: a JobSet per run in the team's Kueue LocalQueue. */
  GKE = 'GKE',
}

/** Options of a job that runs on GKE. */
export interface GkeBackendOptions {
  /**
   * Kueue WorkloadPriorityClass of the job's runs (`training-low`, `training-normal`,
   * `training-high`): orders the team's queue and lets a higher priority preempt a lower one.
   * @default 'training-normal'
   */
  readonly priorityClass?: string;
  /**
   * How long a finished run's JobSet (and its pods, with their logs in `kubectl logs`) stays in the
   * cluster. The run's record stays in the staging bucket and its logs in Cloud Logging.
   * @default Duration.days(1)
   */
  readonly ttlAfterFinished?: Duration;
}

/**
 * Where a job's runs execute: Vertex AI (the default), or a GKE cluster's Kueue queues. The same job
 * definition (code, worker pools, scheduling, triggers) runs on either; a container reads the same
 * `AIP_MODEL_DIR`, `AIP_CHECKPOINT_DIR`, `AIP_TENSORBOARD_LOG_DIR` and `CLUSTER_SPEC` on both.
 *
 * @example
 * new CustomTrainingJob(workloads, 'train', {
 *   environment: env, team: vision, code, workerPools,
 *   backend: TrainingBackend.gke(queues, { priorityClass: 'training-high' }),
 * });
 */
export class TrainingBackend {
  /** Vertex AI custom training (the default). */
  public static vertexAi(): TrainingBackend {
    return new TrainingBackend(TrainingBackendKind.VERTEX_AI);
  }

  /**
   * A GKE cluster: each run is a JobSet in the job's team's namespace and LocalQueue, its pods
   * placed on the cluster's node pools by the job's worker pools. The job must have a `team` with a
   * queue in `queues`, and be declared in the stack of `queues`.
   *
   * @param queues the cluster's team queues
   * @param options priority and cleanup of the runs
   */
  public static gke(queues: GkeTrainingQueues, options: GkeBackendOptions = {}): TrainingBackend {
    return new TrainingBackend(TrainingBackendKind.GKE, queues, options);
  }

  /** Which backend. */
  public readonly kind: TrainingBackendKind;
  /** The queues of a GKE backend. */
  public readonly queues?: GkeTrainingQueues;
  /** Options of a GKE backend. */
  public readonly gkeOptions?: GkeBackendOptions;

  private constructor(kind: TrainingBackendKind, queues?: GkeTrainingQueues, options?: GkeBackendOptions) {
    this.kind = kind;
    this.queues = queues;
    this.gkeOptions = options;
  }
}
