// Generated from the props interfaces by test/helpers/input-types/generate.ts; do not edit.
// After changing a props interface (or test/helpers/input-types/overrides.ts), regenerate with
// UPDATE_INPUT_TYPES=1 npx jest test/core/input-types

/**
 * The runtime input types of the public props and factory arguments (see lib/core/field-types.ts),
 * one per interface, enum and class, named after it. Pure data: classes are recognised by name and
 * enum members are written out, so this module imports no class and no class's module imports a
 * cycle through it.
 */
import { anything, BOOLEAN, enumeration, FieldType, inputsOf, instance, list, map, NUMBER, optional, readBy, STRING, struct, StructType } from './field-types';

/** `BootDiskType` (lib/compute/enums.ts). */
export const BOOT_DISK_TYPE: FieldType = enumeration({
  PD_SSD: 'pd-ssd',
  PD_STANDARD: 'pd-standard',
  HYPERDISK_BALANCED: 'hyperdisk-balanced',
}, 'BootDiskType');

/** `Framework` (lib/code/framework.ts). */
export const FRAMEWORK: FieldType = enumeration({
  TENSORFLOW: 'tensorflow',
  PYTORCH: 'pytorch',
  SCIKIT_LEARN: 'scikit-learn',
  XGBOOST: 'xgboost',
  RAY: 'ray',
}, 'Framework');

/** `GkeReleaseChannel` (lib/gke/training-cluster.ts). */
export const GKE_RELEASE_CHANNEL: FieldType = enumeration({
  RAPID: 'RAPID',
  REGULAR: 'REGULAR',
  STABLE: 'STABLE',
}, 'GkeReleaseChannel');

/** `Goal` (lib/tuning/study.ts). */
export const GOAL: FieldType = enumeration({
  MAXIMIZE: 'MAXIMIZE',
  MINIMIZE: 'MINIMIZE',
}, 'Goal');

/** `GoogleApisAccess` (lib/network/training-network.ts). */
export const GOOGLE_APIS_ACCESS: FieldType = enumeration({
  RESTRICTED: 'RESTRICTED',
  PRIVATE: 'PRIVATE',
  DEFAULT: 'DEFAULT',
}, 'GoogleApisAccess');

/** `GpuDriverVersion` (lib/gke/node-pool.ts). */
export const GPU_DRIVER_VERSION: FieldType = enumeration({
  LATEST: 'LATEST',
  DEFAULT: 'DEFAULT',
  INSTALLATION_DISABLED: 'INSTALLATION_DISABLED',
}, 'GpuDriverVersion');

/** `GpuType` (lib/compute/enums.ts). */
export const GPU_TYPE: FieldType = enumeration({
  NVIDIA_TESLA_T4: 'NVIDIA_TESLA_T4',
  NVIDIA_TESLA_V100: 'NVIDIA_TESLA_V100',
  NVIDIA_TESLA_P4: 'NVIDIA_TESLA_P4',
  NVIDIA_TESLA_P100: 'NVIDIA_TESLA_P100',
  NVIDIA_TESLA_A100: 'NVIDIA_TESLA_A100',
  NVIDIA_A100_80GB: 'NVIDIA_A100_80GB',
  NVIDIA_L4: 'NVIDIA_L4',
  NVIDIA_H100_80GB: 'NVIDIA_H100_80GB',
  NVIDIA_H100_MEGA_80GB: 'NVIDIA_H100_MEGA_80GB',
  NVIDIA_H200_141GB: 'NVIDIA_H200_141GB',
  NVIDIA_B200: 'NVIDIA_B200',
  NVIDIA_GB200: 'NVIDIA_GB200',
  NVIDIA_RTX_PRO_6000: 'NVIDIA_RTX_PRO_6000',
}, 'GpuType');

/** `KeyProtectionLevel` (lib/environment/encryption.ts). */
export const KEY_PROTECTION_LEVEL: FieldType = enumeration({
  SOFTWARE: 'SOFTWARE',
  HSM: 'HSM',
}, 'KeyProtectionLevel');

/** `MeasurementSelection` (lib/tuning/study.ts). */
export const MEASUREMENT_SELECTION: FieldType = enumeration({
  LAST: 'LAST_MEASUREMENT',
  BEST: 'BEST_MEASUREMENT',
}, 'MeasurementSelection');

/** `NetworkConnectivity` (lib/network/training-network.ts). */
export const NETWORK_CONNECTIVITY: FieldType = enumeration({
  PRIVATE_SERVICES_ACCESS: 'PRIVATE_SERVICES_ACCESS',
  PSC_INTERFACE: 'PSC_INTERFACE',
}, 'NetworkConnectivity');

