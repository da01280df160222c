import { LocalBackend, TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { GoogleProvider } from '@cdktf/provider-google/lib/provider';
import {
  ConcurrencyPolicy, Duration, Framework, ObjectFilter, PythonPackage, ServingContainer, TrainingCode, TrainingEnvironment, TrainingPipeline,
  Trigger, WorkerPool,
} from '../../lib';
import { sourcePath } from '../source-path';

/**
 * Weekly retraining that registers every new model as a version of one model in the Model Registry,
 * and also retrains on every complete data drop under `incoming/` in the data bucket: the exporter
 * writes a drop's files, then `_SUCCESS`, and only the marker starts a run (which finds it in
 * `VT_TRIGGER_OBJECTS`). A retrain that starts while the last one still runs is skipped, and
 * replaced launch manifests are kept two weeks.
 */
export class ScheduledPipelineStack extends TerraformStack {
  /** The environment. */
  public readonly environment: TrainingEnvironment;
  /** The pipeline. */
  public readonly pipeline: TrainingPipeline;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    new LocalBackend(this, { path: `terraform.${id}.tfstate` });
    const projectId = 'acme-churn-prod';
    const region = 'europe-west4';
    new GoogleProvider(this, 'google', { project: projectId, region });

    this.environment = new TrainingEnvironment(this, 'churn', {
      projectId, region, labels: { team: 'growth' }, alerts: { emails: ['growth-ml@acme.example'] },
    });
    this.pipeline = new TrainingPipeline(this, 'weekly-retrain', {
      environment: this.environment,
      workerPools: { primary: WorkerPool.cpu({ machineType: 'n1-standard-8' }) },
      code: TrainingCode.prebuilt({
        framework: Framework.SCIKIT_LEARN,
        frameworkVersion: '1.6',
        pythonPackage: PythonPackage.fromDirectory(sourcePath(__dirname, '..', 'quickstart', 'trainer')),
        module: 'trainer.task',
        args: [`--data=${this.environment.dataBucket.url}/incoming/latest.csv`],
      }),
      model: {
        modelId: 'churn-classifier',
        description: 'Weekly churn classifier',
        servingContainer: ServingContainer.prebuilt(Framework.SCIKIT_LEARN, '1.6'),
      },
      triggers: [
        Trigger.schedule('0 4 * * 1', 'Europe/Lisbon'),
        Trigger.onNewDataBatch({ bucketName: this.environment.dataBucket.bucketName, prefix: 'incoming/', filter: ObjectFilter.marker('_SUCCESS') }),
      ],
      concurrency: ConcurrencyPolicy.skip(),
      // Run outputs stay: each registered model version keeps its artifacts in its run's directory.
      retention: { manifests: Duration.days(14) },
    });
  }
}
