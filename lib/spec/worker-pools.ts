import { defaultMachineForGpu, findGpu, gpuOfMachine } from '../catalog/accelerators';
import { reductionServerImage } from '../catalog/images';
import { findMachineType } from '../catalog/machines';
import { egressGbps } from '../catalog/network';
import { findTpu, findTpuTopology } from '../catalog/tpus';
import { CpuFamily, GpuInfo, TpuInfo } from '../catalog/types';
import { LayoutIntent, PoolIntent, ReductionServerIntent } from './pool-intent';
import { Problem } from './problem';
import { gpuCountHint, machineForCountHint, machineTypeHint, nearestRegionsHint } from '../catalog/hints';
import { reservationName } from '../rules/reservation';

/** Roles of worker pools, in Vertex AI position order. */
export const POOL_ROLES = ['primary', 'workers', 'parameterServers', 'evaluators'] as const;

/** A role of a worker pool (the Reduction Server takes the parameter servers' position). */
export type PoolRole = typeof POOL_ROLES[number] | 'reductionServer';

const POSITION: { readonly [role in PoolRole]: number } = {
  primary: 0, workers: 1, parameterServers: 2, reductionServer: 2, evaluators: 3,
};

const MIN_DISK_GB = 100;
const MAX_DISK_GB = 64_000;
const MAX_REPLICAS = 1_000;
const HYPERDISK_DEFAULT_MACHINES = new Set(['a3-ultragpu-8g', 'a4-highgpu-8g']);
const DISK_TYPES = ['pd-ssd', 'pd-standard', 'hyperdisk-balanced'];
const REDUCER_DEFAULT_MACHINE = 'n1-highcpu-16';
const REDUCER_DEFAULT_GBPS = 32;

/** A worker pool resolved against the catalog: everything needed to render it and count its quota. */
export interface ResolvedPool {
  readonly role: PoolRole;
  readonly position: number;
  readonly machineType: string;
  readonly vcpus: number;
  readonly cpuFamily: CpuFamily;
  readonly replicaCount: number;
  readonly bootDiskType: string;
  readonly bootDiskSizeGb: number;
  readonly gpu?: GpuInfo;
  readonly tpu?: TpuInfo;
  /** GPUs, TPU chips (v5e/v6e/7x) or TPU cores (v2/v3) per replica. */
  readonly acceleratorsPerReplica: number;
  /** VMs of a TPU slice (1 for single-host slices). */
  readonly tpuVms: number;
  readonly acceleratorType?: string;
  readonly acceleratorCount?: number;
  readonly tpuTopology?: string;
  readonly reservation?: { readonly type: string; readonly names: readonly string[] };
  /** Image of a Reduction Server pool (other pools get their task from the job). */
  readonly imageUri?: string;
}

/** The outcome of resolving a job's pools. */
export interface PoolResolution {
  readonly pools: ResolvedPool[];
  readonly problems: Problem[];
}

/** Resolves every pool of a layout in `region`, collecting every problem rather than the first. */
export function resolvePools(layout: LayoutIntent, region: string | undefined, field = 'workerPools'): PoolResolution {
  const problems: Problem[] = [];
  const pools: ResolvedPool[] = [];
  for (const role of POOL_ROLES) {
    const intent = layout[role];
    if (!intent) continue;
    const pool = resolvePool(role, intent, region, `${field}.${role}`, problems);
    if (pool) pools.push(pool);
  }
  if (layout.parameterServers && layout.reductionServer) {
    problems.push({ field: `${field}.reductionServer`, value: 'with parameterServers', allowed: 'a job has either parameter servers or a Reduction Server (both take worker pool 2)' });
  }
  const primary = pools.find((p) => p.role === 'primary');
  if (primary && primary.replicaCount !== 1) {
    problems.push({ field: `${field}.primary.replicaCount`, value: primary.replicaCount, allowed: 'the primary pool has exactly 1 replica (add workers for more)' });
  }
  const tpuPools = pools.filter((p) => p.tpu);
  if (tpuPools.length > 0 && (pools.length > 1 || layout.reductionServer)) {
    problems.push({ field, value: `${pools.length + (layout.reductionServer ? 1 : 0)} pools`, allowed: 'a TPU job has exactly one pool, the primary' });
  }
  if (tpuPools.length > 0 && tpuPools[0].role !== 'primary') {
    problems.push({ field: `${field}.${tpuPools[0].role}`, value: 'TPU', allowed: 'TPUs run in the primary pool only' });
  }
  if (layout.reductionServer) {
    const reducer = resolveReductionServer(layout.reductionServer, pools, region, `${field}.reductionServer`, problems);
    if (reducer) pools.push(reducer);
  }
  pools.sort((a, b) => a.position - b.position);
  return { pools, problems };
}

