import type { ContainerNodePool, ContainerNodePoolConfig, ContainerNodePoolNodeConfig } from '@cdktf/provider-google/lib/container-node-pool';
import { Construct } from 'constructs';
import { WorkerPool } from '../compute/worker-pool';
import { GKE_NODE_POOL_BRAND } from '../core/construct-brand';
import { literal, throwProblems } from '../core/validation';
import { closest } from '../core/words';
import type { resolveNodePool, NodePoolPlan } from '../spec/gke/node-pool';
import { SYSTEM_POOL_NAME } from '../spec/gke/labels';
import { provisioningKindOf } from '../spec/gke/provisioning';
import { ResolvedNodePool } from '../spec/gke/types';
import { Problem } from '../spec/problem';
import type { GkeTrainingCluster } from './training-cluster';
import { lazy } from '../core/lazy';
import { checkInput } from '../core/field-types';
import { GKE_NODE_POOL_OPTIONS } from '../core/input-types';

/** Loaded with the first node pool: a stack without GKE loads none of it (lib/core/lazy.ts). */
const deferred = lazy({
  ContainerNodePool: (): typeof ContainerNodePool => require('@cdktf/provider-google/lib/container-node-pool').ContainerNodePool,
  resolveNodePool: (): typeof resolveNodePool => require('../spec/gke/node-pool').resolveNodePool,
});

/** How a node pool obtains its VMs. */
export enum NodeProvisioning {
  /** On-demand VMs (or a reservation's, when the pool's `WorkerPool` names one); on-demand quota. */
  STANDARD = 'STANDARD',
  /** Spot VMs: cheaper, reclaimed at any time; preemptible quota. Pods must tolerate the pool's taint. */
  SPOT = 'SPOT',
  /**
   * Flex-start VMs of the Dynamic Workload Scheduler: obtained when capacity frees up, kept up to 7
   * days; preemptible quota. Pods must tolerate the pool's taint.
   */
  FLEX_START = 'FLEX_START',
  /**
   * Queued provisioning (Dynamic Workload Scheduler ProvisioningRequests, admitted by Kueue's
   * ProvisioningRequest admission check): all nodes of a job arrive together or not at all;
   * preemptible quota. Scales from zero; no reservation.
   */
  QUEUED_PROVISIONING = 'QUEUED_PROVISIONING',
}

/** Version of the NVIDIA driver GKE installs on GPU nodes. */
export enum GpuDriverVersion {
  /** The latest driver of the node's GKE version. */
  LATEST = 'LATEST',
  /** The default driver of the node's GKE version. */
  DEFAULT = 'DEFAULT',
  /** No driver installed by GKE (install it yourself, e.g. with the NVIDIA GPU operator). */
  INSTALLATION_DISABLED = 'INSTALLATION_DISABLED',
}

/**
 * Catalog checks a node pool may skip: the catalog states what GKE was known to offer when it was
 * written, and Compute Engine adds regions and capacity modes over time.
 */
export interface NodePoolCatalogOverrides {
  /**
   * Skip the checks that the pool's GPU or TPU is offered in the cluster's region and in the pool's
   * zones.
   * @default false
   */
  readonly skipLocationCheck?: boolean;
  /**
   * Skip the check that flex-start or queued provisioning takes the pool's GPU or TPU.
   * @default false
   */
  readonly skipCapacityModeCheck?: boolean;
}

/** Options of a {@link GkeNodePool}. */
export interface GkeNodePoolOptions {
  /**
   * The hardware of each node, declared as for a Vertex job ("8 × H100", "TPU v6e 4x4", "CPU
   * n2-standard-16"), with its boot disk and reservation. Its `replicaCount` is not used: a node
   * pool's size is `maxNodes`.
   */
  readonly pool: WorkerPool;
  /**
   * How the nodes are obtained.
   * @default NodeProvisioning.STANDARD
   */
  readonly provisioning?: NodeProvisioning;
  /**
   * Most nodes of the pool, over all its zones. A multi-host TPU slice pool holds exactly one slice:
   * maxNodes is the slice's VM count.
   */
  readonly maxNodes: number;
  /**
   * Fewest nodes of the pool, over all its zones.
   * @default 0 (scale from zero)
   */
  readonly minNodes?: number;
  /**
   * Zones of the nodes, in the cluster's region. A TPU slice and compact placement take exactly one.
   * Checked against the zones the catalog knows for the GPU or TPU in the region
   * (`catalogOverrides.skipLocationCheck` skips that check). A GPU pool never spans the cluster's
   * default zones, some of which may lack the GPU (and one run's pods would spread over zones).
   * @default - CPU and TPU pools: the cluster's zones; GPU pools: the zones of their specific
   *   reservation, else the first zone the catalog has the GPU in, in the region (one zone); where the
   *   catalog knows none, zones are required
   */
  readonly zones?: string[];
  /**
   * Place the nodes close together (COMPACT placement policy), for low-latency collectives.
   * @default - true for a multi-host TPU slice, false otherwise
   */
  readonly compactPlacement?: boolean;
  /**
   * GKE node pool name (1–40 lowercase letters, digits and hyphens); also the Kueue ResourceFlavor's.
   * @default - the construct id
   */
  readonly name?: string;
  /**
   * NVIDIA driver GKE installs on GPU nodes.
   * @default GpuDriverVersion.LATEST
   */
  readonly gpuDriverVersion?: GpuDriverVersion;
  /**
   * Catalog checks to skip.
   * @default - every check is made
   */
  readonly catalogOverrides?: NodePoolCatalogOverrides;
}

