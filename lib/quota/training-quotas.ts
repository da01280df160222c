import { Annotations, Aspects, DataResource, dependable, IAspect, ITerraformDependable, TerraformLocal, TerraformStack } from 'cdktf';
import { Construct, IConstruct } from 'constructs';
import type { CloudQuotasQuotaPreference } from '@cdktf/provider-google/lib/cloud-quotas-quota-preference';
import type { DataGoogleCloudQuotasQuotaInfo } from '@cdktf/provider-google/lib/data-google-cloud-quotas-quota-info';
import type { QuotaDemand, workloadDemand } from './demand';
import type { metricUnit, quotaMetric } from './metrics';
import type { computeMetricProblem, GLOBAL_COMPUTE_METRICS, isGlobalComputeMetric, machinePoolDemand, nodePoolDemand } from './compute-engine';
import { DeclaredLimit, overLimitMessage, PlannedWorkload, PlanRow, planRows } from './plan';
import { DeclaredShare, overcommitments, overShareMessage, ShareRow, shareRows } from './shares';
import { COMPUTE_PREFIX, COMPUTE_QUOTA_SERVICE, GLOBAL_QUOTA_REGION } from '../catalog/compute-quota-service';
import type { QUOTA_SERVICE } from '../catalog/quotas';
import { isVertexRegion } from '../catalog/regions';
import type { layoutIntent, schedulingIntent } from '../compute/layout';
import { SchedulingOptions } from '../compute/scheduling';
import { WorkerPoolsProps } from '../compute/worker-pools';
import { check, literal, locatedMessage, problemsOf, throwProblems, ValidationError } from '../core/validation';
import { closest } from '../core/words';
import { ProjectApis } from '../environment/apis';
import type { schedulingJson, isPreemptible } from '../spec/scheduling';
import { Problem } from '../spec/problem';
import type { ResolvedPool, resolvePools } from '../spec/worker-pools';
import type { ResolvedNodePool } from '../spec/gke/types';
import { lazy } from '../core/lazy';

/** Cloud Quotas provider classes, loaded when a stack checks quota at plan time or requests an increase. */
const google = lazy({
  CloudQuotasQuotaPreference: (): typeof CloudQuotasQuotaPreference => require('@cdktf/provider-google/lib/cloud-quotas-quota-preference').CloudQuotasQuotaPreference,
  DataGoogleCloudQuotasQuotaInfo: (): typeof DataGoogleCloudQuotasQuotaInfo => require('@cdktf/provider-google/lib/data-google-cloud-quotas-quota-info').DataGoogleCloudQuotasQuotaInfo,
});

/** What workloads and declared limits are checked with, loaded with the first of them: an environment alone has none. */
const deferred = lazy({
  QUOTA_SERVICE: (): typeof QUOTA_SERVICE => require('../catalog/quotas').QUOTA_SERVICE,
  isPreemptible: (): typeof isPreemptible => require('../spec/scheduling').isPreemptible,
  layoutIntent: (): typeof layoutIntent => require('../compute/layout').layoutIntent,
  quotaMetric: (): typeof quotaMetric => require('./metrics').quotaMetric,
  metricUnit: (): typeof metricUnit => require('./metrics').metricUnit,
  resolvePools: (): typeof resolvePools => require('../spec/worker-pools').resolvePools,
  schedulingIntent: (): typeof schedulingIntent => require('../compute/layout').schedulingIntent,
  schedulingJson: (): typeof schedulingJson => require('../spec/scheduling').schedulingJson,
  workloadDemand: (): typeof workloadDemand => require('./demand').workloadDemand,
});

/** Compute Engine quotas of GKE node pools, loaded with the first node pool or Compute Engine limit. */
const compute = lazy({
  computeMetricProblem: (): typeof computeMetricProblem => require('./compute-engine').computeMetricProblem,
  isGlobalComputeMetric: (): typeof isGlobalComputeMetric => require('./compute-engine').isGlobalComputeMetric,
  GLOBAL_COMPUTE_METRICS: (): typeof GLOBAL_COMPUTE_METRICS => require('./compute-engine').GLOBAL_COMPUTE_METRICS,
  machinePoolDemand: (): typeof machinePoolDemand => require('./compute-engine').machinePoolDemand,
  nodePoolDemand: (): typeof nodePoolDemand => require('./compute-engine').nodePoolDemand,
});

