import { Testing, TerraformStack } from 'cdktf';
import { GoogleProvider } from '@cdktf/provider-google/lib/provider';
import {
  CustomTrainingJob, Framework, HyperparameterTuningJob, Metric, Parameter, PythonPackage, ServingContainer, TrainingCode,
  TrainingEnvironment, TrainingPipeline, Trigger,
} from '../../lib';
import { launcherWorkflowDefinition, MANIFEST_PATTERN } from '../../lib/launch/definition';
import { FakeGoogle } from '../helpers/google-fakes';
import { deploy, launcher } from '../launch/fixtures';
import { ofType, onlyOfType, TerraformJson } from '../helpers/synth';
import {
  cpuPools, environmentRefs, gcsCode, interpolated, logicalName, pythonProject, removeTemporaryDirectories, synthWith, validBody,
} from './fixtures';

/**
 * The launch machinery (issue 4, "Triggers"): the manifest each job writes to the staging bucket —
 * a Terraform local whose hash names the object, so an unchanged body writes nothing and a changed
 * one exactly one new object — and the launcher workflow's definition, checked structurally and as
 * synthesized (every Workflows `${` escaped for Terraform).
 */

afterAll(removeTemporaryDirectories);

// ---------------------------------------------------------------------------------------------
// Manifest

