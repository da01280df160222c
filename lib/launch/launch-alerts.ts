import { ITerraformDependable } from 'cdktf';
import { Construct } from 'constructs';
import type { LoggingMetric } from '@cdktf/provider-google/lib/logging-metric';
import type { MonitoringAlertPolicy } from '@cdktf/provider-google/lib/monitoring-alert-policy';
import type { MonitoringNotificationChannel } from '@cdktf/provider-google/lib/monitoring-notification-channel';
import type { NotificationChannels } from '../environment/notification-channels';
import type { FAILURES_LOGGED } from './definition/main';
import { lazy } from '../core/lazy';

/** Provider classes of launch alerts, loaded with the first job: an environment alone has none. */
const google = lazy({
  LoggingMetric: (): typeof LoggingMetric => require('@cdktf/provider-google/lib/logging-metric').LoggingMetric,
  MonitoringAlertPolicy: (): typeof MonitoringAlertPolicy => require('@cdktf/provider-google/lib/monitoring-alert-policy').MonitoringAlertPolicy,
});

/** What the alerts match in the workflow's logs, loaded with the first job. */
const definition = lazy({
  FAILURES_LOGGED: (): typeof FAILURES_LOGGED => require('./definition/main').FAILURES_LOGGED,
});

/** Properties of {@link LaunchAlerts}. */
export interface LaunchAlertsProps {
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
  /** The environment's notification channels (its `alerts`), shared with its budget. */
  readonly channels: NotificationChannels;
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
  /** Channels created for `emails` and `pubsubTopics` (the environment's, see {@link NotificationChannels}). */
  public readonly channels: MonitoringNotificationChannel[];
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
    this.channels = props.channels.channels;
    this.notified = props.channels.notified;
    this.recipients = props.channels.recipients;

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
