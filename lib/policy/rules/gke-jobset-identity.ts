import { block, isSet, isToken } from '../inspect';
import { podSpecsOf } from '../jobset-template';
import { JOBSET_TEMPLATE_TYPE, PolicyRule, PolicySubject } from '../rule';

/**
 * VT-GKE-7: a GKE job's JobSet runs in a named team namespace, and the pods of every replicated job
 * run as a dedicated Kubernetes service account (Workload Identity maps it to the team's trainer)
 * without a mounted Kubernetes API token. A pod of the namespace's `default` account shares its
 * identity with everything else deployed there; a mounted token lets training code call the
 * Kubernetes API, which it never needs.
 */
export class GkeJobSetIdentityRule extends PolicyRule {
  public readonly id = 'VT-GKE-7';
  public readonly description = 'GKE JobSets run in a team namespace, their pods as a dedicated Kubernetes service account without a mounted API token';
  public readonly fix = 'declare the job with backend: TrainingBackend.gke(queues) and a team (its JobSet runs in the team\'s namespace as the KSA "trainer"); in a JobSet of your own set metadata.namespace, serviceAccountName to a KSA bound to a Google service account, and automountServiceAccountToken: false in every pod template';
  public readonly resourceTypes = [JOBSET_TEMPLATE_TYPE];

  public check(subject: PolicySubject): string[] {
    const problems: string[] = [];
    const metadata = subject.config.metadata;
    if (!isToken(metadata)) {
      const namespace = block(metadata)?.namespace;
      if (!isSet(namespace)) problems.push('metadata.namespace is not set: the JobSet takes the namespace of whatever request creates it, and no reviewer sees whose quotas and isolation apply');
      else if (namespace === 'default') problems.push('metadata.namespace is "default": not a team namespace, so neither its quotas nor its isolation apply');
    }
    for (const pod of podSpecsOf(subject.config)) {
      // `serviceAccount` is the deprecated alias Kubernetes still honours when the name is unset.
      const account = isSet(pod.spec.serviceAccountName) ? pod.spec.serviceAccountName : pod.spec.serviceAccount;
      const field = isSet(pod.spec.serviceAccountName) || !isSet(pod.spec.serviceAccount) ? `${pod.field}.serviceAccountName` : `${pod.field}.serviceAccount`;
      if (!isSet(account)) problems.push(`${field} is not set: the pods run as the namespace's "default" service account`);
      else if (account === 'default') problems.push(`${field} is "default": a service account every other workload of the namespace shares`);
      const automount = pod.spec.automountServiceAccountToken;
      if (automount !== false && !isToken(automount)) {
        problems.push(`${pod.field}.automountServiceAccountToken is ${automount === undefined ? 'not set' : JSON.stringify(automount)}: the pods get a Kubernetes API token (false is needed)`);
      }
    }
    return problems;
  }
}
