import { TerraformStack, Testing } from 'cdktf';
import { GoogleProvider } from '@cdktf/provider-google/lib/provider';
import { EXAMPLE_STACKS } from '../../examples/stacks';
import {
  ContainerImage, CustomTrainingJob, CustomTrainingJobProps, Duration, GpuType, HyperparameterTuningJob, Metric, Parameter, ReductionServer,
  SchedulingStrategy, TpuVersion, TrainingCode, TrainingEnvironment, TrainingEnvironmentProps, Trigger, WorkerPool,
} from '../../lib';
import { PRICE_CATALOG } from '../../lib/catalog/prices';
import { JobReport, TrainingReport } from '../../lib/report';
import { runsPerMonth } from '../../lib/report/cost';

/**
 * Cost (issue 10): accelerator-hours, vCPU-hours and prices of a run at the timeout and at the
 * typical duration, per month for schedules, on-demand and Spot, from the price catalog with the
 * environment's prices over it; tuning jobs pay every trial; the Reduction Server's size explained.
 * Expected prices are computed from the catalog's rows, so that a changed row changes both sides.
 */

const code = () => TrainingCode.container({ image: ContainerImage.fromUri('us-docker.pkg.dev/acme-tools/images/trainer:v1') });
const { machines, gpus, tpus } = PRICE_CATALOG;

function jobReport(props: Partial<CustomTrainingJobProps>, envProps: Partial<TrainingEnvironmentProps> = {}, tuning?: { max: number; parallel: number }): { job: JobReport; markdown: string } {
  const stack = new TerraformStack(Testing.app(), 'cost');
  new GoogleProvider(stack, 'google', { project: 'acme-ml', region: 'us-central1' });
  const env = new TrainingEnvironment(stack, 'ml', { projectId: 'acme-ml', region: 'us-central1', alerts: { emails: ['ml@acme.example'] }, ...envProps });
  const common = { environment: env, workerPools: { primary: WorkerPool.cpu({ machineType: 'n2-standard-8' }) }, code: code(), ...props };
  if (tuning) {
    new HyperparameterTuningJob(stack, 'job', {
      ...common,
      study: { metrics: [Metric.maximize('auc')], parameters: [Parameter.integer('depth', { min: 2, max: 8 })] },
      maxTrialCount: tuning.max, parallelTrialCount: tuning.parallel,
    });
  } else {
    new CustomTrainingJob(stack, 'job', common);
  }
  Testing.synth(stack);
  const data = TrainingReport.of(stack);
  return { job: data.environments[0].jobs[0], markdown: TrainingReport.renderMarkdown(data) };
}

const cents = (value: number) => Math.round(value * 100) / 100;

