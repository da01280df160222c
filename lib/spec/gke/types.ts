/**
 * Shapes shared by the GKE backend's pure layer: a node pool resolved against the catalog, and what
 * Kueue and JobSet objects are rendered from. Pure data: no cdktf import.
 */

/** How a node pool's VMs are obtained. */
export type NodeProvisioningKind = 'standard' | 'spot' | 'flex-start' | 'queued';

/** A Kubernetes taint as GKE puts it on nodes. */
export interface NodeTaint {
  readonly key: string;
  readonly value: string;
  readonly effect: 'NoSchedule' | 'PreferNoSchedule' | 'NoExecute';
  /** Whether GKE adds the taint itself (GPU and TPU nodes): declared nowhere, tolerated all the same. */
  readonly addedByGke: boolean;
}

/** The Kubernetes extended resource a pool's pods request, and how many one node has. */
export type PoolResource = 'nvidia.com/gpu' | 'google.com/tpu' | 'cpu';

/**
 * A node pool resolved against the catalog: everything the node pool resource, its Kueue
 * ResourceFlavor, the quota plan and JobSet placement need. Labels and taints are derived here once.
 */
export interface ResolvedNodePool {
  /** Node pool name in GKE, and name of its Kueue ResourceFlavor. */
  readonly name: string;
  /** Compute Engine machine type of each node. */
  readonly machineType: string;
  /** vCPUs of one node. */
  readonly vcpus: number;
  /** Machine family (`a3`, `g2`, `n2`, `ct6e`, ...): selects the Compute Engine CPU quota. */
  readonly machineFamily: string;
  /** GPUs of each node, when a GPU pool. */
  readonly gpu?: {
    /** Vertex AI enum value, e.g. `NVIDIA_H100_80GB` (what WorkerPool intents name). */
    readonly acceleratorType: string;
    /** GKE accelerator type, e.g. `nvidia-h100-80gb` (guest accelerator and node label). */
    readonly gkeType: string;
    /** GPUs per node. */
    readonly perNode: number;
  };
  /** The TPU slice of the pool, when a TPU pool. */
  readonly tpu?: {
    /** `v5e`, `v6e`, ... */
    readonly version: string;
    /** Value of `cloud.google.com/gke-tpu-accelerator`, e.g. `tpu-v6e-slice`. */
    readonly gkeAccelerator: string;
    readonly topology: string;
    /** Chips of the whole slice. */
    readonly chips: number;
    /** VMs (nodes) of one slice. */
    readonly vmsPerSlice: number;
    /** Chips per VM (what each pod requests as `google.com/tpu`). */
    readonly chipsPerVm: number;
  };
  readonly provisioning: NodeProvisioningKind;
  /** Autoscaling bounds in nodes. */
  readonly minNodes: number;
  readonly maxNodes: number;
  /** Zones of the nodes (`node_locations`); empty: the cluster's. */
  readonly zones: readonly string[];
  /** Labels every node of the pool carries (including `cloud.google.com/gke-nodepool`). */
  readonly nodeLabels: { readonly [key: string]: string };
  /** Taints of the pool's nodes, including those GKE adds. */
  readonly taints: readonly NodeTaint[];
  /** The extended resource (or CPU) pods of the pool request. */
  readonly resource: PoolResource;
  /** Units of `resource` per node (GPUs, TPU chips per VM, or vCPUs). */
  readonly perNode: number;
  /** Reservation affinity, as the WorkerPool intent gave it. */
  readonly reservation?: { readonly type: string; readonly names: readonly string[] };
}
