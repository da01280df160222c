import { DefaultTokenResolver, StringConcat, TerraformOutput, TerraformStack, Token, Tokenization } from 'cdktf';
import { compare, policyExceptionsFrom } from './policy-exceptions';
import {
  AlertReport, EncryptionKeysReport, EnvironmentReport, JobQuotaDemand, JobReport, JobTriggerReport, QuotaReportRow, QuotaStatus,
  ReportedPolicyException, TrainingReportData, WorkerPoolReport,
} from './report-data';
import { tpuQuotaUnit } from '../catalog/quotas';
import { layoutIntent } from '../compute/layout';
import { SchedulingStrategy } from '../compute/enums';
import { literal } from '../core/validation';
import { TrainingEnvironment } from '../environment/training-environment';
import { CustomTrainingJob } from '../jobs/custom-training-job';
import { HyperparameterTuningJob } from '../jobs/hyperparameter-tuning-job';
import { TrainingJob, TrainingJobOptions } from '../jobs/training-job';
import { TrainingPipeline } from '../jobs/training-pipeline';
import { describeCron } from '../rules/cron';
import { ResolvedPool, resolvePools } from '../spec/worker-pools';
import { Trigger, TriggerKind } from '../triggers/trigger';
import { TuningOptions } from '../tuning/tuning-options';

/** Version of the report's structure. */
export const REPORT_FORMAT_VERSION = 1;

const RESOLVER = new DefaultTokenResolver(new StringConcat());

/** Turns tokens into the Terraform references they synthesize to (`${google_kms_crypto_key.x.id}`). */
type Resolve = (value: string) => string;

/** What one report build shares: token resolution and cron descriptions, each computed once per distinct string. */
interface Context {
  readonly resolve: Resolve;
  readonly describe: (cron: string) => string;
}

/** Resolves each distinct string once: the keys and identities repeat in every job. */
function resolverOf(stack: TerraformStack): Resolve {
  return memoize((value) => {
    if (!Token.isUnresolved(value)) return value;
    const resolved: unknown = Tokenization.resolve(value, { scope: stack, resolver: RESOLVER });
    return typeof resolved === 'string' ? resolved : JSON.stringify(resolved);
  });
}

function memoize(fn: (value: string) => string): (value: string) => string {
  const cache = new Map<string, string>();
  return (value) => {
    let result = cache.get(value);
    if (result === undefined) {
      result = fn(value);
      cache.set(value, result);
    }
    return result;
  };
}

/** What the report reads of a job's options (the tuning and pipeline fields exist on those kinds only). */
interface DeclaredOptions extends TrainingJobOptions {
  readonly maxTrialCount?: number;
  readonly parallelTrialCount?: number;
  readonly tuning?: TuningOptions;
}

/** The options a job was declared with, with the tuning and model options of its kind. */
function declaredOptions(job: TrainingJob): DeclaredOptions {
  return job._options as DeclaredOptions;
}

/**
 * Builds the report of `stack` from its environments and jobs, with `acknowledgements` as its
 * policy exceptions. One pass over the construct tree, then work linear in the number of jobs,
 * pools, triggers and quota rows.
 * @param stack the stack to report on
 * @param acknowledgements acknowledged policy rules: `{ path, ruleId, reason }`
 */
export function buildTrainingReport(stack: TerraformStack, acknowledgements: readonly ReportedPolicyException[]): TrainingReportData {
  const context: Context = { resolve: resolverOf(stack), describe: memoize(describeCron) };
  const environments: TrainingEnvironment[] = [];
  const jobsByEnvironment = new Map<TrainingEnvironment, TrainingJob[]>();
  for (const node of stack.node.findAll()) {
    if (node instanceof TrainingEnvironment) environments.push(node);
    if (node instanceof TrainingJob) {
      const list = jobsByEnvironment.get(node.environment) ?? [];
      list.push(node);
      jobsByEnvironment.set(node.environment, list);
    }
  }
  // A job of this stack whose environment lives in another stack still has its environment listed.
  const found = new Set(environments);
  for (const env of jobsByEnvironment.keys()) if (!found.has(env)) environments.push(env);
  return {
    formatVersion: REPORT_FORMAT_VERSION,
    stack: stack.node.id,
    environments: environments
      .map((env) => environmentReport(env, jobsByEnvironment.get(env) ?? [], context))
      .sort((a, b) => compare(a.path, b.path)),
    policyExceptions: policyExceptionsFrom(acknowledgements, context.resolve),
  };
}

