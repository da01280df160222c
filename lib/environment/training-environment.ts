import { Aspects, dependable, TerraformResource, TerraformStack, Token } from 'cdktf';
import { Construct } from 'constructs';
import { GoogleBetaProvider } from '@cdktf/provider-google-beta/lib/provider';
import { GoogleProvider } from '@cdktf/provider-google/lib/provider';
import { StorageBucketIamMember } from '@cdktf/provider-google/lib/storage-bucket-iam-member';
import { ArtifactRegistryRepositoryIamMember } from '@cdktf/provider-google/lib/artifact-registry-repository-iam-member';
import { ServiceAccountIamMember } from '@cdktf/provider-google/lib/service-account-iam-member';
import { ProjectIamMember } from '@cdktf/provider-google/lib/project-iam-member';
import { ApiDependencies } from './api-dependencies';
import { claimEnvironmentNames, claimNamesAtSynth } from './name-registry';
import { ProjectApis } from './apis';
import { EncryptionOptions, EnvironmentEncryption } from './encryption';
import { ServiceAccountOptions, TrainingServiceAccount } from './identity';
import { RepositoryFormat, RepositoryOptions, TrainingRepository } from './registry';
import { LAUNCHER_VERTEX_PERMISSIONS, ProjectRoleGrant, TRAINER_VERTEX_PERMISSIONS } from './roles';
import { ServiceAgents } from './service-agents';
import { BucketOptions, TrainingBucket } from './storage';
import { TeamOptions, TrainingTeam } from './team';
import { TensorboardOptions, TrainingTensorboard } from './tensorboard';
import { BillingBudget, BudgetOptions, budgetProblems } from './budget';
import { TrainingMetadataStore } from './metadata-store';
import { AlertOptions, NotificationChannels } from './notification-channels';
import { PriceOptions } from '../catalog/price-options';
import { priceProblems } from '../catalog/prices';
import { ENVIRONMENT_BRAND } from '../core/construct-brand';
import { Duration } from '../core/duration';
import { LaunchWorkflow } from '../launch/launch-workflow';
import { TrainingPolicy } from '../policy/training-policy';
import { TrainingReport } from '../report/training-report';
import { NetworkOptions, TrainingNetwork } from '../network/training-network';
import { PerimeterOptions, TrainingPerimeter } from '../perimeter/training-perimeter';
import { QuotaOptions, TrainingQuotas } from '../quota/training-quotas';
import { ENVIRONMENT_LABEL, environmentLabels } from '../core/labels';
import { problemsOf, throwProblems, ValidationError } from '../core/validation';
import { namePrefix } from '../rules/names';
import { projectId as projectIdRule } from '../rules/project';
import { vertexRegion } from '../rules/regions';
import { checkInput } from '../core/field-types';
import { TRAINING_ENVIRONMENT_PROPS } from '../core/input-types';

