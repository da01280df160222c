/**
 * GPUs usable for Vertex AI custom training. Pure data: no cdktf import.
 *
 * Sources (shared reference `vertex-training.md`):
 * - §3.2 GPU ↔ machine type and valid `acceleratorCount` (docs `training/configure-compute`). The N1
 *   columns (P4 / P100 / T4 / V100) were reconstructed by the reference from a flattened table: its
 *   mapping is inferred, not read directly.
 * - §3.4 regions offering each GPU for training (the "training" column only; † regions left out).
 * - §1.2 Dynamic Workload Scheduler (FLEX_START) GPUs: L4, A100, H100, H200, B200.
 * - §3.2 GB200 "Requires obtaining capacity using shared reservations".
 * K80 (`NVIDIA_TESLA_K80`, deprecated/EOL) is deliberately absent.
 */
import { findMachineType } from './machines';
import { GpuInfo } from './types';

/** N1 machines of the first row of the §3.2 N1 table. */
const N1_ROW_SMALL = ['n1-standard-4', 'n1-standard-8', 'n1-highmem-2', 'n1-highmem-4', 'n1-highmem-8'] as const;
/** N1 machines of the 16-vCPU row. */
const N1_ROW_16 = ['n1-standard-16', 'n1-highmem-16', 'n1-highcpu-16'] as const;
/** N1 machines of the 32-vCPU row. */
const N1_ROW_32 = ['n1-standard-32', 'n1-highmem-32', 'n1-highcpu-32'] as const;
/** N1 machines of the `n1-highcpu-64` row. */
const N1_ROW_HIGHCPU_64 = ['n1-highcpu-64'] as const;
/** N1 machines of the 64/96-vCPU row (no P100 there). */
const N1_ROW_LARGE = ['n1-standard-64', 'n1-standard-96', 'n1-highmem-64', 'n1-highmem-96', 'n1-highcpu-96'] as const;

type Counts = readonly number[];

/** Machines → counts for one GPU column of the N1 table; `undefined` = "–" (not allowed). */
function n1Column(small: Counts, row16: Counts, row32: Counts, highcpu64: Counts, large: Counts | undefined): Record<string, Counts> {
  const out: Record<string, Counts> = {};
  const rows: [readonly string[], Counts | undefined][] = [
    [N1_ROW_SMALL, small],
    [N1_ROW_16, row16],
    [N1_ROW_32, row32],
    [N1_ROW_HIGHCPU_64, highcpu64],
    [N1_ROW_LARGE, large],
  ];
  for (const [machines, counts] of rows) {
    if (counts === undefined) continue;
    for (const m of machines) out[m] = counts;
  }
  return out;
}

