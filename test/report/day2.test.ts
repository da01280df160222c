import { TerraformStack, Testing } from 'cdktf';
import { GoogleProvider } from '@cdktf/provider-google/lib/provider';
import {
  ContainerImage, CustomTrainingJob, CustomTrainingJobProps, Duration, GpuType, TrainingBackend, TrainingCode, TrainingEnvironment,
  TrainingEnvironmentProps, Trigger, WorkerPool,
} from '../../lib';
import { ConcurrencyKind, ConcurrencyPolicy } from '../../lib/jobs/concurrency-policy';
import { JobReport, TrainingReport, TrainingReportData } from '../../lib/report';
import { ObjectFilter, ObjectFilterKind } from '../../lib/triggers/object-filter';
import { gkeJobApp } from '../gke/job-fixtures';

/**
 * The day-2 operations in the training report (issue 12): per job its concurrency policy, whether
 * it is paused (at a glance: the summary, the jobs table and its heading), what a data trigger's
 * filter and window launch and what the run receives, the shared checkpoints and the retention as
 * the lifecycle rules its buckets get; per environment the budget and the metadata store.
 */

const IMAGE = 'us-docker.pkg.dev/acme-tools/images/trainer:v1';

type JobOptions = Omit<CustomTrainingJobProps, 'environment' | 'workerPools' | 'code'> & Partial<Pick<CustomTrainingJobProps, 'workerPools'>>;

/** A stack with environment `ml` and the jobs `jobs` declares; synthesized, then reported. */
function reportOf(jobs: { [id: string]: (env: TrainingEnvironment) => JobOptions }, props: Partial<TrainingEnvironmentProps> = {}): {
  stack: TerraformStack; data: TrainingReportData; markdown: string; job: (id: string) => JobReport; json: any;
} {
  const stack = new TerraformStack(Testing.app(), 'test');
  new GoogleProvider(stack, 'google', { project: 'acme-ml', region: 'us-central1' });
  const env = new TrainingEnvironment(stack, 'ml', { projectId: 'acme-ml', region: 'us-central1', alerts: { emails: ['ml@acme.example'] }, ...props });
  for (const [id, options] of Object.entries(jobs)) {
    new CustomTrainingJob(stack, id, {
      workerPools: { primary: WorkerPool.cpu({ machineType: 'n2-standard-8' }) },
      code: TrainingCode.container({ image: ContainerImage.fromUri(IMAGE) }),
      ...options(env),
      environment: env,
    });
  }
  const json = JSON.parse(Testing.synth(stack));
  const data = TrainingReport.of(stack);
  const job = (id: string) => data.environments[0].jobs.find((j) => j.jobId === id)!;
  return { stack, data, markdown: TrainingReport.renderMarkdown(data), job, json };
}

describe('concurrency', () => {
  test('allow (the default), skip and up to N, and the quota plan counts N runs', () => {
    const gpu = { primary: WorkerPool.gpu({ gpuType: GpuType.NVIDIA_TESLA_T4, gpusPerReplica: 1 }) };
    const { job, markdown, data } = reportOf({
      default: () => ({ workerPools: gpu }),
      skip: () => ({ workerPools: gpu, concurrency: ConcurrencyPolicy.skip() }),
      three: () => ({ workerPools: gpu, concurrency: ConcurrencyPolicy.upTo(3) }),
    });
    expect(job('default').concurrency).toEqual({ kind: ConcurrencyKind.ALLOW, plannedRuns: 1, description: expect.stringMatching(/^allow: runs may overlap/) });
    expect(job('skip').concurrency).toMatchObject({ kind: ConcurrencyKind.SKIP, maxConcurrentRuns: 1, plannedRuns: 1 });
    expect(job('three').concurrency).toMatchObject({ kind: ConcurrencyKind.UP_TO, maxConcurrentRuns: 3, plannedRuns: 3 });
    // What the report says the plan counts is what the plan counts.
    const t4 = (id: string) => job(id).quotaDemand.find((d) => d.metric === 'custom_model_training_nvidia_t4_gpus')!.amount;
    expect([t4('default'), t4('skip'), t4('three')]).toEqual([1, 1, 3]);
    const row = data.environments[0].quotas.find((r) => r.metric === 'custom_model_training_nvidia_t4_gpus')!;
    expect(row.contributions).toEqual(['default=1', 'skip=1', 'three=3']);
    expect(markdown).toContain('- **Concurrency:** allow: runs may overlap (every launch starts a run; the quota plan counts one run)');
    expect(markdown).toContain('- **Concurrency:** skip: one run at a time; a launch while a run of the job is active is skipped and logged as a warning (its launch key is spent)');
    expect(markdown).toContain('- **Concurrency:** up to 3: at most 3 runs of the job at once; a launch that finds 3 active is skipped and logged as a warning (its launch key is spent); the quota plan counts 3 runs');
  });
});