/** Properties of a {@link TrainingEnvironment}. */
export interface TrainingEnvironmentProps {
  /** Google Cloud project the environment lives in. */
  readonly projectId: string;
  /**
   * Region of the environment: its buckets, keys, repositories, TensorBoard and jobs. Must have a
   * Vertex AI regional endpoint; multi-regions are refused because CMEK keys must be regional.
   */
  readonly region: string;
  /**
   * Prefix of every name the environment derives (2–20 lowercase letters, digits or hyphens).
   * @default the construct ID, lowercased
   */
  readonly prefix?: string;
  /**
   * Labels added to every resource that takes labels, next to `managed-by` and `vertex-training-env`.
   * @default - only the library's labels
   */
  readonly labels?: { [key: string]: string };
  /**
   * Whether Terraform enables the Google APIs the environment uses (never disabling them on destroy).
   * @default true
   */
  readonly enableApis?: boolean;
  /**
   * CMEK: key ring, keys, rotation, or keys brought by the user.
   * @default - a key ring and three keys rotating every 90 days
   */
  readonly encryption?: EncryptionOptions;
  /**
   * Staging bucket: Python packages and launch manifests.
   * @default - a bucket named `<projectId>-<prefix>-staging`
   */
  readonly stagingBucket?: BucketOptions;
  /**
   * Artifacts bucket: model outputs, checkpoints, TensorBoard logs.
   * @default - a bucket named `<projectId>-<prefix>-artifacts`
   */
  readonly artifactsBucket?: BucketOptions;
  /**
   * Data bucket: training data.
   * @default - a bucket named `<projectId>-<prefix>-data`
   */
  readonly dataBucket?: BucketOptions;
  /**
   * Docker repository for training images.
   * @default - a repository named `<prefix>-images`
   */
  readonly dockerRepository?: RepositoryOptions;
  /**
   * Python repository for training packages.
   * @default - a repository named `<prefix>-python`
   */
  readonly pythonRepository?: RepositoryOptions;
  /**
   * The identity training code runs as.
   * @default - a service account `<prefix>-trainer`
   */
  readonly trainerServiceAccount?: ServiceAccountOptions;
  /**
   * The identity that creates Vertex AI jobs (schedulers and launchers act as it).
   * @default - a service account `<prefix>-launcher`
   */
  readonly launcherServiceAccount?: ServiceAccountOptions;
  /**
   * The Vertex AI TensorBoard of the environment.
   * @default - a CMEK-encrypted TensorBoard
   */
  readonly tensorboard?: TensorboardOptions;
  /**
   * The google-beta provider that creates the Vertex AI and Artifact Registry service agents (the
   * resource exists only in google-beta). Pass one configured like your google provider when you
   * deploy with impersonation, an access token or a billing project.
   * @default - one aliased google-beta provider per stack (`google-beta.vertex_training`), default settings
   */
  readonly betaProvider?: GoogleBetaProvider;
  /**
   * A private network for training: jobs then run on it (private services access or a PSC interface).
   * @default - no network: Vertex AI's own
   */
  readonly network?: NetworkOptions;
  /**
   * A VPC Service Controls perimeter around the project (created or joined), dry-run first.
   * @default - no perimeter
   */
  readonly perimeter?: PerimeterOptions;
  /**
   * Quota planning: known limits, quota ID overrides, plan-time checks and increase requests.
   * @default - demand is planned and warned about; nothing is checked at plan time or requested
   */
  readonly quotas?: QuotaOptions;
  /**
   * How long a deploy waits for new IAM grants and Eventarc triggers to take effect before it
   * creates what needs them (the launcher's workflow and triggers, then manifests and schedules).
   * Google documents IAM changes as taking typically 2 minutes, sometimes 7 or more, and new
   * Eventarc triggers up to 2 minutes. The wait runs again only when a deploy adds or replaces a
   * grant or trigger it covers. 0 to 30 minutes.
   * @default Duration.minutes(2)
   */
  readonly propagationDelay?: Duration;
  /**
   * Who is told when a launch fails (a schedule, deploy or new data that did not become a Vertex AI
   * job) or a run ends failed, cancelled or expired: email addresses, Pub/Sub topics or existing
   * Cloud Monitoring channels. Without any, incidents only open in the Cloud Monitoring console, and
   * the policy rule VT-ALERT-1 fails synth until a channel is named or the rule is acknowledged.
   * @default - no channel
   */
  readonly alerts?: AlertOptions;
  /**
   * Whether a deploy that changes only labels launches a run of the environment's on-change jobs.
   * Labels (these, and a job's own) are part of every request body, so by default a label change is
   * a change of the request and launches; with `false` labels are left out of the launch hash and
   * reach the next run without starting one. A job's own `relaunchOnLabelChange` wins.
   * @default true
   */
  readonly relaunchOnLabelChange?: boolean;
  /**
   * Prices for the training report's cost estimates, over the catalog's ([unconfirmed] us-central1
   * list prices): a row per machine type, GPU or TPU version, with the source and date to show.
   * @default - the catalog's prices
   */
  readonly prices?: PriceOptions;
  /**
   * A monthly Cloud Billing budget on the environment's spend (its project's costs that carry the
   * environment's label), notifying the same channels as `alerts` (at most 5, the Budget API's
   * limit) and the billing account's administrators. The deployer needs `billing.budgets.create`
   * on the billing account; with user credentials the google provider needs `userProjectOverride`
   * and `billingProject`.
   * @default - no budget
   */
  readonly budget?: BudgetOptions;
  /**
   * Whether the environment creates the region's Vertex AI metadata store (`default`, used by
   * Experiments and TensorBoard experiments) with its Vertex AI key, before anything creates it
   * Google-encrypted. Turn it off when the project's store in the region already exists (import it
   * instead when it has the environment's key) or another environment of the project creates it.
   * @default true
   */
  readonly metadataStore?: boolean;
}