/** One pool of a job resolved against the catalog in `region` (undefined: no region checks); problems go to `problems`. */
export function resolvePool(role: PoolRole, intent: PoolIntent, region: string | undefined, field: string, problems: Problem[]): ResolvedPool | undefined {
  const replicaCount = intent.replicaCount ?? 1;
  if (!Number.isInteger(replicaCount) || replicaCount < 1 || replicaCount > MAX_REPLICAS) {
    problems.push({ field: `${field}.replicaCount`, value: replicaCount, allowed: `a whole number from 1 to ${MAX_REPLICAS}` });
  }
  const machine = intent.kind === 'gpu' ? resolveGpuMachine(intent, region, field, problems)
    : intent.kind === 'tpu' ? resolveTpuMachine(intent, region, field, problems)
      : resolveCpuMachine(intent, field, problems);
  if (!machine) return undefined;
  if (machine.tpu && replicaCount !== 1) {
    problems.push({ field: `${field}.replicaCount`, value: replicaCount, allowed: 'a TPU pool has exactly 1 replica (choose a larger topology to scale)' });
  }
  const bootDiskType = intent.bootDiskType ?? (HYPERDISK_DEFAULT_MACHINES.has(machine.machineType) ? 'hyperdisk-balanced' : 'pd-ssd');
  if (!DISK_TYPES.includes(bootDiskType)) {
    problems.push({ field: `${field}.bootDiskType`, value: bootDiskType, allowed: DISK_TYPES.join(', ') });
  }
  const bootDiskSizeGb = intent.bootDiskSizeGb ?? MIN_DISK_GB;
  if (!Number.isInteger(bootDiskSizeGb) || bootDiskSizeGb < MIN_DISK_GB || bootDiskSizeGb > MAX_DISK_GB) {
    problems.push({ field: `${field}.bootDiskSizeGb`, value: bootDiskSizeGb, allowed: `a whole number of GiB from ${MIN_DISK_GB} to ${MAX_DISK_GB.toLocaleString('en-US')}` });
  }
  if (intent.reservation?.type === 'SPECIFIC_RESERVATION') {
    if (intent.reservation.names.length === 0) {
      problems.push({ field: `${field}.reservation`, value: '(no names)', allowed: 'one or more reservation names of the form projects/PROJECT/zones/ZONE/reservations/NAME' });
    }
    for (const name of intent.reservation.names) {
      const allowed = reservationName(name, region);
      if (allowed) problems.push({ field: `${field}.reservation`, value: name, allowed });
    }
  }
  if (machine.gpu?.reservationOnly && (!intent.reservation || intent.reservation.type === 'NO_RESERVATION')) {
    problems.push({ field: `${field}.reservation`, value: intent.reservation?.type ?? 'none', allowed: `${machine.gpu.acceleratorType} capacity is only available through a reservation (Reservation.specific(...) or Reservation.any())` });
  }
  return {
    ...machine,
    role,
    position: POSITION[role],
    replicaCount,
    bootDiskType,
    bootDiskSizeGb,
    reservation: intent.reservation,
  };
}

