import { Duration, GpuType, Reservation, SchedulingOptions, SchedulingStrategy, TpuVersion, WorkerPool, WorkerPoolsProps } from '../../lib';
import { layoutIntent, schedulingIntent } from '../../lib/compute/layout';
import { Problem } from '../../lib/spec/problem';
import { isPreemptible, schedulingJson } from '../../lib/spec/scheduling';
import { ResolvedPool, resolvePools } from '../../lib/spec/worker-pools';
import { validateAgainstProto } from '../helpers/proto-schema';

/**
 * Scheduling (issue 3, "WorkerPool" and "Bad input"): strategy STANDARD / SPOT / FLEX_START against
 * the job's pools, timeouts and flex-start waits, rendered as the v1 `Scheduling` object and
 * validated against the official aiplatform v1 protos.
 */

const REGION = 'us-central1';

/** The job's pools, resolved without problems. */
function pools(props: WorkerPoolsProps, region = REGION): ResolvedPool[] {
  const resolution = resolvePools(layoutIntent(props), region);
  expect(resolution.problems).toEqual([]);
  return resolution.pools;
}

function schedule(options: SchedulingOptions | undefined, props: WorkerPoolsProps, region = REGION): { json: { [key: string]: unknown }; problems: Problem[] } {
  return schedulingJson(schedulingIntent(options), pools(props, region));
}

const gpu = (gpuType: GpuType, gpusPerReplica: number, more: { replicaCount?: number; reservation?: Reservation; machineType?: string } = {}): WorkerPool =>
  WorkerPool.gpu({ gpuType, gpusPerReplica, ...more });

const H100 = (more: { replicaCount?: number; reservation?: Reservation } = {}): WorkerPool => gpu(GpuType.NVIDIA_H100_80GB, 8, more);
const CPU = WorkerPool.cpu({ machineType: 'n2-standard-16' });

const FLEX = SchedulingStrategy.FLEX_START;
const DWS_GPUS = 'Dynamic Workload Scheduler takes L4, A100, H100, H200 or B200 GPUs';

// ---------------------------------------------------------------------------------------------
// FLEX_START (Dynamic Workload Scheduler).

