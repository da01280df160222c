import { readdirSync, readFileSync } from 'fs';
import { join } from 'path';
import type * as Cdktf from 'cdktf';
import type * as Library from '../lib';

/**
 * Loading the package is part of every synth (issue 10, "Every synth pays for the import"). A stack
 * with an environment alone must load only what it uses: the provider modules of its hand-written
 * twin (bench/baseline/environment.ts), and none of the library's modules for jobs, networks,
 * perimeters, alerts or config files, nor the GKE backend's pure layer (node pools, Kueue, JobSet,
 * placement, the GKE catalog) (lib/core/lazy.ts). A module added back as an eager import anywhere
 * in lib/ fails here.
 *
 * How: every watched module is mocked by a factory that records its first require and returns the
 * real module, in a module registry of its own (jest.isolateModules), so that what other code of
 * this file loaded does not count.
 */

const ROOT = join(__dirname, '..');

function tsFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    return entry.isDirectory() ? tsFiles(path) : entry.name.endsWith('.ts') ? [path] : [];
  });
}

/** Every provider module the files name: imports, type imports and lazy requires alike. */
function providerModulesOf(files: string[]): string[] {
  const modules = files.flatMap((file) => [...readFileSync(file, 'utf8').matchAll(/'(@cdktf\/provider-[a-z-]+\/lib\/[a-z0-9-]+)'/g)].map((m) => m[1]));
  return [...new Set(modules)].sort();
}

const TWIN = join(ROOT, 'bench', 'baseline', 'environment.ts');
const PROVIDER_MODULES = providerModulesOf([...tsFiles(join(ROOT, 'lib')), TWIN]);
/** What the twin loads of them: its imports (a provider module requires only cdktf). */
const TWIN_PROVIDER_MODULES = providerModulesOf([TWIN]);

/** Library modules (and dependencies) that an environment alone does not need. */
const JOB_AND_FEATURE_MODULES = [
  '../lib/launch/definition', // the launcher workflow's definition builders
  '../lib/spec/worker-pools', // worker pool resolution (and the machine and accelerator catalog)
  '../lib/compute/layout',
  '../lib/code/resolve', // training code: packages, images, sdists
  '../lib/tuning/render', // tuning studies
  '../lib/rules/cron', // schedules
  '../lib/quota/demand', // quota demand of workloads
  '../lib/catalog/quotas',
  '../lib/report/markdown-job', // the report's job sections
  '../lib/config/build', // the config-file front end
  '../lib/config/schema',
  '../lib/config/source',
  // GKE: lib/gke/* loads with the package index, but none of the pure layer it renders with.
  '../lib/spec/gke/kueue', // Kueue objects of the queues
  '../lib/spec/gke/jobset', // a GKE job's JobSet
  '../lib/spec/gke/placement', // a GKE job's placement on node pools
  '../lib/spec/gke/node-pool', // node pool resolution
  '../lib/catalog/gke', // what GKE offers of each GPU and TPU
  'ajv',
  'yaml',
];

type Recorded = Set<string>;

/** Runs `program` in a fresh module registry and returns which of `watched` it required. */
function loadsOf(watched: string[], program: (snapshot: () => Recorded) => void): Recorded {
  const loaded: Recorded = new Set();
  jest.isolateModules(() => {
    for (const id of watched) {
      jest.doMock(id, () => {
        loaded.add(id);
        return jest.requireActual(id);
      });
    }
    program(() => new Set(loaded));
  });
  return loaded;
}

const WATCHED = [...PROVIDER_MODULES, ...JOB_AND_FEATURE_MODULES];
let environmentOnly: Recorded;
let everything: Recorded;