type MachinePart = Pick<ResolvedPool, 'machineType' | 'vcpus' | 'cpuFamily' | 'gpu' | 'tpu' | 'acceleratorsPerReplica' | 'tpuVms' | 'acceleratorType' | 'acceleratorCount' | 'tpuTopology'>;

function resolveGpuMachine(intent: PoolIntent, region: string | undefined, field: string, problems: Problem[]): MachinePart | undefined {
  const gpu = findGpu(intent.gpuType ?? '');
  if (!gpu) {
    problems.push({ field: `${field}.gpuType`, value: intent.gpuType, allowed: 'a GpuType' });
    return undefined;
  }
  const count = intent.gpusPerReplica ?? 0;
  const allCounts = [...new Set(Object.values(gpu.machines).flat())].sort((a, b) => a - b);
  let machineType = intent.machineType;
  if (machineType === undefined) {
    machineType = Number.isInteger(count) ? defaultMachineForGpu(gpu, count) : undefined;
    if (machineType === undefined) {
      problems.push({ field: `${field}.gpusPerReplica`, value: count, allowed: `${gpu.acceleratorType} comes ${allCounts.join(', ')} per VM${gpuCountHint(gpu, count)}` });
      return undefined;
    }
  } else {
    const allowedCounts = gpu.machines[machineType];
    if (!allowedCounts) {
      problems.push({ field: `${field}.machineType`, value: machineType, allowed: `${gpu.acceleratorType} runs on ${Object.keys(gpu.machines).join(', ')}${machineForCountHint(gpu, count)}` });
      return undefined;
    }
    if (!allowedCounts.includes(count)) {
      problems.push({ field: `${field}.gpusPerReplica`, value: count, allowed: `${machineType} takes ${allowedCounts.join(', ')} × ${gpu.acceleratorType}${machineForCountHint(gpu, count)}` });
    }
  }
  if (region !== undefined && !gpu.trainingRegions.includes(region)) {
    problems.push({ field: `${field}.gpuType`, value: gpu.acceleratorType, allowed: `not offered for training in ${region}${nearestRegionsHint(region, gpu.trainingRegions)}; regions: ${gpu.trainingRegions.join(', ')}` });
  }
  const machine = findMachineType(machineType);
  return {
    machineType,
    vcpus: machine?.vcpus ?? 0,
    cpuFamily: machine?.cpuFamily ?? 'n1',
    gpu,
    acceleratorsPerReplica: count,
    tpuVms: 1,
    acceleratorType: gpu.acceleratorType,
    acceleratorCount: count,
  };
}

