import type { jobSection, poolSummary } from './markdown-job';
import type { gkeSection } from './markdown-gke';
import { code, count, escapeText, money, NONE, table } from './markdown-text';
import { secondsInWords } from '../core/durations';
import { EnvironmentReport, JobTriggerReport, QuotaReportRow, QuotaStatus, TrainingReportData } from './report-data';
import { COMPUTE_QUOTA_SERVICE } from '../catalog/compute-quota-service';
import { QuotaPlanCheck } from '../quota/training-quotas';
import { ObjectFilterKind } from '../triggers/object-filter';
import { TriggerKind } from '../triggers/trigger';
import { lazy } from '../core/lazy';

/*
 * The Markdown of the training report, for a pull request: a summary and what relaunches, then per
 * environment its names, identities, keys, teams and prices, its jobs (what runs, launch hash,
 * cost), alerts and quota table, then the acknowledged policy exceptions. A pure function of the
 * report data: no dates but the price catalog's, no machine paths.
 */

/** Job sections, loaded with the first job: an environment alone has none. */
const deferred = lazy({
  jobSection: (): typeof jobSection => require('./markdown-job').jobSection,
  poolSummary: (): typeof poolSummary => require('./markdown-job').poolSummary,
  gkeSection: (): typeof gkeSection => require('./markdown-gke').gkeSection,
});

/** Renders the report as GitHub-flavoured Markdown, ending with one newline. */
export function renderTrainingReportMarkdown(data: TrainingReportData): string {
  const lines: string[] = [];
  const jobs = data.environments.flatMap((env) => env.jobs);
  const onDeploy = jobs.filter((job) => job.manifest.launchesOnDeploy && !job.paused).map((job) => code(job.jobId));
  const paused = jobs.filter((job) => job.paused).map((job) => code(job.jobId));
  lines.push(`# Training report: ${code(data.stack)}`, '');
  lines.push(`${count(jobs.length, 'job')} in ${count(data.environments.length, 'environment')}; ${count(data.policyExceptions.length, 'acknowledged policy exception')}.`);
  lines.push('Generated at synth by cdktf-vertex-training: its diff is the change. Names known at synth are shown as their values; `${...}` is a value Terraform knows only after apply.', '');
  lines.push(`**What a deploy launches:** ${onDeploy.length === 0 ? 'nothing: no job launches on change.' : `a run of ${onDeploy.join(', ')} whenever its launch hash or one of its apply-time values changes.`}`
    + ' A launch hash covers everything the run receives that is known at synth (code, pools, scheduling, study, serving container, identities, keys, output, network, display name and, unless `relaunchOnLabelChange` is false, labels),'
    + ' so a changed launch hash of an on-change job in this report is a run on deploy. The launch hash of any other job changes no run by itself: its triggers start runs with the manifest current at that time.', '');
  if (paused.length > 0) {
    lines.push(`**Paused:** ${paused.join(', ')}: schedules paused in Cloud Scheduler, event launches (a schedule's firing, on change, new data) ignored with a logged reason; launches by hand still run. Resuming launches nothing by itself, except an on-change job whose launch key never ran: one whose launch hash or apply-time values changed while it was paused, or one deployed paused for the first time, launches once.`, '');
  }
  for (const env of data.environments) lines.push(...environmentSection(env));
  lines.push(...policySection(data));
  return `${lines.join('\n').replace(/\n{3,}/g, '\n\n').trimEnd()}\n`;
}

