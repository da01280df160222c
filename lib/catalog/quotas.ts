/**
 * Training quotas of Vertex AI custom training: metric names of service `aiplatform.googleapis.com`
 * and Cloud Quotas API quota IDs. Pure data: no cdktf import.
 *
 * Sources (shared reference `vertex-training.md`):
 * - §4.2 metric names (docs `training/schedule-jobs-dws` for H100; Google sample S7 and third-party
 *   quota errors for the others).
 * - §4.3 quota IDs: training IDs observed only for T4, T4 preemptible, A100 preemptible and A100 80GB;
 *   every other ID below follows the `CustomModelTraining[Preemptible]<GPU>GPUsPerProjectPerRegion`
 *   pattern and is unconfirmed. No TPU or CPU training quota ID is known.
 * - §4.1 TPU v2/v3 quotas count cores, TPU7x quotas count chips.
 * Spot (SPOT) and DWS (FLEX_START) both consume the preemptible quotas (§4.3, §1.2).
 * `QuotaInfo.confidence` rates the metric name; `gpuQuotaIdConfidence` rates the GPU quota ID.
 * Enumerate authoritatively with `gcloud beta quotas info list --service=aiplatform.googleapis.com`.
 */
import { GpuInfo, CpuFamily, Confidence, QuotaInfo, TpuInfo } from './types';

/** Service of every training quota. */
export const QUOTA_SERVICE = 'aiplatform.googleapis.com';

/** One GPU's training quotas: tokens plus explicit confidences per row (on-demand / preemptible). */
interface GpuQuotaRow {
  /** `<token>` of `custom_model_training_[preemptible_]nvidia_<token>_gpus`. */
  readonly metricToken: string;
  /** `<TOKEN>` of `CustomModelTraining[Preemptible]<TOKEN>GPUsPerProjectPerRegion`. */
  readonly idToken: string;
  /** Confidence of the on-demand and preemptible metric names. */
  readonly metric: { readonly onDemand: Confidence; readonly preemptible: Confidence };
  /** Confidence of the on-demand and preemptible quota IDs. */
  readonly quotaId: { readonly onDemand: Confidence; readonly preemptible: Confidence };
}

const OBSERVED_BOTH = { onDemand: 'observed', preemptible: 'observed' } as const;
const UNCONFIRMED_BOTH = { onDemand: 'unconfirmed', preemptible: 'unconfirmed' } as const;

/** Per-GPU table keyed by `GpuInfo.shortName` (reference §4.2 / §4.3). */
const GPU_QUOTAS: { readonly [shortName: string]: GpuQuotaRow } = {
  // Both metrics in docs schedule-jobs-dws; IDs by pattern only.
  h100: { metricToken: 'h100', idToken: 'H100', metric: { onDemand: 'confirmed', preemptible: 'confirmed' }, quotaId: UNCONFIRMED_BOTH },
  // Metrics in S7 and quota errors; both IDs observed.
  t4: { metricToken: 't4', idToken: 'T4', metric: OBSERVED_BOTH, quotaId: OBSERVED_BOTH },
  // Metrics in S7 and quota errors; preemptible ID observed, on-demand ID by pattern.
  a100: { metricToken: 'a100', idToken: 'A100', metric: OBSERVED_BOTH, quotaId: { onDemand: 'unconfirmed', preemptible: 'observed' } },
  // Metrics in S7 / observed; on-demand ID observed, preemptible ID by pattern.
  a100_80gb: { metricToken: 'a100_80gb', idToken: 'A10080GB', metric: OBSERVED_BOTH, quotaId: { onDemand: 'observed', preemptible: 'unconfirmed' } },
  // Metrics in S7 / observed; IDs by pattern.
  l4: { metricToken: 'l4', idToken: 'L4', metric: OBSERVED_BOTH, quotaId: UNCONFIRMED_BOTH },
  // On-demand metric in S7 only, preemptible by pattern; IDs by pattern.
  v100: { metricToken: 'v100', idToken: 'V100', metric: UNCONFIRMED_BOTH, quotaId: UNCONFIRMED_BOTH },
  // Metric observed / pattern; IDs by pattern.
  p4: { metricToken: 'p4', idToken: 'P4', metric: UNCONFIRMED_BOTH, quotaId: UNCONFIRMED_BOTH },
  p100: { metricToken: 'p100', idToken: 'P100', metric: UNCONFIRMED_BOTH, quotaId: UNCONFIRMED_BOTH },
  // Tokens not found anywhere: metrics and IDs are guesses by pattern.
  h100_mega: { metricToken: 'h100_mega', idToken: 'H100MEGA', metric: UNCONFIRMED_BOTH, quotaId: UNCONFIRMED_BOTH },
  h200: { metricToken: 'h200', idToken: 'H200', metric: UNCONFIRMED_BOTH, quotaId: UNCONFIRMED_BOTH },
  b200: { metricToken: 'b200', idToken: 'B200', metric: UNCONFIRMED_BOTH, quotaId: UNCONFIRMED_BOTH },
  gb200: { metricToken: 'gb200', idToken: 'GB200', metric: UNCONFIRMED_BOTH, quotaId: UNCONFIRMED_BOTH },
  rtx_pro_6000: { metricToken: 'rtx_pro_6000', idToken: 'RTXPRO6000', metric: UNCONFIRMED_BOTH, quotaId: UNCONFIRMED_BOTH },
};

