import { amount } from './markdown-text';
import { filterClause, windowWords } from './trigger-words';
import { withoutUndefined } from './what-runs';
import { CheckpointsReport, ConcurrencyReport, LifecycleRuleReport, ObjectFilterReport, RetentionReport } from './report-data';
import { ConcurrencyKind, ConcurrencyPolicy, plannedRuns } from '../jobs/concurrency-policy';
import {
  AIP_CHECKPOINT_DIR_ENV, CHECKPOINT_DIR_ENV, conditionJson, DEFAULT_KEEP_LAST, PrefixRule, runStorageRules,
} from '../jobs/run-storage';
// Types only: the jobs depend on the report (their environment writes it), not it on them.
import type { TrainingJob } from '../jobs/training-job';
import { MAX_BATCH_CHARACTERS, MAX_BATCH_OBJECTS, MAX_LISTED_OBJECTS } from '../launch/definition/data-batch';
import { routePattern } from '../launch/definition/requests';
import { ObjectFilterKind } from '../triggers/object-filter';
import type { Trigger } from '../triggers/trigger';

/*
 * The day-2 parts of a job's report section: what a launch does while runs are active, whether the
 * job is paused, what a data trigger's filter and window launch and what the run receives, the
 * shared checkpoints, and the lifecycle rules of checkpoints and retention on the job's buckets.
 * Read from the job's options and the same pure functions the job builds with (run-storage.ts,
 * requests.ts), so that the report states what the stack does.
 */

/**
 * The concurrency policy in the report's terms. A GKE job is not in the Vertex AI quota plan: Kueue
 * admits each of its runs against the team's quota.
 */
export function concurrencyReport(policy: ConcurrencyPolicy | undefined, onGke: boolean): ConcurrencyReport {
  const planned = onGke ? undefined : plannedRuns(policy);
  const counted = (runs: string) => (onGke ? '; Kueue admits each run against the team\'s quota' : `; the quota plan counts ${runs}`);
  switch (policy?.kind) {
    case ConcurrencyKind.SKIP:
      return withoutUndefined({
        kind: ConcurrencyKind.SKIP, maxConcurrentRuns: 1, plannedRuns: planned,
        description: 'skip: one run at a time; a launch while a run of the job is active is skipped and logged as a warning (its launch key is spent)',
      });
    case ConcurrencyKind.UP_TO: {
      const n = policy.maxConcurrentRuns!;
      return withoutUndefined({
        kind: ConcurrencyKind.UP_TO, maxConcurrentRuns: n, plannedRuns: planned,
        description: `up to ${n}: at most ${n} runs of the job at once; a launch that finds ${n} active is skipped and logged as a warning (its launch key is spent)${counted(`${n} runs`)}`,
      });
    }
    default:
      return withoutUndefined({
        kind: ConcurrencyKind.ALLOW, plannedRuns: planned,
        description: `allow: runs may overlap (every launch starts a run${counted('one run')})`,
      });
  }
}

/** What a data trigger's filter and window add to its report. */
export interface DataTriggerParts {
  /** The filter, when one is given. */
  readonly filter?: ObjectFilterReport;
  /** The RE2 expression of prefix and filter, when a filter is given. */
  readonly pattern?: string;
  /** `, when ...`: the filter in words ('' without one). */
  readonly filterClause: string;
  /** `; coalesced: ...`: the window in words ('' without one). */
  readonly windowClause: string;
  /** What the run finds in `VT_TRIGGER_OBJECTS`. */
  readonly triggerObjects: string;
  /** The launch key's form. */
  readonly launchKey: string;
}

