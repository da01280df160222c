import {
  AutomatedStopping, ConditionalParameter, ContainerImage, GpuType, HyperparameterTuningJob, HyperparameterTuningJobProps,
  MeasurementSelection, Metric, Parameter, ScaleType, SearchAlgorithm, TrainingCode, WorkerPool,
} from '../../lib';
import { validateAgainstProto } from '../helpers/proto-schema';
import { cpuPools, environmentRefs, gcsCode, synthWith, validBody } from './fixtures';

/**
 * HyperparameterTuningJob (issue 4, "HyperparameterTuningJob"): the study, trial counts and trial
 * job spec in the request body (the local `vertex_ml_search`, valid against the v1
 * `HyperparameterTuningJob` proto), and parallel trials multiplying the job's quota demand.
 */

const STUDY = {
  metrics: [Metric.maximize('accuracy')],
  parameters: [Parameter.continuous('learning_rate', { min: 1e-5, max: 1e-1, scale: ScaleType.LOG })],
};

function synthSearch(props: Partial<HyperparameterTuningJobProps> = {}) {
  const result = synthWith((stack, env) => new HyperparameterTuningJob(stack, 'search', {
    environment: env,
    workerPools: cpuPools(),
    code: gcsCode(),
    study: STUDY,
    maxTrialCount: 20,
    parallelTrialCount: 4,
    ...props,
  }));
  const body = validBody(result.json, 'vertex_ml_search', 'HyperparameterTuningJob');
  return { ...result, body };
}

