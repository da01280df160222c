import { mkdirSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { Annotations, Aspects, AssetType, dependable, Fn, IAspect, ITerraformDependable, TerraformAsset, TerraformLocal, TerraformOutput, TerraformStack, Token } from 'cdktf';
import { ApiDependencies } from '../environment/api-dependencies';
import { Construct, IConstruct } from 'constructs';
import type { CloudSchedulerJob } from '@cdktf/provider-google/lib/cloud-scheduler-job';
import type { StorageBucketObject } from '@cdktf/provider-google/lib/storage-bucket-object';
import type { layoutIntent, schedulingIntent } from '../compute/layout';
import { SchedulingOptions } from '../compute/scheduling';
import { JOB_BRAND } from '../core/construct-brand';
import { Duration } from '../core/duration';
import { WorkerPoolsProps } from '../compute/worker-pools';
import { TrainingCode } from '../code/training-code';
import { literal, problemLines, problemsOf, throwProblems } from '../core/validation';
import { JOB_LABEL, runLabelProblems, runLabels, TEAM_LABEL } from '../core/labels';
import { TrainingServiceAccount } from '../environment/identity';
import { TrainingTeam } from '../environment/team';
import { TrainingEnvironment } from '../environment/training-environment';
import type { cronSchedule, timeZone } from '../rules/cron';
import { displayName as displayNameRule } from '../rules/names';
import { Problem } from '../spec/problem';
import type { isPreemptible, schedulingJson } from '../spec/scheduling';
import type { resolvePools, workerPoolSpecsJson } from '../spec/worker-pools';
import { Trigger, TriggerKind } from '../triggers/trigger';
import type { resolveJobCode } from './job-code';
import { JobKind, RenderedJobSpec } from './job-kind';
import type { externalAccessWarnings } from './external-access';
import type { grantWatchedData, JobStorage, watchedDataProblems } from './watched-data';
import type { ManifestNaming, manifestNaming, ManifestSource, onChangeManifestName } from './manifest-name';
import type { scheduleMessageData } from '../launch/definition';
import { lazy } from '../core/lazy';
import { checkInput } from '../core/field-types';
import { TRAINING_JOB_OPTIONS } from '../core/input-types';
import { TrainingBackend, TrainingBackendKind } from './training-backend';
import { ConcurrencyKind, ConcurrencyPolicy, maxConcurrentRunsRule, plannedRuns } from './concurrency-policy';
import type { admissionProblems, renderGkeJob } from './gke-job-spec';
import type { CheckpointOptions, RetentionOptions } from './run-storage-options';
import type { checkpointsPrefix, jobPrefix, runsPrefix, vertexEnvProblems, withCheckpointEnv } from './run-storage';
import type { addRunStorageRules } from './job-lifecycle-rules';
import type { JobPlacement } from '../spec/gke/placement';
import { bucketNameLiteral, topicIdLiteral, workflowNameLiteral } from './stack-literals';

/** Provider classes of a job, loaded with the first job: an environment alone has none. */
const google = lazy({
  CloudSchedulerJob: (): typeof CloudSchedulerJob => require('@cdktf/provider-google/lib/cloud-scheduler-job').CloudSchedulerJob,
  StorageBucketObject: (): typeof StorageBucketObject => require('@cdktf/provider-google/lib/storage-bucket-object').StorageBucketObject,
});

/** What a job is made of (pools, scheduling, code, triggers, manifest names), loaded with the first job. */
const deferred = lazy({
  cronSchedule: (): typeof cronSchedule => require('../rules/cron').cronSchedule,
  externalAccessWarnings: (): typeof externalAccessWarnings => require('./external-access').externalAccessWarnings,
  grantWatchedData: (): typeof grantWatchedData => require('./watched-data').grantWatchedData,
  manifestNaming: (): typeof manifestNaming => require('./manifest-name').manifestNaming,
  onChangeManifestName: (): typeof onChangeManifestName => require('./manifest-name').onChangeManifestName,
  watchedDataProblems: (): typeof watchedDataProblems => require('./watched-data').watchedDataProblems,
  isPreemptible: (): typeof isPreemptible => require('../spec/scheduling').isPreemptible,
  layoutIntent: (): typeof layoutIntent => require('../compute/layout').layoutIntent,
  resolveJobCode: (): typeof resolveJobCode => require('./job-code').resolveJobCode,
  resolvePools: (): typeof resolvePools => require('../spec/worker-pools').resolvePools,
  scheduleMessageData: (): typeof scheduleMessageData => require('../launch/definition').scheduleMessageData,
  schedulingIntent: (): typeof schedulingIntent => require('../compute/layout').schedulingIntent,
  schedulingJson: (): typeof schedulingJson => require('../spec/scheduling').schedulingJson,
  timeZone: (): typeof timeZone => require('../rules/cron').timeZone,
  workerPoolSpecsJson: (): typeof workerPoolSpecsJson => require('../spec/worker-pools').workerPoolSpecsJson,
  addRunStorageRules: (): typeof addRunStorageRules => require('./job-lifecycle-rules').addRunStorageRules,
  vertexEnvProblems: (): typeof vertexEnvProblems => require('./run-storage').vertexEnvProblems,
  withCheckpointEnv: (): typeof withCheckpointEnv => require('./run-storage').withCheckpointEnv,
  checkpointsPrefix: (): typeof checkpointsPrefix => require('./run-storage').checkpointsPrefix,
  jobPrefix: (): typeof jobPrefix => require('./run-storage').jobPrefix,
  runsPrefix: (): typeof runsPrefix => require('./run-storage').runsPrefix,
});

/** The GKE side of a job, loaded with the first GKE job. */
const gke = lazy({
  admissionProblems: (): typeof admissionProblems => require('./gke-job-spec').admissionProblems,
  renderGkeJob: (): typeof renderGkeJob => require('./gke-job-spec').renderGkeJob,
});

const JOB_ID = /^[a-z][a-z0-9-]{0,38}[a-z0-9]$/;

/** IDs of each environment's GKE jobs, which plan no Vertex AI workload but name manifests all the same. */
const gkeJobIds = new WeakMap<TrainingEnvironment, Set<string>>();

/** Options every training job takes. */
export interface TrainingJobOptions {
  /** The environment the job runs in (project, region, identities, buckets, keys). */
  readonly environment: TrainingEnvironment;
  /**
   * Display name of each run in Vertex AI (1–128 characters).
   * @default the construct ID
   */
  readonly displayName?: string;
  /** The job's worker pools. */
  readonly workerPools: WorkerPoolsProps;
  /** The training code: a prebuilt image with a Python package, or a custom container. */
  readonly code: TrainingCode;
  /**
   * Strategy, timeout and restarts.
   * @default - STANDARD VMs, Vertex AI's 7-day timeout
   */
  readonly scheduling?: SchedulingOptions;
  /**
   * Why the job runs. None: declared, and launched by hand with the `launch_command` output.
   * @default - no trigger
   */
  readonly triggers?: Trigger[];
  /**
   * Labels of each run, next to the environment's.
   * @default - the environment's labels
   */
  readonly labels?: { [key: string]: string };
  /**
   * Send the job's TensorBoard logs (`AIP_TENSORBOARD_LOG_DIR`) to the environment's TensorBoard.
   * @default true when the environment has a TensorBoard
   */
  readonly tensorboard?: boolean;
  /**
   * Run as one of the environment's teams: its trainer identity, its artifacts bucket.
   * @default - the environment's trainer and artifacts bucket
   */
  readonly team?: TrainingTeam;
  /**
   * Interactive shell access to the training containers while they run.
   * @default false
   */
  readonly enableWebAccess?: boolean;
  /**
   * Whether a deploy that changes only labels (the environment's, the job's) launches a run of an
   * on-change job. Labels are part of every request body; with `false` they are left out of the
   * launch hash (they are still applied to the next run).
   * @default - the environment's `relaunchOnLabelChange` (true)
   */
  readonly relaunchOnLabelChange?: boolean;
  /**
   * How long a run usually takes: the training report estimates its cost at this duration as well
   * as at the timeout (a tuning job's: one trial's).
   * @default - cost estimated at the timeout only
   */
  readonly typicalDuration?: Duration;
  /**
   * Where the runs execute: Vertex AI, or a GKE cluster's team queues
   * (`TrainingBackend.gke(queues)`, custom jobs with `TrainingCode.container` only; the job needs a
   * `team` with a queue and is declared in the queues' stack). The code, worker pools, scheduling
   * and triggers are the same on both.
   * @default TrainingBackend.vertexAi()
   */
  readonly backend?: TrainingBackend;
  /**
   * What a launch does while earlier runs of the job are active: start another
   * (`ConcurrencyPolicy.allow()`), skip it and log why as a warning (`skip()`), or start one while
   * fewer than N are active (`upTo(N)`; the quota plan counts N runs). Applies to every launch,
   * whatever started it, a launch by hand included.
   * @default ConcurrencyPolicy.allow()
   */
  readonly concurrency?: ConcurrencyPolicy;
  /**
   * Pause the job's triggers without destroying anything: its schedules are paused in Cloud
   * Scheduler, and the launcher ignores its event launches (a schedule's firing, on change, new
   * data) with a logged reason; a launch by hand still runs. Pausing and resuming do not launch
   * an on-change job that already ran its current body; one whose body changed while paused, or
   * that was first deployed paused, launches once on resume (its launch key never ran).
   * @default false
   */
  readonly paused?: boolean;
  /**
   * A checkpoint location shared by the job's runs, `gs://<artifacts>/jobs/<id>/checkpoints/`
   * (outside each run's output directory), so that a preempted or a weekly run resumes from the
   * last one. Every container gets it as `VT_CHECKPOINT_DIR`, the variable to rely on, and as
   * `AIP_CHECKPOINT_DIR` (on GKE that is the shared location too; on Vertex AI whether a set
   * `AIP_CHECKPOINT_DIR` is kept rather than Vertex AI's per-run one is unconfirmed). Lifecycle
   * rules keep the last `keepLast` versions of each checkpoint object. Refused for a
   * HyperparameterTuningJob (trials must not share checkpoints).
   * @default - each run checkpoints in its own output directory
   */
  readonly checkpoints?: CheckpointOptions;
  /**
   * How long run outputs and replaced launch manifests are kept, as lifecycle rules on the job's
   * artifacts and staging buckets (jobs with the same retention share one rule).
   * @default - run outputs kept, replaced manifests as long as the staging bucket keeps noncurrent versions
   */
  readonly retention?: RetentionOptions;
}

/**
 * What the three job kinds share: pool, code and scheduling resolution into a v1 `CustomJobSpec`,
 * one Terraform local holding the request body (what a reviewer reads in a pull request), the launch
 * manifest in the staging bucket, triggers, quota demand and outputs.
 */
export abstract class TrainingJob extends Construct {
  /** The environment the job runs in. */
  public readonly environment: TrainingEnvironment;
  /** The job's ID (the construct ID): names its manifests, outputs and output directory. */
  public readonly jobId: string;
  /** Display name of each run. */
  public readonly displayName: string;
  /**
   * Where runs write: `gs://ARTIFACTS/jobs/<jobId>/runs/<launch key>/` (the workflow adds the run);
   * on GKE `.../runs/<JobSet name>/`, the name the launcher derives from the launch key.
   */
  public readonly outputUriPrefix: string;
  /** The checkpoint location the runs share, `gs://ARTIFACTS/jobs/<jobId>/checkpoints/`; undefined without `checkpoints`. */
  public readonly checkpointUri?: string;
  /** The identity runs execute as: the team's trainer, or the environment's. */
  public readonly trainer: TrainingServiceAccount;
  /** The Terraform local holding the request body (a GKE job's: its JobSet template). */
  public request!: TerraformLocal;
  /** Where the runs execute. */
  public readonly backend: TrainingBackend;
  /**
   * A GKE job's pools on the cluster's node pools and its demand per flavor (read by the quota plan
   * and the report); undefined on Vertex AI.
   * @internal
   */
  public _gkePlacement?: JobPlacement;
  /** Images a GKE job's containers run. */
  private gkeImages: string[] = [];

  /**
   * The Vertex AI resource kind the job creates, set when its body is rendered.
   * @internal
   */
  public _kind?: JobKind;
  /** The launch manifest (request body plus launch settings) in the staging bucket. */
  public manifest!: StorageBucketObject;
  /** Uploaded training packages. */
  public readonly packageObjects: StorageBucketObject[] = [];
  /** Cloud Scheduler jobs of schedule triggers. */
  public readonly schedules: CloudSchedulerJob[] = [];
  /**
   * SHA-256 (hex) of each package the job uploads, by its object name in the staging bucket
   * (`packages/<first 16 hex digits of the hash>/<file>`).
   */
  public readonly packageContentHashes: { [objectName: string]: string } = {};
  protected readonly options: TrainingJobOptions;
  /** Problems of the job's ID, display name and team, reported with those of its spec. */
  private readonly identityProblems: Problem[] = [];

  /** The manifest as the job holds it, for its launch hash. */
  private manifestSource?: ManifestSource;

  /**
   * The options the job was declared with (read by the training report).
   * @internal
   */
  public get _options(): TrainingJobOptions {
    return this.options;
  }

  /**
   * The launch hash of the job's manifest and what is hashed apart at apply (read by the manifest's
   * name and the training report). Resolves the request body: call it at synth or after. Computed
   * once, at the first call: the name's parts and the report read it several times per synth.
   * @internal
   */
  public _manifestNaming(): ManifestNaming {
    this.naming ??= deferred.manifestNaming(this, this.environment, this.manifestSource!);
    return this.naming;
  }

  private naming?: ManifestNaming;

  constructor(scope: Construct, id: string, options: TrainingJobOptions) {
    super(scope, id);
    JOB_BRAND.mark(this);
    checkInput(this, options, TRAINING_JOB_OPTIONS);
    this.options = options;
    this.environment = options.environment;
    this.backend = options.backend ?? TrainingBackend.vertexAi();
    // A GKE job deploys in its queues' stack, after the environment's (which enables the APIs): a
    // depends_on across stacks would only export whole resources as outputs.
    if (!this.onGke || TerraformStack.of(this) === TerraformStack.of(this.environment)) {
      Aspects.of(this).add(new ApiDependencies(this.environment.apis));
    }
    this.jobId = id;
    this.displayName = options.displayName ?? id;
    // Reported with the problems of the job spec, so that one synth shows them all.
    this.identityProblems.push(
      ...problemsOf('id', id, (v) => JOB_ID.test(v) ? undefined : 'must be 2-40 lowercase letters, digits or hyphens, starting with a letter (it names manifests, outputs and labels)'),
      ...problemsOf('displayName', this.displayName, displayNameRule),
    );
    if (options.team && options.team.environment !== this.environment) {
      this.identityProblems.push({ field: 'team', value: options.team.teamName, allowed: `must be a team of ${this.environment.node.path} (it belongs to ${options.team.environment.node.path})` });
    }
    if (this.environment.quotas._hasWorkload(id) || gkeJobIds.get(this.environment)?.has(id)) {
      this.identityProblems.push({ field: 'id', value: id, allowed: `job IDs are unique within an environment (${this.environment.node.path} already has a job "${id}")` });
    }
    if (this.onGke) {
      if (!gkeJobIds.has(this.environment)) gkeJobIds.set(this.environment, new Set());
      gkeJobIds.get(this.environment)!.add(id);
    }
    this.identityProblems.push(...runLabelProblems('labels', this.environment.labels, options.labels, this.libraryLabels()));
    if (options.concurrency?.kind === ConcurrencyKind.UP_TO) {
      this.identityProblems.push(...problemsOf('concurrency.maxConcurrentRuns', options.concurrency.maxConcurrentRuns, maxConcurrentRunsRule));
    }
    this.trainer = options.team?.trainer ?? this.environment.trainer;
    const artifacts = options.team?.artifactsBucket ?? this.environment.artifactsBucket;
    // A GKE job lives in a later stack: the bucket by its literal name, not a cross-stack reference.
    const artifactsUri = this.onGke ? `gs://${bucketNameLiteral(artifacts)}` : artifacts.url;
    this.outputUriPrefix = `${artifactsUri}/${deferred.runsPrefix(id)}`;
    if (options.checkpoints) this.checkpointUri = `${artifactsUri}/${deferred.checkpointsPrefix(id)}`;
    this.identityProblems.push(...deferred.addRunStorageRules(this, options, artifacts, this.environment.stagingBucket));
  }

  /** Whether the job runs on GKE. */
  private get onGke(): boolean {
    return this.backend.kind === TrainingBackendKind.GKE;
  }

  /**
   * The labels of each run: the environment's, the user's, and the job ID.
   * @internal
   */
  protected _runLabels(): { [key: string]: string } {
    return runLabels(this.environment.labels, this.options.labels, this.libraryLabels());
  }

  /**
   * The refusal of shared checkpoints for a tuning study: its trials run at once with different
   * parameters, and one location would mix their checkpoints.
   * @internal
   */
  protected _trialCheckpointProblems(): Problem[] {
    return this.options.checkpoints === undefined ? [] : [{
      field: 'checkpoints',
      value: 'shared checkpoints',
      allowed: 'trials of a tuning study must not share checkpoints: leave checkpoints out (each trial checkpoints in its own AIP_CHECKPOINT_DIR)',
    }];
  }

  /** The `workerPoolSpecs` with the shared checkpoint location in every container's env, if the job has checkpoints. */
  private withCheckpointEnv(workerPoolSpecs: object[]): object[] {
    return this.checkpointUri === undefined ? workerPoolSpecs : deferred.withCheckpointEnv(workerPoolSpecs, this.checkpointUri);
  }

  /** Variables the library adds to every container on Vertex AI: the checkpoint location (2), the objects of a data launch (1). */
  private libraryEnvCount(): number {
    const dataLaunches = (this.options.triggers ?? []).some((t) => t.kind === TriggerKind.ON_NEW_DATA);
    return (this.checkpointUri !== undefined ? 2 : 0) + (dataLaunches ? 1 : 0);
  }

  /** The buckets and identity of the job, for the checks and grants of the data and packages it uses. */
  private storage(): JobStorage {
    const team = this.options.team;
    return { environment: this.environment, team, jobId: this.jobId, artifacts: team?.artifactsBucket ?? this.environment.artifactsBucket, trainer: this.trainer, checkpoints: this.checkpointUri !== undefined };
  }

  /** The labels the library sets on each run: the job ID, and the team of a team's job. */
  private libraryLabels(): { [key: string]: string } {
    return { [JOB_LABEL]: this.jobId, ...(this.options.team ? { [TEAM_LABEL]: this.options.team.teamName } : {}) };
  }

  /**
   * The v1 `encryptionSpec` of every job kind: the environment's Vertex AI key.
   * @internal
   */
  protected _encryptionSpec(): { [key: string]: string } {
    return { kmsKeyName: this.environment.encryption.vertexKey.keyName };
  }

  /**
   * Resolves pools, scheduling and code into a v1 `CustomJobSpec`, collecting every problem, and
   * uploads packages. `parallelism` multiplies the quota demand (parallel tuning trials).
   * @internal
   */
  protected _renderJobSpec(parallelism: number, extraProblems: Problem[] = []): RenderedJobSpec {
    if (this.onGke) {
      // Tuning studies and pipelines (model upload, managed datasets) are Vertex AI services.
      extraProblems = [...extraProblems, { field: 'backend', value: 'TrainingBackend.gke(...)', allowed: `${this.constructor.name} runs on Vertex AI only (TrainingBackend.vertexAi()); a CustomTrainingJob runs on GKE` }];
    }
    const env = this.environment;
    const region = literal(env.region);
    const resolution = deferred.resolvePools(deferred.layoutIntent(this.options.workerPools), region);
    const scheduling = deferred.schedulingIntent(this.options.scheduling);
    const schedule = deferred.schedulingJson(scheduling, resolution.pools);
    // The job's code, and a pool's own code where it has some, each for the hardware that runs it.
    const code = deferred.resolveJobCode(this.options.code, this.options.workerPools, { region, stagingBucketName: env.stagingBucket.bucketName });
    const triggerProblems = this.triggerProblems();
    const envProblems = this.onGke ? [] : deferred.vertexEnvProblems(this.options.code, this.options.workerPools, this.checkpointUri !== undefined, this.libraryEnvCount());
    throwProblems(this, [...this.identityProblems, ...resolution.problems, ...schedule.problems, ...code.problems, ...envProblems, ...triggerProblems, ...extraProblems]);

    for (const upload of code.uploads) this.uploadPackage(upload);
    for (const note of code.notes) Annotations.of(this).addInfo(note);
    const preemptible = deferred.isPreemptible(scheduling.strategy);
    // Every run that may be active at once counts: upTo(N) plans N runs of the job.
    env.quotas._addResolvedWorkload(this.jobId, env.region, resolution.pools, preemptible, parallelism * plannedRuns(this.options.concurrency), this.options.team?.teamName);

    const jobSpec: { [key: string]: unknown } = {
      workerPoolSpecs: this.withCheckpointEnv(deferred.workerPoolSpecsJson(resolution.pools, code.taskOf)),
      scheduling: schedule.json,
      serviceAccount: this.trainer.email,
      baseOutputDirectory: { outputUriPrefix: this.outputUriPrefix },
    };
    if ((this.options.tensorboard ?? true) && env.tensorboard) jobSpec.tensorboard = env.tensorboard.tensorboardName;
    const network = env.network;
    if (network?.networkAttachment) {
      jobSpec.pscInterfaceConfig = { networkAttachment: network.networkAttachment.id };
    } else if (network) {
      jobSpec.network = network.vertexNetwork(env.serviceAgents.project.number);
      if (network.peeringRangeName !== undefined) jobSpec.reservedIpRanges = [network.peeringRangeName];
    }
    if (this.options.enableWebAccess) jobSpec.enableWebAccess = true;
    return { jobSpec, pools: resolution.pools, preemptible };
  }

  /**
   * Resolves pools, scheduling and code into the JobSet of a GKE job (placed on the cluster's node
   * pools, in the team's namespace and LocalQueue), collecting every problem; the team's quota is
   * checked at synth against every team's queue (queues, and lenders, may be added after the job).
   * @internal
   */
  protected _renderJobSet(): { [key: string]: unknown } {
    const queues = this.backend.queues!;
    const team = this.options.team;
    const problems: Problem[] = [...this.identityProblems, ...this.triggerProblems()];
    if (!team) {
      problems.push({ field: 'team', value: undefined, allowed: `a team of ${this.environment.node.path} with a queue in ${queues.node.path}: a GKE job runs in its team's namespace and LocalQueue, as its trainer` });
    }
    const spec = gke.renderGkeJob(this.options, {
      jobId: this.jobId,
      outputPrefix: this.outputUriPrefix,
      checkpointDir: this.checkpointUri,
      labels: this._runLabels(),
      podLabels: this.libraryLabels(),
      // The node pools were checked in the cluster's region; Vertex AI's training regions do not apply.
      region: undefined,
      stagingBucketName: this.environment.stagingBucket.bucketName,
      nodePools: queues._nodePools,
      namespace: team ? queues.namespaceOf(team) : '',
      localQueueName: queues.localQueueName,
      serviceAccountName: queues.serviceAccountName,
      backend: this.backend.gkeOptions ?? {},
    });
    problems.push(...spec.problems);
    if (team) {
      // At synth: the team's queue, and the other teams' that lend it quota, may be declared later.
      const admission = (): Problem[] => gke.admissionProblems(spec.placement, team.teamName, queues._kueueTeams(), queues.node.path);
      this.node.addValidation({ validate: () => problemLines(this, admission()) });
    }
    throwProblems(this, problems);
    this._gkePlacement = spec.placement;
    this.gkeImages = spec.images;
    return spec.jobSet;
  }

  /**
   * Writes the request body to a Terraform local, the manifest to the staging bucket, and wires the
   * triggers and outputs. Called once by each job kind with its rendered body.
   * @internal
   */
  protected _launchWith(kind: JobKind, body: { [key: string]: unknown }, extra: { [key: string]: unknown } = {}): void {
    this._kind = kind;
    const env = this.environment;
    const name = `${env.prefix}_${this.jobId}`.replace(/-/g, '_');
    const localPrefix = this.onGke ? 'jobset' : 'vertex';
    // Images a run uses stay out of the repository's cleanup for as long as the job names them.
    env.dockerRepository._keepImages(this.onGke ? this.gkeImages : imageUrisIn(body));
    this.request = new TerraformLocal(this, 'request', body);
    this.request.overrideLogicalId(`${localPrefix}_${name}`);
    const triggers = this.options.triggers ?? [];
    const launchOnChange = triggers.some((t) => t.kind === TriggerKind.ON_CHANGE);
    const launchPolicy = this.launchPolicy();
    const manifestLocal = new TerraformLocal(this, 'manifest-content', {
      kind: kind.kind,
      collection: kind.collection,
      launchOnChange,
      outputPrefix: this.outputUriPrefix,
      ...launchPolicy,
      ...extra,
      body: this.request.expression,
    });
    manifestLocal.overrideLogicalId(`${localPrefix}_${name}_manifest`);
    // The launch policy (concurrency, paused) is left out of the launch hash: changing it rewrites
    // the manifest under the same launch key, which never launches an on-change job again.
    this.manifestSource = {
      content: { kind: kind.kind, collection: kind.collection, launchOnChange, outputPrefix: this.outputUriPrefix, ...extra, body },
      launchOnChange,
      relaunchOnLabelChange: this.options.relaunchOnLabelChange ?? env.relaunchOnLabelChange,
    };
    const workflow = env.launchWorkflow();
    // The event plumbing exists before the manifest whose creation it must see (on change), and
    // nothing launches before the grants a run needs have propagated.
    if (launchOnChange) workflow.watchManifests();
    if (triggers.some((t) => t.kind === TriggerKind.SCHEDULE)) workflow.requestTopic();
    workflow.requireBeforeLaunch(...env._runPrerequisites(this.options.team));
    const gate = env.quotas.gate ? [env.quotas.gate] : [];
    const dependsOn = this.onGke ? this.gkeManifestDependencies(workflow.dependables) : [...this.packageObjects, ...workflow.dependables, ...gate, ...(env.network?.dependables ?? [])];
    this.manifest = new google.StorageBucketObject(this, 'manifest', {
      bucket: this.onGke ? bucketNameLiteral(env.stagingBucket) : env.stagingBucket.bucketName,
      // Named by the hash of its content: an unchanged job writes nothing, a changed one a new object.
      // An on-change job's name starts with its launch hash, known at synth (see manifest-name.ts).
      name: launchOnChange
        ? deferred.onChangeManifestName(this, this.jobId, `${localPrefix}_${name}_launch_inputs`, manifestLocal, () => this._manifestNaming())
        : `${deferred.jobPrefix(this.jobId)}${Fn.sha256(Fn.jsonencode(manifestLocal.expression))}.json`,
      content: Fn.jsonencode(manifestLocal.expression),
      contentType: 'application/json',
      dependsOn,
      // The new manifest exists before the old one goes: the launcher always finds a current one.
      lifecycle: { createBeforeDestroy: true },
    });

    triggers.forEach((trigger, index) => {
      if (trigger.kind === TriggerKind.SCHEDULE) this.schedule(trigger, index);
      if (trigger.kind === TriggerKind.ON_NEW_DATA) {
        workflow.addDataRoute(trigger.bucketName!, trigger.prefix ?? '', this.jobId, trigger.location, trigger.filter, trigger.coalesceSeconds);
        const grant = deferred.grantWatchedData(this, trigger, `triggers[${index}]`, this.storage());
        if (grant) workflow.requireBeforeLaunch(grant);
      }
    });
    // GKE nodes pull images as the cluster's node identity, not as Vertex AI's service agent.
    if (!this.onGke) deferred.externalAccessWarnings(this, body, this.storage());

    const project = env.projectId;
    new TerraformOutput(this, 'console-url', {
      description: this.onGke ? `Runs of ${this.jobId} in the GKE console` : `Runs of ${this.jobId} in the Vertex AI console`,
      value: this.onGke
        ? `https://console.cloud.google.com/kubernetes/workload/overview?project=${project}`
        : `https://console.cloud.google.com/vertex-ai/training/${kind.consolePage}?project=${project}`,
    }).overrideLogicalId(`${name}_console_url`);
    new TerraformOutput(this, 'launch-command', {
      description: `Launches ${this.jobId} now, through the launcher workflow`,
      value: `gcloud workflows run ${this.onGke ? workflowNameLiteral(workflow.workflow) : workflow.workflow.name} --project=${project} --location=${env.region} --data='{"job":"${this.jobId}"}'`,
    }).overrideLogicalId(`${name}_launch_command`);
  }

  /**
   * What a GKE job's manifest waits for: what its stack holds of the launcher's dependables (the
   * environment's stack deploys first, with the launcher and its grants) and the team's queue.
   */
  private gkeManifestDependencies(launcher: readonly ITerraformDependable[]): ITerraformDependable[] {
    const stack = TerraformStack.of(this);
    const sameStack = launcher.filter((d) => !(d instanceof Construct) || TerraformStack.of(d) === stack);
    const queues = this.backend.queues!;
    const team = this.options.team!;
    // The team's queue may be declared after the job: its objects join the manifest's dependencies at synth.
    const self = this;
    Aspects.of(this).add(new (class implements IAspect {
      private added = false;
      public visit(node: IConstruct): void {
        const queue = queues.teamQueueOf(team);
        if (node !== self.manifest || !queue || this.added) return;
        this.added = true;
        // The WorkloadPriorityClass the JobSet names: Kueue admits no workload whose class does not exist yet.
        const priority = queues.workloadPriorityClass(self.backend.gkeOptions?.priorityClass);
        const prerequisites = [queue.serviceAccount, queue.grantPropagated.sleep, queue.launcherRoleBinding, queue.localQueue, ...(priority ? [priority] : [])];
        self.manifest.dependsOn = [...(self.manifest.dependsOn ?? []), ...prerequisites.map((r) => dependable(r))];
      }
    })());
    return [...this.packageObjects, ...sameStack];
  }

  /**
   * The manifest fields the launcher applies to every launch: `maxConcurrentRuns` and the label
   * that finds the job's active runs (skip, upTo), and `paused`.
   */
  private launchPolicy(): { [field: string]: unknown } {
    const policy: { [field: string]: unknown } = {};
    const max = this.options.concurrency?.maxConcurrentRuns;
    if (max !== undefined) {
      policy.maxConcurrentRuns = max;
      policy.jobLabel = { key: JOB_LABEL, value: this.jobId };
    }
    if (this.options.paused) policy.paused = true;
    return policy;
  }

  private schedule(trigger: Trigger, index: number): void {
    const env = this.environment;
    const workflow = env.launchWorkflow();
    const topic = workflow.requestTopic();
    const gate = env.quotas.gate ? [env.quotas.gate] : [];
    const schedulerApi = env.apis.require('cloudscheduler.googleapis.com');
    this.schedules.push(new google.CloudSchedulerJob(this, `schedule-${index}`, {
      project: env.projectId,
      region: env.region,
      name: `${env.prefix}-${this.jobId}-${index}`,
      description: `Launches the ${this.onGke ? 'GKE' : 'Vertex AI'} job ${this.jobId} (managed by cdktf-vertex-training)`,
      schedule: trigger.cron!,
      timeZone: trigger.timeZone!,
      // Written either way: the provider keeps `paused` from state when the argument is left out
      // (Optional + Computed), so a resumed job's schedule would stay paused (hashicorp/
      // terraform-provider-google#29280). A schedule paused by hand is resumed by the next deploy.
      paused: this.options.paused ?? false,
      // A launch request on the launcher's topic naming the job (its current manifest) and the
      // schedule, from which the launcher derives the slot that keys the run.
      pubsubTarget: {
        topicName: this.onGke ? topicIdLiteral(topic) : topic.id,
        data: deferred.scheduleMessageData(this.jobId, trigger.cron!, trigger.timeZone!),
        attributes: { job: this.jobId },
      },
      // On GKE the environment's stack, deployed first, enabled the API and holds the launcher.
      dependsOn: this.onGke ? [this.manifest] : [...schedulerApi, ...workflow.dependables, this.manifest, ...gate],
    }));
  }

  private triggerProblems(): Problem[] {
    const problems: Problem[] = [];
    (this.options.triggers ?? []).forEach((trigger, i) => {
      const field = `triggers[${i}]`;
      if (trigger.kind === TriggerKind.SCHEDULE) {
        const cronProblem = deferred.cronSchedule(trigger.cron!);
        if (cronProblem) problems.push({ field: `${field}.cron`, value: trigger.cron, allowed: cronProblem });
        const zoneProblem = deferred.timeZone(trigger.timeZone!);
        if (zoneProblem) problems.push({ field: `${field}.timeZone`, value: trigger.timeZone, allowed: zoneProblem });
      }
      if (trigger.kind === TriggerKind.ON_NEW_DATA && !trigger.bucketName) {
        problems.push({ field: `${field}.bucketName`, value: trigger.bucketName, allowed: 'a bucket to watch, e.g. env.dataBucket.bucketName' });
      }
      if (trigger.kind === TriggerKind.ON_NEW_DATA && trigger.prefix !== undefined && !Token.isUnresolved(trigger.prefix) && trigger.prefix.includes('${')) {
        problems.push({ field: `${field}.prefix`, value: trigger.prefix, allowed: 'an object name prefix without "${" (the launcher workflow would read it as an expression)' });
      }
      if (trigger.kind === TriggerKind.ON_NEW_DATA && trigger.prefix !== undefined && Token.isUnresolved(trigger.prefix)) {
        problems.push({ field: `${field}.prefix`, value: trigger.prefix, allowed: 'a literal prefix known at synth (the launcher\'s routes are written into its definition)' });
      }
      if (trigger.kind === TriggerKind.ON_NEW_DATA && trigger.bucketName === this.environment.stagingBucket.bucketName) {
        problems.push({ field: `${field}.bucketName`, value: 'the staging bucket', allowed: 'a bucket other than the staging bucket, whose events carry manifests (e.g. env.dataBucket.bucketName)' });
      }
      if (trigger.kind === TriggerKind.ON_NEW_DATA) problems.push(...deferred.watchedDataProblems(trigger, field, this.storage()));
      if (trigger.kind !== TriggerKind.ON_NEW_DATA && (trigger.filter !== undefined || trigger.coalesceSeconds !== undefined)) {
        problems.push({ field: `${field}.${trigger.filter !== undefined ? 'filter' : 'coalesce'}`, value: trigger.kind, allowed: 'a filter and a coalescing window belong to Trigger.onNewDataBatch only' });
      }
    });
    return problems;
  }

  private uploadPackage(upload: { objectName: string; fileName: string; contentHash: string; bytes?: Buffer; sourcePath?: string }): void {
    let path = upload.sourcePath;
    if (upload.bytes) {
      const directory = join(tmpdir(), 'cdktf-vertex-training', upload.contentHash);
      mkdirSync(directory, { recursive: true });
      path = join(directory, upload.fileName);
      writeFileSync(path, upload.bytes);
    }
    const asset = new TerraformAsset(this, `package-${this.packageObjects.length}`, { path: path!, type: AssetType.FILE });
    this.packageContentHashes[upload.objectName] = upload.contentHash;
    this.packageObjects.push(new google.StorageBucketObject(this, `package-object-${this.packageObjects.length}`, {
      bucket: this.environment.stagingBucket.bucketName,
      name: upload.objectName,
      source: asset.path,
      contentType: 'application/octet-stream',
      // Named by content hash: a changed package is uploaded before the old one goes.
      lifecycle: { createBeforeDestroy: true },
    }));
  }
}

/** Every `imageUri` in a request body (worker pools' containers, a pipeline's serving container). */
function imageUrisIn(value: unknown, found: string[] = []): string[] {
  if (Array.isArray(value)) {
    for (const item of value) imageUrisIn(item, found);
  } else if (value && typeof value === 'object') {
    for (const [key, child] of Object.entries(value)) {
      if (key === 'imageUri' && typeof child === 'string') found.push(child);
      else imageUrisIn(child, found);
    }
  }
  return found;
}
