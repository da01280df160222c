/**
 * The shape of a training config file: the one statement of it. The JSON Schema the loader validates
 * with (lib/config/schema-generated.ts) and the published `schema/training-config.schema.json` are
 * generated from this file by test/helpers/config-schema/generate.ts, which says how its types and
 * TSDoc tags (`@default`, `@integer`, `@minimum`, `@maximum`, `@minItems`, `@pattern`, `@examples`,
 * `@oneOf`, `@when`) read as a schema; regenerate with `UPDATE_CONFIG_SCHEMA=1 npx jest test/config/schema`.
 * The builder (./build.ts) consumes data of these types once it has passed the schema.
 *
 * `RawConfig` is the document; every other exported type is a definition of the schema, named
 * without `Raw` (`RawWorkerPools` → `#/definitions/workerPools`). Internal: the public API is `TrainingConfig`.
 */
import type { GpuType } from '../compute/enums';

/**
 * A whole number.
 * @integer
 */
type Integer = number;

/**
 * Names of jobs that never run at the same time.
 * @minItems 2
 */
type JobNameGroup = readonly string[];

/**
 * A Vertex AI training environment, its teams, its jobs and optionally a GKE cluster (`gke`), loaded by TrainingConfig.fromFile into the
 * cdktf-vertex-training constructs (the same constructs and validations as TypeScript). Enumerations are
 * written in lowercase (`spot`, `log`, `scikit-learn`); GPU types also take their Vertex AI names
 * (`NVIDIA_H100_80GB`). Strings in code args, env, command and onNewData.bucket may reference the environment
 * with `${{ environment.dataBucket.url }}` (see `definitions.reference`); `${AIP_...}` and other `${...}`
 * reach Vertex AI unchanged.
 */
export interface RawConfig {
  /**
   * The schema of this file, for editors (in a project:
   * ./node_modules/cdktf-vertex-training/schema/training-config.schema.json). Ignored by the loader.
   */
  readonly $schema?: string;
  readonly environment: RawEnvironment;
  /**
   * Teams sharing the environment: each has its own trainer identity, data bucket and artifacts bucket
   * (TrainingEnvironment.addTeam).
   * @default []
   */
  readonly teams?: readonly RawTeam[];
  /**
   * Training jobs of the environment: custom jobs, hyperparameter tuning jobs and training pipelines.
   * @default []
   */
  readonly jobs?: readonly RawJob[];
  readonly gke?: RawGke;
}

/**
 * A reference to the environment, replaced at synth: `${{ environment.projectId }}`,
 * `${{ environment.region }}`, `${{ environment.prefix }}`,
 * `${{ environment.<stagingBucket|artifactsBucket|dataBucket>.<name|url> }}`,
 * `${{ environment.<dockerRepository|pythonRepository>.url }}`, `${{ environment.<trainer|launcher>.email }}`,
 * `${{ teams.<team>.<dataBucket|artifactsBucket>.<name|url> }}`, `${{ teams.<team>.trainer.email }}`.
 */
export type RawReference = string;

/**
 * Labels: keys of 1-63 lowercase letters, digits, underscores or hyphens starting with a letter; values of
 * 0-63 of the same.
 */
export type RawLabels = { readonly [key: string]: string };

/** A list of strings. */
export type RawStringList = readonly string[];

/** IAM principals: `user:`, `group:`, `serviceAccount:`, `domain:` ... (public principals are refused). */
export type RawMembers = readonly string[];

/**
 * A length of time: a whole number followed by s (seconds), m (minutes), h (hours) or d (days), e.g. `90m`,
 * `12h`, `2d`.
 * @pattern ^[0-9]+[smhd]$
 * @examples ["3600s","90m","12h","2d"]
 */
export type RawDuration = string;

/**
 * An environment variable's name: letters, digits and underscores, not starting with a digit.
 * @pattern ^[A-Za-z_][A-Za-z0-9_]*$
 */
export type RawEnvVarName = string;

/**
 * Environment variables of the training code (at most 100), in the order given. Values may hold `${{ ... }}`
 * references.
 */
export type RawEnvVars = { readonly [name: RawEnvVarName]: string };

/**
 * Command-line arguments, as written: `${AIP_MODEL_DIR}` and other `${...}` reach Vertex AI unchanged (the
 * program expands them); `${{ ... }}` references are replaced at synth. A Terraform expression written as text
 * (`${var.x}`, `${google_storage_bucket.b.name}`) is refused.
 */
export type RawArgs = readonly string[];

/**
 * The TrainingEnvironment: APIs, service agents, CMEK keys, staging / artifacts / data buckets, Docker and
 * Python repositories, trainer and launcher identities, TensorBoard, and optionally a private network, a VPC
 * Service Controls perimeter and quota planning.
 */
export interface RawEnvironment {
  /**
   * Construct ID of the environment, and the default name prefix.
   * @default the prefix, or `training`
   */
  readonly name?: string;
  /** Google Cloud project the environment lives in. */
  readonly projectId: string;
  /**
   * Region of the environment (buckets, keys, repositories, TensorBoard, jobs); must have a Vertex AI regional
   * endpoint. Multi-regions are refused.
   * @examples ["us-central1","europe-west4","asia-southeast1"]
   */
  readonly region: string;
  /**
   * Prefix of every name the environment derives (2-20 lowercase letters, digits or hyphens).
   * @default the environment's name, lowercased
   */
  readonly prefix?: string;
  /** Labels added to every resource that takes labels, next to `managed-by` and `vertex-training-env`. */
  readonly labels?: RawLabels;
  /**
   * Whether Terraform enables the Google APIs the environment uses (never disabling them on destroy).
   * @default true
   */
  readonly enableApis?: boolean;
  readonly encryption?: RawEncryption;
  /**
   * Staging bucket: Python packages and launch manifests.
   * @default a bucket named `<projectId>-<prefix>-staging`
   */
  readonly stagingBucket?: RawBucket;
  /**
   * Artifacts bucket: model outputs, checkpoints, TensorBoard logs.
   * @default a bucket named `<projectId>-<prefix>-artifacts`
   */
  readonly artifactsBucket?: RawBucket;
  /**
   * Data bucket: training data.
   * @default a bucket named `<projectId>-<prefix>-data`
   */
  readonly dataBucket?: RawBucket;
  /**
   * Docker repository for training images.
   * @default a repository named `<prefix>-images`
   */
  readonly dockerRepository?: RawRepository;
  /**
   * Python repository for training packages.
   * @default a repository named `<prefix>-python`
   */
  readonly pythonRepository?: RawRepository;
  /**
   * The identity training code runs as.
   * @default a service account `<prefix>-trainer`
   */
  readonly trainerServiceAccount?: RawServiceAccount;
  /**
   * The identity that creates Vertex AI jobs (schedulers and launchers act as it).
   * @default a service account `<prefix>-launcher`
   */
  readonly launcherServiceAccount?: RawServiceAccount;
  readonly tensorboard?: RawTensorboard;
  readonly network?: RawNetwork;
  readonly perimeter?: RawPerimeter;
  readonly quotas?: RawQuotas;
  readonly alerts?: RawAlerts;
  /**
   * How long a deploy waits for new IAM grants and Eventarc triggers to take effect before it creates what needs
   * them (0 to 30 minutes).
   * @default 2m
   */
  readonly propagationDelay?: RawDuration;
  /**
   * Whether a deploy that changes only labels launches the on-change jobs again. false: labels stay out of the
   * launch hash, so a label change reaches the next run without starting one. A job's own
   * `relaunchOnLabelChange` wins.
   * @default true
   */
  readonly relaunchOnLabelChange?: boolean;
  readonly grants?: RawGrants;
  readonly budget?: RawBudget;
  /**
   * Whether the environment creates the region's Vertex AI metadata store (`default`, used by Experiments and
   * TensorBoard experiments) with its Vertex AI key, before anything creates it Google-encrypted. false when the
   * project's store in the region already exists or another environment of the project creates it.
   * @default true
   */
  readonly metadataStore?: boolean;
}

