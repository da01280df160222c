import { LocalBackend, TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { GoogleProvider } from '@cdktf/provider-google/lib/provider';
import {
  ContainerImage, CustomTrainingJob, Duration, GpuType, ReductionServer, SchedulingStrategy, TrainingCode,
  TrainingEnvironment, Trigger, WorkerPool,
} from '../../lib';

/**
 * Multi-replica GPU training on Spot VMs: 4 × a2-highgpu-8g (32 A100s) with a Reduction Server,
 * checkpoints shared by its runs, TensorBoard, a custom container from the environment's Docker repository, and a
 * run for every deploy that changes the job (GitOps). The quota plan is checked three ways: against
 * the declared limit at synth (the excess is requested from the Cloud Quotas API), and against the
 * live quota at `terraform plan`.
 */
export class DistributedGpuStack extends TerraformStack {
  /** The environment. */
  public readonly environment: TrainingEnvironment;
  /** The training job. */
  public readonly job: CustomTrainingJob;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    new LocalBackend(this, { path: `terraform.${id}.tfstate` });
    const projectId = 'acme-vision-prod';
    const region = 'us-central1';
    new GoogleProvider(this, 'google', { project: projectId, region, userProjectOverride: true, billingProject: projectId });

    this.environment = new TrainingEnvironment(this, 'vision', {
      projectId,
      region,
      labels: { team: 'vision' },
      // Failed launches and runs page the on-call rotation through an existing channel, and email the team.
      alerts: { emails: ['vision-ml@acme.example'], notificationChannels: ['projects/acme-vision-prod/notificationChannels/4217391025'] },
      quotas: {
        limits: [{ metric: 'custom_model_training_preemptible_nvidia_a100_gpus', limit: 16 }],
        checkAtPlan: true,
        requestIncreases: { contactEmail: 'ml-platform@acme.example', justification: 'ResNet training on Spot A100s (4 × 8 GPUs)' },
      },
    });
    // CI pushes the training image; the job pins it by digest.
    this.environment.grantImagesAndPackagesWrite('serviceAccount:ci@acme-ci.iam.gserviceaccount.com');

    const a100x8 = (replicaCount: number) => WorkerPool.gpu({ gpuType: GpuType.NVIDIA_TESLA_A100, gpusPerReplica: 8, replicaCount, bootDiskSizeGb: 500 });
    this.job = new CustomTrainingJob(this, 'resnet', {
      environment: this.environment,
      workerPools: { primary: a100x8(1), workers: a100x8(3), reductionServer: ReductionServer.of() },
      code: TrainingCode.container({
        image: ContainerImage.fromRepository(this.environment.dockerRepository, 'resnet-trainer', {
          digest: 'sha256:4f2a1c9e8b7d6a5f4e3d2c1b0a9f8e7d6c5b4a3f2e1d0c9b8a7f6e5d4c3b2a19',
        }),
        // Shell-style variables reach Vertex unchanged: the container's entrypoint expands them.
        args: ['--epochs=90', '--checkpoint-dir=${AIP_CHECKPOINT_DIR}', '--tensorboard-dir=${AIP_TENSORBOARD_LOG_DIR}'],
        env: { NCCL_DEBUG: 'INFO' },
      }),
      scheduling: { strategy: SchedulingStrategy.SPOT, timeout: Duration.days(2), restartJobOnWorkerRestart: true },
      triggers: [Trigger.onChange()],
      // A preempted Spot run, and the next deploy's run, resume from the last checkpoint: runs share
      // jobs/resnet/checkpoints/ (AIP_CHECKPOINT_DIR), which keeps the last 3 versions of each file.
      checkpoints: { keepLast: 3 },
      retention: { runOutputs: Duration.days(30) },
    });
  }
}