/** A known quota limit of the project. */
export interface QuotaLimit {
  /**
   * Metric: of Vertex AI, e.g. `custom_model_training_nvidia_h100_gpus` (the `aiplatform.googleapis.com/`
   * prefix is optional), or of Compute Engine, which GKE node pools consume, always with its prefix,
   * e.g. `compute.googleapis.com/PREEMPTIBLE_NVIDIA_H100_GPUS`, or the global
   * `compute.googleapis.com/GPUS_ALL_REGIONS` and `compute.googleapis.com/CPUS_ALL_REGIONS`.
   */
  readonly metric: string;
  /** The limit (units of the metric: GPUs, TPU chips or cores, vCPUs). */
  readonly limit: number;
  /**
   * Region of the limit; `global` (the only value they take) for the all-regions quotas.
   * @default - the environment's region; `global` for an all-regions quota
   */
  readonly region?: string;
}

/**
 * A team's share of one of the environment's Vertex AI quotas in one region: the most its jobs may
 * demand at once (never-concurrent jobs count as their largest). The same fields as a
 * {@link QuotaLimit}, which bounds all jobs of the environment together.
 */
export interface QuotaShare {
  /**
   * Vertex AI training metric, e.g. `custom_model_training_nvidia_h100_gpus` or
   * `custom_model_training_preemptible_nvidia_h100_gpus` (the `aiplatform.googleapis.com/` prefix is optional).
   */
  readonly metric: string;
  /** The share (units of the metric: GPUs, TPU chips or cores, vCPUs). */
  readonly limit: number;
  /**
   * Region of the share.
   * @default - the environment's region
   */
  readonly region?: string;
}

/** A team's peak demand on a quota it has a share of. */
export interface TeamQuotaShareEntry {
  /** The team's name. */
  readonly team: string;
  /** Region. */
  readonly region: string;
  /** Metric of service `aiplatform.googleapis.com`. */
  readonly metric: string;
  /** What the quota counts. */
  readonly unit: string;
  /** The team's share. */
  readonly share: number;
  /** Peak concurrent demand of the team's jobs (0 when none uses the quota). */
  readonly demand: number;
  /** Each of the team's jobs' demand, `name=amount`, in declaration order. */
  readonly contributions: string[];
}

/** Asking for more quota through the Cloud Quotas API. */
export interface QuotaIncreaseRequest {
  /** Who Google contacts about the request (needs permission to update quotas). */
  readonly contactEmail: string;
  /**
   * Why the quota is needed.
   * @default 'Vertex AI custom training (cdktf-vertex-training)'
   */
  readonly justification?: string;
}

/** Quota settings of a {@link TrainingEnvironment}. */
export interface QuotaOptions {
  /**
   * Known limits. Demand above a limit fails synth (or, with `requestIncreases`, requests more);
   * demand on a quota without a declared limit gives a warning.
   * @default - none
   */
  readonly limits?: QuotaLimit[];
  /**
   * Cloud Quotas API quota IDs by metric, overriding the catalog (many catalog IDs are
   * [unconfirmed] patterns; `gcloud beta quotas info list --service=aiplatform.googleapis.com` lists
   * the real ones).
   * @default - the catalog's IDs
   */
  readonly quotaIds?: { [metric: string]: string };
  /**
   * Reads the live quota of every used quota at `terraform plan` (Cloud Quotas API). A quota below
   * the demand fails the plan (a precondition), except a quota this stack requests itself
   * (`requestIncreases`): that one is checked by a Terraform `check` block, which warns and never
   * blocks the plan that applies the request.
   * @default false
   */
  readonly checkAtPlan?: boolean;
  /**
   * Requests a quota increase (a `google_cloud_quotas_quota_preference`) for every quota whose demand
   * exceeds its declared limit, instead of failing synth.
   * @default - no requests
   */
  readonly requestIncreases?: QuotaIncreaseRequest;
}

/** What one workload (a job) runs, for quota planning. */
export interface QuotaWorkloadProps {
  /** The job's worker pools. */
  readonly workerPools: WorkerPoolsProps;
  /**
   * The job's scheduling (SPOT and FLEX_START use preemptible quota).
   * @default - STANDARD
   */
  readonly scheduling?: SchedulingOptions;
  /**
   * Copies of the workload that run at once (parallel trials of a tuning job).
   * @default 1
   */
  readonly parallelism?: number;
  /**
   * Region the workload runs in.
   * @default - the environment's region
   */
  readonly region?: string;
  /**
   * Name of the team whose quota shares the workload counts against.
   * @default - no team: only the environment's limits apply
   */
  readonly team?: string;
}

