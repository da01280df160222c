import { Framework } from '../code/framework';
import { BootDiskType, GpuType, SchedulingStrategy, TpuVersion } from '../compute/enums';
import { KeyProtectionLevel } from '../environment/encryption';
import { GoogleApisAccess, NetworkConnectivity } from '../network/training-network';
import { Goal, MeasurementSelection, ScaleType, SearchAlgorithm } from '../tuning/study';

/**
 * How a config file spells the library's enumerations: lowercase and hyphenated. The JSON Schema
 * lists exactly these keys (a test keeps them in step, and checks that every enum member has a
 * spelling).
 */

/** GPU types: short names, and the Vertex AI accelerator types themselves. */
export const GPU_TYPES: { readonly [name: string]: GpuType } = {
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
  ...Object.fromEntries(Object.values(GpuType).map((type) => [type, type])),
};

export const TPU_VERSIONS: { readonly [name: string]: TpuVersion } = {
  'v2': TpuVersion.V2,
  'v3': TpuVersion.V3,
  'v5e': TpuVersion.V5E,
  'v6e': TpuVersion.V6E,
  '7x': TpuVersion.TPU7X,
};

export const FRAMEWORKS: { readonly [name: string]: Framework } = {
  'tensorflow': Framework.TENSORFLOW,
  'pytorch': Framework.PYTORCH,
  'scikit-learn': Framework.SCIKIT_LEARN,
  'xgboost': Framework.XGBOOST,
  'ray': Framework.RAY,
};

export const BOOT_DISK_TYPES: { readonly [name: string]: BootDiskType } = {
  'pd-ssd': BootDiskType.PD_SSD,
  'pd-standard': BootDiskType.PD_STANDARD,
  'hyperdisk-balanced': BootDiskType.HYPERDISK_BALANCED,
};

export const STRATEGIES: { readonly [name: string]: SchedulingStrategy } = {
  'standard': SchedulingStrategy.STANDARD,
  'spot': SchedulingStrategy.SPOT,
  'flex-start': SchedulingStrategy.FLEX_START,
};

export const PROTECTION_LEVELS: { readonly [name: string]: KeyProtectionLevel } = {
  software: KeyProtectionLevel.SOFTWARE,
  hsm: KeyProtectionLevel.HSM,
};

export const CONNECTIVITIES: { readonly [name: string]: NetworkConnectivity } = {
  'private-services-access': NetworkConnectivity.PRIVATE_SERVICES_ACCESS,
  'psc-interface': NetworkConnectivity.PSC_INTERFACE,
};

export const GOOGLE_APIS_ACCESS: { readonly [name: string]: GoogleApisAccess } = {
  restricted: GoogleApisAccess.RESTRICTED,
  private: GoogleApisAccess.PRIVATE,
  default: GoogleApisAccess.DEFAULT,
};

export const GOALS: { readonly [name: string]: Goal } = {
  maximize: Goal.MAXIMIZE,
  minimize: Goal.MINIMIZE,
};

export const SCALES: { readonly [name: string]: ScaleType } = {
  'linear': ScaleType.LINEAR,
  'log': ScaleType.LOG,
  'reverse-log': ScaleType.REVERSE_LOG,
};

export const ALGORITHMS: { readonly [name: string]: SearchAlgorithm } = {
  bayesian: SearchAlgorithm.BAYESIAN,
  grid: SearchAlgorithm.GRID,
  random: SearchAlgorithm.RANDOM,
};

export const MEASUREMENT_SELECTIONS: { readonly [name: string]: MeasurementSelection } = {
  last: MeasurementSelection.LAST,
  best: MeasurementSelection.BEST,
};
