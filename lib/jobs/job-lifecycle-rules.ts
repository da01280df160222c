/**
 * Puts a job's checkpoint and retention rules (lib/jobs/run-storage.ts) on its buckets: the
 * artifacts bucket its runs write to (the team's or the environment's) and the staging bucket of
 * its manifests. A bucket the environment imported takes no rules: the job warns with the exact
 * rule for its owner to add. Not public API.
 */
import { Annotations } from 'cdktf';
import { IConstruct } from 'constructs';
import { TrainingBucket } from '../environment/storage';
import { Problem } from '../spec/problem';
import { checkpointsPrefix, CheckpointOptions, lifecycleRuleJson, PrefixRule, RetentionOptions, RuleBucket, runStorageRules } from './run-storage';

/** Adds the rules of `job`'s checkpoints and retention to its buckets; returns the problems (nothing is added then). */
export function addRunStorageRules(
  job: IConstruct,
  options: { readonly checkpoints?: CheckpointOptions; readonly retention?: RetentionOptions },
  artifacts: TrainingBucket,
  staging: TrainingBucket,
): Problem[] {
  if (!options.checkpoints && !options.retention) return [];
  const { rules, problems } = runStorageRules(options.checkpoints, options.retention, {
    jobId: job.node.id,
    stagingNoncurrentDays: staging._noncurrentVersionRetentionDays,
  });
  if (problems.length > 0) return problems;
  const expiring = checkpointExpiry(options.checkpoints, artifacts, job.node.id);
  if (expiring) Annotations.of(job).addWarning(expiring);
  const buckets: [RuleBucket, TrainingBucket][] = [['artifacts', artifacts], ['staging', staging]];
  for (const [kind, bucket] of buckets) {
    const mine = rules.filter((rule) => rule.bucket === kind);
    if (mine.length === 0) continue;
    if (!bucket.bucket) {
      for (const rule of mine) Annotations.of(job).addWarning(importedBucketWarning(rule, kind, bucket.bucketName));
      continue;
    }
    const refusal = bucket._addPrefixRules(mine);
    if (refusal) problems.push({ field: mine.map((rule) => rule.field).join(', '), value: `${mine.length === 1 ? 'a lifecycle rule' : `${mine.length} lifecycle rules`} on the ${kind} bucket`, allowed: refusal });
  }
  return problems;
}

function importedBucketWarning(rule: PrefixRule, kind: RuleBucket, bucketName: string): string {
  return `${rule.field}: the ${kind} bucket ${bucketName} is imported (existingBucketName), so the library adds no lifecycle rule to it; `
    + `add this rule to its lifecycle configuration yourself: ${lifecycleRuleJson(rule)}`
    + (rule.condition.numNewerVersions !== undefined ? ' (it counts object versions: the bucket must have versioning on)' : '');
}

/**
 * The artifacts bucket's own expiration, when it reaches the job's checkpoints sooner than their
 * `maxAge`: it deletes live checkpoints whatever `keepLast` keeps.
 */
function checkpointExpiry(checkpoints: CheckpointOptions | undefined, artifacts: TrainingBucket, jobId: string): string | undefined {
  const expiration = artifacts._expiration;
  if (!checkpoints || !expiration) return undefined;
  const prefix = checkpointsPrefix(jobId);
  const reaches = expiration.prefixes.length === 0 || expiration.prefixes.some((p) => prefix.startsWith(p) || p.startsWith(prefix));
  const maxAgeDays = checkpoints.maxAge === undefined ? undefined : checkpoints.maxAge.toSeconds() / 86_400;
  if (!reaches || (maxAgeDays !== undefined && maxAgeDays <= expiration.days)) return undefined;
  return `checkpoints: the artifacts bucket's objectExpirationDays (${expiration.days}) deletes live objects under ${prefix} at ${expiration.days} days old, `
    + `whatever keepLast keeps: a run resuming later finds no checkpoint; leave ${prefix} out of objectExpirationPrefixes, or expect checkpoints to last ${expiration.days} days`;
}
