import { ITerraformDependable } from 'cdktf';
import { Construct } from 'constructs';
import type { LoggingMetric } from '@cdktf/provider-google/lib/logging-metric';
import type { MonitoringAlertPolicy } from '@cdktf/provider-google/lib/monitoring-alert-policy';
import type { MonitoringNotificationChannel } from '@cdktf/provider-google/lib/monitoring-notification-channel';
import type { PubsubTopicIamMember } from '@cdktf/provider-google/lib/pubsub-topic-iam-member';
import { problemsOf, throwProblems } from '../core/validation';
import type { FAILURES_LOGGED } from './definition/main';
import { lazy } from '../core/lazy';

/** Provider classes of launch alerts, loaded with the first job: an environment alone has none. */
const google = lazy({
  LoggingMetric: (): typeof LoggingMetric => require('@cdktf/provider-google/lib/logging-metric').LoggingMetric,
  MonitoringAlertPolicy: (): typeof MonitoringAlertPolicy => require('@cdktf/provider-google/lib/monitoring-alert-policy').MonitoringAlertPolicy,
  MonitoringNotificationChannel: (): typeof MonitoringNotificationChannel => require('@cdktf/provider-google/lib/monitoring-notification-channel').MonitoringNotificationChannel,
  PubsubTopicIamMember: (): typeof PubsubTopicIamMember => require('@cdktf/provider-google/lib/pubsub-topic-iam-member').PubsubTopicIamMember,
});

/** What the alerts match in the workflow's logs, loaded with the first job. */
const definition = lazy({
  FAILURES_LOGGED: (): typeof FAILURES_LOGGED => require('./definition/main').FAILURES_LOGGED,
});

/** Who is told when a launch or a run fails. */
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

/** Properties of {@link LaunchAlerts}. */
export interface LaunchAlertsProps extends AlertOptions {
  /** The environment's project. */
  readonly projectId: string;
  /** Prefix of derived names. */
  readonly prefix: string;
  /** The launcher workflow's name (its log entries carry it as `workflow_id`). */
  readonly workflowName: string;
  /** Labels of the alert policies. */
  readonly labels: { [key: string]: string };
  /** What the metrics and policies depend on (the Logging and Monitoring APIs). */
  readonly dependsOn: ITerraformDependable[];
  /** IAM member of the Cloud Monitoring notification service agent (publishes to Pub/Sub channels). */
  readonly notificationAgentMember: string;
}

/** One alert the environment raises, for reports. */
export interface LaunchAlert {
  /** The alert policy's display name. */
  readonly name: string;
  /** What it counts. */
  readonly signal: string;
  /** The log-based metric it watches. */
  readonly metric: string;
}

const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;
const TOPIC = /^projects\/[a-z][a-z0-9:.-]*[a-z0-9]\/topics\/[A-Za-z][A-Za-z0-9._~%+-]{2,254}$/;
const CHANNEL = /^projects\/[a-z][a-z0-9:.-]*[a-z0-9]\/notificationChannels\/[0-9]+$/;

/**
 * The launcher's alerts: two log-based metrics, each counting one structured log event of the
 * launcher per job, and an alert policy on each that opens an incident (and notifies the channels)
 * as soon as one is seen.
 *
 * - **Failed launches**: the launcher logged `{"event": "launch_failed"}` (a request it could not
 *   read, a missing manifest, a Vertex AI error that retries did not cure), or an execution of the
 *   launcher ended FAILED without having logged why (what the launcher could not log itself, such
 *   as a Workflows limit).
 * - **Failed runs**: a job the launcher started ended FAILED, CANCELLED, EXPIRED or
 *   PARTIALLY_SUCCEEDED (`{"event": "run_failed"}`; the launcher watches its jobs, since Vertex AI
 *   logs no end state of its own).
 */
export class LaunchAlerts extends Construct {
  /** Channels created for `emails` and `pubsubTopics`. */
  public readonly channels: MonitoringNotificationChannel[] = [];
  /** The log-based metrics. */
  public readonly metrics: LoggingMetric[] = [];
  /** The alert policies. */
  public readonly policies: MonitoringAlertPolicy[] = [];
  /** Every channel the policies notify (created and existing). */
  public readonly notified: string[];
  /** Who is notified, in words: `email ADDRESS`, `Pub/Sub topic TOPIC`, `channel NAME`. */
  public readonly recipients: string[];
  /** The alerts, for reports. */
  public readonly alerts: LaunchAlert[] = [];

