/**
 * What the generated runtime input types (lib/core/input-types.ts) cannot read from the declarations:
 * which types are checked at all, and the few fields whose check is a matter of semantics, not shape.
 * Shapes themselves (properties, optionality, types, enum members, class names) come from the
 * interfaces; see ./generate.ts.
 */

/**
 * The types a constructor, a factory or a method of the library checks its input against, by name;
 * the interfaces, enums and classes they contain are generated with them.
 */
export const ROOTS: readonly string[] = [
  // Props and options of constructors and factories.
  'TrainingEnvironmentProps', 'TeamOptions', 'TrainingJobOptions', 'HyperparameterTuningJobProps', 'TrainingPipelineProps',
  'GpuWorkerPoolOptions', 'TpuWorkerPoolOptions', 'CpuWorkerPoolOptions', 'ReductionServerOptions', 'ContainerImageOptions',
  'PrebuiltCodeOptions', 'ContainerCodeOptions', 'ParameterRangeOptions', 'StoppingOptions', 'ConvexStoppingOptions',
  'ServingContainerOptions', 'GkeTrainingClusterProps', 'GkeNodePoolOptions', 'GkeTrainingAddonsProps', 'HelmInstallationOptions',
  'GkeTrainingQueuesProps', 'TeamQueueOptions', 'GkeBackendOptions', 'NewDataBatchProps',
  // Positional arguments of factories (`ContainerImage.fromRepository(repository, ...)`, `Metric.of(id, goal)`, ...).
  'TrainingRepository', 'Framework', 'ContainerImage', 'Goal', 'ScaleType', 'Parameter', 'ConditionalParameter',
];

/** How a field is checked instead of by its declared type. */
export type PropertyOverride =
  /** Not at all here: the construct checks it with its other problems (and a better message). */
  | { readonly kind: 'unchecked'; readonly why: string }
  /** Only the inputs its factory recorded, when it is an instance of its class; anything else is the construct's to report. */
  | { readonly kind: 'recordedInputsOnly'; readonly why: string };

/** Fields checked otherwise than by their type, by `Interface.property` (the interface that declares the property). */
export const PROPERTY_OVERRIDES: { readonly [field: string]: PropertyOverride } = {
  'ModelUploadOptions.existingModel': { kind: 'unchecked', why: 'checked by the pipeline itself, with the model\'s other problems' },
  'WorkerPoolOptions.code': { kind: 'recordedInputsOnly', why: 'what is not a TrainingCode is reported by the job, with its other problems' },
  'FlavorQuota.nodePool': { kind: 'unchecked', why: 'checked by addTeamQueue, which also names the cluster a pool must belong to' },
  'HelmInstallationOptions.values': { kind: 'unchecked', why: 'any JSON value of the chart: GkeTrainingAddons checks that it is an object of JSON values' },
};

/** How a type is recognised instead of by its class. */
export interface TypeOverride {
  /** Duck-typed: any object with this string property. */
  readonly readBy: string;
  /** What it is, after "must be". */
  readonly expected: string;
  readonly why: string;
}

/** Types recognised otherwise than by their class, by name. */
export const TYPE_OVERRIDES: { readonly [type: string]: TypeOverride } = {
  TrainingRepository: {
    readBy: 'url',
    expected: 'a TrainingRepository (e.g. env.dockerRepository)',
    why: 'an image reads only the repository\'s url, format and name',
  },
};
