import { resolve } from 'path';
import { Construct } from 'constructs';
import { ContainerImage } from '../code/container-image';
import { PythonPackage } from '../code/python-package';
import { TrainingCode } from '../code/training-code';
import { ReductionServer } from '../compute/reduction-server';
import { Reservation } from '../compute/reservation';
import { SchedulingOptions } from '../compute/scheduling';
import { WorkerPool, WorkerPoolOptions } from '../compute/worker-pool';
import { WorkerPoolsProps } from '../compute/worker-pools';
import { Duration } from '../core/duration';
import { TrainingTeam } from '../environment/team';
import { TrainingEnvironment, TrainingEnvironmentProps } from '../environment/training-environment';
import { CustomTrainingJob } from '../jobs/custom-training-job';
import { HyperparameterTuningJob } from '../jobs/hyperparameter-tuning-job';
import { ServingContainer } from '../jobs/serving-container';
import { ConcurrencyPolicy } from '../jobs/concurrency-policy';
import type { TrainingBackend } from '../jobs/training-backend';
import { TrainingJob, TrainingJobOptions } from '../jobs/training-job';
import { TrainingPipeline } from '../jobs/training-pipeline';
import { ObjectFilter } from '../triggers/object-filter';
import { Trigger } from '../triggers/trigger';
import { AutomatedStopping, ConditionalParameter, Metric, Parameter, StudyOptions } from '../tuning/study';
import { TuningOptions } from '../tuning/tuning-options';
import { lazy } from '../core/lazy';
import {
  constructProblems, EntityContext, locateLater, translateEnvironmentField, translateJobField, translateTeamField,
} from './construct-errors';
import {
  ALGORITHMS, BOOT_DISK_TYPES, CONNECTIVITIES, FRAMEWORKS, GOALS, GOOGLE_APIS_ACCESS, GPU_TYPES, MEASUREMENT_SELECTIONS,
  PROTECTION_LEVELS, SCALES, STRATEGIES, TPU_VERSIONS,
} from './enums';
import { ConfigProblem, TrainingConfigError } from './errors';
import type { BuiltGke, buildGke, BuildHelpers, gkeBackend } from './build-gke';
import { substitute } from './references';
import { ConfigSource } from './source';
import {
  RawBucket, RawCode, RawConfig, RawEnvironment, RawGrants, RawImage, RawJob, RawPackage, RawParameter, RawPool, RawRepository,
  RawScheduling, RawServiceAccount, RawStudy, RawTrigger, RawTuning,
} from './types';

/** The GKE part of the builder, loaded for a config with a `gke` section only. */
const gkeBuilder = lazy({
  buildGke: (): typeof buildGke => require('./build-gke').buildGke,
  gkeBackend: (): typeof gkeBackend => require('./build-gke').gkeBackend,
});

/** The environment's `grant*` methods a config can call: the keys of its `grants`. */
type GrantKind = keyof RawGrants;

/** What a config file created. */
export interface BuiltConfig {
  readonly environment: TrainingEnvironment;
  readonly teams: Map<string, TrainingTeam>;
  readonly jobs: Map<string, TrainingJob>;
  /** What the `gke` section created, when the file has one. */
  readonly gke?: BuiltGke;
}

/** Where the parts of the GKE backend go besides the config's scope (the platform stack). */
export interface ConfigStacks {
  readonly addonsStack?: Construct;
  readonly workloadsStack?: Construct;
}

/** The construct ID of the environment when the file does not name it. */
export const DEFAULT_ENVIRONMENT_ID = 'training';

/**
 * Creates the environment, its teams and jobs from valid config data, in `scope` (with a `gke`
 * section: the cluster in `scope`, the add-ons and queues in `stacks`, GKE jobs in the workloads
 * stack; refused, naming the missing stack, without them). Every construct
 * error is rethrown as a {@link TrainingConfigError} placed on the line of the field (or at least
 * of the entity) that caused it.
 * @param baseDirectory what relative package paths resolve against: the config file's folder
 * @param stacks the add-ons and workloads stacks, which a `gke` section needs
 */
