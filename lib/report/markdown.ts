import {
  EnvironmentReport, JobReport, JobTriggerReport, QuotaReportRow, QuotaStatus, TrainingReportData, WorkerPoolReport,
} from './report-data';
import { QuotaPlanCheck } from '../quota/training-quotas';
import { TriggerKind } from '../triggers/trigger';

/*
 * The Markdown of the training report, for a pull request: a summary, then per environment its
 * identities, keys, jobs (with their pools) and quota table, then the acknowledged policy
 * exceptions. A pure function of the report data: no dates, no machine paths.
 */

const NONE = '—';

/** Renders the report as GitHub-flavoured Markdown, ending with one newline. */
export function renderTrainingReportMarkdown(data: TrainingReportData): string {
  const lines: string[] = [];
  const jobCount = data.environments.reduce((sum, env) => sum + env.jobs.length, 0);
  lines.push(`# Training report: ${code(data.stack)}`, '');
  lines.push(`${count(jobCount, 'job')} in ${count(data.environments.length, 'environment')}; ${count(data.policyExceptions.length, 'acknowledged policy exception')}.`);
  lines.push('Generated at synth by cdktf-vertex-training: its diff is the change. `${...}` values are Terraform references, known after apply.', '');
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
    ['Vertex AI key (jobs, TensorBoard, datasets)', code(env.keys.vertexKey)],
    ['Storage key (buckets)', code(env.keys.storageKey)],
    ['Registry key (repositories)', code(env.keys.registryKey)],
    ...(env.keys.workflowsKey === undefined ? [] : [['Workflows key (the launcher)', code(env.keys.workflowsKey)]]),
    ...(env.keys.pubsubKey === undefined ? [] : [['Pub/Sub key (schedule launch requests)', code(env.keys.pubsubKey)]]),
    ...(env.keys.eventarcKey === undefined ? [] : [['Eventarc key (Cloud Storage events)', code(env.keys.eventarcKey)]]),
  ]), '');

  lines.push('### Jobs', '');
  if (env.jobs.length === 0) {
    lines.push('No jobs.', '');
  } else {
    lines.push(...table(['Job', 'Kind', 'Team', 'Triggers', 'Worker pools', 'Strategy'], env.jobs.map((job) => [
      code(job.jobId),
      job.kind,
      job.team === undefined ? NONE : code(job.team),
      job.triggers.length === 0 ? 'by hand' : job.triggers.map(triggerSummary).join('; '),
      job.workerPools.map(poolSummary).join(' + '),
      job.schedulingStrategy,
    ])), '');
    for (const job of env.jobs) lines.push(...jobSection(job));
  }

  if (env.alerts.length > 0) {
    lines.push('### Alerts', '');
    lines.push(...table(['Alert', 'Counts', 'Notifies'], env.alerts.map((alert) => [
      escapeText(alert.name),
      escapeText(alert.signal),
      alert.notifies.length === 0 ? '**no one**: incidents open in the Cloud Monitoring console only' : alert.notifies.map(escapeText).join('; '),
    ])), '');
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
  return lines;
}

function planCheck(row: QuotaReportRow): string {
  switch (row.checkedAtPlan) {
    case QuotaPlanCheck.BLOCKS_PLAN:
      return 'checked: a shortfall fails the plan';
    case QuotaPlanCheck.WARNS:
      return 'checked: a shortfall warns (the increase is requested)';
    default:
      return NONE;
  }
}

