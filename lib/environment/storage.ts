import { ITerraformDependable, Lazy, Token } from 'cdktf';
import { Construct } from 'constructs';
import { StorageBucket, StorageBucketLifecycleRule } from '@cdktf/provider-google/lib/storage-bucket';
import { StorageBucketIamMember } from '@cdktf/provider-google/lib/storage-bucket-iam-member';
import { SECONDS_PER_DAY } from '../core/durations';
import { grantId } from '../core/grant-id';
import { checkArgument, STRING } from '../core/field-types';
import { check, problemsOf, throwProblems } from '../core/validation';
import { bucketName } from '../rules/bucket-name';
import { iamMember } from '../rules/iam-member';
import { integerInRange, zeroOrIntegerInRange } from '../rules/numbers';

/** Lifecycle rules a bucket takes (Cloud Storage quotas and limits: buckets). */
export const MAX_LIFECYCLE_RULES = 100;
/**
 * `matchesPrefix` and `matchesSuffix` values a bucket takes across all its lifecycle rules (Cloud
 * Storage quotas and limits: buckets; 1,000 since 2025-06-05, 50 before).
 */
export const MAX_LIFECYCLE_PREFIXES = 1000;

/**
 * The condition of a Delete rule a job adds for its prefix, in the provider's (camelCase) fields,
 * without `matchesPrefix` (lib/jobs/run-storage.ts makes them). Not public API.
 * @internal
 */
export interface PrefixRuleCondition {
  /** Objects created at least this many days ago. */
  readonly age?: number;
  /** Versions with at least this many newer versions, the live one included. */
  readonly numNewerVersions?: number;
  /** Noncurrent versions replaced at least this many days ago. */
  readonly daysSinceNoncurrentTime?: number;
  /** Live versions only, or noncurrent ones only. */
  readonly withState: 'LIVE' | 'ARCHIVED';
}

/**
 * A Delete rule for the objects under one prefix, as {@link TrainingBucket._addPrefixRules} takes it.
 * @internal
 */
export interface PrefixDeleteRule {
  /** What it deletes. */
  readonly condition: PrefixRuleCondition;
  /** The object name prefix it matches. */
  readonly prefix: string;
}

/** Options of one of the environment's buckets. */
export interface BucketOptions {
  /**
   * Name of the bucket to create.
   * @default `<projectId>-<prefix>-<role>` (project IDs are globally unique, so is the name)
   */
  readonly name?: string;
  /**
   * Use this existing bucket instead of creating one. The environment still grants its identities
   * on it; the bucket's own settings (CMEK, versioning, ...) are then the owner's responsibility.
   * @default - a bucket is created
   */
  readonly existingBucketName?: string;
  /**
   * Days a noncurrent (overwritten or deleted) object version is kept before it is deleted (1–3650).
   * @default 30
   */
  readonly noncurrentVersionRetentionDays?: number;
  /**
   * Soft-delete retention in days: 0 turns soft delete off, otherwise 7–90.
   * @default 7
   */
  readonly softDeleteRetentionDays?: number;
  /**
   * Days after which live objects expire (0: never). Applies to `objectExpirationPrefixes`.
   * @default 14 for the staging bucket, 0 for the others
   */
  readonly objectExpirationDays?: number;
  /**
   * Object name prefixes that `objectExpirationDays` applies to; empty means every object.
   * @default ["tmp/"] for the staging bucket (manifests under jobs/ and packages under packages/ must outlive their jobs), [] for the others
   */
  readonly objectExpirationPrefixes?: string[];
  /**
   * Adds Terraform's `prevent_destroy`, so that `terraform destroy` cannot remove the bucket.
   * Buckets are never `force_destroy`: a bucket with objects cannot be destroyed either way.
   * @default true for the data and artifacts buckets, false for the staging bucket
   */
  readonly preventDestroy?: boolean;
}

/** Limits a bucket grant to the objects under one name prefix (an IAM condition). */
export interface ObjectPrefixCondition {
  /** Object name prefix, e.g. `launches/`. */
  readonly prefix: string;
  /** Title of the IAM condition. */
  readonly title: string;
}

/** Properties of {@link TrainingBucket}. */
export interface TrainingBucketProps extends BucketOptions {
  /** Project of a created bucket. */
  readonly projectId: string;
  /** Region of a created bucket. */
  readonly region: string;
  /** Name used when neither `name` nor `existingBucketName` is given. */
  readonly defaultName: string;
  /** Default CMEK key of a created bucket. */
  readonly kmsKeyName: string;
  /** Labels of a created bucket. */
  readonly labels: { [key: string]: string };
  /** Default of `objectExpirationDays`. */
  readonly defaultExpirationDays: number;
  /** Default of `objectExpirationPrefixes`. */
  readonly defaultExpirationPrefixes: string[];
  /** Default of `preventDestroy`. */
  readonly defaultPreventDestroy: boolean;
  /** What a created bucket depends on (API, key grants). */
  readonly dependsOn: ITerraformDependable[];
}

