import { createHash } from 'crypto';
import { TerraformStack, TerraformVariable, Testing } from 'cdktf';
import { GoogleProvider } from '@cdktf/provider-google/lib/provider';
import {
  ContainerImage, CustomTrainingJob, TrainingCode, TrainingEnvironment, TrainingEnvironmentProps, Trigger, WorkerPool,
} from '../../lib';
import { APPLY_TIME_PLACEHOLDER, NO_APPLY_TIME_HASH } from '../../lib/jobs/manifest-name';
import { JobReport, TrainingReport } from '../../lib/report';
import { storageEvent } from '../helpers/google-fakes';
import type { TerraformJson } from '../helpers/synth';
import { describeWithTerraform, planStack, StackPlan, startAll } from '../helpers/terraform-core';
import { deployed, evaluate, Evaluated } from '../terraform-core/launch-path';

/**
 * Which deploys launch (issue 10, "A report a reviewer can approve"): an on-change job's manifest is
 * named at synth by its launch hash, the hash of what the run receives as known at synth, followed
 * by the hash of its apply-time values and of the written content. The report shows the launch
 * hash; a deploy launches exactly when it (or an apply-time value) changes; labels relaunch unless
 * `relaunchOnLabelChange` is false. Checked at synth, then as Terraform evaluates the names and as
 * the launcher keys the runs of those deploys.
 */

interface Variant {
  readonly env?: Partial<TrainingEnvironmentProps>;
  readonly args?: string[];
  readonly relaunchOnLabelChange?: boolean;
  readonly jobLabels?: { [key: string]: string };
  /** Construct ID of the environment (its resources' logical IDs); the prefix stays `ml`. */
  readonly envId?: string;
}

const NO_TENSORBOARD: Partial<TrainingEnvironmentProps> = { tensorboard: { enabled: false } };

function synth(variant: Variant = {}): { stack: TerraformStack; json: TerraformJson; job: JobReport } {
  const stack = new TerraformStack(Testing.app(), 'launch');
  new GoogleProvider(stack, 'google', { project: 'acme-ml', region: 'us-central1' });
  const env = new TrainingEnvironment(stack, variant.envId ?? 'ml', { projectId: 'acme-ml', region: 'us-central1', prefix: 'ml', alerts: { emails: ['ml@acme.example'] }, ...variant.env });
  new CustomTrainingJob(stack, 'train', {
    environment: env,
    workerPools: { primary: WorkerPool.cpu({ machineType: 'n2-standard-8' }) },
    code: TrainingCode.container({ image: ContainerImage.fromRepository(env.dockerRepository, 'trainer', { digest: `sha256:${'a'.repeat(64)}` }), args: variant.args }),
    triggers: [Trigger.onChange()],
    labels: variant.jobLabels,
    relaunchOnLabelChange: variant.relaunchOnLabelChange,
  });
  const json: TerraformJson = JSON.parse(Testing.synth(stack));
  return { stack, json, job: TrainingReport.of(stack).environments[0].jobs[0] };
}

const hashOf = (variant: Variant = {}) => synth(variant).job.manifest.launchHash;
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