/**
 * Everything Vertex AI custom training needs in one project and region: APIs, service agents, CMEK
 * keys, staging / artifacts / data buckets, Docker and Python repositories, a trainer and a launcher
 * identity with least-privilege grants, a TensorBoard, the region's CMEK metadata store, and
 * optionally a budget.
 *
 * Every part can be imported instead of created; every created resource is a public field.
 *
 * @example
 * const env = new TrainingEnvironment(stack, 'ml', { projectId: 'my-project', region: 'us-central1' });
 * env.grantDataRead('group:data-scientists@example.com');
 */
export class TrainingEnvironment extends Construct {
  /** The environment's project. */
  public readonly projectId: string;
  /** The environment's region. */
  public readonly region: string;
  /** Prefix of derived names. */
  public readonly prefix: string;
  /** Labels put on every resource that takes labels. */
  public readonly labels: { [key: string]: string };
  /** The APIs the environment enables. */
  public readonly apis: ProjectApis;
  /** The service agents that use the keys. */
  public readonly serviceAgents: ServiceAgents;
  /** Key ring and keys. */
  public readonly encryption: EnvironmentEncryption;
  /** Staging bucket (packages, launch manifests). */
  public readonly stagingBucket: TrainingBucket;
  /** Artifacts bucket (models, checkpoints, TensorBoard logs). */
  public readonly artifactsBucket: TrainingBucket;
  /** Data bucket. */
  public readonly dataBucket: TrainingBucket;
  /** Docker repository for training images. */
  public readonly dockerRepository: TrainingRepository;
  /** Python repository for training packages. */
  public readonly pythonRepository: TrainingRepository;
  /** The identity training code runs as. */
  public readonly trainer: TrainingServiceAccount;
  /** The identity that creates Vertex AI jobs. */
  public readonly launcher: TrainingServiceAccount;
  /** The trainer's project-level Vertex AI role (TensorBoard and Experiments writes) and its grant. */
  public readonly trainerVertexRole: ProjectRoleGrant;
  /** The launcher's project-level Vertex AI role (create, get, list, cancel jobs) and its grant. */
  public readonly launcherVertexRole: ProjectRoleGrant;
  /** The trainer's additive project grants: log and metric writing. */
  public readonly trainerProjectGrants: ProjectIamMember[];
  /** The trainer's grants on the buckets (data, staging read; artifacts read-write). */
  public readonly trainerBucketGrants: StorageBucketIamMember[];
  /** The trainer's read grants on the Docker and Python repositories. */
  public readonly trainerRepositoryGrants: ArtifactRegistryRepositoryIamMember[];
  /** The Vertex AI service agent's read grant on the Docker repository (custom-container pulls). */
  public readonly vertexAgentImagePull: ArtifactRegistryRepositoryIamMember;
  /** The launcher's grant to act as the trainer. */
  public readonly launcherActAsTrainer: ServiceAccountIamMember;
  /** The TensorBoard; undefined when turned off. */
  public readonly tensorboard?: TrainingTensorboard;
  /** The quota plan of the environment's workloads. */
  public readonly quotas: TrainingQuotas;
  /** The private network, when declared. */
  public readonly network?: TrainingNetwork;
  /** The VPC Service Controls perimeter, when declared. */
  public readonly perimeter?: TrainingPerimeter;
  /** Whether a label-only change launches the environment's on-change jobs (a job may say otherwise). */
  public readonly relaunchOnLabelChange: boolean;
  /** The prices the training report uses over the catalog's; undefined when none are given. */
  public readonly prices?: PriceOptions;
  /** The monthly budget, when declared. */
  public readonly budget?: BillingBudget;
  /** The region's CMEK-encrypted Vertex AI metadata store; undefined when turned off. */
  public readonly metadataStore?: TrainingMetadataStore;
  private launchWorkflowConstruct?: LaunchWorkflow;
  private readonly propagationSeconds: number;
  private readonly alertOptions?: AlertOptions;
  private notificationChannelsConstruct?: NotificationChannels;

