/**
 * What GKE calls the accelerators of the Vertex catalog, which of them its capacity modes accept,
 * and which Compute Engine quotas a GKE node consumes. Pure data: no cdktf import.
 *
 * The GPU and TPU facts themselves (machines, counts, topologies, regions) are those of
 * `accelerators.ts` and `tpus.ts`: a GKE node pool is declared with the same `WorkerPool` intents.
 * Sources: GKE docs "About GPUs in GKE", "Plan TPUs in GKE", "About flex-start VMs", "Queued
 * provisioning with DWS"; Compute Engine `Quota.Metric` enum (API reference); public GKE tooling
 * (GoogleCloudPlatform/cluster-toolkit, AI-Hypercomputer/xpk) for accelerator names and quota
 * metrics seen in use. A fact marked `[unconfirmed]` was not read in a primary source; each check
 * built on one can be skipped by the node pool's `catalogOverrides`.
 */
import { findGpu } from './accelerators';
import { findTpu } from './tpus';
import { Confidence, GpuInfo, TpuInfo } from './types';

export { COMPUTE_QUOTA_SERVICE } from './compute-quota-service';

/** What GKE knows about one GPU type of the catalog. */
export interface GkeGpuInfo {
  /** Vertex AI enum value, e.g. `NVIDIA_H100_80GB`. */
  readonly acceleratorType: string;
  /** GKE accelerator type: `guest_accelerator.type` and node label `cloud.google.com/gke-accelerator`. */
  readonly gkeType: string;
  /** Compute Engine quota metric token: `NVIDIA_<token>_GPUS`, `PREEMPTIBLE_NVIDIA_<token>_GPUS`. */
  readonly quotaToken: string;
  /** Confidence of the quota metric names. */
  readonly quotaConfidence: Confidence;
  /** Whether GKE flex-start (`node_config.flex_start`) provisions it. */
  readonly flexStart: boolean;
  /** Whether queued provisioning (DWS ProvisioningRequest) provisions it. */
  readonly queuedProvisioning: boolean;
  /** How sure the catalog is of the two flags above. */
  readonly capacityConfidence: Confidence;
}

const DWS = { flex: true, queued: true } as const;
const NO_DWS = { flex: false, queued: false } as const;

/**
 * Per GPU (keyed by Vertex enum value). GKE names: docs "About GPUs in GKE" (nvidia-tesla-*,
 * nvidia-a100-80gb, nvidia-l4, nvidia-h100-80gb, nvidia-h100-mega-80gb, nvidia-h200-141gb,
 * nvidia-b200, nvidia-gb200) and in use in public tooling (nvidia-rtx-pro-6000). Quota metrics:
 * `Quota.Metric` enum has T4, V100, P4, P100, A100, A100_80GB, L4, H100; H100_MEGA, H200, B200,
 * GB200 are seen in quota requests and tooling (observed); RTX_PRO_6000 follows the pattern.
 * Flex-start: the DWS GPUs A100 (40/80 GB), L4, H100, H100 Mega, H200, B200 (the Vertex FLEX_START
 * list and the GKE flex-start page, which shows `--flex-start` with nvidia-b200 / nvidia-h200-141gb).
 * Queued provisioning: the same, and the N1 GPUs (a T4 pool with `--enable-queued-provisioning` is in
 * public use; V100, P4, P100 [unconfirmed]). GB200 and RTX PRO 6000: neither [unconfirmed].
 */