function jobSection(job: JobReport): string[] {
  const lines: string[] = [];
  lines.push(`#### ${code(job.jobId)} (${job.kind})`, '');
  lines.push(`- **Display name:** ${escapeText(job.displayName)}`);
  lines.push(`- **Team:** ${job.team === undefined ? "none (the environment's trainer and artifacts bucket)" : code(job.team)}`);
  if (job.triggers.length === 0) {
    lines.push(`- **Triggers:** none: launched by hand${job.launchCommandOutput === undefined ? '' : ` (${code(`terraform output -raw ${job.launchCommandOutput}`)})`}`);
  } else {
    lines.push('- **Triggers:**');
    for (const trigger of job.triggers) lines.push(`  - ${triggerLine(trigger)}; one run per ${code(trigger.launchKey)}`);
    if (job.launchCommandOutput !== undefined) lines.push(`  - by hand, any time: ${code(`terraform output -raw ${job.launchCommandOutput}`)}`);
  }
  const scheduling = [job.schedulingStrategy, job.timeout === undefined ? undefined : `timeout ${job.timeout}`].filter((s) => s !== undefined);
  lines.push(`- **Scheduling:** ${scheduling.join(', ')}`);
  if (job.maxTrials !== undefined || job.parallelTrials !== undefined) {
    lines.push(`- **Trials:** ${job.maxTrials ?? NONE} in all, ${job.parallelTrials ?? 1} at a time (quota demand counts every parallel trial)`);
  }
  if (job.modelId !== undefined) lines.push(`- **Registers model:** ${code(job.modelId)} (a new version per run)`);
  lines.push(`- **Output:** ${code(job.outputUriPrefix)}`);
  lines.push(`- **Runs as:** ${code(job.runAs)}`);
  lines.push(`- **Launched by:** ${code(job.launcher)}`);
  lines.push(`- **Keys:** Vertex AI ${code(job.keys.vertexKey)}; storage ${code(job.keys.storageKey)}; registry ${code(job.keys.registryKey)}`);
  if (job.quotaDemand.length > 0) {
    lines.push(`- **Quota demand:** ${job.quotaDemand.map((d) => `${d.amount} ${d.unit} of ${code(d.metric)} in ${code(d.region)}`).join('; ')}`);
  }
  lines.push('');
  lines.push(...table(['Pool', 'Machine type', 'Accelerators per replica', 'TPU topology', 'Replicas', 'Boot disk', 'Reservation'], job.workerPools.map((pool) => [
    pool.role,
    code(pool.machineType),
    pool.accelerator ?? NONE,
    pool.tpuTopology === undefined ? NONE : code(pool.tpuTopology),
    String(pool.replicaCount),
    pool.bootDisk,
    pool.reservation ?? NONE,
  ])), '');
  return lines;
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
    case TriggerKind.ON_NEW_DATA:
      return `new data under ${code(`gs://${trigger.bucketName}/${trigger.prefix ?? ''}`)}`;
    default:
      return 'on change';
  }
}

function triggerLine(trigger: JobTriggerReport): string {
  switch (trigger.kind) {
    case TriggerKind.SCHEDULE:
      return `schedule ${code(trigger.cron ?? '')}: ${escapeText(trigger.schedule ?? '')}, time zone ${code(trigger.timeZone ?? '')}`;
    case TriggerKind.ON_NEW_DATA: {
      const where = code(`gs://${trigger.bucketName}/${trigger.prefix ?? ''}`);
      return `on new data: every object written under ${where}${trigger.location === undefined ? '' : ` (bucket location ${code(trigger.location)})`}`;
    }
    default:
      return 'on change: every deploy that changes the request body launches one run';
  }
}

function poolSummary(pool: WorkerPoolReport): string {
  const accelerator = pool.accelerator === undefined ? '' : ` (${pool.accelerator})`;
  return `${pool.replicaCount} × ${code(pool.machineType)}${accelerator}`;
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

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

/** A Markdown table; cells are escaped for the pipe and line breaks. */
function table(header: readonly string[], rows: readonly (readonly string[])[]): string[] {
  const line = (cells: readonly string[]) => `| ${cells.map(cell).join(' | ')} |`;
  return [line(header), `|${header.map(() => ' --- ').join('|')}|`, ...rows.map(line)];
}

function cell(text: string): string {
  return text.replace(/\r?\n/g, ' ').replace(/\|/g, '\\|');
}

/** An inline code span that holds any text (backticks included). */
function code(text: string): string {
  const longest = Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  const pad = longest > 0 || text.startsWith(' ') || text.endsWith(' ') ? ' ' : '';
  return `${fence}${pad}${text}${pad}${fence}`;
}

/** Plain text that Markdown would otherwise format (`*`, `<`, `[`, an `_` that starts or ends a word, ...). */
function escapeText(text: string): string {
  return text
    .replace(/[\\`*[\]<>]/g, (c) => `\\${c}`)
    .replace(/(^|[^A-Za-z0-9])_|_(?![A-Za-z0-9])/g, (match) => match.replace('_', '\\_'));
}
