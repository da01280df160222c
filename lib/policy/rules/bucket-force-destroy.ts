import { PolicyRule, PolicySubject } from '../rule';

/** VT-GCS-4: no bucket is force-destroyed with its objects. */
export class BucketForceDestroyRule extends PolicyRule {
  public readonly id = 'VT-GCS-4';
  public readonly description = 'Cloud Storage buckets are never destroyed together with their objects (no force_destroy)';
  public readonly fix = 'set forceDestroy: false (empty the bucket deliberately before removing it)';
  public readonly resourceTypes = ['google_storage_bucket'];

  public check(subject: PolicySubject): string[] {
    const value = subject.config.force_destroy;
    return value === true || value === 'true' ? ['force_destroy is true: terraform destroy deletes every object'] : [];
  }
}