describe('FLEX_START', () => {
  test.each([
    ['L4', gpu(GpuType.NVIDIA_L4, 1)],
    ['A100', gpu(GpuType.NVIDIA_TESLA_A100, 8)],
    ['A100 80GB', gpu(GpuType.NVIDIA_A100_80GB, 4)],
    ['H100', H100()],
    ['H200', gpu(GpuType.NVIDIA_H200_141GB, 8)],
    ['B200', gpu(GpuType.NVIDIA_B200, 8)],
  ] as [string, WorkerPool][])('accepted with %s', (_title, primary) => {
    const { json, problems } = schedule({ strategy: FLEX, maxWait: Duration.hours(4) }, { primary });
    expect(problems).toEqual([]);
    expect(json).toEqual({ strategy: 'FLEX_START', maxWaitDuration: '14400s' });
    expect(validateAgainstProto('Scheduling', json)).toEqual([]);
  });

  test('accepted with H100 primary and workers at the 7-day timeout limit', () => {
    const { json, problems } = schedule({ strategy: FLEX, timeout: Duration.days(7) }, { primary: H100(), workers: H100({ replicaCount: 3 }) });
    expect(problems).toEqual([]);
    expect(json).toEqual({ strategy: 'FLEX_START', timeout: '604800s' });
    expect(validateAgainstProto('Scheduling', json)).toEqual([]);
  });

  test.each([
    ['T4', gpu(GpuType.NVIDIA_TESLA_T4, 1), 'NVIDIA_TESLA_T4'],
    ['V100', gpu(GpuType.NVIDIA_TESLA_V100, 8), 'NVIDIA_TESLA_V100'],
    ['P4', gpu(GpuType.NVIDIA_TESLA_P4, 1), 'NVIDIA_TESLA_P4'],
    ['P100', gpu(GpuType.NVIDIA_TESLA_P100, 1), 'NVIDIA_TESLA_P100'],
    ['RTX PRO 6000', gpu(GpuType.NVIDIA_RTX_PRO_6000, 1), 'NVIDIA_RTX_PRO_6000'],
    ['TPU v5e', WorkerPool.tpu({ version: TpuVersion.V5E, topology: '2x2' }), 'TPU v5e'],
  ] as [string, WorkerPool, string][])('rejected with %s, listing the GPUs it takes', (_title, primary, uses) => {
    const { problems } = schedule({ strategy: FLEX }, { primary });
    expect(problems).toContainEqual({ field: 'scheduling.strategy', value: 'FLEX_START', allowed: `${DWS_GPUS} (pool primary uses ${uses})` });
    for (const name of ['L4', 'A100', 'H100', 'H200', 'B200']) expect(problems[0].allowed).toContain(name);
  });

  test('rejected when one pool of several has a GPU it does not take (the pool is named)', () => {
    const { problems } = schedule({ strategy: FLEX }, { primary: H100(), evaluators: gpu(GpuType.NVIDIA_TESLA_T4, 1) });
    expect(problems).toContainEqual({ field: 'scheduling.strategy', value: 'FLEX_START', allowed: `${DWS_GPUS} (pool evaluators uses NVIDIA_TESLA_T4)` });
  });

  test('rejected without any GPU pool', () => {
    const { problems } = schedule({ strategy: FLEX }, { primary: CPU });
    expect(problems).toEqual([{ field: 'scheduling.strategy', value: 'FLEX_START', allowed: 'Dynamic Workload Scheduler needs GPU pools' }]);
  });

  test.each([
    ['any', Reservation.any()],
    ['specific', Reservation.specific('projects/acme-ml/zones/us-central1-a/reservations/h100')],
  ] as [string, Reservation][])('rejected with a %s reservation', (_title, reservation) => {
    const { problems } = schedule({ strategy: FLEX }, { primary: H100(), workers: H100({ reservation, replicaCount: 2 }) });
    expect(problems).toEqual([{
      field: 'scheduling.strategy', value: 'FLEX_START', allowed: 'reservations cannot be combined with FLEX_START (pool workers sets one)',
    }]);
  });

  test.each([
    ['8 days', Duration.days(8)],
    ['7 days + 1 second', Duration.seconds(7 * 86_400 + 1)],
    ['169 hours', Duration.hours(169)],
  ] as [string, Duration][])('timeout of %s rejected (7-day limit)', (text, timeout) => {
    const { problems } = schedule({ strategy: FLEX, timeout }, { primary: H100() });
    expect(problems).toEqual([{
      field: 'scheduling.timeout', value: timeout.toString(), allowed: 'a whole number of seconds from 1 second to 7 days (FLEX_START limit)',
    }]);
    expect(timeout.toString()).toBe(text === '7 days + 1 second' ? '604801 seconds' : text);
  });

  test.each([
    ['0 (wait indefinitely)', Duration.seconds(0), '0s'],
    ['30 minutes', Duration.minutes(30), '1800s'],
    ['2 days', Duration.days(2), '172800s'],
  ] as [string, Duration, string][])('maxWait of %s rendered as maxWaitDuration', (_title, maxWait, rendered) => {
    const { json, problems } = schedule({ strategy: FLEX, maxWait }, { primary: gpu(GpuType.NVIDIA_L4, 1) });
    expect(problems).toEqual([]);
    expect(json.maxWaitDuration).toBe(rendered);
    expect(validateAgainstProto('Scheduling', json)).toEqual([]);
  });

  test.each([
    ['negative', Duration.seconds(-1)],
    ['fractional', Duration.seconds(1.5)],
  ] as [string, Duration][])('maxWait %s rejected', (_title, maxWait) => {
    const { problems } = schedule({ strategy: FLEX, maxWait }, { primary: H100() });
    expect(problems).toEqual([{ field: 'scheduling.maxWait', value: maxWait.toString(), allowed: 'a whole number of seconds, 0 to wait indefinitely' }]);
  });

  // Reference §1.2 / docs schedule-jobs-dws: "Your custom training job uses the same machine
  // configuration for all worker pools." schedulingJson does not compare the pools' machines.
  test('rejected when the worker pools use different machine configurations', () => {
    const { problems } = schedule({ strategy: FLEX }, { primary: gpu(GpuType.NVIDIA_H100_80GB, 1), workers: H100({ replicaCount: 2 }) });
    expect(problems).toContainEqual(expect.objectContaining({ field: 'scheduling.strategy', value: 'FLEX_START' }));
  });
});

// ---------------------------------------------------------------------------------------------
// A flex-start wait on a non-flex job.