describe('HyperparameterTuningJob', () => {
  test('the body: display name, study, counts, trial job spec, labels, CMEK', () => {
    const { json, body } = synthSearch();
    const refs = environmentRefs(json);
    expect(Object.keys(body).sort()).toEqual(['displayName', 'encryptionSpec', 'labels', 'maxTrialCount', 'parallelTrialCount', 'studySpec', 'trialJobSpec']);
    expect(body.displayName).toBe('search');
    expect(body.studySpec).toEqual({
      metrics: [{ metricId: 'accuracy', goal: 'MAXIMIZE' }],
      parameters: [{ parameterId: 'learning_rate', scaleType: 'UNIT_LOG_SCALE', doubleValueSpec: { minValue: 1e-5, maxValue: 0.1 } }],
    });
    expect(body.maxTrialCount).toBe(20);
    expect(body.parallelTrialCount).toBe(4);
    expect(body.maxFailedTrialCount).toBeUndefined();
    expect(validateAgainstProto('CustomJobSpec', body.trialJobSpec)).toEqual([]);
    expect(body.trialJobSpec).toMatchObject({
      serviceAccount: refs.trainerEmail,
      baseOutputDirectory: { outputUriPrefix: `gs://${refs.artifactsBucket}/jobs/search/runs/` },
      tensorboard: refs.tensorboard,
      scheduling: { strategy: 'STANDARD' },
    });
    expect(body.trialJobSpec.workerPoolSpecs[0].pythonPackageSpec.pythonModule).toBe('trainer.task');
    expect(body.labels['vertex-training-job']).toBe('search');
    expect(body.encryptionSpec).toEqual({ kmsKeyName: refs.vertexKey });
  });

  test('every parameter kind, conditional children, algorithm, measurement selection and stopping', () => {
    const { body } = synthSearch({
      study: {
        metrics: [Metric.maximize('auc'), Metric.minimize('loss')],
        parameters: [
          Parameter.continuous('learning_rate', { min: 1e-4, max: 1e-1, scale: ScaleType.LOG }),
          Parameter.continuous('momentum', { min: 0.5, max: 0.99, scale: ScaleType.REVERSE_LOG }),
          Parameter.integer('layers', { min: 1, max: 8, scale: ScaleType.LINEAR }),
          Parameter.discrete('batch_size', [32, 64, 128]),
          Parameter.categorical('optimizer', ['adam', 'sgd']).withChildren(
            ConditionalParameter.whenCategorical(['sgd'], Parameter.continuous('nesterov_momentum', { min: 0, max: 0.9 })),
          ),
        ],
        algorithm: SearchAlgorithm.RANDOM,
        measurementSelection: MeasurementSelection.BEST,
        automatedStopping: AutomatedStopping.decayCurve({ useElapsedDuration: true }),
      },
      maxFailedTrialCount: 3,
    });
    expect(body.studySpec).toEqual({
      metrics: [{ metricId: 'auc', goal: 'MAXIMIZE' }, { metricId: 'loss', goal: 'MINIMIZE' }],
      parameters: [
        { parameterId: 'learning_rate', scaleType: 'UNIT_LOG_SCALE', doubleValueSpec: { minValue: 1e-4, maxValue: 0.1 } },
        { parameterId: 'momentum', scaleType: 'UNIT_REVERSE_LOG_SCALE', doubleValueSpec: { minValue: 0.5, maxValue: 0.99 } },
        { parameterId: 'layers', scaleType: 'UNIT_LINEAR_SCALE', integerValueSpec: { minValue: '1', maxValue: '8' } },
        { parameterId: 'batch_size', discreteValueSpec: { values: [32, 64, 128] } },
        {
          parameterId: 'optimizer',
          categoricalValueSpec: { values: ['adam', 'sgd'] },
          conditionalParameterSpecs: [{
            parameterSpec: { parameterId: 'nesterov_momentum', doubleValueSpec: { minValue: 0, maxValue: 0.9 } },
            parentCategoricalValues: { values: ['sgd'] },
          }],
        },
      ],
      algorithm: 'RANDOM_SEARCH',
      measurementSelectionType: 'BEST_MEASUREMENT',
      decayCurveStoppingSpec: { useElapsedDuration: true },
    });
    expect(body.maxFailedTrialCount).toBe(3);
  });

  test('Bayesian search (the default) sends no algorithm; median and convex stopping', () => {
    expect(synthSearch({ study: { ...STUDY, automatedStopping: AutomatedStopping.median() } }).body.studySpec).toEqual({
      ...synthSearch().body.studySpec,
      medianAutomatedStoppingSpec: {},
    });
    const convex = synthSearch({
      study: { ...STUDY, algorithm: SearchAlgorithm.BAYESIAN, automatedStopping: AutomatedStopping.convex({ maxStepCount: 1000, minMeasurementCount: 3, learningRateParameterName: 'learning_rate' }) },
    }).body.studySpec;
    expect(convex.algorithm).toBeUndefined();
    expect(convex.convexAutomatedStoppingSpec).toMatchObject({ maxStepCount: '1000', minMeasurementCount: '3', learningRateParameterName: 'learning_rate' });
  });

  test('grid search over integer, categorical and discrete parameters', () => {
    const { body } = synthSearch({
      study: {
        metrics: [Metric.minimize('loss')],
        parameters: [Parameter.integer('layers', { min: 1, max: 3 }), Parameter.categorical('act', ['relu', 'gelu']), Parameter.discrete('dropout', [0.1, 0.3])],
        algorithm: SearchAlgorithm.GRID,
      },
      maxTrialCount: 12,
      parallelTrialCount: 12,
    });
    expect(body.studySpec.algorithm).toBe('GRID_SEARCH');
    expect(body.parallelTrialCount).toBe(12);
  });

  test('parallel trials multiply the job\'s quota demand: 5 trials × 1 T4 and × 8 vCPUs', () => {
    const { body, env } = synthSearch({
      workerPools: { primary: WorkerPool.gpu({ gpuType: GpuType.NVIDIA_TESLA_T4, gpusPerReplica: 1, machineType: 'n1-standard-8' }) },
      code: TrainingCode.container({ image: ContainerImage.fromUri('us-docker.pkg.dev/acme-tools/images/classifier:v3') }),
      maxTrialCount: 40,
      parallelTrialCount: 5,
    });
    expect(body.trialJobSpec.workerPoolSpecs[0].machineSpec).toEqual({ machineType: 'n1-standard-8', acceleratorType: 'NVIDIA_TESLA_T4', acceleratorCount: 1 });
    const plan = env.quotas.plan();
    expect(plan.find((row) => row.metric === 'custom_model_training_nvidia_t4_gpus')).toMatchObject({ demand: 5, contributions: ['search=5'] });
    expect(plan.find((row) => row.metric === 'custom_model_training_cpus')).toMatchObject({ demand: 40, contributions: ['search=40'] });
  });

  test('one parallel trial demands one copy of the pools', () => {
    const { env } = synthSearch({ parallelTrialCount: 1 });
    expect(env.quotas.plan()).toEqual([expect.objectContaining({ metric: 'custom_model_training_n2_cpus', demand: 8, contributions: ['search=8'] })]);
  });

  test('the manifest names the tuning collection; the console URL its page', () => {
    const { json } = synthSearch();
    expect(json.locals!.vertex_ml_search_manifest).toMatchObject({ kind: 'HyperparameterTuningJob', collection: 'hyperparameterTuningJobs' });
    expect(json.output!.ml_search_console_url.value).toBe('https://console.cloud.google.com/vertex-ai/training/hyperparameter-tuning-jobs?project=acme-ml');
  });
});
