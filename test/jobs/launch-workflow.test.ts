import { Testing, TerraformStack } from 'cdktf';
import { GoogleProvider } from '@cdktf/provider-google/lib/provider';
import {
  CustomTrainingJob, Framework, HyperparameterTuningJob, Metric, Parameter, PythonPackage, ServingContainer, TrainingCode,
  TrainingEnvironment, TrainingPipeline, Trigger,
} from '../../lib';
import { launcherWorkflowDefinition, MANIFEST_PATTERN, ROUTES_OBJECT } from '../../lib/launch/workflow-definition';
import { validateAgainstProto } from '../helpers/proto-schema';
import { ofType, onlyOfType, TerraformJson } from '../helpers/synth';
import {
  cpuPools, environmentRefs, gcsCode, logicalName, pythonProject, removeTemporaryDirectories, synthWith, validBody,
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
    // The manifest is written once the launcher can run: the workflow and the launcher's grants exist.
    expect(manifest.depends_on).toEqual(expect.arrayContaining([
      `google_workflows_workflow.${logicalName(json, 'google_workflows_workflow', 'ml_launch_workflow_')}`,
      `google_project_iam_member.${logicalName(json, 'google_project_iam_member', 'ml_launch_workflows-invoker_')}`,
    ]));
  });

  // BUG: the manifest's depends_on is computed before `watchManifests()` creates the staging bucket's
  // Eventarc trigger (and its eventReceiver / pubsub.publisher grants), so on the first deploy of an
  // on-change job Terraform may write the manifest before the trigger exists, and that deploy's
  // change launches nothing.
  test('an on-change manifest is written after the Eventarc trigger that reacts to it', () => {
    const { json } = synthWith((stack, env) => new CustomTrainingJob(stack, 'train', { environment: env, workerPools: cpuPools(), code: gcsCode(), triggers: [Trigger.onChange()] }));
    const manifest = ofType(json, 'google_storage_bucket_object')[logicalName(json, 'google_storage_bucket_object', 'train_manifest_')];
    expect(manifest.depends_on).toContain(`google_eventarc_trigger.${logicalName(json, 'google_eventarc_trigger', 'ml_launch_on-manifests_')}`);
  });

  test('every manifest name the object can take is one the workflow accepts as a changed manifest; routes.json is not', () => {
    const pattern = new RegExp(MANIFEST_PATTERN);
    expect(pattern.test(`jobs/train/${'0123456789abcdef'.repeat(4)}.json`)).toBe(true);
    expect(pattern.test(`jobs/nightly-train-2/${'f'.repeat(64)}.json`)).toBe(true);
    expect(pattern.test(ROUTES_OBJECT)).toBe(false);
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
    // Terraform evaluates the same name expression over the changed local: a new object, hence one launch.
    const name = (json: TerraformJson) => Object.values(ofType(json, 'google_storage_bucket_object')).find((o) => String(o.name).startsWith('jobs/train/'))!.name;
    expect(name(after)).toBe(name(before));
    expect(packageNames(after)).toEqual(packageNames(before));
  });

  test('changing the code changes the package object and the body', () => {
    const before: TerraformJson = JSON.parse(synthTwice(pythonProject('0.1.0', 'print(1)\n'), []));
    const after: TerraformJson = JSON.parse(synthTwice(pythonProject('0.1.0', 'print(2)\n'), []));
    expect(packageNames(after)).not.toEqual(packageNames(before));
    expect(after.locals!.vertex_ml_train).not.toEqual(before.locals!.vertex_ml_train);
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
    code: TrainingCode.prebuilt({ framework: Framework.SCIKIT_LEARN, frameworkVersion: '1.6', package: PythonPackage.fromDirectory(dir), module: 'trainer.task', args }),
    triggers: [Trigger.onChange()],
  });
  return Testing.synth(stack);
}

function packageNames(json: TerraformJson): string[] {
  return Object.values(ofType(json, 'google_storage_bucket_object')).map((o) => o.name).filter((n: string) => n.startsWith('packages/'));
}

// ---------------------------------------------------------------------------------------------
// Workflow definition

type Json = any;

/** The definition as it is serialized (what the workflow's source holds). */
const definition: { [name: string]: Json } = JSON.parse(JSON.stringify(launcherWorkflowDefinition()));

