import {
  BootDiskType, GpuType, GpuWorkerPoolOptions, ReductionServer, ReductionServerOptions, Reservation, TpuVersion,
  TpuWorkerPoolOptions, WorkerPool, WorkerPoolOptions, WorkerPoolsProps,
} from '../../lib';
import { ValidationError } from '../../lib/core/validation';
import { layoutIntent } from '../../lib/compute/layout';
import { Problem } from '../../lib/spec/problem';
import { machineSpecJson, PoolResolution, ResolvedPool, resolvePools, workerPoolSpecsJson } from '../../lib/spec/worker-pools';
import { environmentStack } from '../helpers/synth';
import { validateAgainstProto } from '../helpers/proto-schema';

/**
 * Worker pools by intent, resolved against the machine / accelerator / region catalog (issue 3,
 * "WorkerPool" and "Bad input"): for every GPU type and TPU version one accepted and one rejected
 * combination, the distributed layout rules, Reduction Server sizing and the rendered v1
 * `WorkerPoolSpec` JSON (validated against the official aiplatform v1 protos).
 */

const REGION = 'us-central1';

function resolve(props: WorkerPoolsProps, region: string | undefined = REGION): PoolResolution {
  return resolvePools(layoutIntent(props), region);
}

/** The one resolved pool of a role, failing when it is missing. */
function poolOf(resolution: PoolResolution, role: ResolvedPool['role']): ResolvedPool {
  const pool = resolution.pools.find((p) => p.role === role);
  if (!pool) throw new Error(`no ${role} pool resolved (problems: ${JSON.stringify(resolution.problems)})`);
  return pool;
}

/** The problem on `field`, failing (with every problem shown) when there is none. */
function problemAt(resolution: { problems: Problem[] }, field: string): Problem {
  const found = resolution.problems.find((p) => p.field === field);
  if (!found) throw new Error(`no problem at ${field}; problems: ${JSON.stringify(resolution.problems)}`);
  return found;
}

/** A task for every non-Reduction-Server pool, as a job would give it. */
const TASK = (): { [key: string]: unknown } => ({ containerSpec: { imageUri: 'us-central1-docker.pkg.dev/acme-ml/images/trainer:1', args: ['--epochs=3'] } });

/** Problems of each rendered pool against the v1 `WorkerPoolSpec` proto (`{}` skips are left out). */
function protoProblems(specs: object[]): string[] {
  return specs.flatMap((spec, i) =>
    Object.keys(spec).length === 0 ? [] : validateAgainstProto('WorkerPoolSpec', spec).map((p) => `[${i}] ${p}`));
}

// ---------------------------------------------------------------------------------------------
// 1. Every GPU type and TPU version: accepted and rejected combinations.

const N1_SMALL_AND_16_AND_32 = [
  'n1-standard-4', 'n1-standard-8', 'n1-highmem-2', 'n1-highmem-4', 'n1-highmem-8',
  'n1-standard-16', 'n1-highmem-16', 'n1-highcpu-16',
  'n1-standard-32', 'n1-highmem-32', 'n1-highcpu-32',
  'n1-highcpu-64',
].join(', ');

/** The message of an accelerator not offered in `region`: the nearest regions that offer it first. */
const regionsText = (region: string, regions: string, nearest: string): string => `not offered for training in ${region}; nearest: ${nearest}; regions: ${regions}`;

type GpuAccepted = [title: string, options: GpuWorkerPoolOptions, machineType: string];

const GPU_ACCEPTED: GpuAccepted[] = [
  ['T4 ×1 → smallest n1-standard', { gpuType: GpuType.NVIDIA_TESLA_T4, gpusPerReplica: 1 }, 'n1-standard-4'],
  ['T4 ×4 on n1-highcpu-64', { gpuType: GpuType.NVIDIA_TESLA_T4, gpusPerReplica: 4, machineType: 'n1-highcpu-64' }, 'n1-highcpu-64'],
  ['V100 ×8 → n1-standard-4', { gpuType: GpuType.NVIDIA_TESLA_V100, gpusPerReplica: 8 }, 'n1-standard-4'],
  ['V100 ×8 on n1-highmem-96', { gpuType: GpuType.NVIDIA_TESLA_V100, gpusPerReplica: 8, machineType: 'n1-highmem-96' }, 'n1-highmem-96'],
  ['P4 ×2 → n1-standard-4', { gpuType: GpuType.NVIDIA_TESLA_P4, gpusPerReplica: 2 }, 'n1-standard-4'],
  ['P100 ×4 on n1-highcpu-64', { gpuType: GpuType.NVIDIA_TESLA_P100, gpusPerReplica: 4, machineType: 'n1-highcpu-64' }, 'n1-highcpu-64'],
  ['A100 ×2 → a2-highgpu-2g', { gpuType: GpuType.NVIDIA_TESLA_A100, gpusPerReplica: 2 }, 'a2-highgpu-2g'],
  ['A100 ×16 → a2-megagpu-16g', { gpuType: GpuType.NVIDIA_TESLA_A100, gpusPerReplica: 16 }, 'a2-megagpu-16g'],
  ['A100 80GB ×8 → a2-ultragpu-8g', { gpuType: GpuType.NVIDIA_A100_80GB, gpusPerReplica: 8 }, 'a2-ultragpu-8g'],
  ['L4 ×1 → g2-standard-4', { gpuType: GpuType.NVIDIA_L4, gpusPerReplica: 1 }, 'g2-standard-4'],
  ['L4 ×2 → g2-standard-24', { gpuType: GpuType.NVIDIA_L4, gpusPerReplica: 2 }, 'g2-standard-24'],
  ['L4 ×1 on g2-standard-32', { gpuType: GpuType.NVIDIA_L4, gpusPerReplica: 1, machineType: 'g2-standard-32' }, 'g2-standard-32'],
  ['H100 ×8 → a3-highgpu-8g', { gpuType: GpuType.NVIDIA_H100_80GB, gpusPerReplica: 8 }, 'a3-highgpu-8g'],
  ['H100 ×1 → a3-highgpu-1g', { gpuType: GpuType.NVIDIA_H100_80GB, gpusPerReplica: 1 }, 'a3-highgpu-1g'],
  ['H100 Mega ×8 → a3-megagpu-8g', { gpuType: GpuType.NVIDIA_H100_MEGA_80GB, gpusPerReplica: 8 }, 'a3-megagpu-8g'],
  ['H200 ×8 → a3-ultragpu-8g', { gpuType: GpuType.NVIDIA_H200_141GB, gpusPerReplica: 8 }, 'a3-ultragpu-8g'],
  ['B200 ×8 → a4-highgpu-8g', { gpuType: GpuType.NVIDIA_B200, gpusPerReplica: 8 }, 'a4-highgpu-8g'],
  ['GB200 ×4 with a reservation → a4x-highgpu-4g', { gpuType: GpuType.NVIDIA_GB200, gpusPerReplica: 4, reservation: Reservation.any() }, 'a4x-highgpu-4g'],
  ['GB200 ×4 with a specific reservation', {
    gpuType: GpuType.NVIDIA_GB200, gpusPerReplica: 4,
    reservation: Reservation.specific('projects/acme-ml/zones/us-central1-a/reservations/gb200-pool'),
  }, 'a4x-highgpu-4g'],
  ['RTX PRO 6000 ×1 → g4-standard-48', { gpuType: GpuType.NVIDIA_RTX_PRO_6000, gpusPerReplica: 1 }, 'g4-standard-48'],
  ['RTX PRO 6000 ×8 → g4-standard-384', { gpuType: GpuType.NVIDIA_RTX_PRO_6000, gpusPerReplica: 8 }, 'g4-standard-384'],
];