/** `NodeProvisioning` (lib/gke/node-pool.ts). */
export const NODE_PROVISIONING: FieldType = enumeration({
  STANDARD: 'STANDARD',
  SPOT: 'SPOT',
  FLEX_START: 'FLEX_START',
  QUEUED_PROVISIONING: 'QUEUED_PROVISIONING',
}, 'NodeProvisioning');

/** `QueueingStrategy` (lib/gke/team-queue.ts). */
export const QUEUEING_STRATEGY: FieldType = enumeration({
  BEST_EFFORT_FIFO: 'BestEffortFIFO',
  STRICT_FIFO: 'StrictFIFO',
}, 'QueueingStrategy');

/** `ScaleType` (lib/tuning/study.ts). */
export const SCALE_TYPE: FieldType = enumeration({
  LINEAR: 'UNIT_LINEAR_SCALE',
  LOG: 'UNIT_LOG_SCALE',
  REVERSE_LOG: 'UNIT_REVERSE_LOG_SCALE',
}, 'ScaleType');

/** `SchedulingStrategy` (lib/compute/enums.ts). */
export const SCHEDULING_STRATEGY: FieldType = enumeration({
  STANDARD: 'STANDARD',
  SPOT: 'SPOT',
  FLEX_START: 'FLEX_START',
}, 'SchedulingStrategy');

/** `SearchAlgorithm` (lib/tuning/study.ts). */
export const SEARCH_ALGORITHM: FieldType = enumeration({
  BAYESIAN: 'ALGORITHM_UNSPECIFIED',
  GRID: 'GRID_SEARCH',
  RANDOM: 'RANDOM_SEARCH',
}, 'SearchAlgorithm');

/** `TpuVersion` (lib/compute/enums.ts). */
export const TPU_VERSION: FieldType = enumeration({
  V2: 'v2',
  V3: 'v3',
  V5E: 'v5e',
  V6E: 'v6e',
  TPU7X: '7x',
}, 'TpuVersion');

/**
 * `TrainingRepository` (lib/environment/registry.ts), recognised by its `url`: an image reads only the repository's url, format and name.
 * Override: test/helpers/input-types/overrides.ts
 */
export const TRAINING_REPOSITORY: FieldType = readBy('TrainingRepository', 'url', 'a TrainingRepository (e.g. env.dockerRepository)');

/** `AddonInstallation` (lib/gke/training-addons.ts). */
export const ADDON_INSTALLATION: FieldType = instance('AddonInstallation', 'an AddonInstallation (AddonInstallation.helm or preinstalled)');

/** `AutomatedStopping` (lib/tuning/study.ts). */
export const AUTOMATED_STOPPING: FieldType = instance('AutomatedStopping', 'an AutomatedStopping (AutomatedStopping.median, decayCurve or convex)');

/** `ConcurrencyPolicy` (lib/jobs/concurrency-policy.ts). */
export const CONCURRENCY_POLICY: FieldType = instance('ConcurrencyPolicy', 'a ConcurrencyPolicy (ConcurrencyPolicy.allow, skip or upTo)');

/** `ConditionalParameter` (lib/tuning/study.ts). */
export const CONDITIONAL_PARAMETER: FieldType = instance('ConditionalParameter', 'a ConditionalParameter (ConditionalParameter.whenCategorical, whenDiscrete or whenInteger)');

/** `ContainerImage` (lib/code/container-image.ts). */
export const CONTAINER_IMAGE: FieldType = instance('ContainerImage', 'a ContainerImage (ContainerImage.fromRepository or fromUri)');

/** `Duration` (lib/core/duration.ts). */
export const DURATION: FieldType = instance('Duration', 'a Duration (Duration.seconds, minutes, hours or days)');

/** `GkeTrainingAddons` (lib/gke/training-addons.ts). */
export const GKE_TRAINING_ADDONS: FieldType = instance('GkeTrainingAddons', 'a GkeTrainingAddons');

/** `GkeTrainingCluster` (lib/gke/training-cluster.ts). */
export const GKE_TRAINING_CLUSTER: FieldType = instance('GkeTrainingCluster', 'a GkeTrainingCluster');

/** `GoogleBetaProvider` (node_modules/@cdktf/provider-google-beta/lib/provider/index.d.ts). */
export const GOOGLE_BETA_PROVIDER: FieldType = instance('GoogleBetaProvider', 'a GoogleBetaProvider');