function resolveTpuMachine(intent: PoolIntent, region: string | undefined, field: string, problems: Problem[]): MachinePart | undefined {
  const tpu = findTpu(intent.tpuVersion ?? '');
  if (!tpu) {
    problems.push({ field: `${field}.version`, value: intent.tpuVersion, allowed: 'a TpuVersion' });
    return undefined;
  }
  if (region !== undefined && !tpu.trainingRegions.includes(region)) {
    problems.push({ field: `${field}.version`, value: `TPU ${tpu.version}`, allowed: `not offered for training in ${region}${nearestRegionsHint(region, tpu.trainingRegions)}; regions: ${tpu.trainingRegions.join(', ')}` });
  }
  if (tpu.acceleratorType !== undefined) {
    const cores = intent.cores;
    const allowed = tpu.acceleratorCounts ?? [];
    const podRegions = tpu.podTrainingRegions;
    if (region !== undefined && cores !== undefined && cores > 8 && podRegions && !podRegions.includes(region)) {
      problems.push({ field: `${field}.cores`, value: cores, allowed: `TPU ${tpu.version} Pods (more than 8 cores) are not offered for training in ${region}; Pod regions: ${podRegions.join(', ')}` });
    }
    if (cores === undefined || !allowed.includes(cores)) {
      problems.push({ field: `${field}.cores`, value: cores ?? '(missing)', allowed: `TPU ${tpu.version} takes ${allowed.join(', ')} cores` });
    }
    if (intent.topology !== undefined) {
      problems.push({ field: `${field}.topology`, value: intent.topology, allowed: `TPU ${tpu.version} is sized by cores, not by topology` });
    }
    if (intent.machineType !== undefined && intent.machineType !== 'cloud-tpu') {
      problems.push({ field: `${field}.machineType`, value: intent.machineType, allowed: `TPU ${tpu.version} runs on cloud-tpu` });
    }
    return {
      machineType: 'cloud-tpu', vcpus: 0, cpuFamily: 'tpu', tpu,
      acceleratorsPerReplica: cores ?? 0, tpuVms: Math.max(1, (cores ?? 8) / 8),
      acceleratorType: tpu.acceleratorType, acceleratorCount: cores,
    };
  }
  const topologies = [...new Set(tpu.topologies.map((t) => t.topology))];
  if (intent.topology === undefined) {
    problems.push({ field: `${field}.topology`, value: '(missing)', allowed: `TPU ${tpu.version} topologies: ${topologies.join(', ')}` });
    return undefined;
  }
  const slice = findTpuTopology(tpu, intent.topology, intent.machineType);
  if (!slice) {
    const machines = tpu.topologies.filter((t) => t.topology === intent.topology).map((t) => t.machineType);
    problems.push(machines.length > 0
      ? { field: `${field}.machineType`, value: intent.machineType, allowed: `TPU ${tpu.version} ${intent.topology} runs on ${machines.join(', ')}` }
      : { field: `${field}.topology`, value: intent.topology, allowed: `TPU ${tpu.version} topologies: ${topologies.join(', ')}` });
    return undefined;
  }
  const machine = findMachineType(slice.machineType);
  return {
    machineType: slice.machineType, vcpus: machine?.vcpus ?? 0, cpuFamily: 'tpu', tpu,
    acceleratorsPerReplica: slice.chips, tpuVms: slice.vms, tpuTopology: slice.topology,
  };
}

function resolveCpuMachine(intent: PoolIntent, field: string, problems: Problem[]): MachinePart | undefined {
  const machineType = intent.machineType ?? '';
  const machine = findMachineType(machineType);
  if (!machine) {
    problems.push({ field: `${field}.machineType`, value: machineType, allowed: `a machine type accepted for Vertex AI custom training${machineTypeHint(machineType)} (e.g. n1-standard-8, n2-standard-16, e2-standard-8, c2-standard-30)` });
    return undefined;
  }
  if (machine.acceleratorOnly) {
    const gpu = gpuOfMachine(machineType);
    problems.push({ field: `${field}.machineType`, value: machineType, allowed: gpu
      ? `${machineType} comes with ${gpu.acceleratorType} GPUs: declare it with WorkerPool.gpu`
      : `${machineType} is a TPU machine: declare it with WorkerPool.tpu` });
    return undefined;
  }
  return { machineType, vcpus: machine.vcpus, cpuFamily: machine.cpuFamily, acceleratorsPerReplica: 0, tpuVms: 1 };
}