type GpuRejected = [title: string, options: GpuWorkerPoolOptions, region: string, field: string, value: unknown, allowed: string];

const P = 'workerPools.primary';

const GPU_REJECTED: GpuRejected[] = [
  ['T4 ×8 (no machine takes 8)', { gpuType: GpuType.NVIDIA_TESLA_T4, gpusPerReplica: 8 }, REGION,
    `${P}.gpusPerReplica`, 8, 'NVIDIA_TESLA_T4 comes 1, 2, 4 per VM: for 8 GPUs use 4 per VM on 2 VMs (the primary and 1 worker replica)'],
  ['T4 on a2-highgpu-1g (an A100 machine)', { gpuType: GpuType.NVIDIA_TESLA_T4, gpusPerReplica: 1, machineType: 'a2-highgpu-1g' }, REGION,
    `${P}.machineType`, 'a2-highgpu-1g', `NVIDIA_TESLA_T4 runs on ${N1_SMALL_AND_16_AND_32}, n1-standard-64, n1-standard-96, n1-highmem-64, n1-highmem-96, n1-highcpu-96; for 1 per VM use n1-standard-4`],
  ['V100 in europe-west1', { gpuType: GpuType.NVIDIA_TESLA_V100, gpusPerReplica: 1 }, 'europe-west1',
    `${P}.gpuType`, 'NVIDIA_TESLA_V100', regionsText('europe-west1', 'asia-east1, europe-west4, us-central1, us-east1, us-west1', 'europe-west4, us-east1, us-central1')],
  ['V100 ×1 on n1-standard-16 (takes 2, 4, 8)', { gpuType: GpuType.NVIDIA_TESLA_V100, gpusPerReplica: 1, machineType: 'n1-standard-16' }, REGION,
    `${P}.gpusPerReplica`, 1, 'n1-standard-16 takes 2, 4, 8 × NVIDIA_TESLA_V100; for 1 per VM use n1-standard-4'],
  ['P4 ×1 on n1-standard-32 (takes 2, 4)', { gpuType: GpuType.NVIDIA_TESLA_P4, gpusPerReplica: 1, machineType: 'n1-standard-32' }, REGION,
    `${P}.gpusPerReplica`, 1, 'n1-standard-32 takes 2, 4 × NVIDIA_TESLA_P4; for 1 per VM use n1-standard-4'],
  ['P100 on n1-standard-64 (P100 tops out at 64 vCPUs)', { gpuType: GpuType.NVIDIA_TESLA_P100, gpusPerReplica: 4, machineType: 'n1-standard-64' }, REGION,
    `${P}.machineType`, 'n1-standard-64', `NVIDIA_TESLA_P100 runs on ${N1_SMALL_AND_16_AND_32}; for 4 per VM use n1-standard-4`],
  ['A100 ×3 on a2-highgpu-2g', { gpuType: GpuType.NVIDIA_TESLA_A100, gpusPerReplica: 3, machineType: 'a2-highgpu-2g' }, REGION,
    `${P}.gpusPerReplica`, 3, 'a2-highgpu-2g takes 2 × NVIDIA_TESLA_A100'],
  ['A100 on n1-standard-8', { gpuType: GpuType.NVIDIA_TESLA_A100, gpusPerReplica: 1, machineType: 'n1-standard-8' }, REGION,
    `${P}.machineType`, 'n1-standard-8', 'NVIDIA_TESLA_A100 runs on a2-highgpu-1g, a2-highgpu-2g, a2-highgpu-4g, a2-highgpu-8g, a2-megagpu-16g; for 1 per VM use a2-highgpu-1g'],
  ['A100 ×3 (no machine takes 3)', { gpuType: GpuType.NVIDIA_TESLA_A100, gpusPerReplica: 3 }, REGION,
    `${P}.gpusPerReplica`, 3, 'NVIDIA_TESLA_A100 comes 1, 2, 4, 8, 16 per VM: use 2 or 4 per VM'],
  ['A100 80GB on a2-highgpu-8g (the 40 GB machine)', { gpuType: GpuType.NVIDIA_A100_80GB, gpusPerReplica: 8, machineType: 'a2-highgpu-8g' }, REGION,
    `${P}.machineType`, 'a2-highgpu-8g', 'NVIDIA_A100_80GB runs on a2-ultragpu-1g, a2-ultragpu-2g, a2-ultragpu-4g, a2-ultragpu-8g; for 8 per VM use a2-ultragpu-8g'],
  ['L4 in europe-west1', { gpuType: GpuType.NVIDIA_L4, gpusPerReplica: 1 }, 'europe-west1',
    `${P}.gpuType`, 'NVIDIA_L4', regionsText('europe-west1', 'asia-northeast3, asia-south1, asia-southeast1, europe-west2, europe-west4, me-central2, northamerica-northeast2, us-central1, us-east1, us-east4, us-west1', 'europe-west2, europe-west4, me-central2')],
  ['L4 ×2 on g2-standard-8 (takes 1)', { gpuType: GpuType.NVIDIA_L4, gpusPerReplica: 2, machineType: 'g2-standard-8' }, REGION,
    `${P}.gpusPerReplica`, 2, 'g2-standard-8 takes 1 × NVIDIA_L4; for 2 per VM use g2-standard-24'],
  ['H100 ×3', { gpuType: GpuType.NVIDIA_H100_80GB, gpusPerReplica: 3 }, REGION,
    `${P}.gpusPerReplica`, 3, 'NVIDIA_H100_80GB comes 1, 2, 4, 8 per VM: use 2 or 4 per VM'],
  ['H100 on a3-megagpu-8g (the H100 Mega machine)', { gpuType: GpuType.NVIDIA_H100_80GB, gpusPerReplica: 8, machineType: 'a3-megagpu-8g' }, REGION,
    `${P}.machineType`, 'a3-megagpu-8g', 'NVIDIA_H100_80GB runs on a3-highgpu-1g, a3-highgpu-2g, a3-highgpu-4g, a3-highgpu-8g; for 8 per VM use a3-highgpu-8g'],
  ['H100 Mega ×4', { gpuType: GpuType.NVIDIA_H100_MEGA_80GB, gpusPerReplica: 4 }, REGION,
    `${P}.gpusPerReplica`, 4, 'NVIDIA_H100_MEGA_80GB comes 8 per VM'],
  ['H200 in asia-southeast1', { gpuType: GpuType.NVIDIA_H200_141GB, gpusPerReplica: 8 }, 'asia-southeast1',
    `${P}.gpuType`, 'NVIDIA_H200_141GB', regionsText('asia-southeast1', 'asia-south1, asia-south2, europe-west1, europe-west4, us-central1, us-east4, us-east5, us-south1, us-west1', 'asia-south1, asia-south2, europe-west4')],
  ['B200 on a3-highgpu-8g', { gpuType: GpuType.NVIDIA_B200, gpusPerReplica: 8, machineType: 'a3-highgpu-8g' }, REGION,
    `${P}.machineType`, 'a3-highgpu-8g', 'NVIDIA_B200 runs on a4-highgpu-8g'],
  ['GB200 without a reservation', { gpuType: GpuType.NVIDIA_GB200, gpusPerReplica: 4 }, REGION,
    `${P}.reservation`, 'none', 'NVIDIA_GB200 capacity is only available through a reservation (Reservation.specific(...) or Reservation.any())'],
  ['GB200 with Reservation.none()', { gpuType: GpuType.NVIDIA_GB200, gpusPerReplica: 4, reservation: Reservation.none() }, REGION,
    `${P}.reservation`, 'NO_RESERVATION', 'NVIDIA_GB200 capacity is only available through a reservation (Reservation.specific(...) or Reservation.any())'],
  ['GB200 in europe-west4', { gpuType: GpuType.NVIDIA_GB200, gpusPerReplica: 4, reservation: Reservation.any() }, 'europe-west4',
    `${P}.gpuType`, 'NVIDIA_GB200', regionsText('europe-west4', 'us-central1, us-east4', 'us-east4, us-central1')],
  ['RTX PRO 6000 ×3', { gpuType: GpuType.NVIDIA_RTX_PRO_6000, gpusPerReplica: 3 }, REGION,
    `${P}.gpusPerReplica`, 3, 'NVIDIA_RTX_PRO_6000 comes 1, 2, 4, 8 per VM: use 2 or 4 per VM'],
  ['RTX PRO 6000 ×2 on g4-standard-48 (takes 1)', { gpuType: GpuType.NVIDIA_RTX_PRO_6000, gpusPerReplica: 2, machineType: 'g4-standard-48' }, REGION,
    `${P}.gpusPerReplica`, 2, 'g4-standard-48 takes 1 × NVIDIA_RTX_PRO_6000; for 2 per VM use g4-standard-96'],
  ['a fractional GPU count', { gpuType: GpuType.NVIDIA_L4, gpusPerReplica: 1.5 }, REGION,
    `${P}.gpusPerReplica`, 1.5, 'NVIDIA_L4 comes 1, 2, 4, 8 per VM: use 1 or 2 per VM'],
];

