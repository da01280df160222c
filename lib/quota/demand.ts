import { cpuQuota, gpuQuota, tpuQuota, tpuQuotaUnit } from '../catalog/quotas';
import { QuotaInfo } from '../catalog/types';
import { ResolvedPool } from '../spec/worker-pools';

/** Demand of one workload on one quota. */
export interface QuotaDemand {
  readonly quota: QuotaInfo;
  /** What the quota counts: `GPUs`, `TPU chips`, `TPU cores` or `vCPUs`. */
  readonly unit: string;
  readonly amount: number;
  /**
   * Region of the quota when it is not the workload's: `global` for an all-regions quota.
   * @default - the workload's region
   */
  readonly region?: string;
}

/**
 * Peak quota demand of one workload: for each pool, replicas × accelerators (GPUs, TPU chips or
 * cores) on the accelerator quota, and replicas × vCPUs on the CPU quota of the machine family,
 * multiplied by `parallelism` (parallel trials of a tuning job). Spot and flex-start jobs use the
 * preemptible quotas.
 */
export function workloadDemand(pools: readonly ResolvedPool[], preemptible: boolean, parallelism: number): QuotaDemand[] {
  const byMetric = new Map<string, QuotaDemand>();
  const add = (quota: QuotaInfo | undefined, unit: string, amount: number) => {
    if (!quota || amount <= 0) return;
    const previous = byMetric.get(quota.metric);
    byMetric.set(quota.metric, { quota, unit, amount: (previous?.amount ?? 0) + amount * parallelism });
  };
  for (const pool of pools) {
    if (pool.gpu) add(gpuQuota(pool.gpu, preemptible), 'GPUs', pool.replicaCount * pool.acceleratorsPerReplica);
    if (pool.tpu) add(tpuQuota(pool.tpu, preemptible), tpuQuotaUnit(pool.tpu) === 'cores' ? 'TPU cores' : 'TPU chips', pool.replicaCount * pool.acceleratorsPerReplica);
    add(cpuQuota(pool.cpuFamily, preemptible), 'vCPUs', pool.replicaCount * pool.tpuVms * pool.vcpus);
  }
  return [...byMetric.values()].sort((a, b) => a.quota.metric.localeCompare(b.quota.metric));
}