  constructor(scope: Construct, id: string, props: TrainingEnvironmentProps) {
    super(scope, id);
    ENVIRONMENT_BRAND.mark(this);
    checkInput(this, props, TRAINING_ENVIRONMENT_PROPS);
    // Policy checks are on for every stack with an environment (acknowledge exceptions with a reason).
    TrainingPolicy.applyTo(TerraformStack.of(this));
    // At synth, the stack writes training-report.md and training-report.json beside its cdk.tf.json.
    TrainingReport.writeOnSynth(this);
    this.projectId = props.projectId;
    this.region = props.region;
    this.prefix = props.prefix ?? defaultPrefix(this, id);
    this.propagationSeconds = (props.propagationDelay ?? Duration.minutes(2)).toSeconds();
    throwProblems(this, [
      ...problemsOf('projectId', props.projectId, projectIdRule),
      ...problemsOf('region', props.region, vertexRegion),
      ...problemsOf('prefix', this.prefix, namePrefix),
      ...priceProblems(props.prices),
      ...problemsOf('propagationDelay', this.propagationSeconds, (v) =>
        Number.isInteger(v) && v >= 0 && v <= 1800 ? undefined : 'must be a whole number of seconds from 0 to 30 minutes'),
      ...budgetProblems(props.budget),
    ]);
    this.labels = environmentLabels(this, 'labels', this.prefix, props.labels);
    this.alertOptions = props.alerts;
    this.relaunchOnLabelChange = props.relaunchOnLabelChange ?? true;
    this.prices = props.prices;

    const project = this.projectId;
    const region = this.region;
    const labels = this.labels;
    this.apis = new ProjectApis(this, 'apis', { projectId: project, enable: props.enableApis });
    // Every resource of the environment waits for the APIs it calls (its jobs do the same).
    Aspects.of(this).add(new ApiDependencies(this.apis));
    this.serviceAgents = new ServiceAgents(this, 'service-agents', { projectId: project, apis: this.apis, betaProvider: props.betaProvider });

    this.encryption = new EnvironmentEncryption(this, 'encryption', {
      ...props.encryption,
      projectId: project,
      region,
      prefix: this.prefix,
      labels,
      dependsOn: this.apis.require('cloudkms.googleapis.com'),
    });
    const agents = this.serviceAgents;
    const storageKey = this.encryption.storageKey;
    storageKey.grantEncryptDecrypt('storage-agent', agents.storageMember);
    const registryKey = this.encryption.registryKey;
    registryKey.grantEncryptDecrypt('artifact-registry-agent', agents.artifactRegistryMember, [agents.artifactRegistry]);
    const vertexKey = this.encryption.vertexKey;
    vertexKey.grantEncryptDecrypt('vertex-ai-agent', agents.vertexAiMember, [agents.vertexAi]);

    this.stagingBucket = this._bucket(this, 'staging-bucket', 'staging', props.stagingBucket, false);
    this.artifactsBucket = this._bucket(this, 'artifacts-bucket', 'artifacts', props.artifactsBucket, true);
    this.dataBucket = this._bucket(this, 'data-bucket', 'data', props.dataBucket, true);

    const repository = (id: string, format: RepositoryFormat, options: RepositoryOptions | undefined, suffix: string) =>
      new TrainingRepository(this, id, {
        ...options,
        projectId: project,
        region,
        format,
        defaultRepositoryId: `${this.prefix}-${suffix}`,
        kmsKeyName: registryKey.keyName,
        labels,
        dependsOn: [...this.apis.require('artifactregistry.googleapis.com'), ...registryKey.grants],
      });
    this.dockerRepository = repository('docker-repository', RepositoryFormat.DOCKER, props.dockerRepository, 'images');
    this.pythonRepository = repository('python-repository', RepositoryFormat.PYTHON, props.pythonRepository, 'python');

    const iamApi = this.apis.require('iam.googleapis.com');
    this.trainer = new TrainingServiceAccount(this, 'trainer', {
      ...props.trainerServiceAccount,
      projectId: project,
      defaultAccountId: `${this.prefix}-trainer`,
      displayName: `Vertex AI trainer (${this.prefix})`,
      description: 'Runs Vertex AI training code: reads data and staging, writes artifacts, logs and metrics.',
      dependsOn: iamApi,
    });
    this.launcher = new TrainingServiceAccount(this, 'launcher', {
      ...props.launcherServiceAccount,
      projectId: project,
      defaultAccountId: `${this.prefix}-launcher`,
      displayName: `Vertex AI launcher (${this.prefix})`,
      description: 'Creates Vertex AI training jobs that run as the trainer; nothing else.',
      dependsOn: iamApi,
    });

    const trainer = this.trainer.member;
    this.trainerBucketGrants = [
      this.dataBucket.grantRead(trainer, 'trainer'),
      this.stagingBucket.grantRead(trainer, 'trainer'),
      this.artifactsBucket.grantReadWrite(trainer, 'trainer'),
    ];
    this.trainerRepositoryGrants = [
      this.dockerRepository.grantRead(trainer, 'trainer'),
      this.pythonRepository.grantRead(trainer, 'trainer'),
    ];
    // Vertex AI pulls custom-container images with its own service agent, not the job's account.
    this.vertexAgentImagePull = this.dockerRepository.grantRead(agents.vertexAiMember, 'vertex-ai-agent');
    this.vertexAgentImagePull.dependsOn = [dependable(agents.vertexAi)];
    this.trainerProjectGrants = [
      new ProjectIamMember(this.trainer, 'log-writer', { project, role: 'roles/logging.logWriter', member: trainer }),
      new ProjectIamMember(this.trainer, 'metric-writer', { project, role: 'roles/monitoring.metricWriter', member: trainer }),
    ];
    const roleIdPrefix = this.prefix.replace(/-/g, '_');
    this.trainerVertexRole = new ProjectRoleGrant(this.trainer, 'vertex-role', {
      projectId: project,
      roleId: `${roleIdPrefix}_vertexTrainingWriter`,
      title: `Vertex AI training writer (${this.prefix})`,
      description: 'Writes TensorBoard logs and Vertex AI Experiments metadata from training code.',
      permissions: [...TRAINER_VERTEX_PERMISSIONS],
      member: trainer,
      dependsOn: iamApi,
    });

    this.launcherVertexRole = new ProjectRoleGrant(this.launcher, 'vertex-role', {
      projectId: project,
      roleId: `${roleIdPrefix}_vertexTrainingLauncher`,
      title: `Vertex AI training launcher (${this.prefix})`,
      description: 'Creates, watches and cancels Vertex AI custom jobs, tuning jobs and training pipelines.',
      permissions: [...LAUNCHER_VERTEX_PERMISSIONS],
      member: this.launcher.member,
      dependsOn: iamApi,
    });
    this.launcherActAsTrainer = this.trainer.grantActAs(this.launcher.member, 'launcher');

    if (props.network) {
      this.network = new TrainingNetwork(this, 'network', {
        ...props.network,
        projectId: project,
        region,
        prefix: this.prefix,
        apis: this.apis,
        insidePerimeter: props.perimeter !== undefined,
        perimeterEnforced: props.perimeter !== undefined && props.perimeter.dryRun === false,
        vertexAgentMember: agents.vertexAiMember,
        vertexAgentDependables: [agents.vertexAi],
      });
    }
    if (props.perimeter) {
      this.perimeter = new TrainingPerimeter(this, 'perimeter', {
        ...props.perimeter,
        projectNumber: agents.project.number,
        prefix: this.prefix,
        apis: this.apis,
        hasNetwork: this.network !== undefined,
        billingProjectId: billingProjectOf(this, project),
      });
    }

    this.quotas = new TrainingQuotas(this, 'quotas', { ...props.quotas, projectId: project, region, prefix: this.prefix, apis: this.apis, billingProjectId: billingProjectOf(this, project) });

    const tensorboardOptions = props.tensorboard ?? {};
    if (tensorboardOptions.enabled ?? true) {
      this.tensorboard = new TrainingTensorboard(this, 'tensorboard', {
        ...tensorboardOptions,
        projectId: project,
        region,
        defaultDisplayName: `${this.prefix}-tensorboard`,
        kmsKeyName: vertexKey.keyName,
        labels,
        dependsOn: [...this.apis.require('aiplatform.googleapis.com'), ...vertexKey.grants],
      });
    } else if (tensorboardOptions.existingTensorboardName !== undefined) {
      throw new ValidationError(this, 'tensorboard.existingTensorboardName', tensorboardOptions.existingTensorboardName,
        'cannot be combined with tensorboard.enabled: false');
    }
    if (props.metadataStore ?? true) {
      this.metadataStore = new TrainingMetadataStore(this, 'metadata-store', {
        projectId: project,
        region,
        kmsKeyName: vertexKey.keyName,
        provider: agents.betaProvider,
        dependsOn: [...this.apis.require('aiplatform.googleapis.com'), ...vertexKey.grants],
      });
    }
    if (props.budget) {
      const billing = billingProjectOf(this, project);
      const channels = this._notificationChannels();
      this.budget = new BillingBudget(this, 'budget', {
        ...props.budget,
        projectNumber: agents.project.number,
        prefix: this.prefix,
        labelKey: ENVIRONMENT_LABEL,
        labelValue: labels[ENVIRONMENT_LABEL],
        notificationChannels: channels.notified,
        recipients: channels.recipients,
        // The Budget API is called in the quota project: the environment's, or the provider's billing project.
        dependsOn: [
          ...this.apis.require('billingbudgets.googleapis.com'),
          ...(billing !== undefined ? this.apis.requireIn(billing, 'billingbudgets.googleapis.com') : []),
          // The channels exist, and Cloud Monitoring may publish to the Pub/Sub ones, before the budget notifies them.
          ...channels.channels,
          ...channels.publisherGrants,
        ],
      });
    }
    // Names another environment (or another part of this one) already creates fail here, not at
    // the second apply; what jobs and aspects create later is claimed at synth.
    throwProblems(this, claimEnvironmentNames(this, project, this.prefix));
    claimNamesAtSynth(TerraformStack.of(this));
  }

