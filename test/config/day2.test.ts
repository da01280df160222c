import { TerraformStack, Testing } from 'cdktf';
import { GoogleProvider } from '@cdktf/provider-google/lib/provider';
import {
  ContainerImage, CustomTrainingJob, Duration, HyperparameterTuningJob, Metric, Parameter, TrainingCode, TrainingEnvironment, Trigger, WorkerPool,
} from '../../lib';
import { TrainingConfigError } from '../../lib/config/errors';
import { TrainingConfig } from '../../lib/config/training-config';
import { ConcurrencyKind, ConcurrencyPolicy } from '../../lib/jobs/concurrency-policy';
import { TrainingReport } from '../../lib/report';
import { ObjectFilter, ObjectFilterKind } from '../../lib/triggers/object-filter';

/**
 * The day-2 options (issue 12) in a config file: concurrency, paused, checkpoints, retention, data
 * batching, the budget and the metadata store. A file with all of them synthesizes exactly what the
 * same program in TypeScript does, and every bad value is a problem on the line of its field:
 * the schema's (shape, ranges, combinations) and the constructs' (whole days, RE2, windows).
 */

const ACCOUNT = '01A2B3-C4D5E6-F7A8B9';
const IMAGE = 'us-docker.pkg.dev/acme-tools/images/trainer:v1';

const YAML = `
environment:
  name: ml
  projectId: acme-ml
  region: us-central1
  alerts: {emails: [ml@acme.example]}
  budget:
    billingAccount: ${ACCOUNT}
    amount: 2500
    currencyCode: EUR
    thresholds: [0.5, 1.0]
    forecastThresholds: [1.2]
jobs:
  - name: nightly
    workerPools: {primary: {cpu: {machineType: n2-standard-8}}}
    code: {container: {image: {uri: "${IMAGE}"}}}
    concurrency: skip
    paused: true
    checkpoints: {keepLast: 5, maxAge: 30d}
    retention: {runOutputs: 90d, manifests: 14d}
    triggers:
      - schedule: {cron: "0 3 * * *"}
      - onNewData: {prefix: drops/, marker: _SUCCESS}
  - name: shards
    workerPools: {primary: {cpu: {machineType: n2-standard-8}}}
    code: {container: {image: {uri: "${IMAGE}"}}}
    concurrency: up-to
    maxConcurrentRuns: 3
    checkpoints: {}
    triggers:
      - onNewData: {prefix: shards/, suffix: .parquet, coalesce: 15m}
      - onNewData: {prefix: records/, pattern: 'shard-[0-9]+\\.tfrecord'}
      - onNewData: {prefix: hourly/, coalesce: 1h}
  - name: plain
    workerPools: {primary: {cpu: {machineType: n2-standard-8}}}
    code: {container: {image: {uri: "${IMAGE}"}}}
    concurrency: allow
    retention: {runOutputs: 7d}
    triggers:
      - onNewData: {prefix: incoming/}
`;

function providerStack(): TerraformStack {
  const stack = new TerraformStack(Testing.app(), 'stack');
  new GoogleProvider(stack, 'google', { project: 'acme-ml', region: 'us-central1' });
  return stack;
}