describe('maxWait without FLEX_START', () => {
  test.each([
    ['STANDARD (explicit)', { strategy: SchedulingStrategy.STANDARD, maxWait: Duration.hours(2) }, 'STANDARD', '2 hours'],
    ['STANDARD (default)', { maxWait: Duration.minutes(10) }, 'STANDARD', '10 minutes'],
    ['SPOT', { strategy: SchedulingStrategy.SPOT, maxWait: Duration.days(1) }, 'SPOT', '1 day'],
  ] as [string, SchedulingOptions, string, string][])('rejected on %s', (_title, options, strategy, text) => {
    const { problems } = schedule(options, { primary: H100() });
    expect(problems).toEqual([{ field: 'scheduling.maxWait', value: text, allowed: `only FLEX_START jobs wait for capacity (strategy is ${strategy})` }]);
  });
});

// ---------------------------------------------------------------------------------------------
// SPOT.

describe('SPOT', () => {
  test.each([
    ['v5e 4x4 (4 VMs)', { version: TpuVersion.V5E, topology: '4x4' }, 'TPU v5e slice of 4 VMs'],
    ['v5e 2x4 on ct5lp-hightpu-4t (2 VMs)', { version: TpuVersion.V5E, topology: '2x4', machineType: 'ct5lp-hightpu-4t' }, 'TPU v5e slice of 2 VMs'],
    ['v6e 8x8 (16 VMs)', { version: TpuVersion.V6E, topology: '8x8' }, 'TPU v6e slice of 16 VMs'],
    ['7x 2x2x2 (2 VMs)', { version: TpuVersion.TPU7X, topology: '2x2x2' }, 'TPU 7x slice of 2 VMs'],
    ['v2 Pod (32 cores)', { version: TpuVersion.V2, cores: 32 }, 'TPU v2 slice of 4 VMs'],
  ] as [string, Parameters<typeof WorkerPool.tpu>[0], string][])('rejected on a multi-VM TPU slice: %s', (_title, options, what) => {
    const { problems } = schedule({ strategy: SchedulingStrategy.SPOT }, { primary: WorkerPool.tpu(options) });
    expect(problems).toEqual([{ field: 'scheduling.strategy', value: 'SPOT', allowed: `Spot VMs are not supported for TPU Pods (${what})` }]);
  });

  test.each([
    ['TPU v5e 2x2', WorkerPool.tpu({ version: TpuVersion.V5E, topology: '2x2' })],
    ['TPU v5e 2x4 on the 8-chip VM', WorkerPool.tpu({ version: TpuVersion.V5E, topology: '2x4' })],
    ['TPU v2 8 cores', WorkerPool.tpu({ version: TpuVersion.V2, cores: 8 })],
    ['H100 × 8', H100()],
    ['T4', gpu(GpuType.NVIDIA_TESLA_T4, 1)],
  ] as [string, WorkerPool][])('accepted on %s', (_title, primary) => {
    const { json, problems } = schedule({ strategy: SchedulingStrategy.SPOT, timeout: Duration.hours(12) }, { primary });
    expect(problems).toEqual([]);
    expect(json).toEqual({ strategy: 'SPOT', timeout: '43200s' });
    expect(validateAgainstProto('Scheduling', json)).toEqual([]);
  });

  test('accepted on multi-replica GPU jobs with reservations', () => {
    const reservation = Reservation.any();
    const { problems } = schedule({ strategy: SchedulingStrategy.SPOT }, { primary: H100({ reservation }), workers: H100({ reservation, replicaCount: 15 }) });
    expect(problems).toEqual([]);
  });
});

// ---------------------------------------------------------------------------------------------
// Timeouts and rendering.

