import { GKE_CLUSTER, GKE_NODE_POOL, nodeSettingsOf } from '../gke-nodes';
import { at, isSet, isToken } from '../inspect';
import { PolicyRule, PolicySubject } from '../rule';

/**
 * VT-GKE-4: Workload Identity is on: the cluster has a workload pool and every node pool serves
 * pods GKE's metadata server (`GKE_METADATA`), so pods get their Kubernetes service account's
 * identity, never the node's.
 */
export class GkeWorkloadIdentityRule extends PolicyRule {
  public readonly id = 'VT-GKE-4';
  public readonly description = 'GKE Workload Identity is on: the cluster has a workload pool and node pools use the GKE metadata server';
  public readonly fix = 'set workload_identity_config.workload_pool = "<project>.svc.id.goog" on the cluster and node_config.workload_metadata_config.mode = "GKE_METADATA" on every node pool (GkeTrainingCluster and GkeNodePool do)';
  public readonly resourceTypes = [GKE_CLUSTER, GKE_NODE_POOL];

  public check(subject: PolicySubject): string[] {
    const problems: string[] = [];
    const autopilot = subject.config.enable_autopilot === true;
    if (subject.resourceType === GKE_CLUSTER && !autopilot && !isSet(at(subject.config, 'workload_identity_config.workload_pool'))) {
      problems.push('workload_identity_config.workload_pool is not set: pods can read the node\'s credentials from the metadata server');
    }
    if (autopilot) return problems;
    for (const { field, config } of nodeSettingsOf(subject)) {
      const mode = at(config, 'workload_metadata_config.mode');
      // A cluster's default pool inherits GKE_METADATA from the workload pool when it says nothing.
      if (!isSet(mode) && subject.resourceType === GKE_CLUSTER && field === 'node_config') continue;
      if (!isSet(mode)) problems.push(`${field}.workload_metadata_config.mode is not set (GKE_METADATA is needed)`);
      else if (!isToken(mode) && mode !== 'GKE_METADATA') problems.push(`${field}.workload_metadata_config.mode is ${JSON.stringify(mode)}, not "GKE_METADATA"`);
    }
    return problems;
  }
}