describe('the launch hash, at synth', () => {
  test('the same program gives the same hash; a changed argument another', () => {
    expect(hashOf({ args: ['--epochs=10'] })).toBe(hashOf({ args: ['--epochs=10'] }));
    expect(hashOf({ args: ['--epochs=11'] })).not.toBe(hashOf({ args: ['--epochs=10'] }));
  });

  test('a known name is hashed by its value: another trainer account changes it, though the body refers to the account the same way', () => {
    const a = synth({ env: { trainerServiceAccount: { accountId: 'ml-trainer-a' } } });
    const b = synth({ env: { trainerServiceAccount: { accountId: 'ml-trainer-b' } } });
    // The request body Terraform renders is the same text: only the account's own argument differs.
    expect(b.json.locals!.vertex_ml_train).toEqual(a.json.locals!.vertex_ml_train);
    expect(b.job.manifest.launchHash).not.toBe(a.job.manifest.launchHash);
    expect(b.job.runAs).toBe('ml-trainer-b@acme-ml.iam.gserviceaccount.com');
  });

  test('references do not count, values do: the same names under other logical IDs give the same hash; an apply-time value is a placeholder', () => {
    const plain = synth();
    const moved = synth({ envId: 'training' });
    expect(moved.json.locals!.vertex_ml_train).not.toEqual(plain.json.locals!.vertex_ml_train);
    expect(moved.job.manifest.launchHash).toBe(plain.job.manifest.launchHash);
    expect(plain.job.manifest.applyTimeInputs).toEqual([expect.stringMatching(/^\$\{google_vertex_ai_tensorboard\.ml_tensorboard_\w+\.id\}$/)]);
    expect(moved.job.manifest.applyTimeInputs).toEqual([expect.stringMatching(/^\$\{google_vertex_ai_tensorboard\.training_tensorboard_\w+\.id\}$/)]);
    expect(APPLY_TIME_PLACEHOLDER).toBe('<apply-time value>');
  });

  test('labels relaunch by default; relaunchOnLabelChange: false on the environment or the job leaves them out of the hash, not out of the run', () => {
    const labelled = (team: string, variant: Variant = {}) => synth({ ...variant, env: { labels: { team }, ...variant.env } });
    expect(labelled('b').job.manifest.launchHash).not.toBe(labelled('a').job.manifest.launchHash);
    const quiet = { env: { relaunchOnLabelChange: false } };
    const [a, b] = [labelled('a', quiet), labelled('b', quiet)];
    expect(b.job.manifest.launchHash).toBe(a.job.manifest.launchHash);
    expect(b.job.manifest.labelsRelaunch).toBe(false);
    expect(b.json.locals!.vertex_ml_train.labels.team).toBe('b');
    // The job's own setting wins, either way.
    expect(labelled('b', { relaunchOnLabelChange: false }).job.manifest.launchHash).toBe(labelled('a', { relaunchOnLabelChange: false }).job.manifest.launchHash);
    expect(labelled('b', { ...quiet, relaunchOnLabelChange: true }).job.manifest.launchHash)
      .not.toBe(labelled('a', { ...quiet, relaunchOnLabelChange: true }).job.manifest.launchHash);
    expect(synth({ ...quiet, jobLabels: { stage: '2' } }).job.manifest.launchHash).toBe(synth({ ...quiet, jobLabels: { stage: '1' } }).job.manifest.launchHash);
  });

  test('without apply-time values, the launch key is known at synth', () => {
    const { job, json } = synth({ env: NO_TENSORBOARD });
    expect(job.manifest.applyTimeInputs).toEqual([]);
    expect(NO_APPLY_TIME_HASH).toBe(sha256('[]').slice(0, 16));
    expect(job.manifest.launchKey).toBe(`c-${job.manifest.launchHash.slice(0, 24)}${NO_APPLY_TIME_HASH}`);
    expect(job.triggers[0].launchKey).toBe(job.manifest.launchKey);
    expect(json.locals!.vertex_ml_train_launch_inputs).toEqual([]);
    const manifest = Object.entries<any>(json.resource!.google_storage_bucket_object).find(([address]) => address.startsWith('train_manifest'))![1];
    expect(manifest.name).toBe(`jobs/train/${job.manifest.launchHash.slice(0, 24)}\${substr(sha256(jsonencode(local.vertex_ml_train_launch_inputs)), 0, 16)}`
      + '${substr(sha256(jsonencode(local.vertex_ml_train_manifest)), 0, 24)}.json');
  });

  test('with apply-time values, the key waits for them: the launch-inputs local lists what Terraform hashes', () => {
    const { job, json } = synth();
    expect(job.manifest.launchKey).toBe(`c-${job.manifest.launchHash.slice(0, 24)}<16 hex digits of the apply-time values>`);
    expect(json.locals!.vertex_ml_train_launch_inputs).toEqual(job.manifest.applyTimeInputs);
  });

  test('a project ID from a variable: nothing it names is known at synth, so everything it names is an apply-time value', () => {
    const stack = new TerraformStack(Testing.app(), 'variable');
    new GoogleProvider(stack, 'google', { region: 'us-central1' });
    const project = new TerraformVariable(stack, 'project', { type: 'string' });
    const env = new TrainingEnvironment(stack, 'ml', { projectId: project.stringValue, region: 'us-central1', alerts: { emails: ['ml@acme.example'] } });
    new CustomTrainingJob(stack, 'train', {
      environment: env,
      workerPools: { primary: WorkerPool.cpu({ machineType: 'n2-standard-8' }) },
      code: TrainingCode.container({ image: ContainerImage.fromUri('us-docker.pkg.dev/acme-tools/images/trainer:v1') }),
      triggers: [Trigger.onChange()],
    });
    Testing.synth(stack);
    const report = TrainingReport.of(stack).environments[0];
    expect(report.trainer).toMatch(/^\$\{google_service_account\.ml_trainer_account_\w+\.email\}$/);
    expect(report.keys.vertexKey).toMatch(/^\$\{google_kms_crypto_key\.\w+\.id\}$/);
    const inputs = report.jobs[0].manifest.applyTimeInputs;
    expect(inputs).toEqual(expect.arrayContaining([report.trainer, report.keys.vertexKey, expect.stringMatching(/^gs:\/\/\$\{google_storage_bucket\.\S+\.name\}\/jobs\/train\/runs\/$/)]));
    expect(report.jobs[0].manifest.launchKey).toMatch(/<16 hex digits of the apply-time values>$/);
  });
});

