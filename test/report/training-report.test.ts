import { QuotaPlanCheck } from '../../lib/quota/training-quotas';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { App, TerraformStack, Testing } from 'cdktf';
import { Construct } from 'constructs';
import { GoogleProvider } from '@cdktf/provider-google/lib/provider';
import { KmsCryptoKey } from '@cdktf/provider-google/lib/kms-crypto-key';
import { EXAMPLE_STACKS } from '../../examples/stacks';
import {
  ContainerImage, CustomTrainingJob, GpuType, Reservation, SchedulingStrategy, TpuVersion, TrainingCode, TrainingEnvironment,
  Trigger, WorkerPool,
} from '../../lib';
import { JobReport, QuotaStatus, TrainingReport, TrainingReportData } from '../../lib/report';
import { TrainingPolicy } from '../../lib/policy/training-policy';
import { TriggerKind } from '../../lib/triggers/trigger';
import { describeCron } from '../../lib/rules/cron';

const temporary: string[] = [];
afterAll(() => {
  for (const dir of temporary) rmSync(dir, { recursive: true, force: true });
});

/** The report of an example stack after synth (quota increase requests are made at synth). */
function exampleReport(name: string): { stack: TerraformStack; data: TrainingReportData } {
  const stack = EXAMPLE_STACKS[name](Testing.app(), name);
  Testing.synth(stack);
  return { stack, data: TrainingReport.of(stack) };
}

function onlyJob(data: TrainingReportData): JobReport {
  expect(data.environments).toHaveLength(1);
  expect(data.environments[0].jobs).toHaveLength(1);
  return data.environments[0].jobs[0];
}

const code = () => TrainingCode.container({ image: ContainerImage.fromUri('us-docker.pkg.dev/acme-tools/images/trainer:v1') });

/** A stack `test` with one environment `ml` (project acme-ml, us-central1). */
function stackWithEnvironment(app = Testing.app(), quotas = {}): { stack: TerraformStack; env: TrainingEnvironment } {
  const stack = new TerraformStack(app, 'test');
  new GoogleProvider(stack, 'google', { project: 'acme-ml', region: 'us-central1' });
  const env = new TrainingEnvironment(stack, 'ml', { projectId: 'acme-ml', region: 'us-central1', quotas, alerts: { emails: ['ml-platform@acme.example'] } });
  return { stack, env };
}

