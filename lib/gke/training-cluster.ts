import { Aspects, ITerraformDependable } from 'cdktf';
import { Construct } from 'constructs';
import type { ContainerCluster } from '@cdktf/provider-google/lib/container-cluster';
import type { ContainerNodePool } from '@cdktf/provider-google/lib/container-node-pool';
import type { DataGoogleContainerCluster } from '@cdktf/provider-google/lib/data-google-container-cluster';
import { GkeClusterEncryption } from './cluster-encryption';
import { launcherClusterAccess } from './cluster-access';
import { GkeMaintenanceWindow, GkeSystemPoolOptions } from './cluster-options';
import { clusterProblems, maintenanceProblems } from './cluster-validation';
import { GkeNodeIdentity } from './node-identity';
import type { GkeNodePool, GkeNodePoolOptions } from './node-pool';
import { systemNodePool } from './system-pool';
import { requireSameStack } from './stack-order';
import { GKE_CLUSTER_BRAND } from '../core/construct-brand';
import { lazy } from '../core/lazy';
import { FieldProblem, literal, problemsOf, throwProblems } from '../core/validation';
import { ApiDependencies } from '../environment/api-dependencies';
import { EncryptionKey } from '../environment/encryption';
import { ServiceAccountOptions, TrainingServiceAccount } from '../environment/identity';
import { claimResourceNames } from '../environment/name-registry';
import { ProjectRoleGrant } from '../environment/roles';
import { TrainingEnvironment } from '../environment/training-environment';
import { PropagationWait } from '../launch/propagation-wait';
import { cidr, privateCidr } from '../rules/network';
import { parseCryptoKeyName, regionalName } from '../rules/resource-names';
import { checkInput } from '../core/field-types';
import { GKE_TRAINING_CLUSTER_PROPS } from '../core/input-types';

export * from './cluster-encryption';
export * from './cluster-options';
export * from './node-identity';

/** What only stacks with a cluster load (lib/core/lazy.ts): the package index loads this module for every program. */
const load = lazy({
  ContainerCluster: (): typeof ContainerCluster => require('@cdktf/provider-google/lib/container-cluster').ContainerCluster,
  DataGoogleContainerCluster: (): typeof DataGoogleContainerCluster => require('@cdktf/provider-google/lib/data-google-container-cluster').DataGoogleContainerCluster,
  GkeNodePool: (): typeof GkeNodePool => require('./node-pool').GkeNodePool,
});

/** GKE release channels: how soon a cluster gets new Kubernetes versions. */
export enum GkeReleaseChannel {
  /** Newest versions first, a few weeks after upstream; the least tested. */
  RAPID = 'RAPID',
  /** Versions proven in RAPID for a few months: the balance most clusters choose. */
  REGULAR = 'REGULAR',
  /** Versions proven in REGULAR: the slowest, for clusters that value stability most. */
  STABLE = 'STABLE',
}

/** Default pods range of a cluster: a /14 holds 1,024 nodes at GKE's 110 pods per node. */
export const DEFAULT_PODS_CIDR = '10.20.0.0/14';
/** Default services range of a cluster: 4,096 Kubernetes Services. */
export const DEFAULT_SERVICES_CIDR = '10.24.0.0/20';

