import { Annotations, TerraformResource, Token } from 'cdktf';
import { IConstruct } from 'constructs';
import { bucketAccess, grantExternalBucketRead, readableEmail, sameBucket } from '../environment/bucket-access';
import { TrainingServiceAccount } from '../environment/identity';
import { TrainingBucket } from '../environment/storage';
import { TrainingTeam } from '../environment/team';
import type { TrainingEnvironment } from '../environment/training-environment';
import { secondsInWords } from '../core/durations';
import { Problem } from '../spec/problem';
import { checkpointsPrefix, runsPrefix } from './run-storage';
import { Trigger } from '../triggers/trigger';
import { ObjectFilterKind } from '../triggers/object-filter';
import { coalesceWindow, markerName, nameSuffix, namePattern, prefixCoversOutputs, watchedBucketName, watchedLocation, watchedPrefix } from '../triggers/watched-location';

/** What the checks of a job's watched data and packages need to know about the job. */
export interface JobStorage {
  readonly environment: TrainingEnvironment;
  readonly team?: TrainingTeam;
  readonly jobId: string;
  /** The bucket the job's runs write to. */
  readonly artifacts: TrainingBucket;
  readonly trainer: TrainingServiceAccount;
  /** Whether the job's runs share checkpoints under `jobs/<id>/checkpoints/` of its artifacts bucket. */
  readonly checkpoints?: boolean;
}

/** Per environment, the location each watched bucket is watched from, and the first job watching it. */
const watchedFrom = new WeakMap<TrainingEnvironment, Map<string, { location: string; job: string }>>();

/**
 * What stops an on-new-data trigger from firing, or makes it fire on the job's own outputs: a
 * `gs://` URL or malformed name, a prefix no object name starts with, a location that is not a
 * bucket location, not the location of the environment bucket it watches or not the one another job
 * watches the same bucket from, a prefix of the job's artifacts bucket that its runs write under
 * (each run would launch the next), and a batch's filter or window that would never match or fire.
 */
export function watchedDataProblems(trigger: Trigger, field: string, job: JobStorage): Problem[] {
  const problems: Problem[] = batchProblems(trigger, field);
  const bucket = trigger.bucketName;
  const prefix = trigger.prefix ?? '';
  if (bucket === undefined || bucket === '') return problems;
  const literalBucket = !Token.isUnresolved(bucket);
  const literalPrefix = !Token.isUnresolved(prefix);
  if (literalBucket) pushRule(problems, `${field}.bucketName`, bucket, watchedBucketName);
  if (literalPrefix) pushRule(problems, `${field}.prefix`, prefix, watchedPrefix);
  const location = trigger.location;
  if (location !== undefined && !Token.isUnresolved(location)) {
    const before = problems.length;
    pushRule(problems, `${field}.location`, location, watchedLocation);
    const access = bucketAccess(job.environment, job.team, bucket);
    const region = job.environment.region;
    if (problems.length === before && access.bucket?.bucket !== undefined && !Token.isUnresolved(region) && location !== region) {
      problems.push({ field: `${field}.location`, value: location, allowed: `must be ${region}, where the environment created the watched bucket (Eventarc only hears a bucket from its own location; leave location out for the environment's buckets)` });
    }
  }
  const earlier = watchedFrom.get(job.environment)?.get(bucket);
  const from = location ?? job.environment.region;
  if (earlier && earlier.location !== from && !Token.isUnresolved(from)) {
    problems.push({ field: `${field}.location`, value: location ?? `(default ${from})`, allowed: `must be ${earlier.location}, the location ${earlier.job} watches this bucket from (a bucket has one location, and the environment one trigger per bucket)` });
  }
  const outputs = runsPrefix(job.jobId);
  if (literalPrefix && sameBucket(bucket, job.artifacts) && prefixCoversOutputs(prefix, outputs)) {
    problems.push({
      field: `${field}.prefix`,
      value: prefix,
      allowed: `must not cover the job's own outputs (gs://<artifacts>/${outputs}): every run would launch the next; watch another bucket, or a prefix such as another job's jobs/<id>/runs/`,
    });
  } else if (job.checkpoints && literalPrefix && sameBucket(bucket, job.artifacts) && prefixCoversOutputs(prefix, checkpointsPrefix(job.jobId))) {
    problems.push({ field: `${field}.prefix`, value: prefix, allowed: `must not cover the job's own checkpoints (gs://<artifacts>/${checkpointsPrefix(job.jobId)}): every checkpoint a run writes would launch another run` });
  }
  return problems;
}

