import { TerraformStack, Token } from 'cdktf';
import { ReportContext } from './context';
import { compare, policyExceptionsFrom } from './policy-exceptions';
import {
  AlertReport, BudgetReport, EncryptionKeysReport, EnvironmentNamesReport, EnvironmentReport, JobQuotaDemand, PriceCatalogReport, QuotaReportRow,
  QuotaStatus, ReportedPolicyException, TeamQuotaShareReport, TeamReport, TrainingReportData,
} from './report-data';
import { withoutUndefined } from './what-runs';
import { PriceBook, priceBook } from '../catalog/prices';
import { lazy } from '../core/lazy';
import { SynthText } from '../core/synth-text';
import { ENVIRONMENT_BRAND, GKE_CLUSTER_BRAND, GKE_QUEUES_BRAND, JOB_BRAND, TEAM_BRAND } from '../core/construct-brand';
import { knownNames } from '../environment/known-names';
// Types only: the environment and the jobs depend on the report (they write it), not it on them.
import type { TrainingTeam } from '../environment/team';
import type { TrainingEnvironment } from '../environment/training-environment';
import type { TrainingJob } from '../jobs/training-job';
import type { GkeTrainingCluster } from '../gke/training-cluster';
import type { GkeTrainingQueues } from '../gke/training-queues';
import type { GkeFound } from './gke-collect';

/** Job sections and what they are made of (pools, code, cron descriptions, costs), loaded with the first job. */
const deferred = lazy({
  jobReport: (): typeof import('./job-report').jobReport => require('./job-report').jobReport,
  gkeReport: (): typeof import('./gke-collect').gkeReport => require('./gke-collect').gkeReport,
});

/** The GKE backend a job runs on, read without importing the backend's class. */
function gkeQueuesOf(job: TrainingJob): GkeTrainingQueues | undefined {
  const backend = (job._options as { backend?: { kind?: string; queues?: GkeTrainingQueues } }).backend;
  return backend?.kind === 'GKE' ? backend.queues : undefined;
}

/** Version of the report's structure. */
export const REPORT_FORMAT_VERSION = 1;

/** Turns tokens into what the report shows: known names as values, others as Terraform references. */
type Resolve = (value: string) => string;

/** The stack's token resolution with the known names of every environment in `environments`. */
function contextOf(stack: TerraformStack, environments: readonly TrainingEnvironment[]): ReportContext {
  const raw = new SynthText(stack);
  const known = new Map<string, string>();
  for (const env of environments) {
    for (const [reference, value] of knownNames(env, (token) => raw.text(token))) known.set(reference, value);
  }
  const synth = raw.withKnown(known);
  return { synth, resolve: (value) => synth.text(value), cronWords: new Map() };
}

/**
 * Builds the report of `stack` from its environments and jobs, with `acknowledgements` as its
 * policy exceptions. One pass over the construct tree, then work linear in the number of jobs,
 * pools, triggers and quota rows.
 * @param stack the stack to report on
 * @param acknowledgements acknowledged policy rules: `{ path, ruleId, reason }`
 */