function environmentSection(env: EnvironmentReport): string[] {
  const lines: string[] = [];
  lines.push(`## Environment ${code(env.path)}`, '');
  lines.push(...table(['Setting', 'Value'], [
    ['Project', code(env.projectId)],
    ['Region', code(env.region)],
    ['Name prefix', code(env.prefix)],
    ['Trainer (default run-as identity)', code(env.trainer)],
    ['Launcher (creates every run)', code(env.launcher)],
    ['Staging bucket (packages, manifests)', code(env.names.stagingBucket)],
    ['Artifacts bucket', code(env.names.artifactsBucket)],
    ['Data bucket', code(env.names.dataBucket)],
    ['Docker repository', code(env.names.dockerRepository)],
    ['Python repository', code(env.names.pythonRepository)],
    ...(env.names.tensorboard === undefined ? [] : [['TensorBoard', code(env.names.tensorboard)]]),
    ...(env.names.metadataStore === undefined ? [] : [['Vertex AI metadata store (Experiments)', code(env.names.metadataStore)]]),
    ['Vertex AI key (jobs, TensorBoard, datasets, metadata store)', code(env.keys.vertexKey)],
    ['Storage key (buckets)', code(env.keys.storageKey)],
    ['Registry key (repositories)', code(env.keys.registryKey)],
    ...(env.keys.workflowsKey === undefined ? [] : [['Workflows key (the launcher)', code(env.keys.workflowsKey)]]),
    ...(env.keys.pubsubKey === undefined ? [] : [['Pub/Sub key (schedule launch requests)', code(env.keys.pubsubKey)]]),
    ...(env.keys.eventarcKey === undefined ? [] : [['Eventarc key (Cloud Storage events)', code(env.keys.eventarcKey)]]),
    ['A label-only change launches on-change jobs', env.relaunchOnLabelChange ? 'yes (`relaunchOnLabelChange`, default true)' : 'no (`relaunchOnLabelChange: false`)'],
    ['Prices of the cost estimates', pricesWords(env)],
  ]), '');
  if (env.teams.length > 0) {
    lines.push('### Teams', '');
    lines.push(...table(['Team', 'Runs as', 'Data bucket', 'Artifacts bucket'], env.teams.map((team) => [
      code(team.name), code(team.trainer), code(team.dataBucket), code(team.artifactsBucket),
    ])), '');
  }

  lines.push('### Jobs', '');
  if (env.jobs.length === 0) {
    lines.push('No jobs.', '');
  } else {
    const currency = env.prices.currency;
    lines.push(...table(['Job', 'Kind', 'Team', 'Triggers', 'Worker pools', 'Strategy', 'Per run at the timeout (on-demand / Spot)', 'Launch hash'], env.jobs.map((job) => [
      code(job.jobId),
      job.kind,
      job.team === undefined ? NONE : code(job.team),
      `${job.paused ? '**paused**: ' : ''}${job.triggers.length === 0 ? 'by hand' : job.triggers.map(triggerSummary).join('; ')}`,
      job.workerPools.map(deferred.poolSummary).join(' + '),
      job.schedulingStrategy,
      `${money(job.cost.perRun[0].onDemand, currency)} / ${money(job.cost.perRun[0].spot, currency)}`,
      `${code(job.manifest.launchHash.slice(0, 24))}${job.manifest.launchesOnDeploy ? ' (launches on deploy)' : ''}`,
    ])), '');
    for (const job of env.jobs) lines.push(...deferred.jobSection(job, env.prices));
  }

  if (env.alerts.length > 0) {
    lines.push('### Alerts', '');
    lines.push(...table(['Alert', 'Counts', 'Notifies'], env.alerts.map((alert) => [
      escapeText(alert.name),
      escapeText(alert.signal),
      alert.notifies.length === 0 ? '**no one**: incidents open in the Cloud Monitoring console only' : alert.notifies.map(escapeText).join('; '),
    ])), '');
  }

  if (env.budget) {
    const b = env.budget;
    const percents = (fractions: number[]): string => (fractions.length === 0 ? NONE : fractions.map((f) => `${+(f * 100).toFixed(4)}%`).join(', '));
    lines.push('### Budget', '');
    lines.push(...table(['Monthly amount', 'Counts', 'Actual spend at', 'Forecast spend at', 'Notifies'], [[
      money(b.amount, b.currencyCode),
      `${code(b.project)} labelled ${code(b.label)} (billing account ${code(b.billingAccount)})`,
      percents(b.thresholds),
      percents(b.forecastThresholds),
      ['the billing account\'s administrators', ...b.notifies].map(escapeText).join('; '),
    ]]), '');
  }

  lines.push('### Quota demand against declared limits', '');
  if (env.quotas.length === 0) {
    lines.push('No quota demand.', '');
  } else {
    lines.push(...table(['Region', 'Quota', 'Demand', 'Limit', 'Status', 'At terraform plan', 'Demand by job'], env.quotas.map((row) => [
      code(row.region),
      code(row.metric),
      `${row.demand} ${row.unit}`,
      row.limit === undefined ? NONE : String(row.limit),
      quotaStatus(row),
      planCheck(row),
      row.contributions.join(', '),
    ])), '');
  }
  if (env.teamQuotaShares !== undefined) {
    lines.push('### Team shares of Vertex AI quotas', '');
    lines.push(...table(['Team', 'Region', 'Quota', 'Demand', 'Share', 'Status', 'Demand by job'], env.teamQuotaShares.map((row) => [
      code(row.team),
      code(row.region),
      code(row.metric),
      `${row.demand} ${row.unit}`,
      String(row.share),
      row.status === QuotaStatus.OVER_LIMIT ? '**over the share**' : 'within the share',
      row.contributions.length === 0 ? NONE : row.contributions.join(', '),
    ])), '');
  }
  if (env.gke !== undefined) lines.push(...deferred.gkeSection(env.gke));
  return lines;
}

