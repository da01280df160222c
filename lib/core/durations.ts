/** Seconds in a day. */
export const SECONDS_PER_DAY = 86_400;

/** A whole number of days as a Google duration string (`"2592000s"` for 30). */
export function daysAsDuration(days: number): string {
  return `${days * SECONDS_PER_DAY}s`;
}