describe('triggers', () => {
  test('a schedule is described in plain words with its time zone, and keeps its cron', () => {
    const quickstart = onlyJob(exampleReport('quickstart').data);
    expect(quickstart.triggers).toEqual([{
      kind: TriggerKind.SCHEDULE, cron: '0 3 * * *', schedule: 'every day at 03:00', timeZone: 'Etc/UTC',
      description: 'every day at 03:00 (Etc/UTC)', launchKey: 's-nightly-<UTC time of the scheduled slot>',
    }]);
    const pipeline = onlyJob(exampleReport('scheduled-pipeline').data);
    expect(pipeline.triggers[0]).toMatchObject({ schedule: 'every Monday at 04:00', timeZone: 'Europe/Lisbon' });
    const markdown = TrainingReport.renderMarkdown(exampleReport('scheduled-pipeline').data);
    expect(markdown).toContain('schedule `0 4 * * 1`: every Monday at 04:00, time zone `Europe/Lisbon`; one run per `s-weekly-retrain-<UTC time of the scheduled slot>`');
  });

  test('the wording is describeCron\'s, for schedules of every shape', () => {
    const { stack, env } = stackWithEnvironment();
    const crons = ['*/15 9-17 * * 1-5', '0 0 1 * *', '30 6 * * 1-5', '0 */6 * * *'];
    new CustomTrainingJob(stack, 'cron-shapes', {
      environment: env, workerPools: { primary: WorkerPool.cpu({ machineType: 'n2-standard-8' }) }, code: code(),
      triggers: crons.map((cron) => Trigger.schedule(cron, 'America/Los_Angeles')),
    });
    const job = onlyJob(TrainingReport.of(stack));
    expect(job.triggers.map((t) => t.schedule)).toEqual(crons.map(describeCron));
    expect(job.triggers.map((t) => t.schedule)).toContain('every weekday (Mon–Fri) at 06:30');
    expect(TrainingReport.renderMarkdown(TrainingReport.of(stack))).toContain('every weekday (Mon–Fri) at 06:30 (`America/Los_Angeles`)');
  });

  test('new data: the watched bucket by its name, the prefix and the drop marker', () => {
    const pipeline = onlyJob(exampleReport('scheduled-pipeline').data);
    expect(pipeline.triggers[1]).toMatchObject({
      kind: TriggerKind.ON_NEW_DATA,
      bucketName: 'acme-churn-prod-churn-data',
      prefix: 'incoming/',
      filter: { kind: 'MARKER', value: '_SUCCESS' },
      pattern: '^incoming/(.*/)?_SUCCESS$',
      launchKey: 'd-<hash of bucket, object, generation and job>',
    });
    expect(pipeline.triggers[1].description).toContain('_SUCCESS');
    expect(pipeline.triggers[1].triggerObjects).toContain('marker');
  });

  test('on change: the launch key begins with the launch hash', () => {
    const job = onlyJob(exampleReport('distributed-gpu').data);
    expect(job.triggers).toEqual([{
      kind: TriggerKind.ON_CHANGE,
      description: 'every deploy that changes the launch hash or an apply-time value',
      launchKey: `c-${job.manifest.launchHash.slice(0, 24)}<16 hex digits of the apply-time values>`,
    }]);
    expect(job.manifest.launchHash).toMatch(/^[0-9a-f]{64}$/);
  });

  test('a job without triggers is launched by hand, with its launch command output', () => {
    const { stack, env } = stackWithEnvironment();
    new CustomTrainingJob(stack, 'adhoc', { environment: env, workerPools: { primary: WorkerPool.cpu({ machineType: 'n2-standard-8' }) }, code: code() });
    const job = onlyJob(TrainingReport.of(stack));
    expect(job.triggers).toEqual([]);
    expect(job.launchCommandOutput).toBe('ml_adhoc_launch_command');
    const markdown = TrainingReport.renderMarkdown(TrainingReport.of(stack));
    expect(markdown).toContain('| `adhoc` | CustomJob | — | by hand |');
    expect(markdown).toContain('- **Triggers:** none: launched by hand (`terraform output -raw ml_adhoc_launch_command`)');
  });
});