const GKE_GPUS: readonly GkeGpuInfo[] = [
  gpu('NVIDIA_TESLA_T4', 'nvidia-tesla-t4', 'T4', 'confirmed', { flex: false, queued: true }, 'observed'),
  gpu('NVIDIA_TESLA_V100', 'nvidia-tesla-v100', 'V100', 'confirmed', { flex: false, queued: true }, 'unconfirmed'),
  gpu('NVIDIA_TESLA_P4', 'nvidia-tesla-p4', 'P4', 'confirmed', { flex: false, queued: true }, 'unconfirmed'),
  gpu('NVIDIA_TESLA_P100', 'nvidia-tesla-p100', 'P100', 'confirmed', { flex: false, queued: true }, 'unconfirmed'),
  gpu('NVIDIA_TESLA_A100', 'nvidia-tesla-a100', 'A100', 'confirmed', DWS, 'observed'),
  gpu('NVIDIA_A100_80GB', 'nvidia-a100-80gb', 'A100_80GB', 'confirmed', DWS, 'observed'),
  gpu('NVIDIA_L4', 'nvidia-l4', 'L4', 'confirmed', DWS, 'observed'),
  gpu('NVIDIA_H100_80GB', 'nvidia-h100-80gb', 'H100', 'confirmed', DWS, 'observed'),
  gpu('NVIDIA_H100_MEGA_80GB', 'nvidia-h100-mega-80gb', 'H100_MEGA', 'observed', DWS, 'observed'),
  gpu('NVIDIA_H200_141GB', 'nvidia-h200-141gb', 'H200', 'observed', DWS, 'observed'),
  gpu('NVIDIA_B200', 'nvidia-b200', 'B200', 'observed', DWS, 'observed'),
  gpu('NVIDIA_GB200', 'nvidia-gb200', 'GB200', 'observed', NO_DWS, 'unconfirmed'),
  // [unconfirmed] GKE type as seen in public tooling; quota metric by pattern.
  gpu('NVIDIA_RTX_PRO_6000', 'nvidia-rtx-pro-6000', 'RTX_PRO_6000', 'unconfirmed', NO_DWS, 'unconfirmed'),
];

function gpu(acceleratorType: string, gkeType: string, quotaToken: string, quotaConfidence: Confidence, dws: { readonly flex: boolean; readonly queued: boolean }, capacityConfidence: Confidence): GkeGpuInfo {
  return { acceleratorType, gkeType, quotaToken, quotaConfidence, flexStart: dws.flex, queuedProvisioning: dws.queued, capacityConfidence };
}

const GPU_BY_TYPE: ReadonlyMap<string, GkeGpuInfo> = new Map(GKE_GPUS.map((g) => [g.acceleratorType, g]));

/** The GKE facts of `gpu`; undefined for a GPU GKE is not catalogued for. */
export function gkeGpu(gpu: GpuInfo): GkeGpuInfo | undefined {
  return GPU_BY_TYPE.get(gpu.acceleratorType);
}

/** The GKE facts of the GPU named like a `GpuType` (or its short name). */
export function findGkeGpu(name: string): GkeGpuInfo | undefined {
  const info = findGpu(name);
  return info ? gkeGpu(info) : undefined;
}

/** What GKE knows about one TPU generation of the catalog. */
export interface GkeTpuInfo {
  /** `v5e`, `v6e`, `7x`. */
  readonly version: string;
  /** Value of node label `cloud.google.com/gke-tpu-accelerator`. */
  readonly gkeAccelerator: string;
  /** Compute Engine quota metric (on demand); the Spot / DWS one is `PREEMPTIBLE_` + it. */
  readonly quotaMetric: string;
  readonly quotaConfidence: Confidence;
  readonly flexStart: boolean;
  readonly queuedProvisioning: boolean;
  readonly capacityConfidence: Confidence;
}

/**
 * Per TPU generation usable on GKE node pools. The machine types and topologies are those of
 * `tpus.ts` (the same `ct5lp-hightpu-*`, `ct6e-standard-*`, `tpu7x-standard-4t` on GKE).
 * - v5e: `tpu-v5-lite-podslice` (ct5lp machines; docs "Plan TPUs in GKE"); quota
 *   `TPU_LITE_PODSLICE_V5` counted in chips (seen in `gcloud compute regions describe`).
 * - v6e: `tpu-v6e-slice`; quota `TPU_V6E` / `PREEMPTIBLE_TPU_V6E` (console quota links, observed).
 * - 7x: `tpu7x` (xpk system characteristics, observed); quota `TPU_V7X` [unconfirmed].
 * - v2 / v3 are sized in cores on `cloud-tpu` for Vertex; GKE runs v3 on other machines (ct3*),
 *   which the catalog does not describe: refused on GKE.
 * Flex-start and queued provisioning accept v5e and v6e (GKE DWS / flex-start pages, observed); 7x
 * multi-host pools are refused queued provisioning ("Queued_provisioning doesn't support TPUs",
 * observed) and flex-start is [unconfirmed] for them.
 */
