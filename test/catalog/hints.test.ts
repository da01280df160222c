import { findGpu, GPUS } from '../../lib/catalog/accelerators';
import { gpuCountHint, machineForCountHint, machineTypeHint, nearestRegionsHint } from '../../lib/catalog/hints';
import { byDistanceFrom, regionDistanceKm } from '../../lib/catalog/region-locations';
import { VERTEX_REGIONS } from '../../lib/catalog/regions';

/** The nearest valid value for pools: machines for a GPU count, GPU counts, regions, machine types. */

const a100 = findGpu('a100')!;
const h100 = findGpu('h100')!;

describe('GPU counts and machines', () => {
  test('the machine that takes the count asked for', () => {
    expect(machineForCountHint(a100, 4)).toBe('; for 4 per VM use a2-highgpu-4g');
    expect(machineForCountHint(a100, 16)).toBe('; for 16 per VM use a2-megagpu-16g');
    expect(machineForCountHint(a100, 3)).toBe('');
  });

  test('the counts nearest to one a GPU does not come in, or full VMs for more than one takes', () => {
    expect(gpuCountHint(h100, 3)).toBe(': use 2 or 4 per VM');
    expect(gpuCountHint(h100, 0)).toBe(': use 1 per VM');
    expect(gpuCountHint(h100, 16)).toBe(': for 16 GPUs use 8 per VM on 2 VMs (the primary and 1 worker replica)');
    expect(gpuCountHint(h100, 32)).toBe(': for 32 GPUs use 8 per VM on 4 VMs (the primary and 3 worker replicas)');
    expect(gpuCountHint(h100, 12)).toBe(': at most 8 per VM (worker replicas add more)');
  });

  test('a misspelt machine type', () => {
    expect(machineTypeHint('n2-standrd-8')).toBe(' (did you mean n2-standard-8?)');
    expect(machineTypeHint('n1-standard-8')).toBe('');
    expect(machineTypeHint('quantum-1')).toBe('');
  });
});

describe('regions', () => {
  test('every Vertex AI region with a known place, and distances that make sense', () => {
    const known = VERTEX_REGIONS.filter((r) => regionDistanceKm(r, 'us-central1') !== undefined);
    expect(known.length).toBeGreaterThan(35);
    // London–Paris ~340 km, Iowa–Virginia ~1,600 km, Sydney–Melbourne ~710 km.
    expect(regionDistanceKm('europe-west2', 'europe-west9')).toBeGreaterThan(300);
    expect(regionDistanceKm('europe-west2', 'europe-west9')).toBeLessThan(400);
    expect(regionDistanceKm('us-central1', 'us-east4')).toBeGreaterThan(1400);
    expect(regionDistanceKm('us-central1', 'us-east4')).toBeLessThan(1800);
    expect(regionDistanceKm('australia-southeast1', 'australia-southeast2')).toBeGreaterThan(600);
    expect(regionDistanceKm('australia-southeast1', 'australia-southeast2')).toBeLessThan(800);
  });

  test('the nearest regions offering an accelerator, nearest first', () => {
    expect(byDistanceFrom('europe-north1', ['us-central1', 'europe-west4', 'asia-east1'])).toEqual(['europe-west4', 'us-central1', 'asia-east1']);
    expect(nearestRegionsHint('europe-west9', a100.trainingRegions, 1)).toBe('; nearest: europe-west4');
    // Regions whose place is not known come last, those of the same area first among them.
    expect(byDistanceFrom('us-east7', ['asia-east1', 'us-west8', 'europe-west4'])).toEqual(['us-west8', 'asia-east1', 'europe-west4']);
  });

  test('every region a GPU is offered in is a Vertex AI region', () => {
    for (const gpu of GPUS) expect(gpu.trainingRegions.filter((r) => !VERTEX_REGIONS.includes(r))).toEqual([]);
  });
});