export function buildConfig(scope: Construct, config: RawConfig, source: ConfigSource, baseDirectory: string, stacks: ConfigStacks = {}): BuiltConfig {
  const childPath = (parent: Construct, id: string) => (parent.node.path === '' ? id : `${parent.node.path}/${id}`);
  if (config.gke) {
    const missing = missingStacks(stacks);
    if (missing.length > 0) throw new TrainingConfigError([missingStacksProblem(missing, source)]);
  }
  const rawEnv = config.environment;
  const envId = rawEnv.name ?? rawEnv.prefix ?? DEFAULT_ENVIRONMENT_ID;
  const envEntity: EntityContext = {
    at: ['environment'],
    constructPath: childPath(scope, envId),
    translate: (relative, field) => translateEnvironmentField(relative, field),
  };
  const guard = <T>(entity: EntityContext, create: () => T): T => {
    try {
      const built = create();
      // Problems found later (at synth) are placed in the file too.
      if (built instanceof Construct) locateLater(built, entity, source);
      return built;
    } catch (error) {
      if (error instanceof TrainingConfigError) throw error;
      throw new TrainingConfigError(constructProblems(error, entity, source), { cause: error });
    }
  };

  const environment = guard(envEntity, () => new TrainingEnvironment(scope, envId, environmentProps(rawEnv)));

  const grants = rawEnv.grants ?? {};
  for (const kind of Object.keys(grants) as GrantKind[]) {
    (grants[kind] ?? []).forEach((member, i) => {
      const entity: EntityContext = { ...envEntity, at: ['environment', 'grants', kind, i], translate: () => ['environment', 'grants', kind, i] };
      guard(entity, () => GRANTS[kind](environment, member));
    });
  }

  const teams = new Map<string, TrainingTeam>();
  (config.teams ?? []).forEach((raw, i) => {
    const at = ['teams', i];
    const entity: EntityContext = {
      at,
      constructPath: `${environment.node.path}/team-${raw.name}`,
      translate: (relative, field) => translateTeamField(at, relative, field),
    };
    teams.set(raw.name, guard(entity, () => environment.addTeam(raw.name, compact({
      members: raw.members ? [...raw.members] : undefined,
      trainerServiceAccount: serviceAccount(raw.trainerServiceAccount),
      dataBucket: bucket(raw.dataBucket),
      artifactsBucket: bucket(raw.artifactsBucket),
      quotaShares: raw.quotaShares?.map((share) => compact({ ...share })),
    }))));
  });

  const helpers: BuildHelpers = { guard, compact, duration, poolOf };
  const gke = config.gke && gkeBuilder.buildGke(scope, config.gke, stacks as Required<ConfigStacks>, environment, teams, helpers);

  const jobs = new Map<string, TrainingJob>();
  (config.jobs ?? []).forEach((raw, i) => {
    const at = ['jobs', i];
    // A GKE job lives with its queues, so that no launch can happen before they exist.
    const onGke = raw.backend === 'gke' && gke !== undefined;
    const jobScope = onGke ? stacks.workloadsStack! : scope;
    const entity: EntityContext = {
      at,
      constructPath: childPath(jobScope, raw.name),
      translate: (_relative, field, allowed) => translateJobField(at, raw, field, allowed),
    };
    jobs.set(raw.name, guard(entity, () => createJob(jobScope, raw, environment, teams, baseDirectory, onGke ? gkeBuilder.gkeBackend(raw, gke!, helpers) : undefined)));
  });

  (rawEnv.quotas?.neverConcurrent ?? []).forEach((group, g) => {
    const at = ['environment', 'quotas', 'neverConcurrent', g];
    guard({ ...envEntity, at, translate: () => at }, () => environment.quotas.neverConcurrent(...group));
  });

  return compact({ environment, teams, jobs, gke });
}

const STACK_NAMES: { readonly [option in keyof Required<ConfigStacks>]: string } = {
  addonsStack: 'the add-ons stack (Kueue, JobSet)',
  workloadsStack: 'the workloads stack (team queues and GKE jobs)',
};

function missingStacks(stacks: ConfigStacks): (keyof ConfigStacks)[] {
  return (Object.keys(STACK_NAMES) as (keyof ConfigStacks)[]).filter((option) => !(stacks[option] instanceof Construct));
}