beforeAll(() => {
  everything = loadsOf(WATCHED, (snapshot) => {
    const { TerraformStack, Testing } = require('cdktf') as typeof Cdktf;
    const { EnvironmentStack } = require('../bench/library/environment') as typeof import('../bench/library/environment');
    const envApp = Testing.app();
    new EnvironmentStack(envApp, 'environment');
    envApp.synth();
    environmentOnly = snapshot();

    // The control: the features the environment left out load what they need.
    const lib = require('../lib') as typeof Library;
    const { GoogleProvider } = require('@cdktf/provider-google/lib/provider') as typeof import('@cdktf/provider-google/lib/provider');
    const app = Testing.app();
    const stack = new TerraformStack(app, 'all');
    new GoogleProvider(stack, 'google', { project: 'acme-ml', region: 'us-central1' });
    const environment = new lib.TrainingEnvironment(stack, 'ml', {
      projectId: 'acme-ml',
      region: 'us-central1',
      network: {},
      perimeter: { accessPolicy: 'accessPolicies/123456789012' },
      alerts: { emails: ['ml@acme.example'] },
    });
    const code = lib.TrainingCode.container({ image: lib.ContainerImage.fromUri(`us-docker.pkg.dev/acme/images/trainer@sha256:${'c'.repeat(64)}`) });
    const workerPools = { primary: lib.WorkerPool.cpu({ machineType: 'n2-standard-8' }) };
    new lib.CustomTrainingJob(stack, 'train', { environment, workerPools, code, triggers: [lib.Trigger.schedule('0 3 * * *')] });
    new lib.HyperparameterTuningJob(stack, 'tune', {
      environment, workerPools, code, maxTrialCount: 4, parallelTrialCount: 2,
      study: { metrics: [lib.Metric.maximize('auc')], parameters: [lib.Parameter.integer('depth', { min: 2, max: 8 })] },
    });
    lib.TrainingReport.renderMarkdown(lib.TrainingReport.of(stack));
    lib.TrainingConfig.validateString('environment:\n  projectId: acme-ml\n  region: us-central1\n', 'training.yaml');

    // GKE, in its three stacks: a cluster with a node pool, its add-ons, a team's queue and a job in it.
    const googleStack = (id: string): Cdktf.TerraformStack => {
      const s = new TerraformStack(app, id);
      new GoogleProvider(s, 'google', { project: 'acme-gke', region: 'us-central1' });
      return s;
    };
    const platform = googleStack('gke-platform');
    const gkeEnvironment = new lib.TrainingEnvironment(platform, 'ml', { projectId: 'acme-gke', region: 'us-central1', network: {} });
    const vision = gkeEnvironment.addTeam('vision');
    const cluster = new lib.GkeTrainingCluster(platform, 'gke', { environment: gkeEnvironment });
    const l4 = lib.WorkerPool.gpu({ gpuType: lib.GpuType.NVIDIA_L4, gpusPerReplica: 4 });
    const l4Pool = cluster.addNodePool('l4', { pool: l4, maxNodes: 2, zones: ['us-central1-a'] });
    const addons = new lib.GkeTrainingAddons(googleStack('gke-addons'), 'addons', { cluster });
    const workloads = googleStack('gke-workloads');
    const queues = new lib.GkeTrainingQueues(workloads, 'queues', { cluster, addons });
    queues.addTeamQueue(vision, { quotas: [{ nodePool: l4Pool, nominal: 8 }] });
    new lib.CustomTrainingJob(workloads, 'train', {
      environment: gkeEnvironment, team: vision, backend: lib.TrainingBackend.gke(queues), workerPools: { primary: l4 }, code,
      triggers: [lib.Trigger.schedule('0 3 * * *')],
    });
    Testing.synth(workloads, true);
  });
});

test('an environment alone loads the provider modules of its hand-written twin, and no others', () => {
  expect(TWIN_PROVIDER_MODULES.length).toBeGreaterThan(10);
  expect(PROVIDER_MODULES.filter((m) => environmentOnly.has(m))).toEqual(TWIN_PROVIDER_MODULES);
});

test('an environment alone loads none of the modules of jobs, schedules, tuning, config files and GKE\'s pure layer', () => {
  expect(JOB_AND_FEATURE_MODULES.filter((m) => environmentOnly.has(m))).toEqual([]);
});

test('the features that an environment alone leaves out load what they need (the recording works)', () => {
  expect(JOB_AND_FEATURE_MODULES.filter((m) => !everything.has(m))).toEqual([]);
  const featureProviders = [
    'compute-network', 'access-context-manager-service-perimeter', 'monitoring-alert-policy',
    'workflows-workflow', 'cloud-scheduler-job', 'storage-bucket-object',
  ].map((name) => `@cdktf/provider-google/lib/${name}`);
  expect(featureProviders.filter((m) => !everything.has(m))).toEqual([]);
  expect(everything.has('@cdktf/provider-time/lib/sleep')).toBe(true);
  const gkeProviders = ['@cdktf/provider-google/lib/container-cluster', '@cdktf/provider-google/lib/container-node-pool',
    '@cdktf/provider-helm/lib/release', '@cdktf/provider-kubernetes/lib/manifest'];
  expect(gkeProviders.filter((m) => !everything.has(m))).toEqual([]);
});
