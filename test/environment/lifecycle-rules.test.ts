import { CustomTrainingJob, Duration } from '../../lib';
import { MAX_LIFECYCLE_PREFIXES, MAX_LIFECYCLE_RULES, PrefixRuleCondition, TrainingBucket } from '../../lib/environment/storage';
import { environmentStack, named, synthJson } from '../helpers/synth';
import { cpuPools, expectMessage, thrown, uriCode } from '../jobs/fixtures';

/**
 * Lifecycle rules that jobs add to the environment's buckets after they are made (issue 12): rules
 * of the same action and condition merged into one with every job's prefix, in the provider's
 * snake_case form, in an order that does not depend on the order of the jobs, and refused at synth
 * beyond Cloud Storage's limits (100 rules per bucket; 1,000 prefixes and suffixes across them).
 */

const after = (days: number): PrefixRuleCondition => ({ age: days, withState: 'LIVE' });
const rulesOf = (stackJson: any, bucket: string): any[] => named(stackJson, 'google_storage_bucket', `ml_${bucket}-bucket_`).lifecycle_rule;

describe('merging', () => {
  test('1,000 jobs with the same retention are one rule listing their 1,000 prefixes, sorted', () => {
    const { stack, env } = environmentStack();
    const bucket = env.artifactsBucket;
    for (let i = 999; i >= 0; i--) expect(bucket._addPrefixRules([{ condition: after(30), prefix: `jobs/job-${i}/runs/` }])).toBeUndefined();
    const rules = rulesOf(synthJson(stack), 'artifacts');
    const added = rules.filter((r) => r.condition.matches_prefix?.[0]?.startsWith('jobs/'));
    expect(added).toHaveLength(1);
    expect(added[0].condition.matches_prefix).toHaveLength(1000);
    expect(added[0].condition.matches_prefix).toEqual([...added[0].condition.matches_prefix].sort());
    expect(added[0].condition).toMatchObject({ age: 30, with_state: 'LIVE' });
  });

  test('the rules are in the provider\'s snake_case fields, after the bucket\'s own; a different condition is a rule of its own', () => {
    const { stack, env } = environmentStack();
    new CustomTrainingJob(stack, 'train', { environment: env, workerPools: cpuPools(), code: uriCode(), checkpoints: {}, retention: { runOutputs: Duration.days(14) } });
    new CustomTrainingJob(stack, 'score', { environment: env, workerPools: cpuPools(), code: uriCode(), retention: { runOutputs: Duration.days(14) } });
    new CustomTrainingJob(stack, 'eval', { environment: env, workerPools: cpuPools(), code: uriCode(), retention: { runOutputs: Duration.days(7) } });
    const rules = rulesOf(synthJson(stack), 'artifacts');
    const keys = new Set(rules.flatMap((r) => Object.keys(r.condition)));
    expect([...keys].filter((k) => /[A-Z]/.test(k))).toEqual([]);
    expect(rules.slice(0, 2)).toEqual([
      { action: { type: 'Delete' }, condition: { days_since_noncurrent_time: 30, with_state: 'ARCHIVED' } },
      { action: { type: 'AbortIncompleteMultipartUpload' }, condition: { age: 1 } },
    ]);
    expect(rules.slice(2)).toEqual(expect.arrayContaining([
      { action: { type: 'Delete' }, condition: { age: 14, with_state: 'LIVE', matches_prefix: ['jobs/score/runs/', 'jobs/train/runs/'] } },
      { action: { type: 'Delete' }, condition: { age: 7, with_state: 'LIVE', matches_prefix: ['jobs/eval/runs/'] } },
      { action: { type: 'Delete' }, condition: { num_newer_versions: 3, with_state: 'ARCHIVED', matches_prefix: ['jobs/train/checkpoints/'] } },
    ]));
    expect(rules).toHaveLength(5);
  });

  test('declaring the jobs in another order changes nothing in the bucket', () => {
    const synth = (ids: string[]) => {
      const { stack, env } = environmentStack();
      ids.forEach((id, i) => new CustomTrainingJob(stack, id, { environment: env, workerPools: cpuPools(), code: uriCode(), retention: { runOutputs: Duration.days(7 * (1 + (id.length % 2))) }, checkpoints: i % 2 ? {} : undefined }));
      return rulesOf(synthJson(stack), 'artifacts');
    };
    const forward = synth(['alpha', 'beta', 'gamma1']);
    expect(forward).toHaveLength(5);
    expect(forward).toEqual(synth(['gamma1', 'beta', 'alpha']));
  });
});

