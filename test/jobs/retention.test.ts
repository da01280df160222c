import { AnnotationMetadataEntryType, TerraformStack } from 'cdktf';
import { CustomTrainingJob, Duration, Framework, ServingContainer, TrainingPipeline } from '../../lib';
import { environmentStack, named, synthJson } from '../helpers/synth';
import { cpuPools, expectMessage, synthWith, thrown, uriCode } from './fixtures';

/**
 * Run retention (issue 12): run outputs and replaced manifests as lifecycle rules on the job's
 * buckets, evaluated the way Cloud Storage does (a rule applies to an object version when every
 * condition holds), so that what is deleted and what never is (a live manifest, a checkpoint) is
 * checked, not only the rule's text.
 */

/** An object version as lifecycle conditions see it. */
interface Version {
  readonly name: string;
  readonly live: boolean;
  /** Days since it was created. */
  readonly ageDays: number;
  /** Days since it became noncurrent (noncurrent versions). */
  readonly noncurrentDays?: number;
  /** Versions newer than it, the live one included (0 for the live version). */
  readonly newerVersions: number;
}

/** Whether a synthesized (snake_case) Delete rule deletes `version`, by Cloud Storage's definitions of each condition. */
function deletes(rule: any, version: Version): boolean {
  const c = rule.condition;
  if (rule.action.type !== 'Delete') return false;
  if (c.with_state === 'LIVE' && !version.live) return false;
  if (c.with_state === 'ARCHIVED' && version.live) return false;
  if (c.matches_prefix && !c.matches_prefix.some((p: string) => version.name.startsWith(p))) return false;
  if (c.age !== undefined && version.ageDays < c.age) return false;
  if (c.num_newer_versions !== undefined && version.newerVersions < c.num_newer_versions) return false;
  if (c.days_since_noncurrent_time !== undefined && (version.live || (version.noncurrentDays ?? 0) < c.days_since_noncurrent_time)) return false;
  return true;
}

/** The rules of `rules` that delete `version`. */
const deleting = (rules: any[], version: Version): any[] => rules.filter((rule) => deletes(rule, version));

function warnings(stack: TerraformStack): string[] {
  return stack.node.findAll().flatMap((c) => c.node.metadata).filter((m) => m.type === AnnotationMetadataEntryType.WARN).map((m) => String(m.data));
}

const live = (name: string, ageDays: number): Version => ({ name, live: true, ageDays, newerVersions: 0 });
const replaced = (name: string, noncurrentDays: number, newerVersions = 1): Version => ({ name, live: false, ageDays: noncurrentDays + 1, noncurrentDays, newerVersions });

describe('retention', () => {
  const { json } = synthWith((stack, e) => new CustomTrainingJob(stack, 'train', {
    environment: e, workerPools: cpuPools(), code: uriCode(),
    checkpoints: { keepLast: 2 },
    retention: { runOutputs: Duration.days(14), manifests: Duration.days(7) },
  }));
  const artifacts: any[] = named(json, 'google_storage_bucket', 'ml_artifacts-bucket_').lifecycle_rule;
  const staging: any[] = named(json, 'google_storage_bucket', 'ml_staging-bucket_').lifecycle_rule;

  test('runOutputs deletes the job\'s run outputs at that age, not younger ones nor other jobs\'', () => {
    expect(artifacts).toContainEqual({ action: { type: 'Delete' }, condition: { age: 14, with_state: 'LIVE', matches_prefix: ['jobs/train/runs/'] } });
    expect(deleting(artifacts, live('jobs/train/runs/r-1/model/saved_model.pb', 14))).toHaveLength(1);
    expect(deleting(artifacts, live('jobs/train/runs/r-1/model/saved_model.pb', 13))).toEqual([]);
    expect(deleting(artifacts, live('jobs/other/runs/r-1/model/saved_model.pb', 400))).toEqual([]);
  });

  test('run retention never deletes checkpoints: they are outside runs/, and only keepLast replaces them', () => {
    const checkpoint = 'jobs/train/checkpoints/ckpt/model.pt';
    expect(deleting(artifacts, live(checkpoint, 3650))).toEqual([]);
    // keepLast 2: the live version and the newest replaced one stay, the one before goes.
    expect(deleting(artifacts, replaced(checkpoint, 1, 1))).toEqual([]);
    expect(deleting(artifacts, replaced(checkpoint, 1, 2)).map((r) => r.condition.num_newer_versions)).toEqual([2]);
  });

  test('manifests deletes replaced manifests that long after they were replaced, and never a live manifest', () => {
    expect(staging).toContainEqual({ action: { type: 'Delete' }, condition: { days_since_noncurrent_time: 7, with_state: 'ARCHIVED', matches_prefix: ['jobs/train/'] } });
    const manifest = 'jobs/train/3f2a.json';
    expect(deleting(staging, replaced(manifest, 7))).toHaveLength(1);
    expect(deleting(staging, replaced(manifest, 6))).toEqual([]);
    // However old, the current manifest matches no rule of the staging bucket: the launcher reads it.
    expect(deleting(staging, live(manifest, 3650))).toEqual([]);
    for (const rule of staging.filter((r) => r.condition.matches_prefix?.includes('jobs/train/'))) expect(rule.condition.with_state).toBe('ARCHIVED');
  });

  test('a team\'s job keeps its run outputs in the team\'s artifacts bucket, whose rule it gets', () => {
    const { json: teamJson } = synthWith((stack, e) => new CustomTrainingJob(stack, 'train', {
      environment: e, team: e.addTeam('vision'), workerPools: cpuPools(), code: uriCode(), retention: { runOutputs: Duration.days(30) },
    }));
    expect(named(teamJson, 'google_storage_bucket', 'ml_team-vision_artifacts_bucket_').lifecycle_rule)
      .toContainEqual({ action: { type: 'Delete' }, condition: { age: 30, with_state: 'LIVE', matches_prefix: ['jobs/train/runs/'] } });
    expect(JSON.stringify(named(teamJson, 'google_storage_bucket', 'ml_artifacts-bucket_').lifecycle_rule)).not.toContain('jobs/train/');
  });
});

