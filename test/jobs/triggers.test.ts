import { CustomTrainingJob, Trigger, TriggerKind } from '../../lib';
import { unresolvedReferences } from '../helpers/references';
import { enabledApis, ofType, onlyOfType, TerraformJson } from '../helpers/synth';
import { cpuPools, environmentRefs, gcsCode, logicalName, ref, synthWith, validBody } from './fixtures';

/**
 * Triggers (issue 4, "Triggers"): schedules (Cloud Scheduler → the launcher workflow), on change
 * (an Eventarc trigger on the staging bucket, where each changed body writes a new manifest), on new
 * data (an Eventarc trigger on the watched bucket and the routing table `jobs/routes.json`), any
 * combination, none, and the outputs of every job.
 */

/** One job `train` with `triggers`, synthesized; its body is checked against the v1 proto. */
function synthTriggers(triggers?: Trigger[]) {
  const result = synthWith((stack, env) => new CustomTrainingJob(stack, 'train', { environment: env, workerPools: cpuPools(), code: gcsCode(), triggers }));
  validBody(result.json, 'vertex_ml_train', 'CustomJob');
  return result;
}


/** The project IAM members granting `role`. */
function projectGrants(json: TerraformJson, role: string): any[] {
  return Object.values(ofType(json, 'google_project_iam_member')).filter((g) => g.role === role);
}

describe('Trigger factories', () => {
  test('kinds and defaults', () => {
    expect(Trigger.schedule('0 3 * * *')).toMatchObject({ kind: TriggerKind.SCHEDULE, cron: '0 3 * * *', timeZone: 'Etc/UTC' });
    expect(Trigger.schedule('0 3 * * 1', 'Europe/Lisbon')).toMatchObject({ kind: TriggerKind.SCHEDULE, timeZone: 'Europe/Lisbon' });
    expect(Trigger.onChange().kind).toBe(TriggerKind.ON_CHANGE);
    expect(Trigger.onNewData('bucket')).toMatchObject({ kind: TriggerKind.ON_NEW_DATA, bucketName: 'bucket', prefix: '' });
    expect(Trigger.onNewData('bucket', 'incoming/')).toMatchObject({ prefix: 'incoming/' });
  });
});