/** `Metric` (lib/tuning/study.ts). */
export const METRIC: FieldType = instance('Metric', 'a Metric (Metric.maximize, minimize or of)');

/** `ObjectFilter` (lib/triggers/object-filter.ts). */
export const OBJECT_FILTER: FieldType = instance('ObjectFilter', 'an ObjectFilter (ObjectFilter.marker, suffix or pattern)');

/** `Parameter` (lib/tuning/study.ts). */
export const PARAMETER: FieldType = instance('Parameter', 'a Parameter (Parameter.continuous, integer, categorical or discrete)');

/** `PythonPackage` (lib/code/python-package.ts). */
export const PYTHON_PACKAGE: FieldType = instance('PythonPackage', 'a PythonPackage (PythonPackage.fromDirectory, fromFile or fromGcsUri)');

/** `ReductionServer` (lib/compute/reduction-server.ts). */
export const REDUCTION_SERVER: FieldType = instance('ReductionServer', 'a ReductionServer (ReductionServer.of)');

/** `Reservation` (lib/compute/reservation.ts). */
export const RESERVATION: FieldType = instance('Reservation', 'a Reservation (Reservation.none, any or specific)');

/** `ServingContainer` (lib/jobs/serving-container.ts). */
export const SERVING_CONTAINER: FieldType = instance('ServingContainer', 'a ServingContainer (ServingContainer.prebuilt or fromImage)');

/** `TrainingBackend` (lib/jobs/training-backend.ts). */
export const TRAINING_BACKEND: FieldType = instance('TrainingBackend', 'a TrainingBackend (TrainingBackend.vertexAi or gke)');

/** `TrainingCode` (lib/code/training-code.ts). */
export const TRAINING_CODE: FieldType = instance('TrainingCode', 'a TrainingCode (TrainingCode.prebuilt or container)');

/** `TrainingEnvironment` (lib/environment/training-environment.ts). */
export const TRAINING_ENVIRONMENT: FieldType = instance('TrainingEnvironment', 'a TrainingEnvironment');

/** `TrainingTeam` (lib/environment/team.ts). */
export const TRAINING_TEAM: FieldType = instance('TrainingTeam', 'a TrainingTeam (made by a TrainingConfig\'s team or a TrainingEnvironment\'s addTeam)');

/** `Trigger` (lib/triggers/trigger.ts). */
export const TRIGGER: FieldType = instance('Trigger', 'a Trigger (Trigger.schedule, onChange, onNewData or onNewDataBatch)');

/** `WorkerPool` (lib/compute/worker-pool.ts). */
export const WORKER_POOL: FieldType = instance('WorkerPool', 'a WorkerPool (WorkerPool.gpu, tpu or cpu)');

/** `ContainerCodeOptions` (lib/code/training-code.ts). */
export const CONTAINER_CODE_OPTIONS: StructType = struct('ContainerCodeOptions', {
  args: optional(list(STRING)),
  env: optional(map(STRING)),
  image: CONTAINER_IMAGE,
  command: optional(list(STRING)),
});

/** `ContainerImageOptions` (lib/code/container-image.ts). */
export const CONTAINER_IMAGE_OPTIONS: StructType = struct('ContainerImageOptions', {
  tag: optional(STRING),
  digest: optional(STRING),
});

/** `ConvexStoppingOptions` (lib/tuning/study.ts). */
export const CONVEX_STOPPING_OPTIONS: StructType = struct('ConvexStoppingOptions', {
  useElapsedDuration: optional(BOOLEAN),
  maxStepCount: optional(NUMBER),
  minStepCount: optional(NUMBER),
  minMeasurementCount: optional(NUMBER),
  learningRateParameterName: optional(STRING),
  updateAllStoppedTrials: optional(BOOLEAN),
});

/** `CpuWorkerPoolOptions` (lib/compute/worker-pool.ts). */
export const CPU_WORKER_POOL_OPTIONS: StructType = struct('CpuWorkerPoolOptions', {
  replicaCount: optional(NUMBER),
  bootDiskType: optional(BOOT_DISK_TYPE),
  bootDiskSizeGb: optional(NUMBER),
  reservation: optional(RESERVATION),
  // Override (test/helpers/input-types/overrides.ts): what is not a TrainingCode is reported by the job, with its other problems.
  code: optional(inputsOf('TrainingCode')),
  machineType: STRING,
});

