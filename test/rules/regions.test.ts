import { VERTEX_REGIONS } from '../../lib/catalog/regions';
import { regionHint, vertexRegion } from '../../lib/rules/regions';

/** Regions: the nearest valid name for a misspelling, a zone or a multi-region. */
describe('vertexRegion', () => {
  test.each(VERTEX_REGIONS)('accepts %s', (region) => {
    expect(vertexRegion(region)).toBeUndefined();
  });

  test.each([
    ['a misspelling', 'us-centrl1', 'did you mean "us-central1"?'],
    ['a letter too many', 'us-easst4', 'did you mean "us-east4"?'],
    ['two equally near', 'asia-south3', 'did you mean "asia-south1" or "asia-south2"?'],
    ['capitals', 'US-CENTRAL1', 'did you mean "us-central1"?'],
    ['a zone', 'us-central1-a', '"us-central1-a" is a zone; its region is "us-central1"'],
    ['a multi-region', 'eu', '"eu" is a multi-region; training needs a region, e.g. "europe-west4"'],
  ])('suggests the nearest region for %s (%j)', (_title, value, hint) => {
    expect(regionHint(value)).toBe(hint);
    expect(vertexRegion(value)).toBe(`must be a region with a Vertex AI endpoint: ${hint}`);
  });

  test('lists the regions when none is near, or too many are as near', () => {
    expect(regionHint('moon-base1')).toBeUndefined();
    expect(regionHint('europe-west5')).toBeUndefined();
    expect(vertexRegion('moon-base1')).toBe(`must be a region with a Vertex AI endpoint: one of ${VERTEX_REGIONS.join(', ')}`);
  });
});
