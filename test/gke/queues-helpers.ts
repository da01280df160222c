import { App, TerraformStack, Testing } from 'cdktf';
import { GpuType, NodeProvisioning, TpuVersion, TrainingEnvironment, TrainingTeam, WorkerPool } from '../../lib';
import { GkeNodePool } from '../../lib/gke/node-pool';
import { GkeTrainingAddons } from '../../lib/gke/training-addons';
import { GkeTrainingCluster } from '../../lib/gke/training-cluster';
import { GkeTrainingQueues, GkeTrainingQueuesProps } from '../../lib/gke/training-queues';
import { googleStack } from './addons-helpers';

/** Three stacks (platform, addons, workloads), two teams, an H100 spot, an L4 and a queued TPU pool. */
export interface QueuesApp {
  readonly app: App;
  readonly platform: TerraformStack;
  readonly addonsStack: TerraformStack;
  readonly workloads: TerraformStack;
  readonly environment: TrainingEnvironment;
  readonly vision: TrainingTeam;
  readonly speech: TrainingTeam;
  readonly cluster: GkeTrainingCluster;
  readonly h100: GkeNodePool;
  readonly l4: GkeNodePool;
  readonly v6e: GkeNodePool;
  readonly addons: GkeTrainingAddons;
  readonly queues: GkeTrainingQueues;
}

export function queuesApp(props: Partial<GkeTrainingQueuesProps> = {}, environmentProps: { prefix?: string } = {}): QueuesApp {
  const app = Testing.app();
  const platform = googleStack(app, 'platform');
  const environment = new TrainingEnvironment(platform, 'ml', { projectId: 'acme-ml', region: 'us-central1', network: {}, ...environmentProps });
  const vision = environment.addTeam('vision');
  const speech = environment.addTeam('speech');
  const cluster = new GkeTrainingCluster(platform, 'gke', { environment });
  const h100 = cluster.addNodePool('h100-spot', {
    pool: WorkerPool.gpu({ gpuType: GpuType.NVIDIA_H100_80GB, gpusPerReplica: 8 }),
    provisioning: NodeProvisioning.SPOT,
    maxNodes: 4,
  });
  const l4 = cluster.addNodePool('l4', { pool: WorkerPool.gpu({ gpuType: GpuType.NVIDIA_L4, gpusPerReplica: 4 }), maxNodes: 4 });
  const v6e = cluster.addNodePool('v6e-4x4', {
    pool: WorkerPool.tpu({ version: TpuVersion.V6E, topology: '4x4' }),
    provisioning: NodeProvisioning.QUEUED_PROVISIONING,
    maxNodes: 4,
    zones: ['us-central1-b'],
  });
  const addonsStack = googleStack(app, 'addons');
  const addons = new GkeTrainingAddons(addonsStack, 'addons', { cluster });
  const workloads = googleStack(app, 'workloads');
  const queues = new GkeTrainingQueues(workloads, 'queues', { cluster, addons, ...props });
  return { app, platform, addonsStack, workloads, environment, vision, speech, cluster, h100, l4, v6e, addons, queues };
}

/** The `manifest` of every `kubernetes_manifest` of a synthesized stack, by logical name. */
export function manifestsOf(json: any): { [name: string]: any } {
  return Object.fromEntries(Object.entries<any>(json.resource?.kubernetes_manifest ?? {}).map(([name, r]) => [name, r.manifest]));
}