describe('schedule', () => {
  test('a Cloud Scheduler job publishes {job, cron, timeZone, slot} to the launcher topic; Eventarc starts the workflow as the launcher', () => {
    const { json } = synthTriggers([Trigger.schedule('0 3 * * *')]);
    const refs = environmentRefs(json);
    const scheduler = onlyOfType(json, 'google_cloud_scheduler_job');
    const topic = onlyOfType(json, 'google_pubsub_topic');
    const topicName = logicalName(json, 'google_pubsub_topic', 'ml_launch_events_requests_');
    expect(topic).toMatchObject({ project: 'acme-ml', name: 'ml-launch-requests', kms_key_name: `\${${ref(json, 'google_kms_crypto_key', 'ml_encryption_pubsub_key_', 'id')}}` });
    expect(scheduler).toMatchObject({
      project: 'acme-ml',
      region: 'us-central1',
      name: 'ml-train-0',
      schedule: '0 3 * * *',
      time_zone: 'Etc/UTC',
      pubsub_target: {
        topic_name: `\${google_pubsub_topic.${topicName}.id}`,
        data: expect.any(String),
        attributes: { job: 'train' },
      },
    });
    expect(scheduler.http_target).toBeUndefined();
    const message = JSON.parse(Buffer.from(scheduler.pubsub_target.data, 'base64').toString('utf8'));
    expect(message).toMatchObject({ job: 'train', cron: '0 3 * * *', timeZone: 'Etc/UTC' });
    expect(message.slot.minuteAtOrBefore.slice(0, 3)).toEqual([0, 0, 0]);
    const trigger = onlyOfType(json, 'google_eventarc_trigger');
    expect(trigger).toMatchObject({
      matching_criteria: [{ attribute: 'type', value: 'google.cloud.pubsub.topic.v1.messagePublished' }],
      transport: { pubsub: { topic: `\${google_pubsub_topic.${topicName}.id}` } },
      destination: { workflow: refs.workflowId },
      service_account: refs.launcherEmail,
    });
    // It publishes only once the job's manifest exists and the wait after the launcher's grants and
    // the event trigger is over.
    expect(scheduler.depends_on).toEqual(expect.arrayContaining([
      `google_workflows_workflow.${logicalName(json, 'google_workflows_workflow', 'ml_launch_workflow_')}`,
      `time_sleep.${logicalName(json, 'time_sleep', 'ml_launch_ready_')}`,
      `google_storage_bucket_object.${logicalName(json, 'google_storage_bucket_object', 'train_manifest_')}`,
    ]));
    const sleeps = ofType(json, 'time_sleep');
    expect(sleeps[logicalName(json, 'time_sleep', 'ml_launch_ready_')].depends_on).toEqual([
      `google_eventarc_trigger.${logicalName(json, 'google_eventarc_trigger', 'ml_launch_events_on-request_')}`,
    ]);
    expect(sleeps[logicalName(json, 'time_sleep', 'ml_launch_grants-propagated_')].depends_on).toContain(
      `google_project_iam_member.${logicalName(json, 'google_project_iam_member', 'ml_launch_workflows-invoker_')}`);
    // The trigger is created once every grant a launch needs has propagated.
    expect(trigger.depends_on).toContain(`time_sleep.${logicalName(json, 'time_sleep', 'ml_launch_grants-propagated_')}`);
    expect(enabledApis(json)).toEqual(expect.arrayContaining(['cloudscheduler.googleapis.com', 'workflows.googleapis.com', 'pubsub.googleapis.com', 'eventarc.googleapis.com']));
    expect(projectGrants(json, 'roles/workflows.invoker').map((g) => g.member)).toEqual([refs.launcherMember]);
    expect(json.locals!.vertex_ml_train_manifest.launchOnChange).toBe(false);
    expect(unresolvedReferences(json)).toEqual([]);
  });

  test('several schedules on one job, each with its time zone', () => {
    const { json, built } = synthTriggers([Trigger.schedule('0 3 * * 1-5', 'Europe/Lisbon'), Trigger.schedule('30 6 * * SAT,SUN', 'America/New_York')]);
    const schedulers = Object.values(ofType(json, 'google_cloud_scheduler_job'));
    expect(schedulers.map((s) => [s.name, s.schedule, s.time_zone])).toEqual([
      ['ml-train-0', '0 3 * * 1-5', 'Europe/Lisbon'],
      ['ml-train-1', '30 6 * * SAT,SUN', 'America/New_York'],
    ]);
    // Each publishes its own cron and time zone, from which the launcher derives the slot.
    expect(new Set(schedulers.map((s) => s.pubsub_target.data)).size).toBe(2);
    expect(Object.values(ofType(json, 'google_pubsub_topic'))).toHaveLength(1);
    expect(built.schedules).toHaveLength(2);
  });
});

describe('on change', () => {
  test('the manifest launches on change; an Eventarc trigger on the staging bucket starts the workflow', () => {
    const { json } = synthTriggers([Trigger.onChange()]);
    const refs = environmentRefs(json);
    expect(json.locals!.vertex_ml_train_manifest.launchOnChange).toBe(true);
    const trigger = onlyOfType(json, 'google_eventarc_trigger');
    expect(trigger).toMatchObject({
      project: 'acme-ml',
      location: 'us-central1',
      matching_criteria: [
        { attribute: 'type', value: 'google.cloud.storage.object.v1.finalized' },
        { attribute: 'bucket', value: refs.stagingBucket },
      ],
      destination: { workflow: refs.workflowId },
      service_account: refs.launcherEmail,
    });
    expect(projectGrants(json, 'roles/eventarc.eventReceiver').map((g) => g.member)).toEqual([refs.launcherMember]);
    // Cloud Storage publishes the bucket's events to Pub/Sub as its service agent.
    expect(projectGrants(json, 'roles/pubsub.publisher').map((g) => g.member)).toEqual([storageAgentMember(json)]);
    expect(enabledApis(json)).toEqual(expect.arrayContaining(['eventarc.googleapis.com', 'pubsub.googleapis.com']));
    // The trigger waits for the grants that let events reach the workflow to propagate.
    const propagated = ofType(json, 'time_sleep')[logicalName(json, 'time_sleep', 'ml_launch_grants-propagated_')];
    expect(trigger.depends_on).toContain(`time_sleep.${logicalName(json, 'time_sleep', 'ml_launch_grants-propagated_')}`);
    expect(propagated.depends_on).toEqual(expect.arrayContaining(projectGrantNames(json, ['roles/eventarc.eventReceiver', 'roles/pubsub.publisher'])));
    expect(ofType(json, 'google_cloud_scheduler_job')).toEqual({});
    expect(unresolvedReferences(json)).toEqual([]);
  });

  test('two on-change jobs share one workflow and one staging trigger', () => {
    const { json } = synthWith((stack, env) => {
      for (const id of ['first', 'second']) {
        new CustomTrainingJob(stack, id, { environment: env, workerPools: cpuPools(), code: gcsCode(), triggers: [Trigger.onChange()] });
      }
    });
    validBody(json, 'vertex_ml_first', 'CustomJob');
    validBody(json, 'vertex_ml_second', 'CustomJob');
    expect(Object.keys(ofType(json, 'google_workflows_workflow'))).toHaveLength(1);
    expect(Object.keys(ofType(json, 'google_eventarc_trigger'))).toHaveLength(1);
    expect(projectGrants(json, 'roles/eventarc.eventReceiver')).toHaveLength(1);
    expect(json.locals!.vertex_ml_first_manifest.launchOnChange).toBe(true);
    expect(json.locals!.vertex_ml_second_manifest.launchOnChange).toBe(true);
    expect(unresolvedReferences(json)).toEqual([]);
  });

  test('an on-change job next to a scheduled one: only the on-change manifest launches on change', () => {
    const { json } = synthWith((stack, env) => {
      new CustomTrainingJob(stack, 'gitops', { environment: env, workerPools: cpuPools(), code: gcsCode(), triggers: [Trigger.onChange()] });
      new CustomTrainingJob(stack, 'nightly', { environment: env, workerPools: cpuPools(), code: gcsCode(), triggers: [Trigger.schedule('0 3 * * *')] });
    });
    validBody(json, 'vertex_ml_gitops', 'CustomJob');
    validBody(json, 'vertex_ml_nightly', 'CustomJob');
    expect(json.locals!.vertex_ml_gitops_manifest.launchOnChange).toBe(true);
    expect(json.locals!.vertex_ml_nightly_manifest.launchOnChange).toBe(false);
    expect(Object.keys(ofType(json, 'google_workflows_workflow'))).toHaveLength(1);
  });
});

