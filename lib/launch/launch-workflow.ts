import { dependable, Fn, ITerraformDependable, Lazy, TerraformLocal, TerraformStack } from 'cdktf';
import { TimeProvider } from '@cdktf/provider-time/lib/provider';
import { Sleep } from '@cdktf/provider-time/lib/sleep';
import { Construct } from 'constructs';
import { EventarcTrigger } from '@cdktf/provider-google/lib/eventarc-trigger';
import { ProjectIamMember } from '@cdktf/provider-google/lib/project-iam-member';
import { PubsubTopic } from '@cdktf/provider-google/lib/pubsub-topic';
import { StorageBucketObject } from '@cdktf/provider-google/lib/storage-bucket-object';
import { WorkflowsWorkflow } from '@cdktf/provider-google/lib/workflows-workflow';
import { launcherWorkflowDefinition, ROUTES_OBJECT } from './workflow-definition';
import { terraformLiteral } from '../core/literal';
import { ProjectApis } from '../environment/apis';
import { ServiceAgents } from '../environment/service-agents';
import { TrainingServiceAccount } from '../environment/identity';
import { TrainingBucket } from '../environment/storage';

const FINALIZED = 'google.cloud.storage.object.v1.finalized';
const PUBLISHED = 'google.cloud.pubsub.topic.v1.messagePublished';

/** Properties of {@link LaunchWorkflow}. */
export interface LaunchWorkflowProps {
  /** The environment's project. */
  readonly projectId: string;
  /** The environment's region (the workflow's, and the watched buckets'). */
  readonly region: string;
  /** Prefix of derived names. */
  readonly prefix: string;
  /** Labels of the workflow and triggers. */
  readonly labels: { [key: string]: string };
  /** Where manifests live. */
  readonly stagingBucket: TrainingBucket;
  /** The identity the workflow, its triggers and schedules run as. */
  readonly launcher: TrainingServiceAccount;
  /** The Cloud Storage service agent, which publishes bucket events. */
  readonly storageAgentMember: string;
  /** The environment's APIs. */
  readonly apis: ProjectApis;
  /** The environment's service agents (the Eventarc agent is created with the first event trigger). */
  readonly serviceAgents: ServiceAgents;
}

/**
 * The environment's launcher: one Cloud Workflows workflow that creates Vertex AI jobs from
 * manifests, plus the Eventarc triggers that start it when a manifest or new data lands.
 * Created with the first job of an environment.
 */
export class LaunchWorkflow extends Construct {
  /** The workflow. */
  public readonly workflow: WorkflowsWorkflow;
  /** The launcher's project grants (invoke workflows, write logs; receive events once a trigger exists). */
  public readonly projectGrants: ProjectIamMember[] = [];
  /** The Eventarc triggers, the staging bucket's first when any job launches on change. */
  public readonly eventTriggers: EventarcTrigger[] = [];
  /** The routing table of on-new-data triggers, once one exists. */
  public routesObject?: StorageBucketObject;
  private readonly props: LaunchWorkflowProps;
  private readonly watchedBuckets = new Map<string, EventarcTrigger>();
  private readonly routes: { bucket: string; prefix: string; manifest: string }[] = [];
  /** A wait after the event triggers and their grants, which manifests depend on. */
  public eventsReady?: Sleep;
  private requests?: PubsubTopic;

  constructor(scope: Construct, id: string, props: LaunchWorkflowProps) {
    super(scope, id);
    this.props = props;
    const launcher = props.launcher.member;
    props.stagingBucket.grantRead(launcher, 'launcher');
    this.grantProject('workflows-invoker', 'roles/workflows.invoker');
    this.grantProject('log-writer', 'roles/logging.logWriter');
    this.workflow = new WorkflowsWorkflow(this, 'workflow', {
      project: props.projectId,
      region: props.region,
      name: `${props.prefix}-launcher`,
      description: 'Creates Vertex AI training jobs from manifests (managed by cdktf-vertex-training)',
      serviceAccount: props.launcher.email,
      // Workflows expressions use ${...}: written as literals for Terraform.
      sourceContents: terraformLiteral(JSON.stringify(launcherWorkflowDefinition(), null, 2)),
      userEnvVars: { STAGING_BUCKET: props.stagingBucket.bucketName, VERTEX_REGION: props.region },
      callLogLevel: 'LOG_ERRORS_ONLY',
      deletionProtection: false,
      labels: props.labels,
      dependsOn: [...props.apis.require('workflows.googleapis.com'), ...props.apis.require('workflowexecutions.googleapis.com')],
    });
  }

  /** `projects/P/locations/R/workflows/NAME`. */
  public get workflowId(): string {
    return this.workflow.id;
  }

