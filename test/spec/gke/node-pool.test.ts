import { GpuType, Reservation, TpuVersion, WorkerPool } from '../../../lib';
import { computeEngineQuotas, findGkeGpu, findGkeTpu, tpuZonesIn } from '../../../lib/catalog/gke';
import { GPUS } from '../../../lib/catalog/accelerators';
import { TPUS } from '../../../lib/catalog/tpus';
import { NodePoolIntent, NodePoolResolution, nodePoolNameFrom, resolveNodePool } from '../../../lib/spec/gke/node-pool';
import { ResolvedNodePool } from '../../../lib/spec/gke/types';
import { Problem } from '../../../lib/spec/problem';

/**
 * GKE node pools from WorkerPool intents (issue 11, "The cluster and its pools"): the same catalog
 * as Vertex jobs, labels and taints derived once, and each combination GKE or the provider refuses.
 */

const REGION = 'us-central1';
const H100 = WorkerPool.gpu({ gpuType: GpuType.NVIDIA_H100_80GB, gpusPerReplica: 8 });
const V6E_4X4 = WorkerPool.tpu({ version: TpuVersion.V6E, topology: '4x4' });

function resolve(overrides: Partial<NodePoolIntent> = {}): NodePoolResolution {
  return resolveNodePool({ name: 'h100-spot', pool: H100._intent, provisioning: 'standard', maxNodes: 4, region: REGION, ...overrides });
}

function pool(overrides: Partial<NodePoolIntent> = {}): ResolvedNodePool {
  const resolution = resolve(overrides);
  if (!resolution.plan) throw new Error(`not resolved: ${JSON.stringify(resolution.problems)}`);
  return resolution.plan.resolved;
}

function problemAt(resolution: { problems: Problem[] }, field: string): Problem {
  const found = resolution.problems.find((p) => p.field === field);
  if (!found) throw new Error(`no problem at ${field}; problems: ${JSON.stringify(resolution.problems)}`);
  return found;
}

