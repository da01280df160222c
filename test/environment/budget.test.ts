import { TerraformStack, TerraformVariable, Testing } from 'cdktf';
import { GoogleProvider } from '@cdktf/provider-google/lib/provider';
import { BudgetOptions, CustomTrainingJob, TrainingCode, TrainingEnvironment, TrainingEnvironmentProps, TrainingReport, WorkerPool } from '../../lib';
import { ContainerImage } from '../../lib/code/container-image';
import { budgetProblems } from '../../lib/environment/budget';
import { apiRef, enabledApis, environmentStack, ofType, onlyOfType, synthJson } from '../helpers/synth';

const ACCOUNT = '01A2B3-C4D5E6-F7A8B9';
const budget = (options: Partial<BudgetOptions> = {}): BudgetOptions => ({ billingAccount: ACCOUNT, amount: 1000, ...options });

/** The synthesized budget of an environment with `props`. */
function synthBudget(props: Partial<TrainingEnvironmentProps>): any {
  return onlyOfType(synthJson(environmentStack(props).stack), 'google_billing_budget');
}

/** The message of what `props` throw. */
function errorOf(props: Partial<TrainingEnvironmentProps>): string {
  try {
    environmentStack(props);
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('expected the environment to throw');
}

describe('the environment budget', () => {
  test('counts the project (by number) and the environment\'s label, monthly, with the default thresholds', () => {
    const json = synthJson(environmentStack({ budget: budget() }).stack);
    const b = onlyOfType(json, 'google_billing_budget');
    expect(b.billing_account).toBe(ACCOUNT);
    expect(b.display_name).toBe('ml Vertex AI training');
    expect(b.budget_filter.projects).toEqual([expect.stringMatching(/^projects\/\$\{data\.google_project\.[^}]+\.number\}$/)]);
    expect(b.budget_filter.labels).toEqual({ 'vertex-training-env': 'ml' });
    expect(b.budget_filter.calendar_period).toBe('MONTH');
    expect(b.amount).toEqual({ specified_amount: { currency_code: 'USD', units: '1000' } });
    expect(b.threshold_rules).toEqual([
      { threshold_percent: 0.5, spend_basis: 'CURRENT_SPEND' },
      { threshold_percent: 0.9, spend_basis: 'CURRENT_SPEND' },
      { threshold_percent: 1, spend_basis: 'CURRENT_SPEND' },
      { threshold_percent: 1, spend_basis: 'FORECASTED_SPEND' },
    ]);
    // No alerts: only the billing account's administrators are told.
    expect(b.all_updates_rule).toEqual({ disable_default_iam_recipients: false });
    expect(b.depends_on).toContain(apiRef(json, 'billingbudgets.googleapis.com'));
    expect(enabledApis(json)).toContain('billingbudgets.googleapis.com');
  });

  test('an environment without a budget has none, and does not enable the Budget API', () => {
    const json = synthJson(environmentStack().stack);
    expect(ofType(json, 'google_billing_budget')).toEqual({});
    expect(enabledApis(json)).not.toContain('billingbudgets.googleapis.com');
  });

  test('a prefix label follows the environment\'s prefix; a billingAccounts/ prefix is dropped; decimals become nanos', () => {
    const b = synthBudget({ prefix: 'vision', budget: budget({ billingAccount: `billingAccounts/${ACCOUNT}`, amount: 1234.5, currencyCode: 'EUR', thresholds: [0.25], forecastThresholds: [] }) });
    expect(b.billing_account).toBe(ACCOUNT);
    expect(b.budget_filter.labels).toEqual({ 'vertex-training-env': 'vision' });
    expect(b.amount).toEqual({ specified_amount: { currency_code: 'EUR', units: '1234', nanos: 500000000 } });
    expect(b.threshold_rules).toEqual([{ threshold_percent: 0.25, spend_basis: 'CURRENT_SPEND' }]);
  });

  test('notifies the same channels as the launcher\'s alerts, created once for both', () => {
    const stack = new TerraformStack(Testing.app(), 'test');
    new GoogleProvider(stack, 'google', { project: 'acme-ml', region: 'us-central1' });
    const env = new TrainingEnvironment(stack, 'ml', {
      projectId: 'acme-ml', region: 'us-central1', budget: budget(),
      alerts: { emails: ['ml@acme.example'], pubsubTopics: ['projects/acme-ops/topics/pages'], notificationChannels: ['projects/acme-ops/notificationChannels/42'] },
    });
    new CustomTrainingJob(stack, 'train', {
      environment: env,
      workerPools: { primary: WorkerPool.cpu({ machineType: 'n2-standard-8' }) },
      code: TrainingCode.container({ image: ContainerImage.fromRepository(env.dockerRepository, 'trainer', { digest: `sha256:${'a'.repeat(64)}` }) }),
    });
    const json = synthJson(stack);
    const channels = Object.keys(ofType(json, 'google_monitoring_notification_channel'));
    expect(channels).toHaveLength(2);
    const names = [...channels.map((c) => `\${google_monitoring_notification_channel.${c}.name}`), 'projects/acme-ops/notificationChannels/42'];
    const b = onlyOfType(json, 'google_billing_budget');
    expect(b.all_updates_rule.monitoring_notification_channels).toEqual(names);
    for (const policy of Object.values(ofType(json, 'google_monitoring_alert_policy'))) expect(policy.notification_channels).toEqual(names);
    expect(env.budget!.recipients).toEqual(['email ml@acme.example', 'Pub/Sub topic projects/acme-ops/topics/pages', 'channel projects/acme-ops/notificationChannels/42']);
    expect(Object.keys(ofType(json, 'google_pubsub_topic_iam_member'))).toHaveLength(1);
  });

  test('the Budget API is enabled in the provider\'s billing project too', () => {
    const stack = new TerraformStack(Testing.app(), 'test');
    new GoogleProvider(stack, 'google', { project: 'acme-ml', region: 'us-central1', userProjectOverride: true, billingProject: 'acme-billing' });
    new TrainingEnvironment(stack, 'ml', { projectId: 'acme-ml', region: 'us-central1', budget: budget() });
    const json = synthJson(stack);
    const services = Object.values(ofType(json, 'google_project_service')).filter((s) => s.service === 'billingbudgets.googleapis.com');
    expect(services.map((s) => s.project).sort()).toEqual(['acme-billing', 'acme-ml']);
  });

  test('every problem of the options at once, each naming the field, the value and what is allowed', () => {
    const message = errorOf({ budget: budget({ billingAccount: '01a2b3-c4d5e6-f7a8b9', amount: 0, currencyCode: 'usd', thresholds: [0.5, 0.5, 11], forecastThresholds: [-1] }) });
    expect(message).toContain('test/ml: budget.billingAccount "01a2b3-c4d5e6-f7a8b9" is not valid: must be a billing account ID of the form XXXXXX-XXXXXX-XXXXXX, upper-case hexadecimal (did you mean "01A2B3-C4D5E6-F7A8B9"?)');
    expect(message).toContain('budget.amount 0 is not valid: must be a number of currency units greater than 0');
    expect(message).toContain('budget.currencyCode "usd" is not valid: must be an ISO 4217 currency code');
    expect(message).toContain('budget.thresholds[1] 0.5 is not valid: is a duplicate');
    expect(message).toContain('budget.thresholds[2] 11 is not valid: must be a fraction of the amount greater than 0 and at most 10');
    expect(message).toContain('budget.forecastThresholds[0] -1 is not valid');
    expect(message.split('\n')).toHaveLength(6);
  });

  test('a bad budget is reported with the environment\'s other problems, in one error', () => {
    const message = errorOf({ region: 'mars-central1', budget: budget({ amount: 0 }) });
    expect(message).toContain('region "mars-central1"');
    expect(message).toContain('budget.amount 0 is not valid');
  });

  test('budgetProblems returns the options\' problems without throwing, for the environment to report with its own', () => {
    expect(budgetProblems(undefined)).toEqual([]);
    expect(budgetProblems(budget())).toEqual([]);
    expect(budgetProblems(budget({ billingAccount: `billingAccounts/${ACCOUNT}` }))).toEqual([]);
    const problems = budgetProblems(budget({ amount: 0, currencyCode: 'usd', thresholds: [], forecastThresholds: [] }));
    expect(problems.map((p) => p.field)).toEqual(['budget.amount', 'budget.currencyCode', 'budget.thresholds']);
    // The construct throws the same problems, with the channel count it alone knows.
    const thrown = errorOf({ budget: budget({ amount: 0, currencyCode: 'usd', thresholds: [], forecastThresholds: [] }) });
    for (const problem of problems) expect(thrown).toContain(`${problem.field} ${JSON.stringify(problem.value)} is not valid: ${problem.allowed}`);
  });

  test('thresholds that are not a list are named as such, not read character by character', () => {
    expect(budgetProblems(budget({ thresholds: '0.5' as unknown as number[] }))).toEqual([
      { field: 'budget.thresholds', value: '0.5', allowed: 'must be a list of numbers' },
    ]);
  });

  test('a budget needs a threshold, and takes at most 10 of a kind', () => {
    expect(errorOf({ budget: budget({ thresholds: [], forecastThresholds: [] }) })).toContain('budget.thresholds [] is not valid: needs at least one threshold');
    const many = Array.from({ length: 11 }, (_, i) => (i + 1) / 10);
    expect(errorOf({ budget: budget({ thresholds: many }) })).toContain('at most 10 thresholds (11 given)');
  });

  test('more than 5 channels are refused with a budget, naming each; without a budget they are fine', () => {
    const alerts = { emails: ['a@acme.example', 'b@acme.example', 'c@acme.example'], notificationChannels: ['projects/acme-ops/notificationChannels/1', 'projects/acme-ops/notificationChannels/2', 'projects/acme-ops/notificationChannels/3'] };
    const message = errorOf({ alerts, budget: budget() });
    expect(message).toContain('test/ml/budget: alerts 6 is not valid: at most 5 notification channels with a budget');
    expect(message).toContain('email a@acme.example, email b@acme.example, email c@acme.example, channel projects/acme-ops/notificationChannels/1');
    expect(() => environmentStack({ alerts })).not.toThrow();
  });

  test('a bad alerts entry is refused with the budget, before any job', () => {
    expect(errorOf({ alerts: { emails: ['nope'] }, budget: budget() })).toContain('test/ml/notifications: alerts.emails[0] "nope" is not valid: must be an email address');
  });

  test('values known only at apply (Terraform variables) are passed on, unchecked', () => {
    const stack = new TerraformStack(Testing.app(), 'test');
    new GoogleProvider(stack, 'google', { project: 'acme-ml', region: 'us-central1' });
    const account = new TerraformVariable(stack, 'billing_account', { type: 'string' });
    const amount = new TerraformVariable(stack, 'budget_amount', { type: 'number' });
    new TrainingEnvironment(stack, 'ml', { projectId: 'acme-ml', region: 'us-central1', budget: { billingAccount: account.stringValue, amount: amount.numberValue } });
    const b = onlyOfType(synthJson(stack), 'google_billing_budget');
    expect(b.billing_account).toBe('${var.billing_account}');
    expect(b.amount).toEqual({ specified_amount: { currency_code: 'USD', units: '${var.budget_amount}' } });
  });

  test('a field of the wrong type from JavaScript is a one-line error', () => {
    expect(errorOf({ budget: { billingAccount: ACCOUNT, amount: '1000' as unknown as number } })).toMatch(/budget\.amount/);
  });

  test('the training report states the budget, and an environment without one has none', () => {
    const { stack } = environmentStack({ alerts: { emails: ['ml@acme.example'] }, budget: budget({ amount: 2500.5, thresholds: [0.5, 1.0], forecastThresholds: [1.2] }) });
    const report = TrainingReport.of(stack);
    const b = report.environments[0].budget!;
    expect(b).toEqual({
      billingAccount: ACCOUNT, amount: 2500.5, currencyCode: 'USD',
      project: expect.stringMatching(/^projects\/\$\{data\.google_project\.[^}]+\.number\}$/), label: 'vertex-training-env=ml',
      thresholds: [0.5, 1], forecastThresholds: [1.2], notifies: ['email ml@acme.example'],
    });
    const markdown = TrainingReport.renderMarkdown(report);
    expect(markdown).toContain('### Budget');
    expect(markdown).toMatch(/\| \$2,500\.50 \| `projects\/.+` labelled `vertex-training-env=ml` \(billing account `01A2B3-C4D5E6-F7A8B9`\) \| 50%, 100% \| 120% \| the billing account's administrators; email ml@acme\.example \|/);
    const without = TrainingReport.of(environmentStack().stack);
    expect(without.environments[0].budget).toBeUndefined();
    expect(TrainingReport.renderMarkdown(without)).not.toContain('### Budget');
  });
});
