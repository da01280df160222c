import { GKE_CLUSTER, GKE_NODE_POOL, nodeSettingsOf } from '../gke-nodes';
import { isSet, isToken } from '../inspect';
import { PolicyRule, PolicySubject } from '../rule';

/** The Compute Engine default service account, or the provider's `default` alias for it. */
function isDefaultAccount(email: string): boolean {
  return email === 'default' || /-compute@developer\.gserviceaccount\.com$/.test(email.replace(/^serviceAccount:/, ''));
}

/** VT-GKE-5: GKE nodes run as a dedicated service account, never the Compute Engine default one. */
export class GkeNodeServiceAccountRule extends PolicyRule {
  public readonly id = 'VT-GKE-5';
  public readonly description = 'GKE nodes run as a dedicated least-privilege service account, not the Compute Engine default service account';
  public readonly fix = 'set node_config.service_account to a service account made for nodes (logging, monitoring, image pulls only); GkeTrainingCluster creates `<prefix>-gke-nodes`';
  public readonly resourceTypes = [GKE_CLUSTER, GKE_NODE_POOL];

  public check(subject: PolicySubject): string[] {
    return nodeSettingsOf(subject).flatMap(({ field, config }) => {
      const account = config?.service_account;
      if (!isSet(account)) return [`${field}.service_account is not set: the nodes run as the Compute Engine default service account`];
      if (isToken(account)) return [];
      return isDefaultAccount(String(account)) ? [`${field}.service_account ${account} is the Compute Engine default service account`] : [];
    });
  }
}