/**
 * A monthly Cloud Billing budget on the environment's spend (its project's costs that carry the environment's
 * label), notifying the same channels as `alerts` (at most 5) and the billing account's administrators. The
 * deployer needs `billing.budgets.create` on the billing account.
 * @default no budget
 */
export interface RawBudget {
  /**
   * The Cloud Billing account that pays for the project: `XXXXXX-XXXXXX-XXXXXX` (upper-case hexadecimal).
   * @pattern ^(billingAccounts/)?[0-9A-F]{6}-[0-9A-F]{6}-[0-9A-F]{6}$
   */
  readonly billingAccount: string;
  /** The monthly amount, in units of `currencyCode` (greater than 0). */
  readonly amount: number;
  /**
   * ISO 4217 code of the amount: the billing account's currency.
   * @default "USD"
   * @pattern ^[A-Z]{3}$
   */
  readonly currencyCode?: string;
  /**
   * Fractions of the amount whose crossing by the month's actual spend notifies (1.0 = the whole amount), each
   * above 0 and at most 10.
   * @default [0.5,0.9,1]
   */
  readonly thresholds?: readonly number[];
  /**
   * Fractions of the amount whose crossing by the month's forecast spend notifies; `[]` for none.
   * @default [1]
   */
  readonly forecastThresholds?: readonly number[];
}

/**
 * Who is told when a launch fails or a run ends failed, cancelled or expired. Without any channel, incidents
 * only open in the Cloud Monitoring console and the policy rule VT-ALERT-1 fails synth until one is named or
 * the rule is acknowledged.
 */
export interface RawAlerts {
  /** Email addresses to notify. */
  readonly emails?: RawStringList;
  /** Pub/Sub topics to notify (`projects/PROJECT/topics/TOPIC`). */
  readonly pubsubTopics?: RawStringList;
  /** Existing Cloud Monitoring channels (`projects/PROJECT/notificationChannels/ID`). */
  readonly notificationChannels?: RawStringList;
}

/**
 * CMEK: key ring, keys and rotation, or keys brought by the user.
 * @default a key ring and one key per service (storage, registry, Vertex AI, and with the launcher Workflows,
 * Pub/Sub and Eventarc) rotating every 90 days
 */
export interface RawEncryption {
  /**
   * ID of the key ring to create in the environment's region. Key rings can never be deleted: after a destroy,
   * set existingKeyRingName instead.
   * @default `<prefix>-training`
   */
  readonly keyRingId?: string;
  /** An existing key ring (`projects/P/locations/REGION/keyRings/RING`) in which to create the keys. */
  readonly existingKeyRingName?: string;
  /**
   * Rotation period of created keys, in days (1-365). More than 90 fails most security baselines.
   * @default 90
   */
  readonly rotationPeriodDays?: Integer;
  /**
   * Protection level of created keys: `software`, or `hsm` (FIPS 140-2 Level 3).
   * @default "software"
   */
  readonly protectionLevel?: 'software' | 'hsm';
  /**
   * Days a destroyed key version waits before its material is deleted (1-120).
   * @default 30
   */
  readonly destroyScheduledDays?: Integer;
  /**
   * Bring your own key for the buckets: `projects/P/locations/REGION/keyRings/RING/cryptoKeys/KEY`, in the
   * environment's region.
   */
  readonly storageKeyName?: string;
  /** Bring your own key for the Artifact Registry repositories (same format and region rule). */
  readonly registryKeyName?: string;
  /**
   * Bring your own key for Vertex AI resources: jobs, TensorBoard, datasets, models (same format and region
   * rule).
   */
  readonly vertexKeyName?: string;
  /** Bring your own key for the launcher's Pub/Sub topic of launch requests (same format and region rule). */
  readonly pubsubKeyName?: string;
  /** Bring your own key for the launcher workflow (same format and region rule). */
  readonly workflowsKeyName?: string;
  /**
   * Bring your own key for Eventarc's Google channel, which carries the launcher's Cloud Storage events (same
   * format and region rule).
   */
  readonly eventarcKeyName?: string;
}

/** A Cloud Storage bucket: created (with CMEK, versioning, soft delete and lifecycle rules) or existing. */
export interface RawBucket {
  /** Name of the bucket to create. */
  readonly name?: string;
  /**
   * Use this existing bucket instead of creating one; its own settings (CMEK, versioning, ...) are then the
   * owner's responsibility.
   */
  readonly existingBucketName?: string;
  /**
   * Days a noncurrent (overwritten or deleted) object version is kept (1-3650).
   * @default 30
   */
  readonly noncurrentVersionRetentionDays?: Integer;
  /**
   * Soft-delete retention in days: 0 turns soft delete off, otherwise 7-90.
   * @default 7
   */
  readonly softDeleteRetentionDays?: Integer;
  /**
   * Days after which live objects under objectExpirationPrefixes expire (0: never).
   * @default 14 for the staging bucket, 0 for the others
   */
  readonly objectExpirationDays?: Integer;
  /**
   * Object name prefixes that objectExpirationDays applies to; empty means every object.
   * @default [tmp/] for the staging bucket, [] for the others
   */
  readonly objectExpirationPrefixes?: RawStringList;
  /**
   * Adds Terraform's prevent_destroy.
   * @default true for the data and artifacts buckets, false for the staging bucket
   */
  readonly preventDestroy?: boolean;
}

/** An Artifact Registry repository: created (with CMEK and cleanup policies) or existing. */
export interface RawRepository {
  /** ID of the repository to create. */
  readonly repositoryId?: string;
  /** Use this existing repository (`projects/P/locations/L/repositories/R`) instead of creating one. */
  readonly existingRepositoryName?: string;
  /**
   * Cleanup keeps at least this many most recent versions of each package (1-1000).
   * @default 10
   */
  readonly keepMostRecentVersions?: Integer;
  /**
   * Cleanup deletes versions older than this many days (0: never): untagged images (Docker), any version
   * (Python).
   * @default 30
   */
  readonly deleteUntaggedAfterDays?: Integer;
  /**
   * Reports what cleanup would delete without deleting it.
   * @default false
   */
  readonly cleanupDryRun?: boolean;
  /**
   * Adds Terraform's prevent_destroy: deleting a repository deletes every image or package in it.
   * @default true
   */
  readonly preventDestroy?: boolean;
  /**
   * Docker only: tags cannot be moved to another image once pushed.
   * @default false
   */
  readonly immutableTags?: boolean;
}

/** A service account: created, or existing. */
export interface RawServiceAccount {
  /** Account ID (the part of the email before @) of the service account to create. */
  readonly accountId?: string;
  /**
   * Use this existing service account (by email) instead of creating one; the environment still makes its grants
   * to it.
   */
  readonly existingEmail?: string;
}

