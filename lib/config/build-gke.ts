import { Construct } from 'constructs';
import { TrainingTeam } from '../environment/team';
import { TrainingEnvironment } from '../environment/training-environment';
import { GkeNodePool } from '../gke/node-pool';
import { AddonInstallation, GkeTrainingAddons } from '../gke/training-addons';
import { GkeTrainingCluster, GkeTrainingClusterProps } from '../gke/training-cluster';
import { GkeTrainingQueues } from '../gke/training-queues';
import { TrainingBackend } from '../jobs/training-backend';
import type { compact as compactFn, duration as durationFn, poolOf as poolOfFn } from './build';
import { EntityContext, poolConfigField } from './construct-errors';
import { ConfigPath } from './errors';
import { GPU_DRIVER_VERSIONS, NODE_PROVISIONINGS, QUEUEING_STRATEGIES, RELEASE_CHANNELS } from './gke-enums';
import { RawAddon, RawGke, RawGkeCluster, RawJob, RawNodePool } from './types';

/**
 * The `gke` section of a config: the cluster and its node pools in the environment's scope (the
 * platform stack), the add-ons in the add-ons stack, the queues in the workloads stack. Loaded only
 * for a config that has the section, so that the others never load the GKE constructs.
 */

/** The stacks of the GKE backend besides the platform stack (the config's scope). */
export interface GkeStacks {
  readonly addonsStack: Construct;
  readonly workloadsStack: Construct;
}

/** What the `gke` section created. */
export interface BuiltGke {
  readonly cluster: GkeTrainingCluster;
  readonly nodePools: Map<string, GkeNodePool>;
  readonly addons: GkeTrainingAddons;
  readonly queues: GkeTrainingQueues;
}

/** The builder's helpers (./build.ts), given rather than imported: build.ts loads this module. */
export interface BuildHelpers {
  readonly guard: <T>(entity: EntityContext, create: () => T) => T;
  readonly compact: typeof compactFn;
  readonly duration: typeof durationFn;
  readonly poolOf: typeof poolOfFn;
}

/** The construct ID of the cluster, the add-ons and the queues (as in examples/gke-training). */
export const GKE_IDS = { cluster: 'gke', addons: 'addons', queues: 'queues' } as const;

/** Creates the cluster, its node pools, the add-ons, the queues and each team's queue. */
export function buildGke(
  scope: Construct, raw: RawGke, stacks: GkeStacks, environment: TrainingEnvironment, teams: ReadonlyMap<string, TrainingTeam>, helpers: BuildHelpers,
): BuiltGke {
  const { guard, compact } = helpers;
  const rawCluster = raw.cluster ?? {};
  const clusterAt: ConfigPath = raw.cluster ? ['gke', 'cluster'] : ['gke'];
  const clusterPath = `${prefixOf(scope)}${GKE_IDS.cluster}`;
  const cluster = guard({
    at: clusterAt,
    constructPath: clusterPath,
    translate: (relative, field) => (relative.length === 0 ? [...clusterAt, ...clusterField(field)] : clusterAt),
  }, () => new GkeTrainingCluster(scope, GKE_IDS.cluster, clusterProps(rawCluster, environment, compact)));

  const nodePools = new Map<string, GkeNodePool>();
  for (const [name, pool] of Object.entries(raw.nodePools ?? {})) {
    const at: ConfigPath = ['gke', 'nodePools', name];
    nodePools.set(name, guard({
      at,
      constructPath: `${cluster.node.path}/${name}`,
      translate: (_relative, field) => [...at, ...nodePoolField(pool, field)],
    }, () => cluster.addNodePool(name, compact({
      pool: helpers.poolOf(pool, () => {
        throw new Error('a node pool has no code');
      }),
      provisioning: pool.provisioning !== undefined ? NODE_PROVISIONINGS[pool.provisioning] : undefined,
      maxNodes: pool.maxNodes,
      minNodes: pool.minNodes,
      zones: pool.zones ? [...pool.zones] : undefined,
      compactPlacement: pool.compactPlacement,
      gpuDriverVersion: pool.gpuDriverVersion !== undefined ? GPU_DRIVER_VERSIONS[pool.gpuDriverVersion] : undefined,
      catalogOverrides: pool.catalogOverrides && compact({ ...pool.catalogOverrides }),
    }))));
  }

  const addonsAt: ConfigPath = raw.addons ? ['gke', 'addons'] : ['gke'];
  const addons = guard({
    at: addonsAt,
    constructPath: `${prefixOf(stacks.addonsStack)}${GKE_IDS.addons}`,
    translate: (_relative, field) => [...addonsAt, ...field],
  }, () => new GkeTrainingAddons(stacks.addonsStack, GKE_IDS.addons, compact({
    cluster,
    kueue: addon(raw.addons?.kueue),
    jobSet: addon(raw.addons?.jobSet),
  })));

  const queuesPath = `${prefixOf(stacks.workloadsStack)}${GKE_IDS.queues}`;
  const queuesEntity = (at: ConfigPath): EntityContext => ({ at, constructPath: queuesPath, translate: (_relative, field) => queueField(raw, field) });
  const queues = guard(queuesEntity(['gke']), () => new GkeTrainingQueues(stacks.workloadsStack, GKE_IDS.queues, compact({
    cluster,
    addons,
    cohortName: raw.cohortName,
  })));
  for (const [teamName, queue] of Object.entries(raw.teams ?? {})) {
    guard(queuesEntity(['gke', 'teams', teamName]), () => queues.addTeamQueue(teams.get(teamName)!, compact({
      quotas: Object.entries(queue.quotas).map(([pool, quota]) => compact({ nodePool: nodePools.get(pool)!, ...quota })),
      queueingStrategy: queue.queueingStrategy !== undefined ? QUEUEING_STRATEGIES[queue.queueingStrategy] : undefined,
    })));
  }
  return { cluster, nodePools, addons, queues };
}