describe('timeout and rendering', () => {
  test.each([
    ['Duration.seconds(90)', Duration.seconds(90), '90s'],
    ['Duration.minutes(45)', Duration.minutes(45), '2700s'],
    ['Duration.hours(2)', Duration.hours(2), '7200s'],
    ['Duration.days(1.5)', Duration.days(1.5), '129600s'],
    ['Duration.days(30)', Duration.days(30), '2592000s'],
  ] as [string, Duration, string][])('%s → %s', (_title, timeout, rendered) => {
    expect(timeout.toGoogleDuration()).toBe(rendered);
    const { json, problems } = schedule({ timeout }, { primary: CPU });
    expect(problems).toEqual([]);
    expect(json).toEqual({ strategy: 'STANDARD', timeout: rendered });
    expect(validateAgainstProto('Scheduling', json)).toEqual([]);
  });

  test.each([
    ['Duration.seconds(0.5)', Duration.seconds(0.5), '0.5 seconds'],
    ['Duration.seconds(0)', Duration.seconds(0), '0 seconds'],
    ['Duration.minutes(-5)', Duration.minutes(-5), '-5 minutes'],
    ['Duration.hours(NaN)', Duration.hours(Number.NaN), 'NaN hours'],
  ] as [string, Duration, string][])('%s rejected', (_title, timeout, text) => {
    const { problems } = schedule({ timeout }, { primary: CPU });
    expect(problems).toEqual([{ field: 'scheduling.timeout', value: text, allowed: 'a whole number of seconds from 1 second to 10,000 years' }]);
  });

  // google.protobuf.Duration holds at most 315,576,000,000 seconds (10,000 years); a longer timeout
  // passes schedulingJson (STANDARD has no upper bound there) and renders a body the API rejects.
  test('a timeout beyond google.protobuf.Duration range is rejected', () => {
    const timeout = Duration.days(4_000_000);
    const { json, problems } = schedule({ timeout }, { primary: CPU });
    expect(validateAgainstProto('Scheduling', json)).not.toEqual([]);
    expect(problems).toEqual([expect.objectContaining({ field: 'scheduling.timeout', value: '4000000 days' })]);
  });

  test('the default: STANDARD and nothing else', () => {
    const { json, problems } = schedule(undefined, { primary: CPU });
    expect(problems).toEqual([]);
    expect(json).toEqual({ strategy: 'STANDARD' });
    expect(validateAgainstProto('Scheduling', json)).toEqual([]);
  });

  test('every option rendered', () => {
    const { json, problems } = schedule({
      strategy: FLEX, timeout: Duration.days(2), maxWait: Duration.hours(6), restartJobOnWorkerRestart: true, disableRetries: false,
    }, { primary: H100(), workers: H100({ replicaCount: 3 }) });
    expect(problems).toEqual([]);
    expect(json).toEqual({
      strategy: 'FLEX_START', timeout: '172800s', maxWaitDuration: '21600s', restartJobOnWorkerRestart: true, disableRetries: false,
    });
    expect(validateAgainstProto('Scheduling', json)).toEqual([]);
  });

  test.each([
    ['STANDARD', SchedulingStrategy.STANDARD],
    ['SPOT', SchedulingStrategy.SPOT],
  ] as [string, SchedulingStrategy][])('%s with retries options', (name, strategy) => {
    const { json, problems } = schedule({ strategy, restartJobOnWorkerRestart: false, disableRetries: true }, { primary: H100() });
    expect(problems).toEqual([]);
    expect(json).toEqual({ strategy: name, restartJobOnWorkerRestart: false, disableRetries: true });
    expect(validateAgainstProto('Scheduling', json)).toEqual([]);
  });

  test('the field prefix is applied to every problem', () => {
    const intent = schedulingIntent({ strategy: FLEX, timeout: Duration.days(8), maxWait: Duration.seconds(-1) });
    const { problems } = schedulingJson(intent, pools({ primary: gpu(GpuType.NVIDIA_TESLA_T4, 1) }), 'workloads.train.scheduling');
    expect(problems.map((p) => p.field)).toEqual([
      'workloads.train.scheduling.timeout', 'workloads.train.scheduling.maxWait', 'workloads.train.scheduling.strategy',
    ]);
  });

  test('schedulingIntent keeps seconds and how the user wrote them', () => {
    expect(schedulingIntent({ strategy: SchedulingStrategy.SPOT, timeout: Duration.hours(2), maxWait: Duration.minutes(3) })).toEqual({
      strategy: 'SPOT', timeoutSeconds: 7200, timeoutText: '2 hours', maxWaitSeconds: 180, maxWaitText: '3 minutes',
      restartJobOnWorkerRestart: undefined, disableRetries: undefined,
    });
  });
});

describe('isPreemptible', () => {
  test.each([
    [SchedulingStrategy.STANDARD, false],
    [SchedulingStrategy.SPOT, true],
    [SchedulingStrategy.FLEX_START, true],
    ['STRATEGY_UNSPECIFIED', false],
  ] as [string, boolean][])('%s → %s', (strategy, preemptible) => {
    expect(isPreemptible(strategy)).toBe(preemptible);
  });
});