/** Properties of a {@link GkeTrainingCluster}. */
export interface GkeTrainingClusterProps {
  /**
   * The environment the cluster serves: its project, region, network, keys, perimeter, labels and
   * APIs. The cluster is declared in the environment's stack (the platform stack).
   */
  readonly environment: TrainingEnvironment;
  /**
   * Name of the cluster to create (1-40 lowercase letters, digits or hyphens).
   * @default `<prefix>-training`
   */
  readonly clusterName?: string;
  /**
   * Import this existing regional cluster of the environment's project and region instead of
   * creating one (read with a data source). Node pools can still be added to it; its owner keeps its
   * network, endpoints and encryption. It must have Workload Identity on and a DNS endpoint that
   * allows external traffic, which the add-ons stack and the launcher reach it through.
   * @default - a cluster is created
   */
  readonly existingClusterName?: string;
  /**
   * Release channel of a created cluster.
   * @default GkeReleaseChannel.REGULAR
   */
  readonly releaseChannel?: GkeReleaseChannel;
  /**
   * CIDRs allowed to reach the control plane's IP endpoint. With none, the IP endpoint is turned off
   * and the control plane is reached only through its DNS-based endpoint, which IAM authorizes
   * (`container.clusters.connect`): no address list to maintain, no route to private IPs needed.
   * Private ranges (the default, with a private IP endpoint) or, with `publicEndpoint`, public ones;
   * never `0.0.0.0/0`.
   * @default - none: DNS endpoint only
   */
  readonly authorizedNetworks?: string[];
  /**
   * Whether the IP endpoint has a public address (reachable from `authorizedNetworks` on the
   * internet). Refused without `authorizedNetworks`.
   * @default false
   */
  readonly publicEndpoint?: boolean;
  /**
   * Whether Terraform refuses to destroy the cluster (`deletion_protection`).
   * @default true
   */
  readonly deletionProtection?: boolean;
  /**
   * Subnet of the nodes: required when the environment's network is imported
   * (`network.existingNetworkName`), a name or self link in the environment's region.
   * @default - the environment's subnet
   */
  readonly subnetwork?: string;
  /**
   * Range of the pods (a /9 to /21), added to the environment's subnet as the secondary range
   * `<clusterName>-pods`; with an imported network (or `subnetwork`) GKE creates the secondary range from it.
   * @default '10.20.0.0/14'
   */
  readonly podsCidr?: string;
  /**
   * Range of the Kubernetes Services (a /16 to /27), added like `podsCidr` as `<clusterName>-services`.
   * @default '10.24.0.0/20'
   */
  readonly servicesCidr?: string;
  /**
   * Name of an existing secondary range of the subnet for the pods (with `servicesRangeName`),
   * instead of `podsCidr`.
   * @default - a range from podsCidr
   */
  readonly podsRangeName?: string;
  /**
   * Name of an existing secondary range of the subnet for the Services (with `podsRangeName`).
   * @default - a range from servicesCidr
   */
  readonly servicesRangeName?: string;
  /**
   * The system node pool of a created cluster, where Kueue, JobSet and GKE's own controllers run.
   * @default - e2-standard-4 nodes, 1 to 3 across the region
   */
  readonly systemPool?: GkeSystemPoolOptions;
  /**
   * The identity of the cluster's nodes (never the Compute Engine default service account).
   * @default - a service account `<prefix>-gke-nodes`
   */
  readonly nodeServiceAccount?: ServiceAccountOptions;
  /**
   * A key of your own for application-layer Secrets encryption
   * (`projects/P/locations/REGION/keyRings/R/cryptoKeys/K`, in the environment's region).
   * @default - a key `<prefix>-gke-secrets` in the environment's key ring
   */
  readonly secretsKeyName?: string;
  /**
   * A key of your own for the nodes' boot disks (same format and region rule).
   * @default - a key `<prefix>-gke-disks` in the environment's key ring
   */
  readonly bootDiskKeyName?: string;
  /**
   * When GKE may upgrade and repair the control plane and nodes of a created cluster. Upgrades
   * drain nodes, which ends the training pods on them: keep the window outside training hours.
   * @default - GKE chooses
   */
  readonly maintenanceWindow?: GkeMaintenanceWindow;
}

/** The options the owner of an imported cluster chose, which would not apply to it. */
const CREATED_ONLY = [
  'authorizedNetworks', 'publicEndpoint', 'deletionProtection', 'releaseChannel', 'maintenanceWindow', 'subnetwork',
  'podsCidr', 'servicesCidr', 'podsRangeName', 'servicesRangeName', 'systemPool', 'secretsKeyName',
] as const;