/** `GkeBackendOptions` (lib/jobs/training-backend.ts). */
export const GKE_BACKEND_OPTIONS: StructType = struct('GkeBackendOptions', {
  priorityClass: optional(STRING),
  ttlAfterFinished: optional(DURATION),
});

/** `NodePoolCatalogOverrides` (lib/gke/node-pool.ts). */
export const NODE_POOL_CATALOG_OVERRIDES: StructType = struct('NodePoolCatalogOverrides', {
  skipLocationCheck: optional(BOOLEAN),
  skipCapacityModeCheck: optional(BOOLEAN),
});

/** `GkeNodePoolOptions` (lib/gke/node-pool.ts). */
export const GKE_NODE_POOL_OPTIONS: StructType = struct('GkeNodePoolOptions', {
  pool: WORKER_POOL,
  provisioning: optional(NODE_PROVISIONING),
  maxNodes: NUMBER,
  minNodes: optional(NUMBER),
  zones: optional(list(STRING)),
  compactPlacement: optional(BOOLEAN),
  name: optional(STRING),
  gpuDriverVersion: optional(GPU_DRIVER_VERSION),
  catalogOverrides: optional(NODE_POOL_CATALOG_OVERRIDES),
});

/** `GkeTrainingAddonsProps` (lib/gke/training-addons.ts). */
export const GKE_TRAINING_ADDONS_PROPS: StructType = struct('GkeTrainingAddonsProps', {
  cluster: GKE_TRAINING_CLUSTER,
  kueue: optional(ADDON_INSTALLATION),
  jobSet: optional(ADDON_INSTALLATION),
});

/** `GkeSystemPoolOptions` (lib/gke/cluster-options.ts). */
export const GKE_SYSTEM_POOL_OPTIONS: StructType = struct('GkeSystemPoolOptions', {
  machineType: optional(STRING),
  minNodes: optional(NUMBER),
  maxNodes: optional(NUMBER),
});

/** `ServiceAccountOptions` (lib/environment/identity.ts). */
export const SERVICE_ACCOUNT_OPTIONS: StructType = struct('ServiceAccountOptions', {
  accountId: optional(STRING),
  existingEmail: optional(STRING),
});

/** `GkeMaintenanceWindow` (lib/gke/cluster-options.ts). */
export const GKE_MAINTENANCE_WINDOW: StructType = struct('GkeMaintenanceWindow', {
  startTime: STRING,
  endTime: STRING,
  recurrence: STRING,
});

/** `GkeTrainingClusterProps` (lib/gke/training-cluster.ts). */
export const GKE_TRAINING_CLUSTER_PROPS: StructType = struct('GkeTrainingClusterProps', {
  environment: TRAINING_ENVIRONMENT,
  clusterName: optional(STRING),
  existingClusterName: optional(STRING),
  releaseChannel: optional(GKE_RELEASE_CHANNEL),
  authorizedNetworks: optional(list(STRING)),
  publicEndpoint: optional(BOOLEAN),
  deletionProtection: optional(BOOLEAN),
  subnetwork: optional(STRING),
  podsCidr: optional(STRING),
  servicesCidr: optional(STRING),
  podsRangeName: optional(STRING),
  servicesRangeName: optional(STRING),
  systemPool: optional(GKE_SYSTEM_POOL_OPTIONS),
  nodeServiceAccount: optional(SERVICE_ACCOUNT_OPTIONS),
  secretsKeyName: optional(STRING),
  bootDiskKeyName: optional(STRING),
  maintenanceWindow: optional(GKE_MAINTENANCE_WINDOW),
});

/** `GkeTrainingQueuesProps` (lib/gke/training-queues.ts). */
export const GKE_TRAINING_QUEUES_PROPS: StructType = struct('GkeTrainingQueuesProps', {
  cluster: GKE_TRAINING_CLUSTER,
  addons: GKE_TRAINING_ADDONS,
  cohortName: optional(STRING),
});

/** `GpuWorkerPoolOptions` (lib/compute/worker-pool.ts). */
export const GPU_WORKER_POOL_OPTIONS: StructType = struct('GpuWorkerPoolOptions', {
  replicaCount: optional(NUMBER),
  bootDiskType: optional(BOOT_DISK_TYPE),
  bootDiskSizeGb: optional(NUMBER),
  reservation: optional(RESERVATION),
  // Override (test/helpers/input-types/overrides.ts): what is not a TrainingCode is reported by the job, with its other problems.
  code: optional(inputsOf('TrainingCode')),
  gpuType: GPU_TYPE,
  gpusPerReplica: NUMBER,
  machineType: optional(STRING),
});

