/**
 * A GKE node pool declared by a `WorkerPool` intent, resolved against the same catalog as Vertex
 * jobs, with the combinations GKE and the provider refuse found here, every one at once. Labels and
 * taints of the pool's nodes are derived here, once: the node pool resource, its Kueue
 * ResourceFlavor and JobSet placement all read them from the result. Pure: no cdktf import.
 */
import { findTpu } from '../../catalog/tpus';
import { gkeGpu, gkeTpu, GKE_TPU_VERSIONS, gpuZonesIn, machineFamilyOf, tpuZonesIn } from '../../catalog/gke';
import { nearestRegionsHint } from '../../catalog/hints';
import { listOr } from '../../core/words';
import { regionOfZone } from '../../rules/regions';
import { parseReservationName } from '../../rules/reservation';
import { NODE_POOL_NAME, NODE_POOL_NAME_MAX } from '../../rules/gke-names';
import { PoolIntent } from '../pool-intent';
import { Problem } from '../problem';
import { resolvePool } from '../worker-pools';
import { provisioningName } from './provisioning';
import { NodeProvisioningKind, NodeTaint, ResolvedNodePool } from './types';

/** Node labels GKE sets on nodes itself (never declared in `node_config.labels`). */
export const GKE_NODE_LABELS = {
  nodePool: 'cloud.google.com/gke-nodepool',
  accelerator: 'cloud.google.com/gke-accelerator',
  tpuAccelerator: 'cloud.google.com/gke-tpu-accelerator',
  tpuTopology: 'cloud.google.com/gke-tpu-topology',
  spot: 'cloud.google.com/gke-spot',
  flexStart: 'cloud.google.com/gke-flex-start',
  // Label and taint (`=true:NoSchedule`) GKE puts on queued-provisioning nodes (observed in
  // node pool descriptions and public tooling).
  queued: 'cloud.google.com/gke-queued',
} as const;

/**
 * Label and taint key the library puts on nodes of Spot, flex-start and queued-provisioning pools,
 * so that only pods that tolerate losing (or waiting for) their node land there.
 */
export const PROVISIONING_KEY = 'vertex-training/provisioning';

/** Nodes of one node pool, most that GKE autoscaling takes per zone. */
const MAX_NODES = 1_000;

/** What a node pool declares. */
export interface NodePoolIntent {
  /** GKE node pool name. */
  readonly name: string;
  /** The `WorkerPool` intent: the same as a Vertex job's pool. */
  readonly pool: PoolIntent;
  readonly provisioning: NodeProvisioningKind;
  /** @default 0 */
  readonly minNodes?: number;
  readonly maxNodes?: number;
  /**
   * Zones of the nodes; empty or absent: the cluster's for a CPU or TPU pool; for a GPU pool its
   * specific reservation's zones, else the first zone the catalog has the GPU in (else refused).
   */
  readonly zones?: readonly string[];
  /** @default - true for a multi-host TPU slice, false otherwise */
  readonly compactPlacement?: boolean;
  /** The cluster's region; undefined when not known at synth (then no region check is made). */
  readonly region?: string;
  /** Skip the catalog's "offered in this region" checks (the catalog lags Compute Engine). */
  readonly skipLocationCheck?: boolean;
  /** Skip the catalog's "flex-start / queued provisioning takes this accelerator" checks. */
  readonly skipCapacityModeCheck?: boolean;
}

/** Everything the node pool resource needs beyond the shared {@link ResolvedNodePool}. */
export interface NodePoolPlan {
  readonly resolved: ResolvedNodePool;
  readonly bootDiskType: string;
  readonly bootDiskSizeGb: number;
  /** `placement_policy`: COMPACT, with the slice topology for a multi-host TPU slice. */
  readonly placement?: { readonly tpuTopology?: string };
  /** `autoscaling.location_policy`: ANY where capacity is scarce (Spot, flex-start, queued). */
  readonly locationPolicy: 'ANY' | 'BALANCED';
  /** Whether GKE may repair nodes (not for flex-start and queued provisioning, which GKE refuses). */
  readonly autoRepair: boolean;
}

/** The outcome: the plan when the intent resolved, and every problem found. */
export interface NodePoolResolution {
  readonly plan?: NodePoolPlan;
  readonly problems: Problem[];
}

/**
 * Resolves a node pool intent, collecting every problem. Fields of problems are those of
 * `GkeNodePoolOptions` (`pool.gpusPerReplica`, `maxNodes`, `zones[1]`, ...).
 */