/** How `terraform plan` checks one quota against the live limit (`checkAtPlan`). */
export enum QuotaPlanCheck {
  /** A precondition: a live quota below the demand fails the plan. */
  BLOCKS_PLAN = 'BLOCKS_PLAN',
  /** A `check` block: a live quota below the demand is a warning (the stack requests more itself). */
  WARNS = 'WARNS',
}

/** One row of the quota plan: peak demand on one quota in one region. */
export interface QuotaPlanEntry {
  /** Region. */
  readonly region: string;
  /** Service of the quota: `aiplatform.googleapis.com` (jobs) or `compute.googleapis.com` (GKE node pools). */
  readonly service: string;
  /** Metric: of Vertex AI without prefix, of Compute Engine with its `compute.googleapis.com/` prefix. */
  readonly metric: string;
  /** Cloud Quotas API quota ID, when known. */
  readonly quotaId?: string;
  /** What the quota counts. */
  readonly unit: string;
  /** Peak concurrent demand of the stack. */
  readonly demand: number;
  /** The declared limit, when declared. */
  readonly limit?: number;
  /** Each workload's demand, `name=amount`, in declaration order. */
  readonly contributions: string[];
  /**
   * Whether an increase is requested for the quota (`requestIncreases`, demand over the declared limit).
   * @default false
   */
  readonly increaseRequested?: boolean;
  /**
   * How `terraform plan` checks the quota.
   * @default - not checked at plan (no `checkAtPlan`, or no known quota ID)
   */
  readonly checkedAtPlan?: QuotaPlanCheck;
}

/** Properties of {@link TrainingQuotas}. */
export interface TrainingQuotasProps extends QuotaOptions {
  /** Project whose quota is planned. */
  readonly projectId: string;
  /** Default region of workloads and limits. */
  readonly region: string;
  /** Prefix of derived names. */
  readonly prefix: string;
  /** The environment's APIs (the Cloud Quotas API is enabled when used). */
  readonly apis: ProjectApis;
  /**
   * The project the google provider bills Cloud Quotas calls to, when it is not the environment's.
   * @default - the environment's project
   */
  readonly billingProjectId?: string;
}

/**
 * The stack's accelerator and CPU quota plan: peak demand per region and quota, checked at synth
 * against declared limits, optionally at plan time against the live quota, and optionally requested.
 * Jobs demand Vertex AI quotas, GKE node pools Compute Engine quotas (at `maxNodes`; checked at synth
 * only); each team's jobs are also checked against its shares of the Vertex AI quotas.
 */
export class TrainingQuotas extends Construct {
  /**
   * A `terraform_data` resource whose preconditions compare live quota with demand (checkAtPlan),
   * for the quotas the stack does not request; whatever launches a job depends on it.
   */
  public readonly gate?: DataResource;
  private readonly props: TrainingQuotasProps;
  private readonly limits: DeclaredLimit[] = [];
  private readonly workloads: PlannedWorkload[] = [];
  private readonly workloadNames = new Set<string>();
  private readonly nodePoolNames = new Set<string>();
  private readonly exclusiveGroups: string[][] = [];
  private readonly teamOf = new Map<string, string>();
  private readonly shares: DeclaredShare[] = [];
  private shareRowsCache?: ShareRow[];
  private readonly quotaInfoResources: DataGoogleCloudQuotasQuotaInfo[] = [];
  private readonly preferenceResources: CloudQuotasQuotaPreference[] = [];
  private rowsCache?: PlanRow[];
  private finalized = false;
  private readonly warned = new Set<string>();
  private readonly checkNames: string[] = [];

  constructor(scope: Construct, id: string, props: TrainingQuotasProps) {
    super(scope, id);
    this.props = props;
    // Every problem of the quota settings at once.
    const problems: Problem[] = [];
    for (const metric of Object.keys(props.quotaIds ?? {})) problems.push(...problemsOf('quotaIds key', normalizeMetric(metric), (v) => deferred.quotaMetric(v)));
    problems.push(...problemsOf('requestIncreases.contactEmail', props.requestIncreases?.contactEmail, (v) =>
      /^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(v) ? undefined : 'must be an email address'));
    const limits = (props.limits ?? []).map((limit, i) => this.limitOf(limit, `limits[${i}]`, problems));
    throwProblems(this, problems);
    this.limits.push(...limits);
    if (props.checkAtPlan) {
      this.gate = new DataResource(this, 'gate', { input: { purpose: 'Vertex AI quota check: see the preconditions' } });
    }
    const self = this;
    Aspects.of(this).add(new (class implements IAspect {
      public visit(node: IConstruct): void {
        if (node === self) self.finalize();
      }
    })());
    this.node.addValidation({ validate: () => this.validatePlan() });
  }

