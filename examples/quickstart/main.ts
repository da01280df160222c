import { LocalBackend, TerraformOutput, TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { GoogleProvider } from '@cdktf/provider-google/lib/provider';
import {
  CustomTrainingJob, Duration, Framework, PythonPackage, TrainingCode, TrainingEnvironment, Trigger, WorkerPool,
} from '../../lib';
import { sourcePath } from '../source-path';

/**
 * The smallest complete setup: an environment with every default, and one CPU job that trains the
 * scikit-learn package in ./trainer every night. Replace the project ID with yours.
 */
export class QuickstartStack extends TerraformStack {
  /** The environment, for tests and for stacks that extend this one. */
  public readonly environment: TrainingEnvironment;
  /** The nightly job. */
  public readonly job: CustomTrainingJob;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    // A relative state path keeps the synthesized JSON identical on every machine.
    new LocalBackend(this, { path: `terraform.${id}.tfstate` });
    const projectId = 'acme-ml-sandbox';
    const region = 'us-central1';
    new GoogleProvider(this, 'google', { project: projectId, region });

    this.environment = new TrainingEnvironment(this, 'ml', {
      projectId,
      region,
      labels: { team: 'ml-platform' },
      // Who hears of a launch or a run that failed.
      alerts: { emails: ['ml-platform@acme.example'] },
    });

    this.job = new CustomTrainingJob(this, 'nightly', {
      environment: this.environment,
      workerPools: { primary: WorkerPool.cpu({ machineType: 'n2-standard-8' }) },
      code: TrainingCode.prebuilt({
        framework: Framework.SCIKIT_LEARN,
        frameworkVersion: '1.6',
        pythonPackage: PythonPackage.fromDirectory(sourcePath(__dirname, 'trainer')),
        module: 'trainer.task',
        args: [`--data=${this.environment.dataBucket.url}/iris/train.csv`, '--trees=200'],
      }),
      triggers: [Trigger.schedule('0 3 * * *', 'Etc/UTC')],
      // What the training report prices a run at, besides the timeout.
      typicalDuration: Duration.minutes(20),
    });

    new TerraformOutput(this, 'data_bucket', { value: this.environment.dataBucket.url });
    new TerraformOutput(this, 'artifacts_bucket', { value: this.environment.artifactsBucket.url });
  }
}
