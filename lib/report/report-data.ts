import { GkeReport } from './gke-data';
import { QuotaPlanCheck, TeamQuotaShareEntry } from '../quota/training-quotas';
import { ConcurrencyKind } from '../jobs/concurrency-policy';
import { ObjectFilterKind } from '../triggers/object-filter';
import { TriggerKind } from '../triggers/trigger';

/*
 * The data of the training report: plain structs (jsii-friendly), every string already resolved:
 * what is known at synth as its value (a bucket's name, a service account's email, a key's resource
 * name), and only what is known at apply as the Terraform reference it synthesizes to
 * (`${google_vertex_ai_tensorboard.x.id}`, never `${TfToken[...]}`).
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

/** The environment's monthly Cloud Billing budget. */
export interface BudgetReport {
  /** The billing account, `XXXXXX-XXXXXX-XXXXXX`. */
  readonly billingAccount: string;
  /** The monthly amount, in `currencyCode`. */
  readonly amount: number;
  /** ISO 4217 code of the amount. */
  readonly currencyCode: string;
  /** The project whose spend it counts, `projects/<number>`. */
  readonly project: string;
  /** The one label pair whose spend it counts, `key=value`. */
  readonly label: string;
  /** Fractions of the amount of actual spend that notify. */
  readonly thresholds: number[];
  /** Fractions of the amount of forecast spend that notify. */
  readonly forecastThresholds: number[];
  /** Who is notified besides the billing account's administrators: `email ADDRESS`, `Pub/Sub topic TOPIC`, `channel NAME`. */
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
   * Which objects under the prefix launch a run (ON_NEW_DATA by `Trigger.onNewDataBatch`).
   * @default - every object under the prefix
   */
  readonly filter?: ObjectFilterReport;
  /**
   * The RE2 expression the launcher matches whole object names with (prefix and filter together).
   * @default - no filter: every name under the prefix
   */
  readonly pattern?: string;
  /**
   * Seconds of the tumbling windows (aligned to the Unix epoch) whose matching objects one run gets.
   * @default - no window: one run per matching object
   */
  readonly coalesceSeconds?: number;
  /**
   * What a run of this trigger finds in `VT_TRIGGER_OBJECTS` (ON_NEW_DATA), in words.
   * @default - not a data trigger
   */
  readonly triggerObjects?: string;
  /**
   * What makes a run of this trigger unique (its launch key): a second delivery of the same thing
   * launches nothing, e.g. `s-nightly-<UTC time of the scheduled slot>`.
   */
  readonly launchKey: string;
}

/** Which objects of a data trigger launch a run. */
export interface ObjectFilterReport {
  /** `MARKER`, `SUFFIX` or `PATTERN`. */
  readonly kind: ObjectFilterKind;
  /** The marker name, the suffix, or the RE2 expression of the name after the prefix. */
  readonly value: string;
}

/** What a launch does while earlier runs of the job are active. */
export interface ConcurrencyReport {
  /** `ALLOW` (the default), `SKIP` or `UP_TO`. */
  readonly kind: ConcurrencyKind;
  /**
   * The most runs of the job active at once, counting the one being launched (SKIP: 1; UP_TO: N).
   * @default - no limit (ALLOW)
   */
  readonly maxConcurrentRuns?: number;
  /**
   * Runs of the job the Vertex AI quota plan counts at once.
   * @default - a GKE job: not in the Vertex AI quota plan (Kueue admits each run against its team's quota)
   */
  readonly plannedRuns?: number;
  /** The policy in words. */
  readonly description: string;
}

/** A checkpoint location the runs of a job share. */
export interface CheckpointsReport {
  /** `gs://<artifacts bucket>/jobs/<jobId>/checkpoints/`. */
  readonly uri: string;
  /** Versions kept of each checkpoint object. */
  readonly keepLast: number;
  /**
   * Age at which live checkpoint objects are deleted, e.g. `30 days`.
   * @default - kept until keepLast replaces them
   */
  readonly maxAge?: string;
  /**
   * Environment variables every container gets set to the location: `VT_CHECKPOINT_DIR`, the one
   * to rely on, and `AIP_CHECKPOINT_DIR` (on GKE the location too; on Vertex AI whether it keeps
   * the location rather than Vertex AI's per-run directory is unconfirmed).
   */
  readonly env: string[];
}

