/**
 * Hand-written baseline of bench/library/scale.ts: the environment of bench/baseline/environment.ts
 * plus, for each of `jobs` jobs, what a CustomTrainingJob with a schedule declares (the request body
 * and manifest locals, the manifest object, the Cloud Scheduler job, two outputs), the launcher
 * (workflow, Pub/Sub topic, Eventarc trigger, grants, event wait) and the plan-time quota check,
 * written directly with the provider classes. test/bench-scale.test.ts checks that both synthesize
 * the same configuration.
 *
 * Like the environment twin, it imports nothing from lib/ and only deep provider modules; the
 * workflow definition is a hand-kept copy (./launcher-workflow).
 */
import { DataResource, Fn, TerraformLocal, TerraformOutput, TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { CloudSchedulerJob } from '@cdktf/provider-google/lib/cloud-scheduler-job';
import { DataGoogleCloudQuotasQuotaInfo } from '@cdktf/provider-google/lib/data-google-cloud-quotas-quota-info';
import { EventarcTrigger } from '@cdktf/provider-google/lib/eventarc-trigger';
import { ProjectIamMember } from '@cdktf/provider-google/lib/project-iam-member';
import { PubsubTopic } from '@cdktf/provider-google/lib/pubsub-topic';
import { StorageBucketIamMember } from '@cdktf/provider-google/lib/storage-bucket-iam-member';
import { StorageBucketObject } from '@cdktf/provider-google/lib/storage-bucket-object';
import { WorkflowsWorkflow } from '@cdktf/provider-google/lib/workflows-workflow';
import { GoogleProjectServiceIdentity } from '@cdktf/provider-google-beta/lib/google-project-service-identity';
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
    const { project, region, labels, api, stagingBucket, artifactsBucket, dataBucket, trainer, launcher } = env;

    // Plan-time quota check: a terraform_data whose preconditions compare live quota with demand.
    const gpuJobs = Array.from({ length: jobs }, (_, index) => index).filter(isGpuJob).map(scaleJobId);
    const gate = new DataResource(this, 'quota-gate', { input: { purpose: 'Vertex AI quota check: see the preconditions' } });
    if (gpuJobs.length > 0) {
      const info = new DataGoogleCloudQuotasQuotaInfo(this, 'quota-info-l4', {
        parent: `projects/${project}`,
        service: 'aiplatform.googleapis.com',
        quotaId: L4_QUOTA_ID,
        dependsOn: [api('cloudquotas')],
      });
      const infos = `data.${DataGoogleCloudQuotasQuotaInfo.tfResourceType}.${info.friendlyUniqueId}.dimensions_infos`;
      new TerraformLocal(this, 'quota_live_l4',
        `\${tonumber(coalesce(one([for d in ${infos} : try(d.details[0].value, null) if try(d.dimensions["region"], "") == "${region}"]), one([for d in ${infos} : try(d.details[0].value, null) if try(d.dimensions["region"], "") == ""]), 0))}`);
      gate.lifecycle = {
        precondition: [{
          condition: `\${local.quota_live_l4 == -1 || local.quota_live_l4 >= ${gpuJobs.length}}`,
          errorMessage: `Vertex AI quota custom_model_training_nvidia_l4_gpus (${L4_QUOTA_ID}) in ${region} is below this stack's peak demand of ${gpuJobs.length} GPUs (${gpuJobs.map((job) => `${job}=1`).join(', ')}). Request more quota or lower the demand.`,
        }],
      };
    }

    // The launcher: a workflow that creates jobs from manifests, started by launch requests on a topic.
    new StorageBucketIamMember(this, 'staging-bucket-launcher', { bucket: stagingBucket.name, role: 'roles/storage.objectViewer', member: launcher.member });
    const invoker = new ProjectIamMember(this, 'launcher-workflows-invoker', { project, role: 'roles/workflows.invoker', member: launcher.member });
    const logWriter = new ProjectIamMember(this, 'launcher-log-writer', { project, role: 'roles/logging.logWriter', member: launcher.member });
    const workflow = new WorkflowsWorkflow(this, 'launcher-workflow', {
      project,
      region,
      name: 'ml-launcher',
      description: 'Creates Vertex AI training jobs from manifests (managed by cdktf-vertex-training)',
      serviceAccount: launcher.email,
      // Workflows expressions use ${...}: escaped for Terraform (`$${`; a function, since `$$` in a
      // replacement string is one `$`).
      sourceContents: JSON.stringify(LAUNCHER_WORKFLOW, null, 2).replace(/\$\{/g, () => '$${').replace(/%\{/g, () => '%%{'),
      userEnvVars: { STAGING_BUCKET: stagingBucket.name, VERTEX_REGION: region },
      callLogLevel: 'LOG_ERRORS_ONLY',
      deletionProtection: false,
      labels,
      dependsOn: [api('workflows'), api('workflowexecutions')],
    });
    const pubsubApi = api('pubsub');
    const eventarcApi = api('eventarc');
    const eventReceiver = new ProjectIamMember(this, 'launcher-event-receiver', { project, role: 'roles/eventarc.eventReceiver', member: launcher.member });
    const storagePublisher = new ProjectIamMember(this, 'storage-agent-publisher', { project, role: 'roles/pubsub.publisher', member: env.storageAgent.member });
    const eventarcAgent = new GoogleProjectServiceIdentity(this, 'eventarc-agent', {
      provider: env.beta,
      project,
      service: 'eventarc.googleapis.com',
      dependsOn: [eventarcApi],
    });
    const eventarcAgentRole = new ProjectIamMember(this, 'eventarc-agent-role', {
      project,
      role: 'roles/eventarc.serviceAgent',
      member: `serviceAccount:service-${env.projectData.number}@gcp-sa-eventarc.iam.gserviceaccount.com`,
      dependsOn: [eventarcAgent],
    });
    const grants = [invoker, logWriter, eventReceiver, storagePublisher, eventarcAgentRole];
    const topic = new PubsubTopic(this, 'launch-requests', {
      project,
      name: 'ml-launch-requests',
      labels,
      messageRetentionDuration: '86400s',
      dependsOn: [pubsubApi],
    });
    const onRequest = new EventarcTrigger(this, 'on-launch-request', {
      project,
      location: region,
      name: 'ml-requests',
      matchingCriteria: [{ attribute: 'type', value: 'google.cloud.pubsub.topic.v1.messagePublished' }],
      transport: { pubsub: { topic: topic.id } },
      destination: { workflow: workflow.id },
      serviceAccount: launcher.email,
      labels,
      dependsOn: [eventarcApi, ...grants],
    });
    // New triggers and grants take a while to deliver events.
    const eventsReady = new Sleep(this, 'events-ready', {
      provider: new TimeProvider(this, 'time', {}),
      createDuration: '120s',
      dependsOn: [...grants, onRequest],
    });
    const launchReady = [workflow, ...grants, onRequest, eventsReady];
    const schedulerApi = api('cloudscheduler');

    // The jobs.
    for (let index = 0; index < jobs; index++) {
      const jobId = scaleJobId(index);
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
      const manifest = new StorageBucketObject(this, `${jobId}-manifest`, {
        bucket: stagingBucket.name,
        name: `jobs/${jobId}/${Fn.sha256(Fn.jsonencode(content.expression))}.json`,
        content: Fn.jsonencode(content.expression),
        contentType: 'application/json',
        dependsOn: [...launchReady, gate],
      });
      new CloudSchedulerJob(this, `${jobId}-schedule`, {
        project,
        region,
        name: `ml-${jobId}-0`,
        description: `Launches the Vertex AI job ${jobId} (managed by cdktf-vertex-training)`,
        schedule: scaleCron(index),
        timeZone: 'Etc/UTC',
        pubsubTarget: {
          topicName: topic.id,
          data: Fn.base64encode(Fn.jsonencode({ manifest: manifest.name })),
          attributes: { job: jobId },
        },
        dependsOn: [schedulerApi, ...launchReady, gate],
      });
      new TerraformOutput(this, `${name}_console_url`, {
        description: `Runs of ${jobId} in the Vertex AI console`,
        value: `https://console.cloud.google.com/vertex-ai/training/custom-jobs?project=${project}`,
      });
      new TerraformOutput(this, `${name}_launch_command`, {
        description: `Launches ${jobId} now, through the launcher workflow`,
        value: `gcloud workflows run ${workflow.name} --project=${project} --location=${region} --data='{"manifest":"${manifest.name}"}'`,
      });
    }

    new TerraformOutput(this, 'artifacts_bucket', { value: `gs://${artifactsBucket.name}` });
  }
}
