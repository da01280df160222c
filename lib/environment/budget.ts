import { ITerraformDependable, Token } from 'cdktf';
import { Construct } from 'constructs';
import type { BillingBudget as GoogleBillingBudget } from '@cdktf/provider-google/lib/billing-budget';
import { lazy } from '../core/lazy';
import { FieldProblem, problemsOf, throwProblems } from '../core/validation';

/** The budget's provider class, loaded only by an environment that declares a budget. */
const google = lazy({
  BillingBudget: (): typeof GoogleBillingBudget => require('@cdktf/provider-google/lib/billing-budget').BillingBudget,
});

/** A monthly Cloud Billing budget for an environment's spend. */
export interface BudgetOptions {
  /**
   * The Cloud Billing account that pays for the project: `XXXXXX-XXXXXX-XXXXXX` (upper-case hex; a
   * `billingAccounts/` prefix is accepted and dropped). The deployer needs
   * `billing.budgets.create` on it (e.g. `roles/billing.costsManager`).
   */
  readonly billingAccount: string;
  /** The monthly amount, in units of `currencyCode` (decimals are kept to the nano). Greater than 0. */
  readonly amount: number;
  /**
   * ISO 4217 code of `amount`; it must be the billing account's currency (the Budget API refuses another).
   * @default 'USD'
   */
  readonly currencyCode?: string;
  /**
   * Fractions of `amount` whose crossing by the month's actual spend notifies (1.0 = the whole
   * amount). Each in (0, 10], at most 10, no duplicates.
   * @default [0.5, 0.9, 1.0]
   */
  readonly thresholds?: number[];
  /**
   * Fractions of `amount` whose crossing by the month's forecast spend notifies. Each in (0, 10],
   * at most 10, no duplicates; `[]` for none.
   * @default [1.0]
   */
  readonly forecastThresholds?: number[];
}

/** Properties of {@link BillingBudget}. */
export interface BillingBudgetProps extends BudgetOptions {
  /** The environment's project number (the budget counts this project's spend). */
  readonly projectNumber: string;
  /** Prefix of derived names. */
  readonly prefix: string;
  /** The label key every resource of the environment carries. */
  readonly labelKey: string;
  /** Its value for this environment. */
  readonly labelValue: string;
  /** Resource names of the Cloud Monitoring channels to notify (at most 5). */
  readonly notificationChannels: string[];
  /** Who those channels reach, in words, in the same order (for messages and reports). */
  readonly recipients: string[];
  /** What the budget depends on (the Billing Budget API, the channels). */
  readonly dependsOn: ITerraformDependable[];
}

/** The Budget API's limit on `allUpdatesRule.monitoringNotificationChannels`. */
const MAX_BUDGET_CHANNELS = 5;
/** How many thresholds of one kind a budget takes (the library's limit: more is noise). */
const MAX_BUDGET_THRESHOLDS = 10;

const BILLING_ACCOUNT = /^[0-9A-F]{6}-[0-9A-F]{6}-[0-9A-F]{6}$/;
const CURRENCY = /^[A-Z]{3}$/;
/** Beyond this an amount loses its nanos in a double; no training budget is near it. */
const MAX_AMOUNT = 1e12;

/**
 * A Cloud Billing budget on the environment's spend: this month's costs of the environment's
 * project that carry the environment's label (`vertex-training-env: <prefix>`: its jobs, buckets,
 * keys and repositories), with notifications at fractions of the amount, actual and forecast, sent
 * to the environment's notification channels (the same as the launcher's alerts) and to the
 * billing account's administrators.
 */
export class BillingBudget extends Construct {
  /** The `google_billing_budget`. */
  public readonly budget: GoogleBillingBudget;
  /** The billing account, without a `billingAccounts/` prefix. */
  public readonly billingAccount: string;
  /** The monthly amount. */
  public readonly amount: number;
  /** Its currency. */
  public readonly currencyCode: string;
  /** Fractions of the amount, of actual spend, that notify. */
  public readonly thresholds: number[];
  /** Fractions of the amount, of forecast spend, that notify. */
  public readonly forecastThresholds: number[];
  /** Who the channels reach, in words: `email ADDRESS`, `Pub/Sub topic TOPIC`, `channel NAME`. */
  public readonly recipients: string[];

  constructor(scope: Construct, id: string, props: BillingBudgetProps) {
    super(scope, id);
    const settings = budgetSettings(props);
    this.billingAccount = settings.billingAccount;
    this.amount = settings.amount;
    this.currencyCode = settings.currencyCode;
    this.thresholds = settings.thresholds;
    this.forecastThresholds = settings.forecastThresholds;
    this.recipients = [...props.recipients];
    throwProblems(this, [...settingsProblems(settings), ...channelProblems(props.recipients)]);

    const [units, nanos] = amountParts(this.amount);
    this.budget = new google.BillingBudget(this, 'budget', {
      billingAccount: this.billingAccount,
      displayName: `${props.prefix} Vertex AI training`,
      budgetFilter: {
        projects: [`projects/${props.projectNumber}`],
        // The Budget API takes a single label pair.
        labels: { [props.labelKey]: props.labelValue },
        calendarPeriod: 'MONTH',
      },
      amount: { specifiedAmount: { currencyCode: this.currencyCode, units, ...(nanos !== 0 ? { nanos } : {}) } },
      thresholdRules: [
        ...this.thresholds.map((t) => ({ thresholdPercent: t, spendBasis: 'CURRENT_SPEND' })),
        ...this.forecastThresholds.map((t) => ({ thresholdPercent: t, spendBasis: 'FORECASTED_SPEND' })),
      ],
      allUpdatesRule: {
        ...(props.notificationChannels.length > 0 ? { monitoringNotificationChannels: props.notificationChannels } : {}),
        disableDefaultIamRecipients: false,
      },
      dependsOn: props.dependsOn,
    });
  }
}