describe('manifest', () => {
  test('the local holds kind, collection, launchOnChange, outputPrefix and the body as a reference to the request local', () => {
    const { json } = synthWith((stack, env) => new CustomTrainingJob(stack, 'train', { environment: env, workerPools: cpuPools(), code: gcsCode(), triggers: [Trigger.onChange()] }));
    validBody(json, 'vertex_ml_train', 'CustomJob');
    expect(json.locals!.vertex_ml_train_manifest).toEqual({
      kind: 'CustomJob',
      collection: 'customJobs',
      launchOnChange: true,
      outputPrefix: `gs://${environmentRefs(json).artifactsBucket}/jobs/train/runs/`,
      body: '${local.vertex_ml_train}',
    });
  });

  test('the object is named by the hash of the manifest and holds it, in the staging bucket', () => {
    const { json } = defaultJob();
    const refs = environmentRefs(json);
    const manifest = ofType(json, 'google_storage_bucket_object')[logicalName(json, 'google_storage_bucket_object', 'train_manifest_')];
    expect(manifest.name).toBe('jobs/train/${sha256(jsonencode(local.vertex_ml_train_manifest))}.json');
    expect(manifest.content).toBe('${jsonencode(local.vertex_ml_train_manifest)}');
    expect(manifest.bucket).toBe(refs.stagingBucket);
    expect(manifest.content_type).toBe('application/json');
    // A new version is written before the old one is deleted: the launcher always finds one.
    expect(manifest.lifecycle).toEqual({ create_before_destroy: true });
    // The manifest is written once the launcher can run: the workflow exists and the wait after the
    // launcher's grants is over.
    expect(manifest.depends_on).toEqual(expect.arrayContaining([
      `google_workflows_workflow.${logicalName(json, 'google_workflows_workflow', 'ml_launch_workflow_')}`,
      `time_sleep.${logicalName(json, 'time_sleep', 'ml_launch_ready_')}`,
    ]));
    const propagated = ofType(json, 'time_sleep')[logicalName(json, 'time_sleep', 'ml_launch_grants-propagated_')];
    expect(propagated.depends_on).toContain(`google_project_iam_member.${logicalName(json, 'google_project_iam_member', 'ml_launch_workflows-invoker_')}`);
    expect(manifest.depends_on).toContain(`time_sleep.${logicalName(json, 'time_sleep', 'ml_launch_grants-propagated_')}`);
  });

  test('an on-change manifest is written after the wait that follows the Eventarc trigger that reacts to it', () => {
    const { json } = synthWith((stack, env) => new CustomTrainingJob(stack, 'train', { environment: env, workerPools: cpuPools(), code: gcsCode(), triggers: [Trigger.onChange()] }));
    const manifest = ofType(json, 'google_storage_bucket_object')[logicalName(json, 'google_storage_bucket_object', 'train_manifest_')];
    const ready = logicalName(json, 'time_sleep', 'ml_launch_ready_');
    expect(manifest.depends_on).toContain(`time_sleep.${ready}`);
    expect(ofType(json, 'time_sleep')[ready].depends_on).toContain(`google_eventarc_trigger.${logicalName(json, 'google_eventarc_trigger', 'ml_launch_events_on-manifests_')}`);
  });

  test('every manifest name the object can take is one the workflow accepts as a changed manifest; launch records are not', () => {
    const pattern = new RegExp(MANIFEST_PATTERN);
    expect(pattern.test(`jobs/train/${'0123456789abcdef'.repeat(4)}.json`)).toBe(true);
    expect(pattern.test(`jobs/nightly-train-2/${'f'.repeat(64)}.json`)).toBe(true);
    expect(pattern.test('launches/c-0123.json')).toBe(false);
    expect(pattern.test('packages/0123456789abcdef/trainer-0.1.0.tar.gz')).toBe(false);
  });

  test('two synths of the same stack are identical (a redeploy changes nothing)', () => {
    const dir = pythonProject();
    expect(synthTwice(dir, ['--trees=200'])).toBe(synthTwice(dir, ['--trees=200']));
  });

  test('the same code in another directory gives the same body and package object (nothing to upload, nothing to launch)', () => {
    const a = JSON.parse(synthTwice(pythonProject(), ['--trees=200']));
    const b = JSON.parse(synthTwice(pythonProject(), ['--trees=200']));
    expect(b.locals).toEqual(a.locals);
    expect(packageNames(b)).toEqual(packageNames(a));
  });

  test('changing an arg changes the request local (so the manifest hash and object name), nothing else of the manifest', () => {
    const dir = pythonProject();
    const before: TerraformJson = JSON.parse(synthTwice(dir, ['--trees=200']));
    const after: TerraformJson = JSON.parse(synthTwice(dir, ['--trees=300']));
    expect(after.locals!.vertex_ml_train).not.toEqual(before.locals!.vertex_ml_train);
    expect(after.locals!.vertex_ml_train.jobSpec.workerPoolSpecs[0].pythonPackageSpec.args).toEqual(['--trees=300']);
    expect(after.locals!.vertex_ml_train_manifest).toEqual(before.locals!.vertex_ml_train_manifest);
    // An on-change job's name begins with its launch hash, computed at synth (lib/jobs/manifest-name.ts):
    // the changed arg changes it, the rest of the name expression stays (a new object, hence one launch).
    const name = (json: TerraformJson) => String(Object.values(ofType(json, 'google_storage_bucket_object')).find((o) => String(o.name).startsWith('jobs/train/'))!.name);
    const [launchBefore, launchAfter] = [before, after].map((json) => /^jobs\/train\/([0-9a-f]{24})\$\{/.exec(name(json))![1]);
    expect(launchAfter).not.toBe(launchBefore);
    expect(name(after).slice(11 + 24)).toBe(name(before).slice(11 + 24));
    expect(packageNames(after)).toEqual(packageNames(before));
  });

  test('changing the code changes the package object and the body', () => {
    const before: TerraformJson = JSON.parse(synthTwice(pythonProject('0.1.0', 'print(1)\n'), []));
    const after: TerraformJson = JSON.parse(synthTwice(pythonProject('0.1.0', 'print(2)\n'), []));
    expect(packageNames(after)).not.toEqual(packageNames(before));
    expect(after.locals!.vertex_ml_train).not.toEqual(before.locals!.vertex_ml_train);
     // Named by content hash: the new package is uploaded before the old one goes.
    const packages = Object.values(ofType(after, 'google_storage_bucket_object')).filter((o) => String(o.name).startsWith('packages/'));
    expect(packages.map((o) => o.lifecycle)).toEqual([{ create_before_destroy: true }]);
  });

  test('each job kind\'s manifest names its collection; a pipeline\'s adds its model ID', () => {
    const { json } = synthWith((stack, env) => {
      new CustomTrainingJob(stack, 'custom', { environment: env, workerPools: cpuPools(), code: gcsCode() });
      new HyperparameterTuningJob(stack, 'tuning', {
        environment: env, workerPools: cpuPools(), code: gcsCode(),
        study: { metrics: [Metric.maximize('auc')], parameters: [Parameter.integer('depth', { min: 2, max: 8 })] }, maxTrialCount: 4, parallelTrialCount: 2,
      });
      new TrainingPipeline(stack, 'pipeline', {
        environment: env, workerPools: cpuPools(), code: gcsCode(),
        model: { modelId: 'churn', servingContainer: ServingContainer.prebuilt(Framework.SCIKIT_LEARN, '1.6') },
      });
    });
    const manifests = json.locals!;
    expect(manifests.vertex_ml_custom_manifest).toMatchObject({ kind: 'CustomJob', collection: 'customJobs', body: '${local.vertex_ml_custom}' });
    expect(manifests.vertex_ml_custom_manifest.modelId).toBeUndefined();
    expect(manifests.vertex_ml_tuning_manifest).toMatchObject({ kind: 'HyperparameterTuningJob', collection: 'hyperparameterTuningJobs', body: '${local.vertex_ml_tuning}' });
    expect(manifests.vertex_ml_pipeline_manifest).toMatchObject({ kind: 'TrainingPipeline', collection: 'trainingPipelines', modelId: 'churn', body: '${local.vertex_ml_pipeline}' });
    validBody(json, 'vertex_ml_custom', 'CustomJob');
    validBody(json, 'vertex_ml_tuning', 'HyperparameterTuningJob');
    validBody(json, 'vertex_ml_pipeline', 'TrainingPipeline');
  });
});

let defaultSynth: TerraformJson | undefined;

/** One CustomTrainingJob `train` without triggers, synthesized once for the tests that only read it. */
function defaultJob(): { json: TerraformJson } {
  defaultSynth ??= synthWith((stack, env) => new CustomTrainingJob(stack, 'train', { environment: env, workerPools: cpuPools(), code: gcsCode() })).json;
  return { json: defaultSynth };
}

/** A fresh app with job `train` on the project in `dir`, synthesized to text. */
function synthTwice(dir: string, args: string[]): string {
  const app = Testing.app();
  const stack = new TerraformStack(app, 'test');
  new GoogleProvider(stack, 'google', { project: 'acme-ml', region: 'us-central1' });
  const env = new TrainingEnvironment(stack, 'ml', { projectId: 'acme-ml', region: 'us-central1' });
  new CustomTrainingJob(stack, 'train', {
    environment: env,
    workerPools: cpuPools(),
    code: TrainingCode.prebuilt({ framework: Framework.SCIKIT_LEARN, frameworkVersion: '1.6', pythonPackage: PythonPackage.fromDirectory(dir), module: 'trainer.task', args }),
    triggers: [Trigger.onChange()],
  });
  return Testing.synth(stack);
}

function packageNames(json: TerraformJson): string[] {
  return Object.values(ofType(json, 'google_storage_bucket_object')).map((o) => o.name).filter((n: string) => n.startsWith('packages/'));
}

// ---------------------------------------------------------------------------------------------
// The workflow resource, and the synthesized bodies launched by the executed launcher

const definition = launcher();

describe('launcher workflow', () => {
  test('the synthesized source is the definition, compact, with every ${ escaped as $${ (Terraform passes Workflows expressions through)', () => {
    const { json } = defaultJob();
    const source: string = onlyOfType(json, 'google_workflows_workflow').source_contents;
    const text = JSON.stringify(launcherWorkflowDefinition({ routes: [] }));
    expect(text).not.toContain('%{');
    expect(source).toBe(text.replace(/\$\{/g, () => '$${'));
    expect(source).not.toMatch(/(^|[^$])\$\{/);
    expect(JSON.parse(source.replace(/\$\$\{/g, '${'))).toEqual(definition);
    // Workflows takes at most 128 KB of source: the rest is room for data routes (about 500 bytes
    // each at their longest, so well over a hundred).
    expect(Buffer.byteLength(source)).toBeLessThan(80 * 1024);
  });

  test('the workflow resource: name, region, launcher identity, CMEK, environment variables, error logging', () => {
    const { json } = defaultJob();
    const refs = environmentRefs(json);
    expect(onlyOfType(json, 'google_workflows_workflow')).toMatchObject({
      project: 'acme-ml',
      region: 'us-central1',
      name: 'ml-launcher',
      service_account: refs.launcherEmail,
      crypto_key_name: interpolated(json, 'google_kms_crypto_key', 'ml_encryption_workflows_key_', 'id'),
      user_env_vars: { STAGING_BUCKET: refs.stagingBucket, VERTEX_REGION: 'us-central1' },
      call_log_level: 'LOG_ERRORS_ONLY',
    });
    // The environment variables the definition reads are the ones set (besides the built-in ones).
    const read = new Set<string>();
    for (const m of JSON.stringify(definition).matchAll(/sys\.get_env\(\\"([A-Z_]+)\\"\)/g)) read.add(m[1]);
    expect([...read].sort()).toEqual(['GOOGLE_CLOUD_PROJECT_ID', 'GOOGLE_CLOUD_WORKFLOW_EXECUTION_ID', 'STAGING_BUCKET', 'VERTEX_REGION']);
    // The launcher reads the staging bucket and writes only its launch records there.
    const grants = Object.values(ofType(json, 'google_storage_bucket_iam_member')).filter((g) => g.member === refs.launcherMember);
    expect(grants.map((g) => [g.bucket, g.role, g.condition?.expression]).sort()).toEqual([
      [refs.stagingBucket, 'roles/storage.objectUser', `resource.name.startsWith("projects/_/buckets/${refs.stagingBucket}/objects/launches/")`],
      [refs.stagingBucket, 'roles/storage.objectViewer', undefined],
    ]);
  });

  test('each kind\'s synthesized body, launched: a valid v1 body with its own output directory and launch key', () => {
    const { json } = synthWith((stack, env) => {
      new CustomTrainingJob(stack, 'custom', { environment: env, workerPools: cpuPools(), code: gcsCode() });
      const study = { metrics: [Metric.maximize('auc')], parameters: [Parameter.integer('depth', { min: 2, max: 8 })] };
      new HyperparameterTuningJob(stack, 'tuning', { environment: env, workerPools: cpuPools(), code: gcsCode(), study, maxTrialCount: 4, parallelTrialCount: 2 });
      const model = { servingContainer: ServingContainer.prebuilt(Framework.SCIKIT_LEARN, '1.6') };
      new TrainingPipeline(stack, 'pipeline', { environment: env, workerPools: cpuPools(), code: gcsCode(), model });
      new TrainingPipeline(stack, 'tuned-pipeline', { environment: env, workerPools: cpuPools(), code: gcsCode(), model, tuning: { study, maxTrialCount: 4, parallelTrialCount: 2 } });
    });
    const google = new FakeGoogle();
    for (const job of ['custom', 'tuning', 'pipeline', 'tuned-pipeline']) {
      const local = `vertex_ml_${job.replace(/-/g, '_')}`;
      deploy(google, job, { ...json.locals![`${local}_manifest`], body: json.locals![local] });
      const run = google.run(definition, { job, key: `first-${job}` });
      expect({ job, error: run.error }).toEqual({ job, error: undefined });
      const created = google.vertex.jobs[google.vertex.jobs.length - 1].body;
      const spec = created.jobSpec ?? created.trialJobSpec ?? created.trainingTaskInputs.trialJobSpec ?? created.trainingTaskInputs;
      expect({ job, output: spec.baseOutputDirectory.outputUriPrefix }).toEqual({ job, output: `${json.locals![`${local}_manifest`].outputPrefix}m-first-${job}/` });
      expect(created.labels.launch_key).toBe(`m-first-${job}`);
    }
    expect(google.vertex.invalidBodies).toEqual([]);
    expect(google.vertex.jobs).toHaveLength(4);
  });
});