/**
 * The environment's Vertex AI TensorBoard.
 * @default a CMEK-encrypted TensorBoard
 */
export interface RawTensorboard {
  /**
   * Whether the environment has a TensorBoard at all.
   * @default true
   */
  readonly enabled?: boolean;
  /**
   * Display name of the TensorBoard to create (1-128 characters).
   * @default `<prefix>-tensorboard`
   */
  readonly displayName?: string;
  /**
   * Adds Terraform's prevent_destroy: deleting a TensorBoard deletes its experiments and logs.
   * @default true
   */
  readonly preventDestroy?: boolean;
  /** Use this existing TensorBoard (`projects/P/locations/REGION/tensorboards/ID`, in the environment's region). */
  readonly existingTensorboardName?: string;
}

/**
 * A private network for training: jobs then run on it.
 * @default no network (Vertex AI's own)
 */
export interface RawNetwork {
  /**
   * How Vertex AI reaches the network: VPC peering through private services access, or a Private Service Connect
   * interface.
   * @default "private-services-access"
   */
  readonly connectivity?: 'private-services-access' | 'psc-interface';
  /** Use this existing network (`projects/PROJECT/global/networks/NAME`) instead of creating one. */
  readonly existingNetworkName?: string;
  /**
   * Range of the environment's subnet (created networks only).
   * @default "10.8.0.0/20"
   */
  readonly subnetCidr?: string;
  /**
   * Range reserved for Vertex AI peering (private services access), /16 to /24.
   * @default "10.16.0.0/16"
   */
  readonly peeringCidr?: string;
  /** Use this existing reserved peering range (its name) instead of reserving one. */
  readonly existingPeeringRangeName?: string;
  /**
   * Range of the subnet of the PSC network attachment, /16 to /28.
   * @default "10.9.0.0/24"
   */
  readonly attachmentSubnetCidr?: string;
  /**
   * Private DNS for Google APIs: `restricted` (VPC-SC supported APIs only), `private` (every API), or `default`
   * (public DNS).
   * @default restricted inside an enforced perimeter, private otherwise (a dry-run perimeter blocks nothing)
   */
  readonly googleApis?: 'restricted' | 'private' | 'default';
  /**
   * Cloud NAT for jobs that must reach the internet; refused inside an enforced perimeter.
   * @default false
   */
  readonly enableNat?: boolean;
  /** Ranges already used in the network or peered networks, checked for overlaps. */
  readonly existingRanges?: RawStringList;
}

/**
 * A VPC Service Controls perimeter around the project (created or joined), dry-run first.
 * @default no perimeter
 */
export interface RawPerimeter {
  /** Create a perimeter in this access policy (`accessPolicies/NUMBER`). Give this or existingPerimeterName. */
  readonly accessPolicy?: string;
  /**
   * Short name of the created perimeter (letters, digits and underscores, starting with a letter, at most 50).
   * @default `<prefix>_training` (hyphens become underscores)
   */
  readonly perimeterName?: string;
  /** Join this existing perimeter (`accessPolicies/NUMBER/servicePerimeters/NAME`). */
  readonly existingPerimeterName?: string;
  /**
   * Dry run: violations are logged, not blocked. Start here, read the logs, then set false to enforce.
   * @default true
   */
  readonly dryRun?: boolean;
  /** Access levels (`accessPolicies/NUMBER/accessLevels/NAME`) whose requests may enter (created perimeters). */
  readonly accessLevels?: RawStringList;
  /** Identities that deploy the stack from outside the perimeter (e.g. a CI service account). */
  readonly deployerIdentities?: RawMembers;
  /** Services to restrict besides the ones the environment uses; each must be one VPC Service Controls supports. */
  readonly additionalRestrictedServices?: RawStringList;
  /**
   * Services VPC Service Controls supports that the library's list does not know yet (check with
   * `gcloud access-context-manager supported-services list`).
   */
  readonly additionalSupportedServices?: RawStringList;
}

/**
 * Quota planning: known limits, quota ID overrides, plan-time checks and increase requests.
 * @default demand is planned and warned about
 */
export interface RawQuotas {
  /** Known limits. Demand above a limit fails synth (or, with requestIncreases, requests more). */
  readonly limits?: readonly RawQuotaLimit[];
  /** Cloud Quotas API quota IDs by metric, overriding the catalog. */
  readonly quotaIds?: { readonly [key: string]: string };
  /**
   * Reads the live quota at `terraform plan`: a quota below the demand fails the plan, except one the stack
   * requests itself (requestIncreases), which only warns (a Terraform check block).
   * @default false
   */
  readonly checkAtPlan?: boolean;
  /** Requests a quota increase for every quota whose demand exceeds its declared limit, instead of failing synth. */
  readonly requestIncreases?: {
    /** Who Google contacts about the request. */
    readonly contactEmail: string;
    /**
     * Why the quota is needed.
     * @default "Vertex AI custom training (cdktf-vertex-training)"
     */
    readonly justification?: string;
  };
  /**
   * Groups of job names that never run at the same time (e.g. scheduled one after another): together they demand
   * only as much as the largest of them.
   */
  readonly neverConcurrent?: readonly JobNameGroup[];
}

/** A known limit of one quota metric in one region. */
export interface RawQuotaLimit {
  /** Metric, e.g. `custom_model_training_nvidia_h100_gpus` (the `aiplatform.googleapis.com/` prefix is optional). */
  readonly metric: string;
  /**
   * The limit, in units of the metric (GPUs, TPU chips or cores, vCPUs).
   * @minimum 0
   */
  readonly limit: Integer;
  /**
   * Region of the limit.
   * @default the environment's region
   */
  readonly region?: string;
}

/** Access for people and systems outside the environment's own identities. */
export interface RawGrants {
  /** May read training data. */
  readonly dataRead?: RawMembers;
  /** May read and write training data (e.g. a data pipeline's identity). */
  readonly dataReadWrite?: RawMembers;
  /** May write to the staging bucket (e.g. CI uploading training packages). */
  readonly stagingReadWrite?: RawMembers;
  /** May read models, checkpoints and TensorBoard logs. */
  readonly artifactsRead?: RawMembers;
  /** May pull training images and download training packages. */
  readonly imagesAndPackagesRead?: RawMembers;
  /** May push training images and upload training packages (e.g. CI). */
  readonly imagesAndPackagesWrite?: RawMembers;
}

/**
 * A team's name: 2-16 lowercase letters, digits or hyphens, starting with a letter and ending with a letter or digit.
 * @pattern ^[a-z][a-z0-9-]{0,14}[a-z0-9]$
 */
export type RawTeamName = string;

/**
 * A team sharing the environment: its own trainer identity, data bucket and artifacts bucket; its jobs
 * (`team: <name>`) run as its trainer and write to its artifacts bucket.
 */
export interface RawTeam {
  /** The team's name: 2-16 lowercase letters, digits or hyphens, starting with a letter. */
  readonly name: RawTeamName;
  /** People or groups of the team: they may read and write the team's data and read its artifacts. */
  readonly members?: RawMembers;
  /**
   * The team's trainer identity.
   * @default a service account `<prefix>-<team>-tr`
   */
  readonly trainerServiceAccount?: RawServiceAccount;
  /**
   * The team's data bucket.
   * @default `<projectId>-<prefix>-<team>-data`
   */
  readonly dataBucket?: RawBucket;
  /**
   * The team's artifacts bucket.
   * @default `<projectId>-<prefix>-<team>-artifacts`
   */
  readonly artifactsBucket?: RawBucket;
  /**
   * The team's shares of the environment's Vertex AI quotas, per quota and region: synth fails when the team's
   * jobs together demand more than their share.
   * @default only the environment's quotas.limits apply to the team's jobs
   */
  readonly quotaShares?: readonly RawQuotaShare[];
}

