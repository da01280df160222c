import type { Manifest } from '@cdktf/provider-kubernetes/lib/manifest';
import type { KubernetesProvider } from '@cdktf/provider-kubernetes/lib/provider';
import { TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { lazy } from '../core/lazy';
import { GKE_CLUSTER_BRAND, GKE_NODE_POOL_BRAND, GKE_QUEUES_BRAND, TEAM_BRAND } from '../core/construct-brand';
import { FieldProblem, problemsOf, throwProblems } from '../core/validation';
import { TrainingPolicy } from '../policy/training-policy';
import { TrainingReport } from '../report/training-report';
import type { TrainingTeam } from '../environment/team';
import type * as Kueue from '../spec/gke/kueue';
import type { KubernetesObject, KueueTeam } from '../spec/gke/kueue';
import type { ResolvedNodePool } from '../spec/gke/types';
import { kubernetesProviderFor } from './cluster-providers';
import { requireAfterAddons } from './stack-order';
import { kueueQuota } from './queue-inputs';
import { notSystemNamespace } from './system-namespaces';
import { GkeTeamQueue, LOCAL_QUEUE_NAME, QueueingStrategy, TeamQueueOptions, TRAINER_SERVICE_ACCOUNT } from './team-queue';
import type { GkeTrainingAddons } from './training-addons';
import type { GkeTrainingCluster } from './training-cluster';
import { checkArgument } from '../core/field-types';
import { TEAM_QUEUE_OPTIONS } from '../core/input-types';

export * from './team-queue';

/** Props of {@link GkeTrainingQueues}. */
export interface GkeTrainingQueuesProps {
  /** The cluster, declared in an earlier stack; its node pools must be declared before the queues. */
  readonly cluster: GkeTrainingCluster;
  /** The cluster's add-ons (Kueue, JobSet), declared in an earlier stack or pre-installed. */
  readonly addons: GkeTrainingAddons;
  /**
   * Name of the Kueue Cohort in which the teams' ClusterQueues lend and borrow quota.
   * @default - the environment's prefix
   */
  readonly cohortName?: string;
}

/** Loaded with the first queues: a stack without them loads neither (lib/core/lazy.ts). */
const deferred = lazy({
  Manifest: (): typeof Manifest => require('@cdktf/provider-kubernetes/lib/manifest').Manifest,
  kueue: (): typeof Kueue => require('../spec/gke/kueue'),
});

/** The queues of each cluster: one per cluster, since its Kueue objects are cluster-scoped. */
const QUEUES_OF_CLUSTER = new WeakMap<GkeTrainingCluster, GkeTrainingQueues>();

const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

function dnsLabel(value: string): string | undefined {
  return value.length <= 63 && DNS_LABEL.test(value) ? undefined : 'must be a DNS label: at most 63 lowercase letters, digits or hyphens, starting and ending with a letter or digit';
}

/**
 * The Kueue queues of a GKE training cluster and the teams' places on it: one ResourceFlavor per
 * node pool (labels and tolerations from the pool), a Cohort, the WorkloadPriorityClasses
 * (`training-low`, `training-normal`, `training-high`), the queued-provisioning AdmissionCheck when a
 * pool uses it, and per team (see {@link addTeamQueue}) a namespace `<prefix>-<team>`, a `trainer`
 * Kubernetes service account acting as the team's trainer (Workload Identity), the launcher's Role,
 * an isolating NetworkPolicy, a ClusterQueue with the team's quotas and a LocalQueue `training`.
 *
 * Declare it in the workloads stack, after the cluster's and the add-ons' stacks (its
 * `kubernetes_manifest`s need Kueue's CRDs at plan time, and its Kubernetes provider reads the
 * cluster through data sources), together with the GKE jobs that run in its queues. The stack must
 * declare its default google provider (the Workload Identity grants and the provider's data sources
 * use it).
 *
 * @example
 * const queues = new GkeTrainingQueues(workloads, 'queues', { cluster, addons });
 * queues.addTeamQueue(vision, { quotas: [{ nodePool: h100, nominal: 16, borrowingLimit: 8 }] });
 */
export class GkeTrainingQueues extends Construct {
  /** The cluster. */
  public readonly cluster: GkeTrainingCluster;
  /** The add-ons the queues rely on. */
  public readonly addons: GkeTrainingAddons;
  /** The Cohort's name. */
  public readonly cohortName: string;
  /** Name of the LocalQueue of every team namespace. */
  public readonly localQueueName: string = LOCAL_QUEUE_NAME;
  /** Name of the Kubernetes service account of every team namespace. */
  public readonly serviceAccountName: string = TRAINER_SERVICE_ACCOUNT;
  /** One ResourceFlavor per node pool of the cluster, in the pools' order. */
  public readonly resourceFlavors: Manifest[];
  /** The Cohort. */
  public readonly cohort: Manifest;
  /** The WorkloadPriorityClasses, lowest first. */
  public readonly workloadPriorityClasses: Manifest[];
  /** The ProvisioningRequest AdmissionCheck; undefined without a queued-provisioning pool. */
  public readonly admissionCheck?: Manifest;
  /** The ProvisioningRequestConfig of the AdmissionCheck; undefined without a queued-provisioning pool. */
  public readonly provisioningRequestConfig?: Manifest;
  /** The teams' queues, in the order added. */
  public readonly teamQueues: GkeTeamQueue[] = [];
  private readonly provider: KubernetesProvider;
  private readonly pools: ResolvedNodePool[];
  private readonly kueueDependencies: Manifest[];
  private readonly priorityClassByName = new Map<string, Manifest>();

  constructor(scope: Construct, id: string, props: GkeTrainingQueuesProps) {
    super(scope, id);
    GKE_QUEUES_BRAND.mark(this);
    // The workloads stack is checked like the environment's (namespaces, queues, the jobs' JobSets)...
    TrainingPolicy.applyTo(TerraformStack.of(this));
    // ...and writes its own report: its queues, flavors, team quotas and GKE jobs.
    TrainingReport.writeOnSynth(this);
    const problems: FieldProblem[] = [];
    const cluster: GkeTrainingCluster | undefined = GKE_CLUSTER_BRAND.has(props?.cluster) ? props.cluster : undefined;
    if (!cluster) {
      problems.push({ field: 'cluster', value: props?.cluster, allowed: 'a GkeTrainingCluster, declared in an earlier stack' });
    }
    if (cluster ? props.addons?.cluster !== cluster : props?.addons?.cluster === undefined) {
      const of = cluster ? cluster.node.path : 'the cluster';
      problems.push({ field: 'addons', value: props?.addons, allowed: `the GkeTrainingAddons of ${of} (new GkeTrainingAddons(addonsStack, id, { cluster }))` });
    } else if (cluster) {
      // A stack-order mistake (queues in the add-ons' or the cluster's stack) is its own error, and explains the rest.
      requireAfterAddons(this, props.addons, 'GkeTrainingQueues');
    }
    const cohortName = props?.cohortName ?? cluster?.environment.prefix;
    problems.push(...problemsOf('cohortName', cohortName, dnsLabel));
    const earlier = cluster && QUEUES_OF_CLUSTER.get(cluster);
    if (cluster && earlier) {
      problems.push({
        field: 'cluster', value: cluster,
        allowed: `a cluster without queues: ${earlier.node.path} already declares the Kueue objects of ${cluster.node.path} (flavors, cohort and priority classes are cluster-wide); add teams there`,
      });
    }
    throwProblems(this, problems);
    this.cluster = props.cluster;
    this.addons = props.addons;
    this.cohortName = cohortName!;
    QUEUES_OF_CLUSTER.set(props.cluster, this);
    this.provider = kubernetesProviderFor(this, props.cluster);

    this.pools = props.cluster.nodePools.map((p) => p._resolved);
    const declared = this.pools.length;
    this.node.addValidation({
      validate: () => (props.cluster.nodePools.length === declared ? [] : [
        `${this.node.path}: node pools ${props.cluster.nodePools.slice(declared).map((p) => p.nodePoolName).join(', ')} were added to ` +
          `${props.cluster.node.path} after the queues were declared: they have no Kueue ResourceFlavor; declare every node pool before GkeTrainingQueues`,
      ]),
    });

    const kueue = deferred.kueue;
    const manifest = (mid: string, object: KubernetesObject, dependsOn: Manifest[] = []): Manifest =>
      new deferred.Manifest(this, mid, { provider: this.provider, manifest: object as unknown as { [key: string]: any }, dependsOn });
    this.resourceFlavors = this.pools.map((pool) => manifest(`flavor-${pool.name}`, kueue.resourceFlavor(pool)));
    this.cohort = manifest('cohort', kueue.cohort(this.cohortName));
    this.workloadPriorityClasses = kueue.workloadPriorityClasses().map((p) => {
      const priority = manifest(`priority-${p.metadata.name}`, p);
      this.priorityClassByName.set(p.metadata.name, priority);
      return priority;
    });
    const queued = kueue.queuedProvisioning(this.pools);
    if (queued) {
      this.provisioningRequestConfig = manifest('provisioning-request-config', queued.provisioningRequestConfig);
      this.admissionCheck = manifest('admission-check', queued.admissionCheck, [this.provisioningRequestConfig]);
    }
    this.kueueDependencies = [...this.resourceFlavors, this.cohort, ...(this.admissionCheck ? [this.admissionCheck] : [])];
  }

  /** The namespace of a team's runs: `<prefix>-<team>`. */
  public namespaceOf(team: TrainingTeam): string {
    return `${team.environment.prefix}-${team.teamName}`;
  }

  /** The name of a team's ClusterQueue (cluster-scoped): the team namespace's name. */
  public clusterQueueName(team: TrainingTeam): string {
    return this.namespaceOf(team);
  }

  /**
   * The WorkloadPriorityClass of this name, which a job's JobSet names and its manifest waits for.
   * @param name a priority class name: `training-low`, `training-normal` or `training-high`
   * @default - `training-normal`, a job's default priority
   * @returns undefined for a name the cluster has no priority class of
   */
  public workloadPriorityClass(name?: string): Manifest | undefined {
    return this.priorityClassByName.get(name ?? deferred.kueue.DEFAULT_WORKLOAD_PRIORITY);
  }

  /** The queue of a team, or undefined when it has none. */
  public teamQueueOf(team: TrainingTeam): GkeTeamQueue | undefined {
    return this.teamQueues.find((q) => q.team === team);
  }

  /**
   * Gives a team of the cluster's environment a namespace and a ClusterQueue with these quotas, in
   * the queues' cohort. Throws, listing every problem, for a namespace `<prefix>-<team>` that would
   * be a system namespace (`kube-system`, `kueue-system`, `gke-managed-*`, ...), a node pool of another cluster or one
   * declared after the queues, a quota given twice for a pool, a negative or (for GPUs and TPU
   * chips) fractional number, a lending limit above the nominal quota, or nominal quotas of all
   * teams that a pool cannot hold at its maximum size.
   *
   * @param team a team of the cluster's environment, given one queue
   * @param options the team's quotas
   */
  public addTeamQueue(team: TrainingTeam, options: TeamQueueOptions): GkeTeamQueue {
    const env = this.cluster.environment;
    const isTeam = TEAM_BRAND.has(team);
    const field = `addTeamQueue(${isTeam ? team.teamName : '?'})`;
    checkArgument(this, field, options, TEAM_QUEUE_OPTIONS);
    const problems: FieldProblem[] = [];
    if (!isTeam) {
      problems.push({ field: 'team', value: team, allowed: 'a TrainingTeam (environment.addTeam(name))' });
    } else if (team.environment !== env) {
      problems.push({ field: `${field}.team`, value: team, allowed: `a team of ${env.node.path}, the environment of ${this.cluster.node.path}` });
    } else if (this.teamQueueOf(team)) {
      problems.push({ field: `${field}.team`, value: team.teamName, allowed: 'a team without a queue yet: each team has one ClusterQueue; give it all its quotas in one call' });
    }
    const quotas = [...(options?.quotas ?? [])];
    const poolProblems: FieldProblem[] = [];
    quotas.forEach((q, i) => {
      if (!GKE_NODE_POOL_BRAND.has(q?.nodePool)) {
        poolProblems.push({ field: `${field}.quotas[${i}].nodePool`, value: q?.nodePool, allowed: 'a GkeNodePool (cluster.addNodePool(id, options))' });
      } else if (q.nodePool.cluster !== this.cluster) {
        poolProblems.push({ field: `${field}.quotas[${i}].nodePool`, value: q.nodePool, allowed: `a node pool of ${this.cluster.node.path}` });
      }
    });
    problems.push(...poolProblems);
    const namespace = isTeam ? this.namespaceOf(team) : '';
    if (isTeam) {
      problems.push(...problemsOf(`${field}.namespace`, namespace, dnsLabel));
      problems.push(...problemsOf(`${field}.namespace`, namespace, notSystemNamespace));
    }
    const kueueTeam: KueueTeam = {
      team: isTeam ? team.teamName : '?',
      namespace,
      clusterQueue: isTeam ? this.clusterQueueName(team) : '',
      quotas: quotas.map(kueueQuota),
      queueingStrategy: options?.queueingStrategy ?? QueueingStrategy.BEST_EFFORT_FIFO,
      field,
    };
    const kueue = deferred.kueue;
    // Quotas on what is not a node pool of the cluster would only repeat its problem.
    if (poolProblems.length === 0) problems.push(...kueue.teamQuotaProblems(kueueTeam, this.pools));
    if (problems.length === 0) problems.push(...kueue.capacityProblems([...this._kueueTeams(), kueueTeam], this.pools));
    throwProblems(this, problems);

    const teamQueue = new GkeTeamQueue(this, team.teamName, {
      team,
      namespaceName: namespace,
      clusterQueueName: kueueTeam.clusterQueue,
      quotas,
      provider: this.provider,
      workloadPool: this.cluster.workloadPool,
      clusterQueue: { ...kueue.clusterQueue(kueueTeam, this.pools, this.cohortName) },
      localQueue: { ...kueue.localQueue(kueueTeam, LOCAL_QUEUE_NAME) },
      kueueDependencies: this.kueueDependencies,
      _kueueTeam: kueueTeam,
    });
    this.teamQueues.push(teamQueue);
    return teamQueue;
  }

  /** Each team's queue in the pure Kueue layer's terms, in the order added. @internal */
  public _kueueTeams(): KueueTeam[] {
    return this.teamQueues.map((q) => q._kueueTeam);
  }

  /** The cluster's node pools as resolved when the queues were declared. @internal */
  public get _nodePools(): ResolvedNodePool[] {
    return this.pools;
  }
}