  /**
   * Declares a known quota limit.
   * @param limit metric, limit and region
   * @param field where the limit came from, for error messages @default 'limit'
   */
  public declareLimit(limit: QuotaLimit, field = 'limit'): void {
    const problems: Problem[] = [];
    const declared = this.limitOf(limit, field, problems);
    throwProblems(this, problems);
    this.limits.push(declared);
    this.rowsCache = undefined;
  }

  /** A declared limit, its problems added to `problems`: a metric no job or node pool demands would check nothing. */
  private limitOf(limit: QuotaLimit, field: string, problems: Problem[]): DeclaredLimit {
    const metric = typeof limit.metric === 'string' ? normalizeMetric(limit.metric) : limit.metric;
    // An all-regions quota is planned under region `global`; no other quota is.
    const global = typeof metric === 'string' && metric.startsWith(COMPUTE_PREFIX) && compute.isGlobalComputeMetric(metric);
    const region = limit.region ?? (global ? GLOBAL_QUOTA_REGION : this.props.region);
    const regionProblem = (v: string) => global
      ? (v === GLOBAL_QUOTA_REGION ? undefined : `must be "${GLOBAL_QUOTA_REGION}" (or unset): ${metric} is one limit over all regions`)
      : v === GLOBAL_QUOTA_REGION ? `must be a region: "${GLOBAL_QUOTA_REGION}" is only for ${compute.GLOBAL_COMPUTE_METRICS.map((m) => COMPUTE_PREFIX + m).join(' and ')}`
        : isVertexRegion(v) ? undefined : 'must be a region with a Vertex AI endpoint';
    const metricProblem = (v: string) => v.startsWith(COMPUTE_PREFIX) ? compute.computeMetricProblem(v.slice(COMPUTE_PREFIX.length)) : deferred.quotaMetric(v);
    problems.push(
      ...problemsOf(`${field}.metric`, metric, (v) => typeof v === 'string' ? metricProblem(v) : 'must be a string'),
      ...problemsOf(`${field}.limit`, limit.limit, (v) => Number.isInteger(v) && v >= 0 ? undefined : 'must be a whole number ≥ 0'),
      ...problemsOf(`${field}.region`, region, regionProblem),
    );
    return { region, metric, limit: limit.limit };
  }

  /**
   * Declares workloads that never run at the same time (e.g. jobs scheduled one after another):
   * together they demand only as much as the largest of them.
   * @param workloads names given to `addWorkload`
   */
  public neverConcurrent(...workloads: string[]): void {
    for (const name of workloads) {
      if (this.exclusiveGroups.some((g) => g.includes(name))) {
        throw new ValidationError(this, 'neverConcurrent', name, 'a workload belongs to at most one group of never-concurrent workloads');
      }
    }
    this.exclusiveGroups.push([...workloads]);
    this.rowsCache = undefined;
    this.shareRowsCache = undefined;
  }

  /**
   * Adds a workload's peak demand to the plan, validating its pools and scheduling.
   * @param name unique name of the workload (a job's name)
   * @param props pools, scheduling, parallelism and region
   */
  public addWorkload(name: string, props: QuotaWorkloadProps): void {
    this.assertNewWorkload(name);
    const region = props.region ?? this.props.region;
    const field = `workloads.${name}`;
    const parallelism = props.parallelism ?? 1;
    check(this, `${field}.parallelism`, parallelism, (v) => Number.isInteger(v) && v >= 1 ? undefined : 'must be a whole number ≥ 1');
    const resolution = deferred.resolvePools(deferred.layoutIntent(props.workerPools), literal(region), `${field}.workerPools`);
    const scheduling = deferred.schedulingIntent(props.scheduling);
    throwProblems(this, [...resolution.problems, ...deferred.schedulingJson(scheduling, resolution.pools, `${field}.scheduling`).problems]);
    this._addResolvedWorkload(name, region, resolution.pools, deferred.isPreemptible(scheduling.strategy), parallelism, props.team);
  }

