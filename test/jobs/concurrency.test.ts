import { Testing } from 'cdktf';
import { Construct } from 'constructs';
import {
  ConcurrencyKind, ConcurrencyPolicy, CustomTrainingJob, Framework, HyperparameterTuningJob, Metric, Parameter, ServingContainer, TrainingPipeline, Trigger,
} from '../../lib';
import { environmentStack } from '../helpers/synth';
import { gkeJob, gkeJobApp } from '../gke/job-fixtures';
import { cpuPools, gcsCode, thrown, uriCode } from './fixtures';

/**
 * Concurrency per job (issue 12): the policy's manifest fields for the launcher (maxConcurrentRuns
 * and the label that finds the job's active runs), the quota plan counting upTo's N runs, and the
 * checks of N.
 */

/** A job `train` with `concurrency`, synthesized; its manifest content (the Terraform local). */
function manifestWith(concurrency?: ConcurrencyPolicy): { [field: string]: unknown } {
  const { stack, env } = environmentStack();
  new CustomTrainingJob(stack, 'train', { environment: env, workerPools: cpuPools(), code: gcsCode(), concurrency, triggers: [Trigger.schedule('0 3 * * *')] });
  return JSON.parse(Testing.synth(stack)).locals.vertex_ml_train_manifest;
}

describe('ConcurrencyPolicy', () => {
  test('allow has no limit, skip allows one active run, upTo(n) n', () => {
    expect(ConcurrencyPolicy.allow()).toMatchObject({ kind: ConcurrencyKind.ALLOW, maxConcurrentRuns: undefined });
    expect(ConcurrencyPolicy.skip()).toMatchObject({ kind: ConcurrencyKind.SKIP, maxConcurrentRuns: 1 });
    expect(ConcurrencyPolicy.upTo(3)).toMatchObject({ kind: ConcurrencyKind.UP_TO, maxConcurrentRuns: 3 });
  });
});

describe('the manifest', () => {
  test('without a policy, and with allow, has no concurrency fields (the launcher launches as before)', () => {
    for (const manifest of [manifestWith(undefined), manifestWith(ConcurrencyPolicy.allow())]) {
      expect(manifest).not.toHaveProperty('maxConcurrentRuns');
      expect(manifest).not.toHaveProperty('jobLabel');
    }
  });

  test('skip and upTo give maxConcurrentRuns and the job label, the one every run of the job carries', () => {
    expect(manifestWith(ConcurrencyPolicy.skip())).toMatchObject({ maxConcurrentRuns: 1, jobLabel: { key: 'vertex-training-job', value: 'train' } });
    const { stack, env } = environmentStack();
    new CustomTrainingJob(stack, 'train', { environment: env, workerPools: cpuPools(), code: gcsCode(), concurrency: ConcurrencyPolicy.upTo(4) });
    const locals = JSON.parse(Testing.synth(stack)).locals;
    const manifest = locals.vertex_ml_train_manifest;
    expect(manifest.maxConcurrentRuns).toBe(4);
    // The launcher counts active runs by this label: it must be the one on the body it creates.
    expect(locals.vertex_ml_train.labels[manifest.jobLabel.key]).toBe(manifest.jobLabel.value);
  });

  test('a tuning job and a pipeline carry them too', () => {
    const { stack, env } = environmentStack();
    const study = { metrics: [Metric.maximize('auc')], parameters: [Parameter.integer('depth', { min: 2, max: 8 })] };
    new HyperparameterTuningJob(stack, 'tune', {
      environment: env, workerPools: cpuPools(), code: uriCode(), study, maxTrialCount: 4, parallelTrialCount: 2, concurrency: ConcurrencyPolicy.skip(),
    });
    new TrainingPipeline(stack, 'pipe', {
      environment: env, workerPools: cpuPools(), code: uriCode(), model: { servingContainer: ServingContainer.prebuilt(Framework.SCIKIT_LEARN, '1.6') }, concurrency: ConcurrencyPolicy.upTo(2),
    });
    const locals = JSON.parse(Testing.synth(stack)).locals;
    expect(locals.vertex_ml_tune_manifest).toMatchObject({ maxConcurrentRuns: 1, jobLabel: { key: 'vertex-training-job', value: 'tune' } });
    expect(locals.vertex_ml_pipe_manifest).toMatchObject({ maxConcurrentRuns: 2, jobLabel: { key: 'vertex-training-job', value: 'pipe' } });
  });

  test('a GKE job\'s manifest carries them, and its JobSet the label they name (the launcher counts in the namespace)', () => {
    const fixture = gkeJobApp();
    gkeJob(fixture, { concurrency: ConcurrencyPolicy.skip(), triggers: [Trigger.schedule('0 3 * * *')] });
    const locals = JSON.parse(Testing.synth(fixture.workloads)).locals;
    const manifest = locals.jobset_ml_train_manifest;
    expect(manifest).toMatchObject({ backend: 'gke', maxConcurrentRuns: 1, jobLabel: { key: 'vertex-training-job', value: 'train' } });
    expect(locals.jobset_ml_train.metadata.labels[manifest.jobLabel.key]).toBe('train');
  });
});