function createdOnlyProblems(props: GkeTrainingClusterProps): FieldProblem[] {
  return CREATED_ONLY.filter((field) => props[field] !== undefined)
    .map((field) => ({ field, value: props[field], allowed: 'only applies to a cluster this construct creates, not to existingClusterName' }));
}

/** Monitoring components: GKE's system metrics and the NVIDIA DCGM GPU metrics (through Managed Prometheus). */
export const CLUSTER_MONITORING_COMPONENTS: readonly string[] = ['SYSTEM_COMPONENTS', 'DCGM'];
/** Logging components: system logs and the training pods' own logs. */
export const CLUSTER_LOGGING_COMPONENTS: readonly string[] = ['SYSTEM_COMPONENTS', 'WORKLOADS'];

/**
 * A regional GKE Standard cluster for training, in the environment's project, region and network
 * (or an existing one, imported): private nodes, a control plane reached through its IAM-authorized
 * DNS endpoint, Workload Identity, GKE Dataplane V2 (NetworkPolicy enforcement between team
 * namespaces), CMEK for Secrets and node boot disks, Managed Prometheus with DCGM GPU metrics, a
 * dedicated node service account, and a small system node pool for the add-ons. Accelerator pools
 * are added with {@link addNodePool}.
 *
 * @example
 * const cluster = new GkeTrainingCluster(platform, 'gke', { environment: env });
 * cluster.addNodePool('h100-spot', { pool: WorkerPool.gpu({ gpuType: GpuType.NVIDIA_H100_80GB, gpusPerReplica: 8 }), maxNodes: 4 });
 */
export class GkeTrainingCluster extends Construct {
  /** The created cluster; undefined when imported. */
  public readonly cluster?: ContainerCluster;
  /** The imported cluster, read by name; undefined when created. */
  public readonly clusterData?: DataGoogleContainerCluster;
  /** The cluster's name (a literal, known at synth). */
  public readonly clusterName: string;
  /** The cluster's location: the environment's region. */
  public readonly location: string;
  /** The cluster's project: the environment's. */
  public readonly projectId: string;
  /** The environment the cluster serves. */
  public readonly environment: TrainingEnvironment;
  /** `projects/PROJECT/locations/REGION/clusters/NAME` (node pools name their cluster by it). */
  public readonly clusterId: string;
  /** The DNS-based control plane endpoint's host (`gke-<id>.<region>.gke.goog`; a token). */
  public readonly dnsEndpoint: string;
  /** The Workload Identity pool: `<project>.svc.id.goog`. */
  public readonly workloadPool: string;
  /** The release channel of a created cluster; undefined when imported. */
  public readonly releaseChannel?: GkeReleaseChannel;
  /** The nodes' service account. */
  public readonly nodeServiceAccount: TrainingServiceAccount;
  /** The nodes' identity with its grants. */
  public readonly nodeIdentity: GkeNodeIdentity;
  /** The key of every node pool's boot disks. */
  public readonly bootDiskKey: EncryptionKey;
  /** The key of application-layer Secrets encryption; undefined when imported. */
  public readonly secretsKey?: EncryptionKey;
  /** The cluster's keys and the service agents' grants on them. */
  public readonly encryption: GkeClusterEncryption;
  /** The launcher's custom role to connect to the environment's clusters, and its grant. */
  public readonly launcherAccess: ProjectRoleGrant;
  /**
   * The wait for IAM propagation after the service agents' grants on the cluster's keys and the
   * nodes' grants: the cluster and every node pool are created after it (the environment's
   * `propagationDelay`), so that a first deploy does not reach GKE before the grants take effect.
   */
  public readonly grantsPropagated: PropagationWait;
  /** The system node pool of a created cluster; undefined when imported. */
  public readonly systemNodePool?: ContainerNodePool;
  /** The node pools added with {@link addNodePool}, in order. */
  public readonly nodePools: GkeNodePool[] = [];