  /**
   * Adds a team that shares this environment with its own trainer, data and artifacts (see
   * {@link TrainingTeam}).
   * @param name 2–16 lowercase letters, digits or hyphens
   * @param options identity, buckets and members of the team
   */
  public addTeam(name: string, options?: TeamOptions): TrainingTeam {
    return new TrainingTeam(this, name, options);
  }

  /**
   * A bucket of the environment or of one of its teams, with the environment's key, labels and
   * naming. Staging objects under `tmp/` expire; data and artifacts are protected from destroy.
   * @internal
   */
  public _bucket(scope: Construct, id: string, role: string, options: BucketOptions | undefined, keep: boolean): TrainingBucket {
    const storageKey = this.encryption.storageKey;
    return new TrainingBucket(scope, id, {
      ...options,
      projectId: this.projectId,
      region: this.region,
      defaultName: `${bucketNamePart(this.projectId)}-${this.prefix}-${role}`,
      kmsKeyName: storageKey.keyName,
      labels: this.labels,
      defaultExpirationDays: role === 'staging' ? 14 : 0,
      defaultExpirationPrefixes: role === 'staging' ? ['tmp/'] : [],
      defaultPreventDestroy: keep,
      dependsOn: [...this.apis.require('storage.googleapis.com'), ...storageKey.grants],
    });
  }

