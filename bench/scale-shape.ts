/**
 * The shape of the scale benchmark's stacks, shared by bench/library/scale.ts and its hand-written
 * twin bench/baseline/scale.ts. Pure data: imports nothing, so that neither side loads the other.
 */

/** Jobs per stack that `npm run bench` synthesizes. */
export const SCALE_SIZES = [1, 10, 100, 1000] as const;

/** `job-0000`, `job-0001`, ...: the ID of the job at `index`. */
export function scaleJobId(index: number): string {
  return `job-${String(index).padStart(4, '0')}`;
}

/** Whether the job at `index` runs on an L4 GPU: one in a hundred (jobs 2, 102, 202, ...). */
export function isGpuJob(index: number): boolean {
  return index % 100 === 2;
}

/** Nightly schedules, spread over minutes and hours so that no two neighbours start together. */
export function scaleCron(index: number): string {
  return `${index % 60} ${1 + (Math.floor(index / 60) % 5)} * * *`;
}
