import { at, kmsKeyProblem } from '../inspect';
import { PolicyRule, PolicySubject } from '../rule';

/** VT-CMEK-6: every Vertex AI metadata store (Experiments, pipelines' lineage) encrypts with a customer-managed key. */
export class MetadataStoreCmekRule extends PolicyRule {
  public readonly id = 'VT-CMEK-6';
  public readonly description = 'Vertex AI metadata stores encrypt with a customer-managed key (CMEK)';
  public readonly fix = 'set encryptionSpec.kmsKeyName to a Cloud KMS key in the store\'s region that the Vertex AI service agent may use (the environment\'s metadata store does); it can only be set at creation, before anything uses the store';
  public readonly resourceTypes = ['google_vertex_ai_metadata_store'];

  public check(subject: PolicySubject): string[] {
    const problem = kmsKeyProblem(at(subject.config, 'encryption_spec.kms_key_name'), 'encryption_spec.kms_key_name');
    return problem ? [problem] : [];
  }
}
