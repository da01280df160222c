import { CustomTrainingJob, TrainingEnvironmentProps, Trigger } from '../../lib';
import { ofType, onlyOfType, TerraformJson } from '../helpers/synth';
import { cpuPools, gcsCode, interpolated, logicalName, synthWith } from '../jobs/fixtures';

/**
 * The launch path's own resources, as synthesized: CMEK for everything it stores (the workflow,
 * the topic of launch requests, Eventarc's channel of Cloud Storage events) with the service
 * agents created explicitly and granted exactly their key; the alerts; and what is created only
 * when a trigger needs it.
 */

function synth(triggers: Trigger[], props: Partial<TrainingEnvironmentProps> = {}) {
  return synthWith((stack, env) => new CustomTrainingJob(stack, 'train', { environment: env, workerPools: cpuPools(), code: gcsCode(), triggers }), props).json;
}

/** The service identity resources, by the service they create the agent of. */
function agents(json: TerraformJson): string[] {
  return Object.values(ofType(json, 'google_project_service_identity')).map((a) => a.service).sort();
}

/** The key grants: key purpose → member domain. */
function keyGrants(json: TerraformJson): { [purpose: string]: string[] } {
  const grants: { [purpose: string]: string[] } = {};
  for (const grant of Object.values(ofType(json, 'google_kms_crypto_key_iam_member'))) {
    const purpose = /ml_encryption_([a-z]+)_key_/.exec(grant.crypto_key_id)![1];
    (grants[purpose] ??= []).push(/@([a-z-]+)\.iam\.gserviceaccount\.com|\.(member)\}$/.exec(grant.member)!.slice(1).find(Boolean)!);
  }
  return grants;
}

describe('CMEK on the launch path', () => {
  test('a job without triggers: the workflow is encrypted with its own key, granted to the Workflows agent, created first', () => {
    const json = synth([]);
    expect(agents(json)).toEqual(['aiplatform.googleapis.com', 'artifactregistry.googleapis.com', 'workflows.googleapis.com']);
    expect(keyGrants(json)).toEqual({ storage: ['member'], registry: ['gcp-sa-artifactregistry'], vertex: ['gcp-sa-aiplatform'], workflows: ['gcp-sa-workflows'] });
    expect(onlyOfType(json, 'google_workflows_workflow').crypto_key_name).toBe(interpolated(json, 'google_kms_crypto_key', 'ml_encryption_workflows_key_', 'id'));
    // No topic, no Eventarc, no key for them.
    expect(ofType(json, 'google_pubsub_topic')).toEqual({});
    expect(ofType(json, 'google_eventarc_google_channel_config')).toEqual({});
  });

  test('a schedule: the topic of launch requests is encrypted, its agent granted the key and allowed to sign pushes as the launcher only', () => {
    const json = synth([Trigger.schedule('0 3 * * *')]);
    expect(agents(json)).toEqual(expect.arrayContaining(['eventarc.googleapis.com', 'pubsub.googleapis.com']));
    expect(keyGrants(json).pubsub).toEqual(['gcp-sa-pubsub']);
    expect(onlyOfType(json, 'google_pubsub_topic').kms_key_name).toBe(interpolated(json, 'google_kms_crypto_key', 'ml_encryption_pubsub_key_', 'id'));
    const tokens = Object.values(ofType(json, 'google_service_account_iam_member')).filter((g) => g.role === 'roles/iam.serviceAccountTokenCreator');
    expect(tokens).toEqual([expect.objectContaining({ service_account_id: interpolated(json, 'google_service_account', 'ml_launcher_account_', 'name'), member: expect.stringMatching(/@gcp-sa-pubsub\.iam\.gserviceaccount\.com$/) })]);
    // A Pub/Sub trigger needs neither the storage agent's publish grant nor the Google channel.
    expect(Object.values(ofType(json, 'google_project_iam_member')).map((g) => g.role)).not.toContain('roles/pubsub.publisher');
    expect(ofType(json, 'google_eventarc_google_channel_config')).toEqual({});
  });

  test('a bucket trigger: Eventarc\'s Google channel is encrypted with its own key before the trigger is created', () => {
    const json = synth([Trigger.onChange()]);
    const channel = onlyOfType(json, 'google_eventarc_google_channel_config');
    expect(channel).toMatchObject({
      project: 'acme-ml', location: 'us-central1', name: 'projects/acme-ml/locations/us-central1/googleChannelConfig',
      crypto_key_name: interpolated(json, 'google_kms_crypto_key', 'ml_encryption_eventarc_key_', 'id'),
    });
    expect(keyGrants(json).eventarc).toEqual(['gcp-sa-eventarc']);
    const trigger = onlyOfType(json, 'google_eventarc_trigger');
    expect(trigger.depends_on).toContain(`google_eventarc_google_channel_config.${logicalName(json, 'google_eventarc_google_channel_config', 'ml_launch_events_google-channel_')}`);
    const roles = Object.values(ofType(json, 'google_project_iam_member')).map((g) => g.role);
    expect(roles).toEqual(expect.arrayContaining(['roles/eventarc.eventReceiver', 'roles/pubsub.publisher', 'roles/eventarc.serviceAgent']));
  });

  test('keys brought by the user are used as they are, and granted', () => {
    const key = (name: string) => `projects/acme-kms/locations/us-central1/keyRings/ml/cryptoKeys/${name}`;
    const json = synth([Trigger.schedule('0 3 * * *'), Trigger.onChange()], {
      encryption: { workflowsKeyName: key('wf'), pubsubKeyName: key('ps'), eventarcKeyName: key('ea') },
    });
    expect(onlyOfType(json, 'google_workflows_workflow').crypto_key_name).toBe(key('wf'));
    expect(onlyOfType(json, 'google_pubsub_topic').kms_key_name).toBe(key('ps'));
    expect(onlyOfType(json, 'google_eventarc_google_channel_config').crypto_key_name).toBe(key('ea'));
    const keyIds = Object.values(ofType(json, 'google_kms_crypto_key')).map((k) => k.name).sort();
    expect(keyIds).toEqual(['ml-registry', 'ml-storage', 'ml-vertex']);
    expect(Object.values(ofType(json, 'google_kms_crypto_key_iam_member')).map((g) => g.crypto_key_id)).toEqual(expect.arrayContaining([key('wf'), key('ps'), key('ea')]));
  });

  test('a brought key in another region is refused, naming the field', () => {
    expect(() => synth([], { encryption: { workflowsKeyName: 'projects/p/locations/europe-west4/keyRings/r/cryptoKeys/k' } }))
      .toThrow(/encryption\.workflowsKeyName "projects\/p\/locations\/europe-west4\/keyRings\/r\/cryptoKeys\/k" is not valid/);
  });
});