  /**
   * The launcher workflow that creates this environment's jobs, created with the first job.
   */
  public launchWorkflow(): LaunchWorkflow {
    this.launchWorkflowConstruct ??= new LaunchWorkflow(this, 'launch', {
      projectId: this.projectId,
      region: this.region,
      prefix: this.prefix,
      labels: this.labels,
      stagingBucket: this.stagingBucket,
      launcher: this.launcher,
      serviceAgents: this.serviceAgents,
      apis: this.apis,
      encryption: this.encryption,
      propagationSeconds: this.propagationSeconds,
      notificationChannels: this._notificationChannels(),
    });
    return this.launchWorkflowConstruct;
  }

  /**
   * The environment's notification channels (its `alerts`), created on first use: by the budget,
   * or with the launcher's alerts.
   * @internal
   */
  public _notificationChannels(): NotificationChannels {
    this.notificationChannelsConstruct ??= new NotificationChannels(this, 'notifications', {
      ...this.alertOptions,
      projectId: this.projectId,
      prefix: this.prefix,
      notificationAgentMember: this.serviceAgents.monitoringNotificationMember,
      dependsOn: this.apis.require('monitoring.googleapis.com'),
    });
    return this.notificationChannelsConstruct;
  }

  /**
   * The launcher workflow, if a job created it (no creation here, unlike {@link launchWorkflow}).
   * @internal
   */
  public _existingLaunchWorkflow(): LaunchWorkflow | undefined {
    return this.launchWorkflowConstruct;
  }