const GKE_TPUS: readonly GkeTpuInfo[] = [
  { version: 'v5e', gkeAccelerator: 'tpu-v5-lite-podslice', quotaMetric: 'TPU_LITE_PODSLICE_V5', quotaConfidence: 'observed', flexStart: true, queuedProvisioning: true, capacityConfidence: 'observed' },
  { version: 'v6e', gkeAccelerator: 'tpu-v6e-slice', quotaMetric: 'TPU_V6E', quotaConfidence: 'observed', flexStart: true, queuedProvisioning: true, capacityConfidence: 'observed' },
  { version: '7x', gkeAccelerator: 'tpu7x', quotaMetric: 'TPU_V7X', quotaConfidence: 'unconfirmed', flexStart: false, queuedProvisioning: false, capacityConfidence: 'unconfirmed' },
];

const TPU_BY_VERSION: ReadonlyMap<string, GkeTpuInfo> = new Map(GKE_TPUS.map((t) => [t.version, t]));

/** The GKE facts of `tpu`; undefined for a generation GKE node pools do not take here (v2, v3). */
export function gkeTpu(tpu: TpuInfo): GkeTpuInfo | undefined {
  return TPU_BY_VERSION.get(tpu.version);
}

/** The GKE facts of the TPU generation named like a `TpuVersion`. */
export function findGkeTpu(version: string): GkeTpuInfo | undefined {
  const info = findTpu(version);
  return info ? gkeTpu(info) : undefined;
}

/**
 * Zones offering each TPU generation, within the regions of `tpus.ts` [unconfirmed: recalled from the
 * Cloud TPU "regions and zones" page, not read from a fetched copy; 7x us-central1-c observed in a
 * public TPU7x node pool]. A slice lives in one zone: a pool of it names the zone. Checked only where
 * the catalog knows the region's zones; `catalogOverrides.skipLocationCheck` skips it.
 */
const TPU_ZONES: { readonly [version: string]: readonly string[] } = {
  v5e: ['us-central1-a', 'us-east1-c', 'us-west1-c', 'us-west4-a'],
  v6e: ['asia-northeast1-b', 'europe-west4-a', 'southamerica-west1-a', 'us-central1-b', 'us-east1-d', 'us-east5-b', 'us-south1-a'],
  '7x': ['us-central1-c'],
};

/** The catalogued zones of `region` offering TPU `version`; empty when the catalog does not know them. */
export function tpuZonesIn(version: string, region: string): string[] {
  return (TPU_ZONES[version] ?? []).filter((zone) => zone.startsWith(`${region}-`));
}

/**
 * Zones offering each GPU, for the regions the catalog knows them in [unconfirmed: recalled from the
 * Compute Engine "GPU regions and zones" page, not read from a fetched copy; observed only
 * `a3-megagpu-8g` and `a2-highgpu-1g` in us-central1-a and `a2-highgpu-1g` in us-central1-f, in
 * GoogleCloudPlatform/ai-infra-cluster-provisioning test inputs]. A region absent
 * here is not known, not excluded: `gcloud compute accelerator-types list` lists the real zones. GPU
 * node pools name their zones: a region's default zones may lack the GPU (the create fails at apply)
 * and a distributed run's pods would spread over zones. `catalogOverrides.skipLocationCheck` skips the
 * zone check.
 */