describe('a GPU node pool', () => {
  test('8 × H100 resolves to a3-highgpu-8g with the GKE accelerator label and the GPU taint GKE adds', () => {
    const resolved = pool();
    expect(resolved).toMatchObject({
      machineType: 'a3-highgpu-8g', vcpus: 208, machineFamily: 'a3', resource: 'nvidia.com/gpu', perNode: 8,
      gpu: { acceleratorType: 'NVIDIA_H100_80GB', gkeType: 'nvidia-h100-80gb', perNode: 8 },
      // The first zone the catalog has H100 in: never the region's default zones.
      minNodes: 0, maxNodes: 4, zones: ['us-central1-a'],
    });
    expect(resolved.nodeLabels).toEqual({
      'cloud.google.com/gke-nodepool': 'h100-spot',
      'cloud.google.com/gke-accelerator': 'nvidia-h100-80gb',
    });
    expect(resolved.taints).toEqual([{ key: 'nvidia.com/gpu', value: 'present', effect: 'NoSchedule', addedByGke: true }]);
  });

  test('Spot nodes carry the GKE spot label and a taint of ours, so only tolerating pods land there', () => {
    const resolved = pool({ provisioning: 'spot' });
    expect(resolved.nodeLabels['cloud.google.com/gke-spot']).toBe('true');
    expect(resolved.nodeLabels['vertex-training/provisioning']).toBe('spot');
    expect(resolved.taints).toContainEqual({ key: 'vertex-training/provisioning', value: 'spot', effect: 'NoSchedule', addedByGke: false });
    expect(resolve({ provisioning: 'spot' }).plan?.locationPolicy).toBe('ANY');
    expect(resolve().plan?.locationPolicy).toBe('BALANCED');
  });

  test('flex-start and queued pools are labelled and tainted, and not auto-repaired', () => {
    const flex = resolve({ provisioning: 'flex-start' });
    expect(flex.plan?.resolved.nodeLabels['cloud.google.com/gke-flex-start']).toBe('true');
    expect(flex.plan?.autoRepair).toBe(false);
    const queued = resolve({ provisioning: 'queued' });
    expect(queued.plan?.resolved.taints.map((t) => `${t.key}=${t.value}:${t.addedByGke}`)).toEqual([
      'nvidia.com/gpu=present:true', 'cloud.google.com/gke-queued=true:true', 'vertex-training/provisioning=queued:false',
    ]);
    expect(queued.plan?.resolved.nodeLabels['cloud.google.com/gke-queued']).toBe('true');
    expect(queued.plan?.autoRepair).toBe(false);
    expect(resolve().plan?.autoRepair).toBe(true);
  });

  test('every catalogued GPU type has a GKE accelerator type of GKE\'s form', () => {
    for (const gpu of GPUS) {
      expect(findGkeGpu(gpu.acceleratorType)?.gkeType).toMatch(/^nvidia-[a-z0-9-]+$/);
    }
  });

  test('a GPU count the machine does not take is refused with the Vertex hint', () => {
    const resolution = resolve({ pool: WorkerPool.gpu({ gpuType: GpuType.NVIDIA_H100_80GB, gpusPerReplica: 3 })._intent });
    expect(problemAt(resolution, 'pool.gpusPerReplica').allowed).toMatch(/use 2 or 4 per VM/);
    expect(resolution.plan).toBeUndefined();
  });

  test('a bad GPU count does not hide the node pool\'s own problems: counts, queued minNodes, a reservation with Spot', () => {
    const bad = (over: object) => WorkerPool.gpu({ gpuType: GpuType.NVIDIA_H100_80GB, gpusPerReplica: 3, ...over })._intent;
    const queued = resolve({ pool: bad({}), provisioning: 'queued', minNodes: 1 });
    expect(queued.problems.map((p) => p.field)).toEqual(['pool.gpusPerReplica', 'minNodes']);
    const counts = resolve({ pool: bad({}), minNodes: 5, maxNodes: 2 });
    expect(counts.problems.map((p) => p.field)).toEqual(['pool.gpusPerReplica', 'minNodes']);
    const spot = resolve({ pool: bad({ reservation: Reservation.any() }), provisioning: 'spot' });
    expect(spot.problems.map((p) => p.field)).toEqual(['pool.gpusPerReplica', 'pool.reservation']);
  });

  test('a GPU not catalogued in the cluster\'s region is refused with the nearest regions and the override', () => {
    const resolution = resolve({ region: 'southamerica-east1' });
    const problem = problemAt(resolution, 'pool.gpuType');
    expect(problem.allowed).toMatch(/southamerica-east1; nearest: /);
    expect(problem.allowed).toMatch(/catalogOverrides\.skipLocationCheck/);
    expect(resolve({ region: 'southamerica-east1', zones: ['southamerica-east1-b'], skipLocationCheck: true }).problems).toEqual([]);
    expect(resolve({ region: undefined, zones: ['us-central1-a'] }).problems).toEqual([]);
  });

  test('a GPU pool without zones: its specific reservation\'s zone, else the catalog\'s first zone of the GPU, else refused with a hint', () => {
    const reserved = WorkerPool.gpu({ gpuType: GpuType.NVIDIA_H100_80GB, gpusPerReplica: 8, reservation: Reservation.specific('projects/p/zones/us-central1-c/reservations/r') })._intent;
    expect(pool({ pool: reserved }).zones).toEqual(['us-central1-c']);
    expect(pool({ pool: WorkerPool.gpu({ gpuType: GpuType.NVIDIA_L4, gpusPerReplica: 1 })._intent }).zones).toEqual(['us-central1-a']);
    const unknown = resolve({ region: 'southamerica-east1', skipLocationCheck: true });
    expect(unknown.problems.map((p) => p.field)).toEqual(['zones']);
    expect(problemAt(unknown, 'zones').allowed).toMatch(/the catalog knows no zone of NVIDIA_H100_80GB in southamerica-east1: `gcloud compute accelerator-types list --filter="name=nvidia-h100-80gb AND zone~\^southamerica-east1-"`/);
    expect(problemAt(resolve({ region: undefined }), 'zones').allowed).toMatch(/--filter="name=nvidia-h100-80gb"/);
    // A CPU or TPU pool keeps the cluster's zones.
    expect(pool({ name: 'cpu', pool: WorkerPool.cpu({ machineType: 'n2-standard-16' })._intent }).zones).toEqual([]);
  });

  test('a GPU pool\'s zones must be zones the catalog has the GPU in (or its reservation\'s), unless skipLocationCheck', () => {
    const resolution = resolve({ zones: ['us-central1-c', 'us-central1-b'] });
    expect(resolution.problems).toEqual([{ field: 'zones[1]', value: 'us-central1-b', allowed: 'a zone the catalog has NVIDIA_H100_80GB in: us-central1-a, us-central1-c (if Compute Engine offers it there, set catalogOverrides.skipLocationCheck)' }]);
    expect(resolve({ zones: ['us-central1-b'], skipLocationCheck: true }).problems).toEqual([]);
    const reserved = WorkerPool.gpu({ gpuType: GpuType.NVIDIA_H100_80GB, gpusPerReplica: 8, reservation: Reservation.specific('projects/p/zones/us-central1-f/reservations/r') })._intent;
    expect(resolve({ pool: reserved, zones: ['us-central1-f'] }).problems).toEqual([]);
    // Regions the catalog knows no zone of the GPU in are not checked.
    expect(resolve({ region: 'us-east1', pool: WorkerPool.gpu({ gpuType: GpuType.NVIDIA_TESLA_V100, gpusPerReplica: 1 })._intent, zones: ['us-east1-c'] }).problems.filter((p) => p.field.startsWith('zones'))).toEqual([]);
  });
});

