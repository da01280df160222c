/**
 * Hand-written baseline of bench/library/scale.ts: the environment of bench/baseline/environment.ts
 * plus, for each of `jobs` jobs, what a CustomTrainingJob with a schedule declares (the request body
 * and manifest locals, the manifest object, the Cloud Scheduler job, two outputs), the launcher
 * (CMEK workflow and topic, Eventarc trigger, grants, propagation waits, alerts) and the plan-time
 * quota check, written directly with the provider classes. test/bench-scale.test.ts checks that both
 * synthesize the same configuration.
 *
 * Like the environment twin, it imports nothing from lib/ and only deep provider modules, and names
 * its resources as the library does (see bench/baseline/environment.ts); the workflow definition is
 * a hand-kept copy (./launcher-workflow).
 */
import { DataResource, Fn, TerraformLocal, TerraformOutput, TerraformResource, TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { CloudSchedulerJob } from '@cdktf/provider-google/lib/cloud-scheduler-job';
import { DataGoogleCloudQuotasQuotaInfo } from '@cdktf/provider-google/lib/data-google-cloud-quotas-quota-info';
import { EventarcTrigger } from '@cdktf/provider-google/lib/eventarc-trigger';
import { LoggingMetric } from '@cdktf/provider-google/lib/logging-metric';
import { MonitoringAlertPolicy } from '@cdktf/provider-google/lib/monitoring-alert-policy';
import { ProjectIamMember } from '@cdktf/provider-google/lib/project-iam-member';
import { PubsubTopic } from '@cdktf/provider-google/lib/pubsub-topic';
import { ServiceAccountIamMember } from '@cdktf/provider-google/lib/service-account-iam-member';
import { StorageBucketIamMember } from '@cdktf/provider-google/lib/storage-bucket-iam-member';
import { StorageBucketObject } from '@cdktf/provider-google/lib/storage-bucket-object';
import { WorkflowsWorkflow } from '@cdktf/provider-google/lib/workflows-workflow';
import { TimeProvider } from '@cdktf/provider-time/lib/provider';
import { Sleep } from '@cdktf/provider-time/lib/sleep';
import { declareEnvironment } from './environment';
import { LAUNCHER_WORKFLOW } from './launcher-workflow';
import { isGpuJob, scaleCron, scaleJobId } from '../scale-shape';

const IMAGE = 'us-central1-docker.pkg.dev/acme-ml-sandbox/ml-images/trainer:v1';
const L4_QUOTA_ID = 'CustomModelTrainingL4GPUsPerProjectPerRegion';

export class ScaleBaselineStack extends TerraformStack {
  constructor(scope: Construct, id: string, jobs: number) {
    super(scope, id);
    if (jobs < 1) throw new Error('the scale baseline declares at least one job (the launcher comes with the first)');
    const env = declareEnvironment(this, id);
    const { project, region, labels, at, api, agent, agentMember, key, keyGrant, stagingBucket, artifactsBucket, dataBucket, trainer, launcher } = env;
    const launch = at('ml/launch');

    // Plan-time quota check: a terraform_data whose preconditions compare live quota with demand.
    const gpuJobs = Array.from({ length: jobs }, (_, index) => index).filter(isGpuJob).map(scaleJobId);
    const gate = new DataResource(at('ml/quotas'), 'gate', { input: { purpose: 'Vertex AI quota check: see the preconditions' } });
    if (gpuJobs.length > 0) {
      const info = new DataGoogleCloudQuotasQuotaInfo(at('ml/quotas'), `info-${L4_QUOTA_ID}`, {
        parent: `projects/${project}`,
        service: 'aiplatform.googleapis.com',
        quotaId: L4_QUOTA_ID,
        dependsOn: [api('cloudquotas')],
      });
      const infos = `data.${DataGoogleCloudQuotasQuotaInfo.tfResourceType}.${info.friendlyUniqueId}.dimensions_infos`;
      const live = new TerraformLocal(at('ml/quotas'), 'live-us-central1-custom-model-training-nvidia-l4-gpus',
        `\${tonumber(coalesce(one([for d in ${infos} : try(d.details[0].value, null) if try(d.dimensions["region"], "") == "${region}"]), one([for d in ${infos} : try(d.details[0].value, null) if try(d.dimensions["region"], "") == ""]), 0))}`);
      const liveL4 = `local.${live.friendlyUniqueId}`;
      gate.lifecycle = {
        precondition: [{
          condition: `\${${liveL4} == -1 || ${liveL4} >= ${gpuJobs.length}}`,
          errorMessage: `Vertex AI quota custom_model_training_nvidia_l4_gpus (${L4_QUOTA_ID}) in ${region} is below this stack's peak demand of ${gpuJobs.length} GPUs (${gpuJobs.map((job) => `${job}=1`).join(', ')}). Request more quota or lower the demand.`,
        }],
      };
    }

    // Propagation waits (hashicorp/time): IAM grants and Eventarc triggers take effect only a while
    // after they exist. Each sleep's triggers hold the ID of what it waits for, keyed by address, so
    // that adding or replacing one of them waits again.
    const time = new TimeProvider(this, 'time', {});
    const propagationWait = (waitId: string, waitedFor: TerraformResource[]) => new Sleep(at(`ml/launch/${waitId}`), 'sleep', {
      provider: time,
      createDuration: '120s',
      triggers: Object.fromEntries(waitedFor.map((r) => [`${r.terraformResourceType}.${r.friendlyUniqueId}`, r.getStringAttribute('id')])),
      dependsOn: waitedFor,
    });

    // Grants of the launch path: the launcher's, and the service agents' (CMEK of the workflow and
    // topic, Eventarc, Pub/Sub push tokens). Together with the environment's run grants, they
    // propagate before the workflow, topic and trigger exist.
    const storageApi = api('storage');
    const resourceManagerApi = api('cloudresourcemanager');
    const workflowsApi = api('workflows');
    const workflowExecutionsApi = api('workflowexecutions');
    const eventarcApi = api('eventarc');
    const pubsubApi = api('pubsub');
    const workflowsKey = key('workflows');
    const workflowsKeyGrant = keyGrant('workflows', workflowsKey, 'workflows-agent', agentMember('gcp-sa-workflows'), agent('workflows', 'workflows.googleapis.com'));
    const launcherGrant = (grantId: string, role: string) => new ProjectIamMember(launch, grantId, { project, role, member: launcher.member, dependsOn: [resourceManagerApi] });
    const invoker = launcherGrant('workflows-invoker', 'roles/workflows.invoker');
    const logWriter = launcherGrant('log-writer', 'roles/logging.logWriter');
    const stagingGrants = [
      new StorageBucketIamMember(at('ml/staging-bucket'), 'launcher', {
        bucket: stagingBucket.name, role: 'roles/storage.objectViewer', member: launcher.member, dependsOn: [storageApi],
      }),
      // Launch records (one object per launch key) make a launch happen once; nothing else is writable.
      new StorageBucketIamMember(at('ml/staging-bucket'), 'launcher-records', {
        bucket: stagingBucket.name,
        role: 'roles/storage.objectUser',
        member: launcher.member,
        condition: {
          title: 'Launch records only',
          expression: `resource.name.startsWith("projects/_/buckets/${stagingBucket.name}/objects/launches/")`,
        },
        dependsOn: [storageApi],
      }),
    ];
    const eventarcAgent = agent('eventarc', 'eventarc.googleapis.com');
    const eventarcAgentRole = new ProjectIamMember(at('ml/launch/events'), 'eventarc-agent', {
      project,
      role: 'roles/eventarc.serviceAgent',
      member: agentMember('gcp-sa-eventarc'),
      dependsOn: [eventarcAgent, resourceManagerApi],
    });
    const pubsubAgent = agent('pubsub', 'pubsub.googleapis.com');
    const pubsubKey = key('pubsub');
    const pubsubKeyGrant = keyGrant('pubsub', pubsubKey, 'pubsub-agent', agentMember('gcp-sa-pubsub'), pubsubAgent);
    // Projects whose Pub/Sub agent dates from before April 2021 need it to mint the trigger's push tokens.
    const pushTokens = new ServiceAccountIamMember(at('ml/launcher'), 'pubsub-agent-tokens', {
      serviceAccountId: launcher.name,
      role: 'roles/iam.serviceAccountTokenCreator',
      member: agentMember('gcp-sa-pubsub'),
      dependsOn: [pubsubAgent, api('iam')],
    });
    const grantsPropagated = propagationWait('grants-propagated', [
      workflowsKeyGrant, invoker, logWriter, ...stagingGrants, eventarcAgentRole, pubsubKeyGrant, pushTokens, ...env.runGrants,
    ]);

    // The launcher: a CMEK workflow that creates jobs from manifests.
    const workflow = new WorkflowsWorkflow(launch, 'workflow', {
      project,
      region,
      name: 'ml-launcher',
      description: 'Creates Vertex AI training jobs from manifests (managed by cdktf-vertex-training)',
      serviceAccount: launcher.email,
      // Workflows expressions use ${...}: escaped for Terraform (`$${`; a function, since `$$` in a
      // replacement string is one `$`).
      sourceContents: JSON.stringify(LAUNCHER_WORKFLOW).replace(/\$\{/g, () => '$${').replace(/%\{/g, () => '%%{'),
      userEnvVars: { STAGING_BUCKET: stagingBucket.name, VERTEX_REGION: region },
      cryptoKeyName: workflowsKey.id,
      callLogLevel: 'LOG_ERRORS_ONLY',
      deletionProtection: false,
      labels,
      dependsOn: [workflowsApi, workflowExecutionsApi, grantsPropagated],
    });

    // Alerts: a log-based metric per failure the launcher logs, and an alert policy on each that
    // notifies the team's existing on-call channel.
    const alertApis = [api('logging'), api('monitoring')];
    const workflowLogs = `resource.type="workflows.googleapis.com/Workflow" AND resource.labels.workflow_id="${workflow.name}"`;
    const alert = (alertId: string, title: string, signal: string, filter: string, runbook: string) => {
      const metric = new LoggingMetric(at('ml/launch/alerts'), `${alertId}-metric`, {
        project,
        name: `ml-${alertId}`,
        description: `Counts ${signal} (managed by cdktf-vertex-training)`,
        filter,
        metricDescriptor: {
          metricKind: 'DELTA', valueType: 'INT64', unit: '1',
          labels: [{ key: 'job', valueType: 'STRING', description: 'The training job' }],
        },
        labelExtractors: { job: 'EXTRACT(jsonPayload.job)' },
        dependsOn: alertApis,
      });
      new MonitoringAlertPolicy(at('ml/launch/alerts'), `${alertId}-policy`, {
        project,
        displayName: `${title} (ml)`,
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
        documentation: { mimeType: 'text/markdown', content: runbook },
        notificationChannels: ['projects/acme-ml-sandbox/notificationChannels/4242424242'],
        userLabels: labels,
        dependsOn: alertApis,
      });
    };
    alert('launch-failures', 'Failed training launches', 'a launch request that did not become a Vertex AI job',
      `${workflowLogs} AND (jsonPayload.event="launch_failed" OR (logName="projects/${project}/logs/workflows.googleapis.com%2Fexecutions_system" AND jsonPayload.state="FAILED" AND NOT jsonPayload.failure.exception:"logged as launch_failed"))`,
      `A training launch failed: a schedule, a deploy or new data did not become a Vertex AI job.

1. Find the failed execution: \`gcloud workflows executions list ${workflow.name} --project=${project} --filter=state=FAILED\`, then \`gcloud workflows executions describe\` it for the error.
2. The launcher logs each failure as \`jsonPayload.event="launch_failed"\` with the job, the launch key and the error.
3. Fix the cause, then launch the job by hand: the stack's \`<prefix>_<job>_launch_command\` output.`);
    alert('run-failures', 'Failed training runs', 'a Vertex AI job started by the launcher that ended FAILED, CANCELLED, EXPIRED or PARTIALLY_SUCCEEDED',
      `${workflowLogs} AND jsonPayload.event="run_failed"`,
      `A training run ended FAILED, CANCELLED, EXPIRED or PARTIALLY_SUCCEEDED.

1. The launcher logs each as \`jsonPayload.event="run_failed"\` with the job, the Vertex AI resource name, its state and its error.
2. Open the run in the Vertex AI console (the stack's \`<prefix>_<job>_console_url\` output) and read its logs.
3. Relaunch with the job's \`launch_command\` output once the cause is fixed.`);

    // Launch requests: schedules publish to a CMEK topic, whose Eventarc trigger starts the workflow.
    const topic = new PubsubTopic(at('ml/launch/events'), 'requests', {
      project,
      name: 'ml-launch-requests',
      labels,
      kmsKeyName: pubsubKey.id,
      messageRetentionDuration: '86400s',
      dependsOn: [pubsubApi, grantsPropagated],
    });
    const onRequest = new EventarcTrigger(at('ml/launch/events'), 'on-request', {
      project,
      name: 'ml-requests',
      location: region,
      matchingCriteria: [{ attribute: 'type', value: 'google.cloud.pubsub.topic.v1.messagePublished' }],
      transport: { pubsub: { topic: topic.id } },
      destination: { workflow: workflow.id },
      serviceAccount: launcher.email,
      labels,
      dependsOn: [eventarcApi, pubsubApi, workflow, grantsPropagated, workflowsApi],
    });
    // A new trigger delivers only once active: nothing launches before.
    const ready = propagationWait('ready', [onRequest]);
    const launchReady = [workflow, grantsPropagated, ready, gate];
    const schedulerApi = api('cloudscheduler');

    // The jobs.
    for (let index = 0; index < jobs; index++) {
      const jobId = scaleJobId(index);
      const job = new Construct(this, jobId);
      const name = `ml_${jobId.replace(/-/g, '_')}`;
      const outputUriPrefix = `gs://${artifactsBucket.name}/jobs/${jobId}/runs/`;
      const machineSpec = isGpuJob(index)
        ? { machineType: 'g2-standard-4', acceleratorType: 'NVIDIA_L4', acceleratorCount: 1 }
        : { machineType: 'n2-standard-8' };
      const request = new TerraformLocal(this, `vertex_${name}`, {
        displayName: jobId,
        jobSpec: {
          workerPoolSpecs: [{
            machineSpec,
            replicaCount: '1',
            diskSpec: { bootDiskType: 'pd-ssd', bootDiskSizeGb: 100 },
            containerSpec: { imageUri: IMAGE, args: [`--shard=${index}`, `--data=gs://${dataBucket.name}/shards/${index}`] },
          }],
          scheduling: { strategy: 'STANDARD' },
          serviceAccount: trainer.email,
          baseOutputDirectory: { outputUriPrefix },
          tensorboard: env.tensorboard.id,
        },
        labels: { ...labels, 'vertex-training-job': jobId },
        encryptionSpec: { kmsKeyName: env.vertexKey.id },
      });
      const content = new TerraformLocal(this, `vertex_${name}_manifest`, {
        kind: 'CustomJob',
        collection: 'customJobs',
        launchOnChange: false,
        outputPrefix: outputUriPrefix,
        body: request.expression,
      });
      // Named by its content's hash; the new manifest exists before the old one goes, so that the
      // launcher (which reads a job's newest manifest) always finds one.
      const manifest = new StorageBucketObject(job, 'manifest', {
        bucket: stagingBucket.name,
        name: `jobs/${jobId}/${Fn.sha256(Fn.jsonencode(content.expression))}.json`,
        content: Fn.jsonencode(content.expression),
        contentType: 'application/json',
        lifecycle: { createBeforeDestroy: true },
        dependsOn: [...launchReady, storageApi],
      });
      // The schedule publishes the job and its cron, expanded for the launcher's slot search.
      const cron = scaleCron(index);
      new CloudSchedulerJob(job, 'schedule-0', {
        project,
        region,
        name: `ml-${jobId}-0`,
        description: `Launches the Vertex AI job ${jobId} (managed by cdktf-vertex-training)`,
        schedule: cron,
        timeZone: 'Etc/UTC',
        // Written when false too: the provider keeps a schedule paused when the argument is absent.
        paused: false,
        pubsubTarget: {
          topicName: topic.id,
          data: Buffer.from(JSON.stringify({ job: jobId, cron, timeZone: 'Etc/UTC', slot: dailySlot(cron) })).toString('base64'),
          attributes: { job: jobId },
        },
        dependsOn: [schedulerApi, ...launchReady, manifest, pubsubApi],
      });
      new TerraformOutput(this, `${name}_console_url`, {
        description: `Runs of ${jobId} in the Vertex AI console`,
        value: `https://console.cloud.google.com/vertex-ai/training/custom-jobs?project=${project}`,
      });
      new TerraformOutput(this, `${name}_launch_command`, {
        description: `Launches ${jobId} now, through the launcher workflow`,
        value: `gcloud workflows run ${workflow.name} --project=${project} --location=${region} --data='{"job":"${jobId}"}'`,
      });
    }

    new TerraformOutput(this, 'artifacts_bucket', { value: `gs://${artifactsBucket.name}` });
  }
}

/**
 * The slot table of a daily cron `M H * * *`, as the launcher's slot search reads it: for each
 * minute of an hour the latest matching minute at or before it (-1 before M), the matching hours,
 * days of the month, months and weekdays, and whether both day fields must match ("all").
 */
function dailySlot(cron: string) {
  const [minute, hour, ...rest] = cron.split(' ');
  if (rest.join(' ') !== '* * *') throw new Error(`not a daily cron: ${cron}`);
  const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);
  return {
    minuteAtOrBefore: range(0, 59).map((m) => (m >= Number(minute) ? Number(minute) : -1)),
    hours: [Number(hour)],
    daysOfMonth: range(1, 31),
    months: range(1, 12),
    daysOfWeek: range(0, 6),
    days: 'all',
  };
}
