import { Framework } from '../code/framework';
import { BootDiskType, GpuType, SchedulingStrategy, TpuVersion } from '../compute/enums';
import { KeyProtectionLevel } from '../environment/encryption';
import { GoogleApisAccess, NetworkConnectivity } from '../network/training-network';
import { Goal, MeasurementSelection, ScaleType, SearchAlgorithm } from '../tuning/study';
import type { RawEncryption, RawFramework, RawGpuType, RawMetric, RawNetwork, RawParameter, RawPool, RawStrategy, RawStudy, RawTpu } from './types';

/**
 * How a config file spells the library's enumerations: lowercase and hyphenated. The spellings are
 * the string unions of ./types.ts, from which the JSON Schema is generated: each map is keyed by its
 * union, so the compiler refuses a map that misses a spelling or has one more (and a test checks
 * that every enum member has a spelling).
 */

/** A map from each spelling of `Spelled` to the library's member. */
export type Spellings<Spelled extends string, Member> = { readonly [name in Spelled]: Member };

/** GPU types: short names, and the Vertex AI accelerator types themselves. */
export const GPU_TYPES: Spellings<RawGpuType, GpuType> = {
  't4': GpuType.NVIDIA_TESLA_T4,
  'v100': GpuType.NVIDIA_TESLA_V100,
  'p4': GpuType.NVIDIA_TESLA_P4,
  'p100': GpuType.NVIDIA_TESLA_P100,
  'a100': GpuType.NVIDIA_TESLA_A100,
  'a100-80gb': GpuType.NVIDIA_A100_80GB,
  'l4': GpuType.NVIDIA_L4,
  'h100': GpuType.NVIDIA_H100_80GB,
  'h100-mega': GpuType.NVIDIA_H100_MEGA_80GB,
  'h200': GpuType.NVIDIA_H200_141GB,
  'b200': GpuType.NVIDIA_B200,
  'gb200': GpuType.NVIDIA_GB200,
  'rtx-pro-6000': GpuType.NVIDIA_RTX_PRO_6000,
  ...(Object.fromEntries(Object.values(GpuType).map((type) => [type, type])) as Spellings<GpuType, GpuType>),
};

export const TPU_VERSIONS: Spellings<RawTpu['version'], TpuVersion> = {
  'v2': TpuVersion.V2,
  'v3': TpuVersion.V3,
  'v5e': TpuVersion.V5E,
  'v6e': TpuVersion.V6E,
  '7x': TpuVersion.TPU7X,
};

export const FRAMEWORKS: Spellings<RawFramework, Framework> = {
  'tensorflow': Framework.TENSORFLOW,
  'pytorch': Framework.PYTORCH,
  'scikit-learn': Framework.SCIKIT_LEARN,
  'xgboost': Framework.XGBOOST,
  'ray': Framework.RAY,
};

export const BOOT_DISK_TYPES: Spellings<NonNullable<RawPool['bootDiskType']>, BootDiskType> = {
  'pd-ssd': BootDiskType.PD_SSD,
  'pd-standard': BootDiskType.PD_STANDARD,
  'hyperdisk-balanced': BootDiskType.HYPERDISK_BALANCED,
};

export const STRATEGIES: Spellings<RawStrategy, SchedulingStrategy> = {
  'standard': SchedulingStrategy.STANDARD,
  'spot': SchedulingStrategy.SPOT,
  'flex-start': SchedulingStrategy.FLEX_START,
};

export const PROTECTION_LEVELS: Spellings<NonNullable<RawEncryption['protectionLevel']>, KeyProtectionLevel> = {
  software: KeyProtectionLevel.SOFTWARE,
  hsm: KeyProtectionLevel.HSM,
};

export const CONNECTIVITIES: Spellings<NonNullable<RawNetwork['connectivity']>, NetworkConnectivity> = {
  'private-services-access': NetworkConnectivity.PRIVATE_SERVICES_ACCESS,
  'psc-interface': NetworkConnectivity.PSC_INTERFACE,
};

export const GOOGLE_APIS_ACCESS: Spellings<NonNullable<RawNetwork['googleApis']>, GoogleApisAccess> = {
  restricted: GoogleApisAccess.RESTRICTED,
  private: GoogleApisAccess.PRIVATE,
  default: GoogleApisAccess.DEFAULT,
};

export const GOALS: Spellings<RawMetric['goal'], Goal> = {
  maximize: Goal.MAXIMIZE,
  minimize: Goal.MINIMIZE,
};

export const SCALES: Spellings<NonNullable<RawParameter['scale']>, ScaleType> = {
  'linear': ScaleType.LINEAR,
  'log': ScaleType.LOG,
  'reverse-log': ScaleType.REVERSE_LOG,
};

export const ALGORITHMS: Spellings<NonNullable<RawStudy['algorithm']>, SearchAlgorithm> = {
  bayesian: SearchAlgorithm.BAYESIAN,
  grid: SearchAlgorithm.GRID,
  random: SearchAlgorithm.RANDOM,
};

export const MEASUREMENT_SELECTIONS: Spellings<NonNullable<RawStudy['measurementSelection']>, MeasurementSelection> = {
  last: MeasurementSelection.LAST,
  best: MeasurementSelection.BEST,
};