export function resolveNodePool(intent: NodePoolIntent): NodePoolResolution {
  const problems: Problem[] = [];
  checkName(intent.name, problems);
  const { pool: poolIntent, provisioning, region } = intent;
  if (poolIntent.replicaCount !== undefined) {
    problems.push({ field: 'pool.replicaCount', value: poolIntent.replicaCount, allowed: 'not used by a node pool: its size is maxNodes (and minNodes); a job\'s replicas are set on the job\'s own WorkerPool' });
  }
  const zones = [...(intent.zones ?? [])];
  checkZones(zones, region, problems);
  if (poolIntent.kind === 'tpu') {
    const tpu = findTpu(poolIntent.tpuVersion ?? '');
    if (tpu && !gkeTpu(tpu)) {
      problems.push({ field: 'pool.version', value: `TPU ${tpu.version}`, allowed: `GKE node pools here take TPU ${listOr(GKE_TPU_VERSIONS)}` });
      return { problems };
    }
  }
  // No region: the Vertex "offered for training" wording does not fit GKE; checked below instead.
  const pool = resolvePool('primary', { ...poolIntent, replicaCount: undefined }, undefined, 'pool', problems);
  if (!pool) {
    // The pool's own problems do not hide those of the node pool's size and provisioning.
    const minNodes = intent.minNodes ?? 0;
    const countsValid = checkCounts(minNodes, intent.maxNodes, problems);
    const reservation = poolIntent.reservation?.type !== 'NO_RESERVATION' ? poolIntent.reservation : undefined;
    provisioningProblems(provisioning, reservation, countsValid ? minNodes : undefined, problems);
    return { problems };
  }

  const gpuInfo = pool.gpu ? gkeGpu(pool.gpu) : undefined;
  const tpuInfo = pool.tpu ? gkeTpu(pool.tpu) : undefined;
  if (pool.gpu && !gpuInfo) {
    problems.push({ field: 'pool.gpuType', value: pool.gpu.acceleratorType, allowed: 'a GPU type GKE node pools take' });
  }
  if (!intent.skipLocationCheck && region !== undefined) {
    const offered = pool.gpu?.trainingRegions ?? pool.tpu?.trainingRegions;
    const what = pool.gpu ? pool.gpu.acceleratorType : pool.tpu ? `TPU ${pool.tpu.version}` : undefined;
    if (offered && what && !offered.includes(region)) {
      problems.push({
        field: pool.gpu ? 'pool.gpuType' : 'pool.version',
        value: what,
        allowed: `not in the catalog for the cluster's region ${region}${nearestRegionsHint(region, offered)}; regions: ${offered.join(', ')} (if Compute Engine offers it there, set catalogOverrides.skipLocationCheck)`,
      });
    }
  }

  const vms = pool.tpuVms;
  const multiHost = pool.tpu !== undefined && vms > 1;
  const maxNodes = intent.maxNodes;
  const minNodes = intent.minNodes ?? 0;
  const countsValid = checkCounts(minNodes, maxNodes, problems);
  if (multiHost && countsValid) {
    // One node pool is one slice: GKE creates and removes its VMs together (atomic scaling; docs
    // "About TPUs in GKE": a multi-host slice node pool cannot take more nodes). That autoscaling
    // wants max = the slice's VMs, not a multiple, is [unconfirmed]: the stricter rule is kept.
    if (maxNodes !== vms) {
      problems.push({ field: 'maxNodes', value: maxNodes, allowed: `a TPU ${pool.tpu?.version} ${pool.tpuTopology} slice is ${vms} VMs and one node pool holds one slice: maxNodes ${vms} (for more slices add node pools)` });
    }
    if (minNodes !== 0 && minNodes !== vms) {
      problems.push({ field: 'minNodes', value: minNodes, allowed: `0 or ${vms}: a multi-host slice scales as a whole` });
    }
  }

  const compact = intent.compactPlacement ?? multiHost;
  if (multiHost && intent.compactPlacement === false) {
    problems.push({ field: 'compactPlacement', value: false, allowed: 'true (or unset): a multi-host TPU slice is placed COMPACT with its topology' });
  }
  const tpuZones = pool.tpu && region !== undefined ? tpuZonesIn(pool.tpu.version, region) : [];
  const gpuZones = pool.gpu && region !== undefined ? gpuZonesIn(pool.gpu.acceleratorType, region) : [];
  const reservedZones = reservationZones(pool.reservation, region);
  if (pool.gpu && zones.length === 0) {
    // Never the region's default zones (some lack the GPU: the create fails at apply; one run's pods
    // would spread over zones): the reservation's zones, else the first the catalog has the GPU in.
    const chosen = reservedZones.length > 0 ? reservedZones : gpuZones.slice(0, 1);
    if (chosen.length > 0) {
      zones.push(...chosen);
    } else {
      problems.push({ field: 'zones', value: '(the cluster\'s zones)', allowed: `the zones of the pool, named: the cluster's default zones may lack ${pool.gpu.acceleratorType} (the create fails at apply) and one run's pods would spread over zones; ${gpuZonesHint(pool.gpu.acceleratorType, gpuInfo?.gkeType, region, gpuZones)}` });
    }
  }
  if (pool.gpu && gpuZones.length > 0 && !intent.skipLocationCheck) {
    (intent.zones ?? []).forEach((zone, i) => {
      if (regionOfZone(zone) === region && !gpuZones.includes(zone) && !reservedZones.includes(zone)) {
        problems.push({ field: `zones[${i}]`, value: zone, allowed: `a zone the catalog has ${pool.gpu?.acceleratorType} in: ${gpuZones.join(', ')} (if Compute Engine offers it there, set catalogOverrides.skipLocationCheck)` });
      }
    });
  }
  // A GPU pool without zones has its problem above.
  if ((compact || multiHost) && zones.length !== 1 && !(pool.gpu && zones.length === 0)) {
    const example = tpuZones[0] ?? gpuZones[0] ?? (region ? `${region}-a` : undefined);
    problems.push({
      field: 'zones',
      value: zones.length === 0 ? '(the cluster\'s zones)' : zones,
      allowed: `exactly one zone: ${multiHost ? 'a multi-host TPU slice lives in one zone' : 'compact placement puts the nodes close together, in one zone'}${example ? ` (e.g. ["${example}"])` : ''}`,
    });
  }
  if (pool.tpu && tpuZones.length > 0 && !intent.skipLocationCheck) {
    zones.forEach((zone, i) => {
      if (regionOfZone(zone) === region && !tpuZones.includes(zone)) {
        problems.push({ field: `zones[${i}]`, value: zone, allowed: `a zone the catalog has TPU ${pool.tpu?.version} in: ${tpuZones.join(', ')} (if Compute Engine offers it there, set catalogOverrides.skipLocationCheck)` });
      }
    });
  }

  if (provisioning === 'queued' && compact && pool.gpu) {
    // cluster-toolkit gke-node-pool: no COMPACT placement (nor workload policy) with queued provisioning of GPUs.
    problems.push({ field: 'compactPlacement', value: true, allowed: 'false with queued provisioning of GPUs: GKE does not place queued GPU nodes compactly' });
  }
  const reservation = pool.reservation && pool.reservation.type !== 'NO_RESERVATION' ? pool.reservation : undefined;
  const dws = provisioning === 'flex-start' || provisioning === 'queued';
  provisioningProblems(provisioning, reservation, countsValid ? minNodes : undefined, problems);
  if (reservation?.type === 'SPECIFIC_RESERVATION') {
    for (const name of reservation.names) {
      const zone = parseReservationName(name)?.zone;
      if (zone === undefined) continue;
      if (region !== undefined && regionOfZone(zone) !== region) {
        problems.push({ field: 'pool.reservation', value: name, allowed: `a reservation in a zone of the cluster's region ${region}` });
      } else if (zones.length > 0 && !zones.includes(zone)) {
        problems.push({ field: 'pool.reservation', value: name, allowed: `a reservation in one of the pool's zones (${zones.join(', ')}): nodes elsewhere cannot consume it` });
      }
    }
  }
  if (dws && !intent.skipCapacityModeCheck) {
    checkCapacityMode(provisioning, pool.gpu?.acceleratorType, gpuInfo, pool.tpu?.version, tpuInfo, problems);
  }
  if (!countsValid || maxNodes === undefined) return { problems };

  const name = intent.name;
  const nodeLabels: { [key: string]: string } = { [GKE_NODE_LABELS.nodePool]: name };
  const taints: NodeTaint[] = [];
  if (gpuInfo) {
    nodeLabels[GKE_NODE_LABELS.accelerator] = gpuInfo.gkeType;
    taints.push({ key: 'nvidia.com/gpu', value: 'present', effect: 'NoSchedule', addedByGke: true });
  }
  if (tpuInfo && pool.tpuTopology) {
    nodeLabels[GKE_NODE_LABELS.tpuAccelerator] = tpuInfo.gkeAccelerator;
    nodeLabels[GKE_NODE_LABELS.tpuTopology] = pool.tpuTopology;
    taints.push({ key: 'google.com/tpu', value: 'present', effect: 'NoSchedule', addedByGke: true });
  }
  if (provisioning === 'spot') nodeLabels[GKE_NODE_LABELS.spot] = 'true';
  if (provisioning === 'flex-start') nodeLabels[GKE_NODE_LABELS.flexStart] = 'true';
  if (provisioning === 'queued') {
    nodeLabels[GKE_NODE_LABELS.queued] = 'true';
    taints.push({ key: GKE_NODE_LABELS.queued, value: 'true', effect: 'NoSchedule', addedByGke: true });
  }
  if (provisioning !== 'standard') {
    nodeLabels[PROVISIONING_KEY] = provisioning;
    taints.push({ key: PROVISIONING_KEY, value: provisioning, effect: 'NoSchedule', addedByGke: false });
  }

  const resolved: ResolvedNodePool = {
    name,
    machineType: pool.machineType,
    vcpus: pool.vcpus,
    machineFamily: machineFamilyOf(pool.machineType),
    gpu: pool.gpu && gpuInfo ? { acceleratorType: pool.gpu.acceleratorType, gkeType: gpuInfo.gkeType, perNode: pool.acceleratorsPerReplica } : undefined,
    tpu: pool.tpu && tpuInfo && pool.tpuTopology ? {
      version: pool.tpu.version,
      gkeAccelerator: tpuInfo.gkeAccelerator,
      topology: pool.tpuTopology,
      chips: pool.acceleratorsPerReplica,
      vmsPerSlice: vms,
      chipsPerVm: pool.acceleratorsPerReplica / vms,
    } : undefined,
    provisioning,
    minNodes,
    maxNodes,
    zones,
    nodeLabels,
    taints,
    resource: pool.gpu ? 'nvidia.com/gpu' : pool.tpu ? 'google.com/tpu' : 'cpu',
    perNode: pool.gpu ? pool.acceleratorsPerReplica : pool.tpu ? pool.acceleratorsPerReplica / vms : pool.vcpus,
    reservation: pool.reservation,
  };
  if (problems.length > 0) return { problems };
  return {
    problems,
    plan: {
      resolved,
      bootDiskType: pool.bootDiskType,
      bootDiskSizeGb: pool.bootDiskSizeGb,
      placement: compact ? { tpuTopology: multiHost ? pool.tpuTopology : undefined } : undefined,
      locationPolicy: provisioning === 'standard' ? 'BALANCED' : 'ANY',
      autoRepair: !dws,
    },
  };
}

