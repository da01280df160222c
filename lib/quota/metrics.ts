import { GPUS } from '../catalog/accelerators';
import { cpuQuota, gpuQuota, tpuQuota } from '../catalog/quotas';
import { TPUS } from '../catalog/tpus';
import { CpuFamily } from '../catalog/types';
import { closest, listOr } from '../core/words';

const METRIC = /^[a-z][a-z0-9_]*$/;
const CPU_FAMILIES: readonly CpuFamily[] = ['n1', 'e2', 'n2', 'n4', 'c2', 'm1', 'a2', 'a3', 'a4', 'a4x', 'g2', 'g4'];
const COMMON_PREFIX = 'custom_model_training_';

let known: readonly string[] | undefined;

/**
 * Every metric the quota plan can demand: each catalogued GPU and TPU, on-demand and preemptible,
 * and the CPU metrics of each machine family. A limit or quota ID on any other metric would never
 * be compared with anything.
 */
export function knownMetrics(): readonly string[] {
  known ??= [...new Set([
    ...GPUS.flatMap((gpu) => [gpuQuota(gpu, false).metric, gpuQuota(gpu, true).metric]),
    ...TPUS.flatMap((tpu) => [tpuQuota(tpu, false).metric, tpuQuota(tpu, true).metric]),
    ...CPU_FAMILIES.flatMap((family) => [cpuQuota(family, false)!.metric, cpuQuota(family, true)!.metric]),
  ])].sort();
  return known;
}

/** A cut-short name (`..._tpu_v5`), else a close spelling, else the metrics ending in the same accelerator. */
function nearest(metric: string, metrics: readonly string[]): string[] {
  const longer = metrics.filter((m) => m.startsWith(metric));
  if (longer.length > 0 && longer.length <= 3) return longer;
  const near = closest(metric, metrics);
  if (near !== undefined) return [near];
  const token = metric.startsWith(COMMON_PREFIX) ? metric.slice(COMMON_PREFIX.length) : metric;
  return metrics.filter((m) => token.length >= 2 && m.endsWith(token)).sort((a, b) => a.length - b.length).slice(0, 3);
}

/**
 * Whether `metric` (without the `aiplatform.googleapis.com/` prefix) is one the plan demands, with
 * the nearest known metrics when it is not: a longer name, a close spelling, or those naming the same
 * accelerator or family (`nvidia_h100_gpus` → `custom_model_training_nvidia_h100_gpus`).
 */
export function quotaMetric(metric: string): string | undefined {
  if (!METRIC.test(metric)) return 'must be a quota metric name such as custom_model_training_nvidia_h100_gpus';
  const metrics = knownMetrics();
  if (metrics.includes(metric)) return undefined;
  const suggestions = nearest(metric, metrics);
  const hint = suggestions.length > 0 ? `did you mean ${listOr(suggestions)}? ` : '';
  return `must be a metric the quota plan demands (on any other it checks nothing): ${hint}known: custom_model_training_[preemptible_]nvidia_<gpu>_gpus, custom_model_training_[preemptible_]tpu_<version>, custom_model_training_[<family>_]cpus and custom_model_training_preemptible_cpus`;
}

/** What a training quota counts, from its metric's name: `GPUs`, `TPU cores` (v2, v3), `TPU chips` or `vCPUs`. */
export function metricUnit(metric: string): string {
  if (metric.endsWith('_gpus')) return 'GPUs';
  if (/_tpu_v[23]$/.test(metric)) return 'TPU cores';
  if (/_tpu_/.test(metric)) return 'TPU chips';
  return 'vCPUs';
}
