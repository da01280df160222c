import { GKE_CLUSTER, GKE_NODE_POOL, nodeSettingsOf } from '../gke-nodes';
import { kmsKeyProblem } from '../inspect';
import { PolicyRule, PolicySubject } from '../rule';

/** VT-GKE-1: GKE node boot disks encrypt with a customer-managed key. */
export class GkeBootDiskCmekRule extends PolicyRule {
  public readonly id = 'VT-GKE-1';
  public readonly description = 'GKE node boot disks encrypt with a customer-managed key (CMEK), the default pool\'s included';
  public readonly fix = 'set node_config.boot_disk_kms_key to a key in the cluster\'s region that the Compute Engine Service Agent may use (GkeTrainingCluster and its node pools use bootDiskKey)';
  public readonly resourceTypes = [GKE_CLUSTER, GKE_NODE_POOL];

  public check(subject: PolicySubject): string[] {
    return nodeSettingsOf(subject).flatMap(({ field, config }) => {
      const problem = kmsKeyProblem(config?.boot_disk_kms_key, `${field}.boot_disk_kms_key`);
      return problem ? [problem] : [];
    });
  }
}