/** How long a job's run outputs and replaced manifests are kept. */
export interface RetentionReport {
  /**
   * Age at which run outputs (live objects under `jobs/<jobId>/runs/`) are deleted, e.g. `90 days`.
   * @default - kept
   */
  readonly runOutputs?: string;
  /**
   * How long after it was replaced a manifest is deleted, e.g. `14 days`; the current manifest never is.
   * @default - the staging bucket's noncurrent-version retention (`stagingNoncurrentDays`)
   */
  readonly manifests?: string;
  /**
   * The staging bucket's noncurrent-version retention in days, which applies to replaced manifests without `manifests`.
   * @default - not known (an imported staging bucket)
   */
  readonly stagingNoncurrentDays?: number;
}

/** A Delete lifecycle rule a job's checkpoints or retention put on one of its buckets. */
export interface LifecycleRuleReport {
  /** The option it comes from, e.g. `checkpoints.keepLast` or `retention.runOutputs`. */
  readonly field: string;
  /** The bucket the rule is on. */
  readonly bucket: string;
  /** The object name prefix it matches. */
  readonly prefix: string;
  /** What it deletes, in words, e.g. `live objects 30 days old`. */
  readonly deletes: string;
  /** The Cloud Storage condition, in the JSON API's fields (`isLive`, `age`, `numNewerVersions`, `daysSinceNoncurrentTime`). */
  readonly condition: string;
  /** Whether the library adds it: false for an imported bucket, whose owner must add it (synth warns with the rule). */
  readonly applied: boolean;
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
  /**
   * What the pool runs: its container or Python package, as in the request body.
   * @default - not known (a body without this pool)
   */
  readonly code?: PoolCodeReport;
}

/** One environment variable of a pool's code. */
export interface EnvironmentVariableReport {
  /** Name. */
  readonly name: string;
  /** Value, as the container receives it. */
  readonly value: string;
}

/** A Python package a pool installs. */
export interface PackageReport {
  /** `gs://` URI of the package. */
  readonly uri: string;
  /**
   * SHA-256 (hex) of what the stack uploads (the generated source distribution or the given file).
   * @default - not uploaded by this stack (a `gs://` package): its content is not known at synth
   */
  readonly contentHash?: string;
}

/** What one worker pool runs, as the request body says. */
export interface PoolCodeReport {
  /** `container` (a `containerSpec`) or `pythonPackage` (a prebuilt image running a package's module). */
  readonly kind: string;
  /** The image: the container, or the prebuilt executor image of a package. */
  readonly imageUri: string;
  /**
   * The image's digest (`sha256:...`) when it is pinned by one.
   * @default - not pinned by digest
   */
  readonly imageDigest?: string;
  /**
   * The image's tag when it is named by one (a tag can be moved to another image).
   * @default - named by digest
   */
  readonly imageTag?: string;
  /**
   * The container's command (its entrypoint is replaced).
   * @default - the image's entrypoint
   */
  readonly command?: string[];
  /**
   * Arguments, as the code receives them.
   * @default - none
   */
  readonly args?: string[];
  /**
   * Environment variables, in the body's order.
   * @default - none
   */
  readonly env?: EnvironmentVariableReport[];
  /**
   * The Python packages installed before the module runs.
   * @default - not a package (a container)
   */
  readonly packages?: PackageReport[];
  /**
   * The Python module run (`python -m`).
   * @default - not a package (a container)
   */
  readonly pythonModule?: string;
}

/** A metric of a tuning study. */
export interface StudyMetricReport {
  /** The metric the code reports. */
  readonly metricId: string;
  /** `MAXIMIZE` or `MINIMIZE`. */
  readonly goal: string;
}

/** A parameter of a tuning study. */
export interface StudyParameterReport {
  /** The parameter the code receives (`--<id>=<value>`). */
  readonly parameterId: string;
  /** `double`, `integer`, `categorical` or `discrete`. */
  readonly kind: string;
  /** Its range or values in words, e.g. `1e-05 to 0.1` or `adam, sgd`. */
  readonly values: string;
  /**
   * Scale of a numeric range, e.g. `UNIT_LOG_SCALE`.
   * @default - none (linear for integer ranges)
   */
  readonly scale?: string;
  /**
   * When it is searched: a condition on its parent, e.g. `optimizer is sgd`.
   * @default - always
   */
  readonly when?: string;
}