/** The same program in TypeScript. */
function typeScriptTwin(): TerraformStack {
  const stack = providerStack();
  const env = new TrainingEnvironment(stack, 'ml', {
    projectId: 'acme-ml', region: 'us-central1', alerts: { emails: ['ml@acme.example'] },
    budget: { billingAccount: ACCOUNT, amount: 2500, currencyCode: 'EUR', thresholds: [0.5, 1.0], forecastThresholds: [1.2] },
  });
  const data = env.dataBucket.bucketName;
  const common = {
    environment: env,
    workerPools: { primary: WorkerPool.cpu({ machineType: 'n2-standard-8' }) },
    code: TrainingCode.container({ image: ContainerImage.fromUri(IMAGE) }),
  };
  new CustomTrainingJob(stack, 'nightly', {
    ...common,
    concurrency: ConcurrencyPolicy.skip(),
    paused: true,
    checkpoints: { keepLast: 5, maxAge: Duration.days(30) },
    retention: { runOutputs: Duration.days(90), manifests: Duration.days(14) },
    triggers: [Trigger.schedule('0 3 * * *'), Trigger.onNewDataBatch({ bucketName: data, prefix: 'drops/', filter: ObjectFilter.marker('_SUCCESS') })],
  });
  new CustomTrainingJob(stack, 'shards', {
    ...common,
    concurrency: ConcurrencyPolicy.upTo(3),
    checkpoints: {},
    triggers: [
      Trigger.onNewDataBatch({ bucketName: data, prefix: 'shards/', filter: ObjectFilter.suffix('.parquet'), coalesce: Duration.minutes(15) }),
      Trigger.onNewDataBatch({ bucketName: data, prefix: 'records/', filter: ObjectFilter.pattern('shard-[0-9]+\\.tfrecord') }),
      Trigger.onNewDataBatch({ bucketName: data, prefix: 'hourly/', coalesce: Duration.hours(1) }),
    ],
  });
  new CustomTrainingJob(stack, 'plain', {
    ...common,
    concurrency: ConcurrencyPolicy.allow(),
    retention: { runOutputs: Duration.days(7) },
    triggers: [Trigger.onNewData(data, 'incoming/')],
  });
  return stack;
}

function load(text: string): { stack: TerraformStack; config: TrainingConfig } {
  const stack = providerStack();
  return { stack, config: TrainingConfig.fromString(stack, text, 'training.yaml') };
}

/** The problems of a refused file, one `file:line:column: ...` line each. */
function problems(text: string): string[] {
  try {
    const { stack } = load(text);
    Testing.synth(stack);
  } catch (error) {
    expect(error).toBeInstanceOf(TrainingConfigError);
    return (error as Error).message.split('\n');
  }
  throw new Error('expected the config to be refused');
}

describe('a file with every day-2 option', () => {
  test('synthesizes the same Terraform JSON as the TypeScript program, and the same report', () => {
    const { stack, config } = load(YAML);
    const fromConfig = JSON.parse(Testing.synth(stack));
    const twin = typeScriptTwin();
    expect(fromConfig).toEqual(JSON.parse(Testing.synth(twin)));
    expect(TrainingReport.of(stack)).toEqual(TrainingReport.of(twin));
    // Not vacuous: the options reached the constructs.
    const nightly = config.job('nightly');
    expect(nightly._options.concurrency?.kind).toBe(ConcurrencyKind.SKIP);
    expect(nightly._options.paused).toBe(true);
    expect(nightly.checkpointUri).toBe(`${config.environment.artifactsBucket.url}/jobs/nightly/checkpoints/`);
    expect(config.job('shards')._options.concurrency).toMatchObject({ kind: ConcurrencyKind.UP_TO, maxConcurrentRuns: 3 });
    expect(config.environment.budget?.currencyCode).toBe('EUR');
    expect(config.environment.metadataStore).toBeDefined();
  });

  test('onNewData without a filter or window stays a plain onNewData; with one it is a batch', () => {
    const { config } = load(YAML);
    const [marker] = config.job('nightly')._options.triggers!.slice(1);
    expect(marker.filter).toMatchObject({ kind: ObjectFilterKind.MARKER, value: '_SUCCESS' });
    const [suffix, pattern, window] = config.job('shards')._options.triggers!;
    expect([suffix.filter?.kind, suffix.coalesceSeconds]).toEqual([ObjectFilterKind.SUFFIX, 900]);
    expect([pattern.filter?.kind, pattern.coalesceSeconds]).toEqual([ObjectFilterKind.PATTERN, undefined]);
    expect([window.filter, window.coalesceSeconds]).toEqual([undefined, 3600]);
    const [plain] = config.job('plain')._options.triggers!;
    expect([plain.filter, plain.coalesceSeconds]).toEqual([undefined, undefined]);
  });

  test('metadataStore: false leaves the store out', () => {
    const { config } = load(YAML.replace('  alerts:', '  metadataStore: false\n  alerts:'));
    expect(config.environment.metadataStore).toBeUndefined();
  });

  test('is valid for TrainingConfig.validateString', () => {
    expect(TrainingConfig.validateString(YAML, 'training.yaml')).toEqual([]);
  });
});