describe('quota demand against declared limits', () => {
  test('over a declared limit, with an increase requested', () => {
    const env = exampleReport('distributed-gpu').data.environments[0];
    expect(env.quotas).toEqual([
      {
        region: 'us-central1', service: 'aiplatform.googleapis.com', metric: 'custom_model_training_preemptible_cpus', unit: 'vCPUs', demand: 592,
        status: QuotaStatus.NO_DECLARED_LIMIT, increaseRequested: false, contributions: ['resnet=592'],
      },
      {
        region: 'us-central1', service: 'aiplatform.googleapis.com', metric: 'custom_model_training_preemptible_nvidia_a100_gpus', quotaId: 'CustomModelTrainingPreemptibleA100GPUsPerProjectPerRegion',
        unit: 'GPUs', demand: 32, limit: 16, status: QuotaStatus.OVER_LIMIT, increaseRequested: true, contributions: ['resnet=32'],
        checkedAtPlan: QuotaPlanCheck.WARNS,
      },
    ]);
    expect(TrainingReport.renderMarkdown(exampleReport('distributed-gpu').data))
      .toContain('| `us-central1` | `custom_model_training_preemptible_nvidia_a100_gpus` | 32 GPUs | 16 | **over the limit**: increase requested | checked: a shortfall warns (the increase is requested) | resnet=32 |');
  });

  test('within declared limits: parallel trials multiply the demand', () => {
    const { data } = exampleReport('hyperparameter-tuning');
    const env = data.environments[0];
    expect(env.quotas.map((r) => [r.metric, r.demand, r.limit, r.status])).toEqual([
      ['custom_model_training_cpus', 40, 2200, QuotaStatus.WITHIN_LIMIT],
      ['custom_model_training_nvidia_t4_gpus', 5, 12, QuotaStatus.WITHIN_LIMIT],
    ]);
    expect(env.jobs[0]).toMatchObject({ parallelTrials: 5, maxTrials: 40 });
    expect(env.jobs[0].quotaDemand).toEqual([
      { region: 'us-central1', metric: 'custom_model_training_cpus', unit: 'vCPUs', amount: 40 },
      { region: 'us-central1', metric: 'custom_model_training_nvidia_t4_gpus', unit: 'GPUs', amount: 5 },
    ]);
    expect(TrainingReport.renderMarkdown(data)).toContain('| `us-central1` | `custom_model_training_nvidia_t4_gpus` | 5 GPUs | 12 | within the limit | — | classifier-search=5 |');
  });

  test('TPU chips against the declared TPU limit', () => {
    const env = exampleReport('tpu').data.environments[0];
    expect(env.quotas).toHaveLength(1);
    expect(env.quotas[0]).toMatchObject({
      region: 'us-central1', metric: 'custom_model_training_tpu_v6e', unit: 'TPU chips', demand: 16, limit: 32,
      status: QuotaStatus.WITHIN_LIMIT, increaseRequested: false, contributions: ['llm-pretrain=16'],
    });
  });

  test('several jobs on one quota: one row, each job\'s part sorted by job', () => {
    const { stack, env } = stackWithEnvironment(Testing.app(), { limits: [{ metric: 'custom_model_training_n2_cpus', limit: 100 }] });
    for (const id of ['zeta', 'alpha']) {
      new CustomTrainingJob(stack, id, { environment: env, workerPools: { primary: WorkerPool.cpu({ machineType: 'n2-standard-16' }) }, code: code() });
    }
    const report = TrainingReport.of(stack);
    expect(report.environments[0].jobs.map((j) => j.jobId)).toEqual(['alpha', 'zeta']);
    expect(report.environments[0].quotas).toEqual([expect.objectContaining({
      metric: 'custom_model_training_n2_cpus', demand: 32, limit: 100, status: QuotaStatus.WITHIN_LIMIT, contributions: ['alpha=16', 'zeta=16'],
    })]);
  });
});