/**
 * What the provisioning allows of the pool's reservation and minimum size (`minNodes` undefined when
 * the counts are invalid, which is reported on its own).
 */
function provisioningProblems(provisioning: NodeProvisioningKind, reservation: { readonly type: string } | undefined,
  minNodes: number | undefined, problems: Problem[]): void {
  if (reservation && provisioning !== 'standard') {
    // [unconfirmed] for Spot: Compute Engine has long refused reserved capacity to Spot VMs.
    const why = provisioning === 'spot' ? 'Spot VMs do not consume reservations'
      : provisioning === 'flex-start' ? 'flex-start VMs are obtained without a reservation (reservation affinity none)'
        : 'queued provisioning obtains capacity through the Dynamic Workload Scheduler, with reservation affinity none';
    problems.push({ field: 'pool.reservation', value: reservation.type, allowed: `none with ${provisioningName(provisioning)}: ${why}; use NodeProvisioning.STANDARD to consume a reservation` });
  }
  if (provisioning === 'queued' && minNodes !== undefined && minNodes !== 0) {
    problems.push({ field: 'minNodes', value: minNodes, allowed: '0 with queued provisioning: nodes are only created for an admitted ProvisioningRequest (autoscaling from zero)' });
  }
}

/** The zones (of `region`, when known) of the specific reservations a pool names. */
function reservationZones(reservation: { readonly type: string; readonly names: readonly string[] } | undefined, region: string | undefined): string[] {
  if (reservation?.type !== 'SPECIFIC_RESERVATION') return [];
  const zones = reservation.names.map((name) => parseReservationName(name)?.zone).filter((zone): zone is string => zone !== undefined && (region === undefined || regionOfZone(zone) === region));
  return [...new Set(zones)];
}