/** `HelmInstallationOptions` (lib/gke/training-addons.ts). */
export const HELM_INSTALLATION_OPTIONS: StructType = struct('HelmInstallationOptions', {
  version: optional(STRING),
  // Override (test/helpers/input-types/overrides.ts): any JSON value of the chart: GkeTrainingAddons checks that it is an object of JSON values.
  values: optional(anything('{[key:string]:any}')),
});

/** `WorkerPoolsProps` (lib/compute/worker-pools.ts). */
export const WORKER_POOLS_PROPS: StructType = struct('WorkerPoolsProps', {
  primary: WORKER_POOL,
  workers: optional(WORKER_POOL),
  parameterServers: optional(WORKER_POOL),
  reductionServer: optional(REDUCTION_SERVER),
  evaluators: optional(WORKER_POOL),
});

/** `SchedulingOptions` (lib/compute/scheduling.ts). */
export const SCHEDULING_OPTIONS: StructType = struct('SchedulingOptions', {
  strategy: optional(SCHEDULING_STRATEGY),
  timeout: optional(DURATION),
  maxWait: optional(DURATION),
  restartJobOnWorkerRestart: optional(BOOLEAN),
  disableRetries: optional(BOOLEAN),
});

/** `CheckpointOptions` (lib/jobs/run-storage-options.ts). */
export const CHECKPOINT_OPTIONS: StructType = struct('CheckpointOptions', {
  keepLast: optional(NUMBER),
  maxAge: optional(DURATION),
});

/** `RetentionOptions` (lib/jobs/run-storage-options.ts). */
export const RETENTION_OPTIONS: StructType = struct('RetentionOptions', {
  runOutputs: optional(DURATION),
  manifests: optional(DURATION),
});

/** `StudyOptions` (lib/tuning/study.ts). */
export const STUDY_OPTIONS: StructType = struct('StudyOptions', {
  metrics: list(METRIC),
  parameters: list(PARAMETER),
  algorithm: optional(SEARCH_ALGORITHM),
  measurementSelection: optional(MEASUREMENT_SELECTION),
  automatedStopping: optional(AUTOMATED_STOPPING),
});

/** `HyperparameterTuningJobProps` (lib/jobs/hyperparameter-tuning-job.ts). */
export const HYPERPARAMETER_TUNING_JOB_PROPS: StructType = struct('HyperparameterTuningJobProps', {
  environment: TRAINING_ENVIRONMENT,
  displayName: optional(STRING),
  workerPools: WORKER_POOLS_PROPS,
  code: TRAINING_CODE,
  scheduling: optional(SCHEDULING_OPTIONS),
  triggers: optional(list(TRIGGER)),
  labels: optional(map(STRING)),
  tensorboard: optional(BOOLEAN),
  team: optional(TRAINING_TEAM),
  enableWebAccess: optional(BOOLEAN),
  relaunchOnLabelChange: optional(BOOLEAN),
  typicalDuration: optional(DURATION),
  backend: optional(TRAINING_BACKEND),
  concurrency: optional(CONCURRENCY_POLICY),
  paused: optional(BOOLEAN),
  checkpoints: optional(CHECKPOINT_OPTIONS),
  retention: optional(RETENTION_OPTIONS),
  study: STUDY_OPTIONS,
  maxTrialCount: NUMBER,
  parallelTrialCount: NUMBER,
  maxFailedTrialCount: optional(NUMBER),
});

/** `NewDataBatchProps` (lib/triggers/trigger.ts). */
export const NEW_DATA_BATCH_PROPS: StructType = struct('NewDataBatchProps', {
  bucketName: STRING,
  prefix: optional(STRING),
  location: optional(STRING),
  filter: optional(OBJECT_FILTER),
  coalesce: optional(DURATION),
});

/** `ParameterRangeOptions` (lib/tuning/study.ts). */
export const PARAMETER_RANGE_OPTIONS: StructType = struct('ParameterRangeOptions', {
  min: NUMBER,
  max: NUMBER,
  scale: optional(SCALE_TYPE),
});

/** `PrebuiltCodeOptions` (lib/code/training-code.ts). */
export const PREBUILT_CODE_OPTIONS: StructType = struct('PrebuiltCodeOptions', {
  args: optional(list(STRING)),
  env: optional(map(STRING)),
  framework: FRAMEWORK,
  frameworkVersion: STRING,
  pythonPackage: optional(PYTHON_PACKAGE),
  packages: optional(list(PYTHON_PACKAGE)),
  module: STRING,
});