describe('a TPU node pool', () => {
  test('v6e 4x4 is one 4-VM slice: COMPACT placement with its topology, TPU labels and taint', () => {
    const resolution = resolve({ name: 'v6e', pool: V6E_4X4._intent, maxNodes: 4, zones: ['us-central1-b'] });
    expect(resolution.problems).toEqual([]);
    const resolved = resolution.plan?.resolved;
    expect(resolved?.tpu).toEqual({ version: 'v6e', gkeAccelerator: 'tpu-v6e-slice', topology: '4x4', chips: 16, vmsPerSlice: 4, chipsPerVm: 4 });
    expect(resolved).toMatchObject({ resource: 'google.com/tpu', perNode: 4, machineType: 'ct6e-standard-4t', machineFamily: 'ct6e' });
    expect(resolved?.nodeLabels).toMatchObject({ 'cloud.google.com/gke-tpu-accelerator': 'tpu-v6e-slice', 'cloud.google.com/gke-tpu-topology': '4x4' });
    expect(resolved?.taints).toContainEqual({ key: 'google.com/tpu', value: 'present', effect: 'NoSchedule', addedByGke: true });
    expect(resolution.plan?.placement).toEqual({ tpuTopology: '4x4' });
  });

  test('a single-host slice (v5e 2x4 on one VM) takes no topology in its placement and any node count', () => {
    const resolution = resolve({ name: 'v5e', pool: WorkerPool.tpu({ version: TpuVersion.V5E, topology: '2x4' })._intent, maxNodes: 3 });
    expect(resolution.problems).toEqual([]);
    expect(resolution.plan?.resolved.tpu).toMatchObject({ vmsPerSlice: 1, chipsPerVm: 8, gkeAccelerator: 'tpu-v5-lite-podslice' });
    expect(resolution.plan?.placement).toBeUndefined();
  });

  test('a multi-host slice: maxNodes is the slice\'s VMs, minNodes 0 or all, one zone, compact', () => {
    const resolution = resolve({ name: 'v6e', pool: V6E_4X4._intent, maxNodes: 8, minNodes: 2, compactPlacement: false });
    expect(problemAt(resolution, 'maxNodes').allowed).toMatch(/4 VMs and one node pool holds one slice: maxNodes 4/);
    expect(problemAt(resolution, 'minNodes').allowed).toMatch(/0 or 4/);
    expect(problemAt(resolution, 'compactPlacement').value).toBe(false);
    expect(problemAt(resolution, 'zones').allowed).toMatch(/exactly one zone: a multi-host TPU slice lives in one zone \(e\.g\. \["us-central1-b"\]\)/);
  });

  test('a TPU zone the catalog does not list for the generation is refused, unless overridden', () => {
    const resolution = resolve({ name: 'v6e', pool: V6E_4X4._intent, zones: ['us-central1-a'] });
    expect(problemAt(resolution, 'zones[0]').allowed).toMatch(/TPU v6e in: us-central1-b \(if Compute Engine/);
    expect(resolve({ name: 'v6e', pool: V6E_4X4._intent, zones: ['us-central1-a'], skipLocationCheck: true }).problems).toEqual([]);
  });

  test('the catalogued TPU zones lie in the regions the TPU catalog gives the generation', () => {
    for (const tpu of TPUS.filter((t) => t.acceleratorType === undefined)) {
      const zones = tpu.trainingRegions.flatMap((region) => tpuZonesIn(tpu.version, region));
      expect(zones.length).toBeGreaterThan(0);
      for (const region of tpu.trainingRegions) expect(tpuZonesIn(tpu.version, region).every((z) => z.startsWith(`${region}-`))).toBe(true);
    }
  });

  test('TPU v2 / v3 (cores on cloud-tpu) are refused on GKE with the versions it takes', () => {
    const resolution = resolve({ pool: WorkerPool.tpu({ version: TpuVersion.V3, cores: 8 })._intent });
    expect(problemAt(resolution, 'pool.version').allowed).toBe('GKE node pools here take TPU v5e, v6e or 7x');
  });

  test('every topology-sized TPU generation of the catalog has a GKE accelerator value', () => {
    for (const tpu of TPUS.filter((t) => t.acceleratorType === undefined)) {
      expect(findGkeTpu(tpu.version)?.gkeAccelerator).toMatch(/^tpu/);
    }
  });
});

describe('combinations GKE refuses', () => {
  test('queued provisioning with a reservation, or with minNodes > 0', () => {
    const resolution = resolve({
      provisioning: 'queued', minNodes: 1,
      pool: WorkerPool.gpu({ gpuType: GpuType.NVIDIA_H100_80GB, gpusPerReplica: 8, reservation: Reservation.any() })._intent,
    });
    expect(problemAt(resolution, 'pool.reservation').allowed).toMatch(/none with QUEUED_PROVISIONING/);
    expect(problemAt(resolution, 'minNodes').allowed).toMatch(/0 with queued provisioning/);
  });

  test('queued provisioning of GPUs with compact placement; a queued TPU slice is compact', () => {
    expect(problemAt(resolve({ provisioning: 'queued', compactPlacement: true, zones: ['us-central1-a'] }), 'compactPlacement').allowed).toMatch(/false with queued provisioning of GPUs/);
    expect(resolve({ name: 'v6e', provisioning: 'queued', pool: V6E_4X4._intent, zones: ['us-central1-b'] }).plan?.placement).toEqual({ tpuTopology: '4x4' });
  });

  test('Spot or flex-start with a reservation; NO_RESERVATION is fine', () => {
    const reserved = WorkerPool.gpu({ gpuType: GpuType.NVIDIA_H100_80GB, gpusPerReplica: 8, reservation: Reservation.specific('projects/p/zones/us-central1-a/reservations/r') })._intent;
    expect(problemAt(resolve({ provisioning: 'spot', pool: reserved }), 'pool.reservation').allowed).toMatch(/Spot VMs do not consume reservations/);
    expect(problemAt(resolve({ provisioning: 'flex-start', pool: reserved }), 'pool.reservation').allowed).toMatch(/none with FLEX_START/);
    expect(resolve({ provisioning: 'standard', pool: reserved }).problems).toEqual([]);
    const none = WorkerPool.gpu({ gpuType: GpuType.NVIDIA_H100_80GB, gpusPerReplica: 8, reservation: Reservation.none() })._intent;
    expect(resolve({ provisioning: 'spot', pool: none }).problems).toEqual([]);
  });

  test('a specific reservation outside the pool\'s zones is refused', () => {
    const reserved = WorkerPool.gpu({ gpuType: GpuType.NVIDIA_H100_80GB, gpusPerReplica: 8, reservation: Reservation.specific('projects/p/zones/us-central1-a/reservations/r') })._intent;
    expect(problemAt(resolve({ pool: reserved, zones: ['us-central1-b'] }), 'pool.reservation').allowed).toMatch(/one of the pool's zones \(us-central1-b\)/);
    expect(problemAt(resolve({ pool: reserved, region: 'us-east4', skipLocationCheck: true }), 'pool.reservation').allowed).toMatch(/region us-east4/);
    expect(problemAt(resolve({ pool: reserved, region: 'us-east4', zones: ['us-east4-a'] }), 'pool.reservation').allowed).toMatch(/region us-east4/);
  });

  test('compact placement across several zones (or the cluster\'s) is refused', () => {
    expect(problemAt(resolve({ compactPlacement: true, zones: ['us-central1-a', 'us-central1-b'] }), 'zones').allowed).toMatch(/exactly one zone: compact placement/);
    const cpu = WorkerPool.cpu({ machineType: 'n2-standard-16' })._intent;
    expect(problemAt(resolve({ name: 'cpu', pool: cpu, compactPlacement: true }), 'zones').value).toBe('(the cluster\'s zones)');
    // A GPU pool without zones gets one zone: compact as it is.
    expect(resolve({ compactPlacement: true }).plan?.resolved.zones).toEqual(['us-central1-a']);
    expect(resolve({ compactPlacement: true, zones: ['us-central1-a'] }).plan?.placement).toEqual({ tpuTopology: undefined });
  });

  test('flex-start / queued provisioning for an accelerator the catalog does not list, with the override', () => {
    const t4 = WorkerPool.gpu({ gpuType: GpuType.NVIDIA_TESLA_T4, gpusPerReplica: 1 })._intent;
    expect(problemAt(resolve({ pool: t4, provisioning: 'flex-start' }), 'provisioning').allowed).toMatch(/not catalogued for NVIDIA_TESLA_T4 on GKE \(set catalogOverrides\.skipCapacityModeCheck/);
    expect(resolve({ pool: t4, provisioning: 'flex-start', skipCapacityModeCheck: true }).problems).toEqual([]);
    const cpu = WorkerPool.cpu({ machineType: 'n2-standard-16' })._intent;
    expect(problemAt(resolve({ pool: cpu, provisioning: 'queued' }), 'provisioning').allowed).toMatch(/for GPU and TPU pools/);
    const tpu7x = WorkerPool.tpu({ version: TpuVersion.TPU7X, topology: '2x2x1' })._intent;
    expect(problemAt(resolve({ pool: tpu7x, provisioning: 'queued' }), 'provisioning').allowed).toMatch(/TPU 7x/);
  });

  test('replicaCount in the WorkerPool is refused with a hint to use maxNodes', () => {
    const resolution = resolve({ pool: WorkerPool.gpu({ gpuType: GpuType.NVIDIA_H100_80GB, gpusPerReplica: 8, replicaCount: 4 })._intent });
    expect(problemAt(resolution, 'pool.replicaCount').allowed).toMatch(/its size is maxNodes/);
    expect(resolution.problems).toHaveLength(1);
  });

  test('node counts: maxNodes missing or 0, minNodes above maxNodes or negative', () => {
    expect(problemAt(resolve({ maxNodes: undefined }), 'maxNodes').value).toBe('(missing)');
    expect(problemAt(resolve({ maxNodes: 0 }), 'maxNodes').allowed).toMatch(/from 1 to 1,000/);
    expect(problemAt(resolve({ minNodes: 5 }), 'minNodes').allowed).toBe('at most maxNodes (4)');
    expect(problemAt(resolve({ minNodes: -1 }), 'minNodes').allowed).toMatch(/0 or more/);
    expect(problemAt(resolve({ minNodes: 1.5 }), 'minNodes').value).toBe(1.5);
  });

  test('zones: malformed, outside the cluster\'s region, or twice', () => {
    const resolution = resolve({ zones: ['us-central1', 'us-east1-b', 'us-central1-a', 'us-central1-a'] });
    expect(resolution.problems.map((p) => p.field)).toEqual(['zones[0]', 'zones[1]', 'zones[3]']);
    expect(problemAt(resolution, 'zones[1]').allowed).toMatch(/region us-central1/);
  });

  test('every problem at once: name, replicaCount, reservation and counts', () => {
    const resolution = resolve({
      name: 'H100_Spot', provisioning: 'spot', maxNodes: 0,
      pool: WorkerPool.gpu({ gpuType: GpuType.NVIDIA_H100_80GB, gpusPerReplica: 8, replicaCount: 2, reservation: Reservation.any() })._intent,
    });
    expect(resolution.problems.map((p) => p.field).sort()).toEqual(['maxNodes', 'name', 'pool.replicaCount', 'pool.reservation']);
  });
});

describe('node pool names', () => {
  test('GKE\'s rule: lowercase, letter first, ≤ 40, with a suggestion', () => {
    expect(resolve({ name: 'a'.repeat(40) }).problems).toEqual([]);
    expect(problemAt(resolve({ name: 'a'.repeat(41) }), 'name').allowed).toMatch(/1 to 40 lowercase/);
    expect(problemAt(resolve({ name: 'H100_Spot' }), 'name').allowed).toMatch(/\(e\.g\. "h100-spot"\)/);
    expect(problemAt(resolve({ name: '1pool' }), 'name')).toBeDefined();
    expect(problemAt(resolve({ name: 'pool-' }), 'name')).toBeDefined();
    expect(nodePoolNameFrom('---')).toBeUndefined();
  });
});

describe('Compute Engine quotas of a node', () => {
  test('an on-demand H100 node: 8 NVIDIA_H100_GPUS and 208 A3_CPUS', () => {
    expect(computeEngineQuotas(pool()).map((q) => [q.metric, q.amountPerNode, q.global ?? false])).toEqual([
      ['NVIDIA_H100_GPUS', 8, false], ['GPUS_ALL_REGIONS', 8, true], ['A3_CPUS', 208, false], ['CPUS_ALL_REGIONS', 208, true],
    ]);
  });

  test('GPU metrics follow NVIDIA_<token>_GPUS for every catalogued GPU, with a confidence', () => {
    for (const gpu of GPUS) {
      const resolution = resolve({ pool: { kind: 'gpu', gpuType: gpu.acceleratorType, gpusPerReplica: Object.values(gpu.machines)[0][0] }, zones: ['us-central1-a'], skipLocationCheck: true });
      const gpuRow = resolution.plan ? computeEngineQuotas(resolution.plan.resolved)[0] : undefined;
      if (gpu.reservationOnly) continue;
      expect(gpuRow?.metric).toMatch(/^NVIDIA_[A-Z0-9_]+_GPUS$/);
      expect(['confirmed', 'observed', 'unconfirmed']).toContain(gpuRow?.confidence);
    }
  });

  test('Spot, flex-start and queued nodes consume the preemptible quotas', () => {
    for (const provisioning of ['spot', 'flex-start', 'queued'] as const) {
      // The global quotas have no preemptible variant: Spot and DWS nodes count there too.
      expect(computeEngineQuotas(pool({ provisioning })).map((q) => q.metric)).toEqual(['PREEMPTIBLE_NVIDIA_H100_GPUS', 'GPUS_ALL_REGIONS', 'PREEMPTIBLE_CPUS', 'CPUS_ALL_REGIONS']);
    }
  });

  test('a TPU node counts its chips, not its CPUs; a CPU node its family\'s CPUs', () => {
    const v6e = pool({ name: 'v6e', pool: V6E_4X4._intent, maxNodes: 4, zones: ['us-central1-b'] });
    expect(computeEngineQuotas(v6e)).toEqual([{ metric: 'TPU_V6E', amountPerNode: 4, unit: 'tpu-chips', confidence: 'observed' }]);
    const n2 = pool({ name: 'cpu', pool: WorkerPool.cpu({ machineType: 'n2-standard-16' })._intent });
    expect(computeEngineQuotas(n2)).toEqual([
      { metric: 'N2_CPUS', amountPerNode: 16, unit: 'vcpus', confidence: 'confirmed' },
      { metric: 'CPUS_ALL_REGIONS', amountPerNode: 16, unit: 'vcpus', confidence: 'confirmed', global: true },
    ]);
    const e2 = pool({ name: 'cpu', pool: WorkerPool.cpu({ machineType: 'e2-standard-8' })._intent });
    expect(computeEngineQuotas(e2).map((q) => q.metric)).toEqual(['CPUS', 'CPUS_ALL_REGIONS']);
  });
});
