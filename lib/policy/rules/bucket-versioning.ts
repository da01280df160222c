import { at, isToken } from '../inspect';
import { PolicyRule, PolicySubject } from '../rule';

/** VT-GCS-3: buckets keep object versions, so an overwrite or a delete can be undone. */
export class BucketVersioningRule extends PolicyRule {
  public readonly id = 'VT-GCS-3';
  public readonly description = 'Cloud Storage buckets keep object versions (an overwrite or delete can be undone)';
  public readonly fix = 'set versioning: { enabled: true } (add a lifecycle rule on noncurrent versions to bound their cost)';
  public readonly resourceTypes = ['google_storage_bucket'];

  public check(subject: PolicySubject): string[] {
    const value = at(subject.config, 'versioning.enabled');
    if (value === true || isToken(value)) return [];
    return [value === undefined ? 'versioning.enabled is not set' : `versioning.enabled is ${JSON.stringify(value)}`];
  }
}