/** `ReductionServerOptions` (lib/compute/reduction-server.ts). */
export const REDUCTION_SERVER_OPTIONS: StructType = struct('ReductionServerOptions', {
  replicaCount: optional(NUMBER),
  machineType: optional(STRING),
  reducerBandwidthGbps: optional(NUMBER),
  workerBandwidthGbps: optional(NUMBER),
  imageUri: optional(STRING),
});

/** `ServingContainerOptions` (lib/jobs/serving-container.ts). */
export const SERVING_CONTAINER_OPTIONS: StructType = struct('ServingContainerOptions', {
  predictRoute: optional(STRING),
  healthRoute: optional(STRING),
  port: optional(NUMBER),
});

/** `StoppingOptions` (lib/tuning/study.ts). */
export const STOPPING_OPTIONS: StructType = struct('StoppingOptions', {
  useElapsedDuration: optional(BOOLEAN),
});

/** `BucketOptions` (lib/environment/storage.ts). */
export const BUCKET_OPTIONS: StructType = struct('BucketOptions', {
  name: optional(STRING),
  existingBucketName: optional(STRING),
  noncurrentVersionRetentionDays: optional(NUMBER),
  softDeleteRetentionDays: optional(NUMBER),
  objectExpirationDays: optional(NUMBER),
  objectExpirationPrefixes: optional(list(STRING)),
  preventDestroy: optional(BOOLEAN),
});

/** `QuotaShare` (lib/quota/training-quotas.ts). */
export const QUOTA_SHARE: StructType = struct('QuotaShare', {
  metric: STRING,
  limit: NUMBER,
  region: optional(STRING),
});

/** `TeamOptions` (lib/environment/team.ts). */
export const TEAM_OPTIONS: StructType = struct('TeamOptions', {
  trainerServiceAccount: optional(SERVICE_ACCOUNT_OPTIONS),
  dataBucket: optional(BUCKET_OPTIONS),
  artifactsBucket: optional(BUCKET_OPTIONS),
  members: optional(list(STRING)),
  quotaShares: optional(list(QUOTA_SHARE)),
});

/** `FlavorQuota` (lib/gke/team-queue.ts). */
export const FLAVOR_QUOTA: StructType = struct('FlavorQuota', {
  // Override (test/helpers/input-types/overrides.ts): checked by addTeamQueue, which also names the cluster a pool must belong to.
  nodePool: anything('GkeNodePool'),
  nominal: NUMBER,
  borrowingLimit: optional(NUMBER),
  lendingLimit: optional(NUMBER),
});

/** `TeamQueueOptions` (lib/gke/team-queue.ts). */
export const TEAM_QUEUE_OPTIONS: StructType = struct('TeamQueueOptions', {
  quotas: list(FLAVOR_QUOTA),
  queueingStrategy: optional(QUEUEING_STRATEGY),
});

/** `TpuWorkerPoolOptions` (lib/compute/worker-pool.ts). */
export const TPU_WORKER_POOL_OPTIONS: StructType = struct('TpuWorkerPoolOptions', {
  replicaCount: optional(NUMBER),
  bootDiskType: optional(BOOT_DISK_TYPE),
  bootDiskSizeGb: optional(NUMBER),
  reservation: optional(RESERVATION),
  // Override (test/helpers/input-types/overrides.ts): what is not a TrainingCode is reported by the job, with its other problems.
  code: optional(inputsOf('TrainingCode')),
  version: TPU_VERSION,
  topology: optional(STRING),
  cores: optional(NUMBER),
  machineType: optional(STRING),
});

/** `EncryptionOptions` (lib/environment/encryption.ts). */
export const ENCRYPTION_OPTIONS: StructType = struct('EncryptionOptions', {
  keyRingId: optional(STRING),
  existingKeyRingName: optional(STRING),
  rotationPeriodDays: optional(NUMBER),
  protectionLevel: optional(KEY_PROTECTION_LEVEL),
  destroyScheduledDays: optional(NUMBER),
  storageKeyName: optional(STRING),
  registryKeyName: optional(STRING),
  vertexKeyName: optional(STRING),
  pubsubKeyName: optional(STRING),
  workflowsKeyName: optional(STRING),
  eventarcKeyName: optional(STRING),
});