type TpuAccepted = [title: string, options: TpuWorkerPoolOptions, region: string, expected: Partial<ResolvedPool>];

const TPU_ACCEPTED: TpuAccepted[] = [
  ['v5e 1x1', { version: TpuVersion.V5E, topology: '1x1' }, REGION,
    { machineType: 'ct5lp-hightpu-1t', tpuTopology: '1x1', tpuVms: 1, acceleratorsPerReplica: 1 }],
  ['v5e 2x2 (one 4-chip VM)', { version: TpuVersion.V5E, topology: '2x2' }, REGION,
    { machineType: 'ct5lp-hightpu-4t', tpuTopology: '2x2', tpuVms: 1, acceleratorsPerReplica: 4 }],
  ['v5e 2x4 → the single-VM 8-chip machine', { version: TpuVersion.V5E, topology: '2x4' }, 'us-west4',
    { machineType: 'ct5lp-hightpu-8t', tpuTopology: '2x4', tpuVms: 1, acceleratorsPerReplica: 8 }],
  ['v5e 2x4 on ct5lp-hightpu-4t (2 VMs)', { version: TpuVersion.V5E, topology: '2x4', machineType: 'ct5lp-hightpu-4t' }, REGION,
    { machineType: 'ct5lp-hightpu-4t', tpuTopology: '2x4', tpuVms: 2, acceleratorsPerReplica: 8 }],
  ['v5e 16x16 (64 VMs)', { version: TpuVersion.V5E, topology: '16x16' }, REGION,
    { machineType: 'ct5lp-hightpu-4t', tpuTopology: '16x16', tpuVms: 64, acceleratorsPerReplica: 256 }],
  ['v6e 4x4', { version: TpuVersion.V6E, topology: '4x4' }, 'europe-west4',
    { machineType: 'ct6e-standard-4t', tpuTopology: '4x4', tpuVms: 4, acceleratorsPerReplica: 16 }],
  ['v6e 2x4 → ct6e-standard-8t', { version: TpuVersion.V6E, topology: '2x4' }, REGION,
    { machineType: 'ct6e-standard-8t', tpuTopology: '2x4', tpuVms: 1, acceleratorsPerReplica: 8 }],
  ['7x 2x2x1 (one VM)', { version: TpuVersion.TPU7X, topology: '2x2x1' }, REGION,
    { machineType: 'tpu7x-standard-4t', tpuTopology: '2x2x1', tpuVms: 1, acceleratorsPerReplica: 4 }],
  ['7x 8x8x16 (256 VMs)', { version: TpuVersion.TPU7X, topology: '8x8x16' }, REGION,
    { machineType: 'tpu7x-standard-4t', tpuTopology: '8x8x16', tpuVms: 256, acceleratorsPerReplica: 1024 }],
  ['v2 8 cores', { version: TpuVersion.V2, cores: 8 }, 'asia-east1',
    { machineType: 'cloud-tpu', acceleratorType: 'TPU_V2', acceleratorCount: 8, tpuVms: 1, acceleratorsPerReplica: 8 }],
  ['v2 Pod 32 cores in us-central1', { version: TpuVersion.V2, cores: 32, machineType: 'cloud-tpu' }, REGION,
    { machineType: 'cloud-tpu', acceleratorType: 'TPU_V2', acceleratorCount: 32, tpuVms: 4, acceleratorsPerReplica: 32 }],
  ['v3 8 cores', { version: TpuVersion.V3, cores: 8 }, REGION,
    { machineType: 'cloud-tpu', acceleratorType: 'TPU_V3', acceleratorCount: 8, tpuVms: 1, acceleratorsPerReplica: 8 }],
  ['v3 Pod 128 cores in europe-west4', { version: TpuVersion.V3, cores: 128 }, 'europe-west4',
    { machineType: 'cloud-tpu', acceleratorType: 'TPU_V3', acceleratorCount: 128, tpuVms: 16, acceleratorsPerReplica: 128 }],
];

type TpuRejected = [title: string, options: TpuWorkerPoolOptions, region: string, field: string, value: unknown, allowed: string];

const LITE_TOPOLOGIES = '1x1, 2x4, 2x2, 4x4, 4x8, 8x8, 8x16, 16x16';

