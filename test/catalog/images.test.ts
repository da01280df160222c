import { imageMirror, reductionServerImage } from '../../lib/catalog/images';
import { VERTEX_REGIONS } from '../../lib/catalog/regions';

describe('imageMirror', () => {
  test.each([
    ['us-central1', 'us'],
    ['us-east5', 'us'],
    ['northamerica-northeast2', 'us'],
    ['southamerica-west1', 'us'],
    ['europe-west4', 'europe'],
    ['europe-north2', 'europe'],
    ['me-central2', 'europe'],
    ['africa-south1', 'europe'],
    ['asia-northeast1', 'asia'],
    ['asia-south2', 'asia'],
    ['australia-southeast1', 'asia'],
  ])('%s → %s', (region, mirror) => {
    expect(imageMirror(region)).toBe(mirror);
  });

  test('every Vertex region has a mirror', () => {
    for (const r of VERTEX_REGIONS) expect(['us', 'europe', 'asia']).toContain(imageMirror(r));
  });

  test.each(['us', 'eu', 'mars-north1', ''])('%p throws', (region) => {
    expect(() => imageMirror(region)).toThrow(/No prebuilt-image mirror/);
  });
});

test.each([
  ['us-central1', 'us-docker.pkg.dev/vertex-ai-restricted/training/reductionserver:latest'],
  ['europe-west4', 'europe-docker.pkg.dev/vertex-ai-restricted/training/reductionserver:latest'],
  ['asia-southeast1', 'asia-docker.pkg.dev/vertex-ai-restricted/training/reductionserver:latest'],
])('reductionServerImage(%s)', (region, image) => {
  expect(reductionServerImage(region)).toBe(image);
});