describe('paused jobs, at a glance', () => {
  test('the summary, the jobs table, the heading and the section say so; a running job says nothing of it', () => {
    const { job, markdown } = reportOf({
      nightly: () => ({ paused: true, triggers: [Trigger.schedule('0 3 * * *')] }),
      gitops: () => ({ paused: true, triggers: [Trigger.onChange()] }),
      live: () => ({ triggers: [Trigger.onChange()] }),
    });
    expect([job('nightly').paused, job('gitops').paused, job('live').paused]).toEqual([true, true, false]);
    expect(markdown).toContain('**Paused:** `gitops`, `nightly`: schedules paused in Cloud Scheduler, event launches (a schedule\'s firing, on change, new data) ignored with a logged reason; launches by hand still run.');
    // An on-change job deployed paused for the first time never ran its key: it launches once on resume.
    expect(markdown).toContain('Resuming launches nothing by itself, except an on-change job whose launch key never ran: one whose launch hash or apply-time values changed while it was paused, or one deployed paused for the first time, launches once.');
    expect(markdown).toContain('| `nightly` | CustomJob | — | **paused**: every day at 03:00 (`Etc/UTC`) |');
    expect(markdown).toContain('| `live` | CustomJob | — | on change |');
    expect(markdown).toContain('#### `nightly` (CustomJob) — paused\n\n- **paused**: schedules paused in Cloud Scheduler, event launches ignored with a logged reason; launches by hand still run\n');
    expect(markdown).toContain('#### `live` (CustomJob)\n\n- **Display name:**');
    // A paused on-change job is not among what a deploy launches, and its section says why.
    expect(markdown).toContain('**What a deploy launches:** a run of `live` whenever');
    expect(markdown).toContain('- **Paused: a deploy launches nothing** while the job is paused; on resume, a key that never ran (a launch hash or apply-time value changed while paused, or the job first deployed paused) launches once');
    expect(job('gitops').manifest.launchesOnDeploy).toBe(true);
  });

  test('a report without paused jobs has no paused summary', () => {
    expect(reportOf({ live: () => ({}) }).markdown).not.toContain('Paused');
  });
});

