import {
  ContainerImage, CustomTrainingJob, CustomTrainingJobProps, Framework, GpuType, HyperparameterTuningJob, Metric, Parameter,
  PythonPackage, ReductionServer, ServingContainer, TrainingCode, TrainingPipeline, WorkerPool,
} from '../../lib';
import { ofType } from '../helpers/synth';
import { environmentRefs, gcsCode, pythonProject, removeTemporaryDirectories, synthWith, thrown, validBody } from './fixtures';
import { validateAgainstProto } from '../helpers/proto-schema';

/**
 * A worker pool's own code (issue 10, "Models and jobs"): an evaluator or parameter-server pool
 * runs an image, module, args or env of its own, as Vertex AI allows per worker pool; every other
 * pool runs the job's code. Each code is resolved for the hardware of the pools that run it, and
 * every body is valid against the v1 protos.
 */

afterAll(removeTemporaryDirectories);

const EVALUATOR_IMAGE = 'us-docker.pkg.dev/acme-tools/images/evaluator@sha256:' + 'e'.repeat(64);

const gpu = (replicaCount?: number) => ({ gpuType: GpuType.NVIDIA_TESLA_T4, gpusPerReplica: 1, replicaCount });

function synthJob(props: Partial<CustomTrainingJobProps>) {
  const result = synthWith((stack, env) => new CustomTrainingJob(stack, 'train', {
    environment: env,
    workerPools: { primary: WorkerPool.gpu(gpu()) },
    code: TrainingCode.prebuilt({ framework: Framework.PYTORCH, frameworkVersion: '2.4', pythonPackage: PythonPackage.fromGcsUri('gs://acme-code/trainer-1.0.tar.gz'), module: 'trainer.task' }),
    ...props,
  }));
  const body = validBody(result.json, 'vertex_ml_train', 'CustomJob');
  return { ...result, body, specs: body.jobSpec.workerPoolSpecs as any[] };
}

