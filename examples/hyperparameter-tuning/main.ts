import { LocalBackend, TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { GoogleProvider } from '@cdktf/provider-google/lib/provider';
import {
  AutomatedStopping, ConditionalParameter, ContainerImage, GpuType, HyperparameterTuningJob, Metric, Parameter,
  ScaleType, TrainingCode, TrainingEnvironment, Trigger, WorkerPool,
} from '../../lib';

/**
 * A Bayesian search of 40 trials, 5 at a time, each on one T4: the quota plan counts 5 T4s (parallel
 * trials × GPUs), which fits the declared limit. A run for every deploy that changes the study.
 */
export class HyperparameterTuningStack extends TerraformStack {
  /** The environment. */
  public readonly environment: TrainingEnvironment;
  /** The tuning job. */
  public readonly job: HyperparameterTuningJob;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    new LocalBackend(this, { path: `terraform.${id}.tfstate` });
    const projectId = 'acme-ml-sandbox';
    const region = 'us-central1';
    new GoogleProvider(this, 'google', { project: projectId, region });

    this.environment = new TrainingEnvironment(this, 'tuning', {
      projectId,
      region,
      alerts: { emails: ['ml-platform@acme.example'] },
      // The sandbox project's other environment (examples/quickstart) creates the region's metadata store.
      metadataStore: false,
      quotas: {
        limits: [
          { metric: 'custom_model_training_nvidia_t4_gpus', limit: 12 },
          { metric: 'custom_model_training_cpus', limit: 2200 },
        ],
      },
    });
    this.job = new HyperparameterTuningJob(this, 'classifier-search', {
      environment: this.environment,
      workerPools: { primary: WorkerPool.gpu({ gpuType: GpuType.NVIDIA_TESLA_T4, gpusPerReplica: 1, machineType: 'n1-standard-8' }) },
      code: TrainingCode.container({
        image: ContainerImage.fromRepository(this.environment.dockerRepository, 'classifier', { tag: 'v3' }),
        args: ['--data=gs://acme-ml-sandbox-tuning-data/classifier/'],
      }),
      study: {
        metrics: [Metric.maximize('accuracy')],
        parameters: [
          Parameter.continuous('learning_rate', { min: 1e-5, max: 1e-1, scale: ScaleType.LOG }),
          Parameter.discrete('batch_size', [32, 64, 128, 256]),
          Parameter.categorical('optimizer', ['adam', 'sgd']).withChildren(
            ConditionalParameter.whenCategorical(['sgd'], Parameter.continuous('momentum', { min: 0.5, max: 0.99 })),
          ),
        ],
        automatedStopping: AutomatedStopping.median(),
      },
      maxTrialCount: 40,
      parallelTrialCount: 5,
      maxFailedTrialCount: 5,
      triggers: [Trigger.onChange()],
    });
  }
}
