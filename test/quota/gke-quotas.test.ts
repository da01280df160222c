import { AnnotationMetadataEntryType, Testing } from 'cdktf';
import { GkeTrainingCluster, GpuType, NodeProvisioning, TrainingEnvironment, WorkerPool } from '../../lib';
import { knownComputeMetrics, nodePoolDemand } from '../../lib/quota/compute-engine';
import { TrainingReport } from '../../lib/report';
import { ResolvedNodePool } from '../../lib/spec/gke/types';
import { googleStack } from '../gke/addons-helpers';
import { environmentStack, synthJson } from '../helpers/synth';

/** Compute Engine quotas of GKE node pools in the environment's quota plan (issue 11). */

/** A resolved node pool as the GKE node pool construct resolves it (only what quotas read matters). */
function resolved(over: Partial<ResolvedNodePool>): ResolvedNodePool {
  return {
    name: 'pool', machineType: 'a3-highgpu-8g', vcpus: 208, machineFamily: 'a3',
    gpu: { acceleratorType: 'NVIDIA_H100_80GB', gkeType: 'nvidia-h100-80gb', perNode: 8 },
    provisioning: 'standard', minNodes: 0, maxNodes: 4, zones: [], nodeLabels: {}, taints: [],
    resource: 'nvidia.com/gpu', perNode: 8,
    ...over,
  };
}

const l4 = (over: Partial<ResolvedNodePool> = {}) => resolved({
  name: 'l4', machineType: 'g2-standard-48', vcpus: 48, machineFamily: 'g2',
  gpu: { acceleratorType: 'NVIDIA_L4', gkeType: 'nvidia-l4', perNode: 4 }, perNode: 4, ...over,
});

const v6e = (over: Partial<ResolvedNodePool> = {}) => resolved({
  name: 'v6e', machineType: 'ct6e-standard-4t', vcpus: 180, machineFamily: 'ct6e', gpu: undefined,
  tpu: { version: 'v6e', gkeAccelerator: 'tpu-v6e-slice', topology: '4x4', chips: 16, vmsPerSlice: 4, chipsPerVm: 4 },
  resource: 'google.com/tpu', perNode: 4, ...over,
});

function warnings(stack: ReturnType<typeof environmentStack>['stack']): string[] {
  Testing.synth(stack, true);
  return stack.node.findAll().flatMap((c) => c.node.metadata)
    .filter((m) => m.type === AnnotationMetadataEntryType.WARN)
    .map((m) => String(m.data));
}

describe('node pool demand', () => {
  test('maxNodes × per node on the GPU and the family CPU quota, with the service prefix', () => {
    expect(nodePoolDemand(resolved({ maxNodes: 3 })).map((d) => [d.quota.metric, d.amount, d.unit, d.region])).toEqual([
      ['compute.googleapis.com/A3_CPUS', 3 * 208, 'vCPUs', undefined],
      ['compute.googleapis.com/CPUS_ALL_REGIONS', 3 * 208, 'vCPUs', 'global'],
      ['compute.googleapis.com/GPUS_ALL_REGIONS', 24, 'GPUs', 'global'],
      ['compute.googleapis.com/NVIDIA_H100_GPUS', 24, 'GPUs', undefined],
    ]);
  });

  test('Spot, flex-start and queued provisioning count against the preemptible quotas', () => {
    for (const provisioning of ['spot', 'flex-start', 'queued'] as const) {
      // The global quotas have no preemptible variant.
      expect(nodePoolDemand(l4({ provisioning, maxNodes: 2 })).map((d) => [d.quota.metric, d.amount])).toEqual([
        ['compute.googleapis.com/CPUS_ALL_REGIONS', 96],
        ['compute.googleapis.com/GPUS_ALL_REGIONS', 8],
        ['compute.googleapis.com/PREEMPTIBLE_CPUS', 96],
        ['compute.googleapis.com/PREEMPTIBLE_NVIDIA_L4_GPUS', 8],
      ]);
    }
  });

  test('TPU pools count chips per VM × nodes, and no CPU quota', () => {
    expect(nodePoolDemand(v6e({ maxNodes: 8, provisioning: 'queued' })).map((d) => [d.quota.metric, d.amount, d.unit])).toEqual([
      ['compute.googleapis.com/PREEMPTIBLE_TPU_V6E', 32, 'TPU chips'],
    ]);
  });

  test('a pool that never scales up demands nothing', () => {
    expect(nodePoolDemand(resolved({ maxNodes: 0 }))).toEqual([]);
  });

  test('every known Compute Engine metric is upper case and never a Vertex AI one', () => {
    expect(knownComputeMetrics()).toEqual(expect.arrayContaining(['CPUS', 'PREEMPTIBLE_CPUS', 'NVIDIA_H100_GPUS', 'PREEMPTIBLE_NVIDIA_H100_GPUS', 'TPU_V6E', 'G2_CPUS', 'GPUS_ALL_REGIONS', 'CPUS_ALL_REGIONS']));
    expect(knownComputeMetrics().filter((m) => !/^[A-Z][A-Z0-9_]*$/.test(m) || m.startsWith('CUSTOM_MODEL_TRAINING'))).toEqual([]);
  });
});