const TPU_REJECTED: TpuRejected[] = [
  ['v5e in europe-west4', { version: TpuVersion.V5E, topology: '2x2' }, 'europe-west4',
    `${P}.version`, 'TPU v5e', regionsText('europe-west4', 'us-central1, us-east1, us-west1, us-west4', 'us-east1, us-central1, us-west1')],
  ['v5e 3x3', { version: TpuVersion.V5E, topology: '3x3' }, REGION, `${P}.topology`, '3x3', `TPU v5e topologies: ${LITE_TOPOLOGIES}`],
  ['v5e without a topology', { version: TpuVersion.V5E }, REGION, `${P}.topology`, '(missing)', `TPU v5e topologies: ${LITE_TOPOLOGIES}`],
  ['v5e 2x2 on the 8-chip machine', { version: TpuVersion.V5E, topology: '2x2', machineType: 'ct5lp-hightpu-8t' }, REGION,
    `${P}.machineType`, 'ct5lp-hightpu-8t', 'TPU v5e 2x2 runs on ct5lp-hightpu-4t'],
  ['v6e 2x2x1 (a 7x topology)', { version: TpuVersion.V6E, topology: '2x2x1' }, REGION, `${P}.topology`, '2x2x1', `TPU v6e topologies: ${LITE_TOPOLOGIES}`],
  ['v6e in us-west1', { version: TpuVersion.V6E, topology: '2x2' }, 'us-west1',
    `${P}.version`, 'TPU v6e', regionsText('us-west1', 'asia-northeast1, europe-west4, southamerica-west1, us-central1, us-east1, us-east5, us-south1', 'us-central1, us-south1, us-east5')],
  ['7x 2x2 (a 2-D topology)', { version: TpuVersion.TPU7X, topology: '2x2' }, REGION,
    `${P}.topology`, '2x2', 'TPU 7x topologies: 2x2x1, 2x2x2, 2x2x4, 2x4x4, 4x4x4, 4x4x8, 4x8x8, 8x8x8, 8x8x16'],
  ['7x in europe-west4', { version: TpuVersion.TPU7X, topology: '2x2x1' }, 'europe-west4', `${P}.version`, 'TPU 7x', regionsText('europe-west4', 'us-central1', 'us-central1')],
  ['v2 with 16 cores', { version: TpuVersion.V2, cores: 16 }, REGION, `${P}.cores`, 16, 'TPU v2 takes 8, 32, 64, 128, 256, 512 cores'],
  ['v2 without cores', { version: TpuVersion.V2 }, REGION, `${P}.cores`, '(missing)', 'TPU v2 takes 8, 32, 64, 128, 256, 512 cores'],
  ['v2 in us-east1', { version: TpuVersion.V2, cores: 8 }, 'us-east1', `${P}.version`, 'TPU v2', regionsText('us-east1', 'asia-east1, europe-west4, us-central1', 'us-central1, europe-west4, asia-east1')],
  ['v3 with 4 cores', { version: TpuVersion.V3, cores: 4 }, REGION, `${P}.cores`, 4, 'TPU v3 takes 8, 32, 64, 128, 256, 512, 1024, 2048 cores'],
  ['v3 sized by topology', { version: TpuVersion.V3, cores: 8, topology: '2x2' }, REGION, `${P}.topology`, '2x2', 'TPU v3 is sized by cores, not by topology'],
  ['v3 on another machine type', { version: TpuVersion.V3, cores: 8, machineType: 'ct5lp-hightpu-4t' }, REGION,
    `${P}.machineType`, 'ct5lp-hightpu-4t', 'TPU v3 runs on cloud-tpu'],
];

describe('every GPU type and TPU version', () => {
  test('the tables cover every GpuType and TpuVersion both ways', () => {
    const gpus = Object.values(GpuType);
    expect(new Set(GPU_ACCEPTED.map(([, o]) => o.gpuType))).toEqual(new Set(gpus));
    expect(new Set(GPU_REJECTED.map(([, o]) => o.gpuType))).toEqual(new Set(gpus));
    const tpus = Object.values(TpuVersion);
    expect(new Set(TPU_ACCEPTED.map(([, o]) => o.version))).toEqual(new Set(tpus));
    expect(new Set(TPU_REJECTED.map(([, o]) => o.version))).toEqual(new Set(tpus));
  });

  test.each(GPU_ACCEPTED)('GPU accepted: %s', (_title, options, machineType) => {
    const resolution = resolve({ primary: WorkerPool.gpu(options) });
    expect(resolution.problems).toEqual([]);
    const pool = poolOf(resolution, 'primary');
    expect(pool).toMatchObject({
      machineType,
      acceleratorType: options.gpuType,
      acceleratorCount: options.gpusPerReplica,
      acceleratorsPerReplica: options.gpusPerReplica,
      replicaCount: 1,
      position: 0,
      tpuVms: 1,
    });
    expect(pool.tpuTopology).toBeUndefined();
    expect(pool.gpu?.acceleratorType).toBe(options.gpuType);
    expect(machineSpecJson(pool)).toMatchObject({ machineType, acceleratorType: options.gpuType, acceleratorCount: options.gpusPerReplica });
  });

  test.each(GPU_REJECTED)('GPU rejected: %s', (_title, options, region, field, value, allowed) => {
    const resolution = resolve({ primary: WorkerPool.gpu(options) }, region);
    expect(problemAt(resolution, field)).toEqual({ field, value, allowed });
  });

  test.each(TPU_ACCEPTED)('TPU accepted: %s', (_title, options, region, expected) => {
    const resolution = resolve({ primary: WorkerPool.tpu(options) }, region);
    expect(resolution.problems).toEqual([]);
    const pool = poolOf(resolution, 'primary');
    expect(pool).toMatchObject({ ...expected, replicaCount: 1, cpuFamily: 'tpu' });
    expect(pool.tpu?.version).toBe(options.version);
    if (expected.tpuTopology === undefined) expect(pool.tpuTopology).toBeUndefined();
    else expect(pool.acceleratorType).toBeUndefined();
  });

  test.each(TPU_REJECTED)('TPU rejected: %s', (_title, options, region, field, value, allowed) => {
    const resolution = resolve({ primary: WorkerPool.tpu(options) }, region);
    expect(problemAt(resolution, field)).toEqual({ field, value, allowed });
  });

  // Reference §3.4: "TPU v2 / v2 Pod | asia-east1, europe-west4, us-central1 / europe-west4, us-central1"
  // and "TPU v3 / v3 Pod | europe-west4, us-central1 / europe-west4". The catalog keeps one region list
  // per TPU version, so Pods (≥ 32 cores) are accepted where only single devices are offered.
  test.each([
    ['v2 Pod (32 cores) in asia-east1', TpuVersion.V2, 32, 'asia-east1'],
    ['v3 Pod (32 cores) in us-central1', TpuVersion.V3, 32, 'us-central1'],
  ] as [string, TpuVersion, number, string][])('TPU Pod rejected where only single devices train: %s', (_title, version, cores, region) => {
    const resolution = resolve({ primary: WorkerPool.tpu({ version, cores }) }, region);
    expect(resolution.problems).toContainEqual(expect.objectContaining({
      field: expect.stringMatching(/^workerPools\.primary\.(version|cores)$/),
      allowed: expect.stringContaining(`not offered for training in ${region}`),
    }));
  });

  test('without a region, no region problem is reported', () => {
    expect(resolve({ primary: WorkerPool.gpu({ gpuType: GpuType.NVIDIA_L4, gpusPerReplica: 1 }) }, undefined).problems).toEqual([]);
    expect(resolve({ primary: WorkerPool.tpu({ version: TpuVersion.TPU7X, topology: '2x2x1' }) }, undefined).problems).toEqual([]);
  });

  test('every problem is collected, not only the first', () => {
    const resolution = resolve({
      primary: WorkerPool.gpu({ gpuType: GpuType.NVIDIA_L4, gpusPerReplica: 1, bootDiskSizeGb: 99 }),
      workers: WorkerPool.gpu({ gpuType: GpuType.NVIDIA_L4, gpusPerReplica: 3, replicaCount: 2 }),
    }, 'europe-west1');
    expect(resolution.problems.map((p) => p.field).sort()).toEqual([
      'workerPools.primary.bootDiskSizeGb',
      'workerPools.primary.gpuType',
      'workerPools.workers.gpusPerReplica',
    ]);
  });
});

