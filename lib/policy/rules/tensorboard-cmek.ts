import { at, kmsKeyProblem } from '../inspect';
import { PolicyRule, PolicySubject } from '../rule';

/** VT-CMEK-4: every Vertex AI TensorBoard encrypts with a customer-managed key. */
export class TensorboardCmekRule extends PolicyRule {
  public readonly id = 'VT-CMEK-4';
  public readonly description = 'Vertex AI TensorBoards encrypt with a customer-managed key (CMEK)';
  public readonly fix = 'set encryptionSpec.kmsKeyName to a Cloud KMS key in the TensorBoard\'s region that the Vertex AI service agent may use (the environment\'s TensorBoard does); it can only be set at creation';
  public readonly resourceTypes = ['google_vertex_ai_tensorboard'];

  public check(subject: PolicySubject): string[] {
    const problem = kmsKeyProblem(at(subject.config, 'encryption_spec.kms_key_name'), 'encryption_spec.kms_key_name');
    return problem ? [problem] : [];
  }
}
