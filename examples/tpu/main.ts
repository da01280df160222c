import { LocalBackend, TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { GoogleProvider } from '@cdktf/provider-google/lib/provider';
import {
  ConcurrencyPolicy, ContainerImage, CustomTrainingJob, TpuVersion, TrainingCode, TrainingEnvironment, Trigger, WorkerPool,
} from '../../lib';

/**
 * A JAX job on a TPU v6e (Trillium) 4x4 slice: one pool, one replica, four hosts of 4 chips.
 * Launched by hand (`launch_command` output) and every Sunday night.
 */
export class TpuStack extends TerraformStack {
  /** The environment. */
  public readonly environment: TrainingEnvironment;
  /** The training job. */
  public readonly job: CustomTrainingJob;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    new LocalBackend(this, { path: `terraform.${id}.tfstate` });
    const projectId = 'acme-research';
    const region = 'us-central1';
    new GoogleProvider(this, 'google', { project: projectId, region });

    this.environment = new TrainingEnvironment(this, 'research', {
      projectId,
      region,
      quotas: { limits: [{ metric: 'custom_model_training_tpu_v6e', limit: 32 }] },
      alerts: { emails: ['research-infra@acme.example'] },
    });
    this.job = new CustomTrainingJob(this, 'llm-pretrain', {
      environment: this.environment,
      workerPools: { primary: WorkerPool.tpu({ version: TpuVersion.V6E, topology: '4x4' }) },
      code: TrainingCode.container({
        image: ContainerImage.fromRepository(this.environment.dockerRepository, 'jax-pretrain', { tag: 'v2026.11.1' }),
        command: ['python3', '-m', 'pretrain.main'],
        args: ['--config=configs/v6e-4x4.yaml'],
      }),
      triggers: [Trigger.schedule('0 22 * * 0', 'America/Los_Angeles')],
      // Each week's run continues from the last one's checkpoints; a week whose run is still going skips.
      checkpoints: { keepLast: 2 },
      concurrency: ConcurrencyPolicy.skip(),
    });
  }
}
