import { createHash } from 'crypto';
import { readFileSync } from 'fs';
import { TerraformStack, Testing } from 'cdktf';
import { GoogleProvider } from '@cdktf/provider-google/lib/provider';
import { EXAMPLE_STACKS } from '../../examples/stacks';
import {
  ContainerImage, CustomTrainingJob, Duration, Framework, GpuType, HyperparameterTuningJob, Metric, Parameter, PythonPackage, SchedulingStrategy,
  SearchAlgorithm, ServingContainer, TrainingCode, TrainingEnvironment, TrainingPipeline, WorkerPool,
} from '../../lib';
import { JobReport, TrainingReport } from '../../lib/report';
import { packageFile, pythonProject, removeTemporaryDirectories } from '../jobs/fixtures';

/**
 * What runs (issue 10): per job the image with its digest or tag, command, args, env, packages and
 * their content hash, module, per pool when a pool runs code of its own; the study; the serving
 * container; restarts and web access. Read from the request body, so that the report says what
 * Vertex AI receives.
 */

afterAll(removeTemporaryDirectories);

const EVALUATOR = `us-docker.pkg.dev/acme-tools/images/evaluator@sha256:${'e'.repeat(64)}`;

function only(build: (stack: TerraformStack, env: TrainingEnvironment) => void): { job: JobReport; markdown: string } {
  const stack = new TerraformStack(Testing.app(), 'runs');
  new GoogleProvider(stack, 'google', { project: 'acme-ml', region: 'us-central1' });
  const env = new TrainingEnvironment(stack, 'ml', { projectId: 'acme-ml', region: 'us-central1', alerts: { emails: ['ml@acme.example'] } });
  build(stack, env);
  Testing.synth(stack);
  const data = TrainingReport.of(stack);
  expect(data.environments[0].jobs).toHaveLength(1);
  return { job: data.environments[0].jobs[0], markdown: TrainingReport.renderMarkdown(data) };
}

test('a pool with code of its own is shown apart: the evaluator\'s image, command, args and env beside the workers\' package', () => {
  const gcs = 'gs://acme-code/trainer-1.0.tar.gz';
  const { job, markdown } = only((stack, env) => new CustomTrainingJob(stack, 'train', {
    environment: env,
    workerPools: {
      primary: WorkerPool.gpu({ gpuType: GpuType.NVIDIA_TESLA_T4, gpusPerReplica: 1 }),
      workers: WorkerPool.gpu({ gpuType: GpuType.NVIDIA_TESLA_T4, gpusPerReplica: 1, replicaCount: 2 }),
      evaluators: WorkerPool.cpu({
        machineType: 'n2-standard-4',
        code: TrainingCode.container({ image: ContainerImage.fromUri(EVALUATOR), command: ['python', '-m', 'evaluate'], args: ['--every=${AIP_CHECKPOINT_DIR}'], env: { MODE: 'eval' } }),
      }),
    },
    code: TrainingCode.prebuilt({ framework: Framework.PYTORCH, frameworkVersion: '2.4', pythonPackage: PythonPackage.fromGcsUri(gcs), module: 'trainer.task', args: ['--lr=0.1'] }),
  }));
  const byRole = Object.fromEntries(job.workerPools.map((pool) => [pool.role, pool.code]));
  expect(byRole.primary).toEqual({
    kind: 'pythonPackage', imageUri: expect.stringMatching(/^us-docker\.pkg\.dev\/vertex-ai\/training\/pytorch-gpu\.2-4\.\S+:latest$/), imageTag: 'latest',
    packages: [{ uri: gcs }], pythonModule: 'trainer.task', args: ['--lr=0.1'],
  });
  expect(byRole.workers).toEqual(byRole.primary);
  expect(byRole.evaluators).toEqual({
    kind: 'container', imageUri: EVALUATOR, imageDigest: `sha256:${'e'.repeat(64)}`,
    command: ['python', '-m', 'evaluate'], args: ['--every=${AIP_CHECKPOINT_DIR}'], env: [{ name: 'MODE', value: 'eval' }],
  });
  expect(markdown).toContain('**Code of primary, workers:**');
  expect(markdown).toContain('**Code of evaluators:**');
  expect(markdown).toContain(`- **Image:** \`${EVALUATOR}\` (pinned by digest)`);
  expect(markdown).toContain('- **Command:** `python` `-m` `evaluate`');
  expect(markdown).toContain('- **Env:** `MODE=eval`');
  expect(markdown).toContain(`- **Package:** \`${gcs}\` (not uploaded by this stack: its content is not known at synth)`);
});

