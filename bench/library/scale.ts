import { LocalBackend, TerraformOutput, TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { GoogleProvider } from '@cdktf/provider-google/lib/provider';
import {
  ContainerImage, CustomTrainingJob, GpuType, TrainingCode, TrainingEnvironment, Trigger, WorkerPool,
} from '../../lib';
import { isGpuJob, scaleCron, scaleJobId } from '../scale-shape';

/** The platform team's existing on-call channel, which the launcher's alerts notify. */
export const ON_CALL_CHANNEL = 'projects/acme-ml-sandbox/notificationChannels/4242424242';

/**
 * The library side of the scale benchmark: the environment of bench/library/environment.ts with
 * `jobs` CustomTrainingJobs, each a container image from the environment's Docker repository with
 * a nightly schedule. Most run on a CPU pool (n2-standard-8); one job in a hundred (2, 102, 202, ...)
 * runs on an L4 GPU, so that the quota plan sums GPU demand as well as vCPUs, checks it against
 * declared limits at synth and, with `checkAtPlan`, writes a plan-time precondition.
 * bench/baseline/scale.ts writes the same Terraform by hand.
 */
export class ScaleStack extends TerraformStack {
  /** The environment. */
  public readonly environment: TrainingEnvironment;
  /** The jobs, in declaration order. */
  public readonly jobs: CustomTrainingJob[] = [];

  constructor(scope: Construct, id: string, jobs: number) {
    super(scope, id);
    new LocalBackend(this, { path: `terraform.${id}.tfstate` });
    const projectId = 'acme-ml-sandbox';
    const region = 'us-central1';
    new GoogleProvider(this, 'google', { project: projectId, region });

    this.environment = new TrainingEnvironment(this, 'ml', {
      projectId,
      region,
      labels: { team: 'ml-platform' },
      quotas: {
        limits: [
          { metric: 'custom_model_training_n2_cpus', limit: 10_000 },
          { metric: 'custom_model_training_g2_cpus', limit: 1_000 },
          { metric: 'custom_model_training_nvidia_l4_gpus', limit: 64 },
        ],
        checkAtPlan: true,
      },
      alerts: { notificationChannels: [ON_CALL_CHANNEL] },
    });

    const image = ContainerImage.fromRepository(this.environment.dockerRepository, 'trainer', { tag: 'v1' });
    for (let index = 0; index < jobs; index++) {
      const gpu = isGpuJob(index);
      this.jobs.push(new CustomTrainingJob(this, scaleJobId(index), {
        environment: this.environment,
        workerPools: {
          primary: gpu
            ? WorkerPool.gpu({ gpuType: GpuType.NVIDIA_L4, gpusPerReplica: 1 })
            : WorkerPool.cpu({ machineType: 'n2-standard-8' }),
        },
        code: TrainingCode.container({ image, args: [`--shard=${index}`, `--data=${this.environment.dataBucket.url}/shards/${index}`] }),
        triggers: [Trigger.schedule(scaleCron(index), 'Etc/UTC')],
      }));
    }

    new TerraformOutput(this, 'artifacts_bucket', { value: this.environment.artifactsBucket.url });
  }
}