/** A team's share of one Vertex AI quota in one region. */
export interface RawQuotaShare {
  /**
   * Vertex AI training metric, e.g. `custom_model_training_nvidia_h100_gpus` or
   * `custom_model_training_preemptible_nvidia_h100_gpus` (the `aiplatform.googleapis.com/` prefix is optional).
   */
  readonly metric: string;
  /**
   * The share, in units of the metric (GPUs, TPU chips or cores, vCPUs).
   * @minimum 0
   */
  readonly limit: Integer;
  /**
   * Region of the share.
   * @default the environment's region
   */
  readonly region?: string;
}

/**
 * A job's name: 2-40 lowercase letters, digits or hyphens, starting with a letter and ending with a letter or digit.
 * @pattern ^[a-z][a-z0-9-]{0,38}[a-z0-9]$
 */
export type RawJobName = string;

/**
 * A training job: a custom job, a hyperparameter tuning job, or a training pipeline that registers a model.
 * @when kind is tuning: requires study, maxTrialCount, parallelTrialCount; otherwise forbids study,
 * maxTrialCount, parallelTrialCount, maxFailedTrialCount
 * @when kind is pipeline: requires model; otherwise forbids model, dataset, tuning
 * @when backend is gke: requires team; otherwise forbids priorityClass, ttlAfterFinished
 * @when concurrency is up-to: requires maxConcurrentRuns; otherwise forbids maxConcurrentRuns
 */
export interface RawJob {
  /**
   * The job's ID: 2-40 lowercase letters, digits or hyphens, starting with a letter. It names the job's
   * manifests, outputs and output directory, and is its construct ID.
   */
  readonly name: RawJobName;
  /**
   * `custom` (a Vertex AI CustomJob), `tuning` (a HyperparameterTuningJob: study, maxTrialCount,
   * parallelTrialCount) or `pipeline` (a TrainingPipeline that registers a model: model, dataset, tuning).
   * @default "custom"
   */
  readonly kind?: 'custom' | 'tuning' | 'pipeline';
  /**
   * Display name of each run in Vertex AI (1-128 characters).
   * @default the job's name
   */
  readonly displayName?: string;
  /** Run as this team (a name under `teams`): its trainer identity and artifacts bucket. */
  readonly team?: string;
  /** Labels of each run, next to the environment's. */
  readonly labels?: RawLabels;
  /**
   * Send the job's TensorBoard logs to the environment's TensorBoard.
   * @default true when the environment has one
   */
  readonly tensorboard?: boolean;
  /**
   * Interactive shell access to the training containers while they run.
   * @default false
   */
  readonly enableWebAccess?: boolean;
  /**
   * Whether a deploy that changes only this job's labels (or the environment's) launches it again (on-change
   * jobs).
   * @default the environment's `relaunchOnLabelChange`
   */
  readonly relaunchOnLabelChange?: boolean;
  /**
   * How long a run usually takes: the training report prices a run, and a month of scheduled runs, at it as well
   * as at the timeout.
   */
  readonly typicalDuration?: RawDuration;
  readonly workerPools: RawWorkerPools;
  readonly code: RawCode;
  readonly scheduling?: RawScheduling;
  /** Why the job runs. None: declared, and launched by hand with its `launch_command` output. */
  readonly triggers?: readonly RawTrigger[];
  /**
   * What a launch does while earlier runs of the job are still active (queued, pending or running), whatever
   * started it: `allow` starts another run; `skip` skips it and logs why (one run at a time); `up-to` starts one
   * while fewer than `maxConcurrentRuns` are active (the quota plan counts that many runs). A skipped launch
   * spends its launch key: the same event delivered again later launches nothing.
   * @default "allow"
   */
  readonly concurrency?: 'allow' | 'skip' | 'up-to';
  /**
   * concurrency up-to: the most runs of the job at once.
   * @minimum 1
   * @maximum 100
   */
  readonly maxConcurrentRuns?: Integer;
  /**
   * Pause the job's triggers without destroying anything: its schedules are paused in Cloud Scheduler and the
   * launcher ignores its event launches (on change, new data) with a logged reason; a launch by hand still runs.
   * Resuming launches nothing by itself; a body changed while paused launches once on resume.
   * @default false
   */
  readonly paused?: boolean;
  readonly checkpoints?: RawCheckpoints;
  readonly retention?: RawRetention;
  readonly study?: RawStudy;
  /**
   * kind tuning: trials in total.
   * @minimum 1
   */
  readonly maxTrialCount?: Integer;
  /**
   * kind tuning: trials that run at once; each is a full copy of the worker pools, counted in the quota plan.
   * @minimum 1
   */
  readonly parallelTrialCount?: Integer;
  /**
   * kind tuning: failed trials after which the job fails.
   * @default Vertex AI decides
   * @minimum 0
   */
  readonly maxFailedTrialCount?: Integer;
  readonly model?: RawModel;
  readonly dataset?: RawDataset;
  readonly tuning?: RawTuning;
  /**
   * Where the runs execute: `vertex-ai`, or `gke`: each run is a JobSet in the job's team's Kueue queue on the
   * cluster declared under `gke` (a custom job with a `team` that has quotas under `gke.teams`), declared in the
   * workloads stack.
   * @default "vertex-ai"
   */
  readonly backend?: 'vertex-ai' | 'gke';
  /**
   * backend gke: Kueue priority of the runs: orders the team's queue, and a higher priority may preempt a
   * lower one.
   * @default "training-normal"
   */
  readonly priorityClass?: 'training-low' | 'training-normal' | 'training-high';
  /**
   * backend gke: how long a finished run's JobSet (and its pods' logs in `kubectl logs`) stays in the cluster.
   * @default 1d
   */
  readonly ttlAfterFinished?: RawDuration;
}

/**
 * A checkpoint location shared by the job's runs, `gs://<artifacts bucket>/jobs/<name>/checkpoints/` (outside each
 * run's output directory), so that a preempted or a weekly run resumes from the last checkpoint: every container
 * gets it as `AIP_CHECKPOINT_DIR` and `VT_CHECKPOINT_DIR` (`{}` for the defaults). Lifecycle rules on the artifacts
 * bucket keep the last `keepLast` versions of each checkpoint object. Not for kind tuning (trials must not share
 * checkpoints).
 * @default each run checkpoints in its own output directory
 */
export interface RawCheckpoints {
  /**
   * Versions kept of each checkpoint object: a checkpoint written again under the same name keeps its live version
   * and `keepLast - 1` replaced ones.
   * @default 3
   * @minimum 1
   * @maximum 100
   */
  readonly keepLast?: Integer;
  /**
   * Live checkpoint objects are deleted at this age, in whole days (e.g. `30d`): for checkpoints named by step,
   * which are never overwritten.
   * @default kept until keepLast replaces them
   */
  readonly maxAge?: RawDuration;
}

/**
 * How long the job's run outputs and replaced launch manifests are kept, as lifecycle rules on its buckets (jobs
 * with the same retention share one rule).
 * @default run outputs kept; replaced manifests as long as the staging bucket keeps noncurrent versions
 */
