/**
 * What a job keeps beyond each run's own output directory, and for how long: checkpoints shared by
 * its runs (`gs://<artifacts>/jobs/<id>/checkpoints/`, outside `runs/`, so that run retention never
 * deletes them), and the retention of run outputs and replaced launch manifests. Pure: the rules
 * here become Cloud Storage lifecycle rules on the job's buckets (TrainingBucket merges the rules
 * of every job by action and condition) and environment variables of every container.
 *
 * Cloud Storage's lifecycle conditions (Object Lifecycle Management):
 * - `numNewerVersions: N` matches a version with at least N newer versions, the live one included
 *   (a live version has 0, the newest noncurrent one 1). Deleting at N keeps the live version and
 *   N-1 noncurrent ones: `keepLast` versions of each checkpoint object in all.
 * - `age: N` matches objects created at least N days ago; `withState: LIVE` limits it to live
 *   versions. On a versioned bucket, deleting a live version makes it noncurrent; the bucket's own
 *   rule deletes noncurrent versions after its `noncurrentVersionRetentionDays`.
 * - `daysSinceNoncurrentTime: N` with `withState: ARCHIVED` matches noncurrent versions only: a
 *   live manifest, which the launcher reads, never matches.
 */
import type { CodeIntent } from '../code/intent';
import type { TrainingCode } from '../code/training-code';
import type { WorkerPoolsProps } from '../compute/worker-pools';
import type { Duration } from '../core/duration';
import type { PrefixDeleteRule, PrefixRuleCondition } from '../environment/storage';
import { SECONDS_PER_DAY } from '../core/durations';
import { integerInRange } from '../rules/numbers';
import { AIP_CHECKPOINT_DIR_ENV, CHECKPOINT_DIR_ENV, LAUNCH_ENV, MAX_CONTAINER_ENV } from '../spec/gke/labels';
import { Problem } from '../spec/problem';
import type { CheckpointOptions, RetentionOptions } from './run-storage-options';

export type { CheckpointOptions, RetentionOptions };

/** Default of `CheckpointOptions.keepLast`. */
export const DEFAULT_KEEP_LAST = 3;
/** Most versions `keepLast` keeps. */
export const MAX_KEEP_LAST = 100;
/** Longest age a lifecycle rule of a job takes, in days (ten years, as the buckets' own rules). */
export const MAX_RETENTION_DAYS = 3650;
/** The variable that always holds the shared checkpoint location. */
export { CHECKPOINT_DIR_ENV };
/** Vertex AI's checkpoint variable, set to the shared location as well. */
export { AIP_CHECKPOINT_DIR_ENV };

/** Which of a job's buckets a rule goes on. */
export type RuleBucket = 'artifacts' | 'staging';

/** A Delete lifecycle rule for the objects under one prefix of one of the job's buckets. */
export interface PrefixRule extends PrefixDeleteRule {
  readonly bucket: RuleBucket;
  /** The option it comes from, e.g. `checkpoints.keepLast`. */
  readonly field: string;
}

/** Everything of a job in a bucket: `jobs/<id>/` (its manifests in the staging bucket). */
export const jobPrefix = (jobId: string): string => `jobs/${jobId}/`;
/** The runs' output directories in the artifacts bucket. */
export const runsPrefix = (jobId: string): string => `${jobPrefix(jobId)}runs/`;
/** The checkpoints the runs share in the artifacts bucket, next to `runs/`. */
export const checkpointsPrefix = (jobId: string): string => `${jobPrefix(jobId)}checkpoints/`;

/** What the rules of a job need to know about its buckets. */
export interface RunStorageContext {
  readonly jobId: string;
  /** The staging bucket's noncurrent-version retention; undefined when the bucket is imported. */
  readonly stagingNoncurrentDays?: number;
}

/** The lifecycle rules of a job's checkpoints and retention, and the problems of its options. */
export function runStorageRules(checkpoints: CheckpointOptions | undefined, retention: RetentionOptions | undefined, context: RunStorageContext): { rules: PrefixRule[]; problems: Problem[] } {
  const problems: Problem[] = [];
  const rules: PrefixRule[] = [];
  const { jobId } = context;
  if (checkpoints) {
    const keepLast = checkpoints.keepLast ?? DEFAULT_KEEP_LAST;
    const allowed = integerInRange(keepLast, 1, MAX_KEEP_LAST);
    if (allowed) problems.push({ field: 'checkpoints.keepLast', value: keepLast, allowed: `${allowed} (versions kept of each checkpoint object)` });
    else rules.push({ bucket: 'artifacts', field: 'checkpoints.keepLast', condition: { numNewerVersions: keepLast, withState: 'ARCHIVED' }, prefix: checkpointsPrefix(jobId) });
    const maxAge = wholeDays('checkpoints.maxAge', checkpoints.maxAge, MAX_RETENTION_DAYS, problems);
    if (maxAge !== undefined) rules.push({ bucket: 'artifacts', field: 'checkpoints.maxAge', condition: { age: maxAge, withState: 'LIVE' }, prefix: checkpointsPrefix(jobId) });
  }
  const runOutputs = wholeDays('retention.runOutputs', retention?.runOutputs, MAX_RETENTION_DAYS, problems);
  if (runOutputs !== undefined) rules.push({ bucket: 'artifacts', field: 'retention.runOutputs', condition: { age: runOutputs, withState: 'LIVE' }, prefix: runsPrefix(jobId) });
  const noncurrent = context.stagingNoncurrentDays;
  const manifests = wholeDays('retention.manifests', retention?.manifests, noncurrent ?? MAX_RETENTION_DAYS, problems,
    noncurrent === undefined ? undefined : `the staging bucket deletes every replaced version after its noncurrentVersionRetentionDays (${noncurrent})`);
  if (manifests !== undefined) rules.push({ bucket: 'staging', field: 'retention.manifests', condition: { daysSinceNoncurrentTime: manifests, withState: 'ARCHIVED' }, prefix: jobPrefix(jobId) });
  return { rules, problems };
}

