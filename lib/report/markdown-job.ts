import { amount, code, count, escapeText, money, NONE, table } from './markdown-text';
import {
  CostEstimateReport, JobReport, JobTriggerReport, PoolCodeReport, PriceCatalogReport, StudyReport, WorkerPoolReport,
} from './report-data';
import { TriggerKind } from '../triggers/trigger';
import { filterClause, windowWords } from './trigger-words';

/*
 * A job's section of the Markdown report: its settings, what runs on each pool, the study or the
 * serving container, which deploys launch it, and what a run costs.
 */

/** What a paused job does, in the report's words. */
export const PAUSED = '**paused**: schedules paused in Cloud Scheduler, event launches ignored with a logged reason; launches by hand still run';

const ALGORITHMS: { readonly [algorithm: string]: string } = {
  ALGORITHM_UNSPECIFIED: 'Bayesian optimization (Vertex AI\'s default)',
  GRID_SEARCH: 'grid search',
  RANDOM_SEARCH: 'random search',
};

/** The section of one job. */
export function jobSection(job: JobReport, prices: PriceCatalogReport): string[] {
  const lines: string[] = [];
  lines.push(`#### ${code(job.jobId)} (${job.kind})${job.paused ? ' — paused' : ''}`, '');
  if (job.paused) lines.push(`- ${PAUSED}`);
  lines.push(`- **Display name:** ${escapeText(job.displayName)}`);
  lines.push(`- **Team:** ${job.team === undefined ? "none (the environment's trainer and artifacts bucket)" : code(job.team)}`);
  if (job.gke !== undefined) {
    const gke = job.gke;
    lines.push(`- **Runs on:** GKE cluster ${code(gke.clusterName)}, a JobSet per run in namespace ${code(gke.namespaceName)}, LocalQueue ${code(gke.localQueue)}${gke.priorityClass === undefined ? '' : `, priority ${code(gke.priorityClass)}`}`);
    for (const placement of gke.placements) lines.push(`  - ${escapeText(placement)}`);
    lines.push(job.checkpoints === undefined
      ? '  - every container also receives `AIP_MODEL_DIR`, `AIP_CHECKPOINT_DIR` and `AIP_TENSORBOARD_LOG_DIR` under the output prefix and the run\'s JobSet name, and `CLUSTER_SPEC` and `TF_CONFIG`, as on Vertex AI'
      : '  - every container also receives `AIP_MODEL_DIR` and `AIP_TENSORBOARD_LOG_DIR` under the output prefix and the run\'s JobSet name, `AIP_CHECKPOINT_DIR` at the shared checkpoint location (below), and `CLUSTER_SPEC` and `TF_CONFIG`, as on Vertex AI');
  }
  if (job.triggers.length === 0) {
    lines.push(`- **Triggers:** none: launched by hand${job.launchCommandOutput === undefined ? '' : ` (${code(`terraform output -raw ${job.launchCommandOutput}`)})`}`);
  } else {
    lines.push('- **Triggers:**');
    for (const trigger of job.triggers) lines.push(`  - ${triggerLine(trigger)}; one run per ${code(trigger.launchKey)}`);
    if (job.launchCommandOutput !== undefined) lines.push(`  - by hand, any time: ${code(`terraform output -raw ${job.launchCommandOutput}`)}`);
  }
  lines.push(`- **Concurrency:** ${escapeText(job.concurrency.description)}`);
  lines.push(...storageLines(job));
  lines.push(`- **Scheduling:** ${schedulingWords(job)}`);
  lines.push(`- **Web access:** ${job.enableWebAccess ? '**on**: interactive shells into the running containers' : 'off'}`);
  if (job.maxTrials !== undefined || job.parallelTrials !== undefined) {
    lines.push(`- **Trials:** ${job.maxTrials ?? NONE} in all, ${job.parallelTrials ?? 1} at a time (quota demand counts every parallel trial)`);
  }
  if (job.modelId !== undefined) lines.push(`- **Registers model:** ${code(job.modelId)} (a new version per run)`);
  lines.push(`- **Output:** ${code(job.outputUriPrefix)}`);
  lines.push(`- **Runs as:** ${code(job.runAs)}`);
  lines.push(`- **Launched by:** ${code(job.launcher)}`);
  if (job.tensorboard !== undefined) lines.push(`- **TensorBoard:** ${code(job.tensorboard)}`);
  if (job.network !== undefined) lines.push(`- **Network:** ${code(job.network)}`);
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
  lines.push(...codeLines(job), '');
  if (job.study) lines.push(...studyLines(job.study), '');
  if (job.servingContainer) {
    const serving = job.servingContainer;
    const routes = [
      serving.predictRoute === undefined ? undefined : `predict ${code(serving.predictRoute)}`,
      serving.healthRoute === undefined ? undefined : `health ${code(serving.healthRoute)}`,
      serving.port === undefined ? undefined : `port ${serving.port}`,
    ].filter((part): part is string => part !== undefined);
    lines.push(`**Serving container:** ${imageWords(serving)}${routes.length === 0 ? '' : `; ${routes.join(', ')}`}`, '');
  }
  lines.push(...launchLines(job), '');
  lines.push(...costLines(job, prices), '');
  return lines;
}