/**
 * Every problem of a budget's options, with the `budget.` field names of the environment's props;
 * none without a budget. Pure, so that an environment reports them with the problems of its other
 * props (the channel count is checked by {@link BillingBudget}, once the channels are known).
 */
export function budgetProblems(options: BudgetOptions | undefined): FieldProblem[] {
  return options === undefined ? [] : settingsProblems(budgetSettings(options));
}

/** A budget's options with their defaults; the billing account without a `billingAccounts/` prefix. */
interface BudgetSettings {
  readonly billingAccount: string;
  readonly amount: number;
  readonly currencyCode: string;
  readonly thresholds: number[];
  readonly forecastThresholds: number[];
}

function budgetSettings(options: BudgetOptions): BudgetSettings {
  return {
    billingAccount: Token.isUnresolved(options.billingAccount) ? options.billingAccount : String(options.billingAccount).replace(/^billingAccounts\//, ''),
    amount: options.amount,
    currencyCode: options.currencyCode ?? 'USD',
    thresholds: copied(options.thresholds ?? [0.5, 0.9, 1.0]),
    forecastThresholds: copied(options.forecastThresholds ?? [1.0]),
  };
}

/** A copy of a list; anything else as it is, for thresholdProblems to name. */
function copied(list: number[]): number[] {
  return Array.isArray(list) ? [...list] : list;
}

function settingsProblems({ billingAccount, amount, currencyCode, thresholds, forecastThresholds }: BudgetSettings): FieldProblem[] {
  return [
    ...problemsOf('budget.billingAccount', billingAccount, (v) => {
      if (BILLING_ACCOUNT.test(v)) return undefined;
      const upper = v.toUpperCase();
      const hint = upper !== v && BILLING_ACCOUNT.test(upper) ? ` (did you mean "${upper}"?)` : '';
      return `must be a billing account ID of the form XXXXXX-XXXXXX-XXXXXX, upper-case hexadecimal${hint}`;
    }),
    ...problemsOf('budget.amount', amount, (v) =>
      typeof v === 'number' && Number.isFinite(v) && v > 0 && v <= MAX_AMOUNT ? undefined : `must be a number of currency units greater than 0 (at most ${MAX_AMOUNT})`),
    ...problemsOf('budget.currencyCode', currencyCode, (v) => CURRENCY.test(v) ? undefined : 'must be an ISO 4217 currency code: three upper-case letters, e.g. USD, EUR'),
    ...thresholdProblems('budget.thresholds', thresholds),
    ...thresholdProblems('budget.forecastThresholds', forecastThresholds),
    ...(thresholds.length + forecastThresholds.length === 0
      ? [{ field: 'budget.thresholds', value: thresholds, allowed: 'needs at least one threshold, of actual or forecast spend: a budget without one never notifies' }]
      : []),
  ];
}

/** More channels than the Budget API takes: the environment's alerts and its budget share them. */
function channelProblems(recipients: string[]): FieldProblem[] {
  return recipients.length <= MAX_BUDGET_CHANNELS ? [] : [{
    field: 'alerts',
    value: recipients.length,
    allowed: `at most ${MAX_BUDGET_CHANNELS} notification channels with a budget, which notifies the alerts' channels and the Budget API takes ${MAX_BUDGET_CHANNELS}: ${recipients.join(', ')}; `
      + 'group some recipients behind one channel (an email list, a Pub/Sub topic)',
  }];
}

function thresholdProblems(field: string, thresholds: number[]): FieldProblem[] {
  if (!Array.isArray(thresholds)) return [{ field, value: thresholds, allowed: 'must be a list of numbers' }];
  const seen = new Set<number>();
  const problems: FieldProblem[] = thresholds.flatMap((t, i) => problemsOf(`${field}[${i}]`, t, (v) => {
    if (typeof v !== 'number' || !Number.isFinite(v) || v <= 0 || v > 10) return 'must be a fraction of the amount greater than 0 and at most 10 (1.0 = the whole amount)';
    if (seen.has(v)) return 'is a duplicate: each threshold once';
    seen.add(v);
    return undefined;
  }));
  if (thresholds.length > MAX_BUDGET_THRESHOLDS) problems.push({ field, value: thresholds, allowed: `at most ${MAX_BUDGET_THRESHOLDS} thresholds (${thresholds.length} given)` });
  return problems;
}

/** An amount as the Budget API's Money: whole units (a string) and nanos (none for a token). */
function amountParts(amount: number): [string, number] {
  if (Token.isUnresolved(amount)) return [Token.asString(amount), 0];
  const [units, fraction = ''] = amount.toFixed(9).split('.');
  return [units, Number(fraction.padEnd(9, '0'))];
}
