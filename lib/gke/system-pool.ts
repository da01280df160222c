import { ITerraformDependable } from 'cdktf';
import { Construct } from 'constructs';
import type { ContainerNodePool } from '@cdktf/provider-google/lib/container-node-pool';
import { lazy } from '../core/lazy';
import { SYSTEM_POOL_LABEL, SYSTEM_POOL_NAME } from '../spec/gke/labels';

const google = lazy({
  ContainerNodePool: (): typeof ContainerNodePool => require('@cdktf/provider-google/lib/container-node-pool').ContainerNodePool,
});

/** What {@link systemNodePool} builds from. */
export interface SystemPoolInputs {
  readonly projectId: string;
  readonly location: string;
  /** The cluster's ID (`projects/P/locations/L/clusters/C`). */
  readonly clusterId: string;
  readonly machineType: string;
  readonly minNodes: number;
  readonly maxNodes: number;
  readonly serviceAccountEmail: string;
  readonly bootDiskKmsKey: string;
  readonly resourceLabels: { [key: string]: string };
  readonly dependsOn: ITerraformDependable[];
}

/**
 * The cluster's own small pool, so that the default node pool can be removed (cluster-toolkit's
 * gke-cluster module does the same: node pools separate from the cluster, so that changing one never
 * replaces the cluster) and the add-on controllers have nodes that exist when the accelerator pools
 * have scaled to zero. GPU and TPU nodes carry GKE's `nvidia.com/gpu` and `google.com/tpu` taints,
 * which keep these controllers off them; this pool has no taint.
 */
export function systemNodePool(scope: Construct, id: string, i: SystemPoolInputs): ContainerNodePool {
  return new google.ContainerNodePool(scope, id, {
    project: i.projectId,
    location: i.location,
    cluster: i.clusterId,
    name: SYSTEM_POOL_NAME,
    initialNodeCount: 1,
    autoscaling: { totalMinNodeCount: i.minNodes, totalMaxNodeCount: i.maxNodes, locationPolicy: 'BALANCED' },
    management: { autoRepair: true, autoUpgrade: true },
    upgradeSettings: { maxSurge: 1, maxUnavailable: 0, strategy: 'SURGE' },
    nodeConfig: {
      machineType: i.machineType,
      diskType: 'pd-balanced',
      diskSizeGb: 100,
      imageType: 'COS_CONTAINERD',
      serviceAccount: i.serviceAccountEmail,
      oauthScopes: ['https://www.googleapis.com/auth/cloud-platform'],
      bootDiskKmsKey: i.bootDiskKmsKey,
      workloadMetadataConfig: { mode: 'GKE_METADATA' },
      shieldedInstanceConfig: { enableSecureBoot: true, enableIntegrityMonitoring: true },
      metadata: { 'disable-legacy-endpoints': 'true' },
      labels: { [SYSTEM_POOL_LABEL.key]: SYSTEM_POOL_LABEL.value },
      resourceLabels: i.resourceLabels,
    },
    dependsOn: i.dependsOn,
  });
}
