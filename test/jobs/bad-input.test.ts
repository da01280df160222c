import { Testing } from 'cdktf';
import { Construct } from 'constructs';
import {
  ContainerImage, CustomTrainingJob, CustomTrainingJobProps, Duration, Framework, GpuType, HyperparameterTuningJob,
  HyperparameterTuningJobProps, Metric, Parameter, PythonPackage, ScaleType, SchedulingStrategy, ServingContainer, TrainingCode,
  TrainingPipeline, TrainingPipelineProps, Trigger, WorkerPool,
} from '../../lib';
import { environmentStack } from '../helpers/synth';
import { cpuPools, expectMessage, gcsCode, thrown } from './fixtures';

/**
 * Bad input to jobs and triggers (issue 4, "Done when"): each is refused while the stack is built,
 * with the construct path, the field, the value and what is allowed.
 */

/**
 * Jobs that fail throw before they register anything with their environment (quota workload,
 * launcher), so the cases share one environment; each job gets its own scope `test/case-N`.
 */
const shared = environmentStack();
let cases = 0;

/** The error of a job built by `build` in a fresh scope, and the path of the job (`test/case-N/<id>`). */
function failure(id: string, build: (scope: Construct, id: string) => unknown): { error: Error; path: string } {
  const scopeId = `case-${++cases}`;
  const error = thrown(() => build(new Construct(shared.stack, scopeId), id));
  return { error, path: `test/${scopeId}/${id}` };
}

/** Checks the message: the job's path, the field, the value and part of what is allowed. */
function expectFailure(f: { error: Error; path: string }, field: string, value: string | number, allowed: string): void {
  expectMessage(f.error, f.path, field, value, allowed);
}

function customJob(props: Partial<CustomTrainingJobProps>, id = 'train') {
  return failure(id, (scope, jobId) => new CustomTrainingJob(scope, jobId, { environment: shared.env, workerPools: cpuPools(), code: gcsCode(), ...props }));
}

const STUDY = { metrics: [Metric.maximize('accuracy')], parameters: [Parameter.continuous('lr', { min: 1e-4, max: 1e-1, scale: ScaleType.LOG })] };

function tuningJob(props: Partial<HyperparameterTuningJobProps>) {
  return failure('train', (scope, id) => new HyperparameterTuningJob(scope, id, {
    environment: shared.env, workerPools: cpuPools(), code: gcsCode(), study: STUDY, maxTrialCount: 10, parallelTrialCount: 2, ...props,
  }));
}

function pipeline(props: Partial<TrainingPipelineProps>) {
  return failure('train', (scope, id) => new TrainingPipeline(scope, id, {
    environment: shared.env, workerPools: cpuPools(), code: gcsCode(),
    model: { servingContainer: ServingContainer.prebuilt(Framework.SCIKIT_LEARN, '1.6') }, ...props,
  }));
}

describe('triggers', () => {
  test('a cron hour out of range', () => {
    expectFailure(customJob({ triggers: [Trigger.schedule('0 25 * * *')] }), 'triggers[0].cron', '0 25 * * *', 'hour 25 is out of range 0-23');
  });

  test('a cron macro', () => {
    expectFailure(customJob({ triggers: [Trigger.schedule('@daily')] }), 'triggers[0].cron', '@daily', 'use "0 0 * * *" instead');
  });

  test('a cron with six fields, at its index among the triggers', () => {
    expectFailure(customJob({ triggers: [Trigger.onChange(), Trigger.schedule('0 0 3 * * *')] }), 'triggers[1].cron', '0 0 3 * * *', 'unix-cron schedule of 5 fields');
  });

  test('an unknown time zone', () => {
    expectFailure(customJob({ triggers: [Trigger.schedule('0 3 * * *', 'Mars/Olympus_Mons')] }), 'triggers[0].timeZone', 'Mars/Olympus_Mons', 'IANA time zone');
  });

  test('on new data without a bucket', () => {
    expectFailure(customJob({ triggers: [Trigger.onNewData('')] }), 'triggers[0].bucketName', '', 'a bucket to watch');
  });

  test('on new data under a prefix the launcher workflow would read as an expression', () => {
    expectFailure(customJob({ triggers: [Trigger.onNewData('acme-landing', 'in/${date}/')] }), 'triggers[0].prefix', 'in/${date}/', 'without "${"');
  });
});

