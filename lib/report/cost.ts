import { CostEstimateReport, JobCostReport } from './report-data';
import { withoutUndefined } from './what-runs';
import { egressGbps } from '../catalog/network';
import { PriceBook } from '../catalog/prices';
import { tpuQuotaUnit } from '../catalog/quotas';
import { cronSlotTable } from '../rules/cron';
import { ReductionServerIntent } from '../spec/pool-intent';
import { ResolvedPool } from '../spec/worker-pools';

/*
 * What a job's runs use and cost: accelerator-hours and vCPU-hours, and a price from the price
 * book (see lib/catalog/prices.ts for what is priced and how), per run at the timeout and at the
 * typical duration, and per month of scheduled runs. A tuning job's runs are its trials: each pays
 * the pools for its duration, `parallelTrials` at a time.
 */

/** Vertex AI's timeout when a job sets none: 7 days. */
export const DEFAULT_TIMEOUT_SECONDS = 7 * 86_400;

/** What a job's cost is computed from. */
export interface CostInput {
  readonly pools: readonly ResolvedPool[];
  readonly strategy: string;
  /** The timeout's seconds and words (`2 days`); undefined for Vertex AI's 7 days. */
  readonly timeout?: { readonly seconds: number; readonly text: string };
  readonly typical?: { readonly seconds: number; readonly text: string };
  /** Trials of a run, and at a time (1 and 1 for a job that does not tune). */
  readonly trials: number;
  readonly parallelTrials: number;
  /** The cron of each schedule trigger. */
  readonly crons: readonly string[];
  readonly prices: PriceBook;
}

/** The cost report of a job. */
export function jobCost(input: CostInput): JobCostReport {
  const { pools, prices } = input;
  let vcpus = 0;
  let accelerators = 0;
  let unit: string | undefined;
  // One trial's price per hour; undefined once anything of it has no price.
  const hourly: { onDemand?: number; spot?: number } = { onDemand: 0, spot: 0 };
  const unpriced: string[] = [];
  const add = (price: { onDemand: number; spot?: number } | undefined, quantity: number, what: string) => {
    if (quantity === 0) return;
    if (!price) {
      unpriced.push(what);
      hourly.onDemand = hourly.spot = undefined;
      return;
    }
    if (hourly.onDemand !== undefined) hourly.onDemand += price.onDemand * quantity;
    if (hourly.spot !== undefined) hourly.spot = price.spot === undefined ? undefined : hourly.spot + price.spot * quantity;
  };
  for (const pool of pools) {
    const vms = pool.replicaCount * pool.tpuVms;
    vcpus += pool.vcpus * vms;
    const acceleratorCount = pool.replicaCount * pool.acceleratorsPerReplica;
    accelerators += acceleratorCount;
    if (pool.tpu) {
      unit = `TPU ${tpuQuotaUnit(pool.tpu)}`;
      // A TPU pool pays per chip (or core), its host VMs included.
      add(prices.tpu(pool.tpu.version), acceleratorCount, `TPU ${pool.tpu.version}`);
      continue;
    }
    add(prices.machine(pool.machineType), pool.replicaCount, `machine ${pool.machineType}`);
    if (pool.gpu) {
      unit = 'GPUs';
      add(prices.gpu(pool.gpu.acceleratorType), acceleratorCount, `GPU ${pool.gpu.acceleratorType}`);
    }
  }
  const timeout = input.timeout ?? { seconds: DEFAULT_TIMEOUT_SECONDS, text: '7 days (Vertex AI\'s default)' };
  const estimate = (basis: string, seconds: number, runs = 1): CostEstimateReport => {
    const hours = seconds / 3_600;
    const trialHours = hours * input.trials * runs;
    return withoutUndefined({
      basis,
      hours: round(hours * runs),
      wallClockHours: round(hours * runs * Math.ceil(input.trials / input.parallelTrials)),
      acceleratorHours: round(accelerators * trialHours),
      vcpuHours: round(vcpus * trialHours),
      onDemand: hourly.onDemand === undefined ? undefined : round(hourly.onDemand * trialHours),
      spot: hourly.spot === undefined ? undefined : round(hourly.spot * trialHours),
    });
  };
  const perRun = [estimate(`timeout ${timeout.text}`, timeout.seconds)];
  if (input.typical) perRun.push(estimate(`typical ${input.typical.text}`, input.typical.seconds));
  const monthly = input.crons.length > 0 ? round(input.crons.reduce((sum, cron) => sum + runsPerMonth(cron), 0)) : undefined;
  const month = monthly === undefined ? undefined
    : input.typical ? estimate(`${monthly} runs of typical ${input.typical.text}`, input.typical.seconds, monthly)
      // Runs that overlap are launched all the same, so this bound can exceed a month of one run.
      : estimate(`${monthly} runs of timeout ${timeout.text} (an upper bound: give typicalDuration for an estimate)`, timeout.seconds, monthly);
  return withoutUndefined({
    vcpus,
    accelerators,
    acceleratorUnit: accelerators > 0 ? unit : undefined,
    trials: input.trials,
    parallelTrials: input.parallelTrials,
    hourlyOnDemand: hourly.onDemand === undefined ? undefined : round(hourly.onDemand),
    hourlySpot: hourly.spot === undefined ? undefined : round(hourly.spot),
    billedAs: billedAs(input.strategy),
    perRun,
    runsPerMonth: monthly,
    perMonth: month,
    unpriced: [...new Set(unpriced)].sort(),
  });
}

