/**
 * The shape of a training config file once it has passed the JSON Schema
 * (`training-config.schema.json`). Internal: the public API is `TrainingConfig`.
 */

export type Labels = { readonly [key: string]: string };

export interface RawConfig {
  readonly $schema?: string;
  readonly environment: RawEnvironment;
  readonly teams?: readonly RawTeam[];
  readonly jobs?: readonly RawJob[];
}

export interface RawBucket {
  readonly name?: string;
  readonly existingBucketName?: string;
  readonly noncurrentVersionRetentionDays?: number;
  readonly softDeleteRetentionDays?: number;
  readonly objectExpirationDays?: number;
  readonly objectExpirationPrefixes?: readonly string[];
  readonly preventDestroy?: boolean;
}

export interface RawRepository {
  readonly repositoryId?: string;
  readonly existingRepositoryName?: string;
  readonly keepMostRecentVersions?: number;
  readonly deleteUntaggedAfterDays?: number;
  readonly cleanupDryRun?: boolean;
  readonly preventDestroy?: boolean;
  readonly immutableTags?: boolean;
}

export interface RawServiceAccount {
  readonly accountId?: string;
  readonly existingEmail?: string;
}

export interface RawEnvironment {
  readonly name?: string;
  readonly projectId: string;
  readonly region: string;
  readonly prefix?: string;
  readonly labels?: Labels;
  readonly enableApis?: boolean;
  readonly encryption?: {
    readonly keyRingId?: string;
    readonly existingKeyRingName?: string;
    readonly rotationPeriodDays?: number;
    readonly protectionLevel?: string;
    readonly destroyScheduledDays?: number;
    readonly storageKeyName?: string;
    readonly registryKeyName?: string;
    readonly vertexKeyName?: string;
    readonly pubsubKeyName?: string;
    readonly workflowsKeyName?: string;
    readonly eventarcKeyName?: string;
  };
  readonly stagingBucket?: RawBucket;
  readonly artifactsBucket?: RawBucket;
  readonly dataBucket?: RawBucket;
  readonly dockerRepository?: RawRepository;
  readonly pythonRepository?: RawRepository;
  readonly trainerServiceAccount?: RawServiceAccount;
  readonly launcherServiceAccount?: RawServiceAccount;
  readonly tensorboard?: {
    readonly enabled?: boolean;
    readonly displayName?: string;
    readonly preventDestroy?: boolean;
    readonly existingTensorboardName?: string;
  };
  readonly network?: {
    readonly connectivity?: string;
    readonly existingNetworkName?: string;
    readonly subnetCidr?: string;
    readonly peeringCidr?: string;
    readonly existingPeeringRangeName?: string;
    readonly attachmentSubnetCidr?: string;
    readonly googleApis?: string;
    readonly enableNat?: boolean;
    readonly existingRanges?: readonly string[];
  };
  readonly perimeter?: {
    readonly accessPolicy?: string;
    readonly perimeterName?: string;
    readonly existingPerimeterName?: string;
    readonly dryRun?: boolean;
    readonly accessLevels?: readonly string[];
    readonly deployerIdentities?: readonly string[];
    readonly additionalRestrictedServices?: readonly string[];
    readonly additionalSupportedServices?: readonly string[];
  };
  readonly quotas?: {
    readonly limits?: readonly { readonly metric: string; readonly limit: number; readonly region?: string }[];
    readonly quotaIds?: { readonly [metric: string]: string };
    readonly checkAtPlan?: boolean;
    readonly requestIncreases?: { readonly contactEmail: string; readonly justification?: string };
    readonly neverConcurrent?: readonly (readonly string[])[];
  };
  readonly alerts?: {
    readonly emails?: readonly string[];
    readonly pubsubTopics?: readonly string[];
    readonly notificationChannels?: readonly string[];
  };
  readonly propagationDelay?: string;
  readonly relaunchOnLabelChange?: boolean;
  readonly grants?: { readonly [grant in GrantKind]?: readonly string[] };
}

/** The environment's `grant*` methods a config can call. */
export type GrantKind = 'dataRead' | 'dataReadWrite' | 'stagingReadWrite' | 'artifactsRead' | 'imagesAndPackagesRead' | 'imagesAndPackagesWrite';

export interface RawTeam {
  readonly name: string;
  readonly members?: readonly string[];
  readonly trainerServiceAccount?: RawServiceAccount;
  readonly dataBucket?: RawBucket;
  readonly artifactsBucket?: RawBucket;
}

