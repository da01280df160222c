import { QuotaPlanCheck } from '../quota/training-quotas';
import { TriggerKind } from '../triggers/trigger';

/*
 * The data of the training report: plain structs (jsii-friendly), every string already resolved, so
 * that Terraform references read `${google_kms_crypto_key.x.id}` and never `${TfToken[...]}`.
 * Lists are in a fixed order (documented on each field): the report of an unchanged stack is
 * byte-identical, and the diff of a changed one is the change.
 */

/** How a quota's planned demand compares with its declared limit. */
export enum QuotaStatus {
  /** The demand fits the declared limit. */
  WITHIN_LIMIT = 'WITHIN_LIMIT',
  /** The demand exceeds the declared limit (synth succeeds only when an increase is requested). */
  OVER_LIMIT = 'OVER_LIMIT',
  /** No limit is declared for the quota: the demand is not checked at synth. */
  NO_DECLARED_LIMIT = 'NO_DECLARED_LIMIT',
}

/** The Cloud KMS keys that encrypt a job's resources and data. */
export interface EncryptionKeysReport {
  /** Key of Vertex AI jobs, TensorBoard and datasets. */
  readonly vertexKey: string;
  /** Key of the buckets (staging, data, artifacts). */
  readonly storageKey: string;
  /** Key of the Docker and Python repositories. */
  readonly registryKey: string;
  /**
   * Key of the launcher workflow.
   * @default - no launcher (no job)
   */
  readonly workflowsKey?: string;
  /**
   * Key of the launcher's Pub/Sub topic of schedule launch requests.
   * @default - no scheduled job
   */
  readonly pubsubKey?: string;
  /**
   * Key of Eventarc's Google channel (Cloud Storage events).
   * @default - no on-change or on-new-data job
   */
  readonly eventarcKey?: string;
}

/** One alert the environment raises, and who it notifies. */
export interface AlertReport {
  /** Display name of the alert policy. */
  readonly name: string;
  /** What it counts. */
  readonly signal: string;
  /** The log-based metric it watches. */
  readonly metric: string;
  /** Who is notified: `email ADDRESS`, `Pub/Sub topic TOPIC`, `channel NAME`; empty when no one is. */
  readonly notifies: string[];
}

/** One trigger of a job. */
export interface JobTriggerReport {
  /** The kind of trigger. */
  readonly kind: TriggerKind;
  /** The trigger in plain words, e.g. `every day at 03:00 (Etc/UTC)`. */
  readonly description: string;
  /**
   * The unix-cron schedule (SCHEDULE).
   * @default - not a schedule
   */
  readonly cron?: string;
  /**
   * The schedule in plain words, e.g. `every Monday at 04:00` (SCHEDULE).
   * @default - not a schedule
   */
  readonly schedule?: string;
  /**
   * IANA time zone of the schedule (SCHEDULE).
   * @default - not a schedule
   */
  readonly timeZone?: string;
  /**
   * The watched bucket (ON_NEW_DATA).
   * @default - not a data trigger
   */
  readonly bucketName?: string;
  /**
   * The watched object name prefix (ON_NEW_DATA); empty for every object.
   * @default - not a data trigger
   */
  readonly prefix?: string;
  /**
   * Location of the watched bucket (ON_NEW_DATA), when it is not the environment's region.
   * @default - the environment's region
   */
  readonly location?: string;
  /**
   * What makes a run of this trigger unique (its launch key): a second delivery of the same thing
   * launches nothing, e.g. `s-nightly-<UTC time of the scheduled slot>`.
   */
  readonly launchKey: string;
}

/** One worker pool of a job, as resolved against the catalog. */
export interface WorkerPoolReport {
  /** Role: `primary`, `workers`, `parameterServers`, `reductionServer` or `evaluators`. */
  readonly role: string;
  /** Machine type of each replica, e.g. `a2-highgpu-8g`. */
  readonly machineType: string;
  /** Replicas (VMs, or TPU slices) of the pool. */
  readonly replicaCount: number;
  /**
   * Accelerators of each replica in words, e.g. `8 × NVIDIA_TESLA_A100` or `TPU v6e, 16 chips`.
   * @default - no accelerator
   */
  readonly accelerator?: string;
  /**
   * The Vertex AI `acceleratorType` (GPUs; TPU v2 and v3).
   * @default - none (CPU pools, and TPUs chosen by machine type and topology)
   */
  readonly acceleratorType?: string;
  /**
   * GPUs, TPU chips or TPU cores of each replica.
   * @default - no accelerator
   */
  readonly acceleratorCount?: number;
  /**
   * TPU generation, e.g. `v6e`.
   * @default - not a TPU pool
   */
  readonly tpuVersion?: string;
  /**
   * TPU slice topology, e.g. `4x4`.
   * @default - not a TPU pool, or a TPU sized by cores
   */
  readonly tpuTopology?: string;
  /**
   * Hosts (VMs) of each TPU slice.
   * @default - not a TPU pool
   */
  readonly tpuHosts?: number;
  /** Boot disk, e.g. `pd-ssd 100 GiB`. */
  readonly bootDisk: string;
  /**
   * Reservation affinity, e.g. `ANY_RESERVATION`, or `SPECIFIC_RESERVATION: <names>`.
   * @default - no reservation
   */
  readonly reservation?: string;
}