describe('jobs', () => {
  test('worker pools: role, machine, accelerators, replicas, reservation; scheduling strategy and timeout', () => {
    const job = onlyJob(exampleReport('distributed-gpu').data);
    expect(job.schedulingStrategy).toBe(SchedulingStrategy.SPOT);
    expect(job.timeout).toBe('2 days');
    expect(job.workerPools.map(({ code: _code, ...pool }) => pool)).toEqual([
      { role: 'primary', machineType: 'a2-highgpu-8g', replicaCount: 1, accelerator: '8 × NVIDIA_TESLA_A100', acceleratorType: 'NVIDIA_TESLA_A100', acceleratorCount: 8, bootDisk: 'pd-ssd 500 GiB' },
      { role: 'workers', machineType: 'a2-highgpu-8g', replicaCount: 3, accelerator: '8 × NVIDIA_TESLA_A100', acceleratorType: 'NVIDIA_TESLA_A100', acceleratorCount: 8, bootDisk: 'pd-ssd 500 GiB' },
      { role: 'reductionServer', machineType: 'n1-highcpu-16', replicaCount: 13, bootDisk: 'pd-ssd 100 GiB' },
    ]);
  });

  test('TPU pools: version, topology, hosts; cores for TPU v3', () => {
    expect(onlyJob(exampleReport('tpu').data).workerPools.map(({ code: _code, ...pool }) => pool)).toEqual([{
      role: 'primary', machineType: 'ct6e-standard-4t', replicaCount: 1, accelerator: 'TPU v6e 4x4: 16 chips on 4 hosts',
      acceleratorCount: 16, tpuVersion: 'v6e', tpuTopology: '4x4', tpuHosts: 4, bootDisk: 'pd-ssd 100 GiB',
    }]);
    const { stack, env } = stackWithEnvironment();
    new CustomTrainingJob(stack, 'v3', { environment: env, workerPools: { primary: WorkerPool.tpu({ version: TpuVersion.V3, cores: 8 }) }, code: code() });
    expect(onlyJob(TrainingReport.of(stack)).workerPools.map(({ code: _code, ...pool }) => pool)).toEqual([{
      role: 'primary', machineType: 'cloud-tpu', replicaCount: 1, accelerator: 'TPU v3: 8 cores on 1 host',
      acceleratorType: 'TPU_V3', acceleratorCount: 8, tpuVersion: 'v3', tpuHosts: 1, bootDisk: 'pd-ssd 100 GiB',
    }]);
  });

  test('a reservation is shown on its pool', () => {
    const { stack, env } = stackWithEnvironment();
    new CustomTrainingJob(stack, 'reserved', {
      environment: env,
      workerPools: { primary: WorkerPool.gpu({ gpuType: GpuType.NVIDIA_L4, gpusPerReplica: 1, reservation: Reservation.specific('projects/acme-ml/zones/us-central1-a/reservations/l4') }) },
      code: code(),
    });
    expect(onlyJob(TrainingReport.of(stack)).workerPools[0].reservation).toBe('SPECIFIC_RESERVATION: projects/acme-ml/zones/us-central1-a/reservations/l4');
  });

  test('teams: the job runs as the team\'s trainer and writes to the team\'s artifacts bucket', () => {
    const env = exampleReport('enterprise').data.environments[0];
    const detector = env.jobs.find((j) => j.jobId === 'detector')!;
    expect(detector.team).toBe('vision');
    expect(detector.runAs).toBe('platform-vision-tr@acme-ml-prod.iam.gserviceaccount.com');
    expect(detector.runAs).not.toBe(env.trainer);
    expect(detector.outputUriPrefix).toBe('gs://acme-ml-prod-platform-vision-artifacts/jobs/detector/runs/');
    expect(env.teams.find((t) => t.name === 'vision')).toEqual({
      name: 'vision', trainer: detector.runAs, dataBucket: 'acme-ml-prod-platform-vision-data', artifactsBucket: 'acme-ml-prod-platform-vision-artifacts',
    });
    expect(detector.launcher).toBe(env.launcher);
  });

  test('a training pipeline names the model it registers', () => {
    const job = onlyJob(exampleReport('scheduled-pipeline').data);
    expect(job).toMatchObject({ kind: 'TrainingPipeline', modelId: 'churn-classifier' });
  });

  test('imported keys and identities are shown as given', () => {
    const app = Testing.app();
    const stack = new TerraformStack(app, 'test');
    new GoogleProvider(stack, 'google', { project: 'acme-ml', region: 'us-central1' });
    const vertexKey = 'projects/acme-kms/locations/us-central1/keyRings/ml/cryptoKeys/vertex';
    const env = new TrainingEnvironment(stack, 'ml', {
      projectId: 'acme-ml', region: 'us-central1',
      encryption: { vertexKeyName: vertexKey },
      launcherServiceAccount: { existingEmail: 'launcher@acme-ml.iam.gserviceaccount.com' },
    });
    new CustomTrainingJob(stack, 'nightly', { environment: env, workerPools: { primary: WorkerPool.cpu({ machineType: 'n2-standard-8' }) }, code: code() });
    const job = onlyJob(TrainingReport.of(stack));
    expect(job.launcher).toBe('launcher@acme-ml.iam.gserviceaccount.com');
    expect(job.keys.vertexKey).toBe(vertexKey);
    expect(job.keys.storageKey).toBe('projects/acme-ml/locations/us-central1/keyRings/ml-training/cryptoKeys/ml-storage');
    expect(job.runAs).toBe('ml-trainer@acme-ml.iam.gserviceaccount.com');
  });

  test('Markdown escapes what would format a display name', () => {
    const { stack, env } = stackWithEnvironment();
    new CustomTrainingJob(stack, 'fancy', { environment: env, displayName: 'Nightly *fast* <run> _v2_', workerPools: { primary: WorkerPool.cpu({ machineType: 'n2-standard-8' }) }, code: code() });
    expect(TrainingReport.renderMarkdown(TrainingReport.of(stack))).toContain('- **Display name:** Nightly \\*fast\\* \\<run\\> \\_v2\\_');
  });
});

