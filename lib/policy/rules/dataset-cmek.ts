import { at, kmsKeyProblem } from '../inspect';
import { PolicyRule, PolicySubject } from '../rule';

/** VT-CMEK-5: every Vertex AI managed dataset encrypts with a customer-managed key. */
export class DatasetCmekRule extends PolicyRule {
  public readonly id = 'VT-CMEK-5';
  public readonly description = 'Vertex AI datasets encrypt with a customer-managed key (CMEK)';
  public readonly fix = 'set encryptionSpec.kmsKeyName to a Cloud KMS key in the dataset\'s region that the Vertex AI service agent may use (datasets a TrainingPipeline creates do); it can only be set at creation';
  public readonly resourceTypes = ['google_vertex_ai_dataset'];

  public check(subject: PolicySubject): string[] {
    const problem = kmsKeyProblem(at(subject.config, 'encryption_spec.kms_key_name'), 'encryption_spec.kms_key_name');
    return problem ? [problem] : [];
  }
}