  /**
   * The Pub/Sub topic that schedules publish launch requests to (`{"manifest": NAME}`), with the
   * Eventarc trigger that starts the workflow for each message. Cloud Scheduler inside a VPC Service
   * Controls perimeter may only target Pub/Sub (not Google APIs), so schedules always go this way.
   */
  public requestTopic(): PubsubTopic {
    if (!this.requests) {
      this.enableEvents();
      this.requests = new PubsubTopic(this, 'requests', {
        project: this.props.projectId,
        name: `${this.props.prefix}-launch-requests`,
        labels: this.props.labels,
        messageRetentionDuration: '86400s',
        dependsOn: this.props.apis.require('pubsub.googleapis.com'),
      });
      this.addEventTrigger(new EventarcTrigger(this, 'on-request', {
        project: this.props.projectId,
        location: this.props.region,
        name: `${this.props.prefix}-requests`,
        matchingCriteria: [{ attribute: 'type', value: PUBLISHED }],
        transport: { pubsub: { topic: this.requests.id } },
        destination: { workflow: this.workflow.id },
        serviceAccount: this.props.launcher.email,
        labels: this.props.labels,
        dependsOn: [...this.props.apis.require('eventarc.googleapis.com'), ...this.projectGrants],
      }));
    }
    return this.requests;
  }

  /** Starts the workflow whenever a manifest lands in the staging bucket (on-change jobs). */
  public watchManifests(): EventarcTrigger {
    return this.watch(this.props.stagingBucket.bucketName, 'manifests');
  }

  /**
   * Starts the workflow for objects under `prefix` of `bucketName`, launching the job whose current
   * manifest is `manifestName`.
   */
  public addDataRoute(bucketName: string, prefix: string, manifestName: string, location?: string): void {
    this.watch(bucketName, `data-${this.watchedBuckets.size}`, location);
    this.routes.push({ bucket: bucketName, prefix, manifest: manifestName });
    if (!this.routesObject) {
      const routes = new TerraformLocal(this, 'routes-content', Lazy.anyValue({ produce: () => ({ routes: this.routes }) }));
      routes.overrideLogicalId(`vertex_${this.props.prefix.replace(/-/g, '_')}_routes`);
      this.routesObject = new StorageBucketObject(this, 'routes', {
        bucket: this.props.stagingBucket.bucketName,
        name: ROUTES_OBJECT,
        contentType: 'application/json',
        content: Fn.jsonencode(routes.expression),
      });
    }
  }

  /**
   * What a resource that starts the workflow must wait for: the workflow, the launcher's grants and
   * the event triggers created so far.
   */
  public get dependables(): ITerraformDependable[] {
    return [this.workflow, ...this.projectGrants, ...this.eventTriggers, ...(this.eventsReady ? [this.eventsReady] : [])];
  }

  private watch(bucketName: string, id: string, location?: string): EventarcTrigger {
    const existing = this.watchedBuckets.get(bucketName);
    if (existing) return existing;
    this.enableEvents();
    const trigger = new EventarcTrigger(this, `on-${id}`, {
      project: this.props.projectId,
      // Eventarc watches a bucket from the bucket's own location.
      location: location ?? this.props.region,
      name: `${this.props.prefix}-${id}`,
      matchingCriteria: [
        { attribute: 'type', value: FINALIZED },
        { attribute: 'bucket', value: bucketName },
      ],
      destination: { workflow: this.workflow.id },
      serviceAccount: this.props.launcher.email,
      labels: this.props.labels,
      dependsOn: [...this.props.apis.require('eventarc.googleapis.com'), ...this.projectGrants],
    });
    this.watchedBuckets.set(bucketName, trigger);
    this.addEventTrigger(trigger);
    return trigger;
  }

  private addEventTrigger(trigger: EventarcTrigger): void {
    this.eventTriggers.push(trigger);
    this.eventsReady!.dependsOn = [...(this.eventsReady!.dependsOn ?? []), dependable(trigger)];
  }

  private enableEvents(): void {
    if (this.eventsReady) return;
    this.props.apis.require('pubsub.googleapis.com');
    this.grantProject('event-receiver', 'roles/eventarc.eventReceiver');
    // Cloud Storage publishes bucket events to Pub/Sub as its service agent.
    this.projectGrants.push(new ProjectIamMember(this, 'storage-agent-publisher', {
      project: this.props.projectId,
      role: 'roles/pubsub.publisher',
      member: this.props.storageAgentMember,
    }));
    // The Eventarc service agent exists and holds its role before the first trigger is created.
    const agent = this.props.serviceAgents.requireEventarc();
    this.projectGrants.push(new ProjectIamMember(this, 'eventarc-agent', {
      project: this.props.projectId,
      role: 'roles/eventarc.serviceAgent',
      member: this.props.serviceAgents.eventarcMember,
      dependsOn: [agent],
    }));
    // New triggers and grants take a while to deliver events: a manifest written at once could be missed.
    this.eventsReady = new Sleep(this, 'events-ready', {
      provider: timeProvider(this),
      createDuration: '120s',
      dependsOn: [...this.projectGrants],
    });
  }

  private grantProject(id: string, role: string): void {
    this.projectGrants.push(new ProjectIamMember(this, id, { project: this.props.projectId, role, member: this.props.launcher.member }));
  }
}

const TIME_PROVIDER_ID = 'vertex-training-time';

/** One time provider per stack for the event propagation wait. */
function timeProvider(scope: Construct): TimeProvider {
  const stack = TerraformStack.of(scope);
  const existing = stack.node.tryFindChild(TIME_PROVIDER_ID);
  if (existing instanceof TimeProvider) return existing;
  return new TimeProvider(stack, TIME_PROVIDER_ID, {});
}