/** Every GPU type of reference §3.2 with its machines, counts and training regions (§3.4). */
export const GPUS: readonly GpuInfo[] = [
  {
    acceleratorType: 'NVIDIA_TESLA_T4',
    shortName: 't4',
    machines: n1Column([1, 2, 4], [1, 2, 4], [2, 4], [4], [4]),
    trainingRegions: [
      'asia-east1', 'asia-east2', 'asia-northeast1', 'asia-northeast3', 'asia-south1', 'asia-southeast1',
      'asia-southeast2', 'australia-southeast1', 'europe-central2', 'europe-west1', 'europe-west2', 'europe-west3',
      'europe-west4', 'northamerica-northeast1', 'southamerica-east1', 'us-central1', 'us-east1', 'us-east4',
      'us-west1', 'us-west2', 'us-west4',
    ],
    flexStart: false,
    reservationOnly: false,
  },
  {
    acceleratorType: 'NVIDIA_TESLA_V100',
    shortName: 'v100',
    machines: n1Column([1, 2, 4, 8], [2, 4, 8], [4, 8], [8], [8]),
    trainingRegions: ['asia-east1', 'europe-west4', 'us-central1', 'us-east1', 'us-west1'],
    flexStart: false,
    reservationOnly: false,
  },
  {
    acceleratorType: 'NVIDIA_TESLA_P4',
    shortName: 'p4',
    machines: n1Column([1, 2, 4], [1, 2, 4], [2, 4], [4], [4]),
    trainingRegions: [
      'asia-southeast1', 'australia-southeast1', 'europe-west4', 'northamerica-northeast1', 'us-central1',
      'us-east4', 'us-west2',
    ],
    flexStart: false,
    reservationOnly: false,
  },
  {
    // End of support Sep 15 2026 (reference §3.2).
    acceleratorType: 'NVIDIA_TESLA_P100',
    shortName: 'p100',
    // 4×P100 "only provides up to 64 vCPUs": no entry for the 64/96-vCPU row except n1-highcpu-64.
    machines: n1Column([1, 2, 4], [1, 2, 4], [2, 4], [4], undefined),
    trainingRegions: ['asia-east1', 'europe-west1', 'europe-west4', 'us-central1', 'us-east1', 'us-west1'],
    flexStart: false,
    reservationOnly: false,
  },
  {
    acceleratorType: 'NVIDIA_TESLA_A100',
    shortName: 'a100',
    machines: {
      'a2-highgpu-1g': [1],
      'a2-highgpu-2g': [2],
      'a2-highgpu-4g': [4],
      'a2-highgpu-8g': [8],
      'a2-megagpu-16g': [16],
    },
    trainingRegions: [
      'asia-northeast3', 'asia-southeast1', 'europe-west4', 'me-west1', 'us-central1', 'us-east1', 'us-west3',
      'us-west4',
    ],
    flexStart: true,
    reservationOnly: false,
  },
  {
    acceleratorType: 'NVIDIA_A100_80GB',
    shortName: 'a100_80gb',
    machines: {
      'a2-ultragpu-1g': [1],
      'a2-ultragpu-2g': [2],
      'a2-ultragpu-4g': [4],
      'a2-ultragpu-8g': [8],
    },
    trainingRegions: ['asia-southeast1', 'europe-west4', 'us-central1', 'us-east4', 'us-east5'],
    flexStart: true,
    reservationOnly: false,
  },
  {
    acceleratorType: 'NVIDIA_L4',
    shortName: 'l4',
    machines: {
      'g2-standard-4': [1],
      'g2-standard-8': [1],
      'g2-standard-12': [1],
      'g2-standard-16': [1],
      'g2-standard-32': [1],
      'g2-standard-24': [2],
      'g2-standard-48': [4],
      'g2-standard-96': [8],
    },
    trainingRegions: [
      'asia-northeast3', 'asia-south1', 'asia-southeast1', 'europe-west2', 'europe-west4', 'me-central2',
      'northamerica-northeast2', 'us-central1', 'us-east1', 'us-east4', 'us-west1',
    ],
    flexStart: true,
    reservationOnly: false,
  },
  {
    acceleratorType: 'NVIDIA_H100_80GB',
    shortName: 'h100',
    machines: {
      'a3-highgpu-1g': [1],
      'a3-highgpu-2g': [2],
      'a3-highgpu-4g': [4],
      'a3-highgpu-8g': [8],
    },
    trainingRegions: [
      'asia-northeast1', 'asia-northeast3', 'asia-south1', 'asia-southeast1', 'europe-west1', 'europe-west2',
      'europe-west3', 'europe-west4', 'northamerica-northeast2', 'us-central1', 'us-east4', 'us-east5', 'us-west1',
      'us-west4',
    ],
    flexStart: true,
    reservationOnly: false,
  },
  {
    // Docs recommend shared reservations or Spot VMs for capacity (reference §3.2); not required.
    acceleratorType: 'NVIDIA_H100_MEGA_80GB',
    shortName: 'h100_mega',
    machines: { 'a3-megagpu-8g': [8] },
    trainingRegions: [
      'asia-east1', 'asia-northeast1', 'asia-southeast1', 'australia-southeast1', 'europe-north1', 'europe-west1',
      'europe-west3', 'europe-west4', 'us-central1', 'us-east4', 'us-east5', 'us-west1', 'us-west4',
    ],
    flexStart: true,
    reservationOnly: false,
  },
  {
    // Docs recommend shared reservations or Spot VMs for capacity (reference §3.2); not required.
    acceleratorType: 'NVIDIA_H200_141GB',
    shortName: 'h200',
    machines: { 'a3-ultragpu-8g': [8] },
    trainingRegions: [
      'asia-south1', 'asia-south2', 'europe-west1', 'europe-west4', 'us-central1', 'us-east4', 'us-east5',
      'us-south1', 'us-west1',
    ],
    flexStart: true,
    reservationOnly: false,
  },
  {
    // Docs recommend shared reservations or Spot VMs for capacity (reference §3.2); not required.
    acceleratorType: 'NVIDIA_B200',
    shortName: 'b200',
    machines: { 'a4-highgpu-8g': [8] },
    trainingRegions: [
      'asia-northeast1', 'asia-southeast1', 'europe-west4', 'us-central1', 'us-east1', 'us-east4', 'us-south1',
      'us-west2', 'us-west3',
    ],
    flexStart: true,
    reservationOnly: false,
  },
  {
    acceleratorType: 'NVIDIA_GB200',
    shortName: 'gb200',
    machines: { 'a4x-highgpu-4g': [4] },
    trainingRegions: ['us-central1', 'us-east4'],
    flexStart: false,
    reservationOnly: true,
  },
  {
    acceleratorType: 'NVIDIA_RTX_PRO_6000',
    shortName: 'rtx_pro_6000',
    machines: {
      'g4-standard-48': [1],
      'g4-standard-96': [2],
      'g4-standard-192': [4],
      'g4-standard-384': [8],
    },
    trainingRegions: ['asia-south2', 'asia-southeast1', 'europe-west4', 'us-central1', 'us-east1', 'us-east4'],
    flexStart: false,
    reservationOnly: false,
  },
];