/** The zones to name for a GPU pool: the catalog's in the region, else how to list them. */
function gpuZonesHint(acceleratorType: string, gkeType: string | undefined, region: string | undefined, known: readonly string[]): string {
  if (known.length > 0) return `zones the catalog has ${acceleratorType} in, in ${region}: ${known.join(', ')} (e.g. ["${known[0]}"])`;
  const filter = `name=${gkeType ?? 'GPU'}${region !== undefined ? ` AND zone~^${region}-` : ''}`;
  return `the catalog knows no zone of ${acceleratorType}${region !== undefined ? ` in ${region}` : ''}: \`gcloud compute accelerator-types list --filter="${filter}"\` lists them`;
}

function checkName(name: string, problems: Problem[]): void {
  if (typeof name === 'string' && NODE_POOL_NAME.test(name)) return;
  const suggestion = typeof name === 'string' ? nodePoolNameFrom(name) : undefined;
  problems.push({
    field: 'name',
    value: name,
    allowed: `a GKE node pool name: 1 to ${NODE_POOL_NAME_MAX} lowercase letters, digits and hyphens, starting with a letter and not ending with a hyphen${suggestion ? ` (e.g. "${suggestion}")` : ''}`,
  });
}

/** `name` made a valid node pool name where it can be (`H100_Spot` → `h100-spot`); undefined otherwise. */
export function nodePoolNameFrom(name: string): string | undefined {
  const cleaned = name.toLowerCase().replace(/[^a-z0-9-]+/g, '-').replace(/^[^a-z]+/, '').slice(0, NODE_POOL_NAME_MAX).replace(/-+$/, '');
  return NODE_POOL_NAME.test(cleaned) ? cleaned : undefined;
}