/** A duration as whole days from 1 to `max`, or undefined (absent, or a problem pushed). */
function wholeDays(field: string, duration: Duration | undefined, max: number, problems: Problem[], why?: string): number | undefined {
  if (duration === undefined) return undefined;
  const days = duration.toSeconds() / SECONDS_PER_DAY;
  if (!Number.isInteger(days) || days < 1 || days > max) {
    const reason = why ? `; ${why}` : '';
    problems.push({ field, value: duration.toString(), allowed: `must be whole days from 1 to ${max}, e.g. Duration.days(30) (Cloud Storage lifecycle rules count ages in days${reason})` });
    return undefined;
  }
  return days;
}

/** The variables every container of a job with checkpoints gets, first (so that the user's `env` may refer to them as `$(VT_CHECKPOINT_DIR)`). */
export function checkpointEnv(uri: string): { name: string; value: string }[] {
  // [unconfirmed] whether Vertex AI keeps a user-set AIP_CHECKPOINT_DIR rather than setting its own
  // per-run directory: VT_CHECKPOINT_DIR always holds the shared location.
  return [{ name: AIP_CHECKPOINT_DIR_ENV, value: uri }, { name: CHECKPOINT_DIR_ENV, value: uri }];
}

/**
 * The v1 `workerPoolSpecs` with the checkpoint variables in every pool's `containerSpec.env` or
 * `pythonPackageSpec.env` (an empty position `{}` runs nothing and stays empty).
 */
export function withCheckpointEnv(workerPoolSpecs: readonly object[], uri: string): object[] {
  const added = checkpointEnv(uri);
  return workerPoolSpecs.map((spec) => {
    const pool = spec as { [key: string]: unknown };
    const key = pool.containerSpec !== undefined ? 'containerSpec' : pool.pythonPackageSpec !== undefined ? 'pythonPackageSpec' : undefined;
    if (key === undefined) return spec;
    const task = pool[key] as { env?: object[] };
    return { ...pool, [key]: { ...task, env: [...added, ...(task.env ?? [])] } };
  });
}

/**
 * Problems of the user's `env` on Vertex AI (GKE checks its own in the JobSet): names the library
 * sets itself on both backends (`VT_CHECKPOINT_DIR`, `VT_TRIGGER_OBJECTS`), `AIP_CHECKPOINT_DIR`
 * when checkpoints set it, and more variables than Vertex AI takes once the library's are added
 * (`added`: 2 with checkpoints, 1 more at a data launch).
 */
export function vertexEnvProblems(code: TrainingCode | undefined, pools: WorkerPoolsProps | undefined, checkpoints: boolean, added: number): Problem[] {
  const problems: Problem[] = [];
  const sources: { field: string; code: unknown }[] = [{ field: 'code', code }];
  for (const role of ['workers', 'parameterServers', 'evaluators'] as const) {
    const own = (pools?.[role] as { _code?: unknown } | undefined)?._code;
    if (own !== undefined) sources.push({ field: `workerPools.${role}.code`, code: own });
  }
  for (const source of sources) {
    const env = ((source.code as { _intent?: CodeIntent } | undefined)?._intent as { env?: { [name: string]: string } } | undefined)?.env;
    if (!env || typeof env !== 'object') continue;
    const names = Object.keys(env);
    for (const name of names) {
      if (LAUNCH_ENV.includes(name)) {
        problems.push({ field: `${source.field}.env`, value: name, allowed: `the library sets ${LAUNCH_ENV.join(' (with checkpoints) and ')} (on data launches) itself, on both backends: leave it out` });
      }
      if (checkpoints && name === AIP_CHECKPOINT_DIR_ENV) {
        problems.push({ field: `${source.field}.env`, value: name, allowed: `with checkpoints the library sets ${AIP_CHECKPOINT_DIR_ENV} to the shared checkpoint location: leave it out (read ${CHECKPOINT_DIR_ENV})` });
      }
    }
    // More than MAX_CONTAINER_ENV of the user's own is refused where the env is resolved.
    if (added > 0 && names.length <= MAX_CONTAINER_ENV && names.length + added > MAX_CONTAINER_ENV) {
      problems.push({ field: `${source.field}.env`, value: `${names.length} variables`, allowed: `at most ${MAX_CONTAINER_ENV - added}: the library adds ${added} to every container (Vertex AI takes at most ${MAX_CONTAINER_ENV})` });
    }
  }
  return problems;
}

/** The lifecycle rule a user adds to a bucket the library cannot change (an imported one), as `gcloud storage buckets update --lifecycle-file` reads it. */
export function lifecycleRuleJson(rule: PrefixRule): string {
  return JSON.stringify({ action: { type: 'Delete' }, condition: { ...conditionJson(rule.condition), matchesPrefix: [rule.prefix] } });
}

/**
 * The condition in Cloud Storage's JSON API fields (`withState` is Terraform's `isLive`), as the
 * warning for an imported bucket and the report write it.
 */
export function conditionJson(condition: PrefixRuleCondition): { [key: string]: unknown } {
  const { withState, ...rest } = condition;
  return { ...rest, isLive: withState === 'LIVE' };
}