  /**
   * Declares a team's shares of the environment's Vertex AI quotas; returns their problems (the
   * team reports them with its own). `TrainingTeam` calls it with its `quotaShares`.
   * @param team the team's name
   * @param shares its shares
   * @param field where the shares came from, for error messages
   * @internal
   */
  public _addTeamShares(team: string, shares: readonly QuotaShare[], field: string): Problem[] {
    const problems: Problem[] = [];
    const seen = new Set(this.shares.filter((s) => s.team === team).map((s) => `${s.region}\u0000${s.metric}`));
    const declared: DeclaredShare[] = [];
    shares.forEach((share, i) => {
      const at = `${field}[${i}]`;
      if (typeof share.metric === 'string' && share.metric.startsWith(COMPUTE_PREFIX)) {
        problems.push({ field: `${at}.metric`, value: share.metric, allowed: 'must be a Vertex AI quota: a team\'s share of a GKE node pool is its ClusterQueue\'s nominal quota (GkeTrainingQueues.addTeamQueue)' });
        return;
      }
      const limit = this.limitOf(share, at, problems);
      const key = `${limit.region}\u0000${limit.metric}`;
      if (seen.has(key)) {
        problems.push({ field: `${at}.metric`, value: limit.metric, allowed: `a team has one share per quota and region (${limit.region} already has one)` });
      }
      seen.add(key);
      declared.push({ ...limit, team });
    });
    if (problems.length === 0) {
      if (this.finalized) return [{ field, value: team, allowed: 'shares must be declared before the stack is synthesized' }];
      this.shares.push(...declared);
      this.shareRowsCache = undefined;
    }
    return problems;
  }

  /** Each team's peak demand on each quota it has a share of, sorted by team, region and metric. */
  public teamShares(): TeamQuotaShareEntry[] {
    return this.teamShareRows().map((row) => ({
      team: row.team,
      region: row.region,
      metric: row.metric,
      unit: row.unit,
      share: row.share,
      demand: row.demand,
      contributions: row.contributions.map((c) => `${c.workload}=${c.amount}`),
    }));
  }

  private teamShareRows(): ShareRow[] {
    // No share, nothing to compare: an environment without teams' shares loads no quota catalog.
    if (this.shares.length === 0) return [];
    this.shareRowsCache ??= shareRows(this.workloads, this.teamOf, this.exclusiveGroups, this.shares, deferred.metricUnit);
    return this.shareRowsCache;
  }

  /**
   * Whether a workload of this name is planned.
   * @internal
   */
  public _hasWorkload(name: string): boolean {
    return this.workloadNames.has(name);
  }

  /**
   * Adds a workload whose pools a job has already resolved and validated; `team` is the team whose
   * shares it counts against.
   * @internal
   */
  public _addResolvedWorkload(name: string, region: string, pools: readonly ResolvedPool[], preemptible: boolean, parallelism: number, team?: string): void {
    this.assertNewWorkload(name);
    this.workloadNames.add(name);
    this.workloads.push({ name, region, demand: deferred.workloadDemand(pools, preemptible, parallelism) });
    if (team !== undefined) this.teamOf.set(name, team);
    this.rowsCache = undefined;
    this.shareRowsCache = undefined;
  }

  /**
   * Adds a GKE node pool's peak demand on Compute Engine quotas: `maxNodes` × what one node
   * consumes (GPUs or TPU chips, and vCPUs; preemptible quotas for Spot, flex-start and queued
   * provisioning). Compute Engine quotas are checked at synth against declared limits
   * (`compute.googleapis.com/...` metrics) only: never at plan, never requested. `GkeNodePool` calls it.
   * The pool's nodes are in the environment's region (a cluster's location is the environment's region).
   * @param name unique name of the pool in the environment, `<cluster>/<node pool>`
   * @param pool the resolved node pool
   * @internal
   */
  public _addNodePool(name: string, pool: ResolvedNodePool): void {
    this.addPoolDemand(name, () => compute.nodePoolDemand(pool));
  }

  /**
   * Adds the peak demand of a pool of plain on-demand nodes of `machineType` (a GKE cluster's system
   * pool) on the Compute Engine vCPU quotas, as {@link _addNodePool} does for accelerator pools.
   * `GkeTrainingCluster` calls it for the system pool it creates.
   * @param name unique name of the pool in the environment, `<cluster>/system`
   * @param machineType e.g. `e2-standard-4`
   * @param maxNodes most nodes of the pool over all its zones
   * @internal
   */
  public _addMachinePool(name: string, machineType: string, maxNodes: number): void {
    this.addPoolDemand(name, () => compute.machinePoolDemand(machineType, maxNodes));
  }