/** The study of a tuning job or tuning pipeline. */
export interface StudyReport {
  /** What the study optimizes. */
  readonly metrics: StudyMetricReport[];
  /** The search space, parents before their conditional children. */
  readonly parameters: StudyParameterReport[];
  /** The search algorithm: `ALGORITHM_UNSPECIFIED` (Bayesian), `GRID_SEARCH` or `RANDOM_SEARCH`. */
  readonly algorithm: string;
  /**
   * Which measurement of a trial counts, e.g. `BEST_MEASUREMENT`.
   * @default - the last (Vertex AI's default)
   */
  readonly measurementSelection?: string;
  /**
   * Early stopping of trials, e.g. `median`.
   * @default - none
   */
  readonly stopping?: string;
  /** Trials in all. */
  readonly maxTrials: number;
  /** Trials at a time. */
  readonly parallelTrials: number;
  /**
   * Failed trials after which the study fails.
   * @default - Vertex AI's default
   */
  readonly maxFailedTrials?: number;
}

/** The container that serves a pipeline's model. */
export interface ServingContainerReport {
  /** The image. */
  readonly imageUri: string;
  /**
   * The image's digest when pinned by one.
   * @default - not pinned by digest
   */
  readonly imageDigest?: string;
  /**
   * The image's tag.
   * @default - named by digest
   */
  readonly imageTag?: string;
  /**
   * Prediction route.
   * @default - Vertex AI's default
   */
  readonly predictRoute?: string;
  /**
   * Health route.
   * @default - Vertex AI's default
   */
  readonly healthRoute?: string;
  /**
   * Port the server listens on.
   * @default - Vertex AI's default, 8080
   */
  readonly port?: number;
}

/** How a job's manifest is named, and which deploys launch it. */
export interface ManifestReport {
  /**
   * SHA-256 of the manifest's canonical JSON at synth: every value known at synth (names, code,
   * pools, scheduling, labels unless left out) with apply-time values as placeholders. An on-change
   * job's manifest name and launch key begin with its first 24 hex digits.
   */
  readonly launchHash: string;
  /** Whether a deploy that changes the hashed content launches a run (an on-change trigger). */
  readonly launchesOnDeploy: boolean;
  /**
   * The key the run of a deploy takes, `c-<24 hex digits of the launch hash><16 of the apply-time values>`;
   * `<apply-time>` where those are only known at apply.
   * @default - deploys do not launch the job
   */
  readonly launchKey?: string;
  /** The name of the manifest object, with what is only known at apply in `<...>`. */
  readonly objectName: string;
  /** Values of the body known only at apply (Terraform references): a change of one relaunches too. */
  readonly applyTimeInputs: string[];
  /** Whether labels are part of the launch hash (`relaunchOnLabelChange`). */
  readonly labelsRelaunch: boolean;
}

/** Hours and prices of one run at one duration, or of a month of scheduled runs. */
export interface CostEstimateReport {
  /** The duration, e.g. `timeout 2 days`, `typical 6 hours` or `30.44 runs of typical 1 hour`. */
  readonly basis: string;
  /** Hours each trial (or the one run) takes; for a month, summed over its runs. */
  readonly hours: number;
  /** Hours from the first trial's start to the last's end (tuning: rounds of parallel trials); for a month, summed over its runs. */
  readonly wallClockHours: number;
  /** GPU-, TPU-chip- or TPU-core-hours of the run, every trial and replica included. */
  readonly acceleratorHours: number;
  /** vCPU-hours of the run, every trial and replica included. */
  readonly vcpuHours: number;
  /**
   * On-demand price of the run.
   * @default - not priced (a machine or accelerator without a price)
   */
  readonly onDemand?: number;
  /**
   * Spot price of the run.
   * @default - not priced
   */
  readonly spot?: number;
}

