import { BootDiskType, GpuType, TpuVersion } from './enums';
import { Reservation } from './reservation';
import type { TrainingCode } from '../code/training-code';
import { PoolIntent } from '../spec/pool-intent';
import { objectInput, withInput } from '../core/field-types';
import { CPU_WORKER_POOL_OPTIONS, GPU_WORKER_POOL_OPTIONS, TPU_WORKER_POOL_OPTIONS } from '../core/input-types';

/** Options every worker pool takes. */
export interface WorkerPoolOptions {
  /**
   * VMs (replicas) in the pool. The primary pool takes exactly 1; TPU pools take exactly 1.
   * @default 1
   */
  readonly replicaCount?: number;
  /**
   * Boot disk type, the same for every replica.
   * @default BootDiskType.PD_SSD (HYPERDISK_BALANCED on a3-ultragpu-8g and a4-highgpu-8g)
   */
  readonly bootDiskType?: BootDiskType;
  /**
   * Boot disk size in GiB (100–64,000).
   * @default 100
   */
  readonly bootDiskSizeGb?: number;
  /**
   * Which reservations the VMs may consume.
   * @default - Vertex AI's default (no reservation affinity sent)
   */
  readonly reservation?: Reservation;
  /**
   * Code this pool runs instead of the job's: e.g. an evaluator or parameter-server image, module,
   * args or env that differ from the workers'. It replaces the job's code for this pool entirely
   * (nothing is merged) and is resolved for the pool's own hardware (a CPU evaluator of a GPU job
   * gets the CPU image of a prebuilt framework). Not for the primary pool, which runs the job's code.
   * @default - the job's code
   */
  readonly code?: TrainingCode;
}

/** A GPU pool: GPU type and count per replica; the machine type is chosen unless given. */
export interface GpuWorkerPoolOptions extends WorkerPoolOptions {
  /** GPU type. */
  readonly gpuType: GpuType;
  /** GPUs per replica (VM). */
  readonly gpusPerReplica: number;
  /**
   * Machine type; validated against the GPU type and count.
   * @default - the smallest machine that takes `gpusPerReplica` GPUs of `gpuType`
   */
  readonly machineType?: string;
}

/** A TPU pool: one replica of one slice. */
export interface TpuWorkerPoolOptions extends WorkerPoolOptions {
  /** TPU generation. */
  readonly version: TpuVersion;
  /**
   * Slice topology (`2x4`, `4x4`, `2x2x1`, ...) for v5e, v6e and 7x.
   * @default - required for v5e, v6e and 7x; not used for v2 and v3
   */
  readonly topology?: string;
  /**
   * TPU cores for v2 and v3 (8 for one device, 32·n for a Pod).
   * @default - required for v2 and v3
   */
  readonly cores?: number;
  /**
   * Machine type, when a topology exists on several (v5e 2x4: `ct5lp-hightpu-8t` on 1 VM or
   * `ct5lp-hightpu-4t` on 2).
   * @default - the single-VM machine where there is one, otherwise the only machine for the topology
   */
  readonly machineType?: string;
}

/** A CPU-only pool. */
export interface CpuWorkerPoolOptions extends WorkerPoolOptions {
  /** Machine type, e.g. `n2-standard-16`. */
  readonly machineType: string;
}

/**
 * The compute of one worker pool, declared by intent: "8 × H100 per replica, 4 replicas",
 * "TPU v6e 4x4", "CPU n2-standard-16 × 3". It is validated against the machine, accelerator and
 * region catalog when a job renders it, so that errors name the job and the pool.
 */
export class WorkerPool {
  /** A GPU pool. */
  public static gpu(options: GpuWorkerPoolOptions): WorkerPool {
    const given = options;
    options = objectInput(options);
    return new WorkerPool(given, {
      kind: 'gpu',
      gpuType: options.gpuType,
      gpusPerReplica: options.gpusPerReplica,
      machineType: options.machineType,
      ...common(options),
    });
  }

  /** A TPU pool (one replica). */
  public static tpu(options: TpuWorkerPoolOptions): WorkerPool {
    const given = options;
    options = objectInput(options);
    return new WorkerPool(given, {
      kind: 'tpu',
      tpuVersion: options.version,
      topology: options.topology,
      cores: options.cores,
      machineType: options.machineType,
      ...common(options),
    });
  }

  /** A CPU-only pool. */
  public static cpu(options: CpuWorkerPoolOptions): WorkerPool {
    const given = options;
    options = objectInput(options);
    return new WorkerPool(given, { kind: 'cpu', machineType: options.machineType, ...common(options) });
  }

  /** @internal */
  public readonly _intent: PoolIntent;
  /**
   * The pool's own code, as given (checked when a job resolves it).
   * @internal
   */
  public readonly _code?: TrainingCode;

  private constructor(options: WorkerPoolOptions, intent: PoolIntent) {
    withInput(this, '', options, { gpu: GPU_WORKER_POOL_OPTIONS, tpu: TPU_WORKER_POOL_OPTIONS, cpu: CPU_WORKER_POOL_OPTIONS }[intent.kind]);
    this._intent = intent;
    this._code = objectInput(options).code;
  }

  /** Replicas of the pool as declared. */
  public get replicaCount(): number {
    return this._intent.replicaCount ?? 1;
  }
}

function common(options: WorkerPoolOptions) {
  return {
    replicaCount: options.replicaCount,
    bootDiskType: options.bootDiskType,
    bootDiskSizeGb: options.bootDiskSizeGb,
    reservation: options.reservation ? { type: options.reservation.affinityType, names: options.reservation.names } : undefined,
  };
}