test('a package the stack uploads: its object and the SHA-256 of its content', () => {
  const file = packageFile('trainer-1.2.0-py3-none-any.whl', 'wheel bytes');
  const hash = createHash('sha256').update(readFileSync(file)).digest('hex');
  const { job, markdown } = only((stack, env) => new CustomTrainingJob(stack, 'train', {
    environment: env,
    workerPools: { primary: WorkerPool.cpu({ machineType: 'n2-standard-8' }) },
    code: TrainingCode.prebuilt({ framework: Framework.SCIKIT_LEARN, frameworkVersion: '1.6', pythonPackage: PythonPackage.fromFile(file), module: 'trainer.task' }),
  }));
  const uri = `gs://acme-ml-ml-staging/packages/${hash.slice(0, 16)}/trainer-1.2.0-py3-none-any.whl`;
  expect(job.workerPools[0].code?.packages).toEqual([{ uri, contentHash: hash }]);
  expect(markdown).toContain(`- **Package:** \`${uri}\` (SHA-256 \`${hash}\`)`);
});

test('a generated source distribution changes its hash with its code', () => {
  const hashOf = (task: string) => only((stack, env) => new CustomTrainingJob(stack, 'train', {
    environment: env,
    workerPools: { primary: WorkerPool.cpu({ machineType: 'n2-standard-8' }) },
    code: TrainingCode.prebuilt({ framework: Framework.SCIKIT_LEARN, frameworkVersion: '1.6', pythonPackage: PythonPackage.fromDirectory(pythonProject('0.1.0', task)), module: 'trainer.task' }),
  })).job.workerPools[0].code!.packages![0].contentHash;
  expect(hashOf('print(1)\n')).toMatch(/^[0-9a-f]{64}$/);
  expect(hashOf('print(2)\n')).not.toBe(hashOf('print(1)\n'));
});

test('the tuning study: metrics, parameters with ranges, values, scales and conditions, algorithm, trials, stopping', () => {
  const stack = EXAMPLE_STACKS['hyperparameter-tuning'](Testing.app(), 'hyperparameter-tuning');
  Testing.synth(stack);
  const data = TrainingReport.of(stack);
  const job = data.environments[0].jobs[0];
  expect(job.study).toEqual({
    metrics: [{ metricId: 'accuracy', goal: 'MAXIMIZE' }],
    parameters: [
      { parameterId: 'learning_rate', kind: 'double', values: '0.00001 to 0.1', scale: 'UNIT_LOG_SCALE' },
      { parameterId: 'batch_size', kind: 'discrete', values: '32, 64, 128, 256' },
      { parameterId: 'optimizer', kind: 'categorical', values: 'adam, sgd' },
      { parameterId: 'momentum', kind: 'double', values: '0.5 to 0.99', when: 'optimizer is sgd' },
    ],
    algorithm: 'ALGORITHM_UNSPECIFIED',
    stopping: 'median (stops trials below the median of earlier trials)',
    maxTrials: 40, parallelTrials: 5, maxFailedTrials: 5,
  });
  const markdown = TrainingReport.renderMarkdown(data);
  expect(markdown).toContain('- **Algorithm:** Bayesian optimization (Vertex AI\'s default)');
  expect(markdown).toContain('| `momentum` | double | 0.5 to 0.99 | — | when optimizer is sgd |');
});