describe('data batches', () => {
  test('a marker, a suffix and a pattern: the filter, the RE2 the launcher matches, what the run gets, the key', () => {
    const { job, markdown } = reportOf({
      drops: (env) => ({
        triggers: [
          Trigger.onNewDataBatch({ bucketName: env.dataBucket.bucketName, prefix: 'drops/', filter: ObjectFilter.marker('_SUCCESS') }),
          Trigger.onNewDataBatch({ bucketName: env.dataBucket.bucketName, prefix: 'parquet/', filter: ObjectFilter.suffix('.parquet') }),
          Trigger.onNewDataBatch({ bucketName: env.dataBucket.bucketName, prefix: 'tf.records/', filter: ObjectFilter.pattern('shard-[0-9]+\\.tfrecord') }),
        ],
      }),
    });
    const [marker, suffix, pattern] = job('drops').triggers;
    expect(marker).toEqual({
      kind: 'ON_NEW_DATA', bucketName: 'acme-ml-ml-data', prefix: 'drops/',
      description: 'every object written under gs://acme-ml-ml-data/drops/, when its last path segment is _SUCCESS, a marker completing a drop at any depth',
      filter: { kind: ObjectFilterKind.MARKER, value: '_SUCCESS' },
      pattern: '^drops/(.*/)?_SUCCESS$',
      triggerObjects: 'a JSON list holding the marker\'s gs:// URI (the drop is the marker\'s directory)',
      launchKey: 'd-<hash of bucket, object, generation and job>',
    });
    expect(suffix).toMatchObject({ filter: { kind: ObjectFilterKind.SUFFIX, value: '.parquet' }, pattern: '^parquet/.*\\.parquet$', triggerObjects: 'a JSON list holding the object\'s gs:// URI' });
    // The prefix is a literal: its dot is escaped, the pattern's own syntax is kept.
    expect(pattern).toMatchObject({ filter: { kind: ObjectFilterKind.PATTERN }, pattern: '^tf\\.records/(?:shard-[0-9]+\\.tfrecord)$' });
    expect(new RegExp(pattern.pattern!).test('tf.records/shard-12.tfrecord')).toBe(true);
    expect(new RegExp(pattern.pattern!).test('tf.records/old/shard-12.tfrecord')).toBe(false);
    expect(markdown).toContain('on new data: every object written under `gs://acme-ml-ml-data/drops/`, when its last path segment is `_SUCCESS`, a marker completing a drop at any depth (matched as `^drops/(.*/)?_SUCCESS$`); '
      + 'the run gets `VT_TRIGGER_OBJECTS`: a JSON list holding the marker\'s gs:// URI (the drop is the marker\'s directory); one run per `d-<hash of bucket, object, generation and job>`');
    expect(markdown).toContain('`_SUCCESS` markers under `gs://acme-ml-ml-data/drops/`; new `*.parquet` under `gs://acme-ml-ml-data/parquet/`; new data under `gs://acme-ml-ml-data/tf.records/` matching `shard-[0-9]+\\.tfrecord`');
  });

  test('a coalescing window: one run per window with its objects, keyed by the window', () => {
    const { job, markdown } = reportOf({
      hourly: (env) => ({ triggers: [Trigger.onNewDataBatch({ bucketName: env.dataBucket.bucketName, prefix: 'events/', coalesce: Duration.minutes(15) })] }),
    });
    const [window] = job('hourly').triggers;
    expect(window).toMatchObject({ coalesceSeconds: 900, launchKey: 'd-<hash of bucket, route pattern, window start and job>' });
    expect(window.filter).toBeUndefined();
    expect(window.triggerObjects).toMatch(/^a JSON list of the gs:\/\/ URIs of every matching object created in the window \(at most 500 \(24,576 characters of JSON\): the first by name, and the object whose event started the launch; the launcher lists the first [\d,]+ objects under the prefix, and logs a warning when objects are left out\)$/);
    expect(window.description).toBe('every object written under gs://acme-ml-ml-data/events/; coalesced: one run per window of 15 minutes (tumbling, aligned to the Unix epoch, by the objects\' timeCreated), started 1 minute after the window ends');
    expect(markdown).toContain('; coalesced: one run per window of 15 minutes (tumbling, aligned to the Unix epoch, by the objects\' `timeCreated`), started 1 minute after the window ends; the run gets `VT_TRIGGER_OBJECTS`: a JSON list of the gs:// URIs of every matching object created in the window');
    expect(markdown).toContain('new data under `gs://acme-ml-ml-data/events/`, one run per 15 minutes');
  });
});

/** The Delete rules of a synthesized bucket whose name is `name`, as `{ condition, prefixes }`. */
function bucketRules(json: any, name: string): { condition: any; prefixes: string[] }[] {
  const bucket = Object.values<any>(json.resource.google_storage_bucket).find((b) => b.name === name);
  return (bucket.lifecycle_rule as any[])
    .filter((rule) => rule.action.type === 'Delete' && rule.condition.matches_prefix !== undefined)
    .map((rule) => ({ condition: rule.condition, prefixes: rule.condition.matches_prefix }));
}

