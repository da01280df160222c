import { TerraformStack } from 'cdktf';
import { IConstruct } from 'constructs';
import { ContainerCluster, ContainerClusterConfig } from '@cdktf/provider-google/lib/container-cluster';
import { ContainerNodePool, ContainerNodePoolNodeConfig } from '@cdktf/provider-google/lib/container-node-pool';

/** A literal Cloud KMS key name. */
const KEY = 'projects/acme-ml/locations/us-central1/keyRings/ring/cryptoKeys/key';
const NODES = 'gke-nodes@acme-ml.iam.gserviceaccount.com';

/** Node settings that comply with every GKE rule, with `overrides` applied. */
export function compliantNodeConfig(overrides: Partial<ContainerNodePoolNodeConfig> = {}): ContainerNodePoolNodeConfig {
  return { serviceAccount: NODES, bootDiskKmsKey: KEY, workloadMetadataConfig: { mode: 'GKE_METADATA' }, ...overrides };
}

/** A cluster that complies with every rule (DNS endpoint only), with `overrides` applied to its props. */
export function compliantCluster(scope: TerraformStack, id: string, overrides: Partial<ContainerClusterConfig> = {}): ContainerCluster {
  return new ContainerCluster(scope, id, {
    name: id,
    location: 'us-central1',
    removeDefaultNodePool: true,
    initialNodeCount: 1,
    nodeConfig: compliantNodeConfig(),
    privateClusterConfig: { enablePrivateNodes: true },
    controlPlaneEndpointsConfig: { dnsEndpointConfig: { allowExternalTraffic: true }, ipEndpointsConfig: { enabled: false } },
    workloadIdentityConfig: { workloadPool: 'acme-ml.svc.id.goog' },
    databaseEncryption: { state: 'ENCRYPTED', keyName: KEY },
    ...overrides,
  });
}

/** A node pool that complies with every rule, its node settings overridden by `nodeConfig`. */
export function compliantNodePool(scope: TerraformStack, id: string, nodeConfig: ContainerNodePoolNodeConfig = compliantNodeConfig()): ContainerNodePool {
  return new ContainerNodePool(scope, id, { name: id, cluster: 'projects/acme-ml/locations/us-central1/clusters/c', location: 'us-central1', nodeConfig });
}

/** A configuration that breaks one GKE rule, in the shape of test/policy/rules.test.ts's cases. */
export interface GkeBrokenCase {
  /** Rule the configuration breaks (and no other). */
  readonly rule: string;
  readonly name: string;
  /** Builds the broken configuration and returns the construct the finding must name. */
  readonly build: (stack: TerraformStack) => IConstruct;
  /** What the problem must say. */
  readonly problem: RegExp;
}

const PUBLIC_IP = { privateClusterConfig: { enablePrivateNodes: true, enablePrivateEndpoint: false }, controlPlaneEndpointsConfig: { ipEndpointsConfig: { enabled: true } } };

