import { closest } from '../core/words';

/**
 * GKE's rule for a recurring maintenance window: at least 48 hours of maintenance availability in
 * any 32-day rolling window, counting only contiguous windows of at least 4 hours (GKE docs,
 * "Configure maintenance windows and exclusions"). The API refuses a policy that falls short.
 */
export const GKE_MAINTENANCE_MIN_HOURS = 48;
/** The rolling period of {@link GKE_MAINTENANCE_MIN_HOURS}, in days. */
export const GKE_MAINTENANCE_PERIOD_DAYS = 32;
/** GKE's shortest counted window, in hours. */
export const GKE_MAINTENANCE_MIN_WINDOW_HOURS = 4;

/** RFC 5545 weekday codes, Monday first (the index of each is its day in {@link worstCoverageMs}'s week). */
export const WEEKDAYS: readonly string[] = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'];

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
const WEEK_MS = 7 * DAY_MS;
const PERIOD_MS = GKE_MAINTENANCE_PERIOD_DAYS * DAY_MS;

/** The RRULE forms {@link parseRecurrence} evaluates, as a user reads them in a message. */
export const EVALUATED_FORMS = 'FREQ=DAILY or FREQ=WEEKLY, optionally with BYDAY=<days among MO,TU,WE,TH,FR,SA,SU>';

/** A parsed recurrence: the weekdays its occurrences start on (0 = Monday), or why it cannot be evaluated. */
export interface ParsedRecurrence {
  readonly days?: readonly number[];
  readonly problem?: string;
}

/**
 * The weekdays a daily or weekly RRULE starts occurrences on. `startWeekday` (0 = Monday) is the
 * day of the first occurrence, which a weekly rule without BYDAY repeats. Any other part (INTERVAL,
 * COUNT, UNTIL, BYHOUR, WKST, an ordinal BYDAY such as 1SA...) cannot be evaluated here and is
 * reported rather than let through to an apply that may fail.
 */
export function parseRecurrence(rrule: string, startWeekday: number): ParsedRecurrence {
  const parts = new Map<string, string>();
  for (const part of rrule.split(';')) {
    const match = /^([A-Z]+)=(.+)$/.exec(part);
    if (!match) return { problem: `"${part}" is not a NAME=VALUE part` };
    if (parts.has(match[1])) return { problem: `${match[1]} is given twice` };
    parts.set(match[1], match[2]);
  }
  const freq = parts.get('FREQ');
  if (freq === undefined) return { problem: 'FREQ is missing' };
  if (freq !== 'DAILY' && freq !== 'WEEKLY') return { problem: `FREQ=${freq} cannot be evaluated` };
  const other = [...parts.keys()].find((key) => key !== 'FREQ' && key !== 'BYDAY');
  if (other !== undefined) return { problem: `${other}=${parts.get(other)} cannot be evaluated` };
  const byDay = parts.get('BYDAY');
  if (byDay === undefined) return { days: freq === 'DAILY' ? [0, 1, 2, 3, 4, 5, 6] : [startWeekday] };
  const days = new Set<number>();
  for (const code of byDay.split(',')) {
    const day = WEEKDAYS.indexOf(code);
    if (day < 0) {
      const near = closest(code.replace(/^[+-]?\d+/, ''), WEEKDAYS);
      return { problem: `BYDAY ${code} is not one of ${WEEKDAYS.join(',')}${near ? ` (did you mean ${near}?)` : ''}` };
    }
    days.add(day);
  }
  return { days: [...days].sort((a, b) => a - b) };
}

/**
 * The least maintenance time, in milliseconds, that any 32-day window holds when occurrences of
 * `durationMs` start on `days` (0 = Monday) at `timeOfDayMs` (UTC) every week. Overlapping
 * occurrences count once. Occurrences are taken to be at least GKE's 4 hours (shorter ones are
 * refused before coverage is computed), so every merged window counts.
 *
 * The coverage of a window [t, t + 32 days) only falls while t leaves an occurrence or t + 32 days
 * has not yet reached one, so its minimum is at an occurrence's end or 32 days before an
 * occurrence's start; the pattern repeats weekly, so one week of such window starts is enough.
 */
export function worstCoverageMs(days: readonly number[], timeOfDayMs: number, durationMs: number): number {
  if (days.length === 0 || durationMs <= 0) return 0;
  // Weeks before 0 that can still overlap it, through the last window's end (7 + 32 days).
  const firstWeek = -Math.ceil(durationMs / WEEK_MS) - 1;
  const lastWeek = Math.ceil((WEEK_MS + PERIOD_MS) / WEEK_MS);
  const starts: number[] = [];
  for (let week = firstWeek; week <= lastWeek; week++) {
    for (const day of days) starts.push(week * WEEK_MS + day * DAY_MS + timeOfDayMs);
  }
  starts.sort((a, b) => a - b);
  const merged: [number, number][] = [];
  for (const start of starts) {
    const last = merged[merged.length - 1];
    if (last && start <= last[1]) last[1] = Math.max(last[1], start + durationMs);
    else merged.push([start, start + durationMs]);
  }
  const inWeek = (t: number): number => ((t % WEEK_MS) + WEEK_MS) % WEEK_MS;
  const candidates = new Set<number>([0]);
  for (const [start, end] of merged) {
    candidates.add(inWeek(end));
    candidates.add(inWeek(start - PERIOD_MS));
  }
  let worst = Infinity;
  for (const t of candidates) {
    let covered = 0;
    for (const [start, end] of merged) covered += Math.max(0, Math.min(end, t + PERIOD_MS) - Math.max(start, t));
    worst = Math.min(worst, covered);
  }
  return worst;
}

/** The hours of a duration, to one decimal. */
export function hours(ms: number): number {
  return Math.round((ms / HOUR_MS) * 10) / 10;
}

/**
 * The shortest occurrence, in whole hours from GKE's 4-hour minimum up to a week, that gives GKE its
 * 48 hours in any 32 days with these days and start time (coverage grows with the duration).
 */
export function shortestSufficientHours(days: readonly number[], timeOfDayMs: number): number | undefined {
  const enough = (h: number): boolean => worstCoverageMs(days, timeOfDayMs, h * HOUR_MS) >= GKE_MAINTENANCE_MIN_HOURS * HOUR_MS;
  let [low, high] = [GKE_MAINTENANCE_MIN_WINDOW_HOURS, 7 * 24];
  if (!enough(high)) return undefined;
  while (low < high) {
    const mid = Math.floor((low + high) / 2);
    if (enough(mid)) high = mid;
    else low = mid + 1;
  }
  return low;
}
