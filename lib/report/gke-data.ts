/*
 * The GKE part of the training report: plain structs (jsii-friendly), filled by the collector
 * (gke-collect.ts) from the GKE constructs of the stack, which it recognises by their brands: the
 * report imports none of their classes. Lists are in a fixed order, documented on each field.
 */

/** How a GKE job's demand on one flavor compares with its team's Kueue quota. */
export enum GkeAdmission {
  /** Within the team's nominal quota: admitted whenever the team's own quota is free. */
  WITHIN_NOMINAL = 'WITHIN_NOMINAL',
  /** Above the nominal quota but within nominal + borrowing limit: admitted only when the cohort lends the rest. */
  NEEDS_BORROWING = 'NEEDS_BORROWING',
  /** Above nominal + borrowing limit, or on a flavor the team has no quota for: never admitted (synth refuses it). */
  NEVER_ADMITTED = 'NEVER_ADMITTED',
}

/** A node pool's demand on one Compute Engine quota at `maxNodes`. */
export interface NodePoolQuotaReport {
  /** Region. */
  readonly region: string;
  /** Metric, with its `compute.googleapis.com/` prefix. */
  readonly metric: string;
  /** What the quota counts: `GPUs`, `TPU chips` or `vCPUs`. */
  readonly unit: string;
  /** Units one node consumes. */
  readonly perNode: number;
  /** `maxNodes` × `perNode`. */
  readonly amount: number;
}

/** One node pool of a GKE cluster. */
export interface GkeNodePoolReport {
  /** GKE node pool name (and Kueue ResourceFlavor name). */
  readonly name: string;
  /** Construct path of the node pool. */
  readonly path: string;
  /** Machine type of each node. */
  readonly machineType: string;
  /**
   * Accelerators of each node in words, e.g. `8 × NVIDIA_H100_80GB` or `TPU v6e 4x4 slice: 4 chips on each of 4 VMs`.
   * @default - no accelerator (a CPU pool)
   */
  readonly accelerator?: string;
  /** `STANDARD`, `SPOT`, `FLEX_START` or `QUEUED_PROVISIONING`. */
  readonly provisioning: string;
  /** Fewest nodes. */
  readonly minNodes: number;
  /** Most nodes. */
  readonly maxNodes: number;
  /** Zones of the nodes; empty: the cluster's. */
  readonly zones: string[];
  /** The resource its pods request: `nvidia.com/gpu`, `google.com/tpu` or `cpu`. */
  readonly resource: string;
  /** Units of `resource` per node. */
  readonly perNode: number;
  /**
   * Reservation affinity, e.g. `SPECIFIC_RESERVATION: h100-res`.
   * @default - no reservation
   */
  readonly reservation?: string;
  /** Taints of the nodes, `key=value:Effect`, those GKE adds included, in the pool's order. */
  readonly taints: string[];
  /** Demand on Compute Engine quotas at `maxNodes`, sorted by metric. */
  readonly quotaDemand: NodePoolQuotaReport[];
}

/** A GKE cluster of the stack and its node pools. */
export interface GkeClusterReport {
  /** Construct path of the cluster. */
  readonly path: string;
  /** Cluster name. */
  readonly clusterName: string;
  /** Location (region) of the cluster. */
  readonly location: string;
  /** Node pools in declaration order (the system pool is not listed). */
  readonly nodePools: GkeNodePoolReport[];
}

/** One Kueue ResourceFlavor (one per node pool). */
export interface KueueFlavorReport {
  /** Flavor name (the node pool's name). */
  readonly name: string;
  /** The resource it covers. */
  readonly resource: string;
  /** Node labels pods are placed by, `key=value`, sorted. */
  readonly nodeLabels: string[];
  /** Tolerations added to the pods it admits, `key=value:Effect`, in the flavor's order. */
  readonly tolerations: string[];
  /**
   * The admission check of the flavor's workloads (queued provisioning), e.g. `queued-provisioning`.
   * @default - none
   */
  readonly admissionCheck?: string;
}

/** A team's Kueue quota on one flavor. */
export interface KueueTeamQuotaReport {
  /** The team. */
  readonly team: string;
  /** The team's namespace. */
  readonly namespaceName: string;
  /** The team's ClusterQueue. */
  readonly clusterQueue: string;
  /** The flavor (node pool). */
  readonly flavor: string;
  /** The resource counted (`nvidia.com/gpu`, `google.com/tpu`, `cpu`). */
  readonly resource: string;
  /** Nominal quota, in units of the resource. */
  readonly nominal: number;
  /**
   * Most the team may borrow from its cohort beyond `nominal`.
   * @default - no limit but what the cohort has unused
   */
  readonly borrowingLimit?: number;
  /**
   * Most of the nominal quota others in the cohort may borrow.
   * @default - all of it
   */
  readonly lendingLimit?: number;
}

/** A GKE job's demand on one flavor against its team's quota. */
export interface GkeJobDemandReport {
  /** The job's ID. */
  readonly jobId: string;
  /** The team it runs as. */
  readonly team: string;
  /** The flavor (node pool) its pods are placed on. */
  readonly flavor: string;
  /** The resource counted. */
  readonly resource: string;
  /** Units one run needs at once (Kueue admits the whole JobSet together). */
  readonly demand: number;
  /**
   * The team's nominal quota on the flavor.
   * @default - the team has no quota on it
   */
  readonly nominal?: number;
  /**
   * The team's borrowing limit on the flavor.
   * @default - no limit, or no quota
   */
  readonly borrowingLimit?: number;
  /** Whether and how a run is admitted. */
  readonly admission: GkeAdmission;
}

/** The Kueue queues of a cluster declared in the stack, and the GKE jobs that use them. */
export interface GkeQueuesReport {
  /** Construct path of the queues. */
  readonly path: string;
  /** The cluster the queues are in. */
  readonly clusterName: string;
  /** Cohort of the teams' ClusterQueues. */
  readonly cohort: string;
  /** Name of each team's LocalQueue. */
  readonly localQueue: string;
  /** One flavor per node pool, in the cluster's node pool order. */
  readonly flavors: KueueFlavorReport[];
  /** Quotas, sorted by team and flavor. */
  readonly teamQuotas: KueueTeamQuotaReport[];
  /** The stack's GKE jobs on these queues, per flavor, sorted by job ID and flavor. */
  readonly jobs: GkeJobDemandReport[];
}

/** The GKE objects of an environment declared in the stack. */
export interface GkeReport {
  /** Clusters declared in the stack, sorted by path. */
  readonly clusters: GkeClusterReport[];
  /** Queues declared in the stack, sorted by path. */
  readonly queues: GkeQueuesReport[];
}