/**
 * A regional, CMEK-encrypted, private, versioned Cloud Storage bucket, or an imported one.
 */
export class TrainingBucket extends Construct {
  /** The bucket's name. */
  public readonly bucketName: string;
  /** The created bucket; undefined when imported. */
  public readonly bucket?: StorageBucket;
  /**
   * Days a created bucket keeps noncurrent versions; undefined when imported.
   * @internal
   */
  public readonly _noncurrentVersionRetentionDays?: number;
  /**
   * A created bucket's `objectExpirationDays` and the prefixes it applies to (none: every object);
   * undefined when objects never expire.
   * @internal
   */
  public readonly _expiration?: { readonly days: number; readonly prefixes: readonly string[] };
  /** The bucket's own lifecycle rules. */
  private readonly ownRules: StorageBucketLifecycleRule[] = [];
  /** Delete rules jobs added, one per condition, with the prefixes of every job that shares it. */
  private readonly prefixRules = new Map<string, { condition: PrefixRuleCondition; prefixes: Set<string> }>();
  /** `matchesPrefix` values across all rules. */
  private prefixCount = 0;

  constructor(scope: Construct, id: string, props: TrainingBucketProps) {
    super(scope, id);
    check(this, 'existingBucketName', props.existingBucketName, bucketName);
    if (props.existingBucketName !== undefined) {
      this.bucketName = props.existingBucketName;
      return;
    }
    const name = props.name ?? props.defaultName;
    const noncurrentDays = props.noncurrentVersionRetentionDays ?? 30;
    const softDeleteDays = props.softDeleteRetentionDays ?? 7;
    const expirationDays = props.objectExpirationDays ?? props.defaultExpirationDays;
    throwProblems(this, [
      ...problemsOf('name', name, bucketName),
      ...problemsOf('noncurrentVersionRetentionDays', noncurrentDays, (v) => integerInRange(v, 1, 3650)),
      ...problemsOf('softDeleteRetentionDays', softDeleteDays, (v) => zeroOrIntegerInRange(v, 7, 90)),
      ...problemsOf('objectExpirationDays', expirationDays, (v) => zeroOrIntegerInRange(v, 1, 3650)),
    ]);

    this._noncurrentVersionRetentionDays = noncurrentDays;
    const lifecycleRule = this.ownRules;
    lifecycleRule.push(
      { action: { type: 'Delete' }, condition: { daysSinceNoncurrentTime: noncurrentDays, withState: 'ARCHIVED' } },
      { action: { type: 'AbortIncompleteMultipartUpload' }, condition: { age: 1 } },
    );
    if (expirationDays > 0) {
      const prefixes = props.objectExpirationPrefixes ?? props.defaultExpirationPrefixes;
      lifecycleRule.push({
        action: { type: 'Delete' },
        condition: { age: expirationDays, withState: 'LIVE', ...(prefixes.length > 0 ? { matchesPrefix: prefixes } : {}) },
      });
      this.prefixCount += prefixes.length;
      this._expiration = { days: expirationDays, prefixes };
    }

    this.bucket = new StorageBucket(this, 'bucket', {
      project: props.projectId,
      name,
      // Cloud Storage reports locations in upper case; a token must stay as it is.
      location: Token.isUnresolved(props.region) ? props.region : props.region.toUpperCase(),
      storageClass: 'STANDARD',
      uniformBucketLevelAccess: true,
      publicAccessPrevention: 'enforced',
      forceDestroy: false,
      versioning: { enabled: true },
      softDeletePolicy: { retentionDurationSeconds: softDeleteDays * SECONDS_PER_DAY },
      encryption: { defaultKmsKeyName: props.kmsKeyName },
      lifecycleRule,
      labels: props.labels,
      lifecycle: { preventDestroy: props.preventDestroy ?? props.defaultPreventDestroy },
      dependsOn: props.dependsOn,
    });
    this.bucketName = this.bucket.name;
  }

