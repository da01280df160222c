/**
 * TPU generations usable for Vertex AI custom training (one worker pool, `replicaCount: 1`).
 * Pure data: no cdktf import.
 *
 * Sources (shared reference `vertex-training.md`):
 * - §3.3 machine types and topologies (docs `training/configure-compute`). v5e / v6e / 7x are chosen by
 *   `machineType` + `tpuTopology` (no `acceleratorType` enum value exists for them, §1.2); v2 / v3 by
 *   machine `cloud-tpu` + `acceleratorType` TPU_V2 / TPU_V3 + `acceleratorCount` (cores).
 * - §3.4 regions offering each TPU for training (the "training" column only).
 * v4 and v5p are not documented for Vertex custom training and are left out.
 */
import { TpuInfo, TpuTopologyInfo } from './types';

/** Chips of a topology such as `2x4` or `2x2x1`: the product of its dimensions. */
function chipsOf(topology: string): number {
  return topology.split('x').reduce((product, dim) => product * Number(dim), 1);
}

/** A topology row; chips derived from the topology string. */
function topo(topology: string, machineType: string, vms: number): TpuTopologyInfo {
  return { topology, machineType, vms, chips: chipsOf(topology) };
}

/** Multi-host topologies of a 4-chip-per-VM machine: VMs = chips / 4. */
function fourChipHosts(machineType: string, topologies: readonly string[]): TpuTopologyInfo[] {
  return topologies.map((t) => topo(t, machineType, chipsOf(t) / 4));
}

/** 2-D topologies served by the 4-chip v5e / v6e machine (2x2 is single-host). */
const LITE_4T_TOPOLOGIES = ['2x2', '2x4', '4x4', '4x8', '8x8', '8x16', '16x16'] as const;

/** Every TPU generation of reference §3.3 usable for custom training. */
export const TPUS: readonly TpuInfo[] = [
  {
    version: 'v5e',
    topologies: [
      topo('1x1', 'ct5lp-hightpu-1t', 1),
      topo('2x4', 'ct5lp-hightpu-8t', 1),
      ...fourChipHosts('ct5lp-hightpu-4t', LITE_4T_TOPOLOGIES),
    ],
    trainingRegions: ['us-central1', 'us-east1', 'us-west1', 'us-west4'],
  },
  {
    version: 'v6e',
    topologies: [
      topo('1x1', 'ct6e-standard-1t', 1),
      topo('2x4', 'ct6e-standard-8t', 1),
      ...fourChipHosts('ct6e-standard-4t', LITE_4T_TOPOLOGIES),
    ],
    trainingRegions: [
      'asia-northeast1', 'europe-west4', 'southamerica-west1', 'us-central1', 'us-east1', 'us-east5', 'us-south1',
    ],
  },
  {
    version: '7x',
    topologies: fourChipHosts('tpu7x-standard-4t', [
      '2x2x1', '2x2x2', '2x2x4', '2x4x4', '4x4x4', '4x4x8', '4x8x8', '8x8x8', '8x8x16',
    ]),
    trainingRegions: ['us-central1'],
  },
  {
    version: 'v2',
    acceleratorType: 'TPU_V2',
    topologies: [],
    // 8 = single device, 32·n = Pod; exact upper bound unconfirmed.
    acceleratorCounts: [8, 32, 64, 128, 256, 512],
    // v2 Pod (counts ≥ 32) only in europe-west4 and us-central1 (§3.4); the shape has one region list.
    trainingRegions: ['asia-east1', 'europe-west4', 'us-central1'],
    podTrainingRegions: ['europe-west4', 'us-central1'],
  },
  {
    version: 'v3',
    acceleratorType: 'TPU_V3',
    topologies: [],
    // 8 = single device, 32·n = Pod; exact upper bound unconfirmed.
    acceleratorCounts: [8, 32, 64, 128, 256, 512, 1024, 2048],
    // v3 Pod (counts ≥ 32) only in europe-west4 (§3.4); the shape has one region list.
    trainingRegions: ['europe-west4', 'us-central1'],
    podTrainingRegions: ['europe-west4'],
  },
];

const BY_VERSION: ReadonlyMap<string, TpuInfo> = new Map([
  ...TPUS.map((t): [string, TpuInfo] => [t.version, t]),
  ['tpu7x', TPUS.find((t) => t.version === '7x') as TpuInfo],
]);

/** The TPU generation `version` (`v5e`, `v6e`, `7x` or `tpu7x`, `v2`, `v3`), case-insensitive. */
export function findTpu(version: string): TpuInfo | undefined {
  return BY_VERSION.get(version.trim().toLowerCase());
}

/**
 * The topology `topology` of `tpu`, on `machineType` when given; otherwise the single-VM variant when
 * there is one (v5e / v6e `2x4` → the 8-chip machine), else the first match. Undefined when invalid.
 */
export function findTpuTopology(tpu: TpuInfo, topology: string, machineType?: string): TpuTopologyInfo | undefined {
  const matches = tpu.topologies.filter(
    (t) => t.topology === topology && (machineType === undefined || t.machineType === machineType),
  );
  return matches.find((t) => t.vms === 1) ?? matches[0];
}