export interface RawRetention {
  /**
   * Run outputs (live objects under `jobs/<name>/runs/` of the job's artifacts bucket) are deleted at this age, in
   * whole days (e.g. `90d`, at most 3650 days). Checkpoints are outside `runs/` and are not affected.
   * @default kept
   */
  readonly runOutputs?: RawDuration;
  /**
   * Replaced launch manifests (noncurrent versions under `jobs/<name>/` of the staging bucket) are deleted this
   * long after they were replaced, in whole days (e.g. `14d`, at most the staging bucket's
   * noncurrentVersionRetentionDays). The current manifest, which the launcher reads, is never deleted.
   * @default the staging bucket's noncurrentVersionRetentionDays
   */
  readonly manifests?: RawDuration;
}

/**
 * The job's worker pools, by role: primary (exactly one replica), workers, parameterServers or
 * reductionServer, evaluators.
 */
export interface RawWorkerPools {
  /** The primary (chief) replica. */
  readonly primary: RawPool;
  /** Further replicas that train alongside the primary. */
  readonly workers?: RawPool;
  /** Parameter servers (TensorFlow ParameterServerStrategy); not with a Reduction Server. */
  readonly parameterServers?: RawPool;
  readonly reductionServer?: RawReductionServer;
  /** Evaluators (TensorFlow: at most one). */
  readonly evaluators?: RawPool;
}

/**
 * The compute of one worker pool: exactly one of gpu, tpu or cpu, and the options every pool takes.
 * @oneOf gpu tpu cpu
 */
export interface RawPool {
  readonly gpu?: RawGpu;
  readonly tpu?: RawTpu;
  readonly cpu?: RawCpu;
  /**
   * VMs (replicas) in the pool. The primary pool and TPU pools take exactly 1.
   * @default 1
   * @minimum 1
   */
  readonly replicas?: Integer;
  /**
   * Boot disk type of every replica.
   * @default pd-ssd (hyperdisk-balanced on a3-ultragpu-8g and a4-highgpu-8g)
   */
  readonly bootDiskType?: BootDiskTypeName;
  /**
   * Boot disk size in GiB (100-64,000).
   * @default 100
   */
  readonly bootDiskSizeGb?: Integer;
  readonly reservation?: RawReservation;
  /**
   * Code this pool runs instead of the job's (an evaluator's or parameter server's own image, module, args,
   * env), resolved for the pool's own hardware. Not on the primary pool, which runs the job's code.
   * @default the job's code
   */
  readonly code?: RawCode;
}

/** A boot disk type (written out where it is used). */
type BootDiskTypeName = 'pd-ssd' | 'pd-standard' | 'hyperdisk-balanced';

/**
 * GPU type: a short name (`t4`, `v100`, `p4`, `p100`, `a100`, `a100-80gb`, `l4`, `h100`, `h100-mega`, `h200`,
 * `b200`, `gb200`, `rtx-pro-6000`) or the Vertex AI accelerator type (`NVIDIA_H100_80GB`).
 */
export type RawGpuType = 't4' | 'v100' | 'p4' | 'p100' | 'a100' | 'a100-80gb' | 'l4' | 'h100' | 'h100-mega' | 'h200' | 'b200' | 'gb200'
  | 'rtx-pro-6000' | GpuType;

/** A GPU pool: GPU type and count per replica; the machine type is chosen unless given. */
export interface RawGpu {
  readonly type: RawGpuType;
  /**
   * GPUs per replica (VM).
   * @minimum 1
   */
  readonly count: Integer;
  /**
   * Machine type, validated against the GPU type and count.
   * @default the smallest machine that takes `count` GPUs of `type`
   */
  readonly machineType?: string;
}

/** A TPU pool: one replica of one slice. */
export interface RawTpu {
  /** TPU generation: v2, v3, v5e, v6e (Trillium) or 7x (Ironwood). */
  readonly version: 'v2' | 'v3' | 'v5e' | 'v6e' | '7x';
  /** Slice topology (`2x4`, `4x4`, `2x2x1`, ...); required for v5e, v6e and 7x. */
  readonly topology?: string;
  /** TPU cores for v2 and v3 (8 for one device, 32n for a Pod); required for them. */
  readonly cores?: Integer;
  /** Machine type, when a topology exists on several (v5e 2x4: ct5lp-hightpu-8t or ct5lp-hightpu-4t). */
  readonly machineType?: string;
}

/** A CPU-only pool. */
export interface RawCpu {
  /** Machine type, e.g. `n2-standard-16`. */
  readonly machineType: string;
}

/**
 * Which Compute Engine reservations the VMs may consume (shared with Vertex AI, matching the machine exactly;
 * not with flex-start).
 * @default Vertex AI's default
 * @when type is specific: requires names; otherwise forbids names
 */
export interface RawReservation {
  /**
   * `none`: never; `any`: any matching reservation, falling back to on-demand capacity; `specific`: only the
   * named reservations.
   */
  readonly type: 'none' | 'any' | 'specific';
  /** type specific: `projects/PROJECT/zones/ZONE/reservations/NAME`, one or more. */
  readonly names?: RawStringList;
}

/**
 * Vertex AI Reduction Server for NCCL all-reduce across GPU workers (`{}` for the defaults); not with
 * parameterServers.
 */
export interface RawReductionServer {
  /**
   * Reducers.
   * @default enough for the GPU replicas' total bandwidth
   * @minimum 1
   */
  readonly replicas?: Integer;
  /**
   * Reducer machine type: no GPUs, at least 16 vCPUs, N1 or N2.
   * @default "n1-highcpu-16"
   */
  readonly machineType?: string;
  /**
   * Egress bandwidth of one reducer, Gbps.
   * @default 32
   */
  readonly reducerBandwidthGbps?: number;
  /**
   * Egress bandwidth of one GPU replica, Gbps.
   * @default from the catalog
   */
  readonly workerBandwidthGbps?: number;
  /**
   * Reduction Server image.
   * @default Google's image in the nearest registry mirror
   */
  readonly imageUri?: string;
}

/**
 * What the job runs: exactly one of `prebuilt` (a Python package on a prebuilt framework image) or `container`
 * (a custom container).
 * @oneOf prebuilt container
 */
export interface RawCode {
  readonly prebuilt?: RawPrebuiltCode;
  readonly container?: RawContainerCode;
}

/** Framework of a prebuilt image. */
export type RawFramework = 'tensorflow' | 'pytorch' | 'scikit-learn' | 'xgboost' | 'ray';

/**
 * A Python package run with `python -m MODULE` by a prebuilt framework image.
 * @oneOf package packages
 */
export interface RawPrebuiltCode {
  readonly framework: RawFramework;
  /**
   * Framework version as MAJOR.MINOR, quoted (YAML reads 1.10 as the number 1.1); it must have an image for the
   * job's hardware.
   * @examples ["1.6","2.17","2.4"]
   */
  readonly version: string;
  /** The training package. Give package or packages. */
  readonly package?: RawPackage;
  /**
   * The training package and its local dependencies, installed in order (1-100). Give package or packages.
   * @minItems 1
   */
  readonly packages?: readonly RawPackage[];
  /** Python module to run, e.g. `trainer.task`. */
  readonly module: string;
  readonly args?: RawArgs;
  readonly env?: RawEnvVars;
}

