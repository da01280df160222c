import { TerraformOutput } from 'cdktf';
import { EnvironmentFacts, ReportContext } from './context';
import { jobCost, reducerSizing } from './cost';
import {
  EncryptionKeysReport, JobQuotaDemand, JobReport, JobTriggerReport, ManifestReport, WorkerPoolReport,
} from './report-data';
import { checkpointsReport, concurrencyReport, dataTriggerParts, lifecycleRulesReport, retentionReport } from './job-policies';
import { gkeJobBackend, jobSetPoolSpecs, runsOnGke } from './gke-job';
import { bodyParts, poolCode, poolSpecs, servingContainer, studyReport, withoutUndefined } from './what-runs';
import { tpuQuotaUnit } from '../catalog/quotas';
import { SchedulingStrategy } from '../compute/enums';
import { layoutIntent } from '../compute/layout';
import { literal } from '../core/validation';
import { APPLY_HASH_DIGITS, CONTENT_HASH_DIGITS, LAUNCH_HASH_DIGITS, ManifestNaming } from '../jobs/manifest-name';
import { jobPrefix } from '../jobs/run-storage';
// Types only: the jobs depend on the report (their environment writes it), not it on them.
import type { TrainingJob, TrainingJobOptions } from '../jobs/training-job';
import type { TrainingPipeline } from '../jobs/training-pipeline';
import { describeCron } from '../rules/cron';
import { ResolvedPool, resolvePools } from '../spec/worker-pools';
import { Trigger, TriggerKind } from '../triggers/trigger';
import { TuningOptions } from '../tuning/tuning-options';

/*
 * A job's section of the report: what runs (pools and their code, the study, the serving
 * container, scheduling), where it writes and as whom, its triggers, its launch hash and what a
 * run costs. Loaded with the first job (collect.ts), with what it is made of.
 */

/** What the report reads of a job's options (the tuning and pipeline fields exist on those kinds only). */
interface DeclaredOptions extends TrainingJobOptions {
  readonly maxTrialCount?: number;
  readonly parallelTrialCount?: number;
  readonly tuning?: TuningOptions;
}

/** The report of one job. */
export function jobReport(job: TrainingJob, keys: EncryptionKeysReport, quotaDemand: JobQuotaDemand[], context: ReportContext, facts: EnvironmentFacts): JobReport {
  const { resolve, synth } = context;
  const env = job.environment;
  const options = job._options as DeclaredOptions;
  const kind = kindOf(job);
  const tuning: { maxTrialCount?: number; parallelTrialCount?: number } | undefined =
    kind === 'HyperparameterTuningJob' ? options : kind === 'TrainingPipeline' ? options.tuning : undefined;
  const launchCommand = job.node.tryFindChild('launch-command');
  const layout = layoutIntent(options.workerPools);
  const pools = resolvePools(layout, literal(env.region)).pools;
  const onGke = runsOnGke(job);
  const raw = synth.value(bodyOf(job)).value;
  // A GKE job's body is its JobSet: its containers stand for the pool specs, its options for scheduling.
  const body = bodyParts(onGke ? {} : raw);
  const specs = onGke ? jobSetPoolSpecs(raw, pools) : poolSpecs(body.jobSpec);
  const scheduling = (onGke ? { ...options.scheduling, maxWait: undefined, timeout: undefined } : body.jobSpec.scheduling ?? {}) as { [key: string]: unknown };
  const naming = job._manifestNaming();
  const strategy = options.scheduling?.strategy ?? SchedulingStrategy.STANDARD;
  const timeout = options.scheduling?.timeout;
  const typical = options.typicalDuration;
  const network = body.jobSpec.network ?? (body.jobSpec.pscInterfaceConfig as { networkAttachment?: unknown } | undefined)?.networkAttachment;
  const report: JobReport = {
    jobId: job.jobId,
    path: job.node.path,
    kind,
    gke: onGke ? gkeJobBackend(job, resolve) : undefined,
    displayName: resolve(job.displayName),
    team: options.team?.teamName,
    triggers: (options.triggers ?? []).map((trigger) => triggerReport(trigger, job.jobId, naming, context)),
    paused: options.paused === true,
    concurrency: concurrencyReport(options.concurrency, onGke),
    checkpoints: checkpointsReport(job, resolve),
    retention: retentionReport(job),
    lifecycleRules: lifecycleRulesReport(job, resolve),
    workerPools: pools.map((pool) => poolReport(pool, poolCode(specs[pool.position], job.packageContentHashes))),
    schedulingStrategy: strategy,
    timeout: timeout?.toString(),
    parallelTrials: tuning?.parallelTrialCount,
    maxTrials: tuning?.maxTrialCount,
    modelId: kind === 'TrainingPipeline' ? (job as TrainingPipeline).modelId : undefined,
    launchCommandOutput: launchCommand instanceof TerraformOutput ? launchCommand.friendlyUniqueId : undefined,
    outputUriPrefix: resolve(job.outputUriPrefix),
    runAs: resolve(job.trainer.email),
    launcher: resolve(env.launcher.email),
    keys,
    quotaDemand,
    restartJobOnWorkerRestart: scheduling.restartJobOnWorkerRestart as boolean | undefined,
    disableRetries: scheduling.disableRetries as boolean | undefined,
    maxWait: scheduling.maxWaitDuration === undefined ? undefined : options.scheduling?.maxWait?.toString() ?? String(scheduling.maxWaitDuration),
    enableWebAccess: body.jobSpec.enableWebAccess === true,
    tensorboard: body.jobSpec.tensorboard as string | undefined,
    network: network as string | undefined,
    study: studyReport(body.study),
    servingContainer: servingContainer(body.servingContainer),
    reductionServerSizing: reducerSizing(layout.reductionServer, pools),
    typicalDuration: typical?.toString(),
    manifest: manifestReport(job.jobId, naming),
    cost: jobCost({
      pools,
      strategy,
      timeout: timeout && { seconds: timeout.toSeconds(), text: timeout.toString() },
      typical: typical && { seconds: typical.toSeconds(), text: typical.toString() },
      trials: tuning?.maxTrialCount ?? 1,
      parallelTrials: Math.max(1, tuning?.parallelTrialCount ?? 1),
      crons: (options.triggers ?? []).filter((t) => t.kind === TriggerKind.SCHEDULE).map((t) => t.cron ?? ''),
      prices: facts.prices,
    }),
  };
  return withoutUndefined(report);
}