const ENVIRONMENT = `environment:
  projectId: acme-ml
  region: us-central1
  alerts: {emails: [ml@acme.example]}
`;

/** A job `nightly` with extra lines (indented by four spaces). */
const job = (extra: string) => `jobs:
  - name: nightly
    workerPools: {primary: {cpu: {machineType: n2-standard-8}}}
    code: {container: {image: {name: trainer, tag: v1}}}
${extra}`;

describe('schema problems of the day-2 options', () => {
  test.each([
    ['maxConcurrentRuns without up-to', '    concurrency: skip\n    maxConcurrentRuns: 2\n', 'training.yaml:10:5: jobs[0].maxConcurrentRuns is only allowed with concurrency: up-to'],
    ['up-to without its count', '    concurrency: up-to\n', 'training.yaml:6:5: jobs[0].maxConcurrentRuns is required with concurrency: up-to'],
    ['a count out of range', '    concurrency: up-to\n    maxConcurrentRuns: 0\n', 'training.yaml:10:24: jobs[0].maxConcurrentRuns must be at least 1'],
    ['a count over 100', '    concurrency: up-to\n    maxConcurrentRuns: 101\n', 'training.yaml:10:24: jobs[0].maxConcurrentRuns must be at most 100'],
    ['an unknown policy', '    concurrency: skp\n', 'training.yaml:9:18: jobs[0].concurrency must be one of: allow, skip, up-to (did you mean "skip"?)'],
    ['paused as text', '    paused: "yes"\n', 'training.yaml:9:13: jobs[0].paused must be true or false'],
    ['keepLast out of range', '    checkpoints: {keepLast: 0}\n', 'training.yaml:9:29: jobs[0].checkpoints.keepLast must be at least 1'],
    ['a retention that is not a duration', '    retention: {runOutputs: 90 days}\n', expect.stringMatching(/^training\.yaml:9:29: jobs\[0\]\.retention\.runOutputs must be a duration/)],
    ['two filters', '    triggers:\n      - onNewData: {marker: _SUCCESS, suffix: .csv}\n', 'training.yaml:10:39: jobs[0].triggers[0].onNewData.suffix is not allowed with marker'],
    ['suffix and pattern', '    triggers:\n      - onNewData: {suffix: .csv, pattern: "a.*"}\n', 'training.yaml:10:35: jobs[0].triggers[0].onNewData.pattern is not allowed with suffix'],
    ['a misspelt filter', '    triggers:\n      - onNewData: {markr: _SUCCESS}\n', 'training.yaml:10:21: jobs[0].triggers[0].onNewData.markr is not allowed (did you mean "marker"?)'],
  ])('%s', (_name, extra, expected) => {
    expect(problems(`${ENVIRONMENT}${job(extra)}`)).toEqual([expected]);
  });

  test('a budget without an amount, with a lowercase account', () => {
    expect(problems(`${ENVIRONMENT}  budget: {billingAccount: 01a2b3-c4d5e6-f7a8b9}\n`)).toEqual([
      'training.yaml:5:11: environment.budget.amount is required',
      expect.stringMatching(/^training\.yaml:5:28: environment\.budget\.billingAccount must match the pattern /),
    ]);
  });
});

