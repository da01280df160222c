/** Seconds in a day. */
export const SECONDS_PER_DAY = 86_400;

/** A whole number of days as a Google duration string (`"2592000s"` for 30). */
export function daysAsDuration(days: number): string {
  return `${days * SECONDS_PER_DAY}s`;
}

/** Seconds in the largest whole unit of hours, minutes and seconds: `15 minutes`, `24 hours`, `90.5 seconds`. */
export function secondsInWords(seconds: number): string {
  const units: [number, string][] = [[3_600, 'hour'], [60, 'minute']];
  const [size, unit] = units.find(([s]) => seconds !== 0 && Number.isFinite(seconds) && seconds % s === 0) ?? [1, 'second'];
  const amount = seconds / size;
  return `${amount} ${unit}${amount === 1 ? '' : 's'}`;
}
