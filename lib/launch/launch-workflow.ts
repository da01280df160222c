import { ITerraformDependable, Lazy, TerraformResource, Token } from 'cdktf';
import { Construct } from 'constructs';
import type { EventarcTrigger } from '@cdktf/provider-google/lib/eventarc-trigger';
import { ProjectIamCustomRole } from '@cdktf/provider-google/lib/project-iam-custom-role';
import { ProjectIamMember } from '@cdktf/provider-google/lib/project-iam-member';
import type { PubsubTopic } from '@cdktf/provider-google/lib/pubsub-topic';
import { StorageBucketIamMember } from '@cdktf/provider-google/lib/storage-bucket-iam-member';
import type { WorkflowsWorkflow } from '@cdktf/provider-google/lib/workflows-workflow';
import type { LOCK_PREFIX, launcherWorkflowDefinition, LaunchRoute } from './definition';
import { LaunchAlerts } from './launch-alerts';
import { LaunchEvents } from './launch-events';
import { PropagationWait } from './propagation-wait';
import { literalForTerraform } from '../core/literal';
import { ProjectApis } from '../environment/apis';
import { NotificationChannels } from '../environment/notification-channels';
import { EnvironmentEncryption, LaunchKeyPurpose } from '../environment/encryption';
import { ServiceAgents } from '../environment/service-agents';
import { TrainingServiceAccount } from '../environment/identity';
import { TrainingBucket } from '../environment/storage';
import { lazy } from '../core/lazy';
import { ObjectFilter, ObjectFilterKind } from '../triggers/object-filter';

/** The workflow's provider class, loaded with the first job: an environment alone has none. */
const google = lazy({
  WorkflowsWorkflow: (): typeof WorkflowsWorkflow => require('@cdktf/provider-google/lib/workflows-workflow').WorkflowsWorkflow,
});

/** The workflow's definition builders, loaded with the first job. */
const definition = lazy({
  LOCK_PREFIX: (): typeof LOCK_PREFIX => require('./definition').LOCK_PREFIX,
  launcherWorkflowDefinition: (): typeof launcherWorkflowDefinition => require('./definition').launcherWorkflowDefinition,
});

/** How the launcher's routes name each kind of filter. */
const ROUTE_FILTER_KINDS: { readonly [kind in ObjectFilterKind]: 'marker' | 'suffix' | 'pattern' } = {
  [ObjectFilterKind.MARKER]: 'marker',
  [ObjectFilterKind.SUFFIX]: 'suffix',
  [ObjectFilterKind.PATTERN]: 'pattern',
};

/** The size limit of a workflow's source (Workflows API v1, `sourceContents`). */
const MAX_SOURCE_BYTES = 128 * 1024;

/** Properties of {@link LaunchWorkflow}. */
export interface LaunchWorkflowProps {
  /** The environment's project. */
  readonly projectId: string;
  /** The environment's region (the workflow's, and the default location of watched buckets). */
  readonly region: string;
  /** Prefix of derived names. */
  readonly prefix: string;
  /** Labels of the workflow, topic and triggers. */
  readonly labels: { [key: string]: string };
  /** Where manifests and launch records live. */
  readonly stagingBucket: TrainingBucket;
  /** The identity the workflow, its triggers and schedules run as. */
  readonly launcher: TrainingServiceAccount;
  /** The environment's APIs. */
  readonly apis: ProjectApis;
  /** The environment's service agents. */
  readonly serviceAgents: ServiceAgents;
  /** The environment's keys (the workflow's, the topic's and Eventarc's are created here on first use). */
  readonly encryption: EnvironmentEncryption;
  /** Seconds to wait for grants and triggers to take effect. */
  readonly propagationSeconds: number;
  /**
   * Who is told of failed launches and runs: the environment's channels, shared with its budget
   * (none: incidents open in Cloud Monitoring only, and the policy rule VT-ALERT-1 asks for a channel).
   */
  readonly notificationChannels: NotificationChannels;
}

/**
 * The environment's launcher: one Cloud Workflows workflow that creates Vertex AI jobs from
 * manifests, the events that start it, and the waits that make a first deploy work. Created with
 * the first job of an environment.
 *
 * Deploy order on a new project: service agents and every grant (keys, Eventarc, Pub/Sub, the
 * launcher's, the trainers') → a wait for IAM propagation → the CMEK workflow, topic and Eventarc
 * channel → the triggers → a wait for the triggers to become active → manifests and schedules.
 */
