// The app a new user writes after `cdktf init --template=typescript`: it imports only the installed
// package (never this repository's sources), by the names the README documents. .ci/install-check
// copies this folder into a fresh cdktf app outside the repository and synthesizes it.
import { App, TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { GoogleProvider } from '@cdktf/provider-google/lib/provider';
import {
  ContainerImage, CustomTrainingJob, Framework, GkeTrainingAddons, GkeTrainingCluster, GkeTrainingQueues, GpuType,
  PythonPackage, TrainingBackend, TrainingCode, TrainingConfig, TrainingEnvironment, Trigger, WorkerPool,
} from 'cdktf-vertex-training';

class TrainingStack extends TerraformStack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    new GoogleProvider(this, 'google', { project: 'acme-ml-sandbox', region: 'us-central1' });
    const env = new TrainingEnvironment(this, 'ml', {
      projectId: 'acme-ml-sandbox',
      region: 'us-central1',
      labels: { team: 'ml-platform' },
      alerts: { emails: ['ml-platform@acme.example'] },
    });
    new CustomTrainingJob(this, 'nightly', {
      environment: env,
      workerPools: { primary: WorkerPool.cpu({ machineType: 'n2-standard-8' }) },
      code: TrainingCode.prebuilt({
        framework: Framework.SCIKIT_LEARN,
        frameworkVersion: '1.6',
        pythonPackage: PythonPackage.fromDirectory(`${__dirname}/trainer`),
        module: 'trainer.task',
        args: ['--model-dir=${AIP_MODEL_DIR}'],
      }),
      triggers: [Trigger.schedule('0 3 * * *', 'Europe/Lisbon')],
    });
  }
}

/** The same environment and job from a config file, checked against the schema the package ships. */
class ConfigStack extends TerraformStack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    const config = TrainingConfig.fromFile(this, `${__dirname}/training.yaml`);
    new GoogleProvider(this, 'google', { project: config.environment.projectId, region: config.environment.region });
  }
}

/** A stack of the GKE app, with the default google provider each one needs. */
function gkeStack(scope: Construct, id: string): TerraformStack {
  const stack = new TerraformStack(scope, id);
  new GoogleProvider(stack, 'google', { project: 'acme-ml-gke', region: 'us-central1' });
  return stack;
}

/** The GKE backend (optional peers @cdktf/provider-kubernetes and -helm): three stacks deployed in order. */
function gkeStacks(scope: Construct): void {
  const platform = gkeStack(scope, 'gke-platform');
  const env = new TrainingEnvironment(platform, 'ml', { projectId: 'acme-ml-gke', region: 'us-central1', network: { enableNat: true }, alerts: { emails: ['ml-platform@acme.example'] } });
  const team = env.addTeam('vision');
  const cluster = new GkeTrainingCluster(platform, 'gke', { environment: env });
  const l4 = cluster.addNodePool('l4', { pool: WorkerPool.gpu({ gpuType: GpuType.NVIDIA_L4, gpusPerReplica: 1 }), maxNodes: 2 });
  const addons = new GkeTrainingAddons(gkeStack(scope, 'gke-addons'), 'addons', { cluster });
  const workloads = gkeStack(scope, 'gke-workloads');
  const queues = new GkeTrainingQueues(workloads, 'queues', { cluster, addons });
  queues.addTeamQueue(team, { quotas: [{ nodePool: l4, nominal: 2 }] });
  new CustomTrainingJob(workloads, 'finetune', {
    environment: env,
    team,
    backend: TrainingBackend.gke(queues),
    workerPools: { primary: WorkerPool.gpu({ gpuType: GpuType.NVIDIA_L4, gpusPerReplica: 1 }) },
    code: TrainingCode.container({ image: ContainerImage.fromRepository(env.dockerRepository, 'trainer', { tag: 'v1' }) }),
    triggers: [Trigger.onChange()],
  });
}

const app = new App();
new TrainingStack(app, 'training');
new ConfigStack(app, 'from-config');
gkeStacks(app);
app.synth();
