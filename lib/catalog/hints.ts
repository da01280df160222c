/**
 * The nearest valid value, for messages about worker pools: the machine that takes a GPU count,
 * the counts nearest to one a GPU does not come in, the regions nearest to one that lacks an
 * accelerator, and the machine type nearest to a misspelling.
 */
import { defaultMachineForGpu } from './accelerators';
import { MACHINE_TYPES } from './machines';
import { byDistanceFrom } from './region-locations';
import { GpuInfo } from './types';
import { listOr, nearest } from '../core/words';

/** `; for 4 per VM use a2-highgpu-4g`, or '' when no machine takes `count` GPUs. */
export function machineForCountHint(gpu: GpuInfo, count: number): string {
  if (Object.keys(gpu.machines).length === 1) return '';
  const machine = Number.isInteger(count) ? defaultMachineForGpu(gpu, count) : undefined;
  return machine ? `; for ${count} per VM use ${machine}` : '';
}

/**
 * What to ask for instead of `count` GPUs per VM: the nearest counts, or as many full VMs as
 * `count` fills (`16` H100s: 8 per VM on 2 replicas).
 */
export function gpuCountHint(gpu: GpuInfo, count: number): string {
  const counts = [...new Set(Object.values(gpu.machines).flat())].sort((a, b) => a - b);
  if (counts.length === 0 || typeof count !== 'number' || !Number.isFinite(count)) return '';
  const max = counts[counts.length - 1];
  if (counts.length === 1 && count < max) return '';
  if (count > max) {
    const vms = count / max;
    return Number.isInteger(vms)
      ? `: for ${count} GPUs use ${max} per VM on ${vms} VMs (the primary and ${vms - 1} worker replica${vms === 2 ? '' : 's'})`
      : `: at most ${max} per VM (worker replicas add more)`;
  }
  const below = counts.filter((c) => c < count).pop();
  const above = counts.find((c) => c > count);
  const nearest = [below, above].filter((c): c is number => c !== undefined).map(String);
  return nearest.length > 0 ? `: use ${listOr(nearest)} per VM` : '';
}

/** `; nearest: us-east4, us-central1, us-east1`: the regions of `offered` closest to `region`. */
export function nearestRegionsHint(region: string, offered: readonly string[], count = 3): string {
  if (offered.length === 0) return '';
  return `; nearest: ${byDistanceFrom(region, offered).slice(0, count).join(', ')}`;
}

/** ` (did you mean n2-standard-8?)` for a misspelt machine type, or ''. */
export function machineTypeHint(machineType: string, candidates: readonly string[] = MACHINE_TYPES.filter((m) => !m.acceleratorOnly).map((m) => m.name)): string {
  if (typeof machineType !== 'string' || machineType === '') return '';
  const near = nearest(machineType, candidates).filter((m) => m !== machineType);
  return near.length > 0 ? ` (did you mean ${listOr(near)}?)` : '';
}
