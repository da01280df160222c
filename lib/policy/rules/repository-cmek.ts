import { kmsKeyProblem } from '../inspect';
import { PolicyRule, PolicySubject } from '../rule';

/** VT-CMEK-2: every Artifact Registry repository encrypts with a customer-managed key. */
export class RepositoryCmekRule extends PolicyRule {
  public readonly id = 'VT-CMEK-2';
  public readonly description = 'Artifact Registry repositories encrypt with a customer-managed key (CMEK)';
  public readonly fix = 'set kmsKeyName to a Cloud KMS key in the repository\'s region that the Artifact Registry service agent may use (TrainingEnvironment repositories do); it can only be set when the repository is created';
  public readonly resourceTypes = ['google_artifact_registry_repository'];

  public check(subject: PolicySubject): string[] {
    const problem = kmsKeyProblem(subject.config.kms_key_name, 'kms_key_name');
    return problem ? [problem] : [];
  }
}