/** The quota row of `gpu`; throws for a GPU missing from the table (a catalog bug). */
function gpuRow(gpu: GpuInfo): GpuQuotaRow {
  const row = GPU_QUOTAS[gpu.shortName];
  if (row === undefined) throw new Error(`No training quota is catalogued for GPU '${gpu.shortName}'`);
  return row;
}

/**
 * The per-region training quota `gpu` consumes: on-demand, or preemptible (Spot and DWS/FLEX_START).
 * `confidence` rates the metric name; the quota ID is often only the naming pattern — see
 * {@link gpuQuotaIdConfidence}.
 */
export function gpuQuota(gpu: GpuInfo, preemptible: boolean): QuotaInfo {
  const row = gpuRow(gpu);
  const kind = preemptible ? 'preemptible' : 'onDemand';
  return {
    metric: `custom_model_training_${preemptible ? 'preemptible_' : ''}nvidia_${row.metricToken}_gpus`,
    quotaId: `CustomModelTraining${preemptible ? 'Preemptible' : ''}${row.idToken}GPUsPerProjectPerRegion`,
    confidence: row.metric[kind],
    quotaIdConfidence: row.quotaId[kind],
  };
}

/** TPU version → `<token>` of `custom_model_training_[preemptible_]tpu_<token>`. */
const TPU_METRIC_TOKENS: { readonly [version: string]: string } = {
  v5e: 'v5e',
  v6e: 'v6e',
  v3: 'v3',
  v2: 'v2',
  '7x': 'tpu7x', // unconfirmed
};

/**
 * The per-region training quota `tpu` consumes. Metric names are observed (Google sample S7) only for
 * on-demand v5e and v3; the others, and every preemptible one, follow the pattern (unconfirmed). No
 * training quota ID is known for TPUs, so `quotaId` is undefined.
 */
export function tpuQuota(tpu: TpuInfo, preemptible: boolean): QuotaInfo {
  const token = TPU_METRIC_TOKENS[tpu.version];
  if (token === undefined) throw new Error(`No training quota is catalogued for TPU '${tpu.version}'`);
  const observed = !preemptible && (tpu.version === 'v5e' || tpu.version === 'v3');
  return {
    metric: `custom_model_training_${preemptible ? 'preemptible_' : ''}tpu_${token}`,
    quotaId: undefined,
    confidence: observed ? 'observed' : 'unconfirmed',
  };
}

/** Unit the TPU quota counts: chips for v5e / v6e / 7x, cores for v2 / v3 (reference §4.1). */
export function tpuQuotaUnit(tpu: TpuInfo): 'chips' | 'cores' {
  return tpu.version === 'v2' || tpu.version === 'v3' ? 'cores' : 'chips';
}

/** CPU family → on-demand training-CPU metric and its confidence (reference §4.2). */
const CPU_QUOTAS: { readonly [family in Exclude<CpuFamily, 'tpu'>]: { readonly metric: string; readonly confidence: Confidence } } = {
  n1: { metric: 'custom_model_training_cpus', confidence: 'observed' },
  e2: { metric: 'custom_model_training_cpus', confidence: 'observed' },
  n2: { metric: 'custom_model_training_n2_cpus', confidence: 'observed' },
  c2: { metric: 'custom_model_training_c2_cpus', confidence: 'observed' },
  n4: { metric: 'custom_model_training_n4_cpus', confidence: 'unconfirmed' },
  m1: { metric: 'custom_model_training_m1_cpus', confidence: 'unconfirmed' },
  a2: { metric: 'custom_model_training_a2_cpus', confidence: 'unconfirmed' },
  a3: { metric: 'custom_model_training_a3_cpus', confidence: 'unconfirmed' },
  a4: { metric: 'custom_model_training_a4_cpus', confidence: 'unconfirmed' },
  a4x: { metric: 'custom_model_training_a4x_cpus', confidence: 'unconfirmed' },
  g2: { metric: 'custom_model_training_g2_cpus', confidence: 'unconfirmed' },
  g4: { metric: 'custom_model_training_g4_cpus', confidence: 'unconfirmed' },
};

/** Metric every preemptible (Spot / DWS) training VM's CPUs count against, whatever the family (observed). */
const PREEMPTIBLE_CPU_METRIC = 'custom_model_training_preemptible_cpus';

/**
 * The per-region training-CPU quota a VM of `family` consumes; `quotaId` is undefined (no training
 * CPU quota ID is known, reference §4.3). Undefined for `tpu`: TPU VMs' CPUs are assumed not to count
 * as CPU quota (unconfirmed).
 */
export function cpuQuota(family: CpuFamily, preemptible: boolean): QuotaInfo | undefined {
  if (family === 'tpu') return undefined;
  if (preemptible) return { metric: PREEMPTIBLE_CPU_METRIC, quotaId: undefined, confidence: 'observed' };
  const row = CPU_QUOTAS[family];
  return { metric: row.metric, quotaId: undefined, confidence: row.confidence };
}