describe('per run', () => {
  test('machine plus GPUs per hour, at the timeout and at the typical duration; on-demand is what STANDARD pays', () => {
    const { job, markdown } = jobReport({
      workerPools: { primary: WorkerPool.gpu({ gpuType: GpuType.NVIDIA_TESLA_T4, gpusPerReplica: 2, machineType: 'n1-standard-8' }), workers: WorkerPool.gpu({ gpuType: GpuType.NVIDIA_TESLA_T4, gpusPerReplica: 2, machineType: 'n1-standard-8', replicaCount: 2 }) },
      scheduling: { timeout: Duration.hours(10) },
      typicalDuration: Duration.minutes(90),
    });
    const hourly = 3 * (machines['n1-standard-8'].onDemand + 2 * gpus.NVIDIA_TESLA_T4.onDemand);
    const hourlySpot = 3 * (machines['n1-standard-8'].spot + 2 * gpus.NVIDIA_TESLA_T4.spot);
    expect(job.cost).toMatchObject({ vcpus: 24, accelerators: 6, acceleratorUnit: 'GPUs', trials: 1, billedAs: 'on-demand', hourlyOnDemand: cents(hourly), unpriced: [] });
    expect(job.cost.perRun).toEqual([
      { basis: 'timeout 10 hours', hours: 10, wallClockHours: 10, acceleratorHours: 60, vcpuHours: 240, onDemand: cents(hourly * 10), spot: cents(hourlySpot * 10) },
      { basis: 'typical 90 minutes', hours: 1.5, wallClockHours: 1.5, acceleratorHours: 9, vcpuHours: 36, onDemand: cents(hourly * 1.5), spot: cents(hourlySpot * 1.5) },
    ]);
    expect(job.typicalDuration).toBe('90 minutes');
    expect(markdown).toContain(`| per run | typical 90 minutes | 1.5 | 1.5 | 9 | 36 | **$${cents(hourly * 1.5).toFixed(2)}** | $${cents(hourlySpot * 1.5).toFixed(2)} |`);
    expect(markdown).toContain('- **Scheduling:** STANDARD, timeout 10 hours, typically 90 minutes');
  });

  test('without a timeout, Vertex AI\'s 7 days; Spot is what SPOT pays, and is shown in bold', () => {
    const { job, markdown } = jobReport({ scheduling: { strategy: SchedulingStrategy.SPOT } });
    expect(job.cost.perRun).toHaveLength(1);
    expect(job.cost.perRun[0]).toMatchObject({ basis: 'timeout 7 days (Vertex AI\'s default)', hours: 168, vcpuHours: 8 * 168, onDemand: cents(machines['n2-standard-8'].onDemand * 168) });
    expect(job.cost.billedAs).toBe('Spot');
    expect(markdown).toContain(`| $${cents(machines['n2-standard-8'].onDemand * 168).toFixed(2)} | **$${cents(machines['n2-standard-8'].spot * 168).toFixed(2)}** |`);
  });

  test('FLEX_START says its prices are not catalogued', () => {
    const { job } = jobReport({ workerPools: { primary: WorkerPool.gpu({ gpuType: GpuType.NVIDIA_TESLA_A100, gpusPerReplica: 1 }) }, scheduling: { strategy: SchedulingStrategy.FLEX_START, timeout: Duration.hours(4) } });
    expect(job.cost.billedAs).toMatch(/^Dynamic Workload Scheduler \(FLEX_START\): priced apart, not in the catalog/);
  });

  test('a TPU slice pays per chip, its hosts included', () => {
    const { job } = jobReport({ workerPools: { primary: WorkerPool.tpu({ version: TpuVersion.V6E, topology: '4x4' }) }, scheduling: { timeout: Duration.hours(2) } });
    expect(job.cost).toMatchObject({ accelerators: 16, acceleratorUnit: 'TPU chips', vcpus: 4 * 180, hourlyOnDemand: cents(16 * tpus.v6e.onDemand) });
    expect(job.cost.perRun[0]).toMatchObject({ acceleratorHours: 32, vcpuHours: 1440 });
  });

  test('what has no price is listed and keeps totals out, never counted as free', () => {
    const { job, markdown } = jobReport({ workerPools: { primary: WorkerPool.gpu({ gpuType: GpuType.NVIDIA_H100_80GB, gpusPerReplica: 8 }) }, scheduling: { timeout: Duration.hours(1) } });
    expect(job.cost.unpriced).toEqual(['GPU NVIDIA_H100_80GB', 'machine a3-highgpu-8g']);
    expect(job.cost.hourlyOnDemand).toBeUndefined();
    expect(job.cost.perRun[0].onDemand).toBeUndefined();
    expect(job.cost.perRun[0].acceleratorHours).toBe(8);
    expect(markdown).toContain('- **Not priced** (left out of the totals): `GPU NVIDIA_H100_80GB`, `machine a3-highgpu-8g`');
  });
});