/**
 * Makes sure the job's trainer can read the bucket a trigger watches: a bucket the library does not
 * manage gets a read grant (Eventarc only watches buckets of the trigger's own project, so the
 * deployer manages its IAM), which runs wait for; a bucket of the environment that the trainer is
 * deliberately not granted (another team's, or the environment's data for a team's job) gets a
 * synth-time warning naming the missing grant, since widening a team's access is the user's call.
 * Records the location the bucket is watched from. Returns the grant made, if any.
 */
export function grantWatchedData(scope: IConstruct, trigger: Trigger, field: string, job: JobStorage): TerraformResource | undefined {
  const bucket = trigger.bucketName!;
  const locations = watchedFrom.get(job.environment) ?? new Map<string, { location: string; job: string }>();
  watchedFrom.set(job.environment, locations);
  if (!locations.has(bucket)) locations.set(bucket, { location: trigger.location ?? job.environment.region, job: scope.node.path });
  const access = bucketAccess(job.environment, job.team, bucket);
  if (access.kind === 'external') return grantExternalBucketRead(job.trainer, bucket);
  if (access.kind === 'managed') {
    Annotations.of(scope).addWarning(`${field}: the trainer ${readableEmail(job.trainer)} has no read grant on the watched bucket ${describe(access.bucket!)}, ` +
      `which this environment keeps for ${owner(access.bucket!, job)}; runs it launches cannot read the new data unless you grant roles/storage.objectViewer on it to serviceAccount:${readableEmail(job.trainer)}`);
  }
  return undefined;
}

/** The rule of each kind of filter, by the factory that made it. */
const FILTER_RULES: { readonly [kind in ObjectFilterKind]: { factory: string; rule: (value: string) => string | undefined } } = {
  [ObjectFilterKind.MARKER]: { factory: 'marker', rule: markerName },
  [ObjectFilterKind.SUFFIX]: { factory: 'suffix', rule: nameSuffix },
  [ObjectFilterKind.PATTERN]: { factory: 'pattern', rule: namePattern },
};

/** What stops a batch's filter from matching (`triggers[i].filter.marker`, ...) and a window out of range. */
function batchProblems(trigger: Trigger, field: string): Problem[] {
  const problems: Problem[] = [];
  const filter = trigger.filter;
  if (filter) {
    const { factory, rule } = FILTER_RULES[filter.kind];
    pushRule(problems, `${field}.filter.${factory}`, filter.value, rule);
  }
  const seconds = trigger.coalesceSeconds;
  if (seconds !== undefined) {
    const allowed = coalesceWindow(seconds);
    if (allowed) problems.push({ field: `${field}.coalesce`, value: secondsInWords(seconds), allowed });
  }
  return problems;
}

function pushRule(problems: Problem[], field: string, value: string, rule: (value: string) => string | undefined): void {
  const allowed = rule(value);
  if (allowed) problems.push({ field, value, allowed });
}

/** The bucket's literal name, or its construct path when the name is a reference. */
function describe(bucket: TrainingBucket): string {
  const name = bucket.bucket?.nameInput ?? bucket.bucketName;
  return Token.isUnresolved(name) ? `of ${bucket.node.path}` : name;
}

function owner(bucket: TrainingBucket, job: JobStorage): string {
  const team = bucket.node.scope;
  return team instanceof TrainingTeam ? `team ${team.teamName}` : `the environment's own trainer${job.team ? ' (not its teams)' : ''}`;
}