const BY_KEY: ReadonlyMap<string, GpuInfo> = new Map(
  GPUS.flatMap((g) => [
    [g.acceleratorType.toLowerCase(), g],
    [g.shortName, g],
  ]),
);

/** The GPU named by its `acceleratorType` enum value (e.g. `NVIDIA_H100_80GB`) or short name (e.g. `h100`), case-insensitive. */
export function findGpu(name: string): GpuInfo | undefined {
  return BY_KEY.get(name.trim().toLowerCase());
}

const N1_STANDARD = /^n1-standard-/;

/**
 * The smallest machine that takes `count` GPUs of `gpu`: the fewest vCPUs among the machines allowing
 * `count`, except that among N1 machines the `n1-standard-*` family wins over smaller `n1-highmem-2`
 * (reference §3.2: small machines may starve logging). Undefined when no machine takes `count`.
 */
export function defaultMachineForGpu(gpu: GpuInfo, count: number): string | undefined {
  let best: { name: string; rank: number; vcpus: number } | undefined;
  for (const [name, counts] of Object.entries(gpu.machines)) {
    if (!counts.includes(count)) continue;
    const vcpus = findMachineType(name)?.vcpus ?? Number.POSITIVE_INFINITY;
    const rank = name.startsWith('n1-') && !N1_STANDARD.test(name) ? 1 : 0;
    if (best === undefined || rank < best.rank || (rank === best.rank && vcpus < best.vcpus)) {
      best = { name, rank, vcpus };
    }
  }
  return best?.name;
}

/** Accelerator-only GPU machine (a2/a3/a4/a4x/g2/g4) → the one GPU type it carries. */
const GPU_BY_MACHINE: ReadonlyMap<string, GpuInfo> = new Map(
  GPUS.flatMap((g) =>
    Object.keys(g.machines)
      .filter((m) => findMachineType(m)?.acceleratorOnly === true)
      .map((m): [string, GpuInfo] => [m, g]),
  ),
);

/**
 * The GPU type an accelerator-only GPU machine (a2/a3/a4/a4x/g2/g4) carries, e.g.
 * `a3-highgpu-8g` → H100. Undefined for N1 and other machines that take no or several GPU types.
 */
export function gpuOfMachine(machineType: string): GpuInfo | undefined {
  return GPU_BY_MACHINE.get(machineType);
}