/** The backend of a job with `backend: gke`. */
export function gkeBackend(raw: RawJob, built: BuiltGke, helpers: BuildHelpers): TrainingBackend {
  return TrainingBackend.gke(built.queues, helpers.compact({ priorityClass: raw.priorityClass, ttlAfterFinished: helpers.duration(raw.ttlAfterFinished) }));
}

function prefixOf(scope: Construct): string {
  return scope.node.path === '' ? '' : `${scope.node.path}/`;
}

function clusterProps(raw: RawGkeCluster, environment: TrainingEnvironment, compact: typeof compactFn): GkeTrainingClusterProps {
  return compact({
    environment,
    clusterName: raw.name,
    existingClusterName: raw.existingClusterName,
    releaseChannel: raw.releaseChannel !== undefined ? RELEASE_CHANNELS[raw.releaseChannel] : undefined,
    authorizedNetworks: raw.authorizedNetworks ? [...raw.authorizedNetworks] : undefined,
    publicEndpoint: raw.publicEndpoint,
    deletionProtection: raw.deletionProtection,
    subnetwork: raw.subnetwork,
    podsCidr: raw.podsCidr,
    servicesCidr: raw.servicesCidr,
    podsRangeName: raw.podsRangeName,
    servicesRangeName: raw.servicesRangeName,
    systemPool: raw.systemPool && compact({ ...raw.systemPool }),
    nodeServiceAccount: raw.nodeServiceAccount && compact({ ...raw.nodeServiceAccount }),
    secretsKeyName: raw.secretsKeyName,
    bootDiskKeyName: raw.bootDiskKeyName,
    maintenanceWindow: raw.maintenanceWindow && { ...raw.maintenanceWindow },
  });
}

function addon(raw: RawAddon | undefined): AddonInstallation | undefined {
  if (raw === undefined) return undefined;
  if (raw.install === 'preinstalled') return AddonInstallation.preinstalled();
  return AddonInstallation.helm({ version: raw.version, values: raw.values ? { ...raw.values } : undefined });
}

/** Cluster fields, from the TypeScript props' names to the config's. */
function clusterField(field: readonly (string | number)[]): (string | number)[] {
  const [head, ...rest] = field;
  if (head === 'clusterName') return ['name', ...rest];
  return [...field];
}

/** Node pool fields: `pool.gpusPerReplica` is `gpu.count`, `pool.reservation` is `reservation`; `name` is the key. */
function nodePoolField(pool: RawNodePool, field: readonly (string | number)[]): (string | number)[] {
  const [head, name, ...more] = field;
  if (head === 'name') return [];
  if (head !== 'pool' || name === undefined) return [...field];
  return poolConfigField(pool, name, more);
}

/**
 * Queue fields: `addTeamQueue(vision).quotas[1].nominal` is the second node pool under
 * `gke.teams.vision.quotas`; `cohortName` is `gke.cohortName`.
 */
function queueField(raw: RawGke, field: readonly (string | number)[]): ConfigPath {
  const [head, name, index, ...more] = field;
  const team = typeof head === 'string' ? /^addTeamQueue\((.+)\)$/.exec(head)?.[1] : undefined;
  if (team === undefined) return ['gke', ...field];
  const at: ConfigPath = ['gke', 'teams', team];
  if (name !== 'quotas') return at;
  const pool = typeof index === 'number' ? Object.keys(raw.teams?.[team]?.quotas ?? {})[index] : undefined;
  if (pool === undefined) return [...at, 'quotas'];
  const [property] = more;
  return property === undefined || property === 'nodePool' ? [...at, 'quotas', pool] : [...at, 'quotas', pool, property];
}