function schedulingWords(job: JobReport): string {
  const fallback = job.gke === undefined ? 'timeout 7 days (Vertex AI\'s default)' : 'timeout 7 days (the default, as on Vertex AI)';
  const parts = [job.schedulingStrategy, job.timeout === undefined ? fallback : `timeout ${job.timeout}`];
  if (job.typicalDuration !== undefined) parts.push(`typically ${job.typicalDuration}`);
  if (job.maxWait !== undefined) parts.push(`waits for capacity up to ${job.maxWait}`);
  if (job.disableRetries === true) parts.push('errors fail the job (no retries)');
  else if (job.restartJobOnWorkerRestart === true) parts.push('the whole job restarts when a worker restarts');
  else parts.push('a restarted worker rejoins the running job');
  return parts.join(', ');
}

/** What runs: one block when every pool runs the same code (the Reduction Server aside), else one per pool. */
function codeLines(job: JobReport): string[] {
  const pools = job.workerPools.filter((pool) => pool.code !== undefined && pool.role !== 'reductionServer');
  const reducer = job.workerPools.find((pool) => pool.role === 'reductionServer');
  const lines: string[] = [];
  // Pools running the same code share one block, in pool order.
  const groups = new Map<string, { roles: string[]; code: PoolCodeReport }>();
  for (const pool of pools) {
    const key = JSON.stringify(pool.code);
    const group = groups.get(key) ?? { roles: [], code: pool.code! };
    group.roles.push(pool.role);
    groups.set(key, group);
  }
  for (const { roles, code: poolCode } of groups.values()) {
    const which = groups.size === 1 ? (roles.length > 1 ? ` (${roles.join(', ')})` : '') : ` of ${roles.join(', ')}`;
    lines.push(`**Code${which}:**`, '');
    lines.push(...codeDetails(poolCode), '');
  }
  if (reducer?.code) {
    if (lines.length > 0 && lines[lines.length - 1] !== '') lines.push('');
    lines.push(`**Reduction Server:** ${imageWords(reducer.code)}${job.reductionServerSizing === undefined ? '' : `; ${escapeText(job.reductionServerSizing)}`}`);
  }
  return lines;
}

function codeDetails(pool: PoolCodeReport): string[] {
  const lines = [`- **Image:** ${imageWords(pool)}`];
  if (pool.command) lines.push(`- **Command:** ${pool.command.map(code).join(' ')}`);
  if (pool.packages) {
    for (const pkg of pool.packages) {
      lines.push(`- **Package:** ${code(pkg.uri)} ${pkg.contentHash === undefined ? '(not uploaded by this stack: its content is not known at synth)' : `(SHA-256 ${code(pkg.contentHash)})`}`);
    }
  }
  if (pool.pythonModule !== undefined) lines.push(`- **Module:** ${code(pool.pythonModule)}`);
  lines.push(`- **Args:** ${pool.args ? pool.args.map(code).join(' ') : 'none'}`);
  lines.push(`- **Env:** ${pool.env ? pool.env.map((v) => code(`${v.name}=${v.value}`)).join(' ') : 'none'}`);
  return lines;
}

function imageWords(image: { imageUri: string; imageDigest?: string; imageTag?: string }): string {
  if (image.imageDigest !== undefined) return `${code(image.imageUri)} (pinned by digest)`;
  if (image.imageTag !== undefined) return `${code(image.imageUri)} (tag ${code(image.imageTag)}: a tag can be moved to another image)`;
  return code(image.imageUri);
}