  /**
   * Adds Delete rules for objects under prefixes (a job's checkpoints, run outputs, manifests):
   * rules of the same condition are one rule with every prefix in `matchesPrefix`. Adds nothing and
   * returns why when the bucket would go over Cloud Storage's limits, or is imported (its rules are
   * its owner's).
   * @internal
   */
  public _addPrefixRules(rules: readonly PrefixDeleteRule[]): string | undefined {
    if (!this.bucket) return `${this.bucketName} is an imported bucket, whose lifecycle rules are its owner's`;
    let newRules = 0;
    let newPrefixes = 0;
    const seen = new Set<string>();
    for (const rule of rules) {
      const key = conditionKey(rule.condition);
      const existing = this.prefixRules.get(key);
      if (!existing && !seen.has(key)) newRules++;
      if (!existing?.prefixes.has(rule.prefix) && !seen.has(`${key} ${rule.prefix}`)) newPrefixes++;
      seen.add(key);
      seen.add(`${key} ${rule.prefix}`);
    }
    const ruleCount = this.ownRules.length + this.prefixRules.size + newRules;
    if (ruleCount > MAX_LIFECYCLE_RULES) {
      return `the bucket would have ${ruleCount} lifecycle rules, and Cloud Storage takes at most ${MAX_LIFECYCLE_RULES} per bucket (jobs with the same retention share one rule: use fewer distinct values)`;
    }
    if (this.prefixCount + newPrefixes > MAX_LIFECYCLE_PREFIXES) {
      return `the bucket's lifecycle rules would match ${this.prefixCount + newPrefixes} prefixes, and Cloud Storage takes at most ${MAX_LIFECYCLE_PREFIXES} across all rules of a bucket (each job with retention or checkpoints adds its own)`;
    }
    for (const rule of rules) {
      const key = conditionKey(rule.condition);
      let merged = this.prefixRules.get(key);
      if (!merged) {
        merged = { condition: rule.condition, prefixes: new Set() };
        this.prefixRules.set(key, merged);
      }
      if (!merged.prefixes.has(rule.prefix)) this.prefixCount++;
      merged.prefixes.add(rule.prefix);
    }
    if (newRules > 0) this.bucket.putLifecycleRule(this.lifecycleRules());
    return undefined;
  }

  /**
   * The bucket's rules, then the jobs' in a stable order (by condition; prefixes sorted at synth,
   * when every job has added its own): reordering jobs changes nothing.
   */
  private lifecycleRules(): StorageBucketLifecycleRule[] {
    const added = [...this.prefixRules.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return [
      ...this.ownRules,
      ...added.map(([, rule]): StorageBucketLifecycleRule => ({
        action: { type: 'Delete' },
        condition: { ...rule.condition, matchesPrefix: Lazy.listValue({ produce: () => [...rule.prefixes].sort() }) },
      })),
    ];
  }

  /** `gs://` URL of the bucket (no trailing slash). */
  public get url(): string {
    return `gs://${this.bucketName}`;
  }

  /**
   * Lets `member` read objects (`roles/storage.objectViewer`).
   * @param member IAM principal (`user:`, `serviceAccount:`, `group:`, ...); public principals are refused
   * @param id construct ID of the grant @default derived from the member
   */
  public grantRead(member: string, id?: string): StorageBucketIamMember {
    return this.grant('roles/storage.objectViewer', member, id);
  }

  /**
   * Lets `member` read, create, overwrite and delete objects (`roles/storage.objectUser`), all of
   * them or only those under a prefix. A prefix condition needs uniform bucket-level access (the
   * buckets the environment creates have it).
   * @param member IAM principal; public principals are refused
   * @param id construct ID of the grant @default derived from the member
   * @param condition the object name prefix the grant is limited to @default - every object
   */
  public grantReadWrite(member: string, id?: string, condition?: ObjectPrefixCondition): StorageBucketIamMember {
    return this.grant('roles/storage.objectUser', member, id, condition);
  }

  private grant(role: string, member: string, id: string | undefined, condition?: ObjectPrefixCondition): StorageBucketIamMember {
    checkArgument(this, 'member', member, STRING);
    check(this, 'member', member, iamMember);
    check(this, 'condition.prefix', condition?.prefix, (v) => /^[A-Za-z0-9._\/-]+$/.test(v) ? undefined : 'must be an object name prefix of letters, digits, ".", "_", "-" and "/"');
    return new StorageBucketIamMember(this, id ?? grantId(this, role, member), {
      bucket: this.bucketName,
      role,
      member,
      condition: condition && {
        title: condition.title,
        // Object names in IAM conditions: projects/_/buckets/BUCKET/objects/NAME.
        expression: `resource.name.startsWith("projects/_/buckets/${this.bucketName}/objects/${condition.prefix}")`,
      },
    });
  }
}

/** One key per distinct condition, whatever the order its fields were given in. */
function conditionKey(condition: PrefixRuleCondition): string {
  return JSON.stringify([condition.withState, condition.age ?? -1, condition.numNewerVersions ?? -1, condition.daysSinceNoncurrentTime ?? -1]);
}