/** A job's own demand on one quota (before never-concurrent groups are applied). */
export interface JobQuotaDemand {
  /** Region of the quota. */
  readonly region: string;
  /** Metric of service `aiplatform.googleapis.com`. */
  readonly metric: string;
  /** What the quota counts: `GPUs`, `TPU chips`, `TPU cores` or `vCPUs`. */
  readonly unit: string;
  /** The job's peak demand (parallel trials included). */
  readonly amount: number;
}

/** One Vertex AI job, tuning job or training pipeline of the stack. */
export interface JobReport {
  /** The job's ID (its construct ID). */
  readonly jobId: string;
  /** Construct path of the job. */
  readonly path: string;
  /** Vertex AI resource kind: `CustomJob`, `HyperparameterTuningJob` or `TrainingPipeline`. */
  readonly kind: string;
  /** Display name of each run. */
  readonly displayName: string;
  /**
   * The team the job runs as.
   * @default - the environment's own trainer and artifacts bucket
   */
  readonly team?: string;
  /** Why the job starts, in declaration order; empty when it is launched by hand only. */
  readonly triggers: JobTriggerReport[];
  /** Worker pools in Vertex AI position order. */
  readonly workerPools: WorkerPoolReport[];
  /** Scheduling strategy: `STANDARD`, `SPOT`, `FLEX_START`, ... */
  readonly schedulingStrategy: string;
  /**
   * The run's timeout, e.g. `2 days`.
   * @default - Vertex AI's 7 days
   */
  readonly timeout?: string;
  /**
   * Trials that run at once (tuning jobs and tuning pipelines); quota demand is multiplied by it.
   * @default - not a tuning job
   */
  readonly parallelTrials?: number;
  /**
   * Trials of the study in all (tuning jobs and tuning pipelines).
   * @default - not a tuning job
   */
  readonly maxTrials?: number;
  /**
   * The Model Registry model the pipeline adds a version to.
   * @default - not a training pipeline
   */
  readonly modelId?: string;
  /**
   * The Terraform output whose value launches a run now: `terraform output -raw <name>`.
   * @default - none
   */
  readonly launchCommandOutput?: string;
  /** Where runs write: `gs://<artifacts bucket>/jobs/<jobId>/runs/`. */
  readonly outputUriPrefix: string;
  /** The identity runs execute as (the team's trainer or the environment's). */
  readonly runAs: string;
  /** The identity that launches runs (the environment's launcher). */
  readonly launcher: string;
  /** The keys that encrypt the job, its outputs and its images. */
  readonly keys: EncryptionKeysReport;
  /** The job's demand on each quota, sorted by region and metric. */
  readonly quotaDemand: JobQuotaDemand[];
}

/** The stack's peak demand on one quota in one region, against the declared limit. */
export interface QuotaReportRow {
  /** Region. */
  readonly region: string;
  /** Metric of service `aiplatform.googleapis.com`. */
  readonly metric: string;
  /**
   * Cloud Quotas API quota ID.
   * @default - not known
   */
  readonly quotaId?: string;
  /** What the quota counts. */
  readonly unit: string;
  /** Peak concurrent demand of the environment's jobs. */
  readonly demand: number;
  /**
   * The declared limit.
   * @default - none declared
   */
  readonly limit?: number;
  /** Demand against the limit. */
  readonly status: QuotaStatus;
  /** Whether a quota increase is requested (`quotas.requestIncreases`) for this quota. */
  readonly increaseRequested: boolean;
  /** Each workload's demand, `name=amount`, sorted by name. */
  readonly contributions: string[];
  /**
   * How `terraform plan` checks the quota against the live limit.
   * @default - not checked at plan
   */
  readonly checkedAtPlan?: QuotaPlanCheck;
}

/** One environment of the stack and its jobs. */
export interface EnvironmentReport {
  /** Construct path of the environment. */
  readonly path: string;
  /** Project of the environment. */
  readonly projectId: string;
  /** Region of the environment. */
  readonly region: string;
  /** Prefix of derived names. */
  readonly prefix: string;
  /** The environment's trainer identity (jobs without a team run as it). */
  readonly trainer: string;
  /** The launcher identity (creates every run). */
  readonly launcher: string;
  /** The environment's keys. */
  readonly keys: EncryptionKeysReport;
  /** Quota demand against declared limits, sorted by region and metric. */
  readonly quotas: QuotaReportRow[];
  /** The environment's jobs, sorted by job ID. */
  readonly jobs: JobReport[];
  /** The alerts of failed launches and runs (none before the first job). */
  readonly alerts: AlertReport[];
}

/** A policy rule acknowledged (not enforced) on one construct, and why. */
export interface ReportedPolicyException {
  /** Construct path the rule is acknowledged on. */
  readonly path: string;
  /** ID of the acknowledged rule. */
  readonly ruleId: string;
  /** The reason given for the exception. */
  readonly reason: string;
  /**
   * Terraform address of the resource that breaks the rule, e.g. `google_storage_bucket.x`.
   * @default - not known
   */
  readonly address?: string;
  /**
   * Path of the construct the acknowledgement was made on (the resource or one of its scopes).
   * @default - the resource itself
   */
  readonly acknowledgedAt?: string;
  /**
   * What the rule found, one entry per problem.
   * @default - not known
   */
  readonly problems?: string[];
}

/** The training report of one stack. */
export interface TrainingReportData {
  /** Version of the report's structure (changes when fields are renamed or removed). */
  readonly formatVersion: number;
  /** Name of the stack. */
  readonly stack: string;
  /** The stack's environments, sorted by construct path. */
  readonly environments: EnvironmentReport[];
  /** Acknowledged policy exceptions, sorted by path and rule ID. */
  readonly policyExceptions: ReportedPolicyException[];
}
