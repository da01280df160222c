import { TerraformStack, TerraformVariable, Testing } from 'cdktf';
import {
  AutomatedStopping, ConditionalParameter, ContainerImage, CustomTrainingJob, Duration, Framework, GkeNodePoolOptions, GkeTrainingAddons,
  GkeTrainingCluster, GkeTrainingClusterProps, GpuType, HyperparameterTuningJob,
  Metric, Parameter, PythonPackage, ReductionServer, Reservation, ServingContainer, TpuVersion, TrainingCode, TrainingEnvironment,
  TrainingEnvironmentProps, TrainingJobOptions, TrainingPipeline, Trigger, WorkerPool,
} from '../lib';
import { ValidationError } from '../lib/core/validation';
import { environmentStack, synthJson } from './helpers/synth';

/**
 * A battery of wrong runtime types, as JavaScript (or a careless `as any`) passes them, into every
 * public constructor and factory: each is refused with the library's one-line message naming the
 * construct path and the field, never a TypeError or a silently coerced value.
 */

/** Anything, as JavaScript would pass it. */
const js = (value: unknown): any => value;

const ENV = 'test/ml';
const JOB = 'test/train';

/** The error `action` throws; fails unless it is a ValidationError with a line for `path: field`. */
function expectRefused(action: () => unknown, path: string, field: string): string {
  let error: unknown;
  try {
    action();
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(ValidationError);
  const lines = (error as Error).message.split('\n');
  const line = lines.find((l) => l.startsWith(`${path}: ${field} `));
  expect([line !== undefined, lines]).toEqual([true, lines]);
  expect(line).toContain(' is not valid: ');
  return line!;
}

const env = (props: Partial<TrainingEnvironmentProps>) => () => environmentStack(props);

const image = () => ContainerImage.fromUri('us-docker.pkg.dev/acme/images/trainer:v1');
const code = () => TrainingCode.container({ image: image() });
const cpu = () => ({ primary: WorkerPool.cpu({ machineType: 'n2-standard-8' }) });

/** A custom job in a fresh environment, with `options` over valid ones. */
const job = (options: { [key: string]: unknown }) => () => {
  const { stack, env: environment } = environmentStack();
  return new CustomTrainingJob(stack, 'train', { environment, workerPools: cpu(), code: code(), ...options } as TrainingJobOptions);
};
const withPrimary = (pool: WorkerPool) => job({ workerPools: { primary: pool } });
const withCode = (value: TrainingCode) => job({ code: value });
const withTrigger = (trigger: Trigger) => job({ triggers: [trigger] });

const study = (over: { [key: string]: unknown } = {}) => ({
  metrics: [Metric.maximize('accuracy')],
  parameters: [Parameter.continuous('lr', { min: 0.001, max: 0.1 })],
  ...over,
});
const tuning = (over: { [key: string]: unknown }) => () => {
  const { stack, env: environment } = environmentStack();
  return new HyperparameterTuningJob(stack, 'train', js({ environment, workerPools: cpu(), code: code(), study: study(), maxTrialCount: 4, parallelTrialCount: 2, ...over }));
};
const pipeline = (over: { [key: string]: unknown }) => () => {
  const { stack, env: environment } = environmentStack();
  return new TrainingPipeline(stack, 'train', js({
    environment, workerPools: cpu(), code: code(),
    model: { modelId: 'churn', servingContainer: ServingContainer.prebuilt(Framework.SCIKIT_LEARN, '1.5') },
    ...over,
  }));
};

const CLUSTER = 'platform/gke';
/** A platform stack with an environment on a network and a cluster (the GKE backend's first stack). */
function gkePlatform(props: { [key: string]: unknown } = {}): { app: ReturnType<typeof Testing.app>; cluster: GkeTrainingCluster } {
  const app = Testing.app();
  const stack = new TerraformStack(app, 'platform');
  const environment = new TrainingEnvironment(stack, 'ml', { projectId: 'acme-ml', region: 'us-central1', network: {} });
  return { app, cluster: new GkeTrainingCluster(stack, 'gke', { environment, ...props } as GkeTrainingClusterProps) };
}
const gkeCluster = (props: { [key: string]: unknown }) => () => gkePlatform(props);
const gkePool = (options: { [key: string]: unknown }) => () =>
  gkePlatform().cluster.addNodePool('p', { pool: WorkerPool.gpu({ gpuType: GpuType.NVIDIA_L4, gpusPerReplica: 1 }), maxNodes: 2, ...options } as GkeNodePoolOptions);

type Case = [title: string, action: () => unknown, path: string, field: string];

const cases: Case[] = [
  // TrainingEnvironment
  ['environment props undefined', () => new TrainingEnvironment(new TerraformStack(Testing.app(), 'test'), 'ml', js(undefined)), ENV, 'props'],
  ['projectId a number', env({ projectId: js(42) }), ENV, 'projectId'],
  ['region an object', env({ region: js({ name: 'us-central1' }) }), ENV, 'region'],
  ['prefix an object', env({ prefix: js({ name: 'ml' }) }), ENV, 'prefix'],
  ['labels a string', env({ labels: js('team=ml') }), ENV, 'labels'],
  ['a label value a number', env({ labels: js({ team: 3 }) }), ENV, 'labels["team"]'],
  ['enableApis a string', env({ enableApis: js('false') }), ENV, 'enableApis'],
  ['encryption a string', env({ encryption: js('cmek') }), ENV, 'encryption'],
  ['encryption.rotationPeriodDays a string', env({ encryption: js({ rotationPeriodDays: '90' }) }), ENV, 'encryption.rotationPeriodDays'],
  ['encryption.protectionLevel in lowercase', env({ encryption: js({ protectionLevel: 'hsm' }) }), ENV, 'encryption.protectionLevel'],
  ['dataBucket a name', env({ dataBucket: js('acme-data') }), ENV, 'dataBucket'],
  ['stagingBucket.objectExpirationPrefixes a string', env({ stagingBucket: js({ objectExpirationPrefixes: 'tmp/' }) }), ENV, 'stagingBucket.objectExpirationPrefixes'],
  ['dockerRepository.keepMostRecentVersions a string', env({ dockerRepository: js({ keepMostRecentVersions: '5' }) }), ENV, 'dockerRepository.keepMostRecentVersions'],
  ['trainerServiceAccount.accountId a number', env({ trainerServiceAccount: js({ accountId: 5 }) }), ENV, 'trainerServiceAccount.accountId'],
  ['tensorboard.enabled a string', env({ tensorboard: js({ enabled: 'yes' }) }), ENV, 'tensorboard.enabled'],
  ['network.connectivity a string', env({ network: js({ connectivity: 'psc' }) }), ENV, 'network.connectivity'],
  ['perimeter.accessLevels a string', env({ perimeter: js({ accessPolicy: '123', accessLevels: 'level' }) }), ENV, 'perimeter.accessLevels'],
  ['quotas.limits[0].limit a string', env({ quotas: js({ limits: [{ metric: 'custom_model_training_nvidia_h100_gpus', limit: '8' }] }) }), ENV, 'quotas.limits[0].limit'],
  ['alerts.emails a string', env({ alerts: js({ emails: 'ops@acme.example' }) }), ENV, 'alerts.emails'],
  ['propagationDelay seconds', env({ propagationDelay: js(60) }), ENV, 'propagationDelay'],
  ['betaProvider a string', env({ betaProvider: js('google-beta') }), ENV, 'betaProvider'],
  ['prices of a GPU a string', env({ prices: js({ gpus: { NVIDIA_L4: { onDemand: '0.7' } } }) }), ENV, 'prices.gpus["NVIDIA_L4"].onDemand'],
  ['relaunchOnLabelChange a string', env({ relaunchOnLabelChange: js('no') }), ENV, 'relaunchOnLabelChange'],
  ['Duration.minutes a string', env({ propagationDelay: Duration.minutes(js('2')) }), ENV, 'propagationDelay'],

  // Teams and grants
  ['addTeam name a number', () => environmentStack().env.addTeam(js(7)), `${ENV}/team-7`, 'name'],
  ['addTeam members a string', () => environmentStack().env.addTeam('vision', js({ members: 'group:vision@acme.example' })), `${ENV}/team-vision`, 'options.members'],
  ['addTeam dataBucket.name a number', () => environmentStack().env.addTeam('vision', js({ dataBucket: { name: 1 } })), `${ENV}/team-vision`, 'options.dataBucket.name'],
  ['grantDataRead undefined', () => environmentStack().env.grantDataRead(js(undefined)), `${ENV}/data-bucket`, 'member'],
  ['grantImagesAndPackagesWrite a number', () => environmentStack().env.grantImagesAndPackagesWrite(js(5)), `${ENV}/docker-repository`, 'member'],

  // Jobs
  ['job props undefined', () => new CustomTrainingJob(environmentStack().stack, 'train', js(undefined)), JOB, 'props'],
  ['job without environment', job({ environment: undefined }), JOB, 'environment'],
  ['job environment a plain object', job({ environment: { projectId: 'acme-ml', region: 'us-central1' } }), JOB, 'environment'],
  ['job without workerPools', job({ workerPools: undefined }), JOB, 'workerPools'],
  ['job without code', job({ code: undefined }), JOB, 'code'],
  ['job code a plain object', job({ code: { image: 'trainer:v1' } }), JOB, 'code'],
  ['job code an image', job({ code: image() }), JOB, 'code'],
  ['job displayName a number', job({ displayName: 5 }), JOB, 'displayName'],
  ['job labels a value a number', job({ labels: { team: 1 } }), JOB, 'labels["team"]'],
  ['job tensorboard a string', job({ tensorboard: 'yes' }), JOB, 'tensorboard'],
  ['job enableWebAccess a string', job({ enableWebAccess: 'true' }), JOB, 'enableWebAccess'],
  ['job team a name', job({ team: 'vision' }), JOB, 'team'],
  ['job typicalDuration seconds', job({ typicalDuration: 3600 }), JOB, 'typicalDuration'],
  ['job relaunchOnLabelChange a string', job({ relaunchOnLabelChange: 'yes' }), JOB, 'relaunchOnLabelChange'],
  ['job triggers one trigger, not a list', job({ triggers: Trigger.onChange() }), JOB, 'triggers'],
  ['job triggers a cron string', job({ triggers: ['0 3 * * *'] }), JOB, 'triggers[0]'],
  ['scheduling a string', job({ scheduling: 'spot' }), JOB, 'scheduling'],
  ['scheduling.strategy in lowercase', job({ scheduling: { strategy: 'spot' } }), JOB, 'scheduling.strategy'],
  ['scheduling.timeout seconds', job({ scheduling: { timeout: 3600 } }), JOB, 'scheduling.timeout'],
  ['scheduling.restartJobOnWorkerRestart a string', job({ scheduling: { restartJobOnWorkerRestart: 'true' } }), JOB, 'scheduling.restartJobOnWorkerRestart'],
  ['Duration.hours a string', job({ scheduling: { timeout: Duration.hours(js('2')) } }), JOB, 'scheduling.timeout'],
  ['Duration.days undefined', job({ scheduling: { timeout: Duration.days(js(undefined)) } }), JOB, 'scheduling.timeout'],

  // Worker pools
  ['workerPools.primary a plain object', job({ workerPools: { primary: { machineType: 'n2-standard-8' } } }), JOB, 'workerPools.primary'],
  ['WorkerPool.gpu without options', withPrimary(WorkerPool.gpu(js(undefined))), JOB, 'workerPools.primary'],
  ['WorkerPool.gpu gpusPerReplica a string', withPrimary(WorkerPool.gpu({ gpuType: GpuType.NVIDIA_L4, gpusPerReplica: js('1') })), JOB, 'workerPools.primary.gpusPerReplica'],
  ['WorkerPool.gpu gpuType a short name', withPrimary(WorkerPool.gpu({ gpuType: js('l4'), gpusPerReplica: 1 })), JOB, 'workerPools.primary.gpuType'],
  ['WorkerPool.gpu machineType a number', withPrimary(WorkerPool.gpu({ gpuType: GpuType.NVIDIA_L4, gpusPerReplica: 1, machineType: js(2) })), JOB, 'workerPools.primary.machineType'],
  ['WorkerPool.tpu without options', withPrimary(WorkerPool.tpu(js(undefined))), JOB, 'workerPools.primary'],
  ['WorkerPool.tpu cores a string', withPrimary(WorkerPool.tpu({ version: TpuVersion.V3, cores: js('8') })), JOB, 'workerPools.primary.cores'],
  ['WorkerPool.cpu machineType a number', withPrimary(WorkerPool.cpu({ machineType: js(8) })), JOB, 'workerPools.primary.machineType'],
  ['WorkerPool.cpu options a string', withPrimary(WorkerPool.cpu(js('n2-standard-8'))), JOB, 'workerPools.primary'],
  ['replicaCount a string', job({ workerPools: { ...cpu(), workers: WorkerPool.cpu({ machineType: 'n2-standard-8', replicaCount: js('2') }) } }), JOB, 'workerPools.workers.replicaCount'],
  ['bootDiskType in lowercase words', withPrimary(WorkerPool.cpu({ machineType: 'n2-standard-8', bootDiskType: js('ssd') })), JOB, 'workerPools.primary.bootDiskType'],
  ['bootDiskSizeGb a string', withPrimary(WorkerPool.cpu({ machineType: 'n2-standard-8', bootDiskSizeGb: js('200') })), JOB, 'workerPools.primary.bootDiskSizeGb'],
  ['reservation a name', withPrimary(WorkerPool.cpu({ machineType: 'n2-standard-8', reservation: js('projects/p/zones/z/reservations/r') })), JOB, 'workerPools.primary.reservation'],
  ['Reservation.specific a number', withPrimary(WorkerPool.cpu({ machineType: 'n2-standard-8', reservation: Reservation.specific(js(5)) })), JOB, 'workerPools.primary.reservation[0]'],
  ['ReductionServer.of a string', job({ workerPools: { ...cpu(), reductionServer: ReductionServer.of(js('n1-highcpu-16')) } }), JOB, 'workerPools.reductionServer'],
  ['ReductionServer.of replicaCount a string', job({ workerPools: { ...cpu(), reductionServer: ReductionServer.of(js({ replicaCount: '2' })) } }), JOB, 'workerPools.reductionServer.replicaCount'],
  ['workerPools.reductionServer a pool', job({ workerPools: { ...cpu(), reductionServer: WorkerPool.cpu({ machineType: 'n1-highcpu-16' }) } }), JOB, 'workerPools.reductionServer'],

  // Training code
  ['TrainingCode.prebuilt without options', withCode(TrainingCode.prebuilt(js(undefined))), JOB, 'code'],
  ['TrainingCode.container without options', withCode(TrainingCode.container(js(undefined))), JOB, 'code'],
  ['TrainingCode.container image a URI string', withCode(TrainingCode.container({ image: js('us-docker.pkg.dev/acme/images/trainer:v1') })), JOB, 'code.image'],
  ['args a string', withCode(TrainingCode.container({ image: image(), args: js('--epochs=3') })), JOB, 'code.args'],
  ['args with a number', withCode(TrainingCode.container({ image: image(), args: js(['--epochs', 3]) })), JOB, 'code.args[1]'],
  ['command a string', withCode(TrainingCode.container({ image: image(), command: js('python') })), JOB, 'code.command'],
  ['env with a number', withCode(TrainingCode.container({ image: image(), env: js({ EPOCHS: 3 }) })), JOB, 'code.env["EPOCHS"]'],
  ['module a number', withCode(TrainingCode.prebuilt({ framework: Framework.SCIKIT_LEARN, frameworkVersion: '1.6', pythonPackage: PythonPackage.fromGcsUri('gs://acme/t-0.1.tar.gz'), module: js(5) })), JOB, 'code.module'],
  ['framework a short name', withCode(TrainingCode.prebuilt({ framework: js('sklearn'), frameworkVersion: '1.6', pythonPackage: PythonPackage.fromGcsUri('gs://acme/t-0.1.tar.gz'), module: 'trainer.task' })), JOB, 'code.framework'],
  ['frameworkVersion a number', withCode(TrainingCode.prebuilt({ framework: Framework.SCIKIT_LEARN, frameworkVersion: js(1.6), pythonPackage: PythonPackage.fromGcsUri('gs://acme/t-0.1.tar.gz'), module: 'trainer.task' })), JOB, 'code.frameworkVersion'],
  ['pythonPackage a gs:// string', withCode(TrainingCode.prebuilt({ framework: Framework.SCIKIT_LEARN, frameworkVersion: '1.6', pythonPackage: js('gs://acme/t-0.1.tar.gz'), module: 'trainer.task' })), JOB, 'code.pythonPackage'],
  ['packages one package, not a list', withCode(TrainingCode.prebuilt({ framework: Framework.SCIKIT_LEARN, frameworkVersion: '1.6', packages: js(PythonPackage.fromGcsUri('gs://acme/t-0.1.tar.gz')), module: 'trainer.task' })), JOB, 'code.packages'],
  ['PythonPackage.fromDirectory a number', withCode(TrainingCode.prebuilt({ framework: Framework.SCIKIT_LEARN, frameworkVersion: '1.6', pythonPackage: PythonPackage.fromDirectory(js(42)), module: 'trainer.task' })), JOB, 'code.pythonPackage'],
  ['PythonPackage.fromFile undefined', withCode(TrainingCode.prebuilt({ framework: Framework.SCIKIT_LEARN, frameworkVersion: '1.6', pythonPackage: PythonPackage.fromFile(js(undefined)), module: 'trainer.task' })), JOB, 'code.pythonPackage'],
  ['PythonPackage.fromGcsUri a number', withCode(TrainingCode.prebuilt({ framework: Framework.SCIKIT_LEARN, frameworkVersion: '1.6', pythonPackage: PythonPackage.fromGcsUri(js(42)), module: 'trainer.task' })), JOB, 'code.pythonPackage'],
  ['ContainerImage.fromUri a number', withCode(TrainingCode.container({ image: ContainerImage.fromUri(js(42)) })), JOB, 'code.image'],
  ['ContainerImage.fromRepository without a repository', withCode(TrainingCode.container({ image: ContainerImage.fromRepository(js(undefined), 'trainer') })), JOB, 'code.image.repository'],
  ['ContainerImage.fromRepository image a number', () => {
    const { stack, env: environment } = environmentStack();
    return new CustomTrainingJob(stack, 'train', { environment, workerPools: cpu(), code: TrainingCode.container({ image: ContainerImage.fromRepository(environment.dockerRepository, js(5)) }) });
  }, JOB, 'code.image.image'],
  ['ContainerImage.fromRepository tag a number', () => {
    const { stack, env: environment } = environmentStack();
    return new CustomTrainingJob(stack, 'train', { environment, workerPools: cpu(), code: TrainingCode.container({ image: ContainerImage.fromRepository(environment.dockerRepository, 'trainer', js({ tag: 1 })) }) });
  }, JOB, 'code.image.tag'],

  // Triggers
  ['Trigger.schedule cron a number', withTrigger(Trigger.schedule(js(5))), JOB, 'triggers[0].cron'],
  ['Trigger.schedule timeZone a number', withTrigger(Trigger.schedule('0 3 * * *', js(1))), JOB, 'triggers[0].timeZone'],
  ['Trigger.onNewData bucket a construct', () => {
    const { stack, env: environment } = environmentStack();
    return new CustomTrainingJob(stack, 'train', { environment, workerPools: cpu(), code: code(), triggers: [Trigger.onNewData(js(environment.dataBucket))] });
  }, JOB, 'triggers[0].bucketName'],
  ['Trigger.onNewData prefix a number', withTrigger(Trigger.onNewData('acme-data', js(5))), JOB, 'triggers[0].prefix'],
  ['Trigger.onNewData location an object', withTrigger(Trigger.onNewData('acme-data', 'in/', js({ region: 'us' }))), JOB, 'triggers[0].location'],

  // Tuning
  ['tuning study undefined', tuning({ study: undefined }), JOB, 'study'],
  ['tuning maxTrialCount a string', tuning({ maxTrialCount: '10' }), JOB, 'maxTrialCount'],
  ['study metrics one metric, not a list', tuning({ study: study({ metrics: Metric.maximize('accuracy') }) }), JOB, 'study.metrics'],
  ['study algorithm in lowercase', tuning({ study: study({ algorithm: 'grid' }) }), JOB, 'study.algorithm'],
  ['study automatedStopping a string', tuning({ study: study({ automatedStopping: 'median' }) }), JOB, 'study.automatedStopping'],
  ['Metric.maximize a number', tuning({ study: study({ metrics: [Metric.maximize(js(3))] }) }), JOB, 'study.metrics[0].metricId'],
  ['Metric.of goal in lowercase', tuning({ study: study({ metrics: [Metric.of('accuracy', js('maximize'))] }) }), JOB, 'study.metrics[0].goal'],
  ['Parameter.continuous without options', tuning({ study: study({ parameters: [Parameter.continuous('lr', js(undefined))] }) }), JOB, 'study.parameters[0]'],
  ['Parameter.integer min a string', tuning({ study: study({ parameters: [Parameter.integer('layers', js({ min: '1', max: 4 }))] }) }), JOB, 'study.parameters[0].min'],
  ['Parameter.categorical values a string', tuning({ study: study({ parameters: [Parameter.categorical('optimizer', js('adam'))] }) }), JOB, 'study.parameters[0].values'],
  ['Parameter.discrete a string value', tuning({ study: study({ parameters: [Parameter.discrete('batch', js([16, '32']))] }) }), JOB, 'study.parameters[0].values[1]'],
  ['Parameter.discrete scale a string', tuning({ study: study({ parameters: [Parameter.discrete('batch', [16, 32], js('log'))] }) }), JOB, 'study.parameters[0].scale'],
  ['withChildren a plain object', tuning({ study: study({ parameters: [Parameter.categorical('optimizer', ['adam', 'sgd']).withChildren(js({ values: ['sgd'] }))] }) }), JOB, 'study.parameters[0].children[0]'],
  ['ConditionalParameter.whenCategorical values a string', tuning({
    study: study({ parameters: [Parameter.categorical('optimizer', ['adam', 'sgd']).withChildren(ConditionalParameter.whenCategorical(js('sgd'), Parameter.continuous('momentum', { min: 0.1, max: 0.9 })))] }),
  }), JOB, 'study.parameters[0].children[0].values'],
  ['ConditionalParameter.whenDiscrete without a parameter', tuning({
    study: study({ parameters: [Parameter.discrete('batch', [16, 32]).withChildren(ConditionalParameter.whenDiscrete([16], js(undefined)))] }),
  }), JOB, 'study.parameters[0].children[0]'],
  ['AutomatedStopping.median options a string', tuning({ study: study({ automatedStopping: AutomatedStopping.median(js('elapsed')) }) }), JOB, 'study.automatedStopping'],
  ['AutomatedStopping.convex maxStepCount a string', tuning({ study: study({ automatedStopping: AutomatedStopping.convex(js({ maxStepCount: '5' })) }) }), JOB, 'study.automatedStopping.maxStepCount'],

  // Pipelines
  ['pipeline without model', pipeline({ model: undefined }), JOB, 'model'],
  ['pipeline servingContainer a plain object', pipeline({ model: { modelId: 'churn', servingContainer: { image: 'x' } } }), JOB, 'model.servingContainer'],
  ['pipeline modelId a number', pipeline({ model: { modelId: 5, servingContainer: ServingContainer.prebuilt(Framework.SCIKIT_LEARN, '1.5') } }), JOB, 'model.modelId'],
  ['ServingContainer.prebuilt framework a string', pipeline({ model: { modelId: 'churn', servingContainer: ServingContainer.prebuilt(js('sklearn'), '1.5') } }), JOB, 'model.servingContainer.framework'],
  ['ServingContainer.prebuilt version a number', pipeline({ model: { modelId: 'churn', servingContainer: ServingContainer.prebuilt(Framework.SCIKIT_LEARN, js(1.5)) } }), JOB, 'model.servingContainer.frameworkVersion'],
  ['ServingContainer.fromImage without an image', pipeline({ model: { modelId: 'churn', servingContainer: ServingContainer.fromImage(js(undefined)) } }), JOB, 'model.servingContainer.image'],
  ['ServingContainer.fromImage port a string', pipeline({ model: { modelId: 'churn', servingContainer: ServingContainer.fromImage(image(), js({ port: '8080' })) } }), JOB, 'model.servingContainer.port'],
  ['pipeline dataset.trainingFraction a string', pipeline({ dataset: { trainingFraction: '0.8', validationFraction: 0.1, testFraction: 0.1 } }), JOB, 'dataset.trainingFraction'],
  ['pipeline tuning a study', pipeline({ tuning: study() }), JOB, 'tuning.study'],

  // Objects, constructs and expressions turned into text
  ['an object in an arg', withCode(TrainingCode.container({ image: image(), args: [`--config=${js({ epochs: 3 })}`] })), JOB, 'code.args[0]'],
  ['a construct in an arg', () => {
    const { stack, env: environment } = environmentStack();
    return new CustomTrainingJob(stack, 'train', { environment, workerPools: cpu(), code: TrainingCode.container({ image: image(), args: [`--data=gs://${environment.dataBucket}/train`] }) });
  }, JOB, 'code.args[0]'],
  ['a Terraform expression as text in env', withCode(TrainingCode.container({ image: image(), env: { DATA: '${google_storage_bucket.data.name}' } })), JOB, 'code.env["DATA"]'],
  ['a construct as a display name', () => {
    const { stack, env: environment } = environmentStack();
    return new CustomTrainingJob(stack, 'train', { environment, workerPools: cpu(), code: code(), displayName: `train ${environment}` });
  }, JOB, 'displayName'],
  // The GKE backend
  ['a cluster\'s releaseChannel a number', gkeCluster({ releaseChannel: js(5) }), CLUSTER, 'releaseChannel'],
  ['a cluster\'s authorizedNetworks a string', gkeCluster({ authorizedNetworks: js('10.0.0.0/8') }), CLUSTER, 'authorizedNetworks'],
  ['a cluster\'s environment a string', gkeCluster({ environment: js('ml') }), CLUSTER, 'environment'],
  ['a node pool\'s maxNodes a string', gkePool({ maxNodes: js('4') }), `${CLUSTER}/p`, 'maxNodes'],
  ['a node pool\'s zones a string', gkePool({ zones: js('us-central1-a') }), `${CLUSTER}/p`, 'zones'],
  ['a node pool\'s pool an intent object', gkePool({ pool: js({ gpuType: 'NVIDIA_L4', gpusPerReplica: 1 }) }), `${CLUSTER}/p`, 'pool'],
  ['the add-ons\' kueue a string', () => new GkeTrainingAddons(new TerraformStack(gkePlatform().app, 'addons'), 'addons', { cluster: gkePlatform().cluster, kueue: js('helm') }), 'addons/addons', 'kueue'],
];

describe('wrong runtime types are refused with the field named, never a TypeError', () => {
  test.each(cases)('%s', (_, action, path, field) => {
    expectRefused(action, path, field);
  });

  test('every type problem of a construct at once, a line each', () => {
    const lines = expectRefused(job({ displayName: 5, labels: 'x', enableWebAccess: 'yes' }), JOB, 'displayName');
    expect(lines).toBe(`${JOB}: displayName 5 is not valid: must be a string (write "5")`);
    let message = '';
    try {
      job({ displayName: 5, labels: 'x', enableWebAccess: 'yes' })();
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message.split('\n').map((l) => l.slice(0, l.indexOf(' is not valid')))).toEqual([
      `${JOB}: displayName 5`, `${JOB}: labels "x"`, `${JOB}: enableWebAccess "yes"`,
    ]);
  });
});

describe('what stays allowed', () => {
  test('shell-style ${...} in args and env reach Vertex AI unchanged, and references resolve', () => {
    const { stack, env: environment } = environmentStack();
    const bucket = new TerraformVariable(stack, 'extra-bucket', { type: 'string' });
    new CustomTrainingJob(stack, 'train', {
      environment, workerPools: cpu(),
      code: TrainingCode.container({
        image: image(),
        args: ['--model-dir=${AIP_MODEL_DIR}', `--data=${environment.dataBucket.url}/train`, `--extra=gs://${bucket.stringValue}`],
        env: { CHECKPOINTS: '${AIP_CHECKPOINT_DIR}' },
      }),
      triggers: [Trigger.onNewData(environment.dataBucket.bucketName, 'incoming/')],
    });
    const json = synthJson(stack);
    const body = JSON.stringify(json.locals);
    expect(body).toContain('--model-dir=$${AIP_MODEL_DIR}');
    expect(body).toContain('$${AIP_CHECKPOINT_DIR}');
    expect(body).toContain('${var.extra-bucket}');
  });
});