describe('checkpoints and retention', () => {
  test('the shared location, keepLast, maxAge and the variables; retention; each as the lifecycle rule its bucket gets', () => {
    const { job, markdown, json } = reportOf({
      weekly: () => ({
        checkpoints: { keepLast: 5, maxAge: Duration.days(30) },
        retention: { runOutputs: Duration.days(90), manifests: Duration.days(14) },
      }),
    });
    const weekly = job('weekly');
    expect(weekly.checkpoints).toEqual({
      uri: 'gs://acme-ml-ml-artifacts/jobs/weekly/checkpoints/', keepLast: 5, maxAge: '30 days', env: ['AIP_CHECKPOINT_DIR', 'VT_CHECKPOINT_DIR'],
    });
    expect(weekly.retention).toEqual({ runOutputs: '90 days', manifests: '14 days', stagingNoncurrentDays: 30 });
    expect(weekly.lifecycleRules!.map((r) => [r.field, r.bucket, r.prefix, r.condition, r.applied])).toEqual([
      ['checkpoints.keepLast', 'acme-ml-ml-artifacts', 'jobs/weekly/checkpoints/', '{"numNewerVersions":5,"isLive":false}', true],
      ['checkpoints.maxAge', 'acme-ml-ml-artifacts', 'jobs/weekly/checkpoints/', '{"age":30,"isLive":true}', true],
      ['retention.runOutputs', 'acme-ml-ml-artifacts', 'jobs/weekly/runs/', '{"age":90,"isLive":true}', true],
      ['retention.manifests', 'acme-ml-ml-staging', 'jobs/weekly/', '{"daysSinceNoncurrentTime":14,"isLive":false}', true],
    ]);
    // Every reported rule is on its bucket in the synthesized JSON.
    for (const rule of weekly.lifecycleRules!) {
      const condition = JSON.parse(rule.condition);
      const onBucket = bucketRules(json, rule.bucket).find((r) => r.prefixes.includes(rule.prefix)
        && (r.condition.age ?? undefined) === condition.age && (r.condition.num_newer_versions ?? undefined) === condition.numNewerVersions
        && (r.condition.days_since_noncurrent_time ?? undefined) === condition.daysSinceNoncurrentTime);
      expect(onBucket).toBeDefined();
      expect(onBucket!.condition.with_state).toBe(condition.isLive ? 'LIVE' : 'ARCHIVED');
    }
    expect(markdown).toContain('- **Checkpoints:** shared by the runs at `gs://acme-ml-ml-artifacts/jobs/weekly/checkpoints/` (`VT_CHECKPOINT_DIR` holds it in every container and is the one to rely on; `AIP_CHECKPOINT_DIR` is set to it too, but whether Vertex AI keeps that rather than its per-run directory is unconfirmed); 5 versions of each checkpoint object kept; live checkpoint objects deleted at 30 days old');
    expect(markdown).toContain('- **Retention:** run outputs deleted at 90 days old; replaced manifests deleted 14 days after they were replaced; the current manifest is never deleted');
    expect(markdown).toContain('  - `retention.manifests`: `gs://acme-ml-ml-staging/jobs/weekly/`, versions replaced 14 days ago or more (never a live one); condition `{"daysSinceNoncurrentTime":14,"isLive":false}`');
    expect(markdown).toContain('  - `checkpoints.keepLast`: `gs://acme-ml-ml-artifacts/jobs/weekly/checkpoints/`, replaced versions of each object with 5 newer versions: the live version and 4 replaced ones are kept;');
  });

  test('defaults: three versions kept, manifests as the staging bucket keeps noncurrent versions; none of it without the options', () => {
    const { job, markdown } = reportOf({
      resumes: () => ({ checkpoints: {}, retention: { runOutputs: Duration.days(7) } }),
      plain: () => ({}),
    }, { stagingBucket: { noncurrentVersionRetentionDays: 21 } });
    expect(job('resumes').checkpoints).toMatchObject({ keepLast: 3 });
    expect(job('resumes').checkpoints!.maxAge).toBeUndefined();
    expect(job('resumes').retention).toEqual({ runOutputs: '7 days', stagingNoncurrentDays: 21 });
    expect(job('resumes').lifecycleRules!.map((r) => r.field)).toEqual(['checkpoints.keepLast', 'retention.runOutputs']);
    expect(markdown).toContain('- **Retention:** run outputs deleted at 7 days old; replaced manifests deleted 21 days after they were replaced (the staging bucket\'s noncurrent-version retention)');
    const plain = job('plain');
    expect([plain.checkpoints, plain.retention, plain.lifecycleRules]).toEqual([undefined, undefined, undefined]);
  });

  test('a rule for an imported bucket is reported as not added', () => {
    const { job, markdown } = reportOf({
      keep: () => ({ retention: { runOutputs: Duration.days(30) } }),
    }, { artifactsBucket: { existingBucketName: 'acme-shared-artifacts' } });
    expect(job('keep').lifecycleRules).toEqual([expect.objectContaining({ field: 'retention.runOutputs', bucket: 'acme-shared-artifacts', applied: false })]);
    expect(markdown).toContain('`gs://acme-shared-artifacts/jobs/keep/runs/`, live objects 30 days old');
    expect(markdown).toContain('— **not added**: the bucket is imported, add the rule to its lifecycle configuration (synth warns with it)');
  });
});

