import { Problem } from './problem';
import { ResolvedPool } from './worker-pools';

const SEVEN_DAYS = 7 * 86_400;
/** The largest google.protobuf.Duration, 10,000 years. */
const MAX_DURATION_SECONDS = 315_576_000_000;

/** Scheduling as declared. Pure data. */
export interface SchedulingIntent {
  readonly strategy: string;
  readonly timeoutSeconds?: number;
  readonly timeoutText?: string;
  readonly maxWaitSeconds?: number;
  readonly maxWaitText?: string;
  readonly restartJobOnWorkerRestart?: boolean;
  readonly disableRetries?: boolean;
}

/** Whether a strategy consumes preemptible quota (Spot VMs and Dynamic Workload Scheduler do). */
export function isPreemptible(strategy: string): boolean {
  return strategy === 'SPOT' || strategy === 'FLEX_START';
}

/** Validates scheduling against the job's pools and renders the v1 `Scheduling` object. */
export function schedulingJson(intent: SchedulingIntent, pools: readonly ResolvedPool[], field = 'scheduling'): { json: { [key: string]: unknown }; problems: Problem[] } {
  const problems: Problem[] = [];
  const json: { [key: string]: unknown } = { strategy: intent.strategy };
  if (intent.timeoutSeconds !== undefined) {
    const limit = intent.strategy === 'FLEX_START' ? SEVEN_DAYS : MAX_DURATION_SECONDS;
    if (!Number.isInteger(intent.timeoutSeconds) || intent.timeoutSeconds < 1 || intent.timeoutSeconds > limit) {
      problems.push({ field: `${field}.timeout`, value: intent.timeoutText, allowed: intent.strategy === 'FLEX_START' ? 'a whole number of seconds from 1 second to 7 days (FLEX_START limit)' : 'a whole number of seconds from 1 second to 10,000 years' });
    }
    json.timeout = `${intent.timeoutSeconds}s`;
  }
  if (intent.restartJobOnWorkerRestart !== undefined) json.restartJobOnWorkerRestart = intent.restartJobOnWorkerRestart;
  if (intent.disableRetries !== undefined) json.disableRetries = intent.disableRetries;

  if (intent.maxWaitSeconds !== undefined) {
    if (intent.strategy !== 'FLEX_START') {
      problems.push({ field: `${field}.maxWait`, value: intent.maxWaitText, allowed: `only FLEX_START jobs wait for capacity (strategy is ${intent.strategy})` });
    } else if (!Number.isInteger(intent.maxWaitSeconds) || intent.maxWaitSeconds < 0) {
      problems.push({ field: `${field}.maxWait`, value: intent.maxWaitText, allowed: 'a whole number of seconds, 0 to wait indefinitely' });
    }
    json.maxWaitDuration = `${intent.maxWaitSeconds}s`;
  }

  if (intent.strategy === 'FLEX_START') {
    for (const pool of pools) {
      if (pool.tpu || (pool.gpu && !pool.gpu.flexStart)) {
        problems.push({ field: `${field}.strategy`, value: 'FLEX_START', allowed: `Dynamic Workload Scheduler takes L4, A100, H100, H200 or B200 GPUs (pool ${pool.role} uses ${pool.gpu?.acceleratorType ?? `TPU ${pool.tpu!.version}`})` });
      }
      if (pool.reservation && pool.reservation.type !== 'NO_RESERVATION') {
        problems.push({ field: `${field}.strategy`, value: 'FLEX_START', allowed: `reservations cannot be combined with FLEX_START (pool ${pool.role} sets one)` });
      }
    }
    const configurations = new Set(pools.map((p) => `${p.machineType} ${p.acceleratorType ?? ''} ${p.acceleratorCount ?? ''}`));
    if (configurations.size > 1) {
      problems.push({ field: `${field}.strategy`, value: 'FLEX_START', allowed: `Dynamic Workload Scheduler needs the same machine configuration in every worker pool (found ${[...configurations].map((c) => c.trim()).join('; ')})` });
    }
    if (!pools.some((p) => p.gpu)) {
      problems.push({ field: `${field}.strategy`, value: 'FLEX_START', allowed: 'Dynamic Workload Scheduler needs GPU pools' });
    }
  }
  if (intent.strategy === 'SPOT') {
    const pod = pools.find((p) => p.tpu && p.tpuVms > 1);
    if (pod) problems.push({ field: `${field}.strategy`, value: 'SPOT', allowed: `Spot VMs are not supported for TPU Pods (TPU ${pod.tpu!.version} slice of ${pod.tpuVms} VMs)` });
  }
  return { json, problems };
}
