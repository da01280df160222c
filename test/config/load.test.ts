import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { TerraformStack, Testing } from 'cdktf';
import { parse as parseYaml } from 'yaml';
import {
  AutomatedStopping, BootDiskType, ConditionalParameter, ContainerImage, CustomTrainingJob, Duration, Framework, GoogleApisAccess,
  GpuType, HyperparameterTuningJob, KeyProtectionLevel, MeasurementSelection, Metric, NetworkConnectivity, Parameter, PythonPackage,
  Reservation, ScaleType, SchedulingStrategy, SearchAlgorithm, ServingContainer, TrainingCode, TrainingEnvironment, TrainingPipeline,
  Trigger, WorkerPool,
} from '../../lib';
import { TrainingConfig } from '../../lib/config/training-config';
import { synthJson, TerraformJson } from '../helpers/synth';

/**
 * Loading: every option of the file reaches the same construct props as TypeScript (a stack
 * written both ways synthesizes the same JSON), relative paths resolve against the file's folder,
 * `${{ ... }}` references and `data` buckets resolve to the right constructs, and the loaded
 * environment, teams and jobs are returned.
 */

let root: string;

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'vertex-config-load-'));
  mkdirSync(join(root, 'trainer', 'trainer'), { recursive: true });
  writeFileSync(join(root, 'trainer', 'pyproject.toml'), '[project]\nname = "trainer"\nversion = "0.2.0"\n');
  writeFileSync(join(root, 'trainer', 'trainer', '__init__.py'), '');
  writeFileSync(join(root, 'trainer', 'trainer', 'task.py'), 'print("training")\n');
  mkdirSync(join(root, 'dist'));
  writeFileSync(join(root, 'dist', 'helpers-1.0.0-py3-none-any.whl'), 'wheel');
});

afterAll(() => rmSync(root, { recursive: true, force: true }));

const DIGEST = 'sha256:9b1d6e0f4c3a2b1e0d9c8b7a6f5e4d3c2b1a0f9e8d7c6b5a4f3e2d1c0b9a8f7e';