describe('on new data', () => {
  test('an Eventarc trigger on the watched bucket starts the workflow', () => {
    const { json } = synthTriggers([Trigger.onNewData('acme-landing-zone', 'incoming/')]);
    const trigger = onlyOfType(json, 'google_eventarc_trigger');
    expect(trigger.matching_criteria).toEqual([
      { attribute: 'type', value: 'google.cloud.storage.object.v1.finalized' },
      { attribute: 'bucket', value: 'acme-landing-zone' },
    ]);
    expect(trigger.destination).toEqual({ workflow: environmentRefs(json).workflowId });
    expect(projectGrants(json, 'roles/pubsub.publisher').map((g) => g.member)).toEqual([storageAgentMember(json)]);
    expect(projectGrants(json, 'roles/eventarc.eventReceiver')).toHaveLength(1);
    expect(json.locals!.vertex_ml_train_manifest.launchOnChange).toBe(false);
    expect(unresolvedReferences(json)).toEqual([]);
  });

  test('the workflow holds the routes {bucket, prefix, pattern, job}, its watched buckets filled in by Terraform', () => {
    const { json } = synthWith((stack, env) => {
      new CustomTrainingJob(stack, 'train', { environment: env, workerPools: cpuPools(), code: gcsCode(), triggers: [Trigger.onNewData(env.dataBucket.bucketName, 'incoming/')] });
    });
    const source: string = onlyOfType(json, 'google_workflows_workflow').source_contents;
    const dataBucket = ref(json, 'google_storage_bucket', 'ml_data-bucket_', 'name');
    // The only interpolation in the source: everything else is an escaped Workflows expression.
    expect(source.match(/(?<!\$)\$\{[^}]*\}/g)).toEqual([`\${${dataBucket}}`]);
    const definition = JSON.parse(source.replace(`\${${dataBucket}}`, 'acme-ml-ml-data').replace(/\$\$\{/g, '${'));
    const routes = definition.main.steps[0].init.assign.find((a: object) => 'routes' in a).routes;
    expect(routes).toEqual([{ bucket: 'acme-ml-ml-data', prefix: 'incoming/', pattern: '^incoming/', job: 'train' }]);
    expect(Object.values(ofType(json, 'google_storage_bucket_object')).filter((o) => String(o.name).includes('routes'))).toEqual([]);
    expect(unresolvedReferences(json)).toEqual([]);
  });

  test('two jobs on the same bucket share one trigger; different buckets get one each', () => {
    const { json } = synthWith((stack, env) => {
      new CustomTrainingJob(stack, 'job-a', { environment: env, workerPools: cpuPools(), code: gcsCode(), triggers: [Trigger.onNewData(env.dataBucket.bucketName, 'a/')] });
      new CustomTrainingJob(stack, 'job-b', { environment: env, workerPools: cpuPools(), code: gcsCode(), triggers: [Trigger.onNewData(env.dataBucket.bucketName, 'b/')] });
      new CustomTrainingJob(stack, 'job-c', { environment: env, workerPools: cpuPools(), code: gcsCode(), triggers: [Trigger.onNewData('acme-other-bucket')] });
    });
    for (const job of ['job_a', 'job_b', 'job_c']) validBody(json, `vertex_ml_${job}`, 'CustomJob');
    const buckets = Object.values(ofType(json, 'google_eventarc_trigger')).map((t) => t.matching_criteria[1].value);
    expect(buckets).toEqual([environmentRefs(json).dataBucket, 'acme-other-bucket']);
    expect(new Set(Object.values(ofType(json, 'google_eventarc_trigger')).map((t) => t.name)).size).toBe(2);
  });
});

