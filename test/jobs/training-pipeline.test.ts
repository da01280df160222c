import {
  ContainerImage, Framework, Metric, Parameter, ServingContainer, TrainingEnvironmentProps, TrainingPipeline, TrainingPipelineProps,
} from '../../lib';
import { validateAgainstProto } from '../helpers/proto-schema';
import { ofType, onlyOfType } from '../helpers/synth';
import { cpuPools, environmentRefs, gcsCode, interpolated, synthWith, validBody } from './fixtures';

/**
 * TrainingPipeline (issue 4, "TrainingPipeline"): a custom or tuning task, the model upload with a
 * prebuilt (region-mirrored) or custom serving container, the model ID in the manifest for the
 * launcher, and the managed dataset. Every body is valid against the v1 `TrainingPipeline` proto,
 * and its `trainingTaskInputs` against `CustomJobSpec` (custom task) or `StudySpec` and
 * `CustomJobSpec` (tuning task).
 */

const CUSTOM_TASK = 'gs://google-cloud-aiplatform/schema/trainingjob/definition/custom_task_1.0.0.yaml';
const TUNING_TASK = 'gs://google-cloud-aiplatform/schema/trainingjob/definition/hyperparameter_tuning_task_1.0.0.yaml';

function synthPipeline(props: Partial<TrainingPipelineProps> = {}, envProps: Partial<TrainingEnvironmentProps> = {}) {
  const result = synthWith((stack, env) => new TrainingPipeline(stack, 'retrain', {
    environment: env,
    workerPools: cpuPools(),
    code: gcsCode(),
    model: { servingContainer: ServingContainer.prebuilt(Framework.SCIKIT_LEARN, '1.6') },
    ...props,
  }), envProps);
  const body = validBody(result.json, 'vertex_ml_retrain', 'TrainingPipeline');
  if (body.trainingTaskDefinition === CUSTOM_TASK) {
    expect(validateAgainstProto('CustomJobSpec', body.trainingTaskInputs)).toEqual([]);
  } else {
    expect(validateAgainstProto('StudySpec', body.trainingTaskInputs.studySpec)).toEqual([]);
    expect(validateAgainstProto('CustomJobSpec', body.trainingTaskInputs.trialJobSpec)).toEqual([]);
  }
  return { ...result, body, pipeline: result.built };
}

