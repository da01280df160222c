import { findMachineType } from '../../lib/catalog/machines';
import { VERTEX_REGIONS } from '../../lib/catalog/regions';
import { findTpu, findTpuTopology, TPUS } from '../../lib/catalog/tpus';
import { TpuInfo } from '../../lib/catalog/types';

const tpu = (version: string): TpuInfo => {
  const t = findTpu(version);
  if (t === undefined) throw new Error(`no TPU ${version}`);
  return t;
};

describe('TPUS', () => {
  describe.each(TPUS.map((t) => [t.version, t] as const))('%s', (_v, t) => {
    test('every topology: machine exists, is a TPU machine, chips = product of dims, vms ≥ 1', () => {
      for (const topo of t.topologies) {
        expect(findMachineType(topo.machineType)?.cpuFamily).toBe('tpu');
        const product = topo.topology.split('x').map(Number).reduce((a, b) => a * b, 1);
        expect(topo.chips).toBe(product);
        expect(Number.isInteger(topo.vms) && topo.vms >= 1).toBe(true);
      }
    });

    test('training regions are Vertex regions', () => {
      expect(t.trainingRegions.length).toBeGreaterThan(0);
      for (const r of t.trainingRegions) expect(VERTEX_REGIONS).toContain(r);
    });

    test('selected either by topology or by acceleratorType + counts', () => {
      if (t.acceleratorType === undefined) {
        expect(t.topologies.length).toBeGreaterThan(0);
        expect(t.acceleratorCounts).toBeUndefined();
      } else {
        expect(t.topologies).toEqual([]);
        expect(t.acceleratorCounts?.[0]).toBe(8);
        expect(t.acceleratorCounts?.slice(1).every((c) => c % 32 === 0)).toBe(true);
      }
    });
  });

  test.each<[string, string, string, number, number]>([
    ['v5e', '1x1', 'ct5lp-hightpu-1t', 1, 1],
    ['v5e', '2x2', 'ct5lp-hightpu-4t', 1, 4],
    ['v5e', '16x16', 'ct5lp-hightpu-4t', 64, 256],
    ['v6e', '8x16', 'ct6e-standard-4t', 32, 128],
    ['7x', '2x2x1', 'tpu7x-standard-4t', 1, 4],
    ['7x', '8x8x16', 'tpu7x-standard-4t', 256, 1024],
  ])('%s %s → %s × %d VMs, %d chips', (version, topology, machineType, vms, chips) => {
    expect(findTpuTopology(tpu(version), topology)).toEqual({ topology, machineType, vms, chips });
  });

  test.each(['v5e', 'v6e'])('%s 2x4: single-VM 8t first, 2 × 4t on request', (version) => {
    const t = tpu(version);
    const eight = version === 'v5e' ? 'ct5lp-hightpu-8t' : 'ct6e-standard-8t';
    const four = version === 'v5e' ? 'ct5lp-hightpu-4t' : 'ct6e-standard-4t';
    expect(findTpuTopology(t, '2x4')).toEqual({ topology: '2x4', machineType: eight, vms: 1, chips: 8 });
    expect(findTpuTopology(t, '2x4', four)).toEqual({ topology: '2x4', machineType: four, vms: 2, chips: 8 });
    expect(findTpuTopology(t, '1x1', four)).toBeUndefined();
    expect(findTpuTopology(t, '3x3')).toBeUndefined();
  });

  test.each([
    ['v5e', 'v5e'], ['V5E', 'v5e'], ['v6e', 'v6e'], ['7x', '7x'], ['tpu7x', '7x'], ['TPU7X', '7x'], ['v2', 'v2'], ['v3', 'v3'],
  ])('findTpu(%p) → %s', (input, version) => {
    expect(findTpu(input)?.version).toBe(version);
  });

  test.each(['v4', 'v5p', 'tpu_v5_litepod', ''])('findTpu(%p) is undefined', (input) => {
    expect(findTpu(input)).toBeUndefined();
  });

  test('v2 / v3 enum values and regions', () => {
    expect(tpu('v2')).toMatchObject({ acceleratorType: 'TPU_V2', trainingRegions: ['asia-east1', 'europe-west4', 'us-central1'] });
    expect(tpu('v3')).toMatchObject({ acceleratorType: 'TPU_V3', trainingRegions: ['europe-west4', 'us-central1'] });
    expect(findMachineType('cloud-tpu')).toBeDefined();
  });
});