  constructor(scope: Construct, id: string, props: LaunchAlertsProps) {
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
      new google.PubsubTopicIamMember(this, `pubsub-${i}-publisher`, {
        project: topic.split('/')[1], topic, role: 'roles/pubsub.publisher', member: props.notificationAgentMember, dependsOn: [channel],
      });
    });
    this.notified = [...this.channels.map((c) => c.name), ...(props.notificationChannels ?? [])];
    this.recipients = [
      ...(props.emails ?? []).map((email) => `email ${email}`),
      ...(props.pubsubTopics ?? []).map((topic) => `Pub/Sub topic ${topic}`),
      ...(props.notificationChannels ?? []).map((channel) => `channel ${channel}`),
    ];

    const workflow = `resource.type="workflows.googleapis.com/Workflow" AND resource.labels.workflow_id="${props.workflowName}"`;
    this.alert(props, 'launch-failures', 'Failed training launches',
      'a launch request that did not become a Vertex AI job',
      `${workflow} AND (jsonPayload.event="launch_failed" OR (logName="projects/${project}/logs/workflows.googleapis.com%2Fexecutions_system" AND jsonPayload.state="FAILED" AND NOT jsonPayload.failure.exception:"${definition.FAILURES_LOGGED}"))`,
      LAUNCH_RUNBOOK);
    this.alert(props, 'run-failures', 'Failed training runs',
      'a Vertex AI job started by the launcher that ended FAILED, CANCELLED, EXPIRED or PARTIALLY_SUCCEEDED',
      `${workflow} AND jsonPayload.event="run_failed"`,
      RUN_RUNBOOK);
  }

  private alert(props: LaunchAlertsProps, id: string, title: string, signal: string, filter: string, runbook: string): void {
    const metric = new google.LoggingMetric(this, `${id}-metric`, {
      project: props.projectId,
      name: `${props.prefix}-${id}`,
      description: `Counts ${signal} (managed by cdktf-vertex-training)`,
      filter,
      metricDescriptor: {
        metricKind: 'DELTA', valueType: 'INT64', unit: '1',
        labels: [{ key: 'job', valueType: 'STRING', description: 'The training job' }],
      },
      labelExtractors: { job: 'EXTRACT(jsonPayload.job)' },
      dependsOn: props.dependsOn,
    });
    this.metrics.push(metric);
    const name = `${title} (${props.prefix})`;
    this.policies.push(new google.MonitoringAlertPolicy(this, `${id}-policy`, {
      project: props.projectId,
      displayName: name,
      combiner: 'OR',
      severity: 'ERROR',
      conditions: [{
        displayName: `${title}: one or more`,
        conditionThreshold: {
          filter: `metric.type="logging.googleapis.com/user/${metric.name}" AND resource.type="workflows.googleapis.com/Workflow"`,
          aggregations: [{ alignmentPeriod: '300s', perSeriesAligner: 'ALIGN_SUM', crossSeriesReducer: 'REDUCE_SUM', groupByFields: ['metric.label.job'] }],
          comparison: 'COMPARISON_GT',
          thresholdValue: 0,
          duration: '0s',
          trigger: { count: 1 },
        },
      }],
      alertStrategy: { autoClose: '86400s' },
      documentation: { mimeType: 'text/markdown', content: runbook.replace(/WORKFLOW/g, props.workflowName).replace(/PROJECT/g, props.projectId) },
      notificationChannels: this.notified,
      userLabels: props.labels,
      dependsOn: props.dependsOn,
    }));
    this.alerts.push({ name, signal, metric: metric.name });
  }
}

const LAUNCH_RUNBOOK = `A training launch failed: a schedule, a deploy or new data did not become a Vertex AI job.

1. Find the failed execution: \`gcloud workflows executions list WORKFLOW --project=PROJECT --filter=state=FAILED\`, then \`gcloud workflows executions describe\` it for the error.
2. The launcher logs each failure as \`jsonPayload.event="launch_failed"\` with the job, the launch key and the error.
3. Fix the cause, then launch the job by hand: the stack's \`<prefix>_<job>_launch_command\` output.`;

const RUN_RUNBOOK = `A training run ended FAILED, CANCELLED, EXPIRED or PARTIALLY_SUCCEEDED.

1. The launcher logs each as \`jsonPayload.event="run_failed"\` with the job, the Vertex AI resource name, its state and its error.
2. Open the run in the Vertex AI console (the stack's \`<prefix>_<job>_console_url\` output) and read its logs.
3. Relaunch with the job's \`launch_command\` output once the cause is fixed.`;