const TAINT_EFFECTS = { NoSchedule: 'NO_SCHEDULE', PreferNoSchedule: 'PREFER_NO_SCHEDULE', NoExecute: 'NO_EXECUTE' } as const;
const CLOUD_PLATFORM_SCOPE = 'https://www.googleapis.com/auth/cloud-platform';
/** Label prefixes GKE owns: it sets those labels itself, from the node pool's configuration. */
const GKE_LABEL_PREFIX = 'cloud.google.com/';

/**
 * A GKE node pool of a {@link GkeTrainingCluster}, declared with the same `WorkerPool` intent and
 * validated against the same catalog as a Vertex job's pool: `8 × H100 on Spot, up to 4 nodes`.
 * Autoscales from zero by default; nodes run as the cluster's node service account with Workload
 * Identity (GKE metadata server), Shielded VM secure boot and CMEK boot disks. Spot, flex-start and
 * queued-provisioning nodes carry a `vertex-training/provisioning` taint, so that only pods placed
 * there on purpose (by their Kueue ResourceFlavor) run on them.
 *
 * Created with `cluster.addNodePool(id, options)`. Invalid options throw at construction, every
 * problem at once.
 */
export class GkeNodePool extends Construct {
  /** The GKE node pool name. */
  public readonly nodePoolName: string;
  /** The node pool resource. */
  public readonly nodePool: ContainerNodePool;
  /** The cluster the pool belongs to. */
  public readonly cluster: GkeTrainingCluster;
  /**
   * The pool resolved against the catalog: labels, taints, the resource its pods request and how
   * many per node, for the Kueue, JobSet, quota and report layers. Internal: `ResolvedNodePool` is a
   * pure TypeScript shape (string unions, nested literals) that jsii cannot offer other languages.
   * @internal
   */
  public readonly _resolved: ResolvedNodePool;

  constructor(cluster: GkeTrainingCluster, id: string, options: GkeNodePoolOptions) {
    super(cluster, id);
    GKE_NODE_POOL_BRAND.mark(this);
    checkInput(this, options, GKE_NODE_POOL_OPTIONS);
    const problems: Problem[] = [];
    const given = (options ?? {}) as GkeNodePoolOptions;
    const validPool = given.pool instanceof WorkerPool;
    if (!validPool) {
      problems.push({ field: 'pool', value: given.pool, allowed: 'a WorkerPool (WorkerPool.gpu, WorkerPool.tpu or WorkerPool.cpu)' });
    }
    const provisioning = given.provisioning ?? NodeProvisioning.STANDARD;
    let kind = provisioningKindOf(provisioning);
    if (kind === undefined) {
      const members = Object.values(NodeProvisioning) as string[];
      const near = typeof provisioning === 'string' ? closest(provisioning, members) : undefined;
      problems.push({ field: 'provisioning', value: provisioning, allowed: `a NodeProvisioning: ${members.join(', ')}${near ? ` (did you mean ${near}?)` : ''}` });
      kind = 'standard';
    }
    const driver = given.gpuDriverVersion ?? GpuDriverVersion.LATEST;
    if (!(Object.values(GpuDriverVersion) as string[]).includes(driver)) {
      problems.push({ field: 'gpuDriverVersion', value: driver, allowed: `a GpuDriverVersion: ${Object.values(GpuDriverVersion).join(', ')}` });
    }
    const region = literal(cluster.location);
    const name = given.name ?? id;
    const taken = [...cluster.nodePools.map((p) => p.nodePoolName), ...(cluster.systemNodePool ? [SYSTEM_POOL_NAME] : [])];
    if (taken.includes(name)) {
      problems.push({ field: 'name', value: name, allowed: `a name no other node pool of the cluster has (taken: ${taken.join(', ')})` });
    }
    if (!validPool) throwProblems(this, problems);
    const resolution = deferred.resolveNodePool({
      name,
      pool: given.pool._intent,
      provisioning: kind,
      minNodes: given.minNodes,
      maxNodes: given.maxNodes,
      zones: given.zones,
      compactPlacement: given.compactPlacement,
      region,
      skipLocationCheck: given.catalogOverrides?.skipLocationCheck === true,
      skipCapacityModeCheck: given.catalogOverrides?.skipCapacityModeCheck === true,
    });
    throwProblems(this, [...problems, ...resolution.problems]);
    const plan = resolution.plan as NodePoolPlan;

    this.cluster = cluster;
    this.nodePoolName = name;
    this._resolved = plan.resolved;
    // Compute Engine quota demand at maxNodes, in the environment's quota plan.
    cluster.environment.quotas._addNodePool(`${cluster.clusterName}/${name}`, plan.resolved);
    this.nodePool = new deferred.ContainerNodePool(this, 'pool', { ...nodePoolConfig(cluster, plan, driver), dependsOn: [...cluster.clusterDependables] });
    cluster.nodePools.push(this);
  }
}