describe('code', () => {
  test('an unknown framework version lists the versions there are', () => {
    expectFailure(customJob({ code: gcsCode({ frameworkVersion: '9.9' }) }), 'code.frameworkVersion', '9.9', 'versions 1.6, 1.0');
  });

  test('a framework version without an image for the job\'s hardware (GPU)', () => {
    const error = customJob({
      workerPools: { primary: WorkerPool.gpu({ gpuType: GpuType.NVIDIA_L4, gpusPerReplica: 1 }) },
      code: gcsCode({ framework: Framework.TENSORFLOW, frameworkVersion: '2.18' }),
    });
    expectFailure(error, 'code.frameworkVersion', '2.18', 'GPU training images exist for versions 2.17');
  });

  test('prebuilt code without a package', () => {
    expectFailure(customJob({ code: gcsCode({ pythonPackage: undefined }) }), 'code.packages', 'none', 'needs 1 to 100 Python packages');
  });

  test('prebuilt code with an empty module', () => {
    expectFailure(customJob({ code: gcsCode({ module: '' }) }), 'code.module', '', 'must be a Python module name');
  });

  test('prebuilt code with a file name as module', () => {
    expectFailure(customJob({ code: gcsCode({ module: 'trainer/task.py' }) }), 'code.module', 'trainer/task.py', 'must be a Python module name');
  });

  // BUG: with no module at all (possible from JavaScript or any jsii language), resolvePrebuilt's
  // PYTHON_MODULE.test(undefined) tests the string "undefined" and passes, then
  // `intent.module.endsWith('.py')` throws a TypeError instead of a ValidationError naming code.module.
  test('prebuilt code without a module', () => {
    const { error, path } = customJob({ code: gcsCode({ module: undefined as unknown as string }) });
    expect(error.message).toContain(`${path}: code.module`);
  });

  test('a package directory without a project file', () => {
    const { error, path } = customJob({ code: gcsCode({ pythonPackage: PythonPackage.fromDirectory('/nonexistent/trainer-dir') }) });
    expect(error.message.startsWith(`${path}: code.pythonPackage "`)).toBe(true);
  });

  test('a package file that is not a distribution', () => {
    expectFailure(customJob({ code: gcsCode({ pythonPackage: PythonPackage.fromFile('trainer.py') }) }), 'code.pythonPackage', 'trainer.py', 'source distribution (.tar.gz, .zip) or a wheel');
  });

  test('a gs:// package that is not a distribution', () => {
    expectFailure(customJob({ code: gcsCode({ pythonPackage: PythonPackage.fromGcsUri('gs://acme-packages/trainer') }) }), 'code.pythonPackage', 'gs://acme-packages/trainer', 'must be gs://BUCKET/OBJECT');
  });

  test('an image URI without tag or digest', () => {
    const error = customJob({ code: TrainingCode.container({ image: ContainerImage.fromUri('us-docker.pkg.dev/acme/images/trainer') }) });
    expectFailure(error, 'code.image', 'us-docker.pkg.dev/acme/images/trainer', 'with a tag or a digest');
  });

  test('an invalid environment variable name', () => {
    expectFailure(customJob({ code: gcsCode({ env: { '1BAD': 'x' } }) }), 'code.env', '1BAD', 'environment variable names');
  });
});

describe('job', () => {
  test('an invalid job ID', () => {
    const error = customJob({}, 'Train_1');
    expectFailure(error, 'id', 'Train_1', 'must be 2-40 lowercase letters, digits or hyphens');
  });

  test('a display name of 129 characters', () => {
    const name = 'x'.repeat(129);
    expectFailure(customJob({ displayName: name }), 'displayName', name, 'must be 1-128 characters');
  });

  test('a display name of 128 characters is accepted', () => {
    const { stack, env } = environmentStack();
    expect(() => new CustomTrainingJob(stack, 'train', { environment: env, workerPools: cpuPools(), code: gcsCode(), displayName: 'x'.repeat(128) })).not.toThrow();
  });

  test('FLEX_START with T4 GPUs', () => {
    const error = customJob({
      workerPools: { primary: WorkerPool.gpu({ gpuType: GpuType.NVIDIA_TESLA_T4, gpusPerReplica: 1 }) },
      code: gcsCode({ framework: Framework.TENSORFLOW, frameworkVersion: '2.17' }),
      scheduling: { strategy: SchedulingStrategy.FLEX_START },
    });
    expectFailure(error, 'scheduling.strategy', 'FLEX_START', 'Dynamic Workload Scheduler takes L4, A100, H100, H200 or B200 GPUs');
  });

  test('maxWait without FLEX_START', () => {
    expectFailure(customJob({ scheduling: { strategy: SchedulingStrategy.SPOT, maxWait: Duration.hours(1) } }), 'scheduling.maxWait', '1 hour', 'only FLEX_START jobs wait for capacity');
  });

  test('several problems: every one is reported, a line each', () => {
    const { error, path } = customJob({ code: gcsCode({ frameworkVersion: '9.9', module: 'x.py' }), triggers: [Trigger.schedule('@daily')] });
    const lines = error.message.split('\n');
    expect(lines.map((line) => line.slice(0, line.indexOf(' is not valid')))).toEqual([
      `${path}: code.frameworkVersion "9.9"`, `${path}: code.module "x.py"`, `${path}: triggers[0].cron "@daily"`,
    ]);
  });

  test('an invalid ID is reported with the spec\'s problems, not alone', () => {
    const { error, path } = customJob({ code: gcsCode({ module: 'x.py' }) }, 'Nightly');
    expect(error.message.split('\n').map((line) => line.slice(0, line.indexOf(' is not valid')))).toEqual([
      `${path}: id "Nightly"`, `${path}: code.module "x.py"`,
    ]);
  });

  test('two jobs with the same ID in one environment: the second job is named', () => {
    const error = thrown(() => {
      const { stack, env } = environmentStack();
      new CustomTrainingJob(stack, 'train', { environment: env, workerPools: cpuPools(), code: gcsCode() });
      new CustomTrainingJob(new Construct(stack, 'team-b'), 'train', { environment: env, workerPools: cpuPools(), code: gcsCode() });
    });
    expectMessage(error, 'test/team-b/train', 'id', 'train', 'job IDs are unique within an environment (test/ml already has a job "train")');
  });
});