// ---------------------------------------------------------------------------------------------
// 2. Layout rules.

const H100 = (more: Partial<GpuWorkerPoolOptions> = {}): WorkerPool =>
  WorkerPool.gpu({ gpuType: GpuType.NVIDIA_H100_80GB, gpusPerReplica: 8, ...more });
const CPU = (machineType = 'n2-standard-16', more: WorkerPoolOptions = {}): WorkerPool => WorkerPool.cpu({ machineType, ...more });
const V5E = (topology = '2x2', replicaCount?: number): WorkerPool => WorkerPool.tpu({ version: TpuVersion.V5E, topology, replicaCount });

type LayoutRejected = [title: string, props: WorkerPoolsProps, field: string, value: unknown, allowed: string];

const DISK = 'a whole number of GiB from 100 to 64,000';
const RESERVATION_NAME = 'one or more reservation names of the form projects/PROJECT/zones/ZONE/reservations/NAME';
const UNKNOWN_MACHINE = 'a machine type accepted for Vertex AI custom training (e.g. n1-standard-8, n2-standard-16, e2-standard-8, c2-standard-30)';

const LAYOUT_REJECTED: LayoutRejected[] = [
  ['primary with 2 replicas', { primary: H100({ replicaCount: 2 }) },
    'workerPools.primary.replicaCount', 2, 'the primary pool has exactly 1 replica (add workers for more)'],
  ['primary with 0 replicas', { primary: CPU('n2-standard-16', { replicaCount: 0 }) },
    'workerPools.primary.replicaCount', 0, 'a whole number from 1 to 1000'],
  ['workers with 1.5 replicas', { primary: H100(), workers: H100({ replicaCount: 1.5 }) },
    'workerPools.workers.replicaCount', 1.5, 'a whole number from 1 to 1000'],
  ['workers with 1001 replicas', { primary: H100(), workers: H100({ replicaCount: 1001 }) },
    'workerPools.workers.replicaCount', 1001, 'a whole number from 1 to 1000'],
  ['a second TPU replica', { primary: V5E('2x2', 2) },
    'workerPools.primary.replicaCount', 2, 'a TPU pool has exactly 1 replica (choose a larger topology to scale)'],
  ['a TPU pool plus workers', { primary: V5E(), workers: CPU() },
    'workerPools', '2 pools', 'a TPU job has exactly one pool, the primary'],
  ['a TPU pool plus a Reduction Server', { primary: V5E(), reductionServer: ReductionServer.of() },
    'workerPools', '2 pools', 'a TPU job has exactly one pool, the primary'],
  ['TPU workers', { primary: CPU(), workers: V5E() },
    'workerPools.workers', 'TPU', 'TPUs run in the primary pool only'],
  ['parameter servers and a Reduction Server', { primary: H100(), workers: H100({ replicaCount: 3 }), parameterServers: CPU(), reductionServer: ReductionServer.of() },
    'workerPools.reductionServer', 'with parameterServers', 'a job has either parameter servers or a Reduction Server (both take worker pool 2)'],
  ['boot disk 99 GiB', { primary: H100({ bootDiskSizeGb: 99 }) }, 'workerPools.primary.bootDiskSizeGb', 99, DISK],
  ['boot disk 64,001 GiB', { primary: CPU('n2-standard-16', { bootDiskSizeGb: 64_001 }) }, 'workerPools.primary.bootDiskSizeGb', 64_001, DISK],
  ['boot disk 100.5 GiB', { primary: H100(), workers: H100({ bootDiskSizeGb: 100.5 }) }, 'workerPools.workers.bootDiskSizeGb', 100.5, DISK],
  ['an unknown boot disk type', { primary: CPU('n2-standard-16', { bootDiskType: 'pd-balanced' as BootDiskType }) },
    'workerPools.primary.bootDiskType', 'pd-balanced', 'pd-ssd, pd-standard, hyperdisk-balanced'],
  ['a CPU pool on an A100 machine', { primary: CPU('a2-highgpu-1g') },
    'workerPools.primary.machineType', 'a2-highgpu-1g', 'a2-highgpu-1g comes with NVIDIA_TESLA_A100 GPUs: declare it with WorkerPool.gpu'],
  ['a CPU pool on an L4 machine', { primary: H100(), evaluators: CPU('g2-standard-8') },
    'workerPools.evaluators.machineType', 'g2-standard-8', 'g2-standard-8 comes with NVIDIA_L4 GPUs: declare it with WorkerPool.gpu'],
  ['a CPU pool on a TPU machine', { primary: CPU('ct5lp-hightpu-4t') },
    'workerPools.primary.machineType', 'ct5lp-hightpu-4t', 'ct5lp-hightpu-4t is a TPU machine: declare it with WorkerPool.tpu'],
  ['an unknown machine type', { primary: CPU('n9-standard-8') }, 'workerPools.primary.machineType', 'n9-standard-8', UNKNOWN_MACHINE],
  ['a machine type in capitals', { primary: CPU('N2-STANDARD-16') }, 'workerPools.primary.machineType', 'N2-STANDARD-16',
    UNKNOWN_MACHINE.replace(' (e.g.', ' (did you mean n2-standard-16?) (e.g.')],
  ['a misspelt machine type', { primary: CPU('n2-standrd-16') }, 'workerPools.primary.machineType', 'n2-standrd-16',
    UNKNOWN_MACHINE.replace(' (e.g.', ' (did you mean n2-standard-16?) (e.g.')],
  ['a GPU on an unknown machine type', { primary: H100({ machineType: 'a3-highgpu-16g' }) },
    'workerPools.primary.machineType', 'a3-highgpu-16g', 'NVIDIA_H100_80GB runs on a3-highgpu-1g, a3-highgpu-2g, a3-highgpu-4g, a3-highgpu-8g; for 8 per VM use a3-highgpu-8g'],
  ['a malformed specific reservation', { primary: H100({ reservation: Reservation.specific('my-reservation') }) },
    'workerPools.primary.reservation', 'my-reservation', RESERVATION_NAME],
  ['a regional (not zonal) reservation name', {
    primary: H100({ reservation: Reservation.specific('projects/acme-ml/zones/us-central1-a/reservations/ok', 'projects/acme-ml/regions/us-central1/reservations/h100') }),
  }, 'workerPools.primary.reservation', 'projects/acme-ml/regions/us-central1/reservations/h100', RESERVATION_NAME],
  ['a specific reservation without names', { primary: H100({ reservation: Reservation.specific() }) },
    'workerPools.primary.reservation', '(no names)', RESERVATION_NAME],
];