/** Every option a file can set, besides the examples' (see twins.test.ts). */
const KITCHEN_SINK = `
environment:
  name: sink
  prefix: kitchen
  projectId: acme-ml
  region: us-central1
  labels: {cost-center: ml}
  enableApis: true
  encryption: {keyRingId: ml-keys, rotationPeriodDays: 30, protectionLevel: hsm, destroyScheduledDays: 7}
  stagingBucket: {objectExpirationDays: 7, objectExpirationPrefixes: [tmp/, scratch/]}
  artifactsBucket: {name: acme-ml-kitchen-models, preventDestroy: false}
  dataBucket: {noncurrentVersionRetentionDays: 60, softDeleteRetentionDays: 14}
  dockerRepository: {repositoryId: ml-containers, keepMostRecentVersions: 5, deleteUntaggedAfterDays: 14, cleanupDryRun: true, immutableTags: true}
  pythonRepository: {preventDestroy: false}
  trainerServiceAccount: {accountId: ml-runner}
  launcherServiceAccount: {existingEmail: launcher@acme-ml.iam.gserviceaccount.com}
  tensorboard: {displayName: ML board, preventDestroy: false}
  network:
    connectivity: psc-interface
    attachmentSubnetCidr: 10.9.8.0/24
    googleApis: private
    enableNat: true
  quotas:
    limits:
      - {metric: custom_model_training_cpus, limit: 4000}
    quotaIds: {custom_model_training_cpus: CustomModelTrainingCPUsPerProjectPerRegion}
    neverConcurrent: [[search, retrain]]
  grants:
    dataRead: ["user:ana@acme.example"]
    dataReadWrite: ["serviceAccount:etl@acme-data.iam.gserviceaccount.com"]
    stagingReadWrite: ["serviceAccount:ci@acme-ci.iam.gserviceaccount.com"]
    artifactsRead: ["group:reviewers@acme.example"]
    imagesAndPackagesRead: ["group:ml@acme.example"]
    imagesAndPackagesWrite: ["serviceAccount:ci@acme-ci.iam.gserviceaccount.com"]
teams:
  - name: vision
    members: ["group:vision@acme.example"]
    trainerServiceAccount: {accountId: vision-runner}
    dataBucket: {softDeleteRetentionDays: 0}
  - name: language
jobs:
  - name: ps-train
    displayName: Parameter-server training
    labels: {stage: research}
    tensorboard: false
    enableWebAccess: true
    workerPools:
      primary:
        cpu: {machineType: n2-standard-16}
        bootDiskType: pd-standard
        bootDiskSizeGb: 200
        reservation: {type: specific, names: [projects/acme-ml/zones/us-central1-a/reservations/ml]}
      workers: {cpu: {machineType: n2-standard-16}, replicas: 2, reservation: {type: any}}
      parameterServers: {cpu: {machineType: n2-standard-8}, reservation: {type: none}}
      evaluators: {cpu: {machineType: n2-standard-8}}
    code:
      container:
        image: {uri: "us-docker.pkg.dev/acme-tools/images/trainer:v1"}
        command: [python, -m, "\${{ environment.prefix }}.main"]
        args: ["--project=\${{ environment.projectId }}", "--region=\${{ environment.region }}", "--run-as=\${{ environment.trainer.email }}"]
        env: {STAGING: "\${{ environment.stagingBucket.url }}", IMAGES: "\${{ environment.dockerRepository.url }}", PACKAGES: "\${{ environment.pythonRepository.url }}"}
    scheduling: {strategy: standard, timeout: 12h, disableRetries: true}
    triggers:
      - onNewData: {bucket: "\${{ environment.artifactsBucket.name }}", prefix: exports/, location: us-central1}
  - name: flex
    workerPools:
      primary: {gpu: {type: a100, count: 8}}
    code: {container: {image: {name: trainer, tag: v2}}}
    scheduling: {strategy: flex-start, timeout: 1d, maxWait: 0s}
  - name: search
    kind: tuning
    team: vision
    workerPools:
      primary: {cpu: {machineType: n2-standard-8}}
    code:
      prebuilt:
        framework: scikit-learn
        version: "1.6"
        packages:
          - directory: trainer
          - file: dist/helpers-1.0.0-py3-none-any.whl
          - gcsUri: gs://acme-packages/extras-0.1.0.tar.gz
        module: trainer.task
        args: ["--data=\${{ teams.vision.dataBucket.url }}/images/"]
        env: {OUT: "\${{ teams.vision.artifactsBucket.url }}", TRAINER: "\${{ teams.vision.trainer.email }}"}
    study:
      metrics:
        - {id: loss, goal: minimize}
        - {id: accuracy, goal: maximize}
      parameters:
        - id: layers
          type: integer
          min: 1
          max: 4
          children:
            - when: [3, 4]
              parameter: {id: dropout, type: double, min: 0.1, max: 0.5, scale: linear}
        - id: batch
          type: discrete
          values: [16, 32]
          scale: linear
          children:
            - when: [32]
              parameter: {id: activation, type: categorical, values: [relu, gelu]}
        - {id: lr, type: double, min: 0.0001, max: 0.1, scale: reverse-log}
      algorithm: random
      measurementSelection: best
      automatedStopping:
        rule: convex
        useElapsedDuration: false
        maxStepCount: 1000
        minStepCount: 100
        minMeasurementCount: 3
        learningRateParameterName: lr
        updateAllStoppedTrials: true
    maxTrialCount: 8
    parallelTrialCount: 2
    maxFailedTrialCount: 1
    triggers:
      - onNewData: {prefix: images/}
  - name: retrain
    kind: pipeline
    team: language
    workerPools:
      primary: {cpu: {machineType: n2-standard-8}}
    code: {container: {image: {name: trainer, digest: "${DIGEST}"}}}
    model:
      displayName: Intent model
      servingContainer:
        custom:
          image: {repository: docker, name: server, digest: "${DIGEST}"}
          predictRoute: /predict
          healthRoute: /health
          port: 8501
    dataset: {trainingFraction: 0.8, validationFraction: 0.1, testFraction: 0.1}
    tuning:
      study:
        metrics: [{id: f1, goal: maximize}]
        parameters:
          - {id: depth, type: integer, min: 2, max: 8}
          - {id: loss, type: categorical, values: [log, hinge]}
        algorithm: grid
        automatedStopping: {rule: decay-curve, useElapsedDuration: true}
      maxTrialCount: 4
      parallelTrialCount: 2
    triggers:
      - schedule: {cron: "30 1 * * 1-5", timeZone: Europe/Paris}
  - name: serve-prebuilt
    kind: pipeline
    workerPools:
      primary: {gpu: {type: NVIDIA_TESLA_T4, count: 1}}
    code: {container: {image: {name: trainer}}}
    model:
      modelId: gpu-model
      servingContainer:
        prebuilt: {framework: pytorch, version: "2.4", gpu: true}
    dataset: {existingDatasetId: "1234567890", trainingFraction: 0.7, validationFraction: 0.2, testFraction: 0.1}
`;