export class LaunchWorkflow extends Construct {
  /** The workflow. */
  public readonly workflow: WorkflowsWorkflow;
  /** The launcher's project grants (invoke workflows, write logs). */
  public readonly projectGrants: ProjectIamMember[];
  /** The launcher's staging bucket grants: read manifests, and write launch records under `launches/`. */
  public readonly stagingGrants: StorageBucketIamMember[];
  /**
   * The wait after every grant the launch path and the runs need (keys, agents, the launcher's and
   * the trainers' grants), before the workflow, topic and triggers are created.
   */
  public readonly grantsPropagated: PropagationWait;
  /** The wait after the triggers, which deliver only once active: manifests and schedules depend on it. */
  public readonly ready: PropagationWait;
  /** Log-based metrics and alert policies of failed launches and runs. */
  public readonly alerts: LaunchAlerts;
  private readonly props: LaunchWorkflowProps;
  private readonly routes: LaunchRoute[] = [];
  /** The launcher's read grants on buckets whose coalescing windows it lists, by bucket name. */
  private readonly listedBuckets = new Map<string, StorageBucketIamMember>();
  /** The custom role of listing alone, created with the first coalesced route. */
  private listerRole?: ProjectIamCustomRole;
  private events?: LaunchEvents;

  constructor(scope: Construct, id: string, props: LaunchWorkflowProps) {
    super(scope, id);
    this.props = props;
    const project = props.projectId;
    const launcher = props.launcher.member;
    this.grantsPropagated = new PropagationWait(this, 'grants-propagated', { seconds: props.propagationSeconds });
    this.ready = new PropagationWait(this, 'ready', { seconds: props.propagationSeconds });

    this.projectGrants = [
      new ProjectIamMember(this, 'workflows-invoker', { project, role: 'roles/workflows.invoker', member: launcher }),
      new ProjectIamMember(this, 'log-writer', { project, role: 'roles/logging.logWriter', member: launcher }),
    ];
    const staging = props.stagingBucket;
    this.stagingGrants = [
      staging.grantRead(launcher, 'launcher'),
      // Launch records (one object per launch key) make a launch happen once; nothing else is writable.
      staging.grantReadWrite(launcher, 'launcher-records', { prefix: definition.LOCK_PREFIX, title: 'Launch records only' }),
    ];

    const agents = props.serviceAgents;
    const key = props.encryption.launchKey(LaunchKeyPurpose.WORKFLOWS);
    const keyGrant = key.grantEncryptDecrypt('workflows-agent', agents.workflowsMember, [agents.requireWorkflows()]);
    this.grantsPropagated.waitFor(keyGrant, ...this.projectGrants, ...this.stagingGrants);

    this.workflow = new google.WorkflowsWorkflow(this, 'workflow', {
      project,
      region: props.region,
      name: `${props.prefix}-launcher`,
      description: 'Creates Vertex AI training jobs from manifests (managed by cdktf-vertex-training)',
      serviceAccount: props.launcher.email,
      // Workflows expressions use ${...}: written as literals for Terraform, except the watched
      // buckets' names in the routes, which Terraform fills in.
      sourceContents: Lazy.stringValue({ produce: () => literalForTerraform(JSON.stringify(definition.launcherWorkflowDefinition({ routes: this.routes }))) }),
      userEnvVars: { STAGING_BUCKET: staging.bucketName, VERTEX_REGION: props.region },
      cryptoKeyName: key.keyName,
      callLogLevel: 'LOG_ERRORS_ONLY',
      deletionProtection: false,
      labels: props.labels,
      dependsOn: [
        ...props.apis.require('workflows.googleapis.com'),
        ...props.apis.require('workflowexecutions.googleapis.com'),
        this.grantsPropagated.sleep,
      ],
    });

    this.node.addValidation({ validate: () => this.sourceSizeProblems() });

    this.alerts = new LaunchAlerts(this, 'alerts', {
      projectId: project,
      prefix: props.prefix,
      workflowName: this.workflow.name,
      labels: props.labels,
      channels: props.notificationChannels,
      dependsOn: [...props.apis.require('logging.googleapis.com'), ...props.apis.require('monitoring.googleapis.com')],
    });
  }

  /** `projects/P/locations/R/workflows/NAME`. */
  public get workflowId(): string {
    return this.workflow.id;
  }

  /** The Eventarc triggers, the staging bucket's first when any job launches on change. */
  public get eventTriggers(): EventarcTrigger[] {
    return this.events ? [...this.events.triggers] : [];
  }

  /** The topic schedules publish launch requests to (see {@link LaunchEvents.requestTopic}). */
  public requestTopic(): PubsubTopic {
    return this.launchEvents().requestTopic();
  }