function resolveReductionServer(intent: ReductionServerIntent, pools: ResolvedPool[], region: string | undefined, field: string, problems: Problem[]): ResolvedPool | undefined {
  const gpuPools = pools.filter((p) => p.gpu && (p.role === 'primary' || p.role === 'workers'));
  const workers = pools.find((p) => p.role === 'workers');
  if (!workers || !workers.gpu) {
    problems.push({ field, value: 'without GPU workers', allowed: 'a Reduction Server needs a GPU workers pool' });
    return undefined;
  }
  const machineType = intent.machineType ?? REDUCER_DEFAULT_MACHINE;
  const machine = findMachineType(machineType);
  if (!machine || !['n1', 'n2'].includes(machine.cpuFamily) || machine.vcpus < 16 || machine.acceleratorOnly) {
    problems.push({ field: `${field}.machineType`, value: machineType, allowed: 'an N1 or N2 machine with at least 16 vCPUs and no GPUs (n1-highcpu-16 recommended)' });
    return undefined;
  }
  const reducerGbps = intent.reducerBandwidthGbps ?? REDUCER_DEFAULT_GBPS;
  if (!(reducerGbps > 0)) problems.push({ field: `${field}.reducerBandwidthGbps`, value: reducerGbps, allowed: 'a positive number of Gbps' });
  const workerGbps = intent.workerBandwidthGbps ?? egressGbps(workers.machineType, workers.vcpus, workers.acceleratorsPerReplica);
  if (!(workerGbps > 0)) problems.push({ field: `${field}.workerBandwidthGbps`, value: workerGbps, allowed: 'a positive number of Gbps' });
  const gpuReplicas = gpuPools.reduce((sum, p) => sum + p.replicaCount, 0);
  const replicaCount = intent.replicaCount ?? Math.max(1, Math.ceil((gpuReplicas * workerGbps) / reducerGbps));
  if (!Number.isInteger(replicaCount) || replicaCount < 1 || replicaCount > MAX_REPLICAS) {
    problems.push({ field: `${field}.replicaCount`, value: replicaCount, allowed: `a whole number from 1 to ${MAX_REPLICAS}` });
  }
  return {
    role: 'reductionServer',
    position: POSITION.reductionServer,
    machineType,
    vcpus: machine.vcpus,
    cpuFamily: machine.cpuFamily,
    replicaCount,
    bootDiskType: 'pd-ssd',
    bootDiskSizeGb: MIN_DISK_GB,
    acceleratorsPerReplica: 0,
    tpuVms: 1,
    imageUri: intent.imageUri ?? (region !== undefined ? reductionServerImage(region) : reductionServerImage('us-central1')),
  };
}

/** The v1 `MachineSpec` of a resolved pool. */
export function machineSpecJson(pool: ResolvedPool): { [key: string]: unknown } {
  const spec: { [key: string]: unknown } = { machineType: pool.machineType };
  if (pool.acceleratorType !== undefined) spec.acceleratorType = pool.acceleratorType;
  if (pool.acceleratorCount !== undefined) spec.acceleratorCount = pool.acceleratorCount;
  if (pool.tpuTopology !== undefined) spec.tpuTopology = pool.tpuTopology;
  if (pool.reservation) {
    spec.reservationAffinity = pool.reservation.type === 'SPECIFIC_RESERVATION'
      ? { reservationAffinityType: pool.reservation.type, key: 'compute.googleapis.com/reservation-name', values: [...pool.reservation.names] }
      : { reservationAffinityType: pool.reservation.type };
  }
  return spec;
}

/**
 * The v1 `workerPoolSpecs` array: pools at their positions, `{}` for a skipped position, trailing
 * empty positions trimmed. `task` gives each pool its `containerSpec` or `pythonPackageSpec`; the
 * Reduction Server always runs its own image.
 */
export function workerPoolSpecsJson(pools: readonly ResolvedPool[], task: (pool: ResolvedPool) => { [key: string]: unknown }): object[] {
  const byPosition: object[] = [];
  const last = Math.max(...pools.map((p) => p.position));
  for (let position = 0; position <= last; position++) {
    const pool = pools.find((p) => p.position === position);
    if (!pool) {
      byPosition.push({});
      continue;
    }
    byPosition.push({
      machineSpec: machineSpecJson(pool),
      replicaCount: String(pool.replicaCount),
      diskSpec: { bootDiskType: pool.bootDiskType, bootDiskSizeGb: pool.bootDiskSizeGb },
      ...(pool.imageUri !== undefined ? { containerSpec: { imageUri: pool.imageUri } } : task(pool)),
    });
  }
  return byPosition;
}
