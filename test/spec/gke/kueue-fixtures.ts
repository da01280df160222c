import { ResolvedNodePool } from '../../../lib/spec/gke/types';

/** Resolved node pools as the node-pool resolver produces them (GPU spot, GPU standard, TPU queued, CPU). */
export const H100_SPOT: ResolvedNodePool = {
  name: 'h100-spot',
  machineType: 'a3-highgpu-8g',
  vcpus: 208,
  machineFamily: 'a3',
  gpu: { acceleratorType: 'NVIDIA_H100_80GB', gkeType: 'nvidia-h100-80gb', perNode: 8 },
  provisioning: 'spot',
  minNodes: 0,
  maxNodes: 4,
  zones: ['us-central1-a'],
  nodeLabels: { 'cloud.google.com/gke-nodepool': 'h100-spot', 'cloud.google.com/gke-accelerator': 'nvidia-h100-80gb', 'cloud.google.com/gke-spot': 'true' },
  taints: [
    { key: 'nvidia.com/gpu', value: 'present', effect: 'NoSchedule', addedByGke: true },
    { key: 'cloud.google.com/gke-spot', value: 'true', effect: 'NoSchedule', addedByGke: false },
  ],
  resource: 'nvidia.com/gpu',
  perNode: 8,
};

export const L4: ResolvedNodePool = {
  name: 'l4',
  machineType: 'g2-standard-24',
  vcpus: 24,
  machineFamily: 'g2',
  gpu: { acceleratorType: 'NVIDIA_L4', gkeType: 'nvidia-l4', perNode: 2 },
  provisioning: 'standard',
  minNodes: 0,
  maxNodes: 8,
  zones: [],
  nodeLabels: { 'cloud.google.com/gke-nodepool': 'l4', 'cloud.google.com/gke-accelerator': 'nvidia-l4' },
  taints: [{ key: 'nvidia.com/gpu', value: 'present', effect: 'NoSchedule', addedByGke: true }],
  resource: 'nvidia.com/gpu',
  perNode: 2,
};

export const V6E_QUEUED: ResolvedNodePool = {
  name: 'v6e-4x4',
  machineType: 'ct6e-standard-4t',
  vcpus: 180,
  machineFamily: 'ct6e',
  tpu: { version: 'v6e', gkeAccelerator: 'tpu-v6e-slice', topology: '4x4', chips: 16, vmsPerSlice: 4, chipsPerVm: 4 },
  provisioning: 'queued',
  minNodes: 0,
  maxNodes: 8,
  zones: ['us-east5-b'],
  nodeLabels: {
    'cloud.google.com/gke-nodepool': 'v6e-4x4',
    'cloud.google.com/gke-tpu-accelerator': 'tpu-v6e-slice',
    'cloud.google.com/gke-tpu-topology': '4x4',
  },
  taints: [
    { key: 'google.com/tpu', value: 'present', effect: 'NoSchedule', addedByGke: true },
    { key: 'cloud.google.com/gke-queued', value: '', effect: 'NoSchedule', addedByGke: true },
  ],
  resource: 'google.com/tpu',
  perNode: 4,
};

export const CPU: ResolvedNodePool = {
  name: 'cpu',
  machineType: 'n2-standard-32',
  vcpus: 32,
  machineFamily: 'n2',
  provisioning: 'standard',
  minNodes: 0,
  maxNodes: 10,
  zones: [],
  nodeLabels: { 'cloud.google.com/gke-nodepool': 'cpu' },
  taints: [],
  resource: 'cpu',
  perNode: 32,
};

export const POOLS: readonly ResolvedNodePool[] = [H100_SPOT, L4, V6E_QUEUED, CPU];