describe('the quota plan', () => {
  /** The row of the n2 vCPUs the pools use. */
  const n2Row = (plan: ReturnType<ReturnType<typeof environmentStack>['env']['quotas']['plan']>) => plan.find((r) => r.metric === 'custom_model_training_n2_cpus');

  function planned(concurrency?: ConcurrencyPolicy, parallelTrials?: number) {
    const { stack, env } = environmentStack();
    if (parallelTrials) {
      new HyperparameterTuningJob(stack, 'train', {
        environment: env, workerPools: cpuPools(), code: uriCode(), maxTrialCount: 8, parallelTrialCount: parallelTrials, concurrency,
        study: { metrics: [Metric.maximize('auc')], parameters: [Parameter.integer('depth', { min: 2, max: 8 })] },
      });
    } else {
      new CustomTrainingJob(stack, 'train', { environment: env, workerPools: cpuPools(), code: gcsCode(), concurrency });
    }
    return n2Row(env.quotas.plan())!;
  }

  test('counts one run for allow and skip, N runs for upTo(N) (8 vCPUs a run)', () => {
    expect(planned().demand).toBe(8);
    expect(planned(ConcurrencyPolicy.allow()).demand).toBe(8);
    expect(planned(ConcurrencyPolicy.skip()).demand).toBe(8);
    const row = planned(ConcurrencyPolicy.upTo(3));
    expect(row.demand).toBe(24);
    expect(row.contributions).toEqual(['train=24']);
  });

  test('upTo(N) of a tuning job counts N studies of its parallel trials', () => {
    expect(planned(undefined, 2).demand).toBe(16);
    expect(planned(ConcurrencyPolicy.upTo(3), 2).demand).toBe(48);
  });
});

describe('bad policies', () => {
  const shared = environmentStack();
  let cases = 0;
  const job = (props: object) => thrown(() => new CustomTrainingJob(new Construct(shared.stack, `case-${++cases}`), 'train', {
    environment: shared.env, workerPools: cpuPools(), code: gcsCode(), ...props,
  }));

  test.each([[0], [101], [2.5], [-1], [Number.NaN]])('upTo(%p) is refused: a whole number from 1 to 100', (n) => {
    const error = job({ concurrency: ConcurrencyPolicy.upTo(n) });
    expect(error.message).toBe(`test/case-${cases}/train: concurrency.maxConcurrentRuns ${n} is not valid: must be a whole number of runs from 1 to 100`);
  });

  test('upTo(1) and upTo(100) are accepted', () => {
    const { stack, env } = environmentStack();
    expect(() => new CustomTrainingJob(stack, 'job-a', { environment: env, workerPools: cpuPools(), code: gcsCode(), concurrency: ConcurrencyPolicy.upTo(1) })).not.toThrow();
    expect(() => new CustomTrainingJob(stack, 'job-b', { environment: env, workerPools: cpuPools(), code: gcsCode(), concurrency: ConcurrencyPolicy.upTo(100) })).not.toThrow();
  });

  test('from JavaScript: a policy of the wrong type, an upTo count as text, paused as text are one-line errors', () => {
    const error = job({ concurrency: 'skip', paused: 'true' });
    expect(error.message.split('\n')).toEqual([
      `test/case-${cases}/train: concurrency "skip" is not valid: must be a ConcurrencyPolicy (ConcurrencyPolicy.allow, skip or upTo)`,
      `test/case-${cases}/train: paused "true" is not valid: must be true or false (write true, not "true")`,
    ]);
    const counted = job({ concurrency: ConcurrencyPolicy.upTo('3' as unknown as number) });
    expect(counted.message).toBe(`test/case-${cases}/train: concurrency.maxConcurrentRuns "3" is not valid: must be a number (write 3, not "3")`);
  });

  test('a bad count is reported with the job\'s other problems, in one error', () => {
    const error = job({ concurrency: ConcurrencyPolicy.upTo(0), displayName: '', triggers: [Trigger.schedule('0 25 * * *')] });
    const lines = error.message.split('\n');
    expect(lines).toEqual(expect.arrayContaining([
      expect.stringContaining('concurrency.maxConcurrentRuns 0 is not valid'),
      expect.stringContaining('displayName "" is not valid'),
      expect.stringContaining('triggers[0].cron "0 25 * * *" is not valid'),
    ]));
  });
});