describe('alerts', () => {
  const alerted = (alerts: TrainingEnvironmentProps['alerts']) => synth([], { alerts });

  test('email and Pub/Sub channels are created; with existing ones, every policy notifies all of them', () => {
    const json = alerted({
      emails: ['ml@acme.example'], pubsubTopics: ['projects/acme-ops/topics/pages'], notificationChannels: ['projects/acme-ops/notificationChannels/42'],
    });
    const channels = Object.values(ofType(json, 'google_monitoring_notification_channel'));
    expect(channels.map((c) => [c.type, c.labels])).toEqual([['email', { email_address: 'ml@acme.example' }], ['pubsub', { topic: 'projects/acme-ops/topics/pages' }]]);
    const policies = Object.values(ofType(json, 'google_monitoring_alert_policy'));
    expect(policies.map((p) => p.display_name)).toEqual(['Failed training launches (ml)', 'Failed training runs (ml)']);
    for (const policy of policies) {
      expect(policy.notification_channels).toEqual([
        interpolated(json, 'google_monitoring_notification_channel', 'ml_notifications_email-0_', 'name'),
        interpolated(json, 'google_monitoring_notification_channel', 'ml_notifications_pubsub-0_', 'name'),
        'projects/acme-ops/notificationChannels/42',
      ]);
      expect(policy.severity).toBe('ERROR');
      expect(policy.conditions[0].condition_threshold).toMatchObject({ comparison: 'COMPARISON_GT', threshold_value: 0 });
    }
    // Cloud Monitoring publishes to the topic as its notification agent, once the channel exists.
    expect(Object.values(ofType(json, 'google_pubsub_topic_iam_member'))).toEqual([expect.objectContaining({
      project: 'acme-ops', topic: 'projects/acme-ops/topics/pages', role: 'roles/pubsub.publisher',
      member: expect.stringMatching(/^serviceAccount:service-.+@gcp-sa-monitoring-notification\.iam\.gserviceaccount\.com$/),
      depends_on: expect.arrayContaining([`google_monitoring_notification_channel.${logicalName(json, 'google_monitoring_notification_channel', 'ml_notifications_pubsub-0_')}`]),
    })]);
  });

  test('the metrics count the launcher\'s own failure events, per job, on the launcher workflow only', () => {
    const json = alerted({ emails: ['ml@acme.example'] });
    const metrics = Object.values(ofType(json, 'google_logging_metric'));
    const workflow = interpolated(json, 'google_workflows_workflow', 'ml_launch_workflow_', 'name');
    expect(metrics.map((m) => m.name)).toEqual(['ml-launch-failures', 'ml-run-failures']);
    for (const metric of metrics) {
      expect(metric.filter).toContain(`resource.type="workflows.googleapis.com/Workflow" AND resource.labels.workflow_id="${workflow}"`);
      expect(metric.label_extractors).toEqual({ job: 'EXTRACT(jsonPayload.job)' });
    }
    expect(metrics[0].filter).toContain('jsonPayload.event="launch_failed"');
    expect(metrics[0].filter).toContain('logName="projects/acme-ml/logs/workflows.googleapis.com%2Fexecutions_system" AND jsonPayload.state="FAILED" AND NOT jsonPayload.failure.exception:"logged as launch_failed"');
    expect(metrics[1].filter).toContain('jsonPayload.event="run_failed"');
  });

  test.each([
    ['emails', { emails: ['not-an-email'] }, 'alerts.emails[0] "not-an-email" is not valid: must be an email address'],
    ['pubsubTopics', { pubsubTopics: ['pages'] }, 'alerts.pubsubTopics[0] "pages" is not valid: must be a topic name of the form projects/PROJECT/topics/TOPIC'],
    ['notificationChannels', { notificationChannels: ['42'] }, 'alerts.notificationChannels[0] "42" is not valid: must be a channel name of the form projects/PROJECT/notificationChannels/NUMBER'],
  ])('a bad %s entry fails synth, naming the construct, the field and the value', (_, alerts, message) => {
    expect(() => alerted(alerts)).toThrow(`test/ml/notifications: ${message}`);
  });
});