describe('the quota plan with node pools', () => {
  test('Compute Engine and Vertex AI quotas of the same GPU are separate rows, never summed', () => {
    const { env } = environmentStack();
    env.quotas._addNodePool('gke/h100', resolved({ maxNodes: 2 }));
    env.quotas.addWorkload('train', { workerPools: { primary: WorkerPool.gpu({ gpuType: GpuType.NVIDIA_H100_80GB, gpusPerReplica: 8 }) } });
    const gpuRows = env.quotas.plan().filter((row) => /h100/i.test(row.metric));
    expect(gpuRows.map((r) => [r.service, r.metric, r.demand, r.contributions])).toEqual([
      ['compute.googleapis.com', 'compute.googleapis.com/NVIDIA_H100_GPUS', 16, ['gke/h100=16']],
      ['aiplatform.googleapis.com', 'custom_model_training_nvidia_h100_gpus', 8, ['train=8']],
    ]);
  });

  test('a Compute Engine limit checks the node pools at synth with the numbers', () => {
    const { stack, env } = environmentStack({ quotas: { limits: [{ metric: 'compute.googleapis.com/PREEMPTIBLE_NVIDIA_L4_GPUS', limit: 8 }] } });
    env.quotas._addNodePool('gke/l4-a', l4({ provisioning: 'spot', maxNodes: 2 }));
    env.quotas._addNodePool('gke/l4-b', l4({ provisioning: 'spot', maxNodes: 1 }));
    expect(() => stack.runAllValidations()).toThrow(
      'us-central1 compute.googleapis.com/PREEMPTIBLE_NVIDIA_L4_GPUS: demand 12 > limit 8 (node pools: gke/l4-a=8, gke/l4-b=4): node pools scaled to maxNodes');
  });

  test('a Vertex AI limit never checks a node pool, nor a Compute Engine limit a job', () => {
    const { stack, env } = environmentStack({ quotas: { limits: [
      { metric: 'custom_model_training_nvidia_l4_gpus', limit: 4 },
      { metric: 'compute.googleapis.com/NVIDIA_L4_GPUS', limit: 16 },
    ] } });
    env.quotas._addNodePool('gke/l4', l4({ maxNodes: 4 }));
    env.quotas.addWorkload('train', { workerPools: { primary: WorkerPool.gpu({ gpuType: GpuType.NVIDIA_L4, gpusPerReplica: 4 }) } });
    expect(() => stack.runAllValidations()).not.toThrow(/L4|l4/);
    expect(env.quotas.plan().filter((r) => /l4/i.test(r.metric)).map((r) => [r.metric, r.demand, r.limit])).toEqual([
      ['compute.googleapis.com/NVIDIA_L4_GPUS', 16, 16],
      ['custom_model_training_nvidia_l4_gpus', 4, 4],
    ]);
  });

  test('increases are never requested and plan-time checks never made for Compute Engine quotas', () => {
    const { stack, env } = environmentStack({ quotas: {
      checkAtPlan: true,
      requestIncreases: { contactEmail: 'quota@acme.example' },
      limits: [{ metric: 'compute.googleapis.com/NVIDIA_H100_GPUS', limit: 8 }],
    } });
    env.quotas._addNodePool('gke/h100', resolved({ maxNodes: 2 }));
    expect(() => stack.runAllValidations()).toThrow('compute.googleapis.com/NVIDIA_H100_GPUS: demand 16 > limit 8');
    const json = synthJson(stack);
    expect(JSON.stringify(json.data ?? {})).not.toContain('compute.googleapis.com');
    expect(json.resource?.google_cloud_quotas_quota_preference).toBeUndefined();
    expect(env.quotas.plan().find((r) => r.service === 'compute.googleapis.com')).toMatchObject({ increaseRequested: false, checkedAtPlan: undefined, quotaId: undefined });
  });

  test('checkAtPlan and requestIncreases say nothing about Compute Engine quota IDs', () => {
    const { stack, env } = environmentStack({ quotas: { checkAtPlan: true, requestIncreases: { contactEmail: 'quota@acme.example' } } });
    env.quotas._addNodePool('gke/h100', resolved({ maxNodes: 1 }));
    env.quotas.addWorkload('train', { workerPools: { primary: WorkerPool.gpu({ gpuType: GpuType.NVIDIA_H100_80GB, gpusPerReplica: 8 }) } });
    const found = warnings(stack);
    expect(found.filter((w) => w.includes('compute.googleapis.com') && /quota ID/.test(w))).toEqual([]);
    expect(found.filter((w) => w.includes('custom_model_training_nvidia_h100_gpus') && /quota ID/.test(w))).toHaveLength(1);
  });

  test('an undeclared Compute Engine quota warns with its prefixed metric', () => {
    const { stack, env } = environmentStack();
    env.quotas._addNodePool('gke/v6e', v6e({ maxNodes: 4 }));
    expect(warnings(stack)).toEqual(expect.arrayContaining([
      'us-central1 compute.googleapis.com/TPU_V6E: demand 16 TPU chips and no declared limit (declare it in quotas.limits to check it at synth)',
    ]));
  });

  test('bad Compute Engine limits name the nearest metric', () => {
    const { env } = environmentStack();
    expect(() => env.quotas.declareLimit({ metric: 'compute.googleapis.com/nvidia_h100_gpus', limit: 8 }))
      .toThrow('limit.metric "compute.googleapis.com/nvidia_h100_gpus" is not valid: must be a Compute Engine quota a GKE node pool consumes (on any other it checks nothing): did you mean compute.googleapis.com/NVIDIA_H100_GPUS?');
    expect(() => env.quotas.declareLimit({ metric: 'compute.googleapis.com/custom_model_training_nvidia_h100_gpus', limit: 8 }))
      .toThrow('is not valid: must be a Compute Engine quota');
    expect(() => env.quotas.declareLimit({ metric: 'NVIDIA_H100_GPUS', limit: 8 })).toThrow('limit.metric "NVIDIA_H100_GPUS" is not valid: must be a quota metric name');
  });

  test('a node pool name is added once', () => {
    const { env } = environmentStack();
    env.quotas._addNodePool('gke/h100', resolved({}));
    expect(() => env.quotas._addNodePool('gke/h100', resolved({}))).toThrow('nodePool "gke/h100" is not valid: node pool names are unique within a cluster');
  });

  test('the report\'s quota table shows Compute Engine rows as checked at synth only', () => {
    const { stack, env } = environmentStack({ quotas: { limits: [{ metric: 'compute.googleapis.com/A3_CPUS', limit: 1000 }] } });
    env.quotas._addNodePool('gke/h100', resolved({ maxNodes: 4 }));
    const report = TrainingReport.of(stack);
    expect(report.environments[0].quotas.map((r) => [r.region, r.metric, r.demand, r.limit, r.status])).toEqual([
      ['global', 'compute.googleapis.com/CPUS_ALL_REGIONS', 832, undefined, 'NO_DECLARED_LIMIT'],
      ['global', 'compute.googleapis.com/GPUS_ALL_REGIONS', 32, undefined, 'NO_DECLARED_LIMIT'],
      ['us-central1', 'compute.googleapis.com/A3_CPUS', 832, 1000, 'WITHIN_LIMIT'],
      ['us-central1', 'compute.googleapis.com/NVIDIA_H100_GPUS', 32, undefined, 'NO_DECLARED_LIMIT'],
    ]);
    expect(report.environments[0].quotas.every((r) => r.service === 'compute.googleapis.com')).toBe(true);
    const markdown = TrainingReport.renderMarkdown(report);
    expect(markdown).toContain(
      '| `us-central1` | `compute.googleapis.com/A3_CPUS` | 832 vCPUs | 1000 | within the limit | not checked (Compute Engine: synth only) | gke/h100=832 |');
    expect(markdown).toMatch(/\| `global` \| `compute\.googleapis\.com\/GPUS_ALL_REGIONS` \| 32 GPUs \|/);
  });
});