describe('Cloud Storage\'s limits', () => {
  test('prefixes: 1,000 across all rules, the bucket\'s own included; refused whole, nothing added', () => {
    const { env } = environmentStack();
    const artifacts: TrainingBucket = env.artifactsBucket;
    const fill = (bucket: TrainingBucket, n: number) => {
      for (let i = 0; i < n; i++) expect(bucket._addPrefixRules([{ condition: after(1 + (i % 5)), prefix: `jobs/j${i}/runs/` }])).toBeUndefined();
    };
    fill(artifacts, MAX_LIFECYCLE_PREFIXES);
    const refusal = artifacts._addPrefixRules([{ condition: after(1), prefix: 'jobs/one-more/runs/' }]);
    expect(refusal).toContain(`would match ${MAX_LIFECYCLE_PREFIXES + 1} prefixes, and Cloud Storage takes at most ${MAX_LIFECYCLE_PREFIXES}`);
    // The same prefix again adds nothing, so it fits.
    expect(artifacts._addPrefixRules([{ condition: after(1), prefix: 'jobs/j0/runs/' }])).toBeUndefined();
    // The staging bucket's own rule matches tmp/: one fewer is left for jobs.
    const staging = env.stagingBucket;
    fill(staging, MAX_LIFECYCLE_PREFIXES - 1);
    expect(staging._addPrefixRules([{ condition: after(1), prefix: 'jobs/x/' }])).toContain('would match 1001 prefixes');
  });

  test('rules: 100 per bucket, the bucket\'s own included', () => {
    const { env } = environmentStack();
    const bucket = env.dataBucket;
    // Two rules of its own (noncurrent versions, incomplete uploads): 98 left.
    for (let days = 1; days <= MAX_LIFECYCLE_RULES - 2; days++) expect(bucket._addPrefixRules([{ condition: after(days), prefix: `p${days}/` }])).toBeUndefined();
    expect(bucket._addPrefixRules([{ condition: after(99), prefix: 'p99/' }])).toContain(`would have 101 lifecycle rules, and Cloud Storage takes at most ${MAX_LIFECYCLE_RULES} per bucket`);
    // An existing condition is not a new rule.
    expect(bucket._addPrefixRules([{ condition: after(98), prefix: 'other/' }])).toBeUndefined();
  });

  test('a job that would go over a limit fails at synth, naming its fields and the limit', () => {
    const { stack, env } = environmentStack();
    for (let i = 0; i < MAX_LIFECYCLE_PREFIXES; i++) env.artifactsBucket._addPrefixRules([{ condition: after(14), prefix: `jobs/j${i}/runs/` }]);
    const error = thrown(() => new CustomTrainingJob(stack, 'train', {
      environment: env, workerPools: cpuPools(), code: uriCode(), checkpoints: {}, retention: { runOutputs: Duration.days(14) },
    }));
    expectMessage(error, 'test/train', 'checkpoints.keepLast, retention.runOutputs', '2 lifecycle rules on the artifacts bucket', 'Cloud Storage takes at most 1000 across all rules of a bucket');
  });

  test('an imported bucket takes no rules', () => {
    const { env } = environmentStack({ dataBucket: { existingBucketName: 'acme-data' } });
    expect(env.dataBucket._addPrefixRules([{ condition: after(1), prefix: 'x/' }])).toBe('acme-data is an imported bucket, whose lifecycle rules are its owner\'s');
  });
});