/** One or more broken configurations per GKE cluster rule (VT-GKE-1 to VT-GKE-5). */
export const GKE_CLUSTER_BROKEN: GkeBrokenCase[] = [
  {
    rule: 'VT-GKE-1', name: 'a node pool whose boot disks use Google-managed keys',
    build: (s) => compliantNodePool(s, 'gpu', compliantNodeConfig({ bootDiskKmsKey: undefined })), problem: /node_config\.boot_disk_kms_key is not set/,
  },
  {
    rule: 'VT-GKE-1', name: 'a cluster whose default pool has no disk key',
    build: (s) => compliantCluster(s, 'plain', { nodeConfig: compliantNodeConfig({ bootDiskKmsKey: undefined }) }), problem: /^node_config\.boot_disk_kms_key is not set/,
  },
  {
    rule: 'VT-GKE-1', name: 'a cluster whose inline pool has a key that is not a KMS key name',
    build: (s) => compliantCluster(s, 'inline', { nodePool: [{ name: 'p', nodeConfig: compliantNodeConfig({ bootDiskKmsKey: 'my-key' }) }] }),
    problem: /node_pool\[0\]\.node_config\.boot_disk_kms_key "my-key" is not a Cloud KMS key name/,
  },
  { rule: 'VT-GKE-2', name: 'a cluster without application-layer Secrets encryption', build: (s) => compliantCluster(s, 'etcd', { databaseEncryption: undefined }), problem: /database_encryption\.state is not set/ },
  {
    rule: 'VT-GKE-2', name: 'a cluster whose Secrets encryption is DECRYPTED',
    build: (s) => compliantCluster(s, 'etcd', { databaseEncryption: { state: 'DECRYPTED' } }), problem: /database_encryption\.state is "DECRYPTED", not "ENCRYPTED"/,
  },
  {
    rule: 'VT-GKE-3', name: 'a public IP endpoint without authorized networks',
    build: (s) => compliantCluster(s, 'open', PUBLIC_IP), problem: /the IP endpoint is public and master_authorized_networks_config is not set/,
  },
  {
    rule: 'VT-GKE-3', name: 'a public IP endpoint (the provider\'s default) authorizing 0.0.0.0/0',
    build: (s) => compliantCluster(s, 'world', {
      privateClusterConfig: { enablePrivateNodes: true }, controlPlaneEndpointsConfig: undefined,
      masterAuthorizedNetworksConfig: { cidrBlocks: [{ cidrBlock: '0.0.0.0/0' }] },
    }),
    problem: /cidr_blocks includes 0\.0\.0\.0\/0, the whole internet/,
  },
  {
    rule: 'VT-GKE-3', name: 'a public IP endpoint open to every Google Cloud address',
    build: (s) => compliantCluster(s, 'gcp', { ...PUBLIC_IP, masterAuthorizedNetworksConfig: { gcpPublicCidrsAccessEnabled: true, cidrBlocks: [{ cidrBlock: '203.0.113.0/24' }] } }),
    problem: /gcp_public_cidrs_access_enabled is true/,
  },
  {
    rule: 'VT-GKE-4', name: 'a cluster without a workload pool',
    build: (s) => compliantCluster(s, 'nowi', { workloadIdentityConfig: undefined }), problem: /workload_identity_config\.workload_pool is not set/,
  },
  {
    rule: 'VT-GKE-4', name: 'a node pool that exposes the node\'s metadata server',
    build: (s) => compliantNodePool(s, 'meta', compliantNodeConfig({ workloadMetadataConfig: { mode: 'GCE_METADATA' } })),
    problem: /node_config\.workload_metadata_config\.mode is "GCE_METADATA", not "GKE_METADATA"/,
  },
  {
    rule: 'VT-GKE-4', name: 'a node pool that leaves the metadata mode unset',
    build: (s) => compliantNodePool(s, 'meta', compliantNodeConfig({ workloadMetadataConfig: undefined })), problem: /workload_metadata_config\.mode is not set/,
  },
  {
    rule: 'VT-GKE-5', name: 'a node pool without a service account (the Compute Engine default)',
    build: (s) => compliantNodePool(s, 'anon', compliantNodeConfig({ serviceAccount: undefined })), problem: /node_config\.service_account is not set: the nodes run as the Compute Engine default/,
  },
  {
    rule: 'VT-GKE-5', name: 'a cluster whose default pool names the Compute Engine default service account',
    build: (s) => compliantCluster(s, 'dflt', { nodeConfig: compliantNodeConfig({ serviceAccount: '123456789012-compute@developer.gserviceaccount.com' }) }),
    problem: /node_config\.service_account 123456789012-compute@developer\.gserviceaccount\.com is the Compute Engine default service account/,
  },
  {
    rule: 'VT-GKE-5', name: 'a node pool naming the provider\'s "default" account',
    build: (s) => compliantNodePool(s, 'dflt', compliantNodeConfig({ serviceAccount: 'default' })), problem: /service_account default is the Compute Engine default/,
  },
];
