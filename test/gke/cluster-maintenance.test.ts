import { parseRecurrence, shortestSufficientHours, worstCoverageMs } from '../../lib/gke/maintenance-recurrence';

const HOUR = 3_600_000;

/**
 * The same minimum by brute force on an hourly grid (exact for whole-hour starts and durations):
 * which hours of ten weeks are in an occurrence, then every 32-day window starting in the fourth week.
 */
function bruteForceHours(days: number[], startHour: number, durationHours: number): number {
  const covered = new Array<boolean>(10 * 7 * 24).fill(false);
  for (let week = 0; week < 10; week++) {
    for (const day of days) {
      const first = (week * 7 + day) * 24 + startHour;
      for (let h = first; h < first + durationHours && h < covered.length; h++) covered[h] = true;
    }
  }
  let worst = Infinity;
  for (let t = 3 * 7 * 24; t < 4 * 7 * 24; t++) worst = Math.min(worst, covered.slice(t, t + 32 * 24).filter(Boolean).length);
  return worst;
}

describe('the coverage of a maintenance recurrence (GKE: 48 hours in any 32 days)', () => {
  test.each([
    [[5], 0, 4], [[5, 6], 22, 4], [[0, 2, 4], 3, 5], [[0, 1, 2, 3, 4, 5, 6], 0, 30], [[6], 20, 9 * 24], [[1, 5], 12, 13], [[3], 23, 47],
  ])('days %j from %i:00 for %i hours: the worst 32-day window, as a brute force finds it', (days, startHour, durationHours) => {
    expect(worstCoverageMs(days, startHour * HOUR, durationHours * HOUR)).toBe(bruteForceHours(days, startHour, durationHours) * HOUR);
  });

  test('the shortest sufficient window of a recurrence', () => {
    expect(shortestSufficientHours([5], 0)).toBe(12);
    expect(shortestSufficientHours([5, 6], 0)).toBe(6);
    expect(shortestSufficientHours([0, 1, 2, 3, 4, 5, 6], 0)).toBe(4);
  });

  test('the days of the forms it evaluates; other forms say why they are not', () => {
    expect(parseRecurrence('FREQ=DAILY', 5).days).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(parseRecurrence('FREQ=WEEKLY', 5).days).toEqual([5]);
    expect(parseRecurrence('FREQ=WEEKLY;BYDAY=SU,SA,SU', 0).days).toEqual([5, 6]);
    expect(parseRecurrence('FREQ=DAILY;BYDAY=MO,FR', 0).days).toEqual([0, 4]);
    expect(parseRecurrence('FREQ=WEEKLY;FREQ=DAILY', 0).problem).toBe('FREQ is given twice');
    expect(parseRecurrence('BYDAY=SA', 0).problem).toBe('FREQ is missing');
    expect(parseRecurrence('FREQ=DAILY;UNTIL=20270101T000000Z', 0).problem).toBe('UNTIL=20270101T000000Z cannot be evaluated');
  });
});