/** The file has a `gke` section but the caller gave no stack for its later parts. */
function missingStacksProblem(missing: readonly (keyof ConfigStacks)[], source: ConfigSource): ConfigProblem {
  const named = missing.map((option) => `${option} (${STACK_NAMES[option]})`).join(' and ');
  return source.problem(['gke'], `declares a GKE cluster, which deploys in three stacks in order (the cluster with the environment, the add-ons, then the queues and GKE jobs), but no ${named} was given: load the file with TrainingConfig.fromFile(platformStack, file, { addonsStack, workloadsStack })`, true);
}

const GRANTS: { [kind in GrantKind]: (environment: TrainingEnvironment, member: string) => unknown } = {
  dataRead: (env, member) => env.grantDataRead(member),
  dataReadWrite: (env, member) => env.grantDataReadWrite(member),
  stagingReadWrite: (env, member) => env.grantStagingReadWrite(member),
  artifactsRead: (env, member) => env.grantArtifactsRead(member),
  imagesAndPackagesRead: (env, member) => env.grantImagesAndPackagesRead(member),
  imagesAndPackagesWrite: (env, member) => env.grantImagesAndPackagesWrite(member),
};

// ---------------------------------------------------------------------------------------------
// Environment

function environmentProps(raw: RawEnvironment): TrainingEnvironmentProps {
  const { encryption, network, perimeter, quotas, alerts } = raw;
  return compact({
    projectId: raw.projectId,
    region: raw.region,
    prefix: raw.prefix,
    labels: raw.labels ? { ...raw.labels } : undefined,
    enableApis: raw.enableApis,
    encryption: encryption && compact({
      ...encryption,
      protectionLevel: encryption.protectionLevel !== undefined ? PROTECTION_LEVELS[encryption.protectionLevel] : undefined,
    }),
    stagingBucket: bucket(raw.stagingBucket),
    artifactsBucket: bucket(raw.artifactsBucket),
    dataBucket: bucket(raw.dataBucket),
    dockerRepository: repository(raw.dockerRepository),
    pythonRepository: repository(raw.pythonRepository),
    trainerServiceAccount: serviceAccount(raw.trainerServiceAccount),
    launcherServiceAccount: serviceAccount(raw.launcherServiceAccount),
    tensorboard: raw.tensorboard && compact({ ...raw.tensorboard }),
    network: network && compact({
      ...network,
      connectivity: network.connectivity !== undefined ? CONNECTIVITIES[network.connectivity] : undefined,
      googleApis: network.googleApis !== undefined ? GOOGLE_APIS_ACCESS[network.googleApis] : undefined,
      existingRanges: network.existingRanges ? [...network.existingRanges] : undefined,
    }),
    perimeter: perimeter && compact({
      ...perimeter,
      accessLevels: perimeter.accessLevels ? [...perimeter.accessLevels] : undefined,
      deployerIdentities: perimeter.deployerIdentities ? [...perimeter.deployerIdentities] : undefined,
      additionalRestrictedServices: perimeter.additionalRestrictedServices ? [...perimeter.additionalRestrictedServices] : undefined,
      additionalSupportedServices: perimeter.additionalSupportedServices ? [...perimeter.additionalSupportedServices] : undefined,
    }),
    alerts: alerts && compact({
      emails: alerts.emails ? [...alerts.emails] : undefined,
      pubsubTopics: alerts.pubsubTopics ? [...alerts.pubsubTopics] : undefined,
      notificationChannels: alerts.notificationChannels ? [...alerts.notificationChannels] : undefined,
    }),
    propagationDelay: duration(raw.propagationDelay),
    relaunchOnLabelChange: raw.relaunchOnLabelChange,
    budget: raw.budget && compact({
      ...raw.budget,
      thresholds: raw.budget.thresholds ? [...raw.budget.thresholds] : undefined,
      forecastThresholds: raw.budget.forecastThresholds ? [...raw.budget.forecastThresholds] : undefined,
    }),
    metadataStore: raw.metadataStore,
    quotas: quotas && compact({
      limits: quotas.limits?.map((limit) => compact({ ...limit })),
      quotaIds: quotas.quotaIds ? { ...quotas.quotaIds } : undefined,
      checkAtPlan: quotas.checkAtPlan,
      requestIncreases: quotas.requestIncreases && compact({ ...quotas.requestIncreases }),
    }),
  });
}