/** The same stack, written in TypeScript. */
function kitchenSinkInTypeScript(stack: TerraformStack): void {
  const env = new TrainingEnvironment(stack, 'sink', {
    prefix: 'kitchen',
    projectId: 'acme-ml',
    region: 'us-central1',
    labels: { 'cost-center': 'ml' },
    enableApis: true,
    encryption: { keyRingId: 'ml-keys', rotationPeriodDays: 30, protectionLevel: KeyProtectionLevel.HSM, destroyScheduledDays: 7 },
    stagingBucket: { objectExpirationDays: 7, objectExpirationPrefixes: ['tmp/', 'scratch/'] },
    artifactsBucket: { name: 'acme-ml-kitchen-models', preventDestroy: false },
    dataBucket: { noncurrentVersionRetentionDays: 60, softDeleteRetentionDays: 14 },
    dockerRepository: { repositoryId: 'ml-containers', keepMostRecentVersions: 5, deleteUntaggedAfterDays: 14, cleanupDryRun: true, immutableTags: true },
    pythonRepository: { preventDestroy: false },
    trainerServiceAccount: { accountId: 'ml-runner' },
    launcherServiceAccount: { existingEmail: 'launcher@acme-ml.iam.gserviceaccount.com' },
    tensorboard: { displayName: 'ML board', preventDestroy: false },
    network: {
      connectivity: NetworkConnectivity.PSC_INTERFACE, attachmentSubnetCidr: '10.9.8.0/24', googleApis: GoogleApisAccess.PRIVATE, enableNat: true,
    },
    quotas: {
      limits: [{ metric: 'custom_model_training_cpus', limit: 4000 }],
      quotaIds: { custom_model_training_cpus: 'CustomModelTrainingCPUsPerProjectPerRegion' },
    },
  });
  env.grantDataRead('user:ana@acme.example');
  env.grantDataReadWrite('serviceAccount:etl@acme-data.iam.gserviceaccount.com');
  env.grantStagingReadWrite('serviceAccount:ci@acme-ci.iam.gserviceaccount.com');
  env.grantArtifactsRead('group:reviewers@acme.example');
  env.grantImagesAndPackagesRead('group:ml@acme.example');
  env.grantImagesAndPackagesWrite('serviceAccount:ci@acme-ci.iam.gserviceaccount.com');
  const vision = env.addTeam('vision', {
    members: ['group:vision@acme.example'], trainerServiceAccount: { accountId: 'vision-runner' }, dataBucket: { softDeleteRetentionDays: 0 },
  });
  const language = env.addTeam('language', {});

  new CustomTrainingJob(stack, 'ps-train', {
    environment: env,
    displayName: 'Parameter-server training',
    labels: { stage: 'research' },
    tensorboard: false,
    enableWebAccess: true,
    workerPools: {
      primary: WorkerPool.cpu({
        machineType: 'n2-standard-16', bootDiskType: BootDiskType.PD_STANDARD, bootDiskSizeGb: 200,
        reservation: Reservation.specific('projects/acme-ml/zones/us-central1-a/reservations/ml'),
      }),
      workers: WorkerPool.cpu({ machineType: 'n2-standard-16', replicaCount: 2, reservation: Reservation.any() }),
      parameterServers: WorkerPool.cpu({ machineType: 'n2-standard-8', reservation: Reservation.none() }),
      evaluators: WorkerPool.cpu({ machineType: 'n2-standard-8' }),
    },
    code: TrainingCode.container({
      image: ContainerImage.fromUri('us-docker.pkg.dev/acme-tools/images/trainer:v1'),
      command: ['python', '-m', `${env.prefix}.main`],
      args: [`--project=${env.projectId}`, `--region=${env.region}`, `--run-as=${env.trainer.email}`],
      env: { STAGING: env.stagingBucket.url, IMAGES: env.dockerRepository.url, PACKAGES: env.pythonRepository.url },
    }),
    scheduling: { strategy: SchedulingStrategy.STANDARD, timeout: Duration.hours(12), disableRetries: true },
    triggers: [Trigger.onNewData(env.artifactsBucket.bucketName, 'exports/', 'us-central1')],
  });
  new CustomTrainingJob(stack, 'flex', {
    environment: env,
    workerPools: { primary: WorkerPool.gpu({ gpuType: GpuType.NVIDIA_TESLA_A100, gpusPerReplica: 8 }) },
    code: TrainingCode.container({ image: ContainerImage.fromRepository(env.dockerRepository, 'trainer', { tag: 'v2' }) }),
    scheduling: { strategy: SchedulingStrategy.FLEX_START, timeout: Duration.days(1), maxWait: Duration.seconds(0) },
  });
  new HyperparameterTuningJob(stack, 'search', {
    environment: env,
    team: vision,
    workerPools: { primary: WorkerPool.cpu({ machineType: 'n2-standard-8' }) },
    code: TrainingCode.prebuilt({
      framework: Framework.SCIKIT_LEARN,
      frameworkVersion: '1.6',
      packages: [
        PythonPackage.fromDirectory(join(root, 'trainer')),
        PythonPackage.fromFile(join(root, 'dist', 'helpers-1.0.0-py3-none-any.whl')),
        PythonPackage.fromGcsUri('gs://acme-packages/extras-0.1.0.tar.gz'),
      ],
      module: 'trainer.task',
      args: [`--data=${vision.dataBucket.url}/images/`],
      env: { OUT: vision.artifactsBucket.url, TRAINER: vision.trainer.email },
    }),
    study: {
      metrics: [Metric.minimize('loss'), Metric.maximize('accuracy')],
      parameters: [
        Parameter.integer('layers', { min: 1, max: 4 }).withChildren(
          ConditionalParameter.whenInteger([3, 4], Parameter.continuous('dropout', { min: 0.1, max: 0.5, scale: ScaleType.LINEAR })),
        ),
        Parameter.discrete('batch', [16, 32], ScaleType.LINEAR).withChildren(
          ConditionalParameter.whenDiscrete([32], Parameter.categorical('activation', ['relu', 'gelu'])),
        ),
        Parameter.continuous('lr', { min: 0.0001, max: 0.1, scale: ScaleType.REVERSE_LOG }),
      ],
      algorithm: SearchAlgorithm.RANDOM,
      measurementSelection: MeasurementSelection.BEST,
      automatedStopping: AutomatedStopping.convex({
        useElapsedDuration: false, maxStepCount: 1000, minStepCount: 100, minMeasurementCount: 3, learningRateParameterName: 'lr', updateAllStoppedTrials: true,
      }),
    },
    maxTrialCount: 8,
    parallelTrialCount: 2,
    maxFailedTrialCount: 1,
    triggers: [Trigger.onNewData(vision.dataBucket.bucketName, 'images/')],
  });
  new TrainingPipeline(stack, 'retrain', {
    environment: env,
    team: language,
    workerPools: { primary: WorkerPool.cpu({ machineType: 'n2-standard-8' }) },
    code: TrainingCode.container({ image: ContainerImage.fromRepository(env.dockerRepository, 'trainer', { digest: DIGEST }) }),
    model: {
      displayName: 'Intent model',
      servingContainer: ServingContainer.fromImage(ContainerImage.fromRepository(env.dockerRepository, 'server', { digest: DIGEST }), {
        predictRoute: '/predict', healthRoute: '/health', port: 8501,
      }),
    },
    dataset: { trainingFraction: 0.8, validationFraction: 0.1, testFraction: 0.1 },
    tuning: {
      study: {
        metrics: [Metric.maximize('f1')],
        parameters: [Parameter.integer('depth', { min: 2, max: 8 }), Parameter.categorical('loss', ['log', 'hinge'])],
        algorithm: SearchAlgorithm.GRID,
        automatedStopping: AutomatedStopping.decayCurve({ useElapsedDuration: true }),
      },
      maxTrialCount: 4,
      parallelTrialCount: 2,
    },
    triggers: [Trigger.schedule('30 1 * * 1-5', 'Europe/Paris')],
  });
  new TrainingPipeline(stack, 'serve-prebuilt', {
    environment: env,
    workerPools: { primary: WorkerPool.gpu({ gpuType: GpuType.NVIDIA_TESLA_T4, gpusPerReplica: 1 }) },
    code: TrainingCode.container({ image: ContainerImage.fromRepository(env.dockerRepository, 'trainer') }),
    model: { modelId: 'gpu-model', servingContainer: ServingContainer.prebuilt(Framework.PYTORCH, '2.4', true) },
    dataset: { existingDatasetId: '1234567890', trainingFraction: 0.7, validationFraction: 0.2, testFraction: 0.1 },
  });
  env.quotas.neverConcurrent('search', 'retrain');
}