describe('tuning jobs', () => {
  test('every trial pays: maxTrialCount × one trial; the wall clock runs parallelTrialCount at a time', () => {
    const { job } = jobReport({ scheduling: { timeout: Duration.hours(2) } }, {}, { max: 10, parallel: 3 });
    expect(job.cost).toMatchObject({ trials: 10, parallelTrials: 3, vcpus: 8 });
    expect(job.cost.perRun[0]).toEqual({
      basis: 'timeout 2 hours', hours: 2, wallClockHours: 8, acceleratorHours: 0, vcpuHours: 160,
      onDemand: cents(machines['n2-standard-8'].onDemand * 20), spot: cents(machines['n2-standard-8'].spot * 20),
    });
  });
});

describe('schedules', () => {
  test('runs per average month of a cron, over a 28-year cycle', () => {
    const cycleMonths = 28 * 12;
    expect(runsPerMonth('0 3 * * *')).toBeCloseTo(365.25 / 12, 10);
    expect(runsPerMonth('0 */6 * * *')).toBeCloseTo(4 * 365.25 / 12, 10);
    expect(runsPerMonth('*/15 * * * *')).toBeCloseTo(96 * 365.25 / 12, 10);
    expect(runsPerMonth('0 4 * * 1')).toBeCloseTo(1461 / cycleMonths, 10);
    expect(runsPerMonth('30 6 * * 1-5')).toBeCloseTo(5 * 1461 / cycleMonths, 10);
    expect(runsPerMonth('0 0 1 * *')).toBe(1);
    expect(runsPerMonth('0 0 29 2 *')).toBeCloseTo(7 / cycleMonths, 10);
    // cron ORs restricted day fields: the 1st and 15th, and every Friday.
    expect(runsPerMonth('0 0 1,15 * 5')).toBeGreaterThan(2 + 4);
    expect(runsPerMonth('not a cron')).toBe(0);
  });

  test('a month of scheduled runs at the typical duration, every schedule counted', () => {
    const { job, markdown } = jobReport({
      triggers: [Trigger.schedule('0 3 * * *'), Trigger.schedule('0 4 * * 1')],
      scheduling: { timeout: Duration.hours(6) },
      typicalDuration: Duration.hours(1),
    });
    const runs = cents(runsPerMonth('0 3 * * *') + runsPerMonth('0 4 * * 1'));
    expect(job.cost.runsPerMonth).toBe(runs);
    expect(job.cost.perMonth).toMatchObject({ basis: `${runs} runs of typical 1 hour`, hours: runs, wallClockHours: runs, vcpuHours: cents(8 * runs), onDemand: cents(machines['n2-standard-8'].onDemand * runs) });
    expect(markdown).toContain(`- **Schedules:** ${runs} runs per month`);
  });
});