function bucket(raw: RawBucket | undefined) {
  return raw && compact({ ...raw, objectExpirationPrefixes: raw.objectExpirationPrefixes ? [...raw.objectExpirationPrefixes] : undefined });
}

function repository(raw: RawRepository | undefined) {
  return raw && compact({ ...raw });
}

function serviceAccount(raw: RawServiceAccount | undefined) {
  return raw && compact({ ...raw });
}

// ---------------------------------------------------------------------------------------------
// Jobs

function createJob(
  scope: Construct, raw: RawJob, environment: TrainingEnvironment, teams: ReadonlyMap<string, TrainingTeam>, baseDirectory: string, backend: TrainingBackend | undefined,
): TrainingJob {
  const team = raw.team !== undefined ? teams.get(raw.team) : undefined;
  const text = (value: string) => substitute(value, environment, teams);
  const options: TrainingJobOptions = compact({
    environment,
    displayName: raw.displayName,
    workerPools: workerPools(raw, (rawCode) => code(rawCode, environment, text, baseDirectory)),
    code: code(raw.code, environment, text, baseDirectory),
    scheduling: raw.scheduling && scheduling(raw.scheduling),
    triggers: raw.triggers?.map((trigger) => triggerOf(trigger, environment, team, text)),
    labels: raw.labels ? { ...raw.labels } : undefined,
    tensorboard: raw.tensorboard,
    team,
    enableWebAccess: raw.enableWebAccess,
    relaunchOnLabelChange: raw.relaunchOnLabelChange,
    typicalDuration: duration(raw.typicalDuration),
    backend,
    concurrency: concurrencyOf(raw),
    paused: raw.paused,
    checkpoints: raw.checkpoints && compact({ keepLast: raw.checkpoints.keepLast, maxAge: duration(raw.checkpoints.maxAge) }),
    retention: raw.retention && compact({ runOutputs: duration(raw.retention.runOutputs), manifests: duration(raw.retention.manifests) }),
  });
  switch (raw.kind ?? 'custom') {
    case 'tuning':
      return new HyperparameterTuningJob(scope, raw.name, {
        ...options,
        ...tuning({ study: raw.study!, maxTrialCount: raw.maxTrialCount!, parallelTrialCount: raw.parallelTrialCount!, maxFailedTrialCount: raw.maxFailedTrialCount }),
      });
    case 'pipeline': {
      const model = raw.model!;
      const serving = model.servingContainer;
      return new TrainingPipeline(scope, raw.name, compact({
        ...options,
        model: compact({
          modelId: model.modelId,
          existingModel: model.existingModel,
          displayName: model.displayName,
          description: model.description,
          servingContainer: serving.prebuilt
            ? ServingContainer.prebuilt(FRAMEWORKS[serving.prebuilt.framework], serving.prebuilt.version, serving.prebuilt.gpu)
            : ServingContainer.fromImage(image(serving.custom!.image, environment), compact({
              predictRoute: serving.custom!.predictRoute,
              healthRoute: serving.custom!.healthRoute,
              port: serving.custom!.port,
            })),
        }),
        tuning: raw.tuning && tuning(raw.tuning),
        dataset: raw.dataset && compact({ ...raw.dataset }),
      }));
    }
    default:
      return new CustomTrainingJob(scope, raw.name, options);
  }
}

function workerPools(raw: RawJob, codeOf: (raw: RawCode) => TrainingCode): WorkerPoolsProps {
  const pools = raw.workerPools;
  const server = pools.reductionServer;
  const pool = (rawPool: RawPool) => poolOf(rawPool, codeOf);
  return compact({
    primary: pool(pools.primary),
    workers: pools.workers && pool(pools.workers),
    parameterServers: pools.parameterServers && pool(pools.parameterServers),
    reductionServer: server && ReductionServer.of(compact({
      replicaCount: server.replicas,
      machineType: server.machineType,
      reducerBandwidthGbps: server.reducerBandwidthGbps,
      workerBandwidthGbps: server.workerBandwidthGbps,
      imageUri: server.imageUri,
    })),
    evaluators: pools.evaluators && pool(pools.evaluators),
  });
}