describe('the environment', () => {
  test('the budget in its currency, with its thresholds, filter and channels; the metadata store with its key', () => {
    const { data, markdown } = reportOf({}, {
      budget: { billingAccount: '01A2B3-C4D5E6-F7A8B9', amount: 2500, currencyCode: 'EUR', thresholds: [0.5, 0.9], forecastThresholds: [] },
    });
    const env = data.environments[0];
    expect(env.budget).toMatchObject({ amount: 2500, currencyCode: 'EUR', thresholds: [0.5, 0.9], forecastThresholds: [], label: 'vertex-training-env=ml', notifies: ['email ml@acme.example'] });
    expect(markdown).toMatch(/\| 2,500\.00 EUR \| `projects\/\$\{data\.google_project\.[^}]+\.number\}` labelled `vertex-training-env=ml` \(billing account `01A2B3-C4D5E6-F7A8B9`\) \| 50%, 90% \| — \| the billing account's administrators; email ml@acme\.example \|/);
    expect(env.names.metadataStore).toBe('projects/acme-ml/locations/us-central1/metadataStores/default');
    expect(markdown).toContain('`projects/acme-ml/locations/us-central1/metadataStores/default`');
    expect(markdown).toMatch(/Vertex AI key \([^)]*metadata store\)/);
  });
});

describe('a GKE job', () => {
  test('gets the same lines: concurrency, paused, data batches, checkpoints (AIP_CHECKPOINT_DIR is the shared location)', () => {
    const fixture = gkeJobApp();
    new CustomTrainingJob(fixture.workloads, 'resume', {
      environment: fixture.environment, team: fixture.vision, backend: TrainingBackend.gke(fixture.queues),
      workerPools: { primary: WorkerPool.gpu({ gpuType: GpuType.NVIDIA_L4, gpusPerReplica: 4 }) },
      code: TrainingCode.container({ image: ContainerImage.fromUri(IMAGE) }),
      concurrency: ConcurrencyPolicy.skip(), paused: true, checkpoints: { keepLast: 2 },
      triggers: [Trigger.onNewDataBatch({ bucketName: fixture.vision.dataBucket.bucketName, prefix: 'drops/', filter: ObjectFilter.marker('_SUCCESS') })],
    });
    Testing.synth(fixture.workloads);
    const data = TrainingReport.of(fixture.workloads);
    const job = data.environments[0].jobs.find((j) => j.jobId === 'resume')!;
    expect(job.kind).toBe('JobSet');
    expect(job).toMatchObject({ paused: true, concurrency: { kind: ConcurrencyKind.SKIP, maxConcurrentRuns: 1 }, checkpoints: { keepLast: 2 } });
    // Not in the Vertex AI quota plan: Kueue admits each run.
    expect(job.concurrency.plannedRuns).toBeUndefined();
    expect(job.checkpoints!.uri).toMatch(/^gs:\/\/[a-z0-9-]+\/jobs\/resume\/checkpoints\/$/);
    expect(job.triggers[0]).toMatchObject({ filter: { kind: ObjectFilterKind.MARKER }, pattern: '^drops/(.*/)?_SUCCESS$' });
    const markdown = TrainingReport.renderMarkdown(data);
    expect(markdown).toContain('#### `resume` (JobSet) — paused');
    expect(markdown).toContain('`AIP_CHECKPOINT_DIR` at the shared checkpoint location (below)');
    expect(markdown).toContain(`- **Checkpoints:** shared by the runs at \`${job.checkpoints!.uri}\` (both \`AIP_CHECKPOINT_DIR\` and \`VT_CHECKPOINT_DIR\` hold it in every container)`);
    expect(markdown).not.toContain('whether Vertex AI keeps');
    // The library's variables are not shown as the job's own code.
    expect(job.workerPools[0].code?.env).toBeUndefined();
  });
});
