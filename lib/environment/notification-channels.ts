import { ITerraformDependable, TerraformResource, TerraformStack } from 'cdktf';
import { Construct, Node } from 'constructs';
import type { MonitoringNotificationChannel } from '@cdktf/provider-google/lib/monitoring-notification-channel';
import type { PubsubTopicIamMember } from '@cdktf/provider-google/lib/pubsub-topic-iam-member';
import { lazy } from '../core/lazy';
import { problemsOf, throwProblems } from '../core/validation';

/** Provider classes of the channels, loaded when an environment first notifies someone. */
const google = lazy({
  MonitoringNotificationChannel: (): typeof MonitoringNotificationChannel => require('@cdktf/provider-google/lib/monitoring-notification-channel').MonitoringNotificationChannel,
  PubsubTopicIamMember: (): typeof PubsubTopicIamMember => require('@cdktf/provider-google/lib/pubsub-topic-iam-member').PubsubTopicIamMember,
});

/** Who is told when a launch or a run fails, or when the environment's budget is crossed. */
export interface AlertOptions {
  /**
   * Email addresses to notify (one Cloud Monitoring email channel each).
   * @default - none
   */
  readonly emails?: string[];
  /**
   * Pub/Sub topics to notify, `projects/PROJECT/topics/TOPIC` (e.g. the one your paging or chat
   * integration reads); the Cloud Monitoring notification agent is granted publishing on each.
   * @default - none
   */
  readonly pubsubTopics?: string[];
  /**
   * Existing Cloud Monitoring notification channels, `projects/PROJECT/notificationChannels/ID`
   * (PagerDuty, Slack, SMS, ... set up in the console).
   * @default - none
   */
  readonly notificationChannels?: string[];
}

/** Properties of {@link NotificationChannels}. */
export interface NotificationChannelsProps extends AlertOptions {
  /** The environment's project (where the channels are created). */
  readonly projectId: string;
  /** Prefix of derived names. */
  readonly prefix: string;
  /** What the channels depend on (the Monitoring API). */
  readonly dependsOn: ITerraformDependable[];
  /** IAM member of the Cloud Monitoring notification service agent (publishes to Pub/Sub channels). */
  readonly notificationAgentMember: string;
}

const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;
const TOPIC = /^projects\/[a-z][a-z0-9:.-]*[a-z0-9]\/topics\/[A-Za-z][A-Za-z0-9._~%+-]{2,254}$/;
const CHANNEL = /^projects\/[a-z][a-z0-9:.-]*[a-z0-9]\/notificationChannels\/[0-9]+$/;

/**
 * The Cloud Monitoring notification channels of an environment's `alerts`, created once and shared
 * by everything that notifies: the launcher's alert policies (with the first job) and the budget.
 * An email channel per address, a Pub/Sub channel per topic (with the notification agent's right to
 * publish on it), and the existing channels named as they are.
 */
export class NotificationChannels extends Construct {
  /** Channels created for `emails` and `pubsubTopics`. */
  public readonly channels: MonitoringNotificationChannel[] = [];
  /** The notification agent's publisher grants on the Pub/Sub topics. */
  public readonly publisherGrants: PubsubTopicIamMember[] = [];
  /** Every channel's resource name (created and existing), in the order of `recipients`. */
  public readonly notified: string[];
  /** Who is notified, in words: `email ADDRESS`, `Pub/Sub topic TOPIC`, `channel NAME`. */
  public readonly recipients: string[];

  constructor(scope: Construct, id: string, props: NotificationChannelsProps) {
    super(scope, id);
    const project = props.projectId;
    throwProblems(this, [
      ...(props.emails ?? []).flatMap((email, i) => problemsOf(`alerts.emails[${i}]`, email, (v) => EMAIL.test(v) ? undefined : 'must be an email address')),
      ...(props.pubsubTopics ?? []).flatMap((topic, i) => problemsOf(`alerts.pubsubTopics[${i}]`, topic, (v) => TOPIC.test(v) ? undefined : 'must be a topic name of the form projects/PROJECT/topics/TOPIC')),
      ...(props.notificationChannels ?? []).flatMap((channel, i) => problemsOf(`alerts.notificationChannels[${i}]`, channel, (v) => CHANNEL.test(v) ? undefined : 'must be a channel name of the form projects/PROJECT/notificationChannels/NUMBER')),
    ]);

    (props.emails ?? []).forEach((email, i) => this.channels.push(new google.MonitoringNotificationChannel(this, `email-${i}`, {
      project, type: 'email', displayName: `${props.prefix} training alerts: ${email}`, labels: { email_address: email }, dependsOn: props.dependsOn,
    })));
    (props.pubsubTopics ?? []).forEach((topic, i) => {
      const channel = new google.MonitoringNotificationChannel(this, `pubsub-${i}`, {
        project, type: 'pubsub', displayName: `${props.prefix} training alerts: ${topic}`, labels: { topic }, dependsOn: props.dependsOn,
      });
      this.channels.push(channel);
      // Cloud Monitoring creates its notification agent with the first Pub/Sub channel.
      this.publisherGrants.push(new google.PubsubTopicIamMember(this, `pubsub-${i}-publisher`, {
        project: topic.split('/')[1], topic, role: 'roles/pubsub.publisher', member: props.notificationAgentMember, dependsOn: [channel],
      }));
    });
    for (const resource of [...this.channels, ...this.publisherGrants]) this.movedFromLauncherAlerts(resource);
    this.notified = [...this.channels.map((c) => c.name), ...(props.notificationChannels ?? [])];
    this.recipients = [
      ...(props.emails ?? []).map((email) => `email ${email}`),
      ...(props.pubsubTopics ?? []).map((topic) => `Pub/Sub topic ${topic}`),
      ...(props.notificationChannels ?? []).map((channel) => `channel ${channel}`),
    ];
  }

  /**
   * The channels were the launcher's until the budget shared them (`<environment>/launch/alerts/<id>`):
   * a `moved` block from that address keeps a deployed channel, and the Pub/Sub publisher grant,
   * instead of destroying one and creating the other in the same apply (two resources for one
   * additive binding: a destroy that ran last would remove the binding the new one declares).
   * Terraform ignores a move whose source is not in the state.
   */
  private movedFromLauncherAlerts(resource: TerraformResource): void {
    const stack = TerraformStack.of(this);
    const environment = this.node.scope!;
    const scope = (id: string) => ({ node: { id } });
    // The logical ID the stack allocated at the old path, by its own naming scheme.
    const oldPath = { scopes: [...environment.node.scopes, scope('launch'), scope('alerts'), scope(resource.node.id)] } as unknown as Node;
    resource.moveFromId(`${resource.terraformResourceType}.${stack.getLogicalId(oldPath)}`);
  }
}