describe('global Compute Engine quotas (GPUS_ALL_REGIONS, CPUS_ALL_REGIONS)', () => {
  test('the pools\' GPUs add up in one row keyed `global`, checked by a limit declared without a region', () => {
    const { stack, env } = environmentStack({ quotas: { limits: [{ metric: 'compute.googleapis.com/GPUS_ALL_REGIONS', limit: 0 }] } });
    env.quotas._addNodePool('gke/h100', resolved({ maxNodes: 2 }));
    env.quotas._addNodePool('east/l4', l4({ provisioning: 'spot', maxNodes: 1 }));
    expect(env.quotas.plan().filter((r) => r.region === 'global').map((r) => [r.metric, r.demand, r.limit, r.contributions])).toEqual([
      ['compute.googleapis.com/CPUS_ALL_REGIONS', 2 * 208 + 48, undefined, ['gke/h100=416', 'east/l4=48']],
      ['compute.googleapis.com/GPUS_ALL_REGIONS', 20, 0, ['gke/h100=16', 'east/l4=4']],
    ]);
    expect(() => stack.runAllValidations()).toThrow(
      'global compute.googleapis.com/GPUS_ALL_REGIONS: demand 20 > limit 0 (node pools: gke/h100=16, east/l4=4): node pools scaled to maxNodes');
  });

  test('a global limit takes region `global` (or none); a regional one never does', () => {
    const { env } = environmentStack();
    env.quotas.declareLimit({ metric: 'compute.googleapis.com/CPUS_ALL_REGIONS', limit: 500, region: 'global' });
    env.quotas._addNodePool('gke/h100', resolved({ maxNodes: 2 }));
    expect(env.quotas.plan().find((r) => r.metric.endsWith('CPUS_ALL_REGIONS'))).toMatchObject({ region: 'global', demand: 416, limit: 500 });
    expect(() => env.quotas.declareLimit({ metric: 'compute.googleapis.com/GPUS_ALL_REGIONS', limit: 8, region: 'us-central1' }))
      .toThrow('limit.region "us-central1" is not valid: must be "global" (or unset): compute.googleapis.com/GPUS_ALL_REGIONS is one limit over all regions');
    expect(() => env.quotas.declareLimit({ metric: 'compute.googleapis.com/NVIDIA_H100_GPUS', limit: 8, region: 'global' }))
      .toThrow('limit.region "global" is not valid: must be a region: "global" is only for compute.googleapis.com/GPUS_ALL_REGIONS and compute.googleapis.com/CPUS_ALL_REGIONS');
    expect(() => env.quotas.declareLimit({ metric: 'custom_model_training_nvidia_h100_gpus', limit: 8, region: 'global' })).toThrow('limit.region "global" is not valid');
    expect(() => env.quotas.declareLimit({ metric: 'compute.googleapis.com/gpus_all_regions', limit: 8 })).toThrow('did you mean compute.googleapis.com/GPUS_ALL_REGIONS?');
  });

  test('TPU pools add no vCPUs to CPUS_ALL_REGIONS and no GPUs anywhere', () => {
    expect(nodePoolDemand(v6e({ maxNodes: 4 })).map((d) => d.quota.metric)).toEqual(['compute.googleapis.com/TPU_V6E']);
  });
});