describe('layout rules', () => {
  test.each(LAYOUT_REJECTED)('rejected: %s', (_title, props, field, value, allowed) => {
    expect(problemAt(resolve(props), field)).toEqual({ field, value, allowed });
  });

  test.each([
    ['100 GiB', 100],
    ['64,000 GiB', 64_000],
    ['2,000 GiB', 2_000],
  ] as [string, number][])('boot disk of %s accepted', (_title, bootDiskSizeGb) => {
    const resolution = resolve({ primary: CPU('n2-standard-16', { bootDiskSizeGb }), workers: CPU('n2-standard-16', { bootDiskSizeGb, replicaCount: 3 }) });
    expect(resolution.problems).toEqual([]);
    expect(resolution.pools.map((p) => p.bootDiskSizeGb)).toEqual([bootDiskSizeGb, bootDiskSizeGb]);
  });

  test.each([
    ['n2-standard-16 (CPU)', CPU(), 'pd-ssd'],
    ['a3-highgpu-8g (H100)', H100(), 'pd-ssd'],
    ['a3-ultragpu-8g (H200)', WorkerPool.gpu({ gpuType: GpuType.NVIDIA_H200_141GB, gpusPerReplica: 8 }), 'hyperdisk-balanced'],
    ['a4-highgpu-8g (B200)', WorkerPool.gpu({ gpuType: GpuType.NVIDIA_B200, gpusPerReplica: 8 }), 'hyperdisk-balanced'],
    ['ct5lp-hightpu-4t (TPU v5e)', V5E(), 'pd-ssd'],
  ] as [string, WorkerPool, string][])('default boot disk on %s: %s', (_title, primary, diskType) => {
    const resolution = resolve({ primary });
    expect(resolution.problems).toEqual([]);
    expect(poolOf(resolution, 'primary')).toMatchObject({ bootDiskType: diskType, bootDiskSizeGb: 100 });
  });

  test('an explicit boot disk type wins over the default', () => {
    const pool = poolOf(resolve({ primary: CPU('n2-standard-16', { bootDiskType: BootDiskType.PD_STANDARD, bootDiskSizeGb: 500 }) }), 'primary');
    expect(pool).toMatchObject({ bootDiskType: 'pd-standard', bootDiskSizeGb: 500 });
  });

  test('a full layout resolves in position order', () => {
    const resolution = resolve({
      evaluators: CPU('n1-standard-8'),
      parameterServers: CPU('n2-highmem-16', { replicaCount: 2 }),
      workers: H100({ replicaCount: 3 }),
      primary: H100(),
    });
    expect(resolution.problems).toEqual([]);
    expect(resolution.pools.map((p) => [p.role, p.position, p.replicaCount])).toEqual([
      ['primary', 0, 1], ['workers', 1, 3], ['parameterServers', 2, 2], ['evaluators', 3, 1],
    ]);
  });

  test('WorkerPool.replicaCount reports the declared replicas', () => {
    expect(H100().replicaCount).toBe(1);
    expect(H100({ replicaCount: 4 }).replicaCount).toBe(4);
  });

  test('Reservation factories', () => {
    expect(Reservation.none()).toMatchObject({ affinityType: 'NO_RESERVATION', names: [] });
    expect(Reservation.any()).toMatchObject({ affinityType: 'ANY_RESERVATION', names: [] });
    expect(Reservation.specific('projects/p/zones/us-central1-a/reservations/r')).toMatchObject({
      affinityType: 'SPECIFIC_RESERVATION', names: ['projects/p/zones/us-central1-a/reservations/r'],
    });
  });
});

// ---------------------------------------------------------------------------------------------
// 3. Reduction Server sizing.

const A100_16 = (replicaCount?: number): WorkerPool => WorkerPool.gpu({ gpuType: GpuType.NVIDIA_TESLA_A100, gpusPerReplica: 16, replicaCount });
const REDUCER_IMAGE = (mirror: string): string => `${mirror}-docker.pkg.dev/vertex-ai-restricted/training/reductionserver:latest`;

type Sizing = [title: string, props: WorkerPoolsProps, region: string | undefined, replicaCount: number, machineType: string];

const SIZING: Sizing[] = [
  ['reference example: 8 × a2-megagpu-16g at 100 Gbps → ceil(800 / 32) = 25', { primary: A100_16(), workers: A100_16(7), reductionServer: ReductionServer.of() },
    REGION, 25, 'n1-highcpu-16'],
  ['reference example: 5 × n1-highmem-96 + 8 × V100 at 100 Gbps → 16', {
    primary: WorkerPool.gpu({ gpuType: GpuType.NVIDIA_TESLA_V100, gpusPerReplica: 8, machineType: 'n1-highmem-96' }),
    workers: WorkerPool.gpu({ gpuType: GpuType.NVIDIA_TESLA_V100, gpusPerReplica: 8, machineType: 'n1-highmem-96', replicaCount: 4 }),
    reductionServer: ReductionServer.of(),
  }, REGION, 16, 'n1-highcpu-16'],
  ['explicit replicaCount wins', { primary: A100_16(), workers: A100_16(7), reductionServer: ReductionServer.of({ replicaCount: 4 }) },
    REGION, 4, 'n1-highcpu-16'],
  ['workerBandwidthGbps override: 8 × 50 / 32 → 13', { primary: A100_16(), workers: A100_16(7), reductionServer: ReductionServer.of({ workerBandwidthGbps: 50 }) },
    REGION, 13, 'n1-highcpu-16'],
  ['reducerBandwidthGbps override: 8 × 100 / 64 → 13', {
    primary: A100_16(), workers: A100_16(7), reductionServer: ReductionServer.of({ reducerBandwidthGbps: 64, machineType: 'n2-highcpu-32' }),
  }, REGION, 13, 'n2-highcpu-32'],
  ['a CPU primary is not counted: 4 GPU workers × 200 / 32 → 25', {
    primary: CPU('n1-standard-8'), workers: H100({ replicaCount: 4 }), reductionServer: ReductionServer.of(),
  }, REGION, 25, 'n1-highcpu-16'],
  ['small workers still get one reducer', {
    primary: WorkerPool.gpu({ gpuType: GpuType.NVIDIA_TESLA_T4, gpusPerReplica: 1 }),
    workers: WorkerPool.gpu({ gpuType: GpuType.NVIDIA_TESLA_T4, gpusPerReplica: 1, replicaCount: 1 }),
    reductionServer: ReductionServer.of({ workerBandwidthGbps: 8 }),
  }, REGION, 1, 'n1-highcpu-16'],
];