/**
 * A Python package: exactly one of `directory` (a local project, packaged at synth), `file` (a built sdist or
 * wheel) or `gcsUri` (already in Cloud Storage). Relative paths are relative to this file's folder.
 * @oneOf directory file gcsUri
 */
export interface RawPackage {
  /** A local Python project (with setup.py or pyproject.toml), relative to this file's folder. */
  readonly directory?: string;
  /** A source distribution (.tar.gz, .zip) or wheel (.whl), relative to this file's folder. */
  readonly file?: string;
  /** `gs://BUCKET/OBJECT`, ending in .tar.gz, .zip or .whl. */
  readonly gcsUri?: string;
}

/** A custom container image, with an optional command and arguments. */
export interface RawContainerCode {
  readonly image: RawImage;
  /** Overrides the image's ENTRYPOINT. */
  readonly command?: RawArgs;
  readonly args?: RawArgs;
  readonly env?: RawEnvVars;
}

/**
 * A container image: `name` (with `tag` or `digest`) in the environment's Docker repository, or any `uri`.
 * @oneOf name uri
 * @when uri is given: forbids repository, tag, digest
 */
export interface RawImage {
  /**
   * The repository of `name`: `docker`, the environment's Docker repository.
   * @default "docker"
   */
  readonly repository?: 'docker';
  /** Image path within the repository, e.g. `trainer` or `team/trainer`. */
  readonly name?: string;
  /**
   * Tag of the image; give a tag or a digest.
   * @default latest (when no digest)
   */
  readonly tag?: string;
  /**
   * Digest of the image (`sha256:` and 64 hex digits): every run uses the same image, and a new image is a
   * visible change of the job.
   */
  readonly digest?: string;
  /** Any image URI: `HOST/PATH:TAG` or `HOST/PATH@sha256:DIGEST`. */
  readonly uri?: string;
}

/**
 * How Vertex AI obtains the VMs: `standard` (on demand), `spot` (preemptible) or `flex-start` (Dynamic
 * Workload Scheduler); spot and flex-start consume preemptible quota.
 */
export type RawStrategy = 'standard' | 'spot' | 'flex-start';

/**
 * Strategy, timeout and restarts.
 * @default standard VMs, Vertex AI's 7-day timeout
 */
export interface RawScheduling {
  /** @default "standard" */
  readonly strategy?: RawStrategy;
  /**
   * Longest the job may run (at most 7 days with flex-start).
   * @default 7 days
   */
  readonly timeout?: RawDuration;
  /**
   * flex-start only: longest wait for capacity; `0s` waits indefinitely.
   * @default 1 day
   */
  readonly maxWait?: RawDuration;
  /**
   * Restart the whole job when a worker restarts (maintenance or preemption).
   * @default false
   */
  readonly restartJobOnWorkerRestart?: boolean;
  /**
   * Fail instead of retrying on errors; overrides restartJobOnWorkerRestart.
   * @default false
   */
  readonly disableRetries?: boolean;
}

/**
 * Why the job starts: exactly one of `schedule`, `onChange` or `onNewData`.
 * @oneOf schedule onChange onNewData
 */
export interface RawTrigger {
  /** Launch on a cron schedule (Cloud Scheduler). */
  readonly schedule?: {
    /** unix-cron schedule of 5 fields, e.g. `0 3 * * *` (every day at 03:00). */
    readonly cron: string;
    /**
     * IANA time zone of the schedule.
     * @default "Etc/UTC"
     */
    readonly timeZone?: string;
  };
  /** `true`: launch once for every deploy that changes the job's request body (GitOps). */
  readonly onChange?: true;
  readonly onNewData?: RawNewData;
}

/**
 * Launch when objects land under `prefix` in `bucket`: every finalized object launches a run, unless `marker`,
 * `suffix` or `pattern` (at most one) picks the objects that do, and `coalesce` gathers the matching objects of a
 * window into one run. Each run gets the objects that triggered it in `VT_TRIGGER_OBJECTS`, a JSON list of
 * `gs://bucket/object` URIs (at most 500).
 * @when marker is given: forbids suffix, pattern
 * @when suffix is given: forbids pattern
 */
export interface RawNewData {
  /**
   * `data` (the data bucket of the job's team, or of the environment), a bucket name, or a `${{ ... }}`
   * reference.
   * @default "data"
   */
  readonly bucket?: string;
  /**
   * Object name prefix; empty: every object.
   * @default ""
   */
  readonly prefix?: string;
  /**
   * Location of the bucket (a region or a multi-region such as `us`).
   * @default the environment's region
   */
  readonly location?: string;
  /**
   * An object whose last path segment is this name (e.g. `_SUCCESS`) completes a drop and launches a run, which
   * gets the marker (the drop is its directory); markers at any depth below the prefix count.
   */
  readonly marker?: string;
  /** Only objects whose names end in this text (e.g. `.parquet`; no wildcards) launch. */
  readonly suffix?: string;
  /**
   * Only objects whose names after the prefix match this RE2 expression as a whole launch (it is anchored for you:
   * no `^` or `$`; no lookarounds or backreferences).
   */
  readonly pattern?: string;
  /**
   * One run per window of this length (1 minute to 24 hours, e.g. `15m`), with every matching object created in
   * it: tumbling windows aligned to the Unix epoch; the run starts when its window ends.
   * @default no window: every matching object launches its own run
   */
  readonly coalesce?: RawDuration;
}

/** What a tuning job searches for, and how (the Vertex AI StudySpec). */
export interface RawStudy {
  /**
   * Metrics to optimize (unique IDs); the training code reports them, e.g. with cloudml-hypertune.
   * @minItems 1
   */
  readonly metrics: readonly RawMetric[];
  /**
   * Parameters to search (unique IDs); each trial passes `--<id>=<value>` to the training code.
   * @minItems 1
   */
  readonly parameters: readonly RawParameter[];
  /**
   * Search algorithm: `bayesian` (Vertex AI Vizier), `grid` (integer, categorical and discrete parameters only)
   * or `random`.
   * @default "bayesian"
   */
  readonly algorithm?: 'bayesian' | 'grid' | 'random';
  /**
   * Which measurement of a trial counts: `last` or `best`.
   * @default Vertex AI's, last
   */
  readonly measurementSelection?: 'last' | 'best';
  readonly automatedStopping?: RawAutomatedStopping;
}

/** A metric the study optimizes. */
export interface RawMetric {
  /** The metric ID the training code reports. */
  readonly id: string;
  /** Whether larger (`maximize`) or smaller (`minimize`) is better. */
  readonly goal: 'maximize' | 'minimize';
}

/**
 * A hyperparameter: `double` or `integer` (min, max, scale), `categorical` (string values) or `discrete`
 * (increasing number values, scale).
 * @when type is double or integer: requires min, max; forbids values
 * @when type is categorical: requires values; forbids min, max, scale; values: string[]
 * @when type is discrete: requires values; forbids min, max; values: number[]
 * @when type is double: forbids children
 */
export interface RawParameter {
  /** The parameter ID: the training code's argument name. */
  readonly id: string;
  /** Kind of parameter. */
  readonly type: 'double' | 'integer' | 'categorical' | 'discrete';
  /** double and integer: smallest value (inclusive); above 0 with a log or reverse-log scale. */
  readonly min?: number;
  /** double and integer: largest value (inclusive). */
  readonly max?: number;
  /**
   * double, integer and discrete: how the range is scaled while searching it.
   * @default no scaling
   */
  readonly scale?: 'linear' | 'log' | 'reverse-log';
  /**
   * categorical: the strings; discrete: the numbers, in increasing order.
   * @minItems 1
   */
  readonly values?: readonly unknown[];
  /** categorical, discrete and integer: parameters searched only in trials where this one takes given values. */
  readonly children?: readonly RawConditionalParameter[];
}

