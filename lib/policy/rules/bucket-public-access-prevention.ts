import { isToken } from '../inspect';
import { PolicyRule, PolicySubject } from '../rule';

/** VT-GCS-2: buckets enforce public access prevention. */
export class BucketPublicAccessPreventionRule extends PolicyRule {
  public readonly id = 'VT-GCS-2';
  public readonly description = 'Cloud Storage buckets enforce public access prevention';
  public readonly fix = 'set publicAccessPrevention: \'enforced\'';
  public readonly resourceTypes = ['google_storage_bucket'];

  public check(subject: PolicySubject): string[] {
    const value = subject.config.public_access_prevention;
    if (value === 'enforced' || isToken(value)) return [];
    return [value === undefined ? 'public_access_prevention is not set (it inherits the organization\'s setting)' : `public_access_prevention is ${JSON.stringify(value)}`];
  }
}