describe('TrainingPipeline: custom task and model upload', () => {
  test('the body: custom task definition, CustomJobSpec inputs, model with the prebuilt serving image, labels, CMEK', () => {
    const { json, body, pipeline } = synthPipeline();
    const refs = environmentRefs(json);
    expect(Object.keys(body).sort()).toEqual(['displayName', 'encryptionSpec', 'labels', 'modelToUpload', 'trainingTaskDefinition', 'trainingTaskInputs']);
    expect(body.displayName).toBe('retrain');
    expect(body.trainingTaskDefinition).toBe(CUSTOM_TASK);
    expect(body.trainingTaskInputs).toMatchObject({
      serviceAccount: refs.trainerEmail,
      baseOutputDirectory: { outputUriPrefix: `gs://${refs.artifactsBucket}/jobs/retrain/runs/` },
      scheduling: { strategy: 'STANDARD' },
    });
    expect(body.trainingTaskInputs.workerPoolSpecs[0].pythonPackageSpec.executorImageUri).toBe('us-docker.pkg.dev/vertex-ai/training/sklearn-cpu.1-6:latest');
    expect(body.modelToUpload).toEqual({
      displayName: 'retrain',
      containerSpec: { imageUri: 'us-docker.pkg.dev/vertex-ai/prediction/sklearn-cpu.1-6:latest' },
      labels: body.labels,
    });
    expect(body.labels['vertex-training-job']).toBe('retrain');
    expect(body.encryptionSpec).toEqual({ kmsKeyName: refs.vertexKey });
    // The launcher adds modelId (first run) or parentModel (later runs); the body carries neither.
    expect(body.modelId).toBeUndefined();
    expect(body.parentModel).toBeUndefined();
    expect(pipeline.modelId).toBe('retrain');
    expect(pipeline.dataset).toBeUndefined();
    expect(ofType(json, 'google_vertex_ai_dataset')).toEqual({});
  });

  test('the manifest carries the model ID the launcher turns into modelId / parentModel', () => {
    const { json } = synthPipeline({ model: { modelId: 'churn-classifier', displayName: 'Churn classifier', description: 'Weekly churn model', servingContainer: ServingContainer.prebuilt(Framework.XGBOOST, '2.1') } });
    expect(json.locals!.vertex_ml_retrain_manifest).toEqual({
      kind: 'TrainingPipeline',
      collection: 'trainingPipelines',
      launchOnChange: false,
      outputPrefix: `gs://${environmentRefs(json).artifactsBucket}/jobs/retrain/runs/`,
      modelId: 'churn-classifier',
      body: '${local.vertex_ml_retrain}',
    });
    const body = json.locals!.vertex_ml_retrain;
    expect(body.modelToUpload).toMatchObject({
      displayName: 'Churn classifier',
      description: 'Weekly churn model',
      containerSpec: { imageUri: 'us-docker.pkg.dev/vertex-ai/prediction/xgboost-cpu.2-1:latest' },
    });
    expect(json.output!.ml_retrain_console_url.value).toBe('https://console.cloud.google.com/vertex-ai/training/training-pipelines?project=acme-ml');
  });

  test('a new model ID may hold "_" and start with it (Vertex AI\'s rule)', () => {
    for (const modelId of ['churn_model', '_churn-v2']) {
      const { json, pipeline } = synthPipeline({ model: { modelId, servingContainer: ServingContainer.prebuilt(Framework.SCIKIT_LEARN, '1.6') } });
      expect(json.locals!.vertex_ml_retrain_manifest.modelId).toBe(modelId);
      expect(pipeline.parentModel).toBeUndefined();
    }
  });

  test.each([
    ['1234567890123456789', 'projects/acme-ml/locations/us-central1/models/1234567890123456789', 'retrain'],
    ['churn_model', 'projects/acme-ml/locations/us-central1/models/churn_model', 'churn_model'],
    ['projects/acme-ml/locations/us-central1/models/42', 'projects/acme-ml/locations/us-central1/models/42', 'retrain'],
    // A project number cannot be compared with the project ID at synth: Vertex AI names models by either.
    ['projects/123456789012/locations/us-central1/models/churn', 'projects/123456789012/locations/us-central1/models/churn', 'churn'],
  ])('an existing model %p is the parentModel of every run, in the body; the manifest asks for no first-version claim', (existingModel, parentModel, displayName) => {
    const { json, body, pipeline } = synthPipeline({ model: { existingModel, servingContainer: ServingContainer.prebuilt(Framework.SCIKIT_LEARN, '1.6') } });
    expect(body.parentModel).toBe(parentModel);
    expect(body.modelId).toBeUndefined();
    expect(body.modelToUpload.displayName).toBe(displayName);
    expect(json.locals!.vertex_ml_retrain_manifest).not.toHaveProperty('modelId');
    expect(pipeline.parentModel).toBe(parentModel);
    expect(pipeline.modelId).toBe(parentModel.split('/').pop());
  });

  test.each([
    ['europe-west4', 'europe-docker.pkg.dev'],
    ['us-east1', 'us-docker.pkg.dev'],
    ['asia-northeast1', 'asia-docker.pkg.dev'],
  ])('the prebuilt serving image in %s comes from the %s mirror', (region, mirror) => {
    const { body } = synthPipeline({}, { region });
    expect(body.modelToUpload.containerSpec.imageUri).toBe(`${mirror}/vertex-ai/prediction/sklearn-cpu.1-6:latest`);
    expect(body.trainingTaskInputs.workerPoolSpecs[0].pythonPackageSpec.executorImageUri).toBe(`${mirror}/vertex-ai/training/sklearn-cpu.1-6:latest`);
  });

  test('a GPU prebuilt serving image', () => {
    const { body } = synthPipeline({ model: { servingContainer: ServingContainer.prebuilt(Framework.TENSORFLOW, '2.15', true) } });
    expect(body.modelToUpload.containerSpec.imageUri).toBe('us-docker.pkg.dev/vertex-ai/prediction/tf2-gpu.2-15:latest');
  });

  test('a custom serving container from the environment repository, with routes and port', () => {
    const result = synthWith((stack, env) => new TrainingPipeline(stack, 'retrain', {
      environment: env,
      workerPools: cpuPools(),
      code: gcsCode(),
      model: {
        servingContainer: ServingContainer.fromImage(ContainerImage.fromRepository(env.dockerRepository, 'server', { tag: 'v2' }), {
          predictRoute: '/v1/predict', healthRoute: '/healthz', port: 7080,
        }),
      },
    }));
    const body = validBody(result.json, 'vertex_ml_retrain', 'TrainingPipeline');
    expect(validateAgainstProto('CustomJobSpec', body.trainingTaskInputs)).toEqual([]);
    expect(body.modelToUpload.containerSpec).toEqual({
      imageUri: 'us-central1-docker.pkg.dev/acme-ml/ml-images/server:v2',
      predictRoute: '/v1/predict',
      healthRoute: '/healthz',
      ports: [{ containerPort: 7080 }],
    });
  });

  test('a custom serving container by URI, with Vertex AI\'s routes and port', () => {
    const { body } = synthPipeline({ model: { servingContainer: ServingContainer.fromImage(ContainerImage.fromUri('us-docker.pkg.dev/acme-tools/images/server:v1')) } });
    expect(body.modelToUpload.containerSpec).toEqual({ imageUri: 'us-docker.pkg.dev/acme-tools/images/server:v1' });
  });
});