describe('the system node pool in the quota plan', () => {
  test('a created cluster adds its system pool at maxNodes (3 × e2-standard-4 by default), an imported one nothing', () => {
    const stack = googleStack(Testing.app(), 'platform');
    const env = new TrainingEnvironment(stack, 'ml', { projectId: 'acme-ml', region: 'us-central1', network: {} });
    new GkeTrainingCluster(stack, 'gke', { environment: env });
    expect(env.quotas.plan().map((r) => [r.region, r.metric, r.demand, r.contributions])).toEqual([
      ['global', 'compute.googleapis.com/CPUS_ALL_REGIONS', 12, ['ml-training/system=12']],
      ['us-central1', 'compute.googleapis.com/CPUS', 12, ['ml-training/system=12']],
    ]);
    const other = googleStack(Testing.app(), 'platform');
    const imported = new TrainingEnvironment(other, 'ml', { projectId: 'acme-ml', region: 'us-central1' });
    new GkeTrainingCluster(other, 'gke', { environment: imported, existingClusterName: 'shared' });
    expect(imported.quotas.plan()).toEqual([]);
  });

  test('a system pool of another machine family counts on that family\'s quota', () => {
    const stack = googleStack(Testing.app(), 'platform');
    const env = new TrainingEnvironment(stack, 'ml', { projectId: 'acme-ml', region: 'us-central1', network: {} });
    new GkeTrainingCluster(stack, 'gke', { environment: env, systemPool: { machineType: 'n2-standard-8', maxNodes: 2 } });
    expect(env.quotas.plan().map((r) => [r.metric, r.demand])).toEqual([
      ['compute.googleapis.com/CPUS_ALL_REGIONS', 16],
      ['compute.googleapis.com/N2_CPUS', 16],
    ]);
  });
});