/** A parameter searched only when its parent takes one of the `when` values. */
export interface RawConditionalParameter {
  /**
   * Values of the parent (strings for a categorical parent, numbers otherwise).
   * @minItems 1
   */
  readonly when: readonly unknown[];
  readonly parameter: RawParameter;
}

/**
 * A rule that stops unpromising trials early.
 * @default trials run to completion
 * @when rule is median or decay-curve: forbids maxStepCount, minStepCount, minMeasurementCount,
 * learningRateParameterName, updateAllStoppedTrials
 */
export interface RawAutomatedStopping {
  /**
   * `median`: below the median of completed trials; `decay-curve`: predicted curve will not beat the best;
   * `convex`: convex prediction will not beat the best.
   */
  readonly rule: 'median' | 'decay-curve' | 'convex';
  /**
   * Compare trials by elapsed time instead of by reported step count.
   * @default false
   */
  readonly useElapsedDuration?: boolean;
  /** convex: steps at which the final objective is predicted. */
  readonly maxStepCount?: Integer;
  /** convex: steps a trial runs before it may be stopped. */
  readonly minStepCount?: Integer;
  /**
   * convex: measurements before a trial may be stopped.
   * @default 5
   */
  readonly minMeasurementCount?: Integer;
  /** convex: the ID of the study's learning-rate parameter. */
  readonly learningRateParameterName?: string;
  /**
   * convex: update every stopped trial's final measurement.
   * @default false
   */
  readonly updateAllStoppedTrials?: boolean;
}

/** kind pipeline: make the training task a hyperparameter search; the best trial's model is uploaded. */
export interface RawTuning {
  readonly study: RawStudy;
  /**
   * Trials in total.
   * @minimum 1
   */
  readonly maxTrialCount: Integer;
  /**
   * Trials that run at once.
   * @minimum 1
   */
  readonly parallelTrialCount: Integer;
  /**
   * Failed trials after which the job fails.
   * @default Vertex AI decides
   * @minimum 0
   */
  readonly maxFailedTrialCount?: Integer;
}

/** kind pipeline: the model registered in the Model Registry, as a new version on every run. */
export interface RawModel {
  /**
   * ID of the model this pipeline registers (the first run creates it, every later run adds a version): 1-63
   * characters a-z, 0-9, `_` or `-`, the first not a digit or `-` (Vertex AI's rule).
   * @default the job's name, unless existingModel is given
   */
  readonly modelId?: string;
  /**
   * A model already in the Model Registry that every run adds a version to: its numeric ID (what the console and
   * the SDK assign), its custom ID, or projects/PROJECT/locations/REGION/models/ID in the environment's project
   * and region. The launcher never creates it. Not with modelId.
   */
  readonly existingModel?: string;
  /**
   * Display name of the model.
   * @default the model ID
   */
  readonly displayName?: string;
  /** Description of the model. */
  readonly description?: string;
  readonly servingContainer: RawServingContainer;
}

/**
 * The container that serves the model: exactly one of `prebuilt` or `custom`.
 * @oneOf prebuilt custom
 */
export interface RawServingContainer {
  /** A prebuilt prediction image, from the registry mirror nearest the environment's region. */
  readonly prebuilt?: {
    readonly framework: RawFramework;
    /** Framework version, quoted, e.g. "1.6". */
    readonly version: string;
    /**
     * Serve on GPUs.
     * @default false
     */
    readonly gpu?: boolean;
  };
  /** A custom serving container. */
  readonly custom?: {
    readonly image: RawImage;
    /** HTTP path of prediction requests. */
    readonly predictRoute?: string;
    /** HTTP path of health checks. */
    readonly healthRoute?: string;
    /**
     * Port the server listens on.
     * @default 8080
     */
    readonly port?: Integer;
  };
}

/** kind pipeline: a Vertex AI managed dataset as input, split by fractions. */
export interface RawDataset {
  /** Use this existing dataset (its numeric ID) instead of creating an empty CMEK-encrypted one. */
  readonly existingDatasetId?: string;
  /**
   * Metadata schema of a created dataset.
   * @default "gs://google-cloud-aiplatform/schema/dataset/metadata/tabular_1.0.0.yaml"
   */
  readonly metadataSchemaUri?: string;
  /** Fraction of data items for training (the three add up to at most 1). */
  readonly trainingFraction: number;
  /** Fraction for validation. */
  readonly validationFraction: number;
  /** Fraction for test. */
  readonly testFraction: number;
}

/**
 * A GKE cluster for training beside Vertex AI, deployed in three stacks, in order: the cluster and its node
 * pools (with the environment), the add-ons (Kueue, JobSet), then the team queues and the jobs with
 * `backend: gke`. Loaded only when TrainingConfig is given the add-ons and workloads stacks (options
 * `addonsStack`, `workloadsStack`).
 */
export interface RawGke {
  readonly cluster?: RawGkeCluster;
  /**
   * Node pools by name (the GKE node pool's name, and its Kueue ResourceFlavor's): the hardware of each node
   * declared as for a job's worker pool, e.g. `h100-spot: {gpu: {type: h100, count: 8}, provisioning: spot,
   * maxNodes: 4}`.
   * @default {}
   */
  readonly nodePools?: { readonly [name: string]: RawNodePool };
  readonly addons?: RawGkeAddons;
  /**
   * Name of the Kueue Cohort in which the teams' ClusterQueues lend and borrow quota.
   * @default the environment's prefix
   */
  readonly cohortName?: string;
  /**
   * Kueue queues by team (a name under `teams`): each team gets a namespace, a Kubernetes service account bound
   * to its trainer identity, a ClusterQueue with its quotas and a LocalQueue.
   * @default {}
   */
  readonly teams?: { readonly [team: RawTeamName]: RawGkeTeam };
}

/**
 * The GKE cluster: private nodes, Workload Identity, CMEK for boot disks and Secrets, in the environment's
 * project, region and network (created or imported).
 * @default a cluster `<prefix>-training` on the regular release channel, reached through its DNS endpoint
 */