function studyLines(study: StudyReport): string[] {
  const lines = ['**Study:**', ''];
  lines.push(`- **Optimizes:** ${study.metrics.map((m) => `${m.goal === 'MINIMIZE' ? 'minimize' : 'maximize'} ${code(m.metricId)}`).join('; ')}`);
  lines.push(`- **Algorithm:** ${ALGORITHMS[study.algorithm] ?? code(study.algorithm)}`);
  const failed = study.maxFailedTrials === undefined ? '' : `; the study fails after ${count(study.maxFailedTrials, 'failed trial')}`;
  lines.push(`- **Trials:** ${study.maxTrials} in all, ${study.parallelTrials} at a time${failed}`);
  if (study.measurementSelection !== undefined) lines.push(`- **A trial's result:** ${code(study.measurementSelection)}`);
  lines.push(`- **Early stopping:** ${study.stopping ?? 'none'}`);
  lines.push('');
  lines.push(...table(['Parameter', 'Kind', 'Values', 'Scale', 'Searched'], study.parameters.map((p) => [
    code(p.parameterId),
    p.kind,
    escapeText(p.values),
    p.scale === undefined ? NONE : code(p.scale),
    p.when === undefined ? 'always' : `when ${escapeText(p.when)}`,
  ])));
  return lines;
}

function launchLines(job: JobReport): string[] {
  const manifest = job.manifest;
  const lines = ['**Launch:**', ''];
  const labels = manifest.labelsRelaunch
    ? 'labels included, so a label-only change changes it; `relaunchOnLabelChange: false` leaves them out'
    : 'labels left out (`relaunchOnLabelChange: false`): a label-only change reaches the next run without changing it';
  lines.push(`- **Launch hash:** ${code(manifest.launchHash)}; ${labels}`);
  if (manifest.applyTimeInputs.length === 0) {
    lines.push('- **Apply-time values:** none');
  } else {
    const effect = manifest.launchesOnDeploy ? ', hashed apart: when one changes (a TensorBoard created again gets a new ID), the launch key changes too' : '';
    lines.push(`- **Apply-time values:** ${manifest.applyTimeInputs.map(code).join(', ')} (known only after apply${effect})`);
  }
  if (manifest.launchesOnDeploy && job.paused) {
    lines.push(`- **Paused: a deploy launches nothing** while the job is paused; on resume, a key that never ran (a launch hash or apply-time value changed while paused, or the job first deployed paused) launches once, one run per key ${code(manifest.launchKey ?? '')}`);
  } else if (manifest.launchesOnDeploy) {
    lines.push(`- **A deploy launches a run** when the launch hash or an apply-time value changes: one run per key ${code(manifest.launchKey ?? '')}`);
  } else {
    lines.push('- **Deploys do not launch this job:** its triggers start runs, each with the manifest current at that time');
  }
  lines.push(`- **Manifest:** ${code(manifest.objectName)} in the staging bucket`);
  return lines;
}

function costLines(job: JobReport, prices: PriceCatalogReport): string[] {
  const cost = job.cost;
  const currency = prices.currency;
  const unit = cost.acceleratorUnit === undefined ? 'Accelerator-hours' : `${singular(cost.acceleratorUnit)}-hours`;
  const lines = ['**Cost estimate:**', ''];
  const trials = cost.trials > 1 ? `, each of ${cost.trials} trials (${cost.parallelTrials} at a time)` : '';
  const accelerators = cost.accelerators > 0 ? ` and ${amount(cost.accelerators)} ${cost.accelerators === 1 ? singular(cost.acceleratorUnit ?? '') : cost.acceleratorUnit}` : '';
  lines.push(`- **Size:** ${amount(cost.vcpus)} vCPU${cost.vcpus === 1 ? '' : 's'}${accelerators}${trials}; billed ${escapeText(cost.billedAs)}`);
  lines.push(`- **Per hour:** ${money(cost.hourlyOnDemand, currency)} on-demand, ${money(cost.hourlySpot, currency)} Spot${cost.trials > 1 ? ' (one trial)' : ''}`);
  if (cost.runsPerMonth !== undefined) lines.push(`- **Schedules:** ${amount(cost.runsPerMonth)} runs per month`);
  if (cost.unpriced.length > 0) lines.push(`- **Not priced** (left out of the totals): ${cost.unpriced.map(code).join(', ')}; give prices with the environment's \`prices\``);
  if (job.gke !== undefined) {
    lines.push('- **On GKE:** estimated at the Vertex AI training prices of the catalog; GKE bills the nodes at Compute Engine prices instead, for as long as they run (scale-down delay included), and a pool\'s nodes may be shared with other runs');
  }
  lines.push('');
  const rows = [...cost.perRun.map((e) => ['per run', e] as const), ...(cost.perMonth ? [['per month', cost.perMonth] as const] : [])];
  const spot = cost.billedAs === 'Spot';
  lines.push(...table(['', 'Duration', 'Hours', 'Wall clock (h)', unit, 'vCPU-hours', 'On-demand', 'Spot'], rows.map(([what, e]: readonly [string, CostEstimateReport]) => [
    what,
    escapeText(e.basis),
    amount(e.hours),
    amount(e.wallClockHours),
    cost.accelerators === 0 ? NONE : amount(e.acceleratorHours),
    amount(e.vcpuHours),
    emphasize(money(e.onDemand, currency), !spot && e.onDemand !== undefined),
    emphasize(money(e.spot, currency), spot && e.spot !== undefined),
  ])));
  return lines;
}

