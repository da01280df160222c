import { TerraformStack, Testing } from 'cdktf';
import { GoogleProvider } from '@cdktf/provider-google/lib/provider';
import { TrainingEnvironment } from '../../lib';
import type { TerraformJson } from '../helpers/synth';
import { describeWithTerraform, FAKE_PROJECT_NUMBER, planStack, StackPlan, startAll } from '../helpers/terraform-core';

/**
 * An environment with a budget and the region's metadata store, planned by Terraform core: the
 * budget's filter, amount, thresholds and channels as the Budget API receives them, and the store's
 * key and its place in the graph (after the Vertex AI service agent's grant on that key).
 */

function synth(): TerraformJson {
  const stack = new TerraformStack(Testing.app(), 'budget');
  new GoogleProvider(stack, 'google', { project: 'acme-ml', region: 'us-central1' });
  new TrainingEnvironment(stack, 'ml', {
    projectId: 'acme-ml',
    region: 'us-central1',
    prefix: 'vision',
    alerts: { emails: ['ml@acme.example'], notificationChannels: ['projects/acme-ops/notificationChannels/42'] },
    budget: { billingAccount: '01A2B3-C4D5E6-F7A8B9', amount: 2500.75, thresholds: [0.5, 1.0], forecastThresholds: [1.2] },
  });
  return JSON.parse(Testing.synth(stack));
}

/** The address of the one resource of `type` (whose name starts with `prefix`). */
function address(json: TerraformJson, type: string, prefix = ''): string {
  const names = Object.keys(json.resource?.[type] ?? {}).filter((n) => n.startsWith(prefix));
  if (names.length !== 1) throw new Error(`expected one ${type} ${prefix}*, found ${names.length}`);
  return `${type}.${names[0]}`;
}

/** Every original address `from` waits for in the planned configuration, directly or not. */
function waitsFor(plan: StackPlan, from: string): Set<string> {
  const resources = (plan.standIn.config as any).resource ?? {};
  const dependsOn = (standIn: string): string[] => {
    const [type, name] = standIn.split('.');
    return resources[type]?.[name]?.depends_on ?? [];
  };
  const seen = new Set<string>();
  const queue = [plan.standIn.standIns[from]];
  while (queue.length > 0) {
    for (const next of dependsOn(queue.pop()!)) {
      if (seen.has(next)) continue;
      seen.add(next);
      queue.push(next);
    }
  }
  return new Set([...seen].map((s) => plan.standIn.originals[s] ?? s));
}

describeWithTerraform('a budget and the metadata store, under Terraform core', () => {
  const json = synth();
  const budget = address(json, 'google_billing_budget');
  const store = address(json, 'google_vertex_ai_metadata_store');
  const email = address(json, 'google_monitoring_notification_channel');
  const vertexKey = Object.entries(json.resource!.google_kms_crypto_key).find(([, k]: [string, any]) => k.name === 'vision-vertex')![0];
  const agentGrant = Object.entries(json.resource!.google_kms_crypto_key_iam_member)
    .filter(([, g]: [string, any]) => String(g.member).includes('gcp-sa-aiplatform'))
    .map(([name]) => `google_kms_crypto_key_iam_member.${name}`);
  const plans = startAll({ first: () => planStack(json) });

  test('the budget counts the project by its number and the environment\'s one label', async () => {
    const values = (await plans.first).values(budget);
    expect(values.billing_account).toBe('01A2B3-C4D5E6-F7A8B9');
    expect(values.budget_filter).toEqual({ projects: [`projects/${FAKE_PROJECT_NUMBER}`], labels: { 'vertex-training-env': 'vision' }, calendar_period: 'MONTH' });
    expect(values.amount).toEqual({ specified_amount: { currency_code: 'USD', units: '2500', nanos: 750000000 } });
  });

  test('thresholds of actual and forecast spend, in order', async () => {
    expect((await plans.first).values(budget).threshold_rules).toEqual([
      { threshold_percent: 0.5, spend_basis: 'CURRENT_SPEND' },
      { threshold_percent: 1, spend_basis: 'CURRENT_SPEND' },
      { threshold_percent: 1.2, spend_basis: 'FORECASTED_SPEND' },
    ]);
  });

  test('the budget notifies the alerts\' channels: the created email channel by its name, and the existing one', async () => {
    const plan = await plans.first;
    const channels = plan.values(budget).all_updates_rule.monitoring_notification_channels;
    expect(channels).toEqual([expect.stringMatching(/^projects\/acme-ml\/notificationChannels\/[0-9]{19}$/), 'projects/acme-ops/notificationChannels/42']);
    expect(waitsFor(plan, budget)).toContain(email);
  });

  test('the metadata store is the region\'s default, encrypted with the environment\'s Vertex AI key', async () => {
    const values = (await plans.first).values(store);
    expect(values).toMatchObject({ project: 'acme-ml', region: 'us-central1', name: 'default' });
    expect(values.encryption_spec).toEqual({ kms_key_name: 'projects/acme-ml/locations/us-central1/keyRings/vision-training/cryptoKeys/vision-vertex' });
    expect(vertexKey).toBeDefined();
  });

  test('the store waits for the Vertex AI agent\'s grant on the key (and so for the agent and the key), and for the API', async () => {
    const plan = await plans.first;
    expect(agentGrant).toHaveLength(1);
    const waited = waitsFor(plan, store);
    expect(waited).toContain(agentGrant[0]);
    expect(waited).toContain(`google_kms_crypto_key.${vertexKey}`);
    expect(waited).toContain(address(json, 'google_project_service_identity', 'ml_service-agents_vertex-ai_'));
    expect(waited).toContain(address(json, 'google_project_service', 'ml_apis_aiplatform_'));
  });
});