  /** Adds a GKE pool's Compute Engine demand, in the environment's region, once per pool name. */
  private addPoolDemand(name: string, demand: () => readonly QuotaDemand[]): void {
    if (this.finalized) throw new ValidationError(this, 'nodePool', name, 'node pools must be added before the stack is synthesized');
    if (this.nodePoolNames.has(name)) throw new ValidationError(this, 'nodePool', name, 'node pool names are unique within a cluster');
    this.nodePoolNames.add(name);
    this.workloads.push({ name, region: this.props.region, demand: demand() });
    this.rowsCache = undefined;
  }

  /** The plan: peak demand per region and quota, with declared limits. */
  public plan(): QuotaPlanEntry[] {
    return this.rows().map((row) => ({
      region: row.region,
      service: isCompute(row) ? COMPUTE_QUOTA_SERVICE : deferred.QUOTA_SERVICE,
      metric: row.metric,
      quotaId: this.quotaIdOf(row),
      unit: row.unit,
      demand: row.demand,
      limit: row.limit,
      contributions: row.contributions.map((c) => `${c.workload}=${c.amount}`),
      increaseRequested: this.isRequested(row),
      checkedAtPlan: this.planCheckOf(row),
    }));
  }

  /** Whether the stack requests more of the quota of `row` (never of a Compute Engine quota). */
  private isRequested(row: PlanRow): boolean {
    return this.props.requestIncreases !== undefined && !isCompute(row) && this.quotaIdOf(row) !== undefined && row.limit !== undefined && row.demand > row.limit;
  }

  /** How the plan checks `row`: a quota the stack requests must never block the plan that requests it. */
  private planCheckOf(row: PlanRow): QuotaPlanCheck | undefined {
    if (!this.props.checkAtPlan || isCompute(row) || this.quotaIdOf(row) === undefined) return undefined;
    return this.isRequested(row) ? QuotaPlanCheck.WARNS : QuotaPlanCheck.BLOCKS_PLAN;
  }

  /** The live-quota lookups created for `checkAtPlan`. */
  public get quotaInfos(): DataGoogleCloudQuotasQuotaInfo[] {
    return [...this.quotaInfoResources];
  }

  /** The quota increase requests created for `requestIncreases`. */
  public get preferences(): CloudQuotasQuotaPreference[] {
    return [...this.preferenceResources];
  }

  private rows(): PlanRow[] {
    this.rowsCache ??= planRows(this.workloads, this.exclusiveGroups, this.limits);
    return this.rowsCache;
  }

  private quotaIdOf(row: PlanRow): string | undefined {
    if (isCompute(row)) return undefined;
    return this.props.quotaIds?.[row.metric] ?? this.props.quotaIds?.[`${deferred.QUOTA_SERVICE}/${row.metric}`] ?? row.quotaId;
  }

  private assertNewWorkload(name: string): void {
    if (this.finalized) throw new ValidationError(this, 'workload', name, 'workloads must be added before the stack is synthesized');
    if (this.workloadNames.has(name)) throw new ValidationError(this, 'workload', name, 'workload names are unique within an environment');
  }

  /** Validation and aspects run at every synth; each warning is annotated once. */
  private warnOnce(message: string): void {
    if (this.warned.has(message)) return;
    this.warned.add(message);
    Annotations.of(this).addWarning(message);
  }

  private quotaIdIsGuessed(row: PlanRow): boolean {
    const overridden = this.props.quotaIds?.[row.metric] ?? this.props.quotaIds?.[`${deferred.QUOTA_SERVICE}/${row.metric}`];
    return overridden === undefined && row.quotaIdConfidence === 'unconfirmed';
  }

