/**
 * Artifact Registry mirrors of Google's prebuilt training images. Pure: no cdktf import.
 *
 * Sources (shared reference `vertex-training.md`): §5.1 every prebuilt training image has `us-`,
 * `europe-` and `asia-docker.pkg.dev` mirrors; §2.3 the Reduction Server image
 * `{us|europe|asia}-docker.pkg.dev/vertex-ai-restricted/training/reductionserver:latest`.
 * Which regions pull from which mirror is this library's choice (nearest continent), not a Google rule.
 */

/** Continent of a prebuilt-image mirror. */
export type ImageMirror = 'us' | 'europe' | 'asia';

const MIRROR_BY_PREFIX: readonly (readonly [string, ImageMirror])[] = [
  ['us-', 'us'],
  ['northamerica-', 'us'],
  ['southamerica-', 'us'],
  ['europe-', 'europe'],
  ['me-', 'europe'],
  ['africa-', 'europe'],
  ['asia-', 'asia'],
  ['australia-', 'asia'],
];

/**
 * The prebuilt-image mirror nearest to `region`: `us` for us-/northamerica-/southamerica-, `europe`
 * for europe-/me-/africa-, `asia` for asia-/australia-. Throws for a region of no known continent.
 */
export function imageMirror(region: string): ImageMirror {
  const hit = MIRROR_BY_PREFIX.find(([prefix]) => region.startsWith(prefix));
  if (hit === undefined) throw new Error(`No prebuilt-image mirror is known for region '${region}'`);
  return hit[1];
}

/** The Reduction Server image (worker pool 2) of the mirror nearest to `region` (reference §2.3). */
export function reductionServerImage(region: string): string {
  return `${imageMirror(region)}-docker.pkg.dev/vertex-ai-restricted/training/reductionserver:latest`;
}