describe('combinations and none', () => {
  test('schedule + on change + on new data on one job', () => {
    const { json } = synthWith((stack, env) => new CustomTrainingJob(stack, 'train', {
      environment: env, workerPools: cpuPools(), code: gcsCode(),
      triggers: [Trigger.schedule('0 4 * * 1', 'Europe/Lisbon'), Trigger.onChange(), Trigger.onNewData(env.dataBucket.bucketName, 'incoming/')],
    }));
    validBody(json, 'vertex_ml_train', 'CustomJob');
    const refs = environmentRefs(json);
    expect(Object.values(ofType(json, 'google_cloud_scheduler_job')).map((s) => s.name)).toEqual(['ml-train-0']);
    const triggers = Object.values(ofType(json, 'google_eventarc_trigger'));
    expect(triggers.filter((t) => t.matching_criteria.length === 2).map((t) => t.matching_criteria[1].value).sort()).toEqual([refs.dataBucket, refs.stagingBucket].sort());
    expect(triggers.filter((t) => t.transport?.pubsub)).toHaveLength(1);
    expect(json.locals!.vertex_ml_train_manifest.launchOnChange).toBe(true);
    expect(projectGrants(json, 'roles/eventarc.eventReceiver')).toHaveLength(1);
    expect(projectGrants(json, 'roles/pubsub.publisher')).toHaveLength(1);
  });

  test('no trigger: the manifest and the outputs, nothing that launches', () => {
    const { json, built } = synthTriggers();
    expect(ofType(json, 'google_cloud_scheduler_job')).toEqual({});
    expect(ofType(json, 'google_eventarc_trigger')).toEqual({});
    expect(Object.values(ofType(json, 'google_storage_bucket_object')).map((o) => o.name)).toEqual([`jobs/train/\${sha256(jsonencode(local.vertex_ml_train_manifest))}.json`]);
    expect(json.locals!.vertex_ml_train_manifest.launchOnChange).toBe(false);
    expect(projectGrants(json, 'roles/eventarc.eventReceiver')).toEqual([]);
    expect(projectGrants(json, 'roles/pubsub.publisher')).toEqual([]);
    expect(built.schedules).toEqual([]);
    // The workflow exists: the launch command runs it.
    expect(Object.keys(ofType(json, 'google_workflows_workflow'))).toHaveLength(1);
    expect(Object.keys(json.output!).sort()).toEqual(['ml_train_console_url', 'ml_train_launch_command']);
  });

  test('outputs: the console URL of the runs and the command that launches the job by hand', () => {
    const { json } = synthTriggers();
    const refs = environmentRefs(json);
    expect(json.output!.ml_train_console_url.value).toBe('https://console.cloud.google.com/vertex-ai/training/custom-jobs?project=acme-ml');
    expect(json.output!.ml_train_launch_command.value).toBe(
      `gcloud workflows run ${refs.workflowName} --project=acme-ml --location=us-central1 --data='{"job":"train"}'`,
    );
  });
});

function projectGrantNames(json: TerraformJson, roles: string[]): string[] {
  return Object.entries(ofType(json, 'google_project_iam_member')).filter(([, g]) => roles.includes(g.role)).map(([name]) => `google_project_iam_member.${name}`);
}

/** `${data.google_storage_project_service_account.<env's>.member}`: the Cloud Storage service agent. */
function storageAgentMember(json: TerraformJson): string {
  const names = Object.keys(ofType(json, 'google_storage_project_service_account', 'data')).filter((n) => n.startsWith('ml_service-agents_storage_'));
  expect(names).toHaveLength(1);
  return `\${data.google_storage_project_service_account.${names[0]}.member}`;
}