/** `RepositoryOptions` (lib/environment/registry.ts). */
export const REPOSITORY_OPTIONS: StructType = struct('RepositoryOptions', {
  repositoryId: optional(STRING),
  existingRepositoryName: optional(STRING),
  keepMostRecentVersions: optional(NUMBER),
  deleteUntaggedAfterDays: optional(NUMBER),
  cleanupDryRun: optional(BOOLEAN),
  preventDestroy: optional(BOOLEAN),
  immutableTags: optional(BOOLEAN),
});

/** `TensorboardOptions` (lib/environment/tensorboard.ts). */
export const TENSORBOARD_OPTIONS: StructType = struct('TensorboardOptions', {
  enabled: optional(BOOLEAN),
  displayName: optional(STRING),
  preventDestroy: optional(BOOLEAN),
  existingTensorboardName: optional(STRING),
});

/** `NetworkOptions` (lib/network/training-network.ts). */
export const NETWORK_OPTIONS: StructType = struct('NetworkOptions', {
  connectivity: optional(NETWORK_CONNECTIVITY),
  existingNetworkName: optional(STRING),
  subnetCidr: optional(STRING),
  peeringCidr: optional(STRING),
  existingPeeringRangeName: optional(STRING),
  attachmentSubnetCidr: optional(STRING),
  googleApis: optional(GOOGLE_APIS_ACCESS),
  enableNat: optional(BOOLEAN),
  existingRanges: optional(list(STRING)),
});

/** `PerimeterOptions` (lib/perimeter/training-perimeter.ts). */
export const PERIMETER_OPTIONS: StructType = struct('PerimeterOptions', {
  accessPolicy: optional(STRING),
  perimeterName: optional(STRING),
  existingPerimeterName: optional(STRING),
  dryRun: optional(BOOLEAN),
  accessLevels: optional(list(STRING)),
  deployerIdentities: optional(list(STRING)),
  additionalRestrictedServices: optional(list(STRING)),
  additionalSupportedServices: optional(list(STRING)),
});

/** `QuotaLimit` (lib/quota/training-quotas.ts). */
export const QUOTA_LIMIT: StructType = struct('QuotaLimit', {
  metric: STRING,
  limit: NUMBER,
  region: optional(STRING),
});

/** `QuotaIncreaseRequest` (lib/quota/training-quotas.ts). */
export const QUOTA_INCREASE_REQUEST: StructType = struct('QuotaIncreaseRequest', {
  contactEmail: STRING,
  justification: optional(STRING),
});

/** `QuotaOptions` (lib/quota/training-quotas.ts). */
export const QUOTA_OPTIONS: StructType = struct('QuotaOptions', {
  limits: optional(list(QUOTA_LIMIT)),
  quotaIds: optional(map(STRING)),
  checkAtPlan: optional(BOOLEAN),
  requestIncreases: optional(QUOTA_INCREASE_REQUEST),
});

/** `AlertOptions` (lib/environment/notification-channels.ts). */
export const ALERT_OPTIONS: StructType = struct('AlertOptions', {
  emails: optional(list(STRING)),
  pubsubTopics: optional(list(STRING)),
  notificationChannels: optional(list(STRING)),
});

/** `HourlyPrice` (lib/catalog/price-options.ts). */
export const HOURLY_PRICE: StructType = struct('HourlyPrice', {
  onDemand: NUMBER,
  spot: optional(NUMBER),
});

/** `PriceOptions` (lib/catalog/price-options.ts). */
export const PRICE_OPTIONS: StructType = struct('PriceOptions', {
  machines: optional(map(HOURLY_PRICE)),
  gpus: optional(map(HOURLY_PRICE)),
  tpus: optional(map(HOURLY_PRICE)),
  source: optional(STRING),
  date: optional(STRING),
  currency: optional(STRING),
});

/** `BudgetOptions` (lib/environment/budget.ts). */
export const BUDGET_OPTIONS: StructType = struct('BudgetOptions', {
  billingAccount: STRING,
  amount: NUMBER,
  currencyCode: optional(STRING),
  thresholds: optional(list(NUMBER)),
  forecastThresholds: optional(list(NUMBER)),
});

