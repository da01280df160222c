import { LocalBackend, TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { GoogleProvider } from '@cdktf/provider-google/lib/provider';
import {
  AddonInstallation, ConcurrencyPolicy, ContainerImage, CustomTrainingJob, Duration, GkeTrainingAddons, GkeTrainingCluster,
  GkeTrainingQueues, GpuType, NodeProvisioning, SchedulingStrategy, TpuVersion, TrainingBackend, TrainingCode,
  TrainingEnvironment, Trigger, WorkerPool,
} from '../../lib';

/** The three stacks of the GKE example, in the order `cdktf deploy` applies them. */
export interface GkeTrainingStacks {
  /** Environment, cluster and node pools (google provider only). */
  readonly platform: TerraformStack;
  /** Kueue and JobSet (Helm, configured from data sources). */
  readonly addons: TerraformStack;
  /** Team namespaces, Kueue queues and the jobs. */
  readonly workloads: TerraformStack;
}

const PROJECT_ID = 'acme-research-gke';
const REGION = 'us-central1';

/** A stack of the example: a local state file and a google provider of its own. */
function exampleStack(scope: Construct, id: string): TerraformStack {
  const stack = new TerraformStack(scope, id);
  // A relative state path keeps the synthesized JSON identical on every machine.
  new LocalBackend(stack, { path: `terraform.${id}.tfstate` });
  new GoogleProvider(stack, 'google', { project: PROJECT_ID, region: REGION });
  return stack;
}

/**
 * Two research teams share one GKE cluster: an H100 Spot pool and an L4 pool lent and borrowed
 * through one Kueue cohort, and a TPU v6e 4x4 slice pool obtained by queued provisioning (Dynamic
 * Workload Scheduler). Team `vision` pretrains every Sunday on Spot H100s; team `speech` fine-tunes
 * on L4s whenever its job changes. The same container and job definition would run on Vertex AI
 * with `backend` left out.
 *
 * Deploy on an empty project, in order: `cdktf deploy gke-training-platform gke-training-addons
 * gke-training-workloads` (the add-ons need the cluster's API, the queues need the add-ons' CRDs).
 */
export function gkeTrainingStacks(scope: Construct, name: string): GkeTrainingStacks {
  const platform = exampleStack(scope, `${name}-platform`);
  const environment = new TrainingEnvironment(platform, 'research', {
    projectId: PROJECT_ID,
    region: REGION,
    // Private nodes pull the Kueue and JobSet images from registry.k8s.io through Cloud NAT.
    network: { enableNat: true },
    alerts: { emails: ['research-platform@acme.example'] },
  });
  const vision = environment.addTeam('vision', { members: ['group:vision@acme.example'] });
  const speech = environment.addTeam('speech', { members: ['group:speech@acme.example'] });

  const cluster = new GkeTrainingCluster(platform, 'gke', { environment });
  const h100 = cluster.addNodePool('h100-spot', {
    pool: WorkerPool.gpu({ gpuType: GpuType.NVIDIA_H100_80GB, gpusPerReplica: 8, bootDiskSizeGb: 500 }),
    provisioning: NodeProvisioning.SPOT,
    maxNodes: 4,
    // A GPU pool names its zone: not every zone of the region has H100s, and one zone keeps a run's nodes together.
    zones: ['us-central1-a'],
  });
  const l4 = cluster.addNodePool('l4', {
    pool: WorkerPool.gpu({ gpuType: GpuType.NVIDIA_L4, gpusPerReplica: 4 }),
    maxNodes: 4,
    zones: ['us-central1-a'],
  });
  const v6e = cluster.addNodePool('v6e-4x4', {
    pool: WorkerPool.tpu({ version: TpuVersion.V6E, topology: '4x4' }),
    provisioning: NodeProvisioning.QUEUED_PROVISIONING,
    // One 4-VM slice, in the one zone of the region with TPU v6e.
    maxNodes: 4,
    zones: ['us-central1-b'],
  });

  const addonsStack = exampleStack(scope, `${name}-addons`);
  const addons = new GkeTrainingAddons(addonsStack, 'addons', {
    cluster,
    kueue: AddonInstallation.helm(),
    jobSet: AddonInstallation.helm(),
  });

  const workloads = exampleStack(scope, `${name}-workloads`);
  const queues = new GkeTrainingQueues(workloads, 'queues', { cluster, addons });
  queues.addTeamQueue(vision, {
    quotas: [
      { nodePool: h100, nominal: 24, borrowingLimit: 8, lendingLimit: 8 },
      { nodePool: l4, nominal: 4, borrowingLimit: 4 },
      { nodePool: v6e, nominal: 16 },
    ],
  });
  queues.addTeamQueue(speech, {
    quotas: [
      { nodePool: h100, nominal: 8, borrowingLimit: 8 },
      { nodePool: l4, nominal: 12, borrowingLimit: 4, lendingLimit: 4 },
    ],
  });

  const h100x8 = (replicaCount: number) => WorkerPool.gpu({ gpuType: GpuType.NVIDIA_H100_80GB, gpusPerReplica: 8, replicaCount });
  new CustomTrainingJob(workloads, 'pretrain', {
    environment,
    team: vision,
    backend: TrainingBackend.gke(queues),
    workerPools: { primary: h100x8(1), workers: h100x8(2) },
    code: TrainingCode.container({
      image: ContainerImage.fromRepository(environment.dockerRepository, 'vit-pretrain', {
        digest: 'sha256:9d3c1f0e2b4a6c8e0f1a3b5c7d9e1f2a4b6c8d0e2f4a6b8c0d2e4f6a8b0c2d4e',
      }),
      // Reaches the container as written on either backend; its entrypoint (a shell) expands it.
      args: ['--epochs=30', '--checkpoint-dir=${AIP_CHECKPOINT_DIR}'],
    }),
    scheduling: { strategy: SchedulingStrategy.SPOT, timeout: Duration.hours(48) },
    triggers: [Trigger.schedule('0 2 * * 0', 'America/Los_Angeles')],
    typicalDuration: Duration.hours(30),
    // A run preempted on Spot, or next week's, resumes here: AIP_CHECKPOINT_DIR is shared by the runs.
    checkpoints: { keepLast: 3 },
  });
  new CustomTrainingJob(workloads, 'finetune', {
    environment,
    team: speech,
    backend: TrainingBackend.gke(queues),
    workerPools: { primary: WorkerPool.gpu({ gpuType: GpuType.NVIDIA_L4, gpusPerReplica: 4 }) },
    code: TrainingCode.container({
      image: ContainerImage.fromRepository(environment.dockerRepository, 'asr-finetune', {
        digest: 'sha256:0a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f9',
      }),
      args: ['--base=gs://acme-research-gke-research-speech-data/checkpoints/base', '--steps=20000'],
    }),
    scheduling: { timeout: Duration.hours(6) },
    triggers: [Trigger.onChange()],
    typicalDuration: Duration.hours(3),
    // Two deploys' runs may queue at once; a third deploy meanwhile launches nothing (logged as skipped).
    concurrency: ConcurrencyPolicy.upTo(2),
  });
  return { platform, addons: addonsStack, workloads };
}
