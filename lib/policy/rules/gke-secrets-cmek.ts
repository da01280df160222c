import { GKE_CLUSTER } from '../gke-nodes';
import { at, isSet, isToken, kmsKeyProblem } from '../inspect';
import { PolicyRule, PolicySubject } from '../rule';

/** VT-GKE-2: GKE clusters encrypt Kubernetes Secrets at the application layer with a customer-managed key. */
export class GkeSecretsCmekRule extends PolicyRule {
  public readonly id = 'VT-GKE-2';
  public readonly description = 'GKE clusters encrypt Kubernetes Secrets in etcd with a customer-managed key (application-layer Secrets encryption)';
  public readonly fix = 'set database_encryption { state = "ENCRYPTED", key_name = <a key in the cluster\'s region the Kubernetes Engine Service Agent may use> } (GkeTrainingCluster does)';
  public readonly resourceTypes = [GKE_CLUSTER];

  public check(subject: PolicySubject): string[] {
    const state = at(subject.config, 'database_encryption.state');
    if (!isSet(state)) return ['database_encryption.state is not set: Secrets are encrypted with Google-managed keys only'];
    if (!isToken(state) && state !== 'ENCRYPTED') return [`database_encryption.state is ${JSON.stringify(state)}, not "ENCRYPTED"`];
    const problem = kmsKeyProblem(at(subject.config, 'database_encryption.key_name'), 'database_encryption.key_name');
    return problem ? [problem] : [];
  }
}