describeWithTerraform('the launch hash, as Terraform evaluates the name and the launcher keys the run', () => {
  const quietly = (team: string) => synth({ env: { ...NO_TENSORBOARD, relaunchOnLabelChange: false, labels: { team } } });
  const loudly = (team: string) => synth({ env: { ...NO_TENSORBOARD, labels: { team } } });
  const variants = { quietA: quietly('a'), quietB: quietly('b'), loudA: loudly('a'), loudB: loudly('b'), tensorboard: synth() };
  const plans = startAll(Object.fromEntries(Object.entries(variants).map(([name, v]) => [name, () => planStack(v.json)])) as { [name: string]: () => Promise<StackPlan> });
  const evaluated = (name: keyof typeof variants): Evaluated => evaluate(plans[name], variants[name].json);
  const manifestOf = (name: keyof typeof variants) => {
    const manifests = evaluated(name).manifests;
    expect(manifests).toHaveLength(1);
    return manifests[0];
  };

  test('the evaluated name begins with the launch key the report shows, and ends with the hash of the written manifest', () => {
    for (const name of ['quietA', 'loudA'] as const) {
      const manifest = manifestOf(name);
      const key = variants[name].job.manifest.launchKey!;
      expect(manifest.name).toBe(`jobs/train/${key.slice(2)}${sha256(manifest.content).slice(0, 24)}.json`);
    }
  });

  test('with an apply-time value, its digits are the hash of its evaluated JSON', () => {
    const manifest = manifestOf('tensorboard');
    const tensorboard = JSON.parse(manifest.content).body.jobSpec.tensorboard;
    const { launchHash } = variants.tensorboard.job.manifest;
    expect(manifest.name).toBe(`jobs/train/${launchHash.slice(0, 24)}${sha256(JSON.stringify([tensorboard])).slice(0, 16)}${sha256(manifest.content).slice(0, 24)}.json`);
  });

  /** Deploys the manifest of each variant in turn, each delivered as a deploy's event: the jobs they create. */
  function deploys(...names: (keyof typeof variants)[]): { key: string; labels: any }[] {
    const first = evaluated(names[0]);
    const google = deployed({ ...first, manifests: [] });
    for (const name of names) {
      const manifest = manifestOf(name);
      const object = google.storage.put(first.env.staging, manifest.name, manifest.content);
      const run = google.run(first.definition, storageEvent(object, `deploy-${name}`), undefined, first.env);
      expect(run.error).toBeUndefined();
    }
    expect(google.vertex.invalidBodies).toEqual([]);
    return google.vertex.jobs.map((j: any) => ({ key: j.body.labels.launch_key, labels: j.body.labels }));
  }

  test('a label-only change with relaunchOnLabelChange: false writes a new manifest whose key already ran: one run', () => {
    expect(manifestOf('quietB').name).not.toBe(manifestOf('quietA').name);
    const jobs = deploys('quietA', 'quietB');
    expect(jobs.map((j) => j.key)).toEqual([variants.quietA.job.manifest.launchKey]);
    expect(variants.quietB.job.manifest.launchKey).toBe(variants.quietA.job.manifest.launchKey);
  });

  test('the same change relaunches by default: two runs, one per key', () => {
    const jobs = deploys('loudA', 'loudB');
    expect(jobs.map((j) => j.key)).toEqual([variants.loudA.job.manifest.launchKey, variants.loudB.job.manifest.launchKey]);
    expect(jobs.map((j) => j.labels.team)).toEqual(['a', 'b']);
  });
});
