import { Testing } from 'cdktf';
import { CustomTrainingJob } from '../../lib';
import { knownMetrics } from '../../lib/quota/metrics';
import { GPUS } from '../../lib/catalog/accelerators';
import { gpuQuota } from '../../lib/catalog/quotas';
import { environmentStack } from '../helpers/synth';
import { cpuPools, gcsCode } from '../jobs/fixtures';

/**
 * Quota settings that name something (a metric, a job) must name something that exists: a limit on
 * a metric no job demands, or a never-concurrent group of jobs that are not there, would check
 * nothing and hide the user's mistake.
 */

describe('quota limits and quota IDs name metrics the plan demands', () => {
  test('every problem of the quota settings at once, with the nearest metric', () => {
    let message = '';
    try {
      environmentStack({
        quotas: {
          limits: [
            { metric: 'custom_model_training_nvidia_h10_gpus', limit: 8 },
            { metric: 'nvidia_t4_gpus', limit: -1 },
          ],
          quotaIds: { custom_model_training_tpu_v5: 'CustomModelTrainingTpuV5e' },
        },
      });
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message.split('\n')).toEqual([
      expect.stringMatching(/^test\/ml\/quotas: quotaIds key "custom_model_training_tpu_v5" is not valid: must be a metric the quota plan demands \(on any other it checks nothing\): did you mean custom_model_training_tpu_v5e\? known: /),
      expect.stringMatching(/^test\/ml\/quotas: limits\[0\]\.metric "custom_model_training_nvidia_h10_gpus" is not valid: .*did you mean custom_model_training_nvidia_h100_gpus\?/),
      expect.stringMatching(/^test\/ml\/quotas: limits\[1\]\.metric "nvidia_t4_gpus" is not valid: .*did you mean custom_model_training_nvidia_t4_gpus or custom_model_training_preemptible_nvidia_t4_gpus\?/),
      'test/ml/quotas: limits[1].limit -1 is not valid: must be a whole number ≥ 0',
    ]);
  });

  test('the service prefix is accepted and every catalogued GPU metric is known', () => {
    const { env } = environmentStack();
    expect(() => env.quotas.declareLimit({ metric: 'aiplatform.googleapis.com/custom_model_training_nvidia_h100_gpus', limit: 8 })).not.toThrow();
    for (const gpu of GPUS) {
      expect(knownMetrics()).toContain(gpuQuota(gpu, false).metric);
      expect(knownMetrics()).toContain(gpuQuota(gpu, true).metric);
    }
  });

  test('a metric of another service is refused without a made-up suggestion', () => {
    const { env } = environmentStack();
    expect(() => env.quotas.declareLimit({ metric: 'compute_cpus', limit: 8 })).toThrow(
      /^test\/ml\/quotas: limit\.metric "compute_cpus" is not valid: must be a metric the quota plan demands \(on any other it checks nothing\): known: /);
  });
});

describe('never-concurrent groups name jobs of the environment', () => {
  test('a name without a job fails at synth, with the nearest job', () => {
    const { stack, env } = environmentStack();
    new CustomTrainingJob(stack, 'nightly', { environment: env, workerPools: cpuPools(), code: gcsCode() });
    new CustomTrainingJob(stack, 'weekly', { environment: env, workerPools: cpuPools(), code: gcsCode() });
    env.quotas.neverConcurrent('nightyl', 'weekly');
    env.quotas.neverConcurrent('monthly', 'yearly');
    expect(() => Testing.synth(stack)).toThrow([
      'test/ml/quotas: neverConcurrent[0] "nightyl" is not valid: must name a job of this environment (did you mean "nightly"? jobs: nightly, weekly)',
      'test/ml/quotas: neverConcurrent[1] "monthly" is not valid: must name a job of this environment (jobs: nightly, weekly)',
      'test/ml/quotas: neverConcurrent[1] "yearly" is not valid: must name a job of this environment (jobs: nightly, weekly)',
    ].join('\n'));
  });

  test('groups may be declared before their jobs', () => {
    const { stack, env } = environmentStack();
    env.quotas.neverConcurrent('nightly', 'weekly');
    new CustomTrainingJob(stack, 'nightly', { environment: env, workerPools: cpuPools(), code: gcsCode() });
    new CustomTrainingJob(stack, 'weekly', { environment: env, workerPools: cpuPools(), code: gcsCode() });
    expect(() => Testing.synth(stack)).not.toThrow();
  });

  test('an environment without jobs says so', () => {
    const { stack, env } = environmentStack();
    env.quotas.neverConcurrent('a', 'b');
    expect(() => Testing.synth(stack)).toThrow('test/ml/quotas: neverConcurrent[0] "a" is not valid: must name a job of this environment (the environment has no jobs)');
  });
});
