import { existsSync, mkdtempSync, readFileSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { App, TerraformStack, Testing } from 'cdktf';
import { EXAMPLE_STACKS, EXAMPLES } from '../../examples/stacks';
import { QuotaStatus, TrainingReport, TrainingReportData } from '../../lib/report';

/**
 * The training report of every example stack (issue 6, "Training report"): the Markdown as written
 * at synth (snapshot), the JSON's structure, determinism, and where `app.synth()` writes both files.
 */

const names = Object.keys(EXAMPLE_STACKS).sort();
const temporary: string[] = [];

afterAll(() => {
  for (const dir of temporary) rmSync(dir, { recursive: true, force: true });
});

interface Written {
  readonly markdown: string;
  readonly json: string;
  readonly stack: TerraformStack;
}

/** Builds the example in a fresh app and synthesizes it with `Testing.fullSynth`, reading back both files. */
function synthExample(name: string): Written {
  const stack = EXAMPLE_STACKS[name](Testing.app(), name);
  TrainingReport.writeOnSynth(stack);
  const outdir = Testing.fullSynth(stack);
  temporary.push(outdir);
  const directory = join(outdir, 'stacks', name);
  return {
    markdown: readFileSync(join(directory, 'training-report.md'), 'utf8'),
    json: readFileSync(join(directory, 'training-report.json'), 'utf8'),
    stack,
  };
}

const JOB_KINDS = ['CustomJob', 'HyperparameterTuningJob', 'TrainingPipeline'];
const POOL_ROLES = ['primary', 'workers', 'parameterServers', 'reductionServer', 'evaluators'];
const sortedCopy = (values: readonly string[]) => [...values].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
const EMAIL = /^[a-z][a-z0-9-]{4,28}[a-z0-9]@[a-z][a-z0-9-]+\.iam\.gserviceaccount\.com$/;
/**
 * What may stay a Terraform reference in a report: what Terraform learns only at apply (a
 * TensorBoard's server-assigned ID, a project number), and the shell-style variables of Vertex AI
 * that code receives as written.
 */
const APPLY_TIME = /^\$\{(google_vertex_ai_tensorboard\.[\w-]+\.id|data\.google_project\.[\w-]+\.number|AIP_[A-Z_]+)\}$/;

describe.each(names)('%s', (name) => {
  const written = synthExample(name);
  const data: TrainingReportData = JSON.parse(written.json);

  test('Markdown report matches its snapshot', () => {
    expect(written.markdown).toMatchSnapshot();
  });

  test('the written files are the report of the synthesized stack', () => {
    const report = TrainingReport.of(written.stack);
    expect(written.json).toBe(TrainingReport.renderJson(report));
    expect(written.markdown).toBe(TrainingReport.renderMarkdown(report));
  });

  test('two synths write byte-identical reports', () => {
    const again = synthExample(name);
    expect(again.markdown).toBe(written.markdown);
    expect(again.json).toBe(written.json);
  });

  test('names, not references: every ${...} left is a value known only at apply', () => {
    const references = [...written.json.matchAll(/\$\{[^{}]*\}/g)].map((m) => m[0]);
    expect(references.filter((r) => !APPLY_TIME.test(r))).toEqual([]);
  });

  test('no unresolved token, machine path or timestamp', () => {
    for (const text of [written.markdown, written.json]) {
      expect(text).not.toMatch(/\$\{Token\[|TfToken|\$\{TfToken/);
      expect(text).not.toContain(process.cwd());
      expect(text).not.toContain(tmpdir());
      expect(text).not.toMatch(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/);
    }
  });

  // The stacks of a multi-stack example split this between them: test/report/gke-report.test.ts.
  if (name in EXAMPLES) test('JSON structure: the stack, its environments, every job with pools, identities, keys and quota rows', () => {
    expect(Object.keys(data).sort()).toEqual(['environments', 'formatVersion', 'policyExceptions', 'stack']);
    expect(data.formatVersion).toBe(1);
    expect(data.stack).toBe(name);
    expect(data.environments.length).toBeGreaterThan(0);
    expect(Array.isArray(data.policyExceptions)).toBe(true);
    for (const env of data.environments) {
      expect(env.path.startsWith(`${name}/`)).toBe(true);
      expect(env.trainer).toMatch(EMAIL);
      expect(env.launcher).toMatch(EMAIL);
      for (const key of [env.keys.vertexKey, env.keys.storageKey, env.keys.registryKey]) {
        expect(key).toMatch(new RegExp(`^projects/${env.projectId}/locations/${env.region}/keyRings/[\\w-]+/cryptoKeys/[\\w-]+$`));
      }
      for (const bucket of [env.names.stagingBucket, env.names.artifactsBucket, env.names.dataBucket]) expect(bucket).toMatch(/^[a-z0-9][a-z0-9._-]+$/);
      expect(env.names.dockerRepository).toMatch(new RegExp(`^${env.region}-docker\\.pkg\\.dev/${env.projectId}/[a-z0-9-]+$`));
      expect(env.prices).toMatchObject({ currency: 'USD', region: 'us-central1', date: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/) });
      expect(env.jobs.length).toBeGreaterThan(0);
      expect(env.jobs.map((j) => j.jobId)).toEqual(sortedCopy(env.jobs.map((j) => j.jobId)));
      for (const job of env.jobs) {
        expect(JOB_KINDS).toContain(job.kind);
        expect(job.path).toBe(`${name}/${job.jobId}`);
        expect(job.outputUriPrefix).toMatch(new RegExp(`^gs://[a-z0-9._-]+/jobs/${job.jobId}/runs/$`));
        expect(job.runAs).toMatch(EMAIL);
        expect(job.manifest.launchHash).toMatch(/^[0-9a-f]{64}$/);
        expect(job.manifest.launchesOnDeploy).toBe(job.triggers.some((t) => t.kind === 'ON_CHANGE'));
        expect(job.cost.perRun[0].basis).toMatch(/^timeout /);
        expect(job.cost.perRun[0].hours).toBeGreaterThan(0);
        expect(job.launcher).toBe(env.launcher);
        expect(job.keys).toEqual(env.keys);
        expect(job.launchCommandOutput).toMatch(/_launch_command$/);
        expect(job.workerPools.length).toBeGreaterThan(0);
        expect(job.workerPools[0].role).toBe('primary');
        for (const pool of job.workerPools) {
          expect(POOL_ROLES).toContain(pool.role);
          expect(pool.code?.imageUri).toMatch(/^[a-z0-9.-]+(:\d+)?\/[^\s]+(:[\w.-]+|@sha256:[0-9a-f]{64})$/);
          expect(pool.machineType).toMatch(/^[a-z0-9-]+$/);
          expect(Number.isInteger(pool.replicaCount) && pool.replicaCount >= 1).toBe(true);
        }
        expect(job.quotaDemand.length).toBeGreaterThan(0);
      }
      expect(env.quotas.length).toBeGreaterThan(0);
      const order = env.quotas.map((r) => `${r.region} ${r.metric}`);
      expect(order).toEqual(sortedCopy(order));
      for (const row of env.quotas) {
        expect(Object.values(QuotaStatus)).toContain(row.status);
        expect(row.demand).toBeGreaterThan(0);
        expect(row.status === QuotaStatus.NO_DECLARED_LIMIT).toBe(row.limit === undefined);
        // The stack's demand is made of its jobs' own demand.
        const jobs = env.jobs.flatMap((job) => job.quotaDemand.filter((d) => d.region === row.region && d.metric === row.metric).map((d) => `${job.jobId}=${d.amount}`));
        expect(row.contributions).toEqual(sortedCopy(jobs));
      }
    }
  });
});

describe('app.synth()', () => {
  test('writes training-report.md and training-report.json next to each stack\'s cdk.tf.json', () => {
    const outdir = mkdtempSync(join(tmpdir(), 'vertex-training-report-'));
    temporary.push(outdir);
    const app = new App({ outdir });
    for (const build of Object.values(EXAMPLES)) for (const stack of build(app)) TrainingReport.writeOnSynth(stack);
    app.synth();
    for (const name of names) {
      const directory = join(outdir, 'stacks', name);
      expect(existsSync(join(directory, 'cdk.tf.json'))).toBe(true);
      const markdown = readFileSync(join(directory, 'training-report.md'), 'utf8');
      const json = JSON.parse(readFileSync(join(directory, 'training-report.json'), 'utf8')) as TrainingReportData;
      expect(markdown.startsWith(`# Training report: \`${name}\`\n`)).toBe(true);
      expect(json.stack).toBe(name);
    }
    // The same bytes as a stack synthesized on its own.
    expect(readFileSync(join(outdir, 'stacks', 'tpu', 'training-report.md'), 'utf8')).toBe(synthExample('tpu').markdown);
  });
});