export function buildTrainingReport(stack: TerraformStack, acknowledgements: readonly ReportedPolicyException[]): TrainingReportData {
  const environments: TrainingEnvironment[] = [];
  const jobsByEnvironment = new Map<TrainingEnvironment, TrainingJob[]>();
  const gkeByEnvironment = new Map<TrainingEnvironment, GkeFound>();
  const gkeOf = (env: TrainingEnvironment): GkeFound => {
    let found = gkeByEnvironment.get(env);
    if (!found) {
      found = { clusters: [], queues: [], jobs: new Map() };
      gkeByEnvironment.set(env, found);
    }
    return found;
  };
  for (const node of stack.node.findAll()) {
    if (ENVIRONMENT_BRAND.has(node)) environments.push(node as TrainingEnvironment);
    if (GKE_CLUSTER_BRAND.has(node)) {
      const cluster = node as GkeTrainingCluster;
      gkeOf(cluster.environment).clusters.push(cluster);
    }
    if (GKE_QUEUES_BRAND.has(node)) {
      const queues = node as GkeTrainingQueues;
      gkeOf(queues.cluster.environment).queues.push(queues);
    }
    // A job whose construction threw (caught by the caller) declared nothing to report.
    if (JOB_BRAND.has(node) && (node as TrainingJob).request !== undefined) {
      const job = node as TrainingJob;
      const list = jobsByEnvironment.get(job.environment) ?? [];
      list.push(job);
      jobsByEnvironment.set(job.environment, list);
      const queues = gkeQueuesOf(job);
      if (queues) {
        const byQueues = gkeOf(job.environment).jobs;
        const onQueues = byQueues.get(queues) ?? [];
        onQueues.push(job);
        byQueues.set(queues, onQueues);
      }
    }
  }
  // A job or GKE object of this stack whose environment lives in another stack still has its environment listed.
  const found = new Set(environments);
  for (const env of [...jobsByEnvironment.keys(), ...gkeByEnvironment.keys()]) {
    if (!found.has(env)) {
      found.add(env);
      environments.push(env);
    }
  }
  const context = contextOf(stack, environments);
  return {
    formatVersion: REPORT_FORMAT_VERSION,
    stack: stack.node.id,
    environments: environments
      .map((env) => environmentReport(env, jobsByEnvironment.get(env) ?? [], gkeByEnvironment.get(env), context))
      .sort((a, b) => compare(a.path, b.path)),
    policyExceptions: policyExceptionsFrom(acknowledgements, context.resolve),
  };
}

function environmentReport(env: TrainingEnvironment, jobs: readonly TrainingJob[], gke: GkeFound | undefined, context: ReportContext): EnvironmentReport {
  const resolve = context.resolve;
  const prices = priceBook(env.prices);
  const keys = keysOf(env, resolve);
  const quotas = quotaRows(env, resolve);
  const demandByJob = new Map<string, JobQuotaDemand[]>();
  for (const row of quotas) {
    for (const contribution of row.contributions) {
      const at = contribution.lastIndexOf('=');
      const workload = contribution.slice(0, at);
      const list = demandByJob.get(workload) ?? [];
      list.push({ region: row.region, metric: row.metric, unit: row.unit, amount: Number(contribution.slice(at + 1)) });
      demandByJob.set(workload, list);
    }
  }
  return withoutUndefined({
    path: env.node.path,
    projectId: resolve(env.projectId),
    region: resolve(env.region),
    prefix: env.prefix,
    trainer: resolve(env.trainer.email),
    launcher: resolve(env.launcher.email),
    keys,
    names: namesOf(env, resolve),
    teams: teamsOf(env, resolve),
    relaunchOnLabelChange: env.relaunchOnLabelChange,
    prices: pricesOf(prices),
    quotas,
    teamQuotaShares: teamSharesOf(env, resolve),
    jobs: jobs
      .map((job) => deferred.jobReport(job, keys, demandByJob.get(job.jobId) ?? [], context, { prices }))
      .sort((a, b) => compare(a.jobId, b.jobId)),
    alerts: alertsOf(env, resolve),
    budget: budgetOf(env, resolve),
    gke: gke && (gke.clusters.length > 0 || gke.queues.length > 0) ? deferred.gkeReport(env, gke, resolve) : undefined,
  });
}

/** Each team's use of its shares; undefined when no team has one (the report of such an environment is unchanged). */
function teamSharesOf(env: TrainingEnvironment, resolve: Resolve): TeamQuotaShareReport[] | undefined {
  const shares = env.quotas.teamShares();
  if (shares.length === 0) return undefined;
  return shares.map((entry) => ({
    team: entry.team,
    region: resolve(entry.region),
    metric: entry.metric,
    unit: entry.unit,
    share: entry.share,
    demand: entry.demand,
    status: entry.demand > entry.share ? QuotaStatus.OVER_LIMIT : QuotaStatus.WITHIN_LIMIT,
    contributions: [...entry.contributions].sort(compare),
  }));
}