  constructor(scope: Construct, id: string, props: GkeTrainingClusterProps) {
    super(scope, id);
    GKE_CLUSTER_BRAND.mark(this);
    checkInput(this, props, GKE_TRAINING_CLUSTER_PROPS);
    const env = props.environment;
    requireSameStack(this, env, 'GkeTrainingCluster', 'its keys, node identity and grants belong to the environment\'s platform stack');
    this.environment = env;
    // Every resource of the cluster (its pools' too) waits for the APIs its type calls.
    Aspects.of(this).add(new ApiDependencies(env.apis));
    this.projectId = env.projectId;
    this.location = env.region;
    this.workloadPool = `${env.projectId}.svc.id.goog`;
    const imported = props.existingClusterName !== undefined;
    this.clusterName = props.existingClusterName ?? props.clusterName ?? `${env.prefix}-training`;
    const network = env.network;
    const system = props.systemPool ?? {};
    throwProblems(this, [
      ...clusterProblems({
        clusterName: this.clusterName,
        existingClusterName: props.existingClusterName,
        hasNetwork: network !== undefined,
        createdNetwork: network?.subnet !== undefined,
        subnetwork: props.subnetwork,
        authorizedNetworks: props.authorizedNetworks ?? [],
        publicEndpoint: props.publicEndpoint ?? false,
        podsCidr: props.podsCidr ?? DEFAULT_PODS_CIDR,
        servicesCidr: props.servicesCidr ?? DEFAULT_SERVICES_CIDR,
        podsRangeName: props.podsRangeName,
        servicesRangeName: props.servicesRangeName,
        systemMachineType: system.machineType ?? 'e2-standard-4',
        systemMinNodes: system.minNodes ?? 1,
        systemMaxNodes: system.maxNodes ?? 3,
      }),
      ...(props.clusterName !== undefined && imported
        ? [{ field: 'clusterName', value: props.clusterName, allowed: 'cannot be combined with existingClusterName, which names the imported cluster' }]
        : []),
      ...(imported ? createdOnlyProblems(props) : []),
      ...maintenanceProblems(props.maintenanceWindow),
      ...this.networkRangeProblems(props),
      ...(['secretsKeyName', 'bootDiskKeyName'] as const).flatMap((field) =>
        problemsOf(field, props[field], (v) => regionalName(parseCryptoKeyName(v), 'projects/PROJECT/locations/REGION/keyRings/RING/cryptoKeys/KEY', literal(env.region)))),
    ]);

    const containerApi = env.apis.require('container.googleapis.com');
    const computeApi = env.apis.require('compute.googleapis.com');
    this.encryption = new GkeClusterEncryption(this, 'encryption', {
      environment: env,
      createsCluster: !imported,
      secretsKeyName: props.secretsKeyName,
      bootDiskKeyName: props.bootDiskKeyName,
    });
    this.bootDiskKey = this.encryption.bootDiskKey;
    this.secretsKey = this.encryption.secretsKey;
    this.nodeIdentity = new GkeNodeIdentity(this, 'nodes', { environment: env, account: props.nodeServiceAccount });
    this.nodeServiceAccount = this.nodeIdentity.account;
    this.launcherAccess = launcherClusterAccess(env);
    this.grantsPropagated = new PropagationWait(this, 'grants-propagated', { seconds: env._propagationSeconds });
    this.grantsPropagated.waitFor(...this.encryption.grants, ...this.nodeIdentity.grants);

    if (imported) {
      this.clusterData = new load.DataGoogleContainerCluster(this, 'cluster', {
        project: this.projectId,
        location: this.location,
        name: this.clusterName,
        dependsOn: containerApi,
        // What the add-ons stack and the launcher rely on, checked when the plan reads the cluster.
        lifecycle: {
          postcondition: [
            {
              condition: '${try(self.workload_identity_config[0].workload_pool, "") != ""}',
              errorMessage: `The GKE cluster ${this.clusterName} must have Workload Identity on (workload_pool "<project>.svc.id.goog"): training pods get their team's identity through it.`,
            },
            {
              condition: '${try(self.control_plane_endpoints_config[0].dns_endpoint_config[0].allow_external_traffic, false)}',
              errorMessage: `The GKE cluster ${this.clusterName} must allow external traffic on its DNS-based endpoint: the add-ons and workloads stacks and the launcher reach its API server there, authorized by IAM.`,
            },
          ],
        },
      });
      this.clusterId = `projects/${this.projectId}/locations/${this.location}/clusters/${this.clusterName}`;
      this.dnsEndpoint = this.clusterData.controlPlaneEndpointsConfig.get(0).dnsEndpointConfig.get(0).endpoint;
    } else {
      this.releaseChannel = props.releaseChannel ?? GkeReleaseChannel.REGULAR;
      const cluster = this.createCluster(props, [...containerApi, ...computeApi, this.grantsPropagated.sleep]);
      this.cluster = cluster;
      this.clusterId = cluster.id;
      this.dnsEndpoint = cluster.controlPlaneEndpointsConfig.dnsEndpointConfig.endpoint;
      this.systemNodePool = systemNodePool(this, 'system-pool', {
        projectId: this.projectId,
        location: this.location,
        clusterId: cluster.id,
        machineType: system.machineType ?? 'e2-standard-4',
        minNodes: system.minNodes ?? 1,
        maxNodes: system.maxNodes ?? 3,
        serviceAccountEmail: this.nodeServiceAccount.email,
        bootDiskKmsKey: this.bootDiskKey.keyName,
        resourceLabels: env.labels,
        dependsOn: [this.grantsPropagated.sleep],
      });
    }
    // Two clusters of one name in a project and region fail here, not at the second apply.
    throwProblems(this, claimResourceNames(this));
    if (this.systemNodePool) {
      // Its vCPUs at maxNodes count in the quota plan, like the accelerator pools' (CPUS, CPUS_ALL_REGIONS).
      env.quotas._addMachinePool(`${this.clusterName}/system`, system.machineType ?? 'e2-standard-4', system.maxNodes ?? 3);
    }
  }

