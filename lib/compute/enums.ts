/** GPU types of the Vertex AI v1 `AcceleratorType` enum usable for custom training. */
export enum GpuType {
  /** NVIDIA T4 (N1 machines). */
  NVIDIA_TESLA_T4 = 'NVIDIA_TESLA_T4',
  /** NVIDIA V100 (N1 machines). */
  NVIDIA_TESLA_V100 = 'NVIDIA_TESLA_V100',
  /** NVIDIA P4 (N1 machines). */
  NVIDIA_TESLA_P4 = 'NVIDIA_TESLA_P4',
  /** NVIDIA P100 (N1 machines; end of support 2026-09-15). */
  NVIDIA_TESLA_P100 = 'NVIDIA_TESLA_P100',
  /** NVIDIA A100 40 GB (A2 high-GPU and mega-GPU machines). */
  NVIDIA_TESLA_A100 = 'NVIDIA_TESLA_A100',
  /** NVIDIA A100 80 GB (A2 ultra-GPU machines). */
  NVIDIA_A100_80GB = 'NVIDIA_A100_80GB',
  /** NVIDIA L4 (G2 machines). */
  NVIDIA_L4 = 'NVIDIA_L4',
  /** NVIDIA H100 80 GB (A3 high-GPU machines). */
  NVIDIA_H100_80GB = 'NVIDIA_H100_80GB',
  /** NVIDIA H100 Mega 80 GB (A3 mega-GPU machines). */
  NVIDIA_H100_MEGA_80GB = 'NVIDIA_H100_MEGA_80GB',
  /** NVIDIA H200 141 GB (A3 ultra-GPU machines). */
  NVIDIA_H200_141GB = 'NVIDIA_H200_141GB',
  /** NVIDIA B200 (A4 machines). */
  NVIDIA_B200 = 'NVIDIA_B200',
  /** NVIDIA GB200 (A4X machines; reservations only). */
  NVIDIA_GB200 = 'NVIDIA_GB200',
  /** NVIDIA RTX PRO 6000 (G4 machines). */
  NVIDIA_RTX_PRO_6000 = 'NVIDIA_RTX_PRO_6000',
}

/** TPU generations usable for custom training. */
export enum TpuVersion {
  /** TPU v2 (`cloud-tpu`, 8 cores or a Pod). */
  V2 = 'v2',
  /** TPU v3 (`cloud-tpu`, 8 cores or a Pod). */
  V3 = 'v3',
  /** TPU v5e (`ct5lp-hightpu-*`). */
  V5E = 'v5e',
  /** TPU v6e Trillium (`ct6e-standard-*`). */
  V6E = 'v6e',
  /** TPU 7x Ironwood (`tpu7x-standard-4t`). */
  TPU7X = '7x',
}

/** Boot disk types of training VMs. */
export enum BootDiskType {
  /** SSD persistent disk (the Vertex default for most machines). */
  PD_SSD = 'pd-ssd',
  /** Standard persistent disk. */
  PD_STANDARD = 'pd-standard',
  /** Hyperdisk Balanced (the default of a3-ultragpu-8g and a4-highgpu-8g). */
  HYPERDISK_BALANCED = 'hyperdisk-balanced',
}

/** How Vertex AI obtains the VMs of a job. */
export enum SchedulingStrategy {
  /** On-demand VMs; consumes on-demand quota. */
  STANDARD = 'STANDARD',
  /** Spot VMs: cheaper, preemptible; consumes preemptible quota. Not for TPU Pods. */
  SPOT = 'SPOT',
  /** Dynamic Workload Scheduler: waits for capacity (L4, A100, H100, H200, B200); consumes preemptible quota. */
  FLEX_START = 'FLEX_START',
}
