import { at, kmsKeyProblem } from '../inspect';
import { PolicyRule, PolicySubject } from '../rule';

/** VT-CMEK-1: every Cloud Storage bucket encrypts with a customer-managed key by default. */
export class BucketCmekRule extends PolicyRule {
  public readonly id = 'VT-CMEK-1';
  public readonly description = 'Cloud Storage buckets encrypt with a customer-managed key (CMEK) by default';
  public readonly fix = 'set encryption.defaultKmsKeyName to a Cloud KMS key in the bucket\'s region that the Cloud Storage service agent may use (TrainingEnvironment buckets do)';
  public readonly resourceTypes = ['google_storage_bucket'];

  public check(subject: PolicySubject): string[] {
    const problem = kmsKeyProblem(at(subject.config, 'encryption.default_kms_key_name'), 'encryption.default_kms_key_name');
    return problem ? [problem] : [];
  }
}