const GPU_ZONES: { readonly [acceleratorType: string]: readonly string[] } = {
  NVIDIA_TESLA_T4: ['us-central1-a', 'us-central1-b', 'us-central1-c', 'us-central1-f', 'us-east1-c', 'us-east1-d', 'us-west1-a', 'us-west1-b', 'europe-west4-b', 'europe-west4-c'],
  NVIDIA_TESLA_V100: ['us-central1-a', 'us-central1-b', 'us-central1-c', 'us-central1-f', 'europe-west4-a', 'europe-west4-b', 'europe-west4-c'],
  NVIDIA_TESLA_A100: ['us-central1-a', 'us-central1-b', 'us-central1-c', 'us-central1-f', 'europe-west4-a', 'europe-west4-b'],
  NVIDIA_A100_80GB: ['us-central1-a', 'us-central1-c', 'us-east4-c', 'us-east5-b', 'europe-west4-a'],
  NVIDIA_L4: ['us-central1-a', 'us-central1-b', 'us-central1-c', 'us-east1-b', 'us-east1-d', 'us-east4-a', 'us-east4-c', 'us-west1-a', 'us-west1-b', 'us-west4-a', 'us-west4-c', 'europe-west4-a', 'europe-west4-b', 'europe-west4-c', 'asia-southeast1-a', 'asia-southeast1-b', 'asia-southeast1-c'],
  NVIDIA_H100_80GB: ['us-central1-a', 'us-central1-c', 'us-east4-a', 'us-east5-a', 'us-west1-a', 'us-west4-a', 'europe-west4-b', 'asia-northeast1-b'],
  NVIDIA_H100_MEGA_80GB: ['us-central1-a', 'us-central1-c', 'us-east4-a', 'us-east5-a', 'europe-west4-b'],
};

/** The catalogued zones of `region` offering GPU `acceleratorType` (Vertex enum value); empty when the catalog does not know them. */
export function gpuZonesIn(acceleratorType: string, region: string): string[] {
  return (GPU_ZONES[acceleratorType] ?? []).filter((zone) => zone.startsWith(`${region}-`));
}

/** TPU generations GKE node pools take, for messages. */
export const GKE_TPU_VERSIONS: readonly string[] = GKE_TPUS.map((t) => t.version);

/**
 * Machine family → Compute Engine on-demand CPU quota metric. `CPUS` is the aggregate of N1, E2
 * (and f1/g1); N2, N2D, C2, C3, M1, A2 quotas are values of the `Quota.Metric` enum; N4, A3, G2,
 * A4, A4X, G4 metrics follow the pattern [unconfirmed]. TPU VMs' CPUs are assumed not to count
 * against a CPU quota [unconfirmed], as on Vertex.
 */
const CPU_METRICS: { readonly [family: string]: { readonly metric: string; readonly confidence: Confidence } } = {
  n1: { metric: 'CPUS', confidence: 'confirmed' },
  e2: { metric: 'CPUS', confidence: 'confirmed' },
  n2: { metric: 'N2_CPUS', confidence: 'confirmed' },
  n2d: { metric: 'N2D_CPUS', confidence: 'confirmed' },
  c2: { metric: 'C2_CPUS', confidence: 'confirmed' },
  c3: { metric: 'C3_CPUS', confidence: 'confirmed' },
  m1: { metric: 'M1_CPUS', confidence: 'confirmed' },
  a2: { metric: 'A2_CPUS', confidence: 'confirmed' },
  n4: { metric: 'N4_CPUS', confidence: 'unconfirmed' },
  a3: { metric: 'A3_CPUS', confidence: 'unconfirmed' },
  a4: { metric: 'A4_CPUS', confidence: 'unconfirmed' },
  a4x: { metric: 'A4X_CPUS', confidence: 'unconfirmed' },
  g2: { metric: 'G2_CPUS', confidence: 'unconfirmed' },
  g4: { metric: 'G4_CPUS', confidence: 'unconfirmed' },
};

/**
 * Metric every Spot, flex-start or queued-provisioning VM's CPUs count against, whatever the family
 * (`Quota.Metric` enum; DWS consumes preemptible quota per the flex-start docs).
 */
export const PREEMPTIBLE_CPUS_METRIC = 'PREEMPTIBLE_CPUS';

/** The on-demand Compute Engine CPU metric of machine family `family`; undefined for TPU VMs. */
export function computeCpuMetric(family: string): { metric: string; confidence: Confidence } | undefined {
  return CPU_METRICS[family];
}

/** Machine family of a machine type: its first dash-separated word (`a3-highgpu-8g` → `a3`, `ct6e-standard-4t` → `ct6e`). */
export function machineFamilyOf(machineType: string): string {
  return machineType.split('-')[0];
}

