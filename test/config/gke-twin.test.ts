import { join } from 'path';
import { LocalBackend, TerraformStack, Testing } from 'cdktf';
import { Construct } from 'constructs';
import { GoogleProvider } from '@cdktf/provider-google/lib/provider';
import { CustomTrainingJob, GkeNodePool, TrainingBackendKind } from '../../lib';
import { TrainingConfig } from '../../lib/config/training-config';
import { gkeTrainingStacks } from '../../examples/gke-training/main';

/**
 * examples/gke-training declared in YAML: the config front end builds the same three stacks as the
 * TypeScript example — the same cluster, node pools, Helm releases, Kueue manifests, team
 * namespaces and JobSet launch manifests — resource for resource.
 */

const GKE_TRAINING_YAML = `
environment:
  name: research
  projectId: acme-research-gke
  region: us-central1
  network: {enableNat: true}
  alerts: {emails: [research-platform@acme.example]}
teams:
  - name: vision
    members: ["group:vision@acme.example"]
  - name: speech
    members: ["group:speech@acme.example"]
gke:
  nodePools:
    h100-spot:
      gpu: {type: h100, count: 8}
      bootDiskSizeGb: 500
      provisioning: spot
      maxNodes: 4
    l4:
      gpu: {type: l4, count: 4}
      maxNodes: 4
    v6e-4x4:
      tpu: {version: v6e, topology: 4x4}
      provisioning: queued-provisioning
      maxNodes: 4
      zones: [us-central1-b]
  addons:
    kueue: {install: helm}
    jobSet: {install: helm}
  teams:
    vision:
      quotas:
        h100-spot: {nominal: 24, borrowingLimit: 8, lendingLimit: 8}
        l4: {nominal: 4, borrowingLimit: 4}
        v6e-4x4: {nominal: 16}
    speech:
      quotas:
        h100-spot: {nominal: 8, borrowingLimit: 8}
        l4: {nominal: 12, borrowingLimit: 4, lendingLimit: 4}
jobs:
  - name: pretrain
    team: vision
    backend: gke
    workerPools:
      primary: {gpu: {type: h100, count: 8}}
      workers: {gpu: {type: h100, count: 8}, replicas: 2}
    code:
      container:
        image: {name: vit-pretrain, digest: "sha256:9d3c1f0e2b4a6c8e0f1a3b5c7d9e1f2a4b6c8d0e2f4a6b8c0d2e4f6a8b0c2d4e"}
        args: [--epochs=30, "--checkpoint-dir=\${AIP_CHECKPOINT_DIR}"]
    scheduling: {strategy: spot, timeout: 48h}
    triggers:
      - schedule: {cron: "0 2 * * 0", timeZone: America/Los_Angeles}
    typicalDuration: 30h
    checkpoints: {keepLast: 3}
  - name: finetune
    team: speech
    backend: gke
    workerPools:
      primary: {gpu: {type: l4, count: 4}}
    code:
      container:
        image: {name: asr-finetune, digest: "sha256:0a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f9"}
        args: [--base=gs://acme-research-gke-research-speech-data/checkpoints/base, --steps=20000]
    scheduling: {timeout: 6h}
    triggers: [{onChange: true}]
    typicalDuration: 3h
    concurrency: up-to
    maxConcurrentRuns: 2
`;

const FILE = join(__dirname, '..', '..', 'examples', 'gke-training', 'training.yaml');

/** A stack as the example makes it: a local state file and a google provider. */
function exampleStack(scope: Construct, id: string): TerraformStack {
  const stack = new TerraformStack(scope, id);
  new LocalBackend(stack, { path: `terraform.${id}.tfstate` });
  new GoogleProvider(stack, 'google', { project: 'acme-research-gke', region: 'us-central1' });
  return stack;
}

/** The three stacks built from the YAML, named as the example's. */
function fromConfig(yaml: string = GKE_TRAINING_YAML): { config: TrainingConfig; platform: TerraformStack; addons: TerraformStack; workloads: TerraformStack } {
  const app = Testing.app();
  const platform = exampleStack(app, 'gke-training-platform');
  const addons = exampleStack(app, 'gke-training-addons');
  const workloads = exampleStack(app, 'gke-training-workloads');
  const config = TrainingConfig.fromString(platform, yaml, FILE, { addonsStack: addons, workloadsStack: workloads });
  return { config, platform, addons, workloads };
}

type Json = { [key: string]: any };

describe('the gke-training example declared in YAML', () => {
  let typescript: { [stack: string]: Json };
  let yaml: { [stack: string]: Json };
  let config: TrainingConfig;

  beforeAll(() => {
    const example = gkeTrainingStacks(Testing.app(), 'gke-training');
    const built = fromConfig();
    config = built.config;
    typescript = { platform: JSON.parse(Testing.synth(example.platform)), addons: JSON.parse(Testing.synth(example.addons)), workloads: JSON.parse(Testing.synth(example.workloads)) };
    yaml = { platform: JSON.parse(Testing.synth(built.platform)), addons: JSON.parse(Testing.synth(built.addons)), workloads: JSON.parse(Testing.synth(built.workloads)) };
  });

  test.each(['platform', 'addons', 'workloads'])('synthesizes the same %s stack as the TypeScript example', (stack) => {
    expect(yaml[stack]).toEqual(typescript[stack]);
  });

  test('builds the node pools, Kueue objects and JobSet launch manifests (not empty stacks)', () => {
    expect(Object.keys(yaml.platform.resource.google_container_node_pool).length).toBe(4); // system + 3
    const manifests = Object.values(yaml.workloads.resource.kubernetes_manifest as Json).map((m: Json) => m.manifest.kind);
    expect(manifests).toEqual(expect.arrayContaining(['ResourceFlavor', 'Cohort', 'ClusterQueue', 'LocalQueue']));
    expect(yaml.workloads.locals.jobset_research_pretrain.kind).toBe('JobSet');
    expect(yaml.workloads.locals.jobset_research_finetune.metadata.namespace).toBe('research-speech');
    expect(yaml.addons.resource.helm_release).toBeDefined();
  });

  test('exposes the cluster, pools, add-ons, queues and jobs', () => {
    expect(config.gkeCluster?.node.path).toBe('gke-training-platform/gke');
    expect(config.gkeNodePools.map((p) => p.nodePoolName)).toEqual(['h100-spot', 'l4', 'v6e-4x4']);
    expect(config.gkeNodePool('l4')).toBeInstanceOf(GkeNodePool);
    expect(() => config.gkeNodePool('l5')).toThrow(/no GKE node pool "l5" \(node pools: h100-spot, l4, v6e-4x4\)/);
    expect(config.gkeAddons?.node.path).toBe('gke-training-addons/addons');
    expect(config.gkeQueues?.teamQueues.map((q) => q.team.teamName)).toEqual(['vision', 'speech']);
    const pretrain = config.job('pretrain') as CustomTrainingJob;
    expect(pretrain.node.path).toBe('gke-training-workloads/pretrain');
    expect(pretrain.backend.kind).toBe(TrainingBackendKind.GKE);
  });

  test('is valid for TrainingConfig.validateString', () => {
    expect(TrainingConfig.validateString(GKE_TRAINING_YAML, FILE)).toEqual([]);
  });
});