/** The filter, window, objects and launch key of an ON_NEW_DATA trigger watching `prefix`. */
export function dataTriggerParts(trigger: Trigger, prefix: string): DataTriggerParts {
  const given = trigger.filter;
  const filter: ObjectFilterReport | undefined = given && { kind: given.kind, value: given.value };
  const windowSeconds = trigger.coalesceSeconds;
  const limit = `at most ${MAX_BATCH_OBJECTS} (${amount(MAX_BATCH_CHARACTERS, 0)} characters of JSON): the first by name, and the object whose event started the launch; `
    + `the launcher lists the first ${amount(MAX_LISTED_OBJECTS, 0)} objects under the prefix, and logs a warning when objects are left out`;
  const triggerObjects = windowSeconds !== undefined
    ? `a JSON list of the gs:// URIs of every matching object created in the window (${limit})`
    : filter?.kind === ObjectFilterKind.MARKER
      ? 'a JSON list holding the marker\'s gs:// URI (the drop is the marker\'s directory)'
      : 'a JSON list holding the object\'s gs:// URI';
  return {
    filter,
    pattern: filter && routePattern(prefix, { kind: filter.kind.toLowerCase() as 'marker' | 'suffix' | 'pattern', value: filter.value }),
    filterClause: filter ? filterClause(filter.kind, filter.value) : '',
    windowClause: windowSeconds === undefined ? '' : `; ${windowWords(windowSeconds)}`,
    triggerObjects,
    launchKey: windowSeconds !== undefined ? 'd-<hash of bucket, route pattern, window start and job>' : 'd-<hash of bucket, object, generation and job>',
  };
}

/** The shared checkpoints of a job, if it has them. */
export function checkpointsReport(job: TrainingJob, resolve: (value: string) => string): CheckpointsReport | undefined {
  const checkpoints = job._options.checkpoints;
  if (!checkpoints || job.checkpointUri === undefined) return undefined;
  return {
    uri: resolve(job.checkpointUri),
    keepLast: checkpoints.keepLast ?? DEFAULT_KEEP_LAST,
    ...(checkpoints.maxAge !== undefined ? { maxAge: checkpoints.maxAge.toString() } : {}),
    env: [AIP_CHECKPOINT_DIR_ENV, CHECKPOINT_DIR_ENV],
  };
}

/** The retention a job declares, if any. */
export function retentionReport(job: TrainingJob): RetentionReport | undefined {
  const retention = job._options.retention;
  if (!retention) return undefined;
  const noncurrent = job.environment.stagingBucket._noncurrentVersionRetentionDays;
  return {
    ...(retention.runOutputs !== undefined ? { runOutputs: retention.runOutputs.toString() } : {}),
    ...(retention.manifests !== undefined ? { manifests: retention.manifests.toString() } : {}),
    ...(noncurrent !== undefined ? { stagingNoncurrentDays: noncurrent } : {}),
  };
}

/** The lifecycle rules of a job's checkpoints and retention, as the job adds them (lib/jobs/job-lifecycle-rules.ts). */
export function lifecycleRulesReport(job: TrainingJob, resolve: (value: string) => string): LifecycleRuleReport[] | undefined {
  const { checkpoints, retention } = job._options;
  if (!checkpoints && !retention) return undefined;
  const env = job.environment;
  const staging = env.stagingBucket;
  const artifacts = job._options.team?.artifactsBucket ?? env.artifactsBucket;
  const { rules } = runStorageRules(checkpoints, retention, { jobId: job.jobId, stagingNoncurrentDays: staging._noncurrentVersionRetentionDays });
  return rules.map((rule) => {
    const bucket = rule.bucket === 'artifacts' ? artifacts : staging;
    return {
      field: rule.field,
      bucket: resolve(bucket.bucketName),
      prefix: rule.prefix,
      deletes: deletesInWords(rule),
      condition: JSON.stringify(conditionJson(rule.condition)),
      applied: bucket.bucket !== undefined,
    };
  });
}

function deletesInWords(rule: PrefixRule): string {
  const { age, numNewerVersions, daysSinceNoncurrentTime } = rule.condition;
  if (numNewerVersions !== undefined) {
    return `replaced versions of each object with ${numNewerVersions} newer versions: the live version and ${numNewerVersions - 1} replaced ${numNewerVersions - 1 === 1 ? 'one' : 'ones'} are kept`;
  }
  if (daysSinceNoncurrentTime !== undefined) return `versions replaced ${days(daysSinceNoncurrentTime)} ago or more (never a live one)`;
  return `live objects ${days(age ?? 0)} old (they stay as noncurrent versions for the bucket's noncurrentVersionRetentionDays)`;
}

function days(n: number): string {
  return `${n} day${n === 1 ? '' : 's'}`;
}