/** A job's worker pool, or (without `code`) a node pool's hardware. */
export function poolOf(raw: RawPool, codeOf: (raw: RawCode) => TrainingCode): WorkerPool {
  const common: WorkerPoolOptions = compact({
    code: raw.code && codeOf(raw.code),
    replicaCount: raw.replicas,
    bootDiskType: raw.bootDiskType !== undefined ? BOOT_DISK_TYPES[raw.bootDiskType] : undefined,
    bootDiskSizeGb: raw.bootDiskSizeGb,
    reservation: raw.reservation && (raw.reservation.type === 'none' ? Reservation.none()
      : raw.reservation.type === 'any' ? Reservation.any() : Reservation.specific(...(raw.reservation.names ?? []))),
  });
  if (raw.gpu) return WorkerPool.gpu(compact({ ...common, gpuType: GPU_TYPES[raw.gpu.type], gpusPerReplica: raw.gpu.count, machineType: raw.gpu.machineType }));
  if (raw.tpu) {
    return WorkerPool.tpu(compact({ ...common, version: TPU_VERSIONS[raw.tpu.version], topology: raw.tpu.topology, cores: raw.tpu.cores, machineType: raw.tpu.machineType }));
  }
  return WorkerPool.cpu({ ...common, machineType: raw.cpu!.machineType });
}

function code(raw: RawCode, environment: TrainingEnvironment, text: (value: string) => string, baseDirectory: string): TrainingCode {
  const env = (vars: { readonly [name: string]: string } | undefined) =>
    vars && Object.fromEntries(Object.entries(vars).map(([name, value]) => [name, text(value)]));
  if (raw.prebuilt) {
    const p = raw.prebuilt;
    return TrainingCode.prebuilt(compact({
      framework: FRAMEWORKS[p.framework],
      frameworkVersion: p.version,
      pythonPackage: p.package && pythonPackage(p.package, baseDirectory),
      packages: p.packages?.map((pkg) => pythonPackage(pkg, baseDirectory)),
      module: p.module,
      args: p.args?.map(text),
      env: env(p.env),
    }));
  }
  const c = raw.container!;
  return TrainingCode.container(compact({
    image: image(c.image, environment),
    command: c.command?.map(text),
    args: c.args?.map(text),
    env: env(c.env),
  }));
}

function pythonPackage(raw: RawPackage, baseDirectory: string): PythonPackage {
  if (raw.directory !== undefined) return PythonPackage.fromDirectory(resolve(baseDirectory, raw.directory));
  if (raw.file !== undefined) return PythonPackage.fromFile(resolve(baseDirectory, raw.file));
  return PythonPackage.fromGcsUri(raw.gcsUri!);
}

function image(raw: RawImage, environment: TrainingEnvironment): ContainerImage {
  if (raw.uri !== undefined) return ContainerImage.fromUri(raw.uri);
  return ContainerImage.fromRepository(environment.dockerRepository, raw.name!, compact({ tag: raw.tag, digest: raw.digest }));
}

const DURATIONS: { [unit: string]: (amount: number) => Duration } = {
  s: Duration.seconds,
  m: Duration.minutes,
  h: Duration.hours,
  d: Duration.days,
};

/** `90m` → `Duration.minutes(90)` (the schema guarantees the form). */
export function duration(text: string | undefined): Duration | undefined {
  if (text === undefined) return undefined;
  return DURATIONS[text.slice(-1)](Number(text.slice(0, -1)));
}

function scheduling(raw: RawScheduling): SchedulingOptions {
  return compact({
    strategy: raw.strategy !== undefined ? STRATEGIES[raw.strategy] : undefined,
    timeout: duration(raw.timeout),
    maxWait: duration(raw.maxWait),
    restartJobOnWorkerRestart: raw.restartJobOnWorkerRestart,
    disableRetries: raw.disableRetries,
  });
}