/** `GPUs` → `GPU`, `TPU chips` → `TPU chip`. */
function singular(unit: string): string {
  return unit.replace(/s$/, '');
}

function emphasize(text: string, yes: boolean): string {
  return yes ? `**${text}**` : text;
}

function triggerLine(trigger: JobTriggerReport): string {
  switch (trigger.kind) {
    case TriggerKind.SCHEDULE:
      return `schedule ${code(trigger.cron ?? '')}: ${escapeText(trigger.schedule ?? '')}, time zone ${code(trigger.timeZone ?? '')}`;
    case TriggerKind.ON_NEW_DATA: {
      const where = code(`gs://${trigger.bucketName}/${trigger.prefix ?? ''}`);
      const filter = trigger.filter === undefined ? ''
        : `${filterClause(trigger.filter.kind, trigger.filter.value, code)}${trigger.pattern === undefined ? '' : ` (matched as ${code(trigger.pattern)})`}`;
      const parts = [`on new data: every object written under ${where}${trigger.location === undefined ? '' : ` (bucket location ${code(trigger.location)})`}${filter}`];
      if (trigger.coalesceSeconds !== undefined) parts.push(windowWords(trigger.coalesceSeconds, code));
      if (trigger.triggerObjects !== undefined) parts.push(`the run gets \`VT_TRIGGER_OBJECTS\`: ${escapeText(trigger.triggerObjects)}`);
      return parts.join('; ');
    }
    default:
      return 'on change: every deploy that changes the launch hash or an apply-time value (below) launches one run';
  }
}

/** The shared checkpoints, the retention and the lifecycle rules they put on the job's buckets. */
function storageLines(job: JobReport): string[] {
  const lines: string[] = [];
  const checkpoints = job.checkpoints;
  if (checkpoints) {
    const age = checkpoints.maxAge === undefined ? '' : `; live checkpoint objects deleted at ${escapeText(checkpoints.maxAge)} old`;
    const env = job.gke !== undefined
      ? 'both `AIP_CHECKPOINT_DIR` and `VT_CHECKPOINT_DIR` hold it in every container'
      : '`VT_CHECKPOINT_DIR` holds it in every container and is the one to rely on; `AIP_CHECKPOINT_DIR` is set to it too, but whether Vertex AI keeps that rather than its per-run directory is unconfirmed';
    lines.push(`- **Checkpoints:** shared by the runs at ${code(checkpoints.uri)} (${env}); `
      + `${count(checkpoints.keepLast, 'version')} of each checkpoint object kept${age}`);
  }
  const retention = job.retention;
  if (retention) {
    const outputs = retention.runOutputs === undefined ? 'run outputs kept' : `run outputs deleted at ${escapeText(retention.runOutputs)} old`;
    const manifests = retention.manifests !== undefined ? `replaced manifests deleted ${escapeText(retention.manifests)} after they were replaced`
      : retention.stagingNoncurrentDays !== undefined ? `replaced manifests deleted ${count(retention.stagingNoncurrentDays, 'day')} after they were replaced (the staging bucket's noncurrent-version retention)`
        : 'replaced manifests kept as the imported staging bucket keeps noncurrent versions';
    lines.push(`- **Retention:** ${outputs}; ${manifests}; the current manifest is never deleted`);
  }
  if (job.lifecycleRules && job.lifecycleRules.length > 0) {
    lines.push('- **Lifecycle rules** (Delete):');
    for (const rule of job.lifecycleRules) {
      const added = rule.applied ? '' : ' — **not added**: the bucket is imported, add the rule to its lifecycle configuration (synth warns with it)';
      lines.push(`  - ${code(rule.field)}: ${code(`gs://${rule.bucket}/${rule.prefix}`)}, ${escapeText(rule.deletes)}; condition ${code(rule.condition)}${added}`);
    }
  }
  return lines;
}

/** A pool in the jobs table: `3 × a2-highgpu-8g (8 × NVIDIA_TESLA_A100)`. */
export function poolSummary(pool: WorkerPoolReport): string {
  const accelerator = pool.accelerator === undefined ? '' : ` (${pool.accelerator})`;
  return `${pool.replicaCount} × ${code(pool.machineType)}${accelerator}`;
}