/** The request body of a job of any kind. */
function bodyOf(job: TrainingJob): unknown {
  return (job as unknown as { body?: unknown }).body;
}

/** The launch key of an on-change job's deploys: its launch hash's digits, then the apply-time values'. */
function launchKeyOf(naming: ManifestNaming): string {
  return `c-${naming.launchHash.slice(0, LAUNCH_HASH_DIGITS)}${naming.applyHash ?? `<${APPLY_HASH_DIGITS} hex digits of the apply-time values>`}`;
}

function manifestReport(jobId: string, naming: ManifestNaming): ManifestReport {
  const objectName = naming.launchesOnDeploy
    ? `${jobPrefix(jobId)}${launchKeyOf(naming).slice(2)}<${CONTENT_HASH_DIGITS} hex digits of the written manifest>.json`
    : `${jobPrefix(jobId)}<SHA-256 of the written manifest>.json`;
  return withoutUndefined({
    launchHash: naming.launchHash,
    launchesOnDeploy: naming.launchesOnDeploy,
    launchKey: naming.launchesOnDeploy ? launchKeyOf(naming) : undefined,
    objectName,
    applyTimeInputs: naming.applyTimeInputs,
    labelsRelaunch: naming.labelsRelaunch,
  });
}

/** The Vertex AI kind of a job (`CustomJob`, `HyperparameterTuningJob`, `TrainingPipeline`). */
function kindOf(job: TrainingJob): string {
  return job._kind?.kind ?? job.constructor.name;
}

function describe(cron: string, context: ReportContext): string {
  let words = context.cronWords.get(cron);
  if (words === undefined) {
    words = describeCron(cron);
    context.cronWords.set(cron, words);
  }
  return words;
}

function triggerReport(trigger: Trigger, jobId: string, naming: ManifestNaming, context: ReportContext): JobTriggerReport {
  const { resolve } = context;
  switch (trigger.kind) {
    case TriggerKind.SCHEDULE: {
      const cron = trigger.cron ?? '';
      const timeZone = trigger.timeZone ?? 'Etc/UTC';
      const schedule = describe(cron, context);
      return { kind: trigger.kind, description: `${schedule} (${timeZone})`, cron, schedule, timeZone, launchKey: `s-${jobId}-<UTC time of the scheduled slot>` };
    }
    case TriggerKind.ON_NEW_DATA: {
      const bucketName = resolve(trigger.bucketName ?? '');
      const prefix = trigger.prefix ?? '';
      const where = `gs://${bucketName}/${prefix}`;
      const location = trigger.location === undefined ? undefined : resolve(trigger.location);
      const batch = dataTriggerParts(trigger, prefix);
      return withoutUndefined({
        kind: trigger.kind,
        description: `every object written under ${where}${location === undefined ? '' : ` (bucket location ${location})`}${batch.filterClause}${batch.windowClause}`,
        bucketName,
        prefix,
        location,
        filter: batch.filter,
        pattern: batch.pattern,
        coalesceSeconds: trigger.coalesceSeconds,
        triggerObjects: batch.triggerObjects,
        launchKey: batch.launchKey,
      });
    }
    default:
      return { kind: trigger.kind, description: 'every deploy that changes the launch hash or an apply-time value', launchKey: launchKeyOf(naming) };
  }
}

function poolReport(pool: ResolvedPool, code: WorkerPoolReport['code']): WorkerPoolReport {
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
    code,
  });
}
