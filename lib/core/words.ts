/** Small helpers for messages: lists in words, and the nearest allowed word to a typo. */

/** `a, b or c`. */
export function listOr(items: readonly string[]): string {
  return items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} or ${items[items.length - 1]}`;
}

/** `a, b and c`. */
export function listAnd(items: readonly string[]): string {
  return items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/** The allowed word closest to `word` (same letters in another case, or at most 2 edits away). */
export function closest(word: string, allowed: readonly string[]): string | undefined {
  const lower = word.toLowerCase();
  const sameCase = allowed.find((a) => a.toLowerCase() === lower || a.toLowerCase().replace(/[-_]/g, '') === lower.replace(/[-_]/g, ''));
  if (sameCase) return sameCase;
  let best: string | undefined;
  let bestDistance = Math.min(2, Math.floor(word.length / 3));
  for (const candidate of allowed) {
    const distance = editDistance(lower, candidate.toLowerCase());
    if (distance <= bestDistance && (best === undefined || distance < editDistance(lower, best.toLowerCase()))) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}

/**
 * The allowed words nearest to `word` (see {@link closest}) when there are at most `most` of them
 * at that distance, e.g. `["asia-south1", "asia-south2"]`; empty when none is near, or too many are
 * as near to name one (`europe-west5`).
 */
export function nearest(word: string, allowed: readonly string[], most = 2): string[] {
  const best = closest(word, allowed);
  if (best === undefined) return [];
  const lower = word.toLowerCase();
  if (best.toLowerCase() === lower || best.toLowerCase().replace(/[-_]/g, '') === lower.replace(/[-_]/g, '')) return [best];
  const distance = editDistance(lower, best.toLowerCase());
  const tied = allowed.filter((a) => editDistance(lower, a.toLowerCase()) === distance);
  return tied.length <= most ? tied : [];
}

/** Levenshtein distance: insertions, deletions and substitutions. */
function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length];
}