  private validatePlan(): string[] {
    const errors: string[] = [];
    for (const row of this.rows()) {
      if (row.limit === undefined) {
        this.warnOnce(`${row.region} ${row.metric}: demand ${row.demand} ${row.unit} and no declared limit (declare it in quotas.limits to check it at synth)`);
      } else if (row.demand > row.limit && isCompute(row)) {
        // Never requested, never checked at plan: the declared limit is the only check.
        errors.push(locatedMessage(this, `${overLimitMessage(row, 'node pools')}: node pools scaled to maxNodes. Lower maxNodes, or raise the Compute Engine quota and its declared limit.`));
      } else if (row.demand > row.limit && !this.props.requestIncreases) {
        errors.push(locatedMessage(this, `${overLimitMessage(row)}. Lower the demand, declare never-concurrent jobs, or set quotas.requestIncreases.`));
      }
    }
    for (const row of this.teamShareRows()) {
      if (row.demand > row.share) {
        errors.push(locatedMessage(this, `${overShareMessage(row)}. Lower the team's demand, declare never-concurrent jobs, or raise its quotaShares.`));
      }
    }
    // A warning, not an error: the environment's limit still fails synth when the jobs' demand exceeds it.
    for (const over of overcommitments(this.shares, this.limits)) {
      this.warnOnce(`${over.region} ${over.metric}: team shares sum to ${over.total} > limit ${over.limit} (${over.shares.join(', ')}): a team within its share may still find the quota used up by others`);
    }
    return errors;
  }

  /**
   * Creates the plan-time checks and the quota requests once every workload is known. A quota the
   * stack requests is checked by a Terraform `check` block, whose failure (and whose lookup's
   * failure) is a warning: the plan that applies the request must not be blocked by the shortfall
   * it fixes. Every other quota is checked by a precondition of the gate, which fails the plan.
   */
  private finalize(): void {
    // Aspects run at every synth of the stack; the resources are created once.
    if (this.finalized) return;
    // Jobs are added after the groups that name them: the names are checked once all exist.
    throwProblems(this, this.unknownWorkloadProblems());
    this.finalized = true;
    const rows = this.rows();
    if (rows.length === 0) return;
    const parent = `projects/${this.props.projectId}`;
    const infoByQuotaId = new Map<string, DataGoogleCloudQuotasQuotaInfo>();
    const preconditions: { condition: string; errorMessage: string }[] = [];
    for (const row of rows) {
      // Compute Engine quotas are checked at synth only (see _addNodePool).
      if (isCompute(row)) continue;
      const quotaId = this.quotaIdOf(row);
      const slug = `${row.region}-${row.metric}`.replace(/_/g, '-');
      if (quotaId === undefined) {
        if (this.props.checkAtPlan || this.props.requestIncreases) {
          this.warnOnce(`${row.region} ${row.metric}: no Cloud Quotas quota ID is known; set quotas.quotaIds["${row.metric}"] to check or request it`);
        }
        continue;
      }
      if (this.quotaIdIsGuessed(row) && (this.props.checkAtPlan || this.props.requestIncreases)) {
        this.warnOnce(`${row.region} ${row.metric}: quota ID ${quotaId} follows Google's naming pattern but is unconfirmed; verify it with \`gcloud beta quotas info list --service=${deferred.QUOTA_SERVICE}\` and set quotas.quotaIds["${row.metric}"]`);
      }
      const requested = this.isRequested(row);
      const message = `Vertex AI quota ${row.metric} (${quotaId}) in ${row.region} is below this stack's peak demand of ${row.demand} ${row.unit} (${row.contributions.map((c) => `${c.workload}=${c.amount}`).join(', ')})`;
      const planCheck = this.planCheckOf(row);
      if (planCheck === QuotaPlanCheck.WARNS) {
        this.addQuotaCheck(slug, parent, quotaId, row, `${message}. The stack requests ${row.demand}: jobs may fail to start until Google grants it.`);
      } else if (planCheck === QuotaPlanCheck.BLOCKS_PLAN) {
        let info = infoByQuotaId.get(quotaId);
        if (!info) {
          info = new google.DataGoogleCloudQuotasQuotaInfo(this, `info-${quotaId}`, {
            parent, service: deferred.QUOTA_SERVICE, quotaId,
            dependsOn: this.quotasApi(),
          });
          infoByQuotaId.set(quotaId, info);
          this.quotaInfoResources.push(info);
        }
        const infos = `data.${google.DataGoogleCloudQuotasQuotaInfo.tfResourceType}.${info.friendlyUniqueId}.dimensions_infos`;
        const live = new TerraformLocal(this, `live-${slug}`, `\${${liveQuota(infos, row.region)}}`);
        preconditions.push({
          condition: `\${local.${live.friendlyUniqueId} == -1 || local.${live.friendlyUniqueId} >= ${row.demand}}`,
          errorMessage: `${message}. Request more quota or lower the demand.`,
        });
      }
      if (requested) {
        this.warnOnce(`${overLimitMessage(row)}: requesting ${row.demand} through the Cloud Quotas API`);
        this.preferenceResources.push(new google.CloudQuotasQuotaPreference(this, `request-${slug}`, {
          parent,
          name: preferenceName(this.props.prefix, row.region, row.metric),
          service: deferred.QUOTA_SERVICE,
          quotaId,
          dimensions: { region: row.region },
          quotaConfig: { preferredValue: String(row.demand) },
          contactEmail: this.props.requestIncreases!.contactEmail,
          justification: this.props.requestIncreases!.justification ?? 'Vertex AI custom training (cdktf-vertex-training)',
          dependsOn: this.quotasApi(),
        }));
      }
    }
    if (this.gate && preconditions.length > 0) {
      this.gate.lifecycle = { precondition: preconditions };
    }
  }