describe('Reduction Server', () => {
  test.each(SIZING)('%s', (_title, props, region, replicaCount, machineType) => {
    const resolution = resolve(props, region);
    expect(resolution.problems).toEqual([]);
    expect(poolOf(resolution, 'reductionServer')).toMatchObject({
      position: 2, replicaCount, machineType, acceleratorsPerReplica: 0, bootDiskType: 'pd-ssd', bootDiskSizeGb: 100,
    });
    const reducer = poolOf(resolution, 'reductionServer');
    expect(reducer.acceleratorType).toBeUndefined();
    expect(reducer.gpu).toBeUndefined();
  });

  test.each([
    ['us-central1', 'us'],
    ['us-east1', 'us'],
    ['europe-west4', 'europe'],
    ['asia-southeast1', 'asia'],
  ])('the image mirror follows the region: %s → %s-docker.pkg.dev', (region, mirror) => {
    const resolution = resolve({ primary: A100_16(), workers: A100_16(1), reductionServer: ReductionServer.of() }, region);
    expect(resolution.problems).toEqual([]);
    expect(poolOf(resolution, 'reductionServer').imageUri).toBe(REDUCER_IMAGE(mirror));
  });

  test('an explicit image wins', () => {
    const imageUri = 'us-central1-docker.pkg.dev/acme-ml/mirror/reductionserver:1';
    const resolution = resolve({ primary: A100_16(), workers: A100_16(1), reductionServer: ReductionServer.of({ imageUri }) }, 'europe-west4');
    expect(poolOf(resolution, 'reductionServer').imageUri).toBe(imageUri);
  });

  const REDUCER_MACHINE = 'an N1 or N2 machine with at least 16 vCPUs and no GPUs (n1-highcpu-16 recommended)';
  test.each([
    ['a GPU machine', 'a2-highgpu-1g'],
    ['fewer than 16 vCPUs', 'n1-standard-8'],
    ['an N2 with 8 vCPUs', 'n2-highmem-8'],
    ['an E2 machine', 'e2-standard-16'],
    ['a C2 machine', 'c2-standard-30'],
    ['an unknown machine', 'n1-highcpu-17'],
  ])('reducer machine rejected: %s (%s)', (_title, machineType) => {
    const resolution = resolve({ primary: A100_16(), workers: A100_16(3), reductionServer: ReductionServer.of({ machineType }) });
    expect(problemAt(resolution, 'workerPools.reductionServer.machineType')).toEqual({
      field: 'workerPools.reductionServer.machineType', value: machineType, allowed: REDUCER_MACHINE,
    });
    expect(resolution.pools.find((p) => p.role === 'reductionServer')).toBeUndefined();
  });

  test.each([
    ['no workers', { primary: A100_16(), reductionServer: ReductionServer.of() }],
    ['CPU workers', { primary: A100_16(), workers: CPU('n1-standard-16', { replicaCount: 4 }), reductionServer: ReductionServer.of() }],
  ] as [string, WorkerPoolsProps][])('a Reduction Server without GPU workers is rejected: %s', (_title, props) => {
    expect(problemAt(resolve(props), 'workerPools.reductionServer')).toEqual({
      field: 'workerPools.reductionServer', value: 'without GPU workers', allowed: 'a Reduction Server needs a GPU workers pool',
    });
  });

  test.each([
    ['replicaCount 0', { replicaCount: 0 }, 'workerPools.reductionServer.replicaCount', 0, 'a whole number from 1 to 1000'],
    ['reducerBandwidthGbps 0', { reducerBandwidthGbps: 0 }, 'workerPools.reductionServer.reducerBandwidthGbps', 0, 'a positive number of Gbps'],
    ['workerBandwidthGbps -1', { workerBandwidthGbps: -1 }, 'workerPools.reductionServer.workerBandwidthGbps', -1, 'a positive number of Gbps'],
  ] as [string, ReductionServerOptions, string, number, string][])('bad sizing input rejected: %s', (_title, options, field, value, allowed) => {
    const resolution = resolve({ primary: A100_16(), workers: A100_16(3), reductionServer: ReductionServer.of(options) });
    expect(problemAt(resolution, field)).toEqual({ field, value, allowed });
  });
});

// ---------------------------------------------------------------------------------------------
// 4. Rendering.

describe('workerPoolSpecsJson', () => {
  test.each([
    ['primary only', { primary: CPU() }, ['P']],
    ['primary + workers', { primary: H100(), workers: H100({ replicaCount: 2 }) }, ['P', 'P']],
    ['primary + evaluators: positions 1 and 2 skipped', { primary: H100(), evaluators: CPU() }, ['P', '{}', '{}', 'P']],
    ['primary + parameter servers: position 1 skipped, 3 trimmed', { primary: CPU(), parameterServers: CPU('n2-highmem-16', { replicaCount: 2 }) }, ['P', '{}', 'P']],
    ['primary + workers + evaluators', { primary: H100(), workers: H100({ replicaCount: 3 }), evaluators: CPU() }, ['P', 'P', '{}', 'P']],
    ['Reduction Server at position 2', { primary: A100_16(), workers: A100_16(7), reductionServer: ReductionServer.of() }, ['P', 'P', 'P']],
  ] as [string, WorkerPoolsProps, string[]][])('positions: %s', (_title, props, shape) => {
    const resolution = resolve(props);
    expect(resolution.problems).toEqual([]);
    const specs = workerPoolSpecsJson(resolution.pools, TASK);
    expect(specs.map((s) => (Object.keys(s).length === 0 ? '{}' : 'P'))).toEqual(shape);
    specs.forEach((s) => {
      if (Object.keys(s).length === 0) expect(s).toEqual({});
    });
    expect(protoProblems(specs)).toEqual([]);
  });

  test('a full rendering: replicaCount as a string, disk, task and Reduction Server image', () => {
    const resolution = resolve({ primary: A100_16(), workers: A100_16(7), reductionServer: ReductionServer.of() }, 'europe-west4');
    const specs = workerPoolSpecsJson(resolution.pools, TASK);
    expect(specs).toEqual([
      {
        machineSpec: { machineType: 'a2-megagpu-16g', acceleratorType: 'NVIDIA_TESLA_A100', acceleratorCount: 16 },
        replicaCount: '1',
        diskSpec: { bootDiskType: 'pd-ssd', bootDiskSizeGb: 100 },
        ...TASK(),
      },
      {
        machineSpec: { machineType: 'a2-megagpu-16g', acceleratorType: 'NVIDIA_TESLA_A100', acceleratorCount: 16 },
        replicaCount: '7',
        diskSpec: { bootDiskType: 'pd-ssd', bootDiskSizeGb: 100 },
        ...TASK(),
      },
      {
        machineSpec: { machineType: 'n1-highcpu-16' },
        replicaCount: '25',
        diskSpec: { bootDiskType: 'pd-ssd', bootDiskSizeGb: 100 },
        containerSpec: { imageUri: REDUCER_IMAGE('europe') },
      },
    ]);
    expect(protoProblems(specs)).toEqual([]);
  });

  test('the task function is called for every pool but the Reduction Server', () => {
    const resolution = resolve({ primary: A100_16(), workers: A100_16(1), reductionServer: ReductionServer.of(), evaluators: CPU() });
    const roles: string[] = [];
    workerPoolSpecsJson(resolution.pools, (pool) => {
      roles.push(pool.role);
      return { pythonPackageSpec: { executorImageUri: 'us-docker.pkg.dev/vertex-ai/training/pytorch-gpu.2-4.py310:latest', packageUris: ['gs://b/t.tar.gz'], pythonModule: 'trainer.task' } };
    });
    expect(roles).toEqual(['primary', 'workers', 'evaluators']);
  });

  const every = [
    ...GPU_ACCEPTED.map(([title, options]): [string, WorkerPool, string] => [title, WorkerPool.gpu(options), REGION]),
    ...TPU_ACCEPTED.map(([title, options, region]): [string, WorkerPool, string] => [title, WorkerPool.tpu(options), region]),
  ];

  test.each(every)('machineSpec of %s is valid against the v1 WorkerPoolSpec proto', (_title, primary, region) => {
    const resolution = resolve({ primary }, region);
    expect(resolution.problems).toEqual([]);
    const specs = workerPoolSpecsJson(resolution.pools, TASK);
    expect(specs).toHaveLength(1);
    expect(protoProblems(specs)).toEqual([]);
  });

  test.each([
    ['GPU', H100(), { machineType: 'a3-highgpu-8g', acceleratorType: 'NVIDIA_H100_80GB', acceleratorCount: 8 }],
    ['CPU', CPU('c2-standard-30'), { machineType: 'c2-standard-30' }],
    ['TPU v5e', V5E('4x4'), { machineType: 'ct5lp-hightpu-4t', tpuTopology: '4x4' }],
    ['TPU v6e', WorkerPool.tpu({ version: TpuVersion.V6E, topology: '1x1' }), { machineType: 'ct6e-standard-1t', tpuTopology: '1x1' }],
    ['TPU 7x', WorkerPool.tpu({ version: TpuVersion.TPU7X, topology: '2x2x2' }), { machineType: 'tpu7x-standard-4t', tpuTopology: '2x2x2' }],
    ['TPU v2', WorkerPool.tpu({ version: TpuVersion.V2, cores: 8 }), { machineType: 'cloud-tpu', acceleratorType: 'TPU_V2', acceleratorCount: 8 }],
    ['TPU v3', WorkerPool.tpu({ version: TpuVersion.V3, cores: 32 }), { machineType: 'cloud-tpu', acceleratorType: 'TPU_V3', acceleratorCount: 32 }],
  ] as [string, WorkerPool, object][])('machineSpec of a %s pool', (title, primary, machineSpec) => {
    const region = title === 'TPU v3' ? 'europe-west4' : REGION;
    const resolution = resolve({ primary }, region);
    expect(resolution.problems).toEqual([]);
    const [spec] = workerPoolSpecsJson(resolution.pools, TASK) as { [key: string]: unknown }[];
    expect(spec.machineSpec).toEqual(machineSpec);
    expect(protoProblems([spec])).toEqual([]);
  });

  const SPECIFIC = ['projects/acme-ml/zones/us-central1-a/reservations/h100-a', 'projects/acme-ml/zones/us-central1-b/reservations/h100-b'];
  test.each([
    ['none', Reservation.none(), { reservationAffinityType: 'NO_RESERVATION' }],
    ['any', Reservation.any(), { reservationAffinityType: 'ANY_RESERVATION' }],
    ['specific', Reservation.specific(...SPECIFIC),
      { reservationAffinityType: 'SPECIFIC_RESERVATION', key: 'compute.googleapis.com/reservation-name', values: SPECIFIC }],
  ] as [string, Reservation, object][])('reservationAffinity: %s', (_title, reservation, affinity) => {
    const resolution = resolve({ primary: H100({ reservation }), workers: H100({ reservation, replicaCount: 2 }) });
    expect(resolution.problems).toEqual([]);
    const specs = workerPoolSpecsJson(resolution.pools, TASK) as { machineSpec: { [key: string]: unknown } }[];
    for (const spec of specs) {
      expect(spec.machineSpec).toEqual({ machineType: 'a3-highgpu-8g', acceleratorType: 'NVIDIA_H100_80GB', acceleratorCount: 8, reservationAffinity: affinity });
    }
    expect(protoProblems(specs)).toEqual([]);
  });

  test('no reservation declared: no reservationAffinity sent', () => {
    const [spec] = workerPoolSpecsJson(resolve({ primary: H100() }).pools, TASK) as { machineSpec: object }[];
    expect(spec.machineSpec).not.toHaveProperty('reservationAffinity');
  });

  test('the rendered values do not alias the declared reservation names', () => {
    const names = ['projects/acme-ml/zones/us-central1-a/reservations/r'];
    const resolution = resolve({ primary: H100({ reservation: Reservation.specific(...names) }) });
    const spec = machineSpecJson(poolOf(resolution, 'primary')) as { reservationAffinity: { values: string[] } };
    spec.reservationAffinity.values.push('x');
    expect(poolOf(resolution, 'primary').reservation?.names).toEqual(names);
  });
});

