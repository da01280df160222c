import { TerraformStack, Testing } from 'cdktf';
import { TrainingConfigError } from '../../lib/config/errors';
import { TrainingConfig } from '../../lib/config/training-config';
import { synthJson } from '../helpers/synth';

/**
 * The config front end of issue 10's "Models and jobs": a pool's own `code`, and a pipeline's
 * `model.existingModel`, loaded into the same constructs as TypeScript, with a problem of a pool's
 * code placed on its line.
 */

const ENVIRONMENT = `environment:
  projectId: acme-ml
  region: us-central1
`;

function synth(text: string) {
  const stack = new TerraformStack(Testing.app(), 'stack');
  TrainingConfig.fromString(stack, text, 'training.yaml');
  return synthJson(stack);
}

function problems(text: string): string[] {
  try {
    synth(text);
  } catch (error) {
    expect(error).toBeInstanceOf(TrainingConfigError);
    return (error as Error).message.split('\n');
  }
  throw new Error('expected the config to be refused');
}

const EVALUATOR = 'us-docker.pkg.dev/acme-tools/images/evaluator:v3';

test('an evaluator with its own container, and a pipeline versioning an existing model by numeric ID', () => {
  const json = synth(`${ENVIRONMENT}jobs:
  - name: retrain
    kind: pipeline
    workerPools:
      primary: {cpu: {machineType: n2-standard-8}}
      evaluators:
        cpu: {machineType: n2-standard-4}
        code: {container: {image: {uri: ${EVALUATOR}}, args: [--eval]}}
    code: {container: {image: {name: trainer, tag: v1}}}
    model:
      existingModel: "1234567890"
      servingContainer: {prebuilt: {framework: scikit-learn, version: "1.6"}}
`);
  const local = Object.keys(json.locals!).find((name) => name.endsWith('_retrain'))!;
  const body = json.locals![local];
  expect(body.parentModel).toBe('projects/acme-ml/locations/us-central1/models/1234567890');
  expect(json.locals![`${local}_manifest`]).toBeDefined();
  expect(json.locals![`${local}_manifest`].modelId).toBeUndefined();
  const specs = body.trainingTaskInputs.workerPoolSpecs;
  expect(specs[0].containerSpec.imageUri).toMatch(/\/trainer:v1$/);
  expect(specs[3].containerSpec).toEqual({ imageUri: EVALUATOR, args: ['--eval'] });
});

test('a problem of a pool\'s code is placed on the line of that pool\'s code', () => {
  const lines = problems(`${ENVIRONMENT}jobs:
  - name: train
    workerPools:
      primary: {cpu: {machineType: n2-standard-8}}
      parameterServers:
        cpu: {machineType: n2-standard-4}
        code:
          prebuilt:
            framework: tensorflow
            version: "1.15"
            package: {gcsUri: gs://acme-code/ps-1.0.tar.gz}
            module: ps.main
    code: {container: {image: {name: trainer, tag: v1}}}
`);
  expect(lines).toEqual([expect.stringMatching(/^training\.yaml:13:22: .*workerPools\.parameterServers\.code\.prebuilt\.version.*"1\.15".*TensorFlow CPU training images exist for versions/)]);
});