function planCheck(row: QuotaReportRow): string {
  if (row.service === COMPUTE_QUOTA_SERVICE) return 'not checked (Compute Engine: synth only)';
  switch (row.checkedAtPlan) {
    case QuotaPlanCheck.BLOCKS_PLAN:
      return 'checked: a shortfall fails the plan';
    case QuotaPlanCheck.WARNS:
      return 'checked: a shortfall warns (the increase is requested)';
    default:
      return NONE;
  }
}

function pricesWords(env: EnvironmentReport): string {
  const prices = env.prices;
  const given = prices.overridden.length === 0 ? '' : `; given by the environment: ${prices.overridden.map(escapeText).join(', ')}`;
  const region = env.region === prices.region ? '' : ` (rates of ${prices.region}, estimated for ${env.region})`;
  return `${prices.currency} prices of ${prices.date} from ${escapeText(prices.source)}${region}${given}. Override with the environment's \`prices\``;
}

function policySection(data: TrainingReportData): string[] {
  const lines = ['## Acknowledged policy exceptions', ''];
  if (data.policyExceptions.length === 0) {
    lines.push('None: every policy rule is enforced.', '');
    return lines;
  }
  lines.push(...table(['Construct', 'Terraform address', 'Rule', 'Reason', 'What the rule found'], data.policyExceptions.map((e) => [
    code(e.path),
    e.address === undefined ? NONE : code(e.address),
    code(e.ruleId),
    `${escapeText(e.reason)}${e.acknowledgedAt === undefined ? '' : ` (acknowledged on ${code(e.acknowledgedAt)})`}`,
    e.problems === undefined || e.problems.length === 0 ? NONE : e.problems.map(escapeText).join('; '),
  ])), '');
  return lines;
}

function triggerSummary(trigger: JobTriggerReport): string {
  switch (trigger.kind) {
    case TriggerKind.SCHEDULE:
      return `${escapeText(trigger.schedule ?? '')} (${code(trigger.timeZone ?? '')})`;
    case TriggerKind.ON_NEW_DATA: {
      const where = code(`gs://${trigger.bucketName}/${trigger.prefix ?? ''}`);
      const filter = trigger.filter;
      const what = filter === undefined ? `new data under ${where}`
        : filter.kind === ObjectFilterKind.MARKER ? `${code(filter.value)} markers under ${where}`
          : filter.kind === ObjectFilterKind.SUFFIX ? `new ${code(`*${filter.value}`)} under ${where}`
            : `new data under ${where} matching ${code(filter.value)}`;
      return trigger.coalesceSeconds === undefined ? what : `${what}, one run per ${secondsInWords(trigger.coalesceSeconds)}`;
    }
    default:
      return 'on change';
  }
}

function quotaStatus(row: QuotaReportRow): string {
  switch (row.status) {
    case QuotaStatus.OVER_LIMIT:
      return row.increaseRequested ? '**over the limit**: increase requested' : '**over the limit**';
    case QuotaStatus.WITHIN_LIMIT:
      return 'within the limit';
    default:
      return 'no declared limit';
  }
}