  /**
   * A top-level `check` block with its own (scoped) quota lookup. cdktf has no construct for check
   * blocks, so it is written as a stack override.
   */
  private addQuotaCheck(slug: string, parent: string, quotaId: string, row: PlanRow, errorMessage: string): void {
    const name = `vertex_quota_${this.props.prefix}_${slug}`.replace(/-/g, '_');
    const type = google.DataGoogleCloudQuotasQuotaInfo.tfResourceType;
    const infos = `data.${type}.${name}.dimensions_infos`;
    this.checkNames.push(name);
    TerraformStack.of(this).addOverride(`check.${name}`, {
      data: {
        [type]: {
          [name]: {
            parent,
            service: deferred.QUOTA_SERVICE,
            quota_id: quotaId,
            depends_on: this.quotasApi().map((api) => dependable(api)),
          },
        },
      },
      assert: [{
        condition: `\${${liveQuota(infos, row.region)} == -1 || ${liveQuota(infos, row.region)} >= ${row.demand}}`,
        error_message: errorMessage,
      }],
    });
  }

  /** The Cloud Quotas API, in the environment's project and in the provider's billing project. */
  private quotasApi(): ITerraformDependable[] {
    const billing = this.props.billingProjectId;
    return [
      ...this.props.apis.require('cloudquotas.googleapis.com'),
      ...(billing !== undefined ? this.props.apis.requireIn(billing, 'cloudquotas.googleapis.com') : []),
    ];
  }

  /** A problem for each name in a never-concurrent group that no job (or workload) of the environment has. */
  private unknownWorkloadProblems(): Problem[] {
    const names = [...this.workloadNames];
    const known = names.length === 0 ? 'the environment has no jobs' : `jobs: ${names.slice(0, 10).join(', ')}${names.length > 10 ? ', ...' : ''}`;
    return this.exclusiveGroups.flatMap((group, g) => group.filter((name) => !this.workloadNames.has(name)).map((name) => {
      const near = typeof name === 'string' ? closest(name, names) : undefined;
      return { field: `neverConcurrent[${g}]`, value: name, allowed: `must name a job of this environment (${near !== undefined ? `did you mean "${near}"? ` : ''}${known})` };
    }));
  }

  /** Names of the `check` blocks created for requested quotas. */
  public get checkBlocks(): string[] {
    return [...this.checkNames];
  }
}

/**
 * The live limit of one region from a quota info's `dimensions_infos`: the region's own entry,
 * else the entry without a region dimension (the default for all others), else 0.
 */
function liveQuota(infos: string, region: string): string {
  return `tonumber(coalesce(one([for d in ${infos} : try(d.details[0].value, null) if try(d.dimensions["region"], "") == "${region}"]), one([for d in ${infos} : try(d.details[0].value, null) if try(d.dimensions["region"], "") == ""]), 0))`;
}

/** Whether `row` is a Compute Engine quota (a GKE node pool's). */
function isCompute(row: PlanRow): boolean {
  return row.metric.startsWith(COMPUTE_PREFIX);
}

function normalizeMetric(metric: string): string {
  return metric.startsWith(`${deferred.QUOTA_SERVICE}/`) ? metric.slice(deferred.QUOTA_SERVICE.length + 1) : metric;
}

/** Preference IDs: lowercase letters, digits and hyphens, at most 63 characters, stable per quota. */
function preferenceName(prefix: string, region: string, metric: string): string {
  const name = `${prefix}-${region}-${metric.replace(/^custom_model_training_/, '').replace(/_/g, '-')}`;
  return name.length <= 63 ? name : name.slice(0, 63).replace(/-+$/, '');
}
