import { Token } from 'cdktf';
import { StorageBucketIamMember } from '@cdktf/provider-google/lib/storage-bucket-iam-member';
import { accountEmail, TrainingServiceAccount } from './identity';
import { TrainingBucket } from './storage';
import type { TrainingTeam } from './team';
import type { TrainingEnvironment } from './training-environment';

/** How a job's trainer stands to a bucket it uses (a watched bucket, a package's bucket). */
export interface BucketAccess {
  /**
   * `reads`: the environment grants the trainer read on it; `managed`: a bucket of the environment
   * or of a team that the trainer is deliberately not granted (team isolation); `external`: a
   * bucket the library neither creates nor imports.
   */
  readonly kind: 'reads' | 'managed' | 'external';
  /** The environment's bucket, for `reads` and `managed`. */
  readonly bucket?: TrainingBucket;
}

/** Each environment's teams, so that looking a bucket up costs the teams, not every child of the environment. */
const teamsOf = new WeakMap<TrainingEnvironment, TrainingTeam[]>();

/** Records a team of its environment (called by the team once its buckets exist). */
export function registerTeam(team: TrainingTeam): void {
  const teams = teamsOf.get(team.environment) ?? [];
  teams.push(team);
  teamsOf.set(team.environment, teams);
}

/**
 * How the trainer of a job (the team's, or the environment's) stands to `bucketName`, compared by
 * the name the user passed: `env.dataBucket.bucketName` (a reference) or the literal name.
 */
export function bucketAccess(environment: TrainingEnvironment, team: TrainingTeam | undefined, bucketName: string): BucketAccess {
  const readable = team
    ? [team.dataBucket, team.artifactsBucket, environment.stagingBucket]
    : [environment.dataBucket, environment.artifactsBucket, environment.stagingBucket];
  const reads = readable.find((bucket) => sameBucket(bucketName, bucket));
  if (reads) return { kind: 'reads', bucket: reads };
  const teams = teamsOf.get(environment) ?? [];
  const managed = [environment.dataBucket, environment.artifactsBucket, ...teams.flatMap((t) => [t.dataBucket, t.artifactsBucket])]
    .find((bucket) => sameBucket(bucketName, bucket));
  return managed ? { kind: 'managed', bucket: managed } : { kind: 'external' };
}

/** Whether `name` names `bucket`: its (possibly referenced) name, or the literal name it was created with. */
export function sameBucket(name: string, bucket: TrainingBucket): boolean {
  return name === bucket.bucketName || (bucket.bucket !== undefined && name === bucket.bucket.nameInput);
}

const externalGrants = new WeakMap<TrainingServiceAccount, Map<string, StorageBucketIamMember>>();

/**
 * The trainer's read grant (`roles/storage.objectViewer`) on a bucket the library does not manage,
 * created once per trainer and bucket, under the trainer.
 */
export function grantExternalBucketRead(trainer: TrainingServiceAccount, bucketName: string): StorageBucketIamMember {
  let byBucket = externalGrants.get(trainer);
  if (!byBucket) {
    byBucket = new Map();
    externalGrants.set(trainer, byBucket);
  }
  let grant = byBucket.get(bucketName);
  if (!grant) {
    const id = Token.isUnresolved(bucketName) ? `external-read-${byBucket.size + 1}` : `external-read-${bucketName.replace(/[^a-z0-9-]+/g, '-')}`;
    grant = new StorageBucketIamMember(trainer, id, { bucket: bucketName, role: 'roles/storage.objectViewer', member: trainer.member });
    byBucket.set(bucketName, grant);
  }
  return grant;
}

/**
 * The trainer's email as a person reads it in a message: literal when known at synth, else derived
 * from the account ID and project it is created with, else its construct path.
 */
export function readableEmail(trainer: TrainingServiceAccount): string {
  if (!Token.isUnresolved(trainer.email)) return trainer.email;
  const account = trainer.serviceAccount;
  return (account && accountEmail(account)) ?? `the service account of ${trainer.node.path}`;
}
