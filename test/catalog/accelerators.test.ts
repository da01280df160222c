import { defaultMachineForGpu, findGpu, gpuOfMachine, GPUS } from '../../lib/catalog/accelerators';
import { findMachineType } from '../../lib/catalog/machines';
import { VERTEX_REGIONS } from '../../lib/catalog/regions';
import { GpuInfo } from '../../lib/catalog/types';

const gpu = (name: string): GpuInfo => {
  const g = findGpu(name);
  if (g === undefined) throw new Error(`no GPU ${name}`);
  return g;
};

describe('GPUS', () => {
  test('has the 13 GPU types of reference §3.2 and no K80', () => {
    expect(GPUS.map((g) => g.shortName).sort()).toEqual(
      ['a100', 'a100_80gb', 'b200', 'gb200', 'h100', 'h100_mega', 'h200', 'l4', 'p100', 'p4', 'rtx_pro_6000', 't4', 'v100'].sort(),
    );
    expect(findGpu('NVIDIA_TESLA_K80')).toBeUndefined();
  });

  describe.each(GPUS.map((g) => [g.shortName, g] as const))('%s', (_name, g) => {
    test('has at least one machine, each in MACHINE_TYPES, with non-empty counts', () => {
      const machines = Object.entries(g.machines);
      expect(machines.length).toBeGreaterThan(0);
      for (const [m, counts] of machines) {
        expect(findMachineType(m)).toBeDefined();
        expect(counts.length).toBeGreaterThan(0);
      }
    });

    test('has at least one training region, each a Vertex region, no duplicates', () => {
      expect(g.trainingRegions.length).toBeGreaterThan(0);
      for (const r of g.trainingRegions) expect(VERTEX_REGIONS).toContain(r);
      expect(new Set(g.trainingRegions).size).toBe(g.trainingRegions.length);
    });
  });

  test.each([
    ['t4', true], ['v100', true], ['p4', true], ['p100', true],
    ['a100', false], ['a100_80gb', false], ['l4', false], ['h100', false], ['h100_mega', false],
    ['h200', false], ['b200', false], ['gb200', false], ['rtx_pro_6000', false],
  ])('%s is an N1 GPU: %s', (name, n1) => {
    const machines = Object.keys(gpu(name).machines);
    expect(machines.every((m) => m.startsWith('n1-'))).toBe(n1);
  });

  test.each<[string, string, number[] | undefined]>([
    ['v100', 'n1-standard-4', [1, 2, 4, 8]],
    ['v100', 'n1-highcpu-16', [2, 4, 8]],
    ['v100', 'n1-highmem-32', [4, 8]],
    ['v100', 'n1-highcpu-64', [8]],
    ['v100', 'n1-standard-96', [8]],
    ['t4', 'n1-highmem-2', [1, 2, 4]],
    ['t4', 'n1-standard-32', [2, 4]],
    ['t4', 'n1-highmem-96', [4]],
    ['p4', 'n1-highcpu-64', [4]],
    ['p100', 'n1-highcpu-64', [4]],
    ['p100', 'n1-standard-64', undefined],
    ['p100', 'n1-highmem-96', undefined],
    ['l4', 'g2-standard-32', [1]],
    ['l4', 'g2-standard-48', [4]],
    ['a100', 'a2-megagpu-16g', [16]],
    ['rtx_pro_6000', 'g4-standard-192', [4]],
  ])('%s on %s allows %p', (name, machine, counts) => {
    expect(gpu(name).machines[machine]).toEqual(counts);
  });

  test('flexStart and reservationOnly', () => {
    expect(GPUS.filter((g) => g.flexStart).map((g) => g.shortName).sort()).toEqual(
      ['a100', 'a100_80gb', 'b200', 'h100', 'h100_mega', 'h200', 'l4'],
    );
    expect(GPUS.filter((g) => g.reservationOnly).map((g) => g.shortName)).toEqual(['gb200']);
  });
});

describe('findGpu', () => {
  test.each([
    ['t4', 'NVIDIA_TESLA_T4'],
    ['T4', 'NVIDIA_TESLA_T4'],
    ['nvidia_tesla_t4', 'NVIDIA_TESLA_T4'],
    ['NVIDIA_H100_80GB', 'NVIDIA_H100_80GB'],
    ['h100_mega', 'NVIDIA_H100_MEGA_80GB'],
    ['A100', 'NVIDIA_TESLA_A100'],
    ['a100_80gb', 'NVIDIA_A100_80GB'],
    ['nvidia_h200_141gb', 'NVIDIA_H200_141GB'],
    ['RTX_PRO_6000', 'NVIDIA_RTX_PRO_6000'],
  ])('%p → %s', (name, enumValue) => {
    expect(findGpu(name)?.acceleratorType).toBe(enumValue);
  });

  test.each(['k80', 'h100-mega', 'TPU_V2', 'a100 80gb', ''])('%p is unknown', (name) => {
    expect(findGpu(name)).toBeUndefined();
  });
});

describe('defaultMachineForGpu', () => {
  test.each<[string, number, string | undefined]>([
    ['t4', 1, 'n1-standard-4'],
    ['t4', 4, 'n1-standard-4'],
    ['v100', 8, 'n1-standard-4'],
    ['p100', 2, 'n1-standard-4'],
    ['h100', 8, 'a3-highgpu-8g'],
    ['h100', 1, 'a3-highgpu-1g'],
    ['l4', 1, 'g2-standard-4'],
    ['l4', 2, 'g2-standard-24'],
    ['a100', 16, 'a2-megagpu-16g'],
    ['a100_80gb', 4, 'a2-ultragpu-4g'],
    ['gb200', 4, 'a4x-highgpu-4g'],
    ['rtx_pro_6000', 8, 'g4-standard-384'],
    ['t4', 8, undefined],
    ['h100', 3, undefined],
  ])('(%s, %d) → %p', (name, count, machine) => {
    expect(defaultMachineForGpu(gpu(name), count)).toBe(machine);
  });

  test('every default machine allows the count', () => {
    for (const g of GPUS) {
      for (const count of new Set(Object.values(g.machines).flat())) {
        const m = defaultMachineForGpu(g, count);
        expect(m).toBeDefined();
        expect(g.machines[m as string]).toContain(count);
      }
    }
  });
});

describe('gpuOfMachine', () => {
  test.each<[string, string | undefined]>([
    ['a2-highgpu-1g', 'a100'],
    ['a2-megagpu-16g', 'a100'],
    ['a2-ultragpu-8g', 'a100_80gb'],
    ['a3-highgpu-4g', 'h100'],
    ['a3-megagpu-8g', 'h100_mega'],
    ['a3-ultragpu-8g', 'h200'],
    ['a4-highgpu-8g', 'b200'],
    ['a4x-highgpu-4g', 'gb200'],
    ['g2-standard-96', 'l4'],
    ['g4-standard-48', 'rtx_pro_6000'],
    ['n1-standard-4', undefined],
    ['ct5lp-hightpu-4t', undefined],
    ['nope', undefined],
  ])('%s → %p', (machine, shortName) => {
    expect(gpuOfMachine(machine)?.shortName).toBe(shortName);
  });

  test('every accelerator-only GPU machine carries exactly one GPU type', () => {
    for (const g of GPUS) {
      for (const m of Object.keys(g.machines)) {
        if (findMachineType(m)?.acceleratorOnly) expect(gpuOfMachine(m)).toBe(g);
      }
    }
  });
});
