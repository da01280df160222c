import { at, block, kmsKeyProblem } from '../inspect';
import { PolicyRule, PolicySubject, VERTEX_REQUEST_TYPE } from '../rule';

/** VT-CMEK-3: every Vertex AI custom job, tuning job and training pipeline runs with a customer-managed key. */
export class JobCmekRule extends PolicyRule {
  public readonly id = 'VT-CMEK-3';
  public readonly description = 'Vertex AI custom jobs, tuning jobs and training pipelines encrypt with a customer-managed key (CMEK)';
  public readonly fix = 'set encryptionSpec.kmsKeyName in the request body to a Cloud KMS key in the job\'s region that the Vertex AI service agent may use (the library\'s jobs use the environment\'s Vertex AI key)';
  public readonly resourceTypes = [VERTEX_REQUEST_TYPE];

  public check(subject: PolicySubject): string[] {
    const kind = subject.jobKind ?? 'job';
    const problems: string[] = [];
    const own = kmsKeyProblem(at(subject.config, 'encryptionSpec.kmsKeyName'), `${kind} encryptionSpec.kmsKeyName`);
    if (own) problems.push(own);
    // A pipeline's model inherits the pipeline's key unless the model names its own encryption.
    const modelEncryption = block(subject.config.modelToUpload)?.encryptionSpec;
    if (modelEncryption !== undefined) {
      const model = kmsKeyProblem(at(block(subject.config.modelToUpload), 'encryptionSpec.kmsKeyName'), 'modelToUpload.encryptionSpec.kmsKeyName');
      if (model) problems.push(model);
    }
    return problems;
  }
}
