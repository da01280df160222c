import { isToken } from '../inspect';
import { PolicyRule, PolicySubject } from '../rule';

/** VT-GCS-1: buckets use uniform bucket-level access (IAM only, no object ACLs). */
export class BucketUniformAccessRule extends PolicyRule {
  public readonly id = 'VT-GCS-1';
  public readonly description = 'Cloud Storage buckets use uniform bucket-level access (IAM only, no object ACLs)';
  public readonly fix = 'set uniformBucketLevelAccess: true';
  public readonly resourceTypes = ['google_storage_bucket'];

  public check(subject: PolicySubject): string[] {
    const value = subject.config.uniform_bucket_level_access;
    if (value === true || isToken(value)) return [];
    return [value === undefined ? 'uniform_bucket_level_access is not set (object ACLs stay possible)' : `uniform_bucket_level_access is ${JSON.stringify(value)}`];
  }
}
