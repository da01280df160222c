import { admissionCeiling, AdmissionQuota, CohortQueue, cpuRequest, placePools, quotaProblems } from '../../../lib/spec/gke/placement';
import { resolveNodePool } from '../../../lib/spec/gke/node-pool';
import { NodeProvisioningKind, ResolvedNodePool } from '../../../lib/spec/gke/types';
import { PoolIntent, LayoutIntent } from '../../../lib/spec/pool-intent';
import { resolvePools } from '../../../lib/spec/worker-pools';

const H100: PoolIntent = { kind: 'gpu', gpuType: 'NVIDIA_H100_80GB', gpusPerReplica: 8 };
const L4: PoolIntent = { kind: 'gpu', gpuType: 'NVIDIA_L4', gpusPerReplica: 1 };

function nodePool(name: string, pool: PoolIntent, provisioning: NodeProvisioningKind = 'standard', maxNodes = 4, zones?: string[]): ResolvedNodePool {
  // GPU node pools name their zones (one zone of the region with the GPU).
  const resolution = resolveNodePool({ name, pool, provisioning, maxNodes, zones: zones ?? (pool.kind === 'gpu' ? ['us-central1-a'] : undefined), region: 'us-central1' });
  expect(resolution.problems).toEqual([]);
  return resolution.plan!.resolved;
}

function pools(layout: LayoutIntent) {
  const resolution = resolvePools(layout, 'us-central1');
  expect(resolution.problems).toEqual([]);
  return resolution.pools;
}