describe('environments', () => {
  test('several environments in one stack: sorted by path, each with its own jobs and quotas', () => {
    const app = Testing.app();
    const stack = new TerraformStack(app, 'test');
    new GoogleProvider(stack, 'google', { project: 'acme-ml', region: 'us-central1' });
    const second = new TrainingEnvironment(stack, 'zz', { projectId: 'acme-ml', region: 'europe-west4' });
    const first = new TrainingEnvironment(stack, 'aa', { projectId: 'acme-ml', region: 'us-central1' });
    new CustomTrainingJob(stack, 'eu-job', { environment: second, workerPools: { primary: WorkerPool.cpu({ machineType: 'n1-standard-4' }) }, code: code() });
    new CustomTrainingJob(stack, 'us-job', { environment: first, workerPools: { primary: WorkerPool.cpu({ machineType: 'n1-standard-8' }) }, code: code() });
    const report = TrainingReport.of(stack);
    expect(report.environments.map((e) => [e.path, e.region, e.jobs.map((j) => j.jobId), e.quotas.map((q) => `${q.region}:${q.demand}`)])).toEqual([
      ['test/aa', 'us-central1', ['us-job'], ['us-central1:8']],
      ['test/zz', 'europe-west4', ['eu-job'], ['europe-west4:4']],
    ]);
  });
});

describe('policy exceptions', () => {
  test('listed with their reasons, sorted by path and rule, each once', () => {
    const { stack } = exampleReport('quickstart');
    const acknowledgements = [
      { path: 'quickstart/ml/staging-bucket', ruleId: 'VT-BUCKET-VERSIONING', reason: 'Staging objects are rebuilt by CI | never edited' },
      { path: 'quickstart/ml/data-bucket', ruleId: 'VT-BUCKET-VERSIONING', reason: 'Data is versioned upstream' },
      { path: 'quickstart/ml/staging-bucket', ruleId: 'VT-BUCKET-FORCE-DESTROY', reason: 'Scratch bucket' },
      { path: 'quickstart/ml/data-bucket', ruleId: 'VT-BUCKET-VERSIONING', reason: 'Data is versioned upstream' },
    ];
    const data = TrainingReport.of(stack, acknowledgements);
    expect(data.policyExceptions).toEqual([
      { path: 'quickstart/ml/data-bucket', ruleId: 'VT-BUCKET-VERSIONING', reason: 'Data is versioned upstream' },
      { path: 'quickstart/ml/staging-bucket', ruleId: 'VT-BUCKET-FORCE-DESTROY', reason: 'Scratch bucket' },
      { path: 'quickstart/ml/staging-bucket', ruleId: 'VT-BUCKET-VERSIONING', reason: 'Staging objects are rebuilt by CI | never edited' },
    ]);
    const markdown = TrainingReport.renderMarkdown(data);
    expect(markdown).toContain('1 job in 1 environment; 3 acknowledged policy exceptions.');
    expect(markdown).toContain('| `quickstart/ml/staging-bucket` | — | `VT-BUCKET-VERSIONING` | Staging objects are rebuilt by CI \\| never edited | — |');
    expect(JSON.parse(TrainingReport.renderJson(data)).policyExceptions).toHaveLength(3);
  });

  test('by default, the acknowledgements the policy checks recorded at synth, in the written report', () => {
    const outdir = mkdtempSync(join(tmpdir(), 'vertex-training-report-'));
    temporary.push(outdir);
    const app = new App({ outdir });
    const { stack, env } = stackWithEnvironment(app);
    new CustomTrainingJob(stack, 'nightly', { environment: env, workerPools: { primary: WorkerPool.cpu({ machineType: 'n2-standard-8' }) }, code: code() });
    const archive = new Construct(stack, 'archive');
    new KmsCryptoKey(archive, 'key', {
      name: 'archive', keyRing: 'projects/acme-ml/locations/us-central1/keyRings/ring', rotationPeriod: '31536000s', lifecycle: { preventDestroy: true },
    });
    TrainingPolicy.applyTo(stack);
    TrainingPolicy.acknowledge(archive, 'VT-KMS-1', 'Archive key: yearly rotation agreed with security (SEC-142)');
    TrainingReport.writeOnSynth(stack);
    app.synth();
    const written: TrainingReportData = JSON.parse(readFileSync(join(outdir, 'stacks', 'test', 'training-report.json'), 'utf8'));
    expect(written.policyExceptions).toEqual([{
      path: 'test/archive/key',
      address: expect.stringMatching(/^google_kms_crypto_key\.archive_key_\w+$/),
      ruleId: 'VT-KMS-1',
      reason: 'Archive key: yearly rotation agreed with security (SEC-142)',
      acknowledgedAt: 'test/archive',
      problems: ['rotation_period 31536000s is 365 days, more than 90'],
    }]);
    expect(TrainingReport.of(stack)).toEqual(written);
    const address = written.policyExceptions[0].address!;
    expect(readFileSync(join(outdir, 'stacks', 'test', 'training-report.md'), 'utf8')).toContain(
      `| \`test/archive/key\` | \`${address}\` | \`VT-KMS-1\` | Archive key: yearly rotation agreed with security (SEC-142) (acknowledged on \`test/archive\`) | rotation_period 31536000s is 365 days, more than 90 |`);
  });

  test('without acknowledgements the section says every rule is enforced', () => {
    const data = TrainingReport.of(exampleReport('quickstart').stack, []);
    expect(data.policyExceptions).toEqual([]);
    expect(TrainingReport.renderMarkdown(data)).toContain('## Acknowledged policy exceptions\n\nNone: every policy rule is enforced.\n');
  });
});