function billedAs(strategy: string): string {
  switch (strategy) {
    case 'SPOT':
      return 'Spot';
    case 'FLEX_START':
      return 'Dynamic Workload Scheduler (FLEX_START): priced apart, not in the catalog; on-demand is the upper bound';
    default:
      return 'on-demand';
  }
}

/** Days of the 28-year cycle (2001–2028) over which weekdays and leap days repeat. */
const CYCLE_START = Date.UTC(2001, 0, 1);
const CYCLE_DAYS = 10_227;
const CYCLE_MONTHS = 28 * 12;

/** Index of (month 1-12, day of month 1-31, weekday 0-6) in the calendar table. */
const calendarIndex = (month: number, dayOfMonth: number, weekday: number): number => (month * 32 + dayOfMonth) * 7 + weekday;

let calendar: Uint16Array | undefined;
/** How many days of the cycle fall on each (month, day of month, weekday): built once, on first use. */
function cycleCalendar(): Uint16Array {
  if (calendar) return calendar;
  calendar = new Uint16Array(13 * 32 * 7);
  for (let day = 0; day < CYCLE_DAYS; day++) {
    const date = new Date(CYCLE_START + day * 86_400_000);
    calendar[calendarIndex(date.getUTCMonth() + 1, date.getUTCDate(), date.getUTCDay())]++;
  }
  return calendar;
}

/** Runs per month by cron: a stack's jobs mostly share a handful of schedules. */
const runsByCron = new Map<string, number>();

/**
 * Runs per average month of a unix-cron schedule (time zones and daylight saving aside): its firings
 * over a 28-year Gregorian cycle, over the cycle's months. 0 for a schedule that is not valid.
 * Linear in the calendar's 12 × 31 × 7 cells, whatever the number of jobs that share the cron.
 */
export function runsPerMonth(cron: string): number {
  let runs = runsByCron.get(cron);
  if (runs === undefined) {
    runs = countRunsPerMonth(cron);
    runsByCron.set(cron, runs);
  }
  return runs;
}

function countRunsPerMonth(cron: string): number {
  const table = cronSlotTable(cron);
  if (!table) return 0;
  const minutes = table.minuteAtOrBefore.filter((at, minute) => at === minute).length;
  const perDay = minutes * table.hours.length;
  const daysOfMonth = new Set(table.daysOfMonth);
  const daysOfWeek = new Set(table.daysOfWeek);
  const cells = cycleCalendar();
  let days = 0;
  for (const month of new Set(table.months)) {
    for (let dayOfMonth = 1; dayOfMonth <= 31; dayOfMonth++) {
      const dom = daysOfMonth.has(dayOfMonth);
      for (let weekday = 0; weekday < 7; weekday++) {
        const dow = daysOfWeek.has(weekday);
        if (table.days === 'all' ? dom && dow : dom || dow) days += cells[calendarIndex(month, dayOfMonth, weekday)];
      }
    }
  }
  return (days * perDay) / CYCLE_MONTHS;
}

/** The default Reduction Server machine and bandwidth (lib/spec/worker-pools.ts). */
const REDUCER_DEFAULTS = { machineType: 'n1-highcpu-16', gbps: 32 };

/**
 * Why a Reduction Server has its reducers, in words: e.g. `13 reducers: 4 GPU replicas
 * (1 primary + 3 workers) × 100 Gbps each (a2-highgpu-8g, [unconfirmed] catalog value) = 400 Gbps,
 * / 32 Gbps per n1-highcpu-16 reducer = 12.5, rounded up`.
 */
export function reducerSizing(intent: ReductionServerIntent | undefined, pools: readonly ResolvedPool[]): string | undefined {
  const reducer = pools.find((p) => p.role === 'reductionServer');
  const workers = pools.find((p) => p.role === 'workers');
  if (!intent || !reducer) return undefined;
  const count = reducer.replicaCount;
  const reducers = `${count} reducer${count === 1 ? '' : 's'}`;
  if (intent.replicaCount !== undefined || !workers) return `${reducers}: set by the job (replicaCount)`;
  const gpuPools = pools.filter((p) => p.gpu && (p.role === 'primary' || p.role === 'workers'));
  const replicas = gpuPools.reduce((sum, p) => sum + p.replicaCount, 0);
  const parts = gpuPools.map((p) => `${p.replicaCount} ${p.role === 'primary' ? 'primary' : 'workers'}`).join(' + ');
  const workerGbps = intent.workerBandwidthGbps ?? egressGbps(workers.machineType, workers.vcpus, workers.acceleratorsPerReplica);
  const whence = intent.workerBandwidthGbps !== undefined ? 'workerBandwidthGbps' : '[unconfirmed] catalog value, override with workerBandwidthGbps';
  const reducerGbps = intent.reducerBandwidthGbps ?? REDUCER_DEFAULTS.gbps;
  const machine = intent.machineType ?? REDUCER_DEFAULTS.machineType;
  const exact = (replicas * workerGbps) / reducerGbps;
  if (Math.max(1, Math.ceil(exact)) !== count) return reducers;
  return `${reducers}: ${replicas} GPU replica${replicas === 1 ? '' : 's'} (${parts}) × ${workerGbps} Gbps each (${workers.machineType}, ${whence})`
    + ` = ${replicas * workerGbps} Gbps, / ${reducerGbps} Gbps per ${machine} reducer = ${round(exact)}${Number.isInteger(exact) ? '' : ', rounded up'}`;
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}