const CONNECTORS_AND_STDLIB = ['http.get', 'http.post', 'sys.log', 'googleapis.storage.v1.objects.get'];

/** Every step object (`{ name: body }`) of a steps list, recursively into switch, for, try and except. */
function stepsOf(steps: Json[], where: string, out: { where: string; step: Json }[] = []): { where: string; step: Json }[] {
  expect(Array.isArray(steps)).toBe(true);
  for (const [i, step] of steps.entries()) {
    out.push({ where: `${where}[${i}]`, step });
    const [name] = Object.keys(step);
    const body = step[name];
    const here = `${where}[${i}].${name}`;
    if (body.steps) stepsOf(body.steps, `${here}.steps`, out);
    for (const [j, condition] of (body.switch ?? []).entries()) if (condition.steps) stepsOf(condition.steps, `${here}.switch[${j}].steps`, out);
    if (body.for?.steps) stepsOf(body.for.steps, `${here}.for.steps`, out);
    if (body.try?.steps) stepsOf(body.try.steps, `${here}.try.steps`, out);
    if (body.except?.steps) stepsOf(body.except.steps, `${here}.except.steps`, out);
  }
  return out;
}

const allSteps = Object.entries(definition).flatMap(([name, sub]) => stepsOf(sub.steps, name));

/** Every string value in the definition, with where it is. */
function strings(value: Json, where: string, out: { where: string; text: string }[] = []): { where: string; text: string }[] {
  if (typeof value === 'string') out.push({ where, text: value });
  else if (Array.isArray(value)) value.forEach((v, i) => strings(v, `${where}[${i}]`, out));
  else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) strings(v, `${where}.${k}`, out);
  return out;
}

/**
 * Why `text` is not one well-formed Workflows expression `${...}` (balanced braces, brackets and
 * parentheses outside string literals, closed double-quoted literals with backslash escapes, and
 * the whole value being the expression); undefined when it is.
 */
function expressionProblem(text: string): string | undefined {
  if (!text.startsWith('${')) return 'does not start with ${';
  const closers: string[] = ['}'];
  let quoted = false;
  for (let i = 2; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '\\') i++;
      else if (c === '"') quoted = false;
      continue;
    }
    if (c === '"') quoted = true;
    else if (c === '{') closers.push('}');
    else if (c === '[') closers.push(']');
    else if (c === '(') closers.push(')');
    else if (c === '}' || c === ']' || c === ')') {
      if (closers.pop() !== c) return `unbalanced ${c} at ${i}`;
      if (closers.length === 0 && i !== text.length - 1) return `text after the expression at ${i}`;
    }
  }
  if (quoted) return 'unterminated string literal';
  if (closers.length > 0) return `unclosed ${closers.join('')}`;
  return undefined;
}

/** Every name an `assign` of the definition assigns. */
function assignedNames(node: Json, out: string[] = []): string[] {
  if (Array.isArray(node)) node.forEach((n) => assignedNames(n, out));
  else if (node && typeof node === 'object') {
    for (const [key, value] of Object.entries(node)) {
      if (key === 'assign') for (const assignment of value as Json[]) out.push(...Object.keys(assignment));
      assignedNames(value, out);
    }
  }
  return out;
}

/**
 * What a switch condition does: its own `assign` / `return` / `raise`, or those of its single step
 * (both forms are valid Workflows syntax).
 */
function actionOf(condition: Json): Json {
  if (condition.steps?.length === 1) return Object.values(condition.steps[0])[0];
  return condition;
}