describe('every option of a config file', () => {
  test('reaches the constructs as the same TypeScript would pass it', () => {
    const typed = new TerraformStack(Testing.app(), 'sink');
    kitchenSinkInTypeScript(typed);
    const fromTypeScript = synthJson(typed);

    const stack = new TerraformStack(Testing.app(), 'sink');
    const config = TrainingConfig.fromString(stack, KITCHEN_SINK, join(root, 'training.yaml'));
    const fromConfig: TerraformJson = synthJson(stack);

    expect(config.jobs.map((j) => [j.jobId, j.constructor.name])).toEqual([
      ['ps-train', 'CustomTrainingJob'],
      ['flex', 'CustomTrainingJob'],
      ['search', 'HyperparameterTuningJob'],
      ['retrain', 'TrainingPipeline'],
      ['serve-prebuilt', 'TrainingPipeline'],
    ]);
    expect(fromConfig).toEqual(fromTypeScript);
  });

  test('and the same file in JSON', () => {
    const yamlStack = new TerraformStack(Testing.app(), 'sink');
    TrainingConfig.fromString(yamlStack, KITCHEN_SINK, join(root, 'training.yaml'));
    const data = JSON.stringify(parseYaml(KITCHEN_SINK), null, 2);
    const jsonStack = new TerraformStack(Testing.app(), 'sink');
    TrainingConfig.fromString(jsonStack, data, join(root, 'training.json'));
    expect(synthJson(jsonStack)).toEqual(synthJson(yamlStack));
  });
});