function triggerOf(raw: RawTrigger, environment: TrainingEnvironment, team: TrainingTeam | undefined, text: (value: string) => string): Trigger {
  if (raw.schedule) return Trigger.schedule(raw.schedule.cron, raw.schedule.timeZone);
  if (raw.onChange) return Trigger.onChange();
  const data = raw.onNewData!;
  // `data`: the bucket the job's trainer reads, its team's or the environment's.
  const bucketName = data.bucket === undefined || data.bucket === 'data'
    ? (team?.dataBucket ?? environment.dataBucket).bucketName
    : text(data.bucket);
  const filter = data.marker !== undefined ? ObjectFilter.marker(data.marker)
    : data.suffix !== undefined ? ObjectFilter.suffix(data.suffix)
      : data.pattern !== undefined ? ObjectFilter.pattern(data.pattern) : undefined;
  if (filter === undefined && data.coalesce === undefined) return Trigger.onNewData(bucketName, data.prefix, data.location);
  return Trigger.onNewDataBatch(compact({ bucketName, prefix: data.prefix, location: data.location, filter, coalesce: duration(data.coalesce) }));
}

/** `concurrency` (and `maxConcurrentRuns`, which the schema requires with `up-to`) as the policy. */
function concurrencyOf(raw: RawJob): ConcurrencyPolicy | undefined {
  switch (raw.concurrency) {
    case undefined: return undefined;
    case 'allow': return ConcurrencyPolicy.allow();
    case 'skip': return ConcurrencyPolicy.skip();
    default: return ConcurrencyPolicy.upTo(raw.maxConcurrentRuns!);
  }
}

function tuning(raw: RawTuning): TuningOptions {
  return compact({
    study: study(raw.study),
    maxTrialCount: raw.maxTrialCount,
    parallelTrialCount: raw.parallelTrialCount,
    maxFailedTrialCount: raw.maxFailedTrialCount,
  });
}

function study(raw: RawStudy): StudyOptions {
  const stopping = raw.automatedStopping;
  return compact({
    metrics: raw.metrics.map((m) => Metric.of(m.id, GOALS[m.goal])),
    parameters: raw.parameters.map(parameter),
    algorithm: raw.algorithm !== undefined ? ALGORITHMS[raw.algorithm] : undefined,
    measurementSelection: raw.measurementSelection !== undefined ? MEASUREMENT_SELECTIONS[raw.measurementSelection] : undefined,
    automatedStopping: stopping && (stopping.rule === 'median' ? AutomatedStopping.median(compact({ useElapsedDuration: stopping.useElapsedDuration }))
      : stopping.rule === 'decay-curve' ? AutomatedStopping.decayCurve(compact({ useElapsedDuration: stopping.useElapsedDuration }))
        : AutomatedStopping.convex(compact({ ...stopping, rule: undefined }))),
  });
}

function parameter(raw: RawParameter): Parameter {
  const scale = raw.scale !== undefined ? SCALES[raw.scale] : undefined;
  const values = [...(raw.values ?? [])];
  let result: Parameter;
  switch (raw.type) {
    case 'double':
      result = Parameter.continuous(raw.id, compact({ min: raw.min!, max: raw.max!, scale }));
      break;
    case 'integer':
      result = Parameter.integer(raw.id, compact({ min: raw.min!, max: raw.max!, scale }));
      break;
    case 'categorical':
      result = Parameter.categorical(raw.id, values as string[]);
      break;
    default:
      result = Parameter.discrete(raw.id, values as number[], scale);
  }
  const children = (raw.children ?? []).map((child) => {
    const when = [...child.when];
    const parameterOfChild = parameter(child.parameter);
    return raw.type === 'categorical' ? ConditionalParameter.whenCategorical(when as string[], parameterOfChild)
      : raw.type === 'discrete' ? ConditionalParameter.whenDiscrete(when as number[], parameterOfChild)
        : ConditionalParameter.whenInteger(when as number[], parameterOfChild);
  });
  return children.length > 0 ? result.withChildren(...children) : result;
}

/** `value` without its undefined properties, so that the constructs' defaults apply. */
export function compact<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