describe('launcher workflow definition', () => {
  test('main (params: input) and launch (params: project, region, staging, request) exist, with steps', () => {
    expect(Object.keys(definition).sort()).toEqual(['launch', 'main']);
    expect(definition.main.params).toEqual(['input']);
    expect(definition.launch.params).toEqual(['project', 'region', 'staging', 'request']);
    expect(definition.main.steps.length).toBeGreaterThan(0);
    expect(definition.launch.steps.length).toBeGreaterThan(0);
  });

  test('every step is an object with a single key (its name), names unique within each subworkflow', () => {
    for (const { where, step } of allSteps) {
      expect({ where, keys: Object.keys(step).length }).toEqual({ where, keys: 1 });
      expect(typeof Object.values(step)[0]).toBe('object');
    }
    for (const name of Object.keys(definition)) {
      const names = allSteps.filter((s) => s.where.startsWith(`${name}[`)).map((s) => Object.keys(s.step)[0]);
      expect({ name, duplicates: names.filter((n, i) => names.indexOf(n) !== i) }).toEqual({ name, duplicates: [] });
    }
  });

  test('every call is a subworkflow of the definition or a known function or connector; subworkflow args match its params', () => {
    const calls = allSteps.map(({ where, step }) => ({ where, body: Object.values(step)[0] as Json })).filter(({ body }) => body.call !== undefined);
    expect(calls.length).toBeGreaterThan(0);
    for (const { where, body } of calls) {
      const known = body.call in definition || CONNECTORS_AND_STDLIB.includes(body.call);
      expect({ where, call: body.call, known }).toEqual({ where, call: body.call, known: true });
      if (body.call in definition) expect(Object.keys(body.args).sort()).toEqual([...definition[body.call].params].sort());
    }
    // Every connector and function of the list is used, and the launch subworkflow is called.
    expect([...new Set(calls.map((c) => c.body.call))].sort()).toEqual([...CONNECTORS_AND_STDLIB, 'launch'].sort());
  });

  test('every ${...} is one whole, balanced expression', () => {
    const expressions = strings(definition, '').filter(({ text }) => text.includes('${'));
    expect(expressions.length).toBeGreaterThan(20);
    for (const { where, text } of expressions) {
      expect({ where, text, problem: expressionProblem(text) }).toEqual({ where, text, problem: undefined });
    }
    // Keys are never expressions (assignment targets such as body.labels["launch_key"] are names).
    const keys: string[] = [];
    const collect = (v: Json) => {
      if (Array.isArray(v)) v.forEach(collect);
      else if (v && typeof v === 'object') for (const [k, c] of Object.entries(v)) { keys.push(k); collect(c); }
    };
    collect(definition);
    expect(keys.filter((k) => k.includes('${'))).toEqual([]);
  });

  test('the manifest-name check uses MANIFEST_PATTERN, escaped for a Workflows string literal', () => {
    const match = strings(definition, '').find(({ text }) => text.includes('text.match_regex'))!;
    expect(match.text).toBe(`\${text.match_regex(input.data.name, ${JSON.stringify(MANIFEST_PATTERN)})}`);
  });

  test('the manifest fields the workflow reads are the ones the manifests carry', () => {
    const read = new Set<string>();
    for (const { text } of strings(definition, '')) for (const m of text.matchAll(/\bmanifest\.([A-Za-z]+)/g)) read.add(m[1]);
    expect([...read].sort()).toEqual(['body', 'collection', 'launchOnChange', 'modelId', 'outputPrefix']);
    // modelId is read only under `"modelId" in manifest`, the one optional field.
    expect(strings(definition, '').some(({ text }) => text === '${"modelId" in manifest}')).toBe(true);
  });

  test('what the launcher adds to a body keeps it valid: the launch_key label, modelId or parentModel of a pipeline', () => {
    const targets = assignedNames(definition);
    expect(targets).toEqual(expect.arrayContaining(['body.labels["launch_key"]', 'body.modelId', 'body.parentModel']));
    const { json } = synthWith((stack, env) => new TrainingPipeline(stack, 'pipeline', {
      environment: env, workerPools: cpuPools(), code: gcsCode(), model: { modelId: 'churn', servingContainer: ServingContainer.prebuilt(Framework.SCIKIT_LEARN, '1.6') },
    }));
    const body = validBody(json, 'vertex_ml_pipeline', 'TrainingPipeline');
    const labels = { ...body.labels, launch_key: 'a1b2c3d4-0000-4000-8000-000000000000' };
    expect(validateAgainstProto('TrainingPipeline', { ...body, labels, modelId: 'churn' })).toEqual([]);
    expect(validateAgainstProto('TrainingPipeline', { ...body, labels, parentModel: 'projects/acme-ml/locations/us-central1/models/churn' })).toEqual([]);
  });

  test('each kind\'s run output directory is placed at a path its body has', () => {
    const { json } = synthWith((stack, env) => {
      new CustomTrainingJob(stack, 'custom', { environment: env, workerPools: cpuPools(), code: gcsCode() });
      const study = { metrics: [Metric.maximize('auc')], parameters: [Parameter.integer('depth', { min: 2, max: 8 })] };
      new HyperparameterTuningJob(stack, 'tuning', { environment: env, workerPools: cpuPools(), code: gcsCode(), study, maxTrialCount: 4, parallelTrialCount: 2 });
      const model = { servingContainer: ServingContainer.prebuilt(Framework.SCIKIT_LEARN, '1.6') };
      new TrainingPipeline(stack, 'pipeline', { environment: env, workerPools: cpuPools(), code: gcsCode(), model });
      new TrainingPipeline(stack, 'tuned-pipeline', { environment: env, workerPools: cpuPools(), code: gcsCode(), model, tuning: { study, maxTrialCount: 4, parallelTrialCount: 2 } });
    });
    const placeOutput = allSteps.map((s) => s.step).find((step) => step.place_output)!.place_output.switch as Json[];
    const targetFor = (manifest: Json, body: Json): string => {
      for (const condition of placeOutput) {
        const c = condition.condition;
        const holds = c === true
          || (c === '${manifest.collection == "customJobs"}' && manifest.collection === 'customJobs')
          || (c === '${manifest.collection == "hyperparameterTuningJobs"}' && manifest.collection === 'hyperparameterTuningJobs')
          || (c === '${"trialJobSpec" in body.trainingTaskInputs}' && body.trainingTaskInputs && 'trialJobSpec' in body.trainingTaskInputs);
        if (holds) return Object.keys(actionOf(condition).assign[0])[0];
      }
      throw new Error('no condition holds');
    };
    for (const job of ['custom', 'tuning', 'pipeline', 'tuned_pipeline']) {
      const manifest = json.locals![`vertex_ml_${job}_manifest`];
      const body = json.locals![`vertex_ml_${job}`];
      const path = targetFor(manifest, body).split('.').slice(1);
      const value = path.reduce((node: Json, key) => node?.[key], body);
      expect({ job, path: path.join('.'), value }).toEqual({ job, path: path.join('.'), value: manifest.outputPrefix });
    }
  });

  test('the synthesized source is the definition with every ${ escaped as $${ (Terraform passes Workflows expressions through)', () => {
    const { json } = defaultJob();
    const workflow = onlyOfType(json, 'google_workflows_workflow');
    const source: string = workflow.source_contents;
    const text = JSON.stringify(launcherWorkflowDefinition(), null, 2);
    expect(text).not.toContain('%{');
    expect(source).toBe(text.replace(/\$\{/g, () => '$${'));
    expect(source).not.toMatch(/(^|[^$])\$\{/);
    expect(JSON.parse(source.replace(/\$\$\{/g, '${'))).toEqual(definition);
  });

  test('the workflow resource: name, region, launcher identity, environment variables, error logging', () => {
    const { json } = defaultJob();
    const refs = environmentRefs(json);
    expect(onlyOfType(json, 'google_workflows_workflow')).toMatchObject({
      project: 'acme-ml',
      region: 'us-central1',
      name: 'ml-launcher',
      service_account: refs.launcherEmail,
      user_env_vars: { STAGING_BUCKET: refs.stagingBucket, VERTEX_REGION: 'us-central1' },
      call_log_level: 'LOG_ERRORS_ONLY',
    });
    // The environment variables the definition reads are the ones set (besides the built-in ones).
    const read = new Set<string>();
    for (const { text } of strings(definition, '')) for (const m of text.matchAll(/sys\.get_env\("([A-Z_]+)"\)/g)) read.add(m[1]);
    expect([...read].sort()).toEqual(['GOOGLE_CLOUD_PROJECT_ID', 'GOOGLE_CLOUD_WORKFLOW_EXECUTION_ID', 'STAGING_BUCKET', 'VERTEX_REGION']);
    // The launcher reads manifests and routes from the staging bucket.
    const stagingReads = Object.values(ofType(json, 'google_storage_bucket_iam_member')).filter((g) => g.member === refs.launcherMember);
    expect(stagingReads.map((g) => g.bucket)).toEqual([refs.stagingBucket]);
  });
});
