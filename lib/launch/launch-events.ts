import { ITerraformDependable } from 'cdktf';
import { Construct } from 'constructs';
import type { EventarcGoogleChannelConfig } from '@cdktf/provider-google/lib/eventarc-google-channel-config';
import type { EventarcTrigger } from '@cdktf/provider-google/lib/eventarc-trigger';
import { ProjectIamMember } from '@cdktf/provider-google/lib/project-iam-member';
import type { PubsubTopic } from '@cdktf/provider-google/lib/pubsub-topic';
import { PropagationWait } from './propagation-wait';
import { EnvironmentEncryption, LaunchKeyPurpose } from '../environment/encryption';
import { ProjectApis } from '../environment/apis';
import { ServiceAgents } from '../environment/service-agents';
import { TrainingServiceAccount } from '../environment/identity';
import { lazy } from '../core/lazy';

/** Provider classes of the launcher's events, loaded with the first job: an environment alone has none. */
const google = lazy({
  EventarcGoogleChannelConfig: (): typeof EventarcGoogleChannelConfig => require('@cdktf/provider-google/lib/eventarc-google-channel-config').EventarcGoogleChannelConfig,
  EventarcTrigger: (): typeof EventarcTrigger => require('@cdktf/provider-google/lib/eventarc-trigger').EventarcTrigger,
  PubsubTopic: (): typeof PubsubTopic => require('@cdktf/provider-google/lib/pubsub-topic').PubsubTopic,
});

const FINALIZED = 'google.cloud.storage.object.v1.finalized';
const PUBLISHED = 'google.cloud.pubsub.topic.v1.messagePublished';

/** Properties of {@link LaunchEvents}. */
export interface LaunchEventsProps {
  /** The environment's project. */
  readonly projectId: string;
  /** The environment's region: the request topic's triggers, and the default bucket location. */
  readonly region: string;
  /** Prefix of derived names. */
  readonly prefix: string;
  /** Labels of the topic and triggers. */
  readonly labels: { [key: string]: string };
  /** The identity the triggers deliver events as. */
  readonly launcher: TrainingServiceAccount;
  /** The workflow events start (`projects/P/locations/R/workflows/W`). */
  readonly workflowId: string;
  /** What a trigger must wait for besides the grants made here (the workflow). */
  readonly workflowDependables: ITerraformDependable[];
  /** The environment's APIs. */
  readonly apis: ProjectApis;
  /** The environment's service agents. */
  readonly serviceAgents: ServiceAgents;
  /** The environment's keys: the topic's and the Google channel's. */
  readonly encryption: EnvironmentEncryption;
  /** The wait before the launch path is created: the grants made here join it. */
  readonly grantsPropagated: PropagationWait;
  /** The wait before anything launches: the triggers join it (they deliver only once active). */
  readonly ready: PropagationWait;
}

/**
 * How events reach the launcher: Eventarc triggers on watched buckets (Cloud Storage "finalized"
 * events) and on the launcher's Pub/Sub topic of launch requests (schedules), with everything the
 * first trigger needs on a new project: the Eventarc service agent and its role; for Cloud Storage
 * events the Cloud Storage agent's right to publish, the launcher's right to receive events and
 * CMEK for Eventarc's Google channel; for the topic its CMEK and the Pub/Sub agent's right to sign
 * the pushes. Triggers are created only after those grants have propagated.
 */
export class LaunchEvents extends Construct {
  /** The project grants events need: the Eventarc agent's, and for Cloud Storage events the launcher's and the Cloud Storage agent's. */
  public readonly grants: ProjectIamMember[] = [];
  /** The Eventarc triggers, in the order they were declared. */
  public readonly triggers: EventarcTrigger[] = [];
  private readonly props: LaunchEventsProps;
  private readonly watched = new Map<string, EventarcTrigger>();
  private requests?: PubsubTopic;
  private storageEvents?: EventarcGoogleChannelConfig;

  constructor(scope: Construct, id: string, props: LaunchEventsProps) {
    super(scope, id);
    this.props = props;
    const agents = props.serviceAgents;
    // The Eventarc service agent exists and holds its role before the first trigger is created.
    const eventarcAgent = agents.requireEventarc();
    this.grant('eventarc-agent', 'roles/eventarc.serviceAgent', agents.eventarcMember, [eventarcAgent]);
  }

  /**
   * Eventarc's Google channel of the environment's region, which carries Cloud Storage events,
   * encrypted with the Eventarc key; created with the first watched bucket, with the grants
   * Cloud Storage events need.
   */
  public get googleChannel(): EventarcGoogleChannelConfig | undefined {
    return this.storageEvents;
  }