/** One Compute Engine quota a node of a pool consumes. */
export interface ComputeEngineQuota {
  /** Metric of `compute.googleapis.com`, e.g. `NVIDIA_H100_GPUS`, `PREEMPTIBLE_CPUS`. */
  readonly metric: string;
  /** Units one node consumes (GPUs, TPU chips or vCPUs). */
  readonly amountPerNode: number;
  /** What the unit is. */
  readonly unit: 'gpus' | 'tpu-chips' | 'vcpus';
  /** How sure the catalog is of the metric name. */
  readonly confidence: Confidence;
  /**
   * Whether the quota is global (`GPUS_ALL_REGIONS`, `CPUS_ALL_REGIONS`): one limit over every region.
   * @default false (a per-region quota)
   */
  readonly global?: boolean;
}

/**
 * Global Compute Engine quotas: GPUs and vCPUs over all regions. A new project's `GPUS_ALL_REGIONS`
 * is often 0, so it blocks the first GPU node pool whatever the regional GPU quota says.
 */
export const GPUS_ALL_REGIONS_METRIC = 'GPUS_ALL_REGIONS';
/** The vCPUs of all regions: see {@link GPUS_ALL_REGIONS_METRIC}. */
export const CPUS_ALL_REGIONS_METRIC = 'CPUS_ALL_REGIONS';

/**
 * The part of a resolved node pool the quota rows depend on; `ResolvedNodePool`
 * (`lib/spec/gke/types.ts`) has this shape.
 */
export interface NodePoolQuotaSubject {
  readonly machineFamily: string;
  readonly vcpus: number;
  readonly provisioning: string;
  readonly gpu?: { readonly acceleratorType: string; readonly perNode: number };
  readonly tpu?: { readonly version: string; readonly chipsPerVm: number };
}

/**
 * The Compute Engine quotas one node of `pool` consumes: its GPUs or TPU chips and its vCPUs,
 * on-demand for STANDARD nodes and preemptible (`PREEMPTIBLE_*`) for Spot, flex-start and
 * queued-provisioning nodes, per region; and the global `GPUS_ALL_REGIONS` (GPUs) and
 * `CPUS_ALL_REGIONS` (vCPUs, not of TPU VMs, as the regional rows), counted for every node, Spot and
 * DWS ones included [unconfirmed: that preemptible GPUs and vCPUs count there too; the stricter
 * reading is kept]. The two metric names are values of the `Quota.Metric` enum. Multiply
 * `amountPerNode` by the pool's `maxNodes` for the ceiling. Nodes that consume a reservation consume
 * reserved capacity instead [unconfirmed: Compute Engine still counts them against the regional
 * quota]; they are counted like on-demand ones.
 */
export function computeEngineQuotas(pool: NodePoolQuotaSubject): ComputeEngineQuota[] {
  const preemptible = pool.provisioning !== 'standard';
  const prefix = preemptible ? 'PREEMPTIBLE_' : '';
  const rows: ComputeEngineQuota[] = [];
  if (pool.gpu) {
    const info = GPU_BY_TYPE.get(pool.gpu.acceleratorType);
    if (info) {
      rows.push({ metric: `${prefix}NVIDIA_${info.quotaToken}_GPUS`, amountPerNode: pool.gpu.perNode, unit: 'gpus', confidence: info.quotaConfidence });
    }
    rows.push({ metric: GPUS_ALL_REGIONS_METRIC, amountPerNode: pool.gpu.perNode, unit: 'gpus', confidence: 'confirmed', global: true });
  }
  if (pool.tpu) {
    const info = TPU_BY_VERSION.get(pool.tpu.version);
    if (info) {
      rows.push({ metric: `${prefix}${info.quotaMetric}`, amountPerNode: pool.tpu.chipsPerVm, unit: 'tpu-chips', confidence: info.quotaConfidence });
    }
  }
  const cpu = preemptible ? { metric: PREEMPTIBLE_CPUS_METRIC, confidence: 'confirmed' as Confidence } : CPU_METRICS[pool.machineFamily];
  if (cpu && !pool.tpu && pool.vcpus > 0) {
    rows.push({ metric: cpu.metric, amountPerNode: pool.vcpus, unit: 'vcpus', confidence: cpu.confidence });
  }
  if (!pool.tpu && pool.vcpus > 0) {
    rows.push({ metric: CPUS_ALL_REGIONS_METRIC, amountPerNode: pool.vcpus, unit: 'vcpus', confidence: 'confirmed', global: true });
  }
  return rows;
}