describe('writing at synth', () => {
  test('writeOnSynth is idempotent: one writer per stack', () => {
    const { stack } = stackWithEnvironment();
    TrainingReport.writeOnSynth(stack);
    const writer = stack.synthesizer;
    TrainingReport.writeOnSynth(stack);
    expect(stack.synthesizer).toBe(writer);
  });

  test('a synth that fails writes no report', () => {
    const outdir = mkdtempSync(join(tmpdir(), 'vertex-training-report-'));
    temporary.push(outdir);
    const app = new App({ outdir });
    const { stack, env } = stackWithEnvironment(app, { limits: [{ metric: 'custom_model_training_n2_cpus', limit: 4 }] });
    new CustomTrainingJob(stack, 'too-big', { environment: env, workerPools: { primary: WorkerPool.cpu({ machineType: 'n2-standard-8' }) }, code: code() });
    TrainingReport.writeOnSynth(stack);
    expect(() => app.synth()).toThrow(/custom_model_training_n2_cpus: demand 8 > limit 4/);
    expect(existsSync(join(outdir, 'stacks', 'test', 'training-report.md'))).toBe(false);
    expect(existsSync(join(outdir, 'stacks', 'test', 'training-report.json'))).toBe(false);
  });
});

describe('alerts', () => {
  test('each alert of failed launches and runs, and who it notifies', () => {
    const env = exampleReport('enterprise').data.environments[0];
    expect(env.alerts.map((a) => [a.name, a.notifies])).toEqual([
      ['Failed training launches (platform)', ['email ml-platform-oncall@acme.example', 'Pub/Sub topic projects/acme-ops/topics/ml-platform-pages']],
      ['Failed training runs (platform)', ['email ml-platform-oncall@acme.example', 'Pub/Sub topic projects/acme-ops/topics/ml-platform-pages']],
    ]);
    expect(env.alerts[0].metric).toBe('platform-launch-failures');
  });

  test('alerts that notify no one say so', () => {
    const stack = new TerraformStack(Testing.app(), 'test');
    new GoogleProvider(stack, 'google', { project: 'acme-ml', region: 'us-central1' });
    const env = new TrainingEnvironment(stack, 'ml', { projectId: 'acme-ml', region: 'us-central1' });
    new CustomTrainingJob(stack, 'nightly', { environment: env, workerPools: { primary: WorkerPool.cpu({ machineType: 'n2-standard-8' }) }, code: code() });
    const data = TrainingReport.of(stack);
    expect(data.environments[0].alerts.map((a) => a.notifies)).toEqual([[], []]);
    expect(TrainingReport.renderMarkdown(data)).toContain('| Failed training runs (ml) | a Vertex AI job started by the launcher that ended FAILED, CANCELLED, EXPIRED or PARTIALLY_SUCCEEDED | **no one**: incidents open in the Cloud Monitoring console only |');
  });

  test('an environment without jobs has no launcher, hence no alerts', () => {
    const { stack } = stackWithEnvironment();
    expect(TrainingReport.of(stack).environments[0].alerts).toEqual([]);
  });
});