describe('loading', () => {
  const minimal = (extra = '') => `environment: {projectId: acme-ml, region: us-central1${extra}}\n`;

  test('returns the environment, the teams and the jobs, by name', () => {
    const config = TrainingConfig.fromString(new TerraformStack(Testing.app(), 'stack'), KITCHEN_SINK, join(root, 'training.yaml'));
    expect(config.environment.node.id).toBe('sink');
    expect(config.environment.prefix).toBe('kitchen');
    expect(config.teams.map((t) => t.teamName)).toEqual(['vision', 'language']);
    expect(config.team('vision').teamName).toBe('vision');
    expect(config.job('search')).toBeInstanceOf(HyperparameterTuningJob);
    expect(config.job('retrain')).toBeInstanceOf(TrainingPipeline);
    expect(() => config.job('nope')).toThrow(/no job "nope" \(jobs: ps-train, flex, search, retrain, serve-prebuilt\)/);
    expect(() => config.team('nope')).toThrow(/no team "nope" \(teams: vision, language\)/);
  });

  test('the environment is named by name, else by prefix, else "training"', () => {
    const load = (text: string) => TrainingConfig.fromString(new TerraformStack(Testing.app(), 'stack'), text, 'training.yaml').environment;
    expect(load(minimal(', name: ml')).node.id).toBe('ml');
    expect(load(minimal(', prefix: research')).node.id).toBe('research');
    const unnamed = load(minimal());
    expect(unnamed.node.id).toBe('training');
    expect(unnamed.prefix).toBe('training');
    expect(TrainingConfig.fromString(new TerraformStack(Testing.app(), 'stack'), minimal(), 'training.yaml').jobs).toEqual([]);
  });

  test('relative package paths resolve against the file\'s folder, not the working directory', () => {
    const folder = join(root, 'configs');
    mkdirSync(folder, { recursive: true });
    const path = join(folder, 'training.yaml');
    writeFileSync(path, `${minimal()}jobs:
  - name: nightly
    workerPools: {primary: {cpu: {machineType: n2-standard-8}}}
    code:
      prebuilt:
        framework: scikit-learn
        version: "1.6"
        packages: [{directory: ../trainer}, {file: ../dist/helpers-1.0.0-py3-none-any.whl}]
        module: trainer.task
`);
    const stack = new TerraformStack(Testing.app(), 'stack');
    TrainingConfig.fromFile(stack, path);
    const objects = Object.values(synthJson(stack).resource?.google_storage_bucket_object ?? {}).map((o: any) => o.name);
    expect(objects.filter((name) => name.startsWith('packages/')).sort()).toEqual([
      expect.stringMatching(/^packages\/[0-9a-f]{16}\/trainer-0\.2\.0\.tar\.gz$/),
      expect.stringMatching(/^packages\/[0-9a-f]{16}\/helpers-1\.0\.0-py3-none-any\.whl$/),
    ]);
  });

  test('`data` watches the data bucket of the job\'s team, or of the environment', () => {
    const stack = new TerraformStack(Testing.app(), 'stack');
    TrainingConfig.fromString(stack, `${minimal()}teams: [{name: vision}]
jobs:
  - name: shared
    workerPools: {primary: {cpu: {machineType: n2-standard-8}}}
    code: {container: {image: {name: trainer}}}
    triggers: [{onNewData: {prefix: in/}}, {onNewData: {bucket: data}}, {onNewData: {bucket: acme-landing-zone}}]
  - name: team-job
    team: vision
    workerPools: {primary: {cpu: {machineType: n2-standard-8}}}
    code: {container: {image: {name: trainer}}}
    triggers: [{onNewData: {bucket: data, prefix: in/}}]
`, 'training.yaml');
    const json = synthJson(stack);
    const eventFilters = JSON.stringify(json.resource?.google_eventarc_trigger ?? {});
    const bucketOf = (prefix: string) => {
      const names = Object.keys(json.resource?.google_storage_bucket ?? {}).filter((name) => name.startsWith(prefix));
      expect(names).toHaveLength(1);
      return `\${google_storage_bucket.${names[0]}.name}`;
    };
    expect(eventFilters).toContain(bucketOf('training_data-bucket_'));
    expect(eventFilters).toContain(bucketOf('training_team-vision_data_'));
    expect(eventFilters).toContain('acme-landing-zone');
  });
});