/** What a job's runs cost, from the price catalog (see `prices` of the environment). */
export interface JobCostReport {
  /** vCPUs of one trial (of the run), every pool and replica. */
  readonly vcpus: number;
  /** Accelerators of one trial, every pool and replica. */
  readonly accelerators: number;
  /**
   * What the accelerators are counted in: `GPUs`, `TPU chips` or `TPU cores`.
   * @default - no accelerators
   */
  readonly acceleratorUnit?: string;
  /** Trials of a run (1 for a job that is not a tuning job). */
  readonly trials: number;
  /** Trials at a time. */
  readonly parallelTrials: number;
  /**
   * On-demand price of one trial for one hour.
   * @default - not priced
   */
  readonly hourlyOnDemand?: number;
  /**
   * Spot price of one trial for one hour.
   * @default - not priced
   */
  readonly hourlySpot?: number;
  /** Which price applies: `on-demand` (STANDARD), `Spot` (SPOT), or the FLEX_START note. */
  readonly billedAs: string;
  /** One run: at the timeout, and at the typical duration when one is given. */
  readonly perRun: CostEstimateReport[];
  /**
   * Runs per month of the job's schedules (an average month: 365.25 / 12 days).
   * @default - no schedule
   */
  readonly runsPerMonth?: number;
  /**
   * A month of scheduled runs, at the typical duration (the timeout when none is given).
   * @default - no schedule
   */
  readonly perMonth?: CostEstimateReport;
  /** What has no price (its cost is not counted), e.g. `machine a3-highgpu-8g`; empty when all is priced. */
  readonly unpriced: string[];
}

/** The prices a report's estimates use. */
export interface PriceCatalogReport {
  /** Date of the prices. */
  readonly date: string;
  /** Where they come from. */
  readonly source: string;
  /** Currency. */
  readonly currency: string;
  /** Region the catalog's rows are for (others are estimated at its rates). */
  readonly region: string;
  /** Rows the environment's `prices` give, e.g. `machine n1-standard-8`. */
  readonly overridden: string[];
}

/** The names of an environment's parts. */
export interface EnvironmentNamesReport {
  /** Staging bucket (packages, manifests, launch records). */
  readonly stagingBucket: string;
  /** Artifacts bucket. */
  readonly artifactsBucket: string;
  /** Data bucket. */
  readonly dataBucket: string;
  /** Docker repository: `<region>-docker.pkg.dev/<project>/<repository>`. */
  readonly dockerRepository: string;
  /** Python repository URL. */
  readonly pythonRepository: string;
  /**
   * The TensorBoard (its ID is assigned by Vertex AI when it is created).
   * @default - no TensorBoard
   */
  readonly tensorboard?: string;
  /**
   * The region's Vertex AI metadata store, encrypted with the Vertex AI key.
   * @default - not created by the environment
   */
  readonly metadataStore?: string;
}

