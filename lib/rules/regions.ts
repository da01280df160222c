import { RuleResult } from './result';
import { isVertexRegion, VERTEX_REGIONS } from '../catalog/regions';
import { listOr, nearest } from '../core/words';

const ZONE = /^([a-z]+-[a-z]+\d+)-[a-z]$/;
const MULTI_REGIONS: { readonly [name: string]: string } = { us: 'us-central1', eu: 'europe-west4', asia: 'asia-east1' };

/** The region of a zone (`us-central1-a` → `us-central1`); undefined when `zone` is not a zone name. */
export function regionOfZone(zone: string): string | undefined {
  return ZONE.exec(zone)?.[1];
}

/**
 * A region with a Vertex AI endpoint, with the nearest valid name when the value is close to one:
 * a misspelling (`us-centrl1`), a zone (`us-central1-a`), or a multi-region (`eu`).
 */
export function vertexRegion(value: string): RuleResult {
  if (isVertexRegion(value)) return undefined;
  const hint = regionHint(value);
  // With a suggestion, the list of every region would bury it.
  return `must be a region with a Vertex AI endpoint: ${hint ?? `one of ${VERTEX_REGIONS.join(', ')}`}`;
}

/** What the user probably meant by a region Vertex AI does not have, or undefined. */
export function regionHint(value: string): string | undefined {
  const trimmed = value.trim().toLowerCase();
  if (isVertexRegion(trimmed)) return `did you mean "${trimmed}"?`;
  const zoneRegion = regionOfZone(trimmed);
  if (zoneRegion !== undefined && isVertexRegion(zoneRegion)) return `"${value}" is a zone; its region is "${zoneRegion}"`;
  const multi = MULTI_REGIONS[trimmed];
  if (multi) return `"${value}" is a multi-region; training needs a region, e.g. "${multi}"`;
  // The nearest spellings, when few: `europe-west5` is as near to seven regions, and names none.
  const near = nearest(trimmed, VERTEX_REGIONS);
  return near.length > 0 ? `did you mean ${listOr(near.map((r) => `"${r}"`))}?` : undefined;
}