  private enableStorageEvents(): EventarcGoogleChannelConfig {
    if (this.storageEvents) return this.storageEvents;
    const props = this.props;
    const agents = props.serviceAgents;
    this.grant('event-receiver', 'roles/eventarc.eventReceiver', props.launcher.member);
    // Cloud Storage publishes bucket events to Pub/Sub as its service agent.
    this.grant('storage-agent-publisher', 'roles/pubsub.publisher', agents.storageMember);
    const key = props.encryption.launchKey(LaunchKeyPurpose.EVENTARC);
    props.grantsPropagated.waitFor(key.grantEncryptDecrypt('eventarc-agent', agents.eventarcMember, [agents.requireEventarc()]));
    this.storageEvents = new google.EventarcGoogleChannelConfig(this, 'google-channel', {
      project: props.projectId,
      location: props.region,
      name: `projects/${props.projectId}/locations/${props.region}/googleChannelConfig`,
      cryptoKeyName: key.keyName,
      dependsOn: [...props.apis.require('eventarc.googleapis.com'), props.grantsPropagated.sleep],
    });
    return this.storageEvents;
  }

  private grant(id: string, role: string, member: string, dependsOn?: ITerraformDependable[]): void {
    const grant = new ProjectIamMember(this, id, { project: this.props.projectId, role, member, dependsOn });
    this.grants.push(grant);
    this.props.grantsPropagated.waitFor(grant);
  }

  /**
   * The Pub/Sub topic that schedules publish launch requests to, with the Eventarc trigger that
   * starts the workflow for each message. Cloud Scheduler inside a VPC Service Controls perimeter may
   * only target Pub/Sub (not Google APIs), so schedules always go this way.
   */
  public requestTopic(): PubsubTopic {
    if (this.requests) return this.requests;
    const props = this.props;
    const agents = props.serviceAgents;
    const pubsubAgent = agents.requirePubsub();
    const key = props.encryption.launchKey(LaunchKeyPurpose.PUBSUB);
    const keyGrant = key.grantEncryptDecrypt('pubsub-agent', agents.pubsubMember, [pubsubAgent]);
    // Projects whose Pub/Sub agent dates from before April 2021 need it to mint the push tokens
    // of the trigger's identity; granted on the launcher account alone.
    const tokens = props.launcher.grantTokenCreator(agents.pubsubMember, 'pubsub-agent-tokens', [pubsubAgent]);
    props.grantsPropagated.waitFor(keyGrant, tokens);
    this.requests = new google.PubsubTopic(this, 'requests', {
      project: props.projectId,
      name: `${props.prefix}-launch-requests`,
      labels: props.labels,
      kmsKeyName: key.keyName,
      messageRetentionDuration: '86400s',
      dependsOn: [...props.apis.require('pubsub.googleapis.com'), props.grantsPropagated.sleep],
    });
    this.addTrigger('on-request', {
      name: `${props.prefix}-requests`,
      location: props.region,
      matchingCriteria: [{ attribute: 'type', value: PUBLISHED }],
      transport: { pubsub: { topic: this.requests.id } },
    });
    return this.requests;
  }

  /**
   * Starts the workflow for every object finalized in `bucketName` (one trigger per bucket).
   * @param bucketName the watched bucket
   * @param id construct ID suffix and name suffix of the trigger
   * @param location the bucket's location, where Eventarc must watch it @default - the environment's region
   */
  public watchBucket(bucketName: string, id: string, location?: string): EventarcTrigger {
    const existing = this.watched.get(bucketName);
    if (existing) return existing;
    const channel = this.enableStorageEvents();
    const trigger = this.addTrigger(`on-${id}`, {
      name: `${this.props.prefix}-${id}`,
      // Eventarc watches a bucket from the bucket's own location.
      location: location ?? this.props.region,
      matchingCriteria: [
        { attribute: 'type', value: FINALIZED },
        { attribute: 'bucket', value: bucketName },
      ],
    }, (location ?? this.props.region) === this.props.region ? [channel] : []);
    this.watched.set(bucketName, trigger);
    return trigger;
  }

  /** How many buckets are watched. */
  public get watchedBuckets(): number {
    return this.watched.size;
  }

  private addTrigger(id: string, options: { name: string; location: string; matchingCriteria: { attribute: string; value: string }[]; transport?: { pubsub: { topic: string } } }, extra: ITerraformDependable[] = []): EventarcTrigger {
    const props = this.props;
    const trigger = new google.EventarcTrigger(this, id, {
      project: props.projectId,
      ...options,
      destination: { workflow: props.workflowId },
      serviceAccount: props.launcher.email,
      labels: props.labels,
      dependsOn: [
        // Eventarc delivers Cloud Storage events through Pub/Sub, and both kinds start a workflow.
        ...props.apis.require('eventarc.googleapis.com'),
        ...props.apis.require('pubsub.googleapis.com'),
        ...props.workflowDependables,
        props.grantsPropagated.sleep,
        ...extra,
      ],
    });
    this.triggers.push(trigger);
    props.ready.waitFor(trigger);
    return trigger;
  }
}