/** A team of an environment. */
export interface TeamReport {
  /** The team's name. */
  readonly name: string;
  /** The identity its jobs run as. */
  readonly trainer: string;
  /** Its data bucket. */
  readonly dataBucket: string;
  /** Its artifacts bucket. */
  readonly artifactsBucket: string;
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

/** Where a GKE job's runs execute. */
export interface GkeJobBackendReport {
  /** The cluster. */
  readonly clusterName: string;
  /** The team namespace its JobSets are created in. */
  readonly namespaceName: string;
  /** The LocalQueue its JobSets are labelled for. */
  readonly localQueue: string;
  /**
   * Kueue WorkloadPriorityClass of its runs.
   * @default - Kueue's default priority
   */
  readonly priorityClass?: string;
  /** Each pool's placement, in pool order, e.g. `workers → h100-spot: 2 pods × 8 nvidia.com/gpu`. */
  readonly placements: string[];
}

/** One Vertex AI job, tuning job or training pipeline of the stack. */
export interface JobReport {
  /** The job's ID (its construct ID). */
  readonly jobId: string;
  /** Construct path of the job. */
  readonly path: string;
  /** Resource kind: `CustomJob`, `HyperparameterTuningJob` or `TrainingPipeline` (Vertex AI), `JobSet` (GKE). */
  readonly kind: string;
  /**
   * The GKE cluster, namespace and queue of a job that runs on GKE, and where its pools are placed.
   * @default - the job runs on Vertex AI
   */
  readonly gke?: GkeJobBackendReport;
  /** Display name of each run. */
  readonly displayName: string;
  /**
   * The team the job runs as.
   * @default - the environment's own trainer and artifacts bucket
   */
  readonly team?: string;
  /** Why the job starts, in declaration order; empty when it is launched by hand only. */
  readonly triggers: JobTriggerReport[];
  /**
   * Whether the job is paused: its schedules are paused in Cloud Scheduler and the launcher ignores
   * its event launches with a logged reason; launches by hand still run.
   */
  readonly paused: boolean;
  /** What a launch does while earlier runs of the job are active. */
  readonly concurrency: ConcurrencyReport;
  /**
   * The checkpoint location the job's runs share.
   * @default - each run checkpoints in its own output directory
   */
  readonly checkpoints?: CheckpointsReport;
  /**
   * How long run outputs and replaced manifests are kept.
   * @default - no retention declared: run outputs kept, replaced manifests as the staging bucket keeps noncurrent versions
   */
  readonly retention?: RetentionReport;
  /**
   * The lifecycle rules the job's checkpoints and retention put on its buckets, in the order of its options.
   * @default - none
   */
  readonly lifecycleRules?: LifecycleRuleReport[];
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
  /**
   * Whether the whole job restarts when a worker restarts.
   * @default - not set: Vertex AI's default (false)
   */
  readonly restartJobOnWorkerRestart?: boolean;
  /**
   * Whether errors fail the job instead of being retried.
   * @default - not set: Vertex AI's default (false)
   */
  readonly disableRetries?: boolean;
  /**
   * FLEX_START's longest wait for capacity, e.g. `2 hours`.
   * @default - not set
   */
  readonly maxWait?: string;
  /** Whether interactive shells into the running containers are allowed. */
  readonly enableWebAccess: boolean;
  /**
   * The TensorBoard the run logs to.
   * @default - none
   */
  readonly tensorboard?: string;
  /**
   * The VPC network (private services access) or network attachment (PSC interface) the run joins.
   * @default - Vertex AI's own network
   */
  readonly network?: string;
  /**
   * The tuning study (tuning jobs and tuning pipelines).
   * @default - not a tuning job
   */
  readonly study?: StudyReport;
  /**
   * The container that serves the registered model (training pipelines).
   * @default - not a training pipeline
   */
  readonly servingContainer?: ServingContainerReport;
  /**
   * Why the Reduction Server has as many reducers as it has, in words.
   * @default - no Reduction Server
   */
  readonly reductionServerSizing?: string;
  /**
   * The typical duration of a run given with the job (`typicalDuration`), e.g. `6 hours`.
   * @default - none given
   */
  readonly typicalDuration?: string;
  /** The manifest's launch hash, and which deploys launch a run. */
  readonly manifest: ManifestReport;
  /** Accelerator-hours, vCPU-hours and estimated prices of runs. */
  readonly cost: JobCostReport;
}

/** The stack's peak demand on one quota in one region, against the declared limit. */
export interface QuotaReportRow {
  /** Region. */
  readonly region: string;
  /** Service: `aiplatform.googleapis.com` (jobs) or `compute.googleapis.com` (GKE node pools at `maxNodes`). */
  readonly service: string;
  /** Metric: of Vertex AI without prefix, of Compute Engine with its `compute.googleapis.com/` prefix. */
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
  /** Each job's (or node pool's, `<cluster>/<pool>`) demand, `name=amount`, sorted by name. */
  readonly contributions: string[];
  /**
   * How `terraform plan` checks the quota against the live limit.
   * @default - not checked at plan
   */
  readonly checkedAtPlan?: QuotaPlanCheck;
}

/**
 * A team's peak demand on one Vertex AI quota against its share (`TeamOptions.quotaShares`), its
 * jobs' demand sorted by name.
 */
export interface TeamQuotaShareReport extends TeamQuotaShareEntry {
  /** Demand against the share (`WITHIN_LIMIT` or `OVER_LIMIT`). */
  readonly status: QuotaStatus;
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
  /** Buckets, repositories and TensorBoard. */
  readonly names: EnvironmentNamesReport;
  /** The environment's teams, sorted by name. */
  readonly teams: TeamReport[];
  /** Whether a label-only change launches its on-change jobs by default. */
  readonly relaunchOnLabelChange: boolean;
  /** The prices of the cost estimates. */
  readonly prices: PriceCatalogReport;
  /** Quota demand against declared limits, sorted by region and metric. */
  readonly quotas: QuotaReportRow[];
  /**
   * Each team's demand against its shares of the Vertex AI quotas, sorted by team, region and metric.
   * @default - no team has a share
   */
  readonly teamQuotaShares?: TeamQuotaShareReport[];
  /** The environment's jobs, sorted by job ID. */
  readonly jobs: JobReport[];
  /** The alerts of failed launches and runs (none before the first job). */
  readonly alerts: AlertReport[];
  /**
   * The monthly budget on the environment's spend.
   * @default - no budget
   */
  readonly budget?: BudgetReport;
  /**
   * The GKE clusters and queues of the environment declared in this stack, with the GKE jobs'
   * demand against their team's quotas.
   * @default - none declared in this stack
   */
  readonly gke?: GkeReport;
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