describe('a pool with code of its own', () => {
  test('an evaluator container beside prebuilt GPU workers: its own image, command, args and env; the workers run the job\'s code', () => {
    const { specs } = synthJob({
      workerPools: {
        primary: WorkerPool.gpu(gpu()),
        workers: WorkerPool.gpu(gpu(2)),
        evaluators: WorkerPool.cpu({
          machineType: 'n2-standard-4',
          code: TrainingCode.container({
            image: ContainerImage.fromUri(EVALUATOR_IMAGE), command: ['python', '-m', 'evaluate'],
            args: ['--checkpoints=${AIP_CHECKPOINT_DIR}'], env: { MODE: 'eval' },
          }),
        }),
      },
    });
    expect(specs.map((s) => Object.keys(s).find((k) => k.endsWith('Spec') && k !== 'machineSpec' && k !== 'diskSpec'))).toEqual(['pythonPackageSpec', 'pythonPackageSpec', undefined, 'containerSpec']);
    expect(specs[0].pythonPackageSpec).toEqual(specs[1].pythonPackageSpec);
    expect(specs[0].pythonPackageSpec.executorImageUri).toBe('us-docker.pkg.dev/vertex-ai/training/pytorch-gpu.2-4.py310:latest');
    expect(specs[2]).toEqual({});
    expect(specs[3]).toEqual({
      machineSpec: { machineType: 'n2-standard-4' },
      replicaCount: '1',
      diskSpec: { bootDiskType: 'pd-ssd', bootDiskSizeGb: 100 },
      // `$${` reaches Vertex AI as `${`.
      containerSpec: { imageUri: EVALUATOR_IMAGE, command: ['python', '-m', 'evaluate'], args: ['--checkpoints=$${AIP_CHECKPOINT_DIR}'], env: [{ name: 'MODE', value: 'eval' }] },
    });
  });

  test('parameter servers with prebuilt code of their own get the CPU image of their framework; a package both codes install is uploaded once', () => {
    const dir = pythonProject();
    const trainer = PythonPackage.fromDirectory(dir);
    const { json, specs } = synthJob({
      workerPools: {
        primary: WorkerPool.gpu(gpu()),
        workers: WorkerPool.gpu(gpu(3)),
        parameterServers: WorkerPool.cpu({
          machineType: 'n2-highmem-8', replicaCount: 2,
          code: TrainingCode.prebuilt({ framework: Framework.TENSORFLOW, frameworkVersion: '2.15', pythonPackage: trainer, module: 'trainer.task', args: ['--role=ps'] }),
        }),
      },
      code: TrainingCode.prebuilt({ framework: Framework.TENSORFLOW, frameworkVersion: '2.15', pythonPackage: trainer, module: 'trainer.task', args: ['--role=worker'] }),
    });
    const packageUri = `gs://${environmentRefs(json).stagingBucket}/${specs[0].pythonPackageSpec.packageUris[0].split('}/')[1]}`;
    expect(specs[0].pythonPackageSpec).toMatchObject({ executorImageUri: expect.stringMatching(/\/tf-gpu\.2-15/), packageUris: [packageUri], args: ['--role=worker'] });
    expect(specs[2].pythonPackageSpec).toMatchObject({ executorImageUri: expect.stringMatching(/\/tf-cpu\.2-15/), packageUris: [packageUri], args: ['--role=ps'] });
    expect(specs[2].replicaCount).toBe('2');
    const packages = Object.keys(ofType(json, 'google_storage_bucket_object')).filter((name) => name.startsWith('train_package-object-'));
    expect(packages).toHaveLength(1);
  });

  test('the job\'s prebuilt image fits the pools that run it: CPU workers with a GPU evaluator of its own get the CPU image', () => {
    const { specs } = synthJob({
      workerPools: {
        primary: WorkerPool.cpu({ machineType: 'n2-standard-8' }),
        evaluators: WorkerPool.gpu({ ...gpu(), code: TrainingCode.container({ image: ContainerImage.fromUri(EVALUATOR_IMAGE) }) }),
      },
    });
    // PyTorch's CPU training image is its XLA build (pytorch-gpu on the GPU evaluator had it run the job's code).
    expect(specs[0].pythonPackageSpec.executorImageUri).toBe('us-docker.pkg.dev/vertex-ai/training/pytorch-xla.2-4.py310:latest');
    expect(specs[3].containerSpec).toEqual({ imageUri: EVALUATOR_IMAGE });
  });

  test('a tuning job\'s trials and a pipeline\'s training task run the pools\' own code too', () => {
    const evaluators = WorkerPool.cpu({ machineType: 'n2-standard-4', code: TrainingCode.container({ image: ContainerImage.fromUri(EVALUATOR_IMAGE), args: ['--eval'] }) });
    const workerPools = { primary: WorkerPool.cpu({ machineType: 'n2-standard-8' }), evaluators };
    const { json } = synthWith((stack, env) => {
      new HyperparameterTuningJob(stack, 'search', {
        environment: env, workerPools, code: gcsCode(),
        study: { metrics: [Metric.maximize('accuracy')], parameters: [Parameter.continuous('lr', { min: 0.001, max: 0.1 })] },
        maxTrialCount: 4, parallelTrialCount: 2,
      });
      new TrainingPipeline(stack, 'retrain', { environment: env, workerPools, code: gcsCode(), model: { servingContainer: ServingContainer.prebuilt(Framework.SCIKIT_LEARN, '1.6') } });
    });
    const trial = validBody(json, 'vertex_ml_search', 'HyperparameterTuningJob').trialJobSpec;
    const task = validBody(json, 'vertex_ml_retrain', 'TrainingPipeline').trainingTaskInputs;
    expect(validateAgainstProto('CustomJobSpec', task)).toEqual([]);
    for (const spec of [trial, task]) {
      expect(spec.workerPoolSpecs[0].pythonPackageSpec.pythonModule).toBe('trainer.task');
      expect(spec.workerPoolSpecs[3].containerSpec).toEqual({ imageUri: EVALUATOR_IMAGE, args: ['--eval'] });
    }
  });
});