  /** Starts the workflow whenever a manifest lands in the staging bucket (on-change jobs). */
  public watchManifests(): EventarcTrigger {
    return this.launchEvents().watchBucket(this.props.stagingBucket.bucketName, 'manifests');
  }

  /**
   * Starts `jobId`'s current manifest for every object finalized under `prefix` of `bucketName`
   * that `filter` matches, or once per `windowSeconds` window for the matching objects created in it.
   * @param bucketName the watched bucket
   * @param prefix object name prefix ('' for every object)
   * @param jobId the job to launch
   * @param location the bucket's location @default - the environment's region
   * @param filter which objects under the prefix launch @default - every object
   * @param windowSeconds length of the tumbling windows whose objects one run gets @default - one run per object
   */
  public addDataRoute(bucketName: string, prefix: string, jobId: string, location?: string, filter?: ObjectFilter, windowSeconds?: number): void {
    const events = this.launchEvents();
    events.watchBucket(bucketName, `data-${events.watchedBuckets}`, location);
    this.routes.push({
      bucket: bucketName,
      prefix,
      job: jobId,
      ...(filter ? { filter: { kind: ROUTE_FILTER_KINDS[filter.kind], value: filter.value } } : {}),
      ...(windowSeconds !== undefined ? { windowSeconds } : {}),
    });
    // A coalescing window's holder lists the watched prefix when the window ends.
    if (windowSeconds !== undefined) this.grantListing(bucketName);
  }

  /**
   * The launcher's right to list a bucket whose windows it lists, once per bucket; launches wait
   * for it. A custom role of `storage.objects.list` alone (no predefined role grants listing without
   * reading every object), created with the first coalesced route.
   */
  private grantListing(bucketName: string): void {
    if (this.listedBuckets.has(bucketName)) return;
    this.listerRole ??= new ProjectIamCustomRole(this, 'data-lister', {
      project: this.props.projectId,
      roleId: `${this.props.prefix.replace(/-/g, '_')}_launcherDataLister`,
      title: `Training launcher data lister (${this.props.prefix})`,
      description: 'Lists the objects of watched buckets whose coalescing windows the launcher collects (managed by cdktf-vertex-training).',
      permissions: ['storage.objects.list'],
      stage: 'GA',
      dependsOn: this.props.apis.require('iam.googleapis.com'),
    });
    const id = Token.isUnresolved(bucketName) ? `data-list-${this.listedBuckets.size + 1}` : `data-list-${bucketName.replace(/[^a-z0-9-]+/g, '-')}`;
    const grant = new StorageBucketIamMember(this, id, { bucket: bucketName, role: this.listerRole.name, member: this.props.launcher.member });
    this.listedBuckets.set(bucketName, grant);
    this.grantsPropagated.waitFor(grant);
  }

  /**
   * Adds resources a launch or a run needs to have taken effect first (the trainer's grants, the
   * launcher's right to act as it): the workflow, its triggers, manifests and schedules wait for
   * their propagation, so that no event can start the launcher before it may launch.
   * @param resources grants and other resources
   */
  public requireBeforeLaunch(...resources: TerraformResource[]): void {
    this.grantsPropagated.waitFor(...resources);
  }

  /** What a resource that starts the workflow must wait for. */
  public get dependables(): ITerraformDependable[] {
    return [this.workflow, this.grantsPropagated.sleep, this.ready.sleep];
  }

  /** Workflows takes at most 128 KB of source; watched buckets' names count at their longest. */
  private sourceSizeProblems(): string[] {
    const longest = this.routes.map((route) => ({ ...route, bucket: Token.isUnresolved(route.bucket) ? 'b'.repeat(222) : route.bucket }));
    const bytes = Buffer.byteLength(JSON.stringify(definition.launcherWorkflowDefinition({ routes: longest })));
    return bytes <= MAX_SOURCE_BYTES ? [] : [
      `the launcher workflow's definition with ${this.routes.length} data routes would take up to ${Math.ceil(bytes / 1024)} KB, over Workflows' limit of ${MAX_SOURCE_BYTES / 1024} KB: watch fewer prefixes (one route per job and prefix), or split the jobs over two environments`,
    ];
  }

  private launchEvents(): LaunchEvents {
    this.events ??= new LaunchEvents(this, 'events', {
      projectId: this.props.projectId,
      region: this.props.region,
      prefix: this.props.prefix,
      labels: this.props.labels,
      launcher: this.props.launcher,
      workflowId: this.workflow.id,
      workflowDependables: [this.workflow],
      apis: this.props.apis,
      serviceAgents: this.props.serviceAgents,
      encryption: this.props.encryption,
      grantsPropagated: this.grantsPropagated,
      ready: this.ready,
    });
    return this.events;
  }
}
