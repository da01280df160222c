import { findMachineType, MACHINE_TYPES } from '../../lib/catalog/machines';
import { CpuFamily } from '../../lib/catalog/types';

describe('MACHINE_TYPES', () => {
  test('names are unique', () => {
    const names = MACHINE_TYPES.map((m) => m.name);
    expect(new Set(names).size).toBe(names.length);
  });

  test('expands the reference §3.1 lists plus the §3.3 TPU machines', () => {
    // 17 a* + 10 e2 + 24 n4 + 20 n2 + 17 n1 + 5 c2 + 4 m1 + 8 g2 + 4 g4 + 3 ct5lp + 3 ct6e + tpu7x + cloud-tpu
    expect(MACHINE_TYPES).toHaveLength(17 + 10 + 24 + 20 + 17 + 5 + 4 + 8 + 4 + 3 + 3 + 1 + 1);
  });

  test.each<[string, number, CpuFamily, boolean]>([
    ['n1-standard-4', 4, 'n1', false],
    ['n1-highmem-2', 2, 'n1', false],
    ['n1-highcpu-96', 96, 'n1', false],
    ['e2-highmem-2', 2, 'e2', false],
    ['e2-highcpu-32', 32, 'e2', false],
    ['n2-highcpu-80', 80, 'n2', false],
    ['n4-highmem-48', 48, 'n4', false],
    ['c2-standard-30', 30, 'c2', false],
    ['m1-megamem-96', 96, 'm1', false],
    ['m1-ultramem-160', 160, 'm1', false],
    ['a2-highgpu-1g', 12, 'a2', true],
    ['a2-megagpu-16g', 96, 'a2', true],
    ['a2-ultragpu-8g', 96, 'a2', true],
    ['a3-highgpu-2g', 52, 'a3', true],
    ['a3-megagpu-8g', 208, 'a3', true],
    ['a3-ultragpu-8g', 224, 'a3', true],
    ['a4-highgpu-8g', 224, 'a4', true],
    ['a4x-highgpu-4g', 140, 'a4x', true],
    ['g2-standard-24', 24, 'g2', true],
    ['g4-standard-384', 384, 'g4', true],
    ['ct5lp-hightpu-4t', 112, 'tpu', true],
    ['ct6e-standard-8t', 180, 'tpu', true],
    ['tpu7x-standard-4t', 224, 'tpu', true],
    ['cloud-tpu', 0, 'tpu', true],
  ])('%s: %d vCPUs, family %s, accelerator-only %s', (name, vcpus, cpuFamily, acceleratorOnly) => {
    expect(findMachineType(name)).toEqual({ name, vcpus, cpuFamily, acceleratorOnly });
  });

  test.each(['n1-standard-2', 'e2-standard-2', 'n2-standard-2', 'ct5p-hightpu-4t', 'N1-STANDARD-4', ''])(
    '%p is not a training machine',
    (name) => {
      expect(findMachineType(name)).toBeUndefined();
    },
  );

  test('general-purpose vCPUs are the number in the name', () => {
    for (const m of MACHINE_TYPES.filter((x) => /^(n1|n2|n4|e2|c2|g2|g4|m1)-/.test(x.name))) {
      expect(m.vcpus).toBe(Number(m.name.split('-').pop()));
    }
  });

  test('cpuFamily matches the name prefix', () => {
    for (const m of MACHINE_TYPES) {
      const prefix = m.name.split('-')[0];
      const expected = ['ct5lp', 'ct6e', 'tpu7x', 'cloud'].includes(prefix) ? 'tpu' : prefix;
      expect(m.cpuFamily).toBe(expected);
    }
  });
});