describe('what is refused or left to the bucket\'s owner', () => {
  const job = (retention: object, props: object = {}) => () => {
    const { stack, env } = environmentStack(props);
    new CustomTrainingJob(stack, 'train', { environment: env, workerPools: cpuPools(), code: uriCode(), retention });
    return stack;
  };

  test('durations that are not whole days are refused with the value and what is allowed', () => {
    expectMessage(thrown(job({ runOutputs: Duration.hours(12) })), 'test/train', 'retention.runOutputs', '12 hours', 'whole days from 1 to 3650, e.g. Duration.days(30)');
    expectMessage(thrown(job({ manifests: Duration.minutes(90) })), 'test/train', 'retention.manifests', '90 minutes', 'whole days from 1 to 30');
    expect(job({ runOutputs: Duration.hours(48) })).not.toThrow();
  });

  test('manifests longer than the staging bucket keeps noncurrent versions would never apply: refused', () => {
    expectMessage(thrown(job({ manifests: Duration.days(31) })), 'test/train', 'retention.manifests', '31 days', 'noncurrentVersionRetentionDays (30)');
    expect(job({ manifests: Duration.days(60) }, { stagingBucket: { noncurrentVersionRetentionDays: 90 } })).not.toThrow();
  });

  test('an imported bucket takes no rules: a warning gives the exact rule to add', () => {
    const stack = job({ runOutputs: Duration.days(14) }, { artifactsBucket: { existingBucketName: 'acme-artifacts' } })();
    expect(warnings(stack)).toContainEqual('retention.runOutputs: the artifacts bucket acme-artifacts is imported (existingBucketName), so the library adds no lifecycle rule to it; '
      + 'add this rule to its lifecycle configuration yourself: {"action":{"type":"Delete"},"condition":{"age":14,"isLive":true,"matchesPrefix":["jobs/train/runs/"]}}');
    expect(Object.keys(synthJson(stack).resource?.google_storage_bucket ?? {}).filter((name) => name.includes('artifacts'))).toEqual([]);
  });
});

describe('retention of a pipeline that registers a model', () => {
  const pipeline = (retention?: object) => {
    const { stack, env } = environmentStack();
    new TrainingPipeline(stack, 'pipe', {
      environment: env, workerPools: cpuPools(), code: uriCode(), retention,
      model: { modelId: 'churn', servingContainer: ServingContainer.prebuilt(Framework.SCIKIT_LEARN, '1.6') },
    });
    return warnings(stack);
  };

  test('deleting run outputs warns that older model versions lose their artifacts; keeping manifests only does not', () => {
    expect(pipeline({ runOutputs: Duration.days(90) }).filter((w) => w.includes('retention.runOutputs'))).toEqual([
      expect.stringMatching(/each registered version of churn keeps its artifacts in its run's model\/ directory .*an older version can then no longer be deployed/),
    ]);
    expect(pipeline({ manifests: Duration.days(14) }).filter((w) => w.includes('retention.runOutputs'))).toEqual([]);
    expect(pipeline().filter((w) => w.includes('retention'))).toEqual([]);
  });
});