function checkZones(zones: readonly string[], region: string | undefined, problems: Problem[]): void {
  const seen = new Set<string>();
  zones.forEach((zone, i) => {
    const zoneRegion = typeof zone === 'string' ? regionOfZone(zone) : undefined;
    if (zoneRegion === undefined) {
      problems.push({ field: `zones[${i}]`, value: zone, allowed: `a zone such as ${region ?? 'us-central1'}-a` });
    } else if (region !== undefined && zoneRegion !== region) {
      problems.push({ field: `zones[${i}]`, value: zone, allowed: `a zone of the cluster's region ${region} (e.g. ${region}-a)` });
    } else if (seen.has(zone)) {
      problems.push({ field: `zones[${i}]`, value: zone, allowed: 'each zone once' });
    }
    seen.add(zone);
  });
}

/** Checks the autoscaling bounds; false when they cannot be used further. */
function checkCounts(minNodes: number, maxNodes: number | undefined, problems: Problem[]): boolean {
  let valid = true;
  if (maxNodes === undefined || !Number.isInteger(maxNodes) || maxNodes < 1 || maxNodes > MAX_NODES) {
    problems.push({ field: 'maxNodes', value: maxNodes ?? '(missing)', allowed: `a whole number of nodes from 1 to ${MAX_NODES.toLocaleString('en-US')}` });
    valid = false;
  }
  if (!Number.isInteger(minNodes) || minNodes < 0) {
    problems.push({ field: 'minNodes', value: minNodes, allowed: 'a whole number of nodes, 0 or more (0: scale from zero)' });
    valid = false;
  } else if (maxNodes !== undefined && Number.isInteger(maxNodes) && minNodes > maxNodes) {
    problems.push({ field: 'minNodes', value: minNodes, allowed: `at most maxNodes (${maxNodes})` });
    valid = false;
  }
  return valid;
}

function checkCapacityMode(
  provisioning: NodeProvisioningKind,
  gpuType: string | undefined,
  gpu: { readonly flexStart: boolean; readonly queuedProvisioning: boolean } | undefined,
  tpuVersion: string | undefined,
  tpu: { readonly flexStart: boolean; readonly queuedProvisioning: boolean } | undefined,
  problems: Problem[],
): void {
  const flag = provisioning === 'flex-start' ? 'flexStart' : 'queuedProvisioning';
  const mode = provisioningName(provisioning);
  const override = 'set catalogOverrides.skipCapacityModeCheck if GKE now accepts it';
  if (gpuType !== undefined) {
    if (gpu && !gpu[flag]) problems.push({ field: 'provisioning', value: mode, allowed: `not catalogued for ${gpuType} on GKE (${override}); use STANDARD or SPOT` });
  } else if (tpuVersion !== undefined) {
    if (tpu && !tpu[flag]) problems.push({ field: 'provisioning', value: mode, allowed: `not catalogued for TPU ${tpuVersion} on GKE (${override}); use STANDARD or SPOT` });
  } else {
    problems.push({ field: 'provisioning', value: mode, allowed: `for GPU and TPU pools (${override}); use STANDARD or SPOT for a CPU pool` });
  }
}
