import { Construct } from 'constructs';
import type { requireSameStack } from '../gke/stack-order';
import { lazy } from '../core/lazy';
import { JobKind } from './job-kind';
import { TrainingJob, TrainingJobOptions } from './training-job';

/** The GKE side, loaded with the first GKE job. */
const gke = lazy({
  requireSameStack: (): typeof requireSameStack => require('../gke/stack-order').requireSameStack,
});

const CUSTOM_JOB: JobKind = { kind: 'CustomJob', collection: 'customJobs', consolePage: 'custom-jobs' };
/** A run on GKE: a JobSet in the team's namespace (what the launcher posts, see lib/launch/definition). */
const JOB_SET: JobKind = { kind: 'JobSet', collection: 'jobsets', consolePage: 'jobsets' };

/** Properties of a {@link CustomTrainingJob}. */
export interface CustomTrainingJobProps extends TrainingJobOptions {}

/**
 * A Vertex AI CustomJob: training code on worker pools, launched by its triggers. Its request body
 * is the Terraform local `vertex_<prefix>_<id>`; every run writes under
 * `gs://ARTIFACTS/jobs/<id>/runs/<launch key>/` (`AIP_MODEL_DIR`, `AIP_CHECKPOINT_DIR`,
 * `AIP_TENSORBOARD_LOG_DIR` below it).
 *
 * With `backend: TrainingBackend.gke(queues)` each run is a JobSet instead (the local
 * `jobset_<prefix>_<id>`), in the team's namespace and Kueue LocalQueue, one replicated job per
 * worker pool placed on the cluster's node pools; the container sees the same `AIP_*` directories
 * (under `runs/<JobSet name>/`) and Vertex AI's `CLUSTER_SPEC` / `TF_CONFIG`.
 *
 * @example
 * new CustomTrainingJob(stack, 'nightly', {
 *   environment: env,
 *   workerPools: { primary: WorkerPool.cpu({ machineType: 'n2-standard-8' }) },
 *   code: TrainingCode.prebuilt({ framework: Framework.SCIKIT_LEARN, frameworkVersion: '1.6',
 *     pythonPackage: PythonPackage.fromDirectory('trainer'), module: 'trainer.task' }),
 *   triggers: [Trigger.schedule('0 3 * * *', 'Europe/Lisbon')],
 * });
 */
export class CustomTrainingJob extends TrainingJob {
  /** The v1 CustomJob request body, or on GKE the JobSet template (without `metadata.name`). */
  public readonly body: { [key: string]: unknown };

  constructor(scope: Construct, id: string, props: CustomTrainingJobProps) {
    super(scope, id, props);
    const queues = this.backend.queues;
    if (queues) {
      gke.requireSameStack(this, queues, 'A GKE job', 'its manifest and schedules deploy with the team queues, so that no run can be launched before its queue exists');
      this.body = this._renderJobSet();
      // The launcher reaches the cluster through Workflows' Kubernetes API connector, which takes
      // the cluster's literal project, location and name (no endpoint, nothing read at plan time).
      const { cluster } = queues;
      this._launchWith(JOB_SET, this.body, {
        backend: 'gke',
        cluster: { project: cluster.projectId, location: cluster.location, name: cluster.clusterName, namespace: queues.namespaceOf(props.team!) },
      });
      return;
    }
    const { jobSpec } = this._renderJobSpec(1);
    this.body = {
      displayName: this.displayName,
      jobSpec,
      labels: this._runLabels(),
      encryptionSpec: this._encryptionSpec(),
    };
    this._launchWith(CUSTOM_JOB, this.body);
  }
}