function keysOf(env: TrainingEnvironment, resolve: Resolve): EncryptionKeysReport {
  const keys = env.encryption.keys;
  const optional = (purpose: string) => (keys[purpose] ? resolve(keys[purpose].keyName) : undefined);
  return withoutUndefined({
    vertexKey: resolve(env.encryption.vertexKey.keyName),
    storageKey: resolve(env.encryption.storageKey.keyName),
    registryKey: resolve(env.encryption.registryKey.keyName),
    workflowsKey: optional('workflows'),
    pubsubKey: optional('pubsub'),
    eventarcKey: optional('eventarc'),
  });
}

function namesOf(env: TrainingEnvironment, resolve: Resolve): EnvironmentNamesReport {
  return withoutUndefined({
    stagingBucket: resolve(env.stagingBucket.bucketName),
    artifactsBucket: resolve(env.artifactsBucket.bucketName),
    dataBucket: resolve(env.dataBucket.bucketName),
    dockerRepository: resolve(env.dockerRepository.url),
    pythonRepository: resolve(env.pythonRepository.url),
    tensorboard: env.tensorboard && resolve(env.tensorboard.tensorboardName),
    metadataStore: env.metadataStore && resolve(env.metadataStore.storeName),
  });
}

function teamsOf(env: TrainingEnvironment, resolve: Resolve): TeamReport[] {
  return env.node.children
    .filter((child): child is TrainingTeam => TEAM_BRAND.has(child))
    .map((team) => ({
      name: team.teamName,
      trainer: resolve(team.trainer.email),
      dataBucket: resolve(team.dataBucket.bucketName),
      artifactsBucket: resolve(team.artifactsBucket.bucketName),
    }))
    .sort((a, b) => compare(a.name, b.name));
}

function pricesOf(prices: PriceBook): PriceCatalogReport {
  return { date: prices.date, source: prices.source, currency: prices.currency, region: prices.region, overridden: prices.overridden };
}

function alertsOf(env: TrainingEnvironment, resolve: Resolve): AlertReport[] {
  const alerts = env._existingLaunchWorkflow()?.alerts;
  if (!alerts) return [];
  const notifies = alerts.recipients.map(resolve);
  return alerts.alerts.map((alert) => ({ name: alert.name, signal: alert.signal, metric: resolve(alert.metric), notifies }));
}

function budgetOf(env: TrainingEnvironment, resolve: Resolve): BudgetReport | undefined {
  const budget = env.budget;
  if (!budget) return undefined;
  const filter = budget.budget.budgetFilterInput;
  const [key, value] = Object.entries(filter?.labels ?? {})[0] ?? ['', ''];
  return {
    billingAccount: resolve(budget.billingAccount),
    amount: budget.amount,
    currencyCode: budget.currencyCode,
    project: resolve(filter?.projects?.[0] ?? ''),
    label: `${key}=${value}`,
    thresholds: [...budget.thresholds],
    forecastThresholds: [...budget.forecastThresholds],
    notifies: budget.recipients.map(resolve),
  };
}

function quotaRows(env: TrainingEnvironment, resolve: Resolve): QuotaReportRow[] {
  // Increase requests exist once the quota plan is finalized (at synth).
  const requested = new Set<string>();
  for (const preference of env.quotas.preferences) {
    const dimensions = preference.dimensionsInput;
    const region = dimensions && !Token.isUnresolved(dimensions) ? (dimensions as { [key: string]: string }).region : undefined;
    requested.add(`${region}\u0000${preference.quotaIdInput}`);
  }
  return env.quotas.plan()
    .map((entry) => {
      const region = resolve(entry.region);
      const status = entry.limit === undefined ? QuotaStatus.NO_DECLARED_LIMIT
        : entry.demand > entry.limit ? QuotaStatus.OVER_LIMIT : QuotaStatus.WITHIN_LIMIT;
      const row: QuotaReportRow = {
        region,
        service: entry.service,
        metric: entry.metric,
        quotaId: entry.quotaId,
        unit: entry.unit,
        demand: entry.demand,
        limit: entry.limit,
        status,
        increaseRequested: entry.quotaId !== undefined && requested.has(`${entry.region}\u0000${entry.quotaId}`),
        contributions: [...entry.contributions].sort(compare),
        checkedAtPlan: entry.checkedAtPlan,
      };
      return withoutUndefined(row);
    })
    .sort((a, b) => compare(a.region, b.region) || compare(a.metric, b.metric));
}