export interface RawGkeCluster {
  /**
   * Name of the cluster to create (1-40 lowercase letters, digits or hyphens).
   * @default `<prefix>-training`
   */
  readonly name?: string;
  /**
   * Import this existing regional cluster of the environment's project and region instead of creating one;
   * node pools can still be added to it.
   */
  readonly existingClusterName?: string;
  /**
   * Release channel of a created cluster.
   * @default "regular"
   */
  readonly releaseChannel?: 'rapid' | 'regular' | 'stable';
  /**
   * CIDRs allowed to reach the control plane's IP endpoint (never `0.0.0.0/0`).
   * @default none: the IP endpoint is off and the control plane is reached through its DNS endpoint (IAM)
   */
  readonly authorizedNetworks?: RawStringList;
  /**
   * Whether the IP endpoint has a public address (reachable from authorizedNetworks); refused without them.
   * @default false
   */
  readonly publicEndpoint?: boolean;
  /**
   * Whether Terraform refuses to destroy the cluster.
   * @default true
   */
  readonly deletionProtection?: boolean;
  /**
   * Subnet of the nodes, required when the environment's network is imported (a name or self link).
   * @default the environment's subnet
   */
  readonly subnetwork?: string;
  /**
   * Range of the pods (a /9 to /21).
   * @default "10.20.0.0/14"
   */
  readonly podsCidr?: string;
  /**
   * Range of the Kubernetes Services (a /16 to /27).
   * @default "10.24.0.0/20"
   */
  readonly servicesCidr?: string;
  /** An existing secondary range of the subnet for the pods (with servicesRangeName), instead of podsCidr. */
  readonly podsRangeName?: string;
  /** An existing secondary range of the subnet for the Services (with podsRangeName), instead of servicesCidr. */
  readonly servicesRangeName?: string;
  /**
   * The system node pool of a created cluster (Kueue, JobSet and GKE's controllers).
   * @default e2-standard-4 nodes, 1 to 3 across the region
   */
  readonly systemPool?: {
    /**
     * Machine type of the system nodes (general purpose, never an accelerator machine).
     * @default "e2-standard-4"
     */
    readonly machineType?: string;
    /**
     * Fewest system nodes across the region's zones (1-100).
     * @default 1
     */
    readonly minNodes?: Integer;
    /**
     * Most system nodes across the region's zones (1-100).
     * @default 3
     */
    readonly maxNodes?: Integer;
  };
  /**
   * The identity of the cluster's nodes.
   * @default a service account `<prefix>-gke-nodes`
   */
  readonly nodeServiceAccount?: RawServiceAccount;
  /**
   * A key of your own for application-layer Secrets encryption
   * (`projects/P/locations/REGION/keyRings/R/cryptoKeys/K`, in the environment's region).
   * @default a key `<prefix>-gke-secrets` in the environment's key ring
   */
  readonly secretsKeyName?: string;
  /**
   * A key of your own for the nodes' boot disks (same format and region rule).
   * @default a key `<prefix>-gke-disks` in the environment's key ring
   */
  readonly bootDiskKeyName?: string;
  /**
   * When GKE may upgrade and repair the cluster (upgrades drain nodes, ending the training pods on them).
   * @default GKE chooses
   */
  readonly maintenanceWindow?: {
    /** Start of the first occurrence, RFC 3339 in UTC, e.g. `2026-01-03T00:00:00Z`. */
    readonly startTime: string;
    /** End of the first occurrence, at least 4 hours after startTime. */
    readonly endTime: string;
    /** RFC 5545 recurrence, e.g. `FREQ=WEEKLY;BYDAY=SA,SU`. */
    readonly recurrence: string;
  };
}

/**
 * A node pool: the hardware of each node, exactly one of gpu, tpu or cpu as in a job's worker pool, with the
 * same catalog rules; its labels, taints and Kueue ResourceFlavor derive from it. Autoscales from zero unless
 * minNodes is given.
 * @oneOf gpu tpu cpu
 */
export interface RawNodePool {
  /** GPUs per node (the machine type is chosen unless given). */
  readonly gpu?: RawGpu;
  /** A TPU slice: the pool holds one slice, and maxNodes is the slice's VM count. */
  readonly tpu?: RawTpu;
  readonly cpu?: RawCpu;
  /**
   * How the nodes are obtained: `standard` (on demand, or a reservation), `spot`, `flex-start` or
   * `queued-provisioning` (Dynamic Workload Scheduler: all nodes of a job arrive together).
   * @default "standard"
   */
  readonly provisioning?: 'standard' | 'spot' | 'flex-start' | 'queued-provisioning';
  /**
   * Most nodes of the pool, over all its zones.
   * @minimum 1
   */
  readonly maxNodes: Integer;
  /**
   * Fewest nodes of the pool, over all its zones.
   * @default 0
   * @minimum 0
   */
  readonly minNodes?: Integer;
  /**
   * Zones of the nodes, in the environment's region; a TPU slice and compact placement take exactly one.
   * @default the cluster's zones
   */
  readonly zones?: RawStringList;
  /**
   * Place the nodes close together (COMPACT placement policy).
   * @default true for a multi-host TPU slice, false otherwise
   */
  readonly compactPlacement?: boolean;
  /**
   * Boot disk type of every node.
   * @default pd-ssd (hyperdisk-balanced on machines that take only it)
   */
  readonly bootDiskType?: BootDiskTypeName;
  /**
   * Boot disk size in GiB.
   * @default 100
   */
  readonly bootDiskSizeGb?: Integer;
  readonly reservation?: RawReservation;
  /**
   * NVIDIA driver GKE installs on GPU nodes: `latest`, `default`, or `installation-disabled` (install it
   * yourself).
   * @default "latest"
   */
  readonly gpuDriverVersion?: 'latest' | 'default' | 'installation-disabled';
  /**
   * Catalog checks to skip, for what Compute Engine offers but the catalog does not know yet.
   * @default every check is made
   */
  readonly catalogOverrides?: {
    /**
     * Skip the check that the GPU or TPU is offered in the region.
     * @default false
     */
    readonly skipLocationCheck?: boolean;
    /**
     * Skip the check that flex-start or queued provisioning takes the GPU or TPU.
     * @default false
     */
    readonly skipCapacityModeCheck?: boolean;
  };
}

/** The cluster add-ons the queues and jobs need. */
export interface RawGkeAddons {
  /**
   * Kueue (quotas and admission).
   * @default installed with Helm at the pinned release v0.19.2
   */
  readonly kueue?: RawAddon;
  /**
   * JobSet (the runs).
   * @default installed with Helm at the pinned release v0.12.0
   */
  readonly jobSet?: RawAddon;
}

/**
 * How an add-on gets onto the cluster: installed by the library with its official Helm chart, or installed
 * already by the cluster's owner.
 * @when install is preinstalled: forbids version, values
 */
export interface RawAddon {
  /**
   * `helm`: installed by the library in the add-ons stack; `preinstalled`: the cluster's owner installed it.
   * @default "helm"
   */
  readonly install?: 'helm' | 'preinstalled';
  /**
   * Release tag to install.
   * @default the pinned release
   */
  readonly version?: string;
  /** Extra Helm chart values. */
  readonly values?: { readonly [key: string]: unknown };
}

/** A team's Kueue ClusterQueue: its quotas per node pool, lent and borrowed in the cohort. */
export interface RawGkeTeam {
  /**
   * Quotas by node pool (a name under `gke.nodePools`), in the pool's unit: GPUs, TPU chips or vCPUs.
   */
  readonly quotas: { readonly [nodePool: string]: RawFlavorQuota };
  /**
   * `best-effort-fifo`: a workload that does not fit lets the next ones that do be admitted; `strict-fifo`: the
   * head of the queue blocks the rest until it fits.
   * @default "best-effort-fifo"
   */
  readonly queueingStrategy?: 'best-effort-fifo' | 'strict-fifo';
}

/** A team's quota of one node pool. */
export interface RawFlavorQuota {
  /**
   * What the team is guaranteed (GPUs, TPU chips, or vCPUs).
   * @minimum 0
   */
  readonly nominal: number;
  /**
   * Most the team may borrow from the cohort on top of its nominal quota.
   * @default no limit but what the cohort has unused
   * @minimum 0
   */
  readonly borrowingLimit?: number;
  /**
   * Most of its unused nominal quota the team lends to the cohort.
   * @default all of it
   * @minimum 0
   */
  readonly lendingLimit?: number;
}