/** `TrainingEnvironmentProps` (lib/environment/training-environment.ts). */
export const TRAINING_ENVIRONMENT_PROPS: StructType = struct('TrainingEnvironmentProps', {
  projectId: STRING,
  region: STRING,
  prefix: optional(STRING),
  labels: optional(map(STRING)),
  enableApis: optional(BOOLEAN),
  encryption: optional(ENCRYPTION_OPTIONS),
  stagingBucket: optional(BUCKET_OPTIONS),
  artifactsBucket: optional(BUCKET_OPTIONS),
  dataBucket: optional(BUCKET_OPTIONS),
  dockerRepository: optional(REPOSITORY_OPTIONS),
  pythonRepository: optional(REPOSITORY_OPTIONS),
  trainerServiceAccount: optional(SERVICE_ACCOUNT_OPTIONS),
  launcherServiceAccount: optional(SERVICE_ACCOUNT_OPTIONS),
  tensorboard: optional(TENSORBOARD_OPTIONS),
  betaProvider: optional(GOOGLE_BETA_PROVIDER),
  network: optional(NETWORK_OPTIONS),
  perimeter: optional(PERIMETER_OPTIONS),
  quotas: optional(QUOTA_OPTIONS),
  propagationDelay: optional(DURATION),
  alerts: optional(ALERT_OPTIONS),
  relaunchOnLabelChange: optional(BOOLEAN),
  prices: optional(PRICE_OPTIONS),
  budget: optional(BUDGET_OPTIONS),
  metadataStore: optional(BOOLEAN),
});

/** `TrainingJobOptions` (lib/jobs/training-job.ts). */
export const TRAINING_JOB_OPTIONS: StructType = struct('TrainingJobOptions', {
  environment: TRAINING_ENVIRONMENT,
  displayName: optional(STRING),
  workerPools: WORKER_POOLS_PROPS,
  code: TRAINING_CODE,
  scheduling: optional(SCHEDULING_OPTIONS),
  triggers: optional(list(TRIGGER)),
  labels: optional(map(STRING)),
  tensorboard: optional(BOOLEAN),
  team: optional(TRAINING_TEAM),
  enableWebAccess: optional(BOOLEAN),
  relaunchOnLabelChange: optional(BOOLEAN),
  typicalDuration: optional(DURATION),
  backend: optional(TRAINING_BACKEND),
  concurrency: optional(CONCURRENCY_POLICY),
  paused: optional(BOOLEAN),
  checkpoints: optional(CHECKPOINT_OPTIONS),
  retention: optional(RETENTION_OPTIONS),
});

/** `ModelUploadOptions` (lib/jobs/training-pipeline.ts). */
export const MODEL_UPLOAD_OPTIONS: StructType = struct('ModelUploadOptions', {
  modelId: optional(STRING),
  // Override (test/helpers/input-types/overrides.ts): checked by the pipeline itself, with the model's other problems.
  existingModel: optional(anything('string')),
  displayName: optional(STRING),
  description: optional(STRING),
  servingContainer: SERVING_CONTAINER,
});

/** `TuningOptions` (lib/tuning/tuning-options.ts). */
export const TUNING_OPTIONS: StructType = struct('TuningOptions', {
  study: STUDY_OPTIONS,
  maxTrialCount: NUMBER,
  parallelTrialCount: NUMBER,
  maxFailedTrialCount: optional(NUMBER),
});

/** `ManagedDatasetOptions` (lib/jobs/training-pipeline.ts). */
export const MANAGED_DATASET_OPTIONS: StructType = struct('ManagedDatasetOptions', {
  existingDatasetId: optional(STRING),
  metadataSchemaUri: optional(STRING),
  trainingFraction: NUMBER,
  validationFraction: NUMBER,
  testFraction: NUMBER,
});

/** `TrainingPipelineProps` (lib/jobs/training-pipeline.ts). */
export const TRAINING_PIPELINE_PROPS: StructType = struct('TrainingPipelineProps', {
  environment: TRAINING_ENVIRONMENT,
  displayName: optional(STRING),
  workerPools: WORKER_POOLS_PROPS,
  code: TRAINING_CODE,
  scheduling: optional(SCHEDULING_OPTIONS),
  triggers: optional(list(TRIGGER)),
  labels: optional(map(STRING)),
  tensorboard: optional(BOOLEAN),
  team: optional(TRAINING_TEAM),
  enableWebAccess: optional(BOOLEAN),
  relaunchOnLabelChange: optional(BOOLEAN),
  typicalDuration: optional(DURATION),
  backend: optional(TRAINING_BACKEND),
  concurrency: optional(CONCURRENCY_POLICY),
  paused: optional(BOOLEAN),
  checkpoints: optional(CHECKPOINT_OPTIONS),
  retention: optional(RETENTION_OPTIONS),
  model: MODEL_UPLOAD_OPTIONS,
  tuning: optional(TUNING_OPTIONS),
  dataset: optional(MANAGED_DATASET_OPTIONS),
});