describe('construct problems of the day-2 options, on the line of their field', () => {
  /** The problem's place and field, up to the construct's message. */
  const placed = (text: string) => problems(text).map((line) => line.slice(0, line.indexOf(': stack/')));

  test.each([
    ['a checkpoint age that is not whole days', '    checkpoints: {maxAge: 36h}\n', 'training.yaml:9:27: jobs[0].checkpoints.maxAge'],
    ['run outputs beyond ten years', '    retention: {runOutputs: 4000d}\n', 'training.yaml:9:29: jobs[0].retention.runOutputs'],
    ['manifests kept past the staging bucket\'s noncurrent versions', '    retention: {manifests: 60d}\n', 'training.yaml:9:28: jobs[0].retention.manifests'],
    ['a window under a minute', '    triggers:\n      - onNewData: {prefix: drops/, coalesce: 30s}\n', 'training.yaml:10:47: jobs[0].triggers[0].onNewData.coalesce'],
    ['a pattern RE2 does not have', '    triggers:\n      - onNewData: {pattern: "(?=x)a"}\n', 'training.yaml:10:30: jobs[0].triggers[0].onNewData.pattern'],
    ['a marker with a slash', '    triggers:\n      - onNewData: {marker: a/_SUCCESS}\n', 'training.yaml:10:29: jobs[0].triggers[0].onNewData.marker'],
    ['a reserved variable', '    code: {container: {image: {name: trainer, tag: v1}, env: {VT_CHECKPOINT_DIR: x}}}\n', 'training.yaml:8:62: jobs[0].code.container.env'],
  ])('%s', (_name, extra, expected) => {
    const text = extra.startsWith('    code:') ? `${ENVIRONMENT}${job('').replace(/    code: .*\n/, extra)}` : `${ENVIRONMENT}${job(extra)}`;
    expect(placed(text)).toEqual([expected]);
  });

  test('a budget threshold out of range, on its item', () => {
    expect(placed(`${ENVIRONMENT}  budget:\n    billingAccount: ${ACCOUNT}\n    amount: 100\n    thresholds: [0.5, 0]\n`)).toEqual([
      'training.yaml:8:23: environment.budget.thresholds[1]',
    ]);
  });

  test('the budget\'s channels and the alerts they come from, on the alerts', () => {
    const file = (last: string) => `environment:
  projectId: acme-ml
  region: us-central1
  alerts: {emails: [a@acme.example, b@acme.example, c@acme.example, d@acme.example, e@acme.example, ${last}]}
  budget: {billingAccount: ${ACCOUNT}, amount: 100}
`;
    expect(placed(file('not-an-email'))).toEqual(['training.yaml:4:101: environment.alerts.emails[5]']);
    // Six channels are one more than a budget notifies.
    expect(placed(file('f@acme.example'))).toEqual(['training.yaml:4:11: environment.alerts']);
  });

  test('shared checkpoints on a tuning job, on its checkpoints', () => {
    expect(placed(`${ENVIRONMENT}jobs:
  - name: search
    kind: tuning
    workerPools: {primary: {cpu: {machineType: n2-standard-8}}}
    code: {container: {image: {name: trainer, tag: v1}}}
    study:
      metrics: [{id: accuracy, goal: maximize}]
      parameters: [{id: lr, type: double, min: 0.001, max: 0.1}]
    maxTrialCount: 4
    parallelTrialCount: 2
    checkpoints: {keepLast: 2}
`)).toEqual(['training.yaml:15:18: jobs[0].checkpoints']);
    // The same refusal from TypeScript, so that the file's is the construct's.
    const stack = providerStack();
    const env = new TrainingEnvironment(stack, 'ml', { projectId: 'acme-ml', region: 'us-central1' });
    expect(() => new HyperparameterTuningJob(stack, 'search', {
      environment: env, workerPools: { primary: WorkerPool.cpu({ machineType: 'n2-standard-8' }) },
      code: TrainingCode.container({ image: ContainerImage.fromUri(IMAGE) }),
      study: { metrics: [Metric.maximize('accuracy')], parameters: [Parameter.continuous('lr', { min: 0.001, max: 0.1 })] },
      maxTrialCount: 4, parallelTrialCount: 2, checkpoints: { keepLast: 2 },
    })).toThrow(/checkpoints/);
  });
});
