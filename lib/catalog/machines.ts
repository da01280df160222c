/**
 * Machine types accepted for Vertex AI custom training. Pure data: no cdktf import.
 *
 * Source: shared reference `vertex-training.md` §3.1 (docs `training/configure-compute`, the list of
 * machine types) plus the TPU machine types of §3.3 (`ct6e-standard-*`, `tpu7x-standard-4t`), which
 * the same page documents in its TPU section only. vCPU counts of the accelerator machines are the
 * Compute Engine figures (§3.3 gives the ct5lp / ct6e ones).
 */
import { CpuFamily, MachineTypeInfo } from './types';

/** One row per size of a general-purpose series whose vCPU count is the number in the name. */
function series(prefix: string, sizes: readonly number[], cpuFamily: CpuFamily, acceleratorOnly = false): MachineTypeInfo[] {
  return sizes.map((vcpus) => ({ name: `${prefix}-${vcpus}`, vcpus, cpuFamily, acceleratorOnly }));
}

/** One accelerator-only row (`*` in the reference list). */
function accel(name: string, vcpus: number, cpuFamily: CpuFamily): MachineTypeInfo {
  return { name, vcpus, cpuFamily, acceleratorOnly: true };
}

const N4_SIZES = [2, 4, 8, 16, 32, 48, 64, 80] as const;

/**
 * Every machine type accepted for custom training (reference §3.1, plus the §3.3 TPU machines),
 * with vCPUs per VM, the CPU-quota family and whether it can only be used with its accelerators.
 */
export const MACHINE_TYPES: readonly MachineTypeInfo[] = [
  // A4X / A4 / A3 / A2: GPU machines (`*`).
  accel('a4x-highgpu-4g', 140, 'a4x'),
  accel('a4-highgpu-8g', 224, 'a4'),
  accel('a3-ultragpu-8g', 224, 'a3'),
  accel('a3-megagpu-8g', 208, 'a3'),
  accel('a3-highgpu-1g', 26, 'a3'),
  accel('a3-highgpu-2g', 52, 'a3'),
  accel('a3-highgpu-4g', 104, 'a3'),
  accel('a3-highgpu-8g', 208, 'a3'),
  accel('a2-ultragpu-1g', 12, 'a2'),
  accel('a2-ultragpu-2g', 24, 'a2'),
  accel('a2-ultragpu-4g', 48, 'a2'),
  accel('a2-ultragpu-8g', 96, 'a2'),
  accel('a2-highgpu-1g', 12, 'a2'),
  accel('a2-highgpu-2g', 24, 'a2'),
  accel('a2-highgpu-4g', 48, 'a2'),
  accel('a2-highgpu-8g', 96, 'a2'),
  accel('a2-megagpu-16g', 96, 'a2'),
  // E2
  ...series('e2-standard', [4, 8, 16, 32], 'e2'),
  ...series('e2-highmem', [2, 4, 8, 16], 'e2'),
  ...series('e2-highcpu', [16, 32], 'e2'),
  // N4
  ...series('n4-standard', N4_SIZES, 'n4'),
  ...series('n4-highmem', N4_SIZES, 'n4'),
  ...series('n4-highcpu', N4_SIZES, 'n4'),
  // N2
  ...series('n2-standard', [4, 8, 16, 32, 48, 64, 80], 'n2'),
  ...series('n2-highmem', [2, 4, 8, 16, 32, 48, 64, 80], 'n2'),
  ...series('n2-highcpu', [16, 32, 48, 64, 80], 'n2'),
  // N1
  ...series('n1-standard', [4, 8, 16, 32, 64, 96], 'n1'),
  ...series('n1-highmem', [2, 4, 8, 16, 32, 64, 96], 'n1'),
  ...series('n1-highcpu', [16, 32, 64, 96], 'n1'),
  // C2
  ...series('c2-standard', [4, 8, 16, 30, 60], 'c2'),
  // M1
  ...series('m1-ultramem', [40, 80, 160], 'm1'),
  ...series('m1-megamem', [96], 'm1'),
  // G2 (L4) and G4 (RTX PRO 6000): GPU machines (`*`).
  ...series('g2-standard', [4, 8, 12, 16, 24, 32, 48, 96], 'g2', true),
  ...series('g4-standard', [48, 96, 192, 384], 'g4', true),
  // TPU VMs (`*`); vCPUs per reference §3.3.
  accel('ct5lp-hightpu-1t', 24, 'tpu'),
  accel('ct5lp-hightpu-4t', 112, 'tpu'),
  accel('ct5lp-hightpu-8t', 224, 'tpu'),
  accel('ct6e-standard-1t', 44, 'tpu'),
  accel('ct6e-standard-4t', 180, 'tpu'),
  accel('ct6e-standard-8t', 180, 'tpu'),
  // Unconfirmed: the reference gives no vCPU count for tpu7x-standard-4t; 224 is an assumption.
  accel('tpu7x-standard-4t', 224, 'tpu'),
  // TPU v2/v3 (acceleratorType TPU_V2/TPU_V3): no VM of the user's; its cores count as TPU quota.
  accel('cloud-tpu', 0, 'tpu'),
];

const BY_NAME: ReadonlyMap<string, MachineTypeInfo> = new Map(MACHINE_TYPES.map((m) => [m.name, m]));

/** The catalog entry of machine type `name` (exact, lowercase name), or undefined when training does not accept it. */
export function findMachineType(name: string): MachineTypeInfo | undefined {
  return BY_NAME.get(name);
}