describe('prices', () => {
  test('the environment\'s prices over the catalog, with their source and date; the report says which rows were given', () => {
    const { job } = jobReport({ scheduling: { timeout: Duration.hours(1) } }, { prices: { machines: { 'n2-standard-8': { onDemand: 1, spot: 0.5 } }, source: 'contract 42', date: '2026-11-30' } });
    expect(job.cost.perRun[0]).toMatchObject({ onDemand: 1, spot: 0.5 });
    const stack = new TerraformStack(Testing.app(), 'prices');
    new GoogleProvider(stack, 'google', { project: 'acme-ml', region: 'europe-west4' });
    new TrainingEnvironment(stack, 'ml', { projectId: 'acme-ml', region: 'europe-west4', prices: { gpus: { NVIDIA_TESLA_T4: { onDemand: 0.5 } } } });
    const data = TrainingReport.of(stack);
    expect(data.environments[0].prices).toEqual({ date: PRICE_CATALOG.date, source: PRICE_CATALOG.source, currency: 'USD', region: 'us-central1', overridden: ['GPU NVIDIA_TESLA_T4'] });
    expect(TrainingReport.renderMarkdown(data)).toContain('(rates of us-central1, estimated for europe-west4); given by the environment: GPU NVIDIA_TESLA_T4.');
  });

  test('prices in another currency replace the catalog: what they leave out is unpriced, never counted in dollars', () => {
    const gpuJob = { workerPools: { primary: WorkerPool.gpu({ gpuType: GpuType.NVIDIA_TESLA_T4, gpusPerReplica: 1 }) }, scheduling: { timeout: Duration.hours(1) } };
    const inEuros = jobReport(gpuJob, { prices: { machines: { 'n1-standard-4': { onDemand: 0.2 } }, currency: 'EUR' } }).job.cost;
    expect(inEuros.perRun[0].onDemand).toBeUndefined();
    expect(inEuros.unpriced).toEqual(['GPU NVIDIA_TESLA_T4']);
    const inDollars = jobReport(gpuJob, { prices: { machines: { 'n1-standard-4': { onDemand: 0.2 } } } }).job.cost;
    expect(inDollars.perRun[0].onDemand).toBe(cents(0.2 + gpus.NVIDIA_TESLA_T4.onDemand));
  });

  test('a price without Spot leaves Spot unestimated', () => {
    const { job } = jobReport({ scheduling: { timeout: Duration.hours(1) } }, { prices: { machines: { 'n2-standard-8': { onDemand: 1 } } } });
    expect(job.cost.perRun[0].onDemand).toBe(1);
    expect(job.cost.perRun[0].spot).toBeUndefined();
  });

  test('bad prices fail with every problem, naming the field and the nearest known name', () => {
    const stack = new TerraformStack(Testing.app(), 'bad');
    expect(() => new TrainingEnvironment(stack, 'ml', {
      projectId: 'acme-ml', region: 'us-central1',
      prices: { machines: { 'n2-standrad-8': { onDemand: 1 }, 'n1-standard-8': { onDemand: -1, spot: Number.NaN } }, tpus: { v7: { onDemand: 1 } } },
    })).toThrow(expect.objectContaining({
      message: expect.stringMatching(/prices\.machines "n2-standrad-8" .*did you mean n2-standard-8\?\)\n.*prices\.machines\["n1-standard-8"\]\.onDemand -1 .*\n.*prices\.machines\["n1-standard-8"\]\.spot NaN .*\n.*prices\.tpus "v7" is not valid: a TPU version/),
    }));
  });
});

describe('reducer sizing', () => {
  test('why the example has 13 reducers', () => {
    const stack = EXAMPLE_STACKS['distributed-gpu'](Testing.app(), 'distributed-gpu');
    Testing.synth(stack);
    const job = TrainingReport.of(stack).environments[0].jobs[0];
    expect(job.workerPools.find((p) => p.role === 'reductionServer')?.replicaCount).toBe(13);
    expect(job.reductionServerSizing).toBe('13 reducers: 4 GPU replicas (1 primary + 3 workers) × 100 Gbps each (a2-highgpu-8g, [unconfirmed] catalog value, override with workerBandwidthGbps)'
      + ' = 400 Gbps, / 32 Gbps per n1-highcpu-16 reducer = 12.5, rounded up');
  });

  test('given bandwidths and counts are named as given', () => {
    const gpu = (replicaCount: number) => WorkerPool.gpu({ gpuType: GpuType.NVIDIA_TESLA_V100, gpusPerReplica: 8, replicaCount });
    const sized = (reductionServer: ReductionServer) => jobReport({ workerPools: { primary: gpu(1), workers: gpu(1), reductionServer } }).job;
    const given = sized(ReductionServer.of({ workerBandwidthGbps: 64, reducerBandwidthGbps: 20, machineType: 'n2-highcpu-16' }));
    const machine = given.workerPools.find((p) => p.role === 'workers')!.machineType;
    expect(given.workerPools.find((p) => p.role === 'reductionServer')!.replicaCount).toBe(7);
    expect(given.reductionServerSizing).toBe(`7 reducers: 2 GPU replicas (1 primary + 1 workers) × 64 Gbps each (${machine}, workerBandwidthGbps) = 128 Gbps, / 20 Gbps per n2-highcpu-16 reducer = 6.4, rounded up`);
    expect(sized(ReductionServer.of({ replicaCount: 2 })).reductionServerSizing).toBe('2 reducers: set by the job (replicaCount)');
  });
});