test('grid search, integer ranges, a minimized metric', () => {
  const { job, markdown } = only((stack, env) => new HyperparameterTuningJob(stack, 'grid', {
    environment: env,
    workerPools: { primary: WorkerPool.cpu({ machineType: 'n2-standard-8' }) },
    code: TrainingCode.container({ image: ContainerImage.fromUri('us-docker.pkg.dev/acme-tools/images/trainer:v1') }),
    study: { metrics: [Metric.minimize('loss')], parameters: [Parameter.integer('depth', { min: 2, max: 8 })], algorithm: SearchAlgorithm.GRID },
    maxTrialCount: 7, parallelTrialCount: 7,
  }));
  expect(job.study).toMatchObject({ metrics: [{ metricId: 'loss', goal: 'MINIMIZE' }], parameters: [{ parameterId: 'depth', kind: 'integer', values: '2 to 8' }], algorithm: 'GRID_SEARCH' });
  expect(markdown).toContain('- **Optimizes:** minimize `loss`');
  expect(markdown).toContain('- **Algorithm:** grid search');
});

test('a pipeline\'s serving container: image, routes and port', () => {
  const image = 'us-docker.pkg.dev/acme-tools/images/server:2026.11';
  const { job, markdown } = only((stack, env) => new TrainingPipeline(stack, 'pipeline', {
    environment: env,
    workerPools: { primary: WorkerPool.cpu({ machineType: 'n2-standard-8' }) },
    code: TrainingCode.container({ image: ContainerImage.fromUri('us-docker.pkg.dev/acme-tools/images/trainer:v1') }),
    model: { modelId: 'churn', servingContainer: ServingContainer.fromImage(ContainerImage.fromUri(image), { predictRoute: '/predict', healthRoute: '/health', port: 7080 }) },
  }));
  expect(job.servingContainer).toEqual({ imageUri: image, imageTag: '2026.11', predictRoute: '/predict', healthRoute: '/health', port: 7080 });
  expect(markdown).toContain(`**Serving container:** \`${image}\` (tag \`2026.11\`: a tag can be moved to another image); predict \`/predict\`, health \`/health\`, port 7080`);
});

test('restarts, retries, waiting for capacity and web access', () => {
  const { job, markdown } = only((stack, env) => new CustomTrainingJob(stack, 'train', {
    environment: env,
    workerPools: { primary: WorkerPool.gpu({ gpuType: GpuType.NVIDIA_TESLA_A100, gpusPerReplica: 1 }) },
    code: TrainingCode.container({ image: ContainerImage.fromUri('us-docker.pkg.dev/acme-tools/images/trainer:v1') }),
    scheduling: { strategy: SchedulingStrategy.FLEX_START, timeout: Duration.hours(12), maxWait: Duration.hours(2), disableRetries: true },
    enableWebAccess: true,
  }));
  expect(job).toMatchObject({ disableRetries: true, maxWait: '2 hours', enableWebAccess: true });
  expect(job.restartJobOnWorkerRestart).toBeUndefined();
  expect(markdown).toContain('- **Scheduling:** FLEX_START, timeout 12 hours, waits for capacity up to 2 hours, errors fail the job (no retries)');
  expect(markdown).toContain('- **Web access:** **on**: interactive shells into the running containers');
});

test('the example with a private network shows it, its project number known at apply', () => {
  const stack = EXAMPLE_STACKS.enterprise(Testing.app(), 'enterprise');
  Testing.synth(stack);
  const detector = TrainingReport.of(stack).environments[0].jobs.find((j) => j.jobId === 'detector')!;
  expect(detector.network).toMatch(/^projects\/\$\{data\.google_project\.\S+\.number\}\/global\/networks\/platform-training$/);
  expect(detector.restartJobOnWorkerRestart).toBe(true);
  expect(detector.manifest.applyTimeInputs).toContain(detector.network);
});