describe('placing a job on node pools', () => {
  const h100Spot = nodePool('h100-spot', H100, 'spot');
  const h100 = nodePool('h100', H100, 'standard', 2);
  const l4 = nodePool('l4', { kind: 'gpu', gpuType: 'NVIDIA_L4', gpusPerReplica: 4 }, 'standard', 8);
  const cpu8 = nodePool('cpu8', { kind: 'cpu', machineType: 'n2-standard-8' });
  const cpu32 = nodePool('cpu32', { kind: 'cpu', machineType: 'n2-standard-32' });
  const cluster = [h100Spot, h100, l4, cpu8, cpu32];

  test('each pool goes to a node pool of its hardware and strategy; demand sums per flavor', () => {
    const job = pools({ primary: H100, workers: { ...H100, replicaCount: 3 } });
    const spot = placePools(job, cluster, 'SPOT');
    expect(spot.problems).toEqual([]);
    expect(spot.placements.map((p) => [p.pool.role, p.nodePool.name, p.pods, p.resource, p.unitsPerPod])).toEqual([
      ['primary', 'h100-spot', 1, 'nvidia.com/gpu', 8],
      ['workers', 'h100-spot', 3, 'nvidia.com/gpu', 8],
    ]);
    expect(spot.demand).toEqual({ 'h100-spot': 32 });
    const standard = placePools(pools({ primary: H100 }), cluster, 'STANDARD');
    expect(standard.placements[0].nodePool.name).toBe('h100');
  });

  test('a replica of fewer GPUs than a node has packs onto it when it divides the node', () => {
    const one = placePools(pools({ primary: L4 }), cluster, 'STANDARD');
    expect(one.problems).toEqual([]);
    expect(one.placements[0].nodePool.name).toBe('l4');
    expect(one.placements[0].unitsPerPod).toBe(1);
    const eight = nodePool('l4-8', { kind: 'gpu', gpuType: 'NVIDIA_L4', gpusPerReplica: 8 });
    const two = placePools(pools({ primary: { ...L4, gpusPerReplica: 2 } }), [eight], 'STANDARD');
    expect(two.placements[0].unitsPerPod).toBe(2);
  });

  test('a STANDARD job is never placed on Spot VMs: the problem names the pool, what it asked and the node pools', () => {
    const { problems } = placePools(pools({ primary: H100 }), [h100Spot, l4], 'STANDARD');
    expect(problems).toHaveLength(1);
    expect(problems[0].field).toBe('workerPools.primary');
    expect(problems[0].value).toBe('1 × 8 × NVIDIA_H100_80GB');
    expect(problems[0].allowed).toContain('h100-spot (spot)');
    expect(problems[0].allowed).toContain('set scheduling.strategy to SPOT');
    expect(problems[0].allowed).toContain('never placed on Spot VMs');
    expect(problems[0].allowed).toContain('l4 (4 × NVIDIA_L4 per node, standard)');
  });

  test('FLEX_START goes to flex-start or queued pools only', () => {
    const queued = nodePool('h100-dws', H100, 'queued');
    expect(placePools(pools({ primary: H100 }), [h100Spot, h100, queued], 'FLEX_START').placements[0].nodePool.name).toBe('h100-dws');
    const { problems } = placePools(pools({ primary: H100 }), [h100Spot, h100], 'FLEX_START');
    expect(problems[0].allowed).toContain('runs on flex-start or queued node pools');
  });

  test('no node pool of the hardware: the problem says what would fit', () => {
    const a100 = placePools(pools({ primary: { kind: 'gpu', gpuType: 'NVIDIA_TESLA_A100', gpusPerReplica: 8 } }), cluster, 'STANDARD');
    expect(a100.problems[0].allowed).toMatch(/^no node pool fits: needs a standard node pool of NVIDIA_TESLA_A100 with a multiple of 8 GPUs per node; node pools: h100-spot/);
    // 8 L4 per replica do not fit nodes of 4.
    const big = placePools(pools({ primary: { ...L4, gpusPerReplica: 8 } }), cluster, 'STANDARD');
    expect(big.problems[0].value).toBe('1 × 8 × NVIDIA_L4');
    expect(big.problems[0].allowed).toContain('l4 (4 × NVIDIA_L4 per node');
    expect(placePools(pools({ primary: L4 }), [], 'STANDARD').problems[0].allowed).toContain('the cluster has no node pools');
  });

  test('CPU pools prefer their machine type, then the smallest larger node; pods leave room for the node\'s system pods', () => {
    const same = placePools(pools({ primary: { kind: 'cpu', machineType: 'n2-standard-8' } }), [cpu32, cpu8], 'STANDARD');
    expect(same.placements[0].nodePool.name).toBe('cpu8');
    expect(same.placements[0].unitsPerPod).toBe(7.5);
    const larger = placePools(pools({ primary: { kind: 'cpu', machineType: 'n2-standard-16' } }), [cpu32, cpu8], 'STANDARD');
    expect(larger.placements[0].nodePool.name).toBe('cpu32');
    expect(larger.placements[0].unitsPerPod).toBe(16);
    const none = placePools(pools({ primary: { kind: 'cpu', machineType: 'n2-standard-64' } }), [cpu32, cpu8], 'STANDARD');
    expect(none.problems[0].allowed).toContain('CPU node pool of n2-standard-64 or with at least 64 vCPUs per node');
    expect(cpuRequest(2, 2)).toBe(1.5);
    expect(cpuRequest(96, 96)).toBe(91.2);
  });

  test('TPU slices match by version and topology; a pod per VM of the slice', () => {
    const v6e = nodePool('v6e-4x4', { kind: 'tpu', tpuVersion: 'v6e', topology: '4x4' }, 'standard', 4, ['us-central1-b']);
    const job = pools({ primary: { kind: 'tpu', tpuVersion: 'v6e', topology: '4x4' } });
    const placed = placePools(job, [v6e], 'STANDARD');
    expect(placed.problems).toEqual([]);
    expect(placed.placements[0]).toMatchObject({ pods: v6e.tpu!.vmsPerSlice, resource: 'google.com/tpu', unitsPerPod: v6e.tpu!.chipsPerVm });
    expect(placed.demand['v6e-4x4']).toBe(16);
    const other = placePools(pools({ primary: { kind: 'tpu', tpuVersion: 'v6e', topology: '2x4' } }), [v6e], 'STANDARD');
    expect(other.problems[0].allowed).toContain('TPU v6e slices of topology 2x4');
    expect(other.problems[0].allowed).toContain('v6e-4x4 (TPU v6e 4x4');
  });

  test('more pods than the node pool can ever hold, and pools GKE does not run, are refused', () => {
    const capacity = placePools(pools({ primary: H100, workers: { ...H100, replicaCount: 4 } }), [h100], 'STANDARD');
    expect(capacity.problems).toEqual([expect.objectContaining({
      field: 'workerPools.workers',
      allowed: 'node pool h100 grows to 2 nodes (maxNodes) and 4 pods of this pool need 4 (1 per node): raise its maxNodes or lower replicaCount',
    })]);
    const reducer = placePools(pools({ primary: H100, workers: H100, reductionServer: {} }), [h100], 'STANDARD');
    expect(reducer.problems.map((p) => p.field)).toEqual(['workerPools.reductionServer']);
    expect(reducer.problems[0].allowed).toContain('Vertex AI only');
  });

  test('a pool naming a reservation runs only on a node pool consuming it', () => {
    const name = 'projects/acme/zones/us-central1-a/reservations/h100';
    const job = pools({ primary: { ...H100, reservation: { type: 'SPECIFIC_RESERVATION', names: [name] } } });
    const { problems } = placePools(job, [h100], 'STANDARD');
    expect(problems[0].allowed).toContain(`needs a node pool consuming reservation ${name}`);
    expect(problems[0].allowed).toContain('h100: none');
  });
});