export interface RawPool {
  readonly gpu?: { readonly type: string; readonly count: number; readonly machineType?: string };
  readonly tpu?: { readonly version: string; readonly topology?: string; readonly cores?: number; readonly machineType?: string };
  readonly cpu?: { readonly machineType: string };
  readonly replicas?: number;
  readonly bootDiskType?: string;
  readonly bootDiskSizeGb?: number;
  readonly reservation?: { readonly type: string; readonly names?: readonly string[] };
  readonly code?: RawCode;
}

export interface RawReductionServer {
  readonly replicas?: number;
  readonly machineType?: string;
  readonly reducerBandwidthGbps?: number;
  readonly workerBandwidthGbps?: number;
  readonly imageUri?: string;
}

export interface RawWorkerPools {
  readonly primary: RawPool;
  readonly workers?: RawPool;
  readonly parameterServers?: RawPool;
  readonly reductionServer?: RawReductionServer;
  readonly evaluators?: RawPool;
}

export interface RawPackage {
  readonly directory?: string;
  readonly file?: string;
  readonly gcsUri?: string;
}

export interface RawImage {
  readonly repository?: string;
  readonly name?: string;
  readonly tag?: string;
  readonly digest?: string;
  readonly uri?: string;
}

export interface RawCode {
  readonly prebuilt?: {
    readonly framework: string;
    readonly version: string;
    readonly package?: RawPackage;
    readonly packages?: readonly RawPackage[];
    readonly module: string;
    readonly args?: readonly string[];
    readonly env?: { readonly [name: string]: string };
  };
  readonly container?: {
    readonly image: RawImage;
    readonly command?: readonly string[];
    readonly args?: readonly string[];
    readonly env?: { readonly [name: string]: string };
  };
}

export interface RawScheduling {
  readonly strategy?: string;
  readonly timeout?: string;
  readonly maxWait?: string;
  readonly restartJobOnWorkerRestart?: boolean;
  readonly disableRetries?: boolean;
}

export interface RawTrigger {
  readonly schedule?: { readonly cron: string; readonly timeZone?: string };
  readonly onChange?: true;
  readonly onNewData?: { readonly bucket?: string; readonly prefix?: string; readonly location?: string };
}

export interface RawParameter {
  readonly id: string;
  readonly type: 'double' | 'integer' | 'categorical' | 'discrete';
  readonly min?: number;
  readonly max?: number;
  readonly scale?: string;
  readonly values?: readonly (string | number)[];
  readonly children?: readonly { readonly when: readonly (string | number)[]; readonly parameter: RawParameter }[];
}

export interface RawStudy {
  readonly metrics: readonly { readonly id: string; readonly goal: string }[];
  readonly parameters: readonly RawParameter[];
  readonly algorithm?: string;
  readonly measurementSelection?: string;
  readonly automatedStopping?: {
    readonly rule: string;
    readonly useElapsedDuration?: boolean;
    readonly maxStepCount?: number;
    readonly minStepCount?: number;
    readonly minMeasurementCount?: number;
    readonly learningRateParameterName?: string;
    readonly updateAllStoppedTrials?: boolean;
  };
}

export interface RawTuning {
  readonly study: RawStudy;
  readonly maxTrialCount: number;
  readonly parallelTrialCount: number;
  readonly maxFailedTrialCount?: number;
}

export interface RawJob {
  readonly name: string;
  readonly kind?: 'custom' | 'tuning' | 'pipeline';
  readonly displayName?: string;
  readonly team?: string;
  readonly labels?: Labels;
  readonly tensorboard?: boolean;
  readonly enableWebAccess?: boolean;
  readonly relaunchOnLabelChange?: boolean;
  readonly typicalDuration?: string;
  readonly workerPools: RawWorkerPools;
  readonly code: RawCode;
  readonly scheduling?: RawScheduling;
  readonly triggers?: readonly RawTrigger[];
  // kind: tuning
  readonly study?: RawStudy;
  readonly maxTrialCount?: number;
  readonly parallelTrialCount?: number;
  readonly maxFailedTrialCount?: number;
  // kind: pipeline
  readonly model?: {
    readonly modelId?: string;
    readonly existingModel?: string;
    readonly displayName?: string;
    readonly description?: string;
    readonly servingContainer: {
      readonly prebuilt?: { readonly framework: string; readonly version: string; readonly gpu?: boolean };
      readonly custom?: { readonly image: RawImage; readonly predictRoute?: string; readonly healthRoute?: string; readonly port?: number };
    };
  };
  readonly dataset?: {
    readonly existingDatasetId?: string;
    readonly metadataSchemaUri?: string;
    readonly trainingFraction: number;
    readonly validationFraction: number;
    readonly testFraction: number;
  };
  readonly tuning?: RawTuning;
}