  /**
   * What a node pool of this cluster waits for: the cluster (none for an imported one) and the wait
   * for the propagation of the Compute Engine agent's grant on the boot disk key and the nodes' grants.
   */
  public get clusterDependables(): ITerraformDependable[] {
    const wait = this.grantsPropagated.sleep;
    return this.cluster ? [this.cluster, wait] : [wait];
  }

  /**
   * Adds a node pool declared with a {@link WorkerPool} intent (see {@link GkeNodePool}).
   * @param id construct ID, and the pool's default name
   * @param options the pool's intent, provisioning and autoscaling bounds
   */
  public addNodePool(id: string, options: GkeNodePoolOptions): GkeNodePool {
    return new load.GkeNodePool(this, id, options);
  }

  private createCluster(props: GkeTrainingClusterProps, dependsOn: ITerraformDependable[]): ContainerCluster {
    const env = this.environment;
    const network = env.network!;
    const authorized = props.authorizedNetworks ?? [];
    const ipEndpoint = authorized.length > 0;
    return new load.ContainerCluster(this, 'cluster', {
      project: this.projectId,
      name: this.clusterName,
      location: this.location,
      description: `Training cluster of ${env.prefix} (managed by cdktf-vertex-training)`,
      resourceLabels: env.labels,
      deletionProtection: props.deletionProtection ?? true,
      // Node pools are separate resources: changing one never replaces the cluster.
      removeDefaultNodePool: true,
      initialNodeCount: 1,
      // The default pool lives minutes, but not as the Compute Engine default identity nor with
      // Google-managed disk keys (an org policy requiring CMEK would refuse it).
      nodeConfig: {
        serviceAccount: this.nodeServiceAccount.email,
        oauthScopes: ['https://www.googleapis.com/auth/cloud-platform'],
        bootDiskKmsKey: this.bootDiskKey.keyName,
        workloadMetadataConfig: { mode: 'GKE_METADATA' },
        shieldedInstanceConfig: { enableSecureBoot: true, enableIntegrityMonitoring: true },
      },
      network: network.networkId,
      subnetwork: props.subnetwork ?? network.subnet!.id,
      networkingMode: 'VPC_NATIVE',
      ipAllocationPolicy: this.ipAllocation(props),
      datapathProvider: 'ADVANCED_DATAPATH',
      enableShieldedNodes: true,
      privateClusterConfig: ipEndpoint ? { enablePrivateNodes: true, enablePrivateEndpoint: !(props.publicEndpoint ?? false) } : { enablePrivateNodes: true },
      controlPlaneEndpointsConfig: {
        dnsEndpointConfig: { allowExternalTraffic: true },
        ipEndpointsConfig: { enabled: ipEndpoint },
      },
      masterAuthorizedNetworksConfig: ipEndpoint
        ? { gcpPublicCidrsAccessEnabled: false, cidrBlocks: authorized.map((cidrBlock, i) => ({ cidrBlock, displayName: `authorized-${i}` })) }
        : undefined,
      workloadIdentityConfig: { workloadPool: this.workloadPool },
      releaseChannel: { channel: this.releaseChannel! },
      databaseEncryption: { state: 'ENCRYPTED', keyName: this.secretsKey!.keyName },
      monitoringConfig: { enableComponents: [...CLUSTER_MONITORING_COMPONENTS], managedPrometheus: { enabled: true } },
      loggingConfig: { enableComponents: [...CLUSTER_LOGGING_COMPONENTS] },
      // Training reads and writes its buckets as files through Cloud Storage FUSE.
      addonsConfig: { gcsFuseCsiDriverConfig: { enabled: true } },
      maintenancePolicy: props.maintenanceWindow
        ? { recurringWindow: { ...props.maintenanceWindow } }
        : undefined,
      lifecycle: { ignoreChanges: ['node_config'] },
      dependsOn,
    });
  }