describe('TrainingPipeline: tuning task', () => {
  test('the tuning task definition; inputs hold the study, counts and trial job spec; parallel trials in the quota plan', () => {
    const { json, body, env } = synthPipeline({
      tuning: {
        study: { metrics: [Metric.maximize('accuracy')], parameters: [Parameter.integer('trees', { min: 10, max: 500 })] },
        maxTrialCount: 8,
        parallelTrialCount: 3,
        maxFailedTrialCount: 2,
      },
    });
    expect(body.trainingTaskDefinition).toBe(TUNING_TASK);
    expect(Object.keys(body.trainingTaskInputs).sort()).toEqual(['maxFailedTrialCount', 'maxTrialCount', 'parallelTrialCount', 'studySpec', 'trialJobSpec']);
    expect(body.trainingTaskInputs).toMatchObject({
      maxTrialCount: 8,
      parallelTrialCount: 3,
      maxFailedTrialCount: 2,
      studySpec: { metrics: [{ metricId: 'accuracy', goal: 'MAXIMIZE' }], parameters: [{ parameterId: 'trees', integerValueSpec: { minValue: '10', maxValue: '500' } }] },
      trialJobSpec: { baseOutputDirectory: { outputUriPrefix: `gs://${environmentRefs(json).artifactsBucket}/jobs/retrain/runs/` } },
    });
    expect(env.quotas.plan()).toEqual([expect.objectContaining({ metric: 'custom_model_training_n2_cpus', demand: 24, contributions: ['retrain=24'] })]);
  });
});

describe('TrainingPipeline: managed dataset', () => {
  test('a created dataset: CMEK, the region, the default tabular schema, labels; the body takes its ID and the fraction split', () => {
    const { json, body, pipeline } = synthPipeline({ dataset: { trainingFraction: 0.8, validationFraction: 0.1, testFraction: 0.1 } });
    const refs = environmentRefs(json);
    const dataset = onlyOfType(json, 'google_vertex_ai_dataset');
    expect(dataset).toMatchObject({
      project: 'acme-ml',
      region: 'us-central1',
      display_name: 'ml-retrain',
      metadata_schema_uri: 'gs://google-cloud-aiplatform/schema/dataset/metadata/tabular_1.0.0.yaml',
      encryption_spec: { kms_key_name: refs.vertexKey },
      labels: body.labels,
    });
    expect(dataset.depends_on).toEqual(expect.arrayContaining([expect.stringMatching(/^google_kms_crypto_key_iam_member\.ml_encryption_vertex_/)]));
    expect(pipeline.dataset).toBeDefined();
    expect(body.inputDataConfig).toEqual({
      datasetId: `\${element(split("/", ${interpolated(json, 'google_vertex_ai_dataset', 'retrain_dataset_', 'name').slice(2, -1)}), 5)}`,
      fractionSplit: { trainingFraction: 0.8, validationFraction: 0.1, testFraction: 0.1 },
      gcsDestination: { outputUriPrefix: `gs://${refs.artifactsBucket}/jobs/retrain/datasets/` },
    });
  });

  test('a created dataset with another metadata schema', () => {
    const { json } = synthPipeline({
      dataset: { metadataSchemaUri: 'gs://google-cloud-aiplatform/schema/dataset/metadata/image_1.0.0.yaml', trainingFraction: 0.7, validationFraction: 0.2, testFraction: 0.1 },
    });
    expect(onlyOfType(json, 'google_vertex_ai_dataset').metadata_schema_uri).toBe('gs://google-cloud-aiplatform/schema/dataset/metadata/image_1.0.0.yaml');
  });

  test('an existing dataset by numeric ID: nothing is created', () => {
    const { json, body, pipeline } = synthPipeline({ dataset: { existingDatasetId: '1234567890123', trainingFraction: 0.6, validationFraction: 0.2, testFraction: 0.2 } });
    expect(ofType(json, 'google_vertex_ai_dataset')).toEqual({});
    expect(pipeline.dataset).toBeUndefined();
    expect(body.inputDataConfig).toMatchObject({ datasetId: '1234567890123', fractionSplit: { trainingFraction: 0.6, validationFraction: 0.2, testFraction: 0.2 } });
  });

  test('fractions adding up to less than 1 are accepted', () => {
    const { body } = synthPipeline({ dataset: { existingDatasetId: '42', trainingFraction: 0.5, validationFraction: 0.1, testFraction: 0 } });
    expect(body.inputDataConfig.fractionSplit).toEqual({ trainingFraction: 0.5, validationFraction: 0.1, testFraction: 0 });
  });
});