describe('tuning', () => {
  test('without metrics', () => {
    expectFailure(tuningJob({ study: { ...STUDY, metrics: [] } }), 'study.metrics', '(none)', 'at least one metric to optimize');
  });

  test('without parameters', () => {
    expectFailure(tuningJob({ study: { ...STUDY, parameters: [] } }), 'study.parameters', '(none)', 'at least one parameter to search');
  });

  test('min > max', () => {
    const error = tuningJob({ study: { ...STUDY, parameters: [Parameter.continuous('dropout', { min: 0.5, max: 0.1 })] } });
    expectFailure(error, 'study.parameters[0].min', 0.5, 'less than max (0.1)');
  });

  test('LOG scale with min 0', () => {
    const error = tuningJob({ study: { ...STUDY, parameters: [Parameter.continuous('lr', { min: 0, max: 0.1, scale: ScaleType.LOG })] } });
    expectFailure(error, 'study.parameters[0].min', 0, 'greater than 0');
  });

  test('LOG scale with a negative min, on an integer parameter', () => {
    const error = tuningJob({ study: { ...STUDY, parameters: [Parameter.integer('units', { min: -4, max: 64, scale: ScaleType.LOG })] } });
    expectFailure(error, 'study.parameters[0].min', -4, 'greater than 0');
  });

  test('parallelTrialCount > maxTrialCount', () => {
    expectFailure(tuningJob({ maxTrialCount: 5, parallelTrialCount: 10 }), 'parallelTrialCount', 10, 'at most maxTrialCount (5)');
  });

  test('maxTrialCount 0', () => {
    expectFailure(tuningJob({ maxTrialCount: 0, parallelTrialCount: 1 }), 'maxTrialCount', 0, 'at least 1');
  });

  test('a tuning pipeline reports its study under tuning.', () => {
    const error = pipeline({ tuning: { study: { ...STUDY, metrics: [] }, maxTrialCount: 4, parallelTrialCount: 2 } });
    expectFailure(error, 'tuning.study.metrics', '(none)', 'at least one metric');
    const counts = pipeline({ tuning: { study: STUDY, maxTrialCount: 2, parallelTrialCount: 3 } });
    expectFailure(counts, 'tuning.parallelTrialCount', 3, 'at most maxTrialCount (2)');
  });
});

