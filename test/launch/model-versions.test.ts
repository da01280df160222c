import { Framework, ServingContainer, TrainingPipeline } from '../../lib';
import { FakeGoogle, LAUNCHER_ENV } from '../helpers/google-fakes';
import { RunResult } from '../helpers/workflows';
import { MODEL_WAIT_SECONDS } from '../../lib/launch/definition/model-version';
import { cpuPools, gcsCode, synthWith } from '../jobs/fixtures';
import { deploy, deployed, launcher } from './fixtures';
import { expectValidBodies, logsOf, outcomes } from './helpers';

/**
 * The executed launcher and the Model Registry: a pipeline's first run registers the model, every
 * later run a new version of it, and two launches racing for the first version never both try.
 */

const definition = launcher();

test('the first run registers the model (modelId), the next one a new version (parentModel)', () => {
  const { google } = deployed('churn', { pipelineModel: 'churn-model' });
  outcomes(google.run(definition, { job: 'churn' }));
  expect(google.vertex.jobs[0].body).toMatchObject({ modelId: 'churn-model' });
  expect(google.vertex.jobs[0].body.parentModel).toBeUndefined();
  expect(google.vertex.models.get('churn-model')).toMatchObject({ versions: 1 });

  outcomes(google.run(definition, { job: 'churn' }));
  expect(google.vertex.jobs[1].body).toMatchObject({ parentModel: 'projects/acme-ml/locations/us-central1/models/churn-model' });
  expect(google.vertex.jobs[1].body.modelId).toBeUndefined();
  expect(google.vertex.models.get('churn-model')).toMatchObject({ versions: 2 });
  expectValidBodies(google);
});

test('a launch while the first version is still training waits for it, then registers the next version', () => {
  const { google } = deployed('churn', { pipelineModel: 'churn-model' });
  google.vertex.outcome = () => ({ state: 'PIPELINE_STATE_SUCCEEDED', afterSeconds: 3 * 3600 });
  let second: RunResult | undefined;
  // The second launch (another key) starts while the first pipeline runs.
  google.before((r) => r.method === 'GET' && /trainingPipelines\/\d+$/.test(r.url), () => { second = google.run(definition, { job: 'churn', key: 'second' }); });
  outcomes(google.run(definition, { job: 'churn', key: 'first' }));
  expect(outcomes(second!)[0].status).toBe('launched');
  const [first, next] = google.vertex.jobs;
  expect(first.body.modelId).toBe('churn-model');
  expect(next.body.parentModel).toBe('projects/acme-ml/locations/us-central1/models/churn-model');
  expect(second!.sleeps.filter((s) => s.reason === 'sys.sleep' && s.seconds === MODEL_WAIT_SECONDS).length).toBeGreaterThan(10);
  expect(google.vertex.models.get('churn-model')).toMatchObject({ versions: 2 });
});

test('when the first version\'s pipeline fails, a later launch registers the first version itself', () => {
  const { google } = deployed('churn', { pipelineModel: 'churn-model' });
  google.vertex.outcome = () => ({ state: 'PIPELINE_STATE_FAILED', afterSeconds: 600, message: 'out of memory' });
  outcomes(google.run(definition, { job: 'churn', key: 'first' }));
  google.vertex.outcome = () => ({ state: 'PIPELINE_STATE_SUCCEEDED', afterSeconds: 600 });
  outcomes(google.run(definition, { job: 'churn', key: 'second' }));
  expect(google.vertex.jobs.map((j) => j.body.modelId)).toEqual(['churn-model', 'churn-model']);
  expect(google.vertex.models.get('churn-model')).toMatchObject({ versions: 1 });
});

test('a model registered outside the stack is versioned from the first run', () => {
  const { google } = deployed('churn', { pipelineModel: 'churn-model' });
  google.vertex.models.set('churn-model', { name: 'projects/123456789012/locations/us-central1/models/churn-model', versions: 4 });
  outcomes(google.run(definition, { job: 'churn' }));
  expect(google.vertex.jobs[0].body.parentModel).toBe('projects/acme-ml/locations/us-central1/models/churn-model');
  expect(google.vertex.models.get('churn-model')).toMatchObject({ versions: 5 });
});

describe('an existing model (model.existingModel): the parent of every run, never claimed', () => {
  const ID = '1234567890123456789';
  const NAME = `projects/acme-ml/locations/us-central1/models/${ID}`;
  const registered = (google: FakeGoogle, versions = 3) =>
    google.vertex.models.set(ID, { name: `projects/123456789012/locations/us-central1/models/${ID}`, versions });

  test('every run, the first included, adds a version to it; no model record is written', () => {
    const { google } = deployed('churn', { existingModel: NAME });
    registered(google);
    outcomes(google.run(definition, { job: 'churn' }));
    outcomes(google.run(definition, { job: 'churn', key: 'second' }));
    expect(google.vertex.jobs.map((j) => [j.body.parentModel, j.body.modelId])).toEqual([[NAME, undefined], [NAME, undefined]]);
    expect(google.vertex.models.get(ID)).toMatchObject({ versions: 5 });
    expect(google.storage.names(LAUNCHER_ENV.staging, 'launches/models/')).toEqual([]);
    expectValidBodies(google);
  });

  test('two launches at once both version it without waiting for each other', () => {
    const { google } = deployed('churn', { existingModel: NAME });
    registered(google);
    google.vertex.outcome = () => ({ state: 'PIPELINE_STATE_SUCCEEDED', afterSeconds: 3 * 3600 });
    let second: RunResult | undefined;
    google.before((r) => r.method === 'GET' && /trainingPipelines\/\d+$/.test(r.url), () => { second ??= google.run(definition, { job: 'churn', key: 'second' }); });
    outcomes(google.run(definition, { job: 'churn', key: 'first' }));
    expect(outcomes(second!)[0].status).toBe('launched');
    expect(second!.sleeps.filter((s) => s.seconds === MODEL_WAIT_SECONDS)).toEqual([]);
    expect(google.vertex.models.get(ID)).toMatchObject({ versions: 5 });
  });

  test('a model that does not exist fails the launch before any training, saying what to do', () => {
    const { google } = deployed('churn', { existingModel: NAME });
    const run = google.run(definition, { job: 'churn' });
    expect(run.state).toBe('FAILED');
    expect(google.vertex.jobs).toEqual([]);
    const [failed] = logsOf(run, 'launch_failed');
    expect(failed.error).toMatchObject({ tags: ['ModelNotFound'] });
    expect(failed.error.message).toContain(`adds a version to model ${NAME}, which does not exist`);
    expect(failed.error.message).toContain('model.modelId');
  });

  test('a synthesized pipeline naming a model by its numeric ID launches as its manifest says', () => {
    const { json } = synthWith((stack, env) => new TrainingPipeline(stack, 'churn', {
      environment: env, workerPools: cpuPools(), code: gcsCode(),
      model: { existingModel: ID, servingContainer: ServingContainer.prebuilt(Framework.SCIKIT_LEARN, '1.6') },
    }));
    const { body: _reference, ...settings } = json.locals!.vertex_ml_churn_manifest;
    expect(settings.modelId).toBeUndefined();
    const google = new FakeGoogle();
    registered(google, 1);
    deploy(google, 'churn', { ...settings, body: json.locals!.vertex_ml_churn });
    outcomes(google.run(definition, { job: 'churn' }));
    expect(google.vertex.jobs[0].body.parentModel).toBe(NAME);
    expect(google.vertex.models.get(ID)).toMatchObject({ versions: 2 });
    expectValidBodies(google);
  });
});
