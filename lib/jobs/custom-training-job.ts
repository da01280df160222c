import { Construct } from 'constructs';
import { JobKind } from './job-kind';
import { TrainingJob, TrainingJobOptions } from './training-job';

const CUSTOM_JOB: JobKind = { kind: 'CustomJob', collection: 'customJobs', consolePage: 'custom-jobs' };

/** Properties of a {@link CustomTrainingJob}. */
export interface CustomTrainingJobProps extends TrainingJobOptions {}

/**
 * A Vertex AI CustomJob: training code on worker pools, launched by its triggers. Its request body
 * is the Terraform local `vertex_<prefix>_<id>`; every run writes under
 * `gs://ARTIFACTS/jobs/<id>/runs/<launch key>/` (`AIP_MODEL_DIR`, `AIP_CHECKPOINT_DIR`,
 * `AIP_TENSORBOARD_LOG_DIR` below it).
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
  /** The v1 CustomJob request body. */
  public readonly body: { [key: string]: unknown };

  constructor(scope: Construct, id: string, props: CustomTrainingJobProps) {
    super(scope, id, props);
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
