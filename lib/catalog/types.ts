/**
 * Shapes of the accelerator, machine and quota catalog. Pure data: no cdktf import.
 * Facts and sources: shared reference `vertex-training.md` §2–5.
 */

/** How sure the catalog is of a fact (reference conventions). */
export type Confidence = 'confirmed' | 'observed' | 'unconfirmed';

/** A Compute Engine machine type accepted for Vertex AI custom training. */
export interface MachineTypeInfo {
  /** e.g. `n1-standard-8`. */
  readonly name: string;
  /** vCPUs of one VM (what CPU quota counts). */
  readonly vcpus: number;
  /** Family whose training-CPU quota the VM consumes (`n1` and `e2` share one). */
  readonly cpuFamily: CpuFamily;
  /** Whether the machine can only be used with its accelerators (`*` in the reference list). */
  readonly acceleratorOnly: boolean;
}

/** CPU quota families of custom training. */
export type CpuFamily = 'n1' | 'e2' | 'n2' | 'n4' | 'c2' | 'm1' | 'a2' | 'a3' | 'a4' | 'a4x' | 'g2' | 'g4' | 'tpu';

/** A GPU type of the Vertex v1 `AcceleratorType` enum. */
export interface GpuInfo {
  /** Enum value, e.g. `NVIDIA_H100_80GB`. */
  readonly acceleratorType: string;
  /** Short name users may type, e.g. `h100`; also the token of the quota metric. */
  readonly shortName: string;
  /** Machine type → allowed `acceleratorCount` values. */
  readonly machines: { readonly [machineType: string]: readonly number[] };
  /** Regions offering it for training. */
  readonly trainingRegions: readonly string[];
  /** Whether Dynamic Workload Scheduler (FLEX_START) accepts it. */
  readonly flexStart: boolean;
  /** Whether capacity can only be had through a reservation (GB200). */
  readonly reservationOnly: boolean;
}

/** One valid topology of a TPU generation. */
export interface TpuTopologyInfo {
  /** e.g. `2x4`. */
  readonly topology: string;
  /** Machine type of each VM. */
  readonly machineType: string;
  /** VMs (hosts) of the slice. */
  readonly vms: number;
  /** TPU chips of the slice (product of the dimensions). */
  readonly chips: number;
}

/** A TPU generation usable for custom training (one pool, one replica). */
export interface TpuInfo {
  /** e.g. `v5e`, `v6e`, `7x`, `v2`, `v3`. */
  readonly version: string;
  /** `acceleratorType` enum value when the API wants one (v2, v3); undefined when selected by machine type + topology. */
  readonly acceleratorType?: string;
  /** Valid topologies (machine type + topology generations). */
  readonly topologies: readonly TpuTopologyInfo[];
  /** For v2/v3: machine `cloud-tpu` and allowed `acceleratorCount` values (cores). */
  readonly acceleratorCounts?: readonly number[];
  /** Regions offering it for training. */
  readonly trainingRegions: readonly string[];
  /** v2/v3: regions offering Pods (more than 8 cores), a subset of `trainingRegions`. */
  readonly podTrainingRegions?: readonly string[];
}

/** A training quota: metric of service `aiplatform.googleapis.com`, and its Cloud Quotas API ID. */
export interface QuotaInfo {
  /** Metric name without the service prefix, e.g. `custom_model_training_nvidia_h100_gpus`. */
  readonly metric: string;
  /** Cloud Quotas API quota ID, e.g. `CustomModelTrainingH100GPUsPerProjectPerRegion`; undefined when unknown. */
  readonly quotaId?: string;
  /** How sure the catalog is of the metric name. */
  readonly confidence: Confidence;
  /** How sure the catalog is of the quota ID (often only a naming pattern); undefined when there is no ID. */
  readonly quotaIdConfidence?: Confidence;
}