describe('pipeline', () => {
  const serving = ServingContainer.prebuilt(Framework.SCIKIT_LEARN, '1.6');

  test.each([
    ['Churn_Model', '(did you mean "churn_model"?)'],
    ['9lives', '(did you mean "lives"?)'],
    ['-churn', '(did you mean "churn"?)'],
    ['a'.repeat(64), 'a model ID by Vertex AI\'s rule: 1-63 characters a-z, 0-9, "_" or "-", the first not a digit or "-"'],
  ])('a new model ID %p is refused by Vertex AI\'s rule, with the nearest valid one', (modelId, allowed) => {
    expectFailure(pipeline({ model: { modelId, servingContainer: serving } }), 'model.modelId', modelId, allowed);
  });

  test.each(['1234567890', 'projects/acme-ml/locations/us-central1/models/churn'])('a new model ID %p that names an existing model points to existingModel', (modelId) => {
    expectFailure(pipeline({ model: { modelId, servingContainer: serving } }), 'model.modelId', modelId, 'give it as model.existingModel');
  });

  test.each([
    ['projects/acme-ml/locations/europe-west4/models/123', 'a model in the environment\'s region us-central1 (this one is in europe-west4'],
    ['projects/other-project/locations/us-central1/models/123', 'a model of the environment\'s project acme-ml (this one is in project other-project'],
    ['churn@3', 'name the model, not one of its versions (without "@3")'],
    ['projects/acme-ml/locations/us-central1/models/Churn', 'the ID "Churn" is neither numeric nor a-z, 0-9, "_", "-"'],
    ['models/churn', 'its resource name projects/PROJECT/locations/REGION/models/ID'],
  ])('an existing model %p is refused', (existingModel, allowed) => {
    expectFailure(pipeline({ model: { existingModel, servingContainer: serving } }), 'model.existingModel', existingModel, allowed);
  });

  test('modelId and existingModel together, and a non-string existingModel from JavaScript, are reported with the other problems', () => {
    const both = pipeline({ model: { modelId: 'churn', existingModel: '123', servingContainer: serving } });
    expectFailure(both, 'model.modelId', 'churn', 'give modelId (a model this pipeline registers) or existingModel (a model that exists), not both');
    const wrongType = pipeline({
      model: { existingModel: 123 as unknown as string, servingContainer: serving },
      dataset: { trainingFraction: 2, validationFraction: 0, testFraction: 0 },
    });
    const lines = wrongType.error.message.split('\n');
    expect(lines).toEqual([
      `${wrongType.path}: model.existingModel 123 is not valid: a string: a numeric or custom model ID, or a model resource name`,
      expect.stringMatching(/dataset\.trainingFraction 2 is not valid: a fraction from 0 to 1$/),
      expect.stringMatching(/dataset\.testFraction 0 is not valid: fractions adding up to at most 1/),
    ]);
  });

  test('fractions adding up to more than 1', () => {
    const error = pipeline({ dataset: { trainingFraction: 0.8, validationFraction: 0.1, testFraction: 0.2 } });
    expectFailure(error, 'dataset.testFraction', 0.2, 'fractions adding up to at most 1');
  });

  test('a fraction out of 0..1', () => {
    const error = pipeline({ dataset: { trainingFraction: 1.5, validationFraction: 0, testFraction: 0 } });
    expectFailure(error, 'dataset.trainingFraction', 1.5, 'a fraction from 0 to 1');
  });

  test('an existing dataset ID that is not numeric', () => {
    const error = pipeline({ dataset: { existingDatasetId: 'churn-data', trainingFraction: 0.8, validationFraction: 0.1, testFraction: 0.1 } });
    expectFailure(error, 'dataset.existingDatasetId', 'churn-data', 'the numeric ID of a Vertex AI dataset');
  });

  test('an unknown prebuilt serving version lists the versions there are', () => {
    const error = pipeline({ model: { servingContainer: ServingContainer.prebuilt(Framework.SCIKIT_LEARN, '0.9') } });
    expectFailure(error, 'model.servingContainer.frameworkVersion', '0.9', 'prediction images: 1.6, 1.5, 1.4');
  });

  test('a framework without GPU prediction images', () => {
    const error = pipeline({ model: { servingContainer: ServingContainer.prebuilt(Framework.SCIKIT_LEARN, '1.6', true) } });
    expectFailure(error, 'model.servingContainer.frameworkVersion', '1.6', 'use ServingContainer.fromImage');
  });

  test('a serving image URI without tag or digest', () => {
    const error = pipeline({ model: { servingContainer: ServingContainer.fromImage(ContainerImage.fromUri('us-docker.pkg.dev/acme/images/server')) } });
    expectFailure(error, 'model.servingContainer.image', 'us-docker.pkg.dev/acme/images/server', 'with a tag or a digest');
  });
});

describe('launcher', () => {
  test('so many data routes that the launcher\'s definition would pass Workflows\' 128 KB limit fail synth, saying what to do', () => {
    const { stack, env } = environmentStack({ alerts: { emails: ['ml@acme.example'] } });
    const triggers = Array.from({ length: 400 }, (_, i) => Trigger.onNewData(env.dataBucket.bucketName, `incoming/${i}/`));
    new CustomTrainingJob(stack, 'busy', { environment: env, workerPools: cpuPools(), code: gcsCode(), triggers });
    expect(() => Testing.fullSynth(stack)).toThrow(/launcher workflow's definition with 400 data routes would take up to \d+ KB, over Workflows' limit of 128 KB/);
  });
});