// ---------------------------------------------------------------------------------------------
// 6. Through the construct.

describe('TrainingQuotas.addWorkload', () => {
  const PREFIX = 'test/ml/quotas: workloads.bad.';

  function addError(props: Parameters<ReturnType<typeof environmentStack>['env']['quotas']['addWorkload']>[1]): Error {
    const { env } = environmentStack();
    let error: unknown;
    try {
      env.quotas.addWorkload('bad', props);
    } catch (e) {
      error = e;
    }
    if (error === undefined) throw new Error('expected addWorkload to throw');
    expect(error).toBeInstanceOf(ValidationError);
    return error as Error;
  }

  test('one problem: construct path, field, value and allowed values, nothing appended', () => {
    const error = addError({ workerPools: { primary: WorkerPool.gpu({ gpuType: GpuType.NVIDIA_TESLA_A100, gpusPerReplica: 3, machineType: 'a2-highgpu-2g' }) } });
    expect(error.message).toBe(`${PREFIX}workerPools.primary.gpusPerReplica 3 is not valid: a2-highgpu-2g takes 2 × NVIDIA_TESLA_A100`);
  });

  test('two problems: a line each', () => {
    const error = addError({
      workerPools: { primary: WorkerPool.gpu({ gpuType: GpuType.NVIDIA_TESLA_A100, gpusPerReplica: 3, machineType: 'a2-highgpu-2g', bootDiskSizeGb: 99 }) },
    });
    expect(error.message).toBe([
      `${PREFIX}workerPools.primary.gpusPerReplica 3 is not valid: a2-highgpu-2g takes 2 × NVIDIA_TESLA_A100`,
      `${PREFIX}workerPools.primary.bootDiskSizeGb 99 is not valid: a whole number of GiB from 100 to 64,000`,
    ].join('\n'));
  });

  test('several problems: every one, in the order found', () => {
    const error = addError({
      region: 'europe-west1',
      workerPools: {
        primary: WorkerPool.gpu({ gpuType: GpuType.NVIDIA_TESLA_A100, gpusPerReplica: 3, machineType: 'a2-highgpu-2g', bootDiskSizeGb: 99, replicaCount: 2 }),
      },
    });
    // gpusPerReplica, gpuType (not in europe-west1), bootDiskSizeGb, primary.replicaCount
    const lines = error.message.split('\n');
    expect(lines).toHaveLength(4);
    expect(lines.every((line) => line.startsWith(`${PREFIX}workerPools.primary.`))).toBe(true);
    expect(lines[0]).toBe(`${PREFIX}workerPools.primary.gpusPerReplica 3 is not valid: a2-highgpu-2g takes 2 × NVIDIA_TESLA_A100`);
  });

  test('string values are quoted', () => {
    const error = addError({ workerPools: { primary: WorkerPool.tpu({ version: TpuVersion.V5E, topology: '3x3' }) } });
    expect(error.message).toBe(`${PREFIX}workerPools.primary.topology "3x3" is not valid: TPU v5e topologies: ${LITE_TOPOLOGIES}`);
  });

  test('a rejected workload is not added, so its name can be reused', () => {
    const { env } = environmentStack();
    expect(() => env.quotas.addWorkload('job', { workerPools: { primary: H100({ replicaCount: 2 }) } })).toThrow(ValidationError);
    expect(() => env.quotas.addWorkload('job', { workerPools: { primary: H100(), workers: H100({ replicaCount: 1 }) } })).not.toThrow();
    expect(env.quotas.plan().find((e) => e.metric === 'custom_model_training_nvidia_h100_gpus')).toMatchObject({ demand: 16, contributions: ['job=16'] });
  });
});