function environmentReport(env: TrainingEnvironment, jobs: readonly TrainingJob[], context: Context): EnvironmentReport {
  const resolve = context.resolve;
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
  return {
    path: env.node.path,
    projectId: resolve(env.projectId),
    region: resolve(env.region),
    prefix: env.prefix,
    trainer: resolve(env.trainer.email),
    launcher: resolve(env.launcher.email),
    keys,
    quotas,
    jobs: jobs
      .map((job) => jobReport(job, keys, demandByJob.get(job.jobId) ?? [], context))
      .sort((a, b) => compare(a.jobId, b.jobId)),
    alerts: alertsOf(env, resolve),
  };
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

function alertsOf(env: TrainingEnvironment, resolve: Resolve): AlertReport[] {
  const alerts = env._existingLaunchWorkflow()?.alerts;
  if (!alerts) return [];
  const notifies = alerts.recipients.map(resolve);
  return alerts.alerts.map((alert) => ({ name: alert.name, signal: alert.signal, metric: resolve(alert.metric), notifies }));
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

function jobReport(job: TrainingJob, keys: EncryptionKeysReport, quotaDemand: JobQuotaDemand[], context: Context): JobReport {
  const resolve = context.resolve;
  const env = job.environment;
  const options = declaredOptions(job);
  const tuning: { maxTrialCount?: number; parallelTrialCount?: number } | undefined =
    job instanceof HyperparameterTuningJob ? options : job instanceof TrainingPipeline ? options.tuning : undefined;
  const launchCommand = job.node.tryFindChild('launch-command');
  const report: JobReport = {
    jobId: job.jobId,
    path: job.node.path,
    kind: kindOf(job),
    displayName: resolve(job.displayName),
    team: options.team?.teamName,
    triggers: (options.triggers ?? []).map((trigger) => triggerReport(trigger, job.jobId, context)),
    workerPools: resolvePools(layoutIntent(options.workerPools), literal(env.region)).pools.map((pool) => poolReport(pool)),
    schedulingStrategy: options.scheduling?.strategy ?? SchedulingStrategy.STANDARD,
    timeout: options.scheduling?.timeout?.toString(),
    parallelTrials: tuning?.parallelTrialCount,
    maxTrials: tuning?.maxTrialCount,
    modelId: job instanceof TrainingPipeline ? job.modelId : undefined,
    launchCommandOutput: launchCommand instanceof TerraformOutput ? launchCommand.friendlyUniqueId : undefined,
    outputUriPrefix: resolve(job.outputUriPrefix),
    runAs: resolve(job.trainer.email),
    launcher: resolve(env.launcher.email),
    keys,
    quotaDemand,
  };
  return withoutUndefined(report);
}

function kindOf(job: TrainingJob): string {
  if (job instanceof CustomTrainingJob) return 'CustomJob';
  if (job instanceof HyperparameterTuningJob) return 'HyperparameterTuningJob';
  if (job instanceof TrainingPipeline) return 'TrainingPipeline';
  return job.constructor.name;
}

function triggerReport(trigger: Trigger, jobId: string, { resolve, describe }: Context): JobTriggerReport {
  switch (trigger.kind) {
    case TriggerKind.SCHEDULE: {
      const cron = trigger.cron ?? '';
      const timeZone = trigger.timeZone ?? 'Etc/UTC';
      const schedule = describe(cron);
      return { kind: trigger.kind, description: `${schedule} (${timeZone})`, cron, schedule, timeZone, launchKey: `s-${jobId}-<UTC time of the scheduled slot>` };
    }
    case TriggerKind.ON_NEW_DATA: {
      const bucketName = resolve(trigger.bucketName ?? '');
      const prefix = trigger.prefix ?? '';
      const where = `gs://${bucketName}/${prefix}`;
      const location = trigger.location === undefined ? undefined : resolve(trigger.location);
      return withoutUndefined({
        kind: trigger.kind,
        description: `every object written under ${where}${location === undefined ? '' : ` (bucket location ${location})`}`,
        bucketName,
        prefix,
        location,
        launchKey: 'd-<hash of bucket, object, generation and job>',
      });
    }
    default:
      return { kind: trigger.kind, description: 'every deploy that changes the request body', launchKey: 'c-<hash of the manifest>' };
  }
}

function poolReport(pool: ResolvedPool): WorkerPoolReport {
  let accelerator: string | undefined;
  let acceleratorCount: number | undefined;
  if (pool.gpu) {
    acceleratorCount = pool.acceleratorsPerReplica;
    accelerator = `${acceleratorCount} × ${pool.gpu.acceleratorType}`;
  } else if (pool.tpu) {
    acceleratorCount = pool.acceleratorsPerReplica;
    const unit = tpuQuotaUnit(pool.tpu);
    const hosts = pool.tpuVms === 1 ? '1 host' : `${pool.tpuVms} hosts`;
    accelerator = `TPU ${pool.tpu.version}${pool.tpuTopology === undefined ? '' : ` ${pool.tpuTopology}`}: ${acceleratorCount} ${unit} on ${hosts}`;
  }
  const reservation = pool.reservation && pool.reservation.type !== 'NO_RESERVATION'
    ? (pool.reservation.names.length > 0 ? `${pool.reservation.type}: ${pool.reservation.names.join(', ')}` : pool.reservation.type)
    : undefined;
  return withoutUndefined({
    role: pool.role,
    machineType: pool.machineType,
    replicaCount: pool.replicaCount,
    accelerator,
    acceleratorType: pool.acceleratorType,
    acceleratorCount,
    tpuVersion: pool.tpu?.version,
    tpuTopology: pool.tpuTopology,
    tpuHosts: pool.tpu ? pool.tpuVms : undefined,
    bootDisk: `${pool.bootDiskType} ${pool.bootDiskSizeGb} GiB`,
    reservation,
  });
}

/** The struct without its undefined fields (absent, not `undefined`, in the JSON and in tests). */
function withoutUndefined<T extends object>(value: T): T {
  const copy: { [key: string]: unknown } = {};
  for (const [key, field] of Object.entries(value)) if (field !== undefined) copy[key] = field;
  return copy as T;
}