describe('GkeNodePool in the quota plan', () => {
  test('each node pool of a cluster adds its demand at maxNodes, named <cluster>/<pool>, and a declared limit checks it', () => {
    const stack = googleStack(Testing.app(), 'platform');
    const env = new TrainingEnvironment(stack, 'ml', {
      projectId: 'acme-ml', region: 'us-central1', network: {},
      quotas: { limits: [{ metric: 'compute.googleapis.com/PREEMPTIBLE_NVIDIA_H100_GPUS', limit: 40 }] },
    });
    const cluster = new GkeTrainingCluster(stack, 'gke', { environment: env });
    const h100 = () => WorkerPool.gpu({ gpuType: GpuType.NVIDIA_H100_80GB, gpusPerReplica: 8 });
    cluster.addNodePool('h100-spot', { pool: h100(), provisioning: NodeProvisioning.SPOT, maxNodes: 4 });
    cluster.addNodePool('h100-flex', { pool: h100(), provisioning: NodeProvisioning.FLEX_START, maxNodes: 2 });
    cluster.addNodePool('h100', { pool: h100(), maxNodes: 1 });
    expect(env.quotas.plan().filter((r) => r.metric.endsWith('H100_GPUS')).map((r) => [r.metric, r.demand, r.contributions])).toEqual([
      ['compute.googleapis.com/NVIDIA_H100_GPUS', 8, ['ml-training/h100=8']],
      ['compute.googleapis.com/PREEMPTIBLE_NVIDIA_H100_GPUS', 48, ['ml-training/h100-spot=32', 'ml-training/h100-flex=16']],
    ]);
    expect(() => stack.runAllValidations()).toThrow(
      'us-central1 compute.googleapis.com/PREEMPTIBLE_NVIDIA_H100_GPUS: demand 48 > limit 40 (node pools: ml-training/h100-spot=32, ml-training/h100-flex=16)');
  });
});
