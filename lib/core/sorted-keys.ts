/**
 * `value` with the keys of every object sorted and `undefined` fields left out, at every level:
 * what makes JSON of the same data the same bytes (the report's JSON, a manifest's launch hash).
 */
export function withSortedKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withSortedKeys);
  if (value !== null && typeof value === 'object') {
    const sorted: { [key: string]: unknown } = {};
    for (const key of Object.keys(value).sort()) {
      const field = (value as { [key: string]: unknown })[key];
      if (field !== undefined) sorted[key] = withSortedKeys(field);
    }
    return sorted;
  }
  return value;
}
