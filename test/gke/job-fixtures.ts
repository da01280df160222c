import { App, TerraformStack, Testing } from 'cdktf';
import {
  ContainerImage, CustomTrainingJob, CustomTrainingJobProps, GkeTrainingAddons, GkeTrainingCluster, GkeTrainingQueues,
  GpuType, NodeProvisioning, SchedulingStrategy, TrainingBackend, TrainingCode, TrainingEnvironment, TrainingTeam, WorkerPool,
} from '../../lib';
import { GkeNodePool } from '../../lib/gke/node-pool';
import { googleStack } from './addons-helpers';

/** The three stacks of a GKE platform with two node pools and one team queue. */
export interface GkeJobApp {
  readonly app: App;
  readonly platform: TerraformStack;
  readonly addonsStack: TerraformStack;
  readonly workloads: TerraformStack;
  readonly environment: TrainingEnvironment;
  readonly vision: TrainingTeam;
  /** A team of the environment without a queue. */
  readonly speech: TrainingTeam;
  readonly cluster: GkeTrainingCluster;
  readonly h100: GkeNodePool;
  readonly l4: GkeNodePool;
  readonly queues: GkeTrainingQueues;
}

/** Platform (environment, cluster, an H100 Spot pool and an L4 pool), add-ons, and workloads with vision's queue. */
export function gkeJobApp(quota: { h100Nominal?: number; h100Borrowing?: number } = {}): GkeJobApp {
  const app = Testing.app();
  const platform = googleStack(app, 'platform');
  const environment = new TrainingEnvironment(platform, 'ml', { projectId: 'acme-ml', region: 'us-central1', network: {}, alerts: { emails: ['ml-platform@acme.example'] } });
  const vision = environment.addTeam('vision');
  const speech = environment.addTeam('speech');
  const cluster = new GkeTrainingCluster(platform, 'gke', { environment });
  const h100 = cluster.addNodePool('h100-spot', {
    pool: WorkerPool.gpu({ gpuType: GpuType.NVIDIA_H100_80GB, gpusPerReplica: 8 }),
    provisioning: NodeProvisioning.SPOT,
    maxNodes: 4,
    zones: ['us-central1-a'],
  });
  const l4 = cluster.addNodePool('l4', { pool: WorkerPool.gpu({ gpuType: GpuType.NVIDIA_L4, gpusPerReplica: 4 }), maxNodes: 4, zones: ['us-central1-a'] });
  const addonsStack = googleStack(app, 'addons');
  const addons = new GkeTrainingAddons(addonsStack, 'addons', { cluster });
  const workloads = googleStack(app, 'workloads');
  const queues = new GkeTrainingQueues(workloads, 'queues', { cluster, addons });
  queues.addTeamQueue(vision, {
    quotas: [
      // vision is alone in the cohort: its nominal quota (not its borrowing limit) must hold the 24-GPU job.
      { nodePool: h100, nominal: quota.h100Nominal ?? 24, borrowingLimit: quota.h100Borrowing ?? 8 },
      { nodePool: l4, nominal: 4 },
    ],
  });
  return { app, platform, addonsStack, workloads, environment, vision, speech, cluster, h100, l4, queues };
}

/** The code both backends run in these tests. */
export function containerCode(): TrainingCode {
  return TrainingCode.container({
    image: ContainerImage.fromUri('us-docker.pkg.dev/acme-ml/ml/train@sha256:9d3c1f0e2b4a6c8e0f1a3b5c7d9e1f2a4b6c8d0e2f4a6b8c0d2e4f6a8b0c2d4e'),
    command: ['python', '-m', 'trainer.task'],
    args: ['--epochs=3', '--model-dir=${AIP_MODEL_DIR}', '--note=50%{x}'],
    env: { EPOCHS: '3', DATA: 'gs://acme-ml-data/train/' },
  });
}

/** A distributed H100 Spot job definition, without environment, team and backend. */
export function jobDefinition(): Omit<CustomTrainingJobProps, 'environment'> {
  const h100x8 = (replicaCount: number) => WorkerPool.gpu({ gpuType: GpuType.NVIDIA_H100_80GB, gpusPerReplica: 8, replicaCount });
  return {
    workerPools: { primary: h100x8(1), workers: h100x8(2) },
    code: containerCode(),
    scheduling: { strategy: SchedulingStrategy.SPOT },
  };
}

/** A GKE job of team vision in the workloads stack. */
export function gkeJob(fixture: GkeJobApp, props: Partial<CustomTrainingJobProps> = {}, id = 'train'): CustomTrainingJob {
  return new CustomTrainingJob(fixture.workloads, id, {
    environment: fixture.environment,
    team: fixture.vision,
    backend: TrainingBackend.gke(fixture.queues),
    ...jobDefinition(),
    ...props,
  });
}