describe('problems of pool code, reported with every other problem of the job', () => {
  test('code on the primary, code on a Reduction Server (JavaScript), a pool\'s code without an image for its hardware, a pool\'s code that is not a TrainingCode', () => {
    const error = thrown(() => synthWith((stack, env) => new CustomTrainingJob(stack, 'train', {
      environment: env,
      workerPools: {
        primary: WorkerPool.gpu({ ...gpu(), code: gcsCode() }),
        workers: WorkerPool.gpu({ ...gpu(2), code: TrainingCode.prebuilt({ framework: Framework.TENSORFLOW, frameworkVersion: '1.15', pythonPackage: PythonPackage.fromGcsUri('gs://acme-code/x-1.0.tar.gz'), module: 'x.task' }) }),
        reductionServer: ReductionServer.of({ code: gcsCode() } as any),
        evaluators: WorkerPool.cpu({ machineType: 'n2-standard-4', code: ContainerImage.fromUri(EVALUATOR_IMAGE) as unknown as TrainingCode }),
      },
      code: TrainingCode.prebuilt({ framework: Framework.PYTORCH, frameworkVersion: '0.1', pythonPackage: PythonPackage.fromGcsUri('gs://acme-code/x-1.0.tar.gz'), module: 'x.task' }),
    })));
    const lines = error.message.split('\n').map((line) => line.replace(/^test\/train: /, ''));
    expect(lines).toEqual([
      'workerPools.primary.code "code of its own" is not valid: the primary pool runs the job\'s code: give it as the job\'s code (pools other than the primary may run code of their own)',
      'workerPools.reductionServer.code "code of its own" is not valid: a Reduction Server runs Google\'s reduction server image and takes no code (set imageUri to use another reducer image)',
      expect.stringMatching(/^code\.frameworkVersion "0\.1" is not valid: PyTorch GPU training images exist for versions 2\.\d/),
      expect.stringMatching(/^workerPools\.workers\.code\.frameworkVersion "1\.15" is not valid: TensorFlow GPU training images exist for versions 2\.\d/),
      'workerPools.evaluators.code "ContainerImage" is not valid: a TrainingCode: TrainingCode.prebuilt({...}) or TrainingCode.container({...})',
    ]);
  });
});

describe('the module of a prebuilt-image job, checked at synth', () => {
  const info = (job: { node: { metadata: { type: string; data: unknown }[] } }) => job.node.metadata.filter((m) => m.type === '@cdktf/info').map((m) => m.data);

  test('a module missing from its package directory fails the job, with the nearest module', () => {
    const dir = pythonProject();
    const error = thrown(() => synthWith((stack, env) => new CustomTrainingJob(stack, 'train', {
      environment: env, workerPools: { primary: WorkerPool.cpu({ machineType: 'n2-standard-8' }) },
      code: TrainingCode.prebuilt({ framework: Framework.SCIKIT_LEARN, frameworkVersion: '1.6', pythonPackage: PythonPackage.fromDirectory(dir), module: 'trainer.tasks' }),
    })));
    expect(error.message).toBe(`test/train: code.module "trainer.tasks" is not valid: must name a module of the package: neither trainer/tasks.py nor trainer/tasks/__main__.py is in ${dir} (did you mean trainer.task?)`);
  });

  test('a module of a gs:// package is not checked: the job says so in an info annotation, and synthesizes', () => {
    const { built } = synthWith((stack, env) => new CustomTrainingJob(stack, 'train', {
      environment: env, workerPools: { primary: WorkerPool.cpu({ machineType: 'n2-standard-8' }) }, code: gcsCode(),
    }));
    expect(info(built)).toEqual([expect.stringMatching(/^code\.module trainer\.task is not checked at synth time: .*gs:\/\/acme-packages\/trainer\/trainer-0\.3\.0\.tar\.gz is a built or Cloud Storage package/)]);
  });
});