describe('team quota a job can ever be admitted with', () => {
  const queue = (team: string, ...quotas: AdmissionQuota[]): CohortQueue => ({ team, quotas });

  test('a team borrows only what the others lend: the reviewer\'s case stays pending forever and is refused', () => {
    const cohort = [queue('a', { flavor: 'h100', nominal: 8 }), queue('b', { flavor: 'h100', nominal: 8, lendingLimit: 0 })];
    expect(admissionCeiling('a', 'h100', cohort)).toEqual({ nominal: 8, borrowingLimit: undefined, lent: 0, lenders: [{ team: 'b', units: 0 }], ceiling: 8 });
    expect(quotaProblems({ h100: 24 }, 'a', cohort)).toEqual([{
      field: 'team',
      value: 'a',
      allowed: 'can be admitted at most 8 units on node pool h100 (own nominal 8; no borrowing limit; the other teams of the cohort lend 0 (b 0: lendingLimit, else nominal)), ' +
        "and one run of the job needs 24 at once: it would wait in the queue forever; raise the team's nominal quota, or another team's nominal or lendingLimit on it, or make the job smaller",
    }]);
    expect(quotaProblems({ h100: 8 }, 'a', cohort)).toEqual([]);
  });

  test('borrowing what a lender leaves unused makes a run fit, up to the lending and borrowing limits', () => {
    const cohort = [
      queue('a', { flavor: 'h100', nominal: 8 }),
      queue('b', { flavor: 'h100', nominal: 8, lendingLimit: 4 }),
      queue('c', { flavor: 'h100', nominal: 12 }),
      queue('d', { flavor: 'l4', nominal: 16 }),
    ];
    // b lends 4 of its 8, c all 12; d's quota is on another flavor and lends nothing here.
    expect(admissionCeiling('a', 'h100', cohort)?.ceiling).toBe(24);
    expect(quotaProblems({ h100: 24 }, 'a', cohort)).toEqual([]);
    expect(quotaProblems({ h100: 25 }, 'a', cohort)[0].allowed).toContain('at most 24 units on node pool h100 (own nominal 8; no borrowing limit; the other teams of the cohort lend 16 (b 4, c 12: lendingLimit, else nominal))');
    // The team's borrowing limit binds below what the others lend.
    const limited = [queue('a', { flavor: 'h100', nominal: 8, borrowingLimit: 8 }), ...cohort.slice(1)];
    expect(quotaProblems({ h100: 16 }, 'a', limited)).toEqual([]);
    const [problem] = quotaProblems({ h100: 24 }, 'a', limited);
    expect(problem.allowed).toContain('at most 16 units on node pool h100 (own nominal 8; borrowing limit 8; the other teams of the cohort lend 16');
    expect(problem.allowed).toContain("raise the team's nominal quota or borrowing limit, or make the job smaller");
    // A team's own lending limit does not keep its nominal quota from itself.
    expect(quotaProblems({ h100: 8 }, 'b', cohort)).toEqual([]);
  });

  test('lendingLimit 0 everywhere: every team is held to its nominal quota, whatever its borrowing limit', () => {
    const cohort = [
      queue('a', { flavor: 'h100', nominal: 16, borrowingLimit: 8, lendingLimit: 0 }),
      queue('b', { flavor: 'h100', nominal: 8, lendingLimit: 0 }),
    ];
    expect(quotaProblems({ h100: 16 }, 'a', cohort)).toEqual([]);
    expect(quotaProblems({ h100: 24 }, 'a', cohort)[0].allowed).toContain('at most 16 units on node pool h100 (own nominal 16; borrowing limit 8; the other teams of the cohort lend 0 (b 0');
    expect(quotaProblems({ h100: 9 }, 'b', cohort)[0].allowed).toContain('at most 8 units on node pool h100 (own nominal 8; no borrowing limit; the other teams of the cohort lend 0 (a 0');
  });

  test('a team alone in its cohort has nothing to borrow: its nominal quota bounds the run', () => {
    const cohort = [queue('vision', { flavor: 'h100-spot', nominal: 16, borrowingLimit: 8 })];
    expect(quotaProblems({ 'h100-spot': 16 }, 'vision', cohort)).toEqual([]);
    const [problem] = quotaProblems({ 'h100-spot': 24 }, 'vision', cohort);
    expect(problem).toEqual({ field: 'team', value: 'vision', allowed: expect.stringContaining('at most 16 units on node pool h100-spot (own nominal 16; borrowing limit 8; no other team of the cohort has quota on it to lend), and one run of the job needs 24 at once') });
    // A team of the cohort without quota on the flavor lends none of it.
    expect(quotaProblems({ 'h100-spot': 24 }, 'vision', [...cohort, queue('speech', { flavor: 'l4', nominal: 8 })])[0].allowed).toContain('no other team of the cohort has quota on it to lend');
  });

  test('a flavor the team has no quota on is refused, listing the team\'s quotas', () => {
    const cohort = [queue('vision', { flavor: 'h100-spot', nominal: 16, borrowingLimit: 0 }), queue('speech', { flavor: 'l4', nominal: 8 })];
    const [problem] = quotaProblems({ l4: 2 }, 'vision', cohort);
    expect(problem.allowed).toContain('has no quota on node pool l4');
    expect(problem.allowed).toContain("the team's quotas: h100-spot nominal 16 + borrowing 0");
    expect(admissionCeiling('vision', 'l4', cohort)).toBeUndefined();
    expect(quotaProblems({ l4: 2 }, 'vision', [queue('vision')])[0].allowed).toContain('the team has no quotas');
  });
});