/** The `google_container_node_pool` arguments of a resolved pool. */
function nodePoolConfig(cluster: GkeTrainingCluster, plan: NodePoolPlan, driver: GpuDriverVersion): ContainerNodePoolConfig {
  const pool = plan.resolved;
  const accelerated = pool.gpu !== undefined || pool.tpu !== undefined;
  const singleZone = pool.zones.length === 1;
  return {
    project: cluster.projectId,
    location: cluster.location,
    cluster: cluster.clusterId,
    name: pool.name,
    nodeLocations: pool.zones.length > 0 ? [...pool.zones] : undefined,
    // GKE counts initial_node_count per zone: a pool over several zones starts empty and scales from
    // zero (its minimum holds once the autoscaler has scaled it up for pending pods).
    initialNodeCount: singleZone ? pool.minNodes : 0,
    autoscaling: {
      totalMinNodeCount: pool.minNodes,
      totalMaxNodeCount: pool.maxNodes,
      locationPolicy: plan.locationPolicy,
    },
    management: { autoRepair: plan.autoRepair, autoUpgrade: true },
    // Accelerators are scarce: upgrade one node at a time in place rather than surge a spare one.
    upgradeSettings: accelerated
      ? { strategy: 'SURGE', maxSurge: 0, maxUnavailable: 1 }
      : { strategy: 'SURGE', maxSurge: 1, maxUnavailable: 0 },
    placementPolicy: plan.placement ? { type: 'COMPACT', tpuTopology: plan.placement.tpuTopology } : undefined,
    queuedProvisioning: pool.provisioning === 'queued' ? { enabled: true } : undefined,
    nodeConfig: nodeConfig(cluster, plan, driver),
  };
}

function nodeConfig(cluster: GkeTrainingCluster, plan: NodePoolPlan, driver: GpuDriverVersion): ContainerNodePoolNodeConfig {
  const pool = plan.resolved;
  const labels: { [key: string]: string } = {};
  for (const [key, value] of Object.entries(pool.nodeLabels)) {
    if (!key.startsWith(GKE_LABEL_PREFIX)) labels[key] = value;
  }
  const taints = pool.taints.filter((t) => !t.addedByGke).map((t) => ({ key: t.key, value: t.value, effect: TAINT_EFFECTS[t.effect] }));
  return {
    machineType: pool.machineType,
    diskType: plan.bootDiskType,
    diskSizeGb: plan.bootDiskSizeGb,
    bootDiskKmsKey: cluster.bootDiskKey.keyName,
    serviceAccount: cluster.nodeServiceAccount.email,
    oauthScopes: [CLOUD_PLATFORM_SCOPE],
    workloadMetadataConfig: { mode: 'GKE_METADATA' },
    shieldedInstanceConfig: { enableSecureBoot: true, enableIntegrityMonitoring: true },
    resourceLabels: { ...cluster.environment.labels },
    labels: Object.keys(labels).length > 0 ? labels : undefined,
    taint: taints.length > 0 ? taints : undefined,
    spot: pool.provisioning === 'spot' ? true : undefined,
    flexStart: pool.provisioning === 'flex-start' ? true : undefined,
    guestAccelerator: pool.gpu ? [{
      type: pool.gpu.gkeType,
      count: pool.gpu.perNode,
      gpuDriverInstallationConfig: { gpuDriverVersion: driver },
    }] : undefined,
    gvnic: pool.gpu ? { enabled: true } : undefined,
    reservationAffinity: reservationAffinity(pool),
  };
}

function reservationAffinity(pool: ResolvedNodePool): ContainerNodePoolNodeConfig['reservationAffinity'] {
  if (pool.provisioning !== 'standard') return { consumeReservationType: 'NO_RESERVATION' };
  const reservation = pool.reservation;
  if (!reservation) return undefined;
  return reservation.type === 'SPECIFIC_RESERVATION'
    ? { consumeReservationType: reservation.type, key: 'compute.googleapis.com/reservation-name', values: [...reservation.names] }
    : { consumeReservationType: reservation.type };
}