  /**
   * How long a wait for IAM propagation of this environment's resources lasts, in seconds (`propagationDelay`).
   * @internal
   */
  public get _propagationSeconds(): number {
    return this.propagationSeconds;
  }

  /**
   * The grants a run of a job must find in effect, on top of the launcher's own: the launcher's
   * Vertex AI role and its right to act as the job's trainer; the trainer's grants; the service
   * agents' grants on the keys the run uses; the Vertex AI agent's image pulls.
   * @internal
   */
  public _runPrerequisites(team?: TrainingTeam): TerraformResource[] {
    const trainer: TerraformResource[] = team
      ? [team.launcherActAsTrainer, ...team.trainerGrants, ...team.trainerProjectGrants]
      : [this.launcherActAsTrainer, ...this.trainerBucketGrants, ...this.trainerRepositoryGrants, ...this.trainerProjectGrants, this.trainerVertexRole.grant];
    return [
      this.launcherVertexRole.grant,
      ...trainer,
      ...this.encryption.vertexKey.grants,
      ...this.encryption.storageKey.grants,
      this.vertexAgentImagePull,
    ];
  }

  /**
   * Lets `member` read training data.
   * @param member IAM principal (`user:`, `group:`, `serviceAccount:`, ...); public principals are refused
   */
  public grantDataRead(member: string): StorageBucketIamMember {
    return this.dataBucket.grantRead(member);
  }

  /**
   * Lets `member` read and write training data (e.g. a data pipeline's identity).
   * @param member IAM principal; public principals are refused
   */
  public grantDataReadWrite(member: string): StorageBucketIamMember {
    return this.dataBucket.grantReadWrite(member);
  }

  /**
   * Lets `member` (e.g. a CI identity that uploads training packages) write to the staging bucket.
   * @param member IAM principal; public principals are refused
   */
  public grantStagingReadWrite(member: string): StorageBucketIamMember {
    return this.stagingBucket.grantReadWrite(member);
  }

  /**
   * Lets `member` read models, checkpoints and TensorBoard logs.
   * @param member IAM principal; public principals are refused
   */
  public grantArtifactsRead(member: string): StorageBucketIamMember {
    return this.artifactsBucket.grantRead(member);
  }

  /**
   * Lets `member` pull training images and download training packages.
   * @param member IAM principal; public principals are refused
   */
  public grantImagesAndPackagesRead(member: string): ArtifactRegistryRepositoryIamMember[] {
    return [this.dockerRepository.grantRead(member), this.pythonRepository.grantRead(member)];
  }

  /**
   * Lets `member` (e.g. a CI identity) push training images and upload training packages.
   * @param member IAM principal; public principals are refused
   */
  public grantImagesAndPackagesWrite(member: string): ArtifactRegistryRepositoryIamMember[] {
    return [this.dockerRepository.grantReadWrite(member), this.pythonRepository.grantReadWrite(member)];
  }
}

/**
 * The `billing_project` of the stack's default google provider when it names another project than
 * the environment's (Access Context Manager and Cloud Quotas calls are billed there).
 */
function billingProjectOf(scope: Construct, projectId: string): string | undefined {
  const provider = TerraformStack.of(scope).node.children.find((c): c is GoogleProvider => c instanceof GoogleProvider && c.alias === undefined);
  const billing = provider?.billingProject;
  return billing !== undefined && billing !== projectId ? billing : undefined;
}

/** Domain-scoped project IDs (`example.com:proj`) hold characters bucket names cannot; tokens stay. */
function bucketNamePart(projectId: string): string {
  return Token.isUnresolved(projectId) ? projectId : projectId.replace(/[:.]/g, '-');
}

function defaultPrefix(scope: Construct, id: string): string {
  const prefix = id.toLowerCase().replace(/[^a-z0-9-]+/g, '-').replace(/^[^a-z]+/, '').replace(/-+$/, '').slice(0, 20).replace(/-+$/, '');
  if (namePrefix(prefix) !== undefined) {
    throw new ValidationError(scope, 'prefix', id, 'cannot be derived from the construct ID; set prefix to 2-20 lowercase letters, digits or hyphens, starting with a letter');
  }
  return prefix;
}