  /** Overlaps of the pods and services ranges with the environment's network, when they are added to its subnet. */
  private networkRangeProblems(props: GkeTrainingClusterProps): FieldProblem[] {
    const network = this.environment.network;
    if (!network?.subnet || props.existingClusterName !== undefined || props.subnetwork !== undefined || props.podsRangeName !== undefined) return [];
    const ranges: [string, string][] = [['podsCidr', props.podsCidr ?? DEFAULT_PODS_CIDR], ['servicesCidr', props.servicesCidr ?? DEFAULT_SERVICES_CIDR]];
    // Shape problems are clusterProblems'; only well-formed ranges are compared with the network's.
    return ranges.filter(([, value]) => cidr(value) === undefined && privateCidr(value) === undefined)
      .map(([field, value]) => network._secondaryRangeProblem(value, field))
      .filter((p): p is FieldProblem => p !== undefined);
  }

  private ipAllocation(props: GkeTrainingClusterProps): { [key: string]: string } {
    if (props.podsRangeName !== undefined && props.servicesRangeName !== undefined) {
      return { stackType: 'IPV4', clusterSecondaryRangeName: props.podsRangeName, servicesSecondaryRangeName: props.servicesRangeName };
    }
    const pods = props.podsCidr ?? DEFAULT_PODS_CIDR;
    const services = props.servicesCidr ?? DEFAULT_SERVICES_CIDR;
    const network = this.environment.network!;
    if (network.subnet === undefined || props.subnetwork !== undefined) {
      // An imported network: GKE creates the secondary ranges in the given subnet.
      return { stackType: 'IPV4', clusterIpv4CidrBlock: pods, servicesIpv4CidrBlock: services };
    }
    const podsRange = `${this.clusterName}-pods`;
    const servicesRange = `${this.clusterName}-services`;
    const problems: FieldProblem[] = [
      network._addSecondaryRange(podsRange, pods, 'podsCidr'),
      network._addSecondaryRange(servicesRange, services, 'servicesCidr'),
    ].filter((p): p is FieldProblem => p !== undefined);
    throwProblems(this, problems);
    return { stackType: 'IPV4', clusterSecondaryRangeName: podsRange, servicesSecondaryRangeName: servicesRange };
  }
}
