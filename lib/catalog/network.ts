/**
 * Maximum egress bandwidth (Gbps) of a training VM, used to size Reduction Servers. Compute Engine
 * publishes these per machine shape; the values below are [unconfirmed] defaults from its machine
 * documentation, and every use of them can be overridden (`workerBandwidthGbps`).
 */
const GPU_MACHINE_GBPS: { readonly [machineType: string]: number } = {
  'a2-highgpu-1g': 24, 'a2-highgpu-2g': 32, 'a2-highgpu-4g': 50, 'a2-highgpu-8g': 100, 'a2-megagpu-16g': 100,
  'a2-ultragpu-1g': 24, 'a2-ultragpu-2g': 32, 'a2-ultragpu-4g': 50, 'a2-ultragpu-8g': 100,
  'a3-highgpu-1g': 25, 'a3-highgpu-2g': 50, 'a3-highgpu-4g': 100, 'a3-highgpu-8g': 200,
  'a3-megagpu-8g': 200, 'a3-ultragpu-8g': 200, 'a4-highgpu-8g': 200, 'a4x-highgpu-4g': 200,
  'g2-standard-4': 10, 'g2-standard-8': 16, 'g2-standard-12': 16, 'g2-standard-16': 32, 'g2-standard-24': 32,
  'g2-standard-32': 32, 'g2-standard-48': 50, 'g2-standard-96': 100,
};

/**
 * Egress bandwidth of a VM in Gbps: the table for accelerator machines; for N1 with GPUs, 100 Gbps
 * with 8 GPUs, 50 with 4, otherwise 2 Gbps per vCPU up to 32; 2 Gbps per vCPU up to 32 elsewhere.
 */
export function egressGbps(machineType: string, vcpus: number, gpusPerVm: number): number {
  const listed = GPU_MACHINE_GBPS[machineType];
  if (listed !== undefined) return listed;
  if (machineType.startsWith('n1-') && gpusPerVm >= 8) return 100;
  if (machineType.startsWith('n1-') && gpusPerVm >= 4) return 50;
  return Math.min(32, Math.max(2, 2 * vcpus));
}
