/**
 * An independent reading of unix-cron schedules, for checking the launcher's slot search against
 * something that does not share its code: it parses the cron text itself (numbers, `*`, ranges,
 * steps and lists; day of week 0-7 with 0 and 7 Sunday) and matches wall-clock times in a zone as
 * `Intl` reports them. Day of month and day of week follow cron: when both are restricted (neither
 * starts with `*`), a day matching either matches; otherwise both must.
 */

/** A wall-clock time in a zone. */
export interface WallClock {
  readonly month: number;
  readonly day: number;
  readonly hour: number;
  readonly minute: number;
  /** 0 = Sunday. */
  readonly weekday: number;
}

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const formatters = new Map<string, Intl.DateTimeFormat>();

/** The wall clock in `zone` at `seconds` since the epoch. */
export function wallClock(seconds: number, zone: string): WallClock {
  let format = formatters.get(zone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', { timeZone: zone, hourCycle: 'h23', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', weekday: 'short' });
    formatters.set(zone, format);
  }
  const parts = Object.fromEntries(format.formatToParts(new Date(seconds * 1000)).map((p) => [p.type, p.value]));
  return { month: Number(parts.month), day: Number(parts.day), hour: Number(parts.hour), minute: Number(parts.minute), weekday: WEEKDAYS.indexOf(parts.weekday) };
}

function field(text: string, min: number, max: number): Set<number> {
  const values = new Set<number>();
  for (const item of text.split(',')) {
    const [range, stepText] = item.split('/');
    const step = stepText === undefined ? 1 : Number(stepText);
    const [from, to] = range === '*' ? [min, max] : range.includes('-') ? range.split('-').map(Number) : [Number(range), stepText === undefined ? Number(range) : max];
    if (![from, to, step].every(Number.isInteger) || from < min || to > max || from > to || step < 1) throw new Error(`cron field ${JSON.stringify(text)} is outside this reference`);
    for (let v = from; v <= to; v += step) values.add(v);
  }
  return values;
}

/** Whether a wall-clock time matches the cron. */
export function cronMatcher(cron: string): (wall: WallClock) => boolean {
  const parts = cron.trim().split(/\s+/);
  if (parts.length !== 5) throw new Error(`not a 5-field cron: ${cron}`);
  const [minutes, hours, days, months] = [field(parts[0], 0, 59), field(parts[1], 0, 23), field(parts[2], 1, 31), field(parts[3], 1, 12)];
  const weekdays = new Set([...field(parts[4], 0, 7)].map((d) => d % 7));
  const eitherDay = !parts[2].startsWith('*') && !parts[4].startsWith('*');
  return (w) => {
    const dayMatches = eitherDay ? days.has(w.day) || weekdays.has(w.weekday) : days.has(w.day) && weekdays.has(w.weekday);
    return minutes.has(w.minute) && hours.has(w.hour) && months.has(w.month) && dayMatches;
  };
}
