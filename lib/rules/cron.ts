import { RuleResult } from './result';
import { closest } from '../core/words';

/*
 * Cloud Scheduler schedules and time zones.
 *
 * Cloud Scheduler documents its schedule as the unix-cron string format: five fields, `*`, numbers,
 * inclusive ranges `a-b`, steps `/n` and comma lists, months 1-12 or JAN-DEC, days of the week 0-6
 * or SUN-SAT with 7 also meaning Sunday (https://cloud.google.com/scheduler/docs/configuring/cron-job-schedules).
 * It says that `L` (last day of the month) is not supported and documents no seconds field, no `?`,
 * `W` or `#`, and no `@daily`-style macros, so all of those are rejected here. Its legacy English-like
 * App Engine format ("every 24 hours") is not accepted either: this library only writes unix-cron.
 */

const FORMAT = 'must be a unix-cron schedule of 5 fields: minute hour day-of-month month day-of-week, e.g. "0 3 * * *"';

const MONTH_ABBREVIATIONS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];
const DAY_ABBREVIATIONS = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'];
const MONTH_NAMES = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const DAY_NAMES = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
/** The most days each month can have (February: 29, in leap years). */
const MONTH_DAYS = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

interface FieldSpec {
  readonly name: string;
  readonly min: number;
  readonly max: number;
  /** Three-letter names, the first one standing for `min` (case-insensitive). */
  readonly names?: readonly string[];
  /** How many distinct values the field can match (day-of-week: 7, as 0 and 7 are both Sunday). */
  readonly size: number;
}

const FIELDS: readonly FieldSpec[] = [
  { name: 'minute', min: 0, max: 59, size: 60 },
  { name: 'hour', min: 0, max: 23, size: 24 },
  { name: 'day-of-month', min: 1, max: 31, size: 31 },
  { name: 'month', min: 1, max: 12, names: MONTH_ABBREVIATIONS, size: 12 },
  { name: 'day-of-week', min: 0, max: 7, names: DAY_ABBREVIATIONS, size: 7 },
];

/** The equivalent five-field schedule of each classic cron macro. */
const MACROS: { readonly [macro: string]: string } = {
  '@yearly': '0 0 1 1 *',
  '@annually': '0 0 1 1 *',
  '@monthly': '0 0 1 * *',
  '@weekly': '0 0 * * 0',
  '@daily': '0 0 * * *',
  '@midnight': '0 0 * * *',
  '@hourly': '0 * * * *',
};

interface ParsedField {
  /** The matched values, sorted and distinct; day-of-week 7 is folded into 0 (Sunday). */
  readonly values: number[];
  /** The field text starts with `*`: cron then ANDs the two day fields instead of ORing them. */
  readonly star: boolean;
  /** The field matches every value it can. */
  readonly full: boolean;
}

interface ParsedCron {
  readonly minute: ParsedField;
  readonly hour: ParsedField;
  readonly dayOfMonth: ParsedField;
  readonly month: ParsedField;
  readonly dayOfWeek: ParsedField;
}

/** A parsed schedule, or what is wrong with it. */
type Parse = { readonly cron: ParsedCron } | { readonly problem: string };

/** Parses one value (a number or a name) of a field, or says what is wrong with it. */
function parseAtom(atom: string, spec: FieldSpec): number | string {
  if (/^\d+$/.test(atom)) {
    const value = Number(atom);
    if (value < spec.min || value > spec.max) return `${spec.name} ${atom} is out of range ${spec.min}-${spec.max}`;
    return value;
  }
  const upper = atom.toUpperCase();
  const index = spec.names ? spec.names.indexOf(upper) : -1;
  if (index >= 0) return spec.min + index;
  const quoted = (letter: string): string => (upper === letter ? `"${letter}"` : `"${atom}": "${letter}"`);
  if (/^(\d*L|L-?\d*|LW)$/.test(upper)) return `${spec.name} ${quoted('L')} (last day) is not supported`;
  if (/^\d*W$/.test(upper)) return `${spec.name} ${quoted('W')} (nearest weekday) is not supported`;
  const names = spec.names ? ` or a name ${spec.names[0]}-${spec.names[spec.names.length - 1]}` : '';
  return `${spec.name} "${atom}" is not a number ${spec.min}-${spec.max}${names}`;
}

/** Parses one of the five fields, or says what is wrong with it. */
function parseField(text: string, spec: FieldSpec): ParsedField | string {
  if (text.includes('?')) return `${spec.name} "?" is not supported; use "*"`;
  if (text.includes('#')) return `${spec.name} "${text}": "#" (nth weekday of the month) is not supported`;
  if (!/^[0-9A-Za-z*,/-]+$/.test(text)) {
    return `${spec.name} "${text}" may only contain numbers, names, "*", ",", "-" and "/"`;
  }
  const matched = new Set<number>();
  for (const item of text.split(',')) {
    if (item === '') return `${spec.name} "${text}" has an empty list item`;
    const parts = item.split('/');
    if (parts.length > 2) return `${spec.name} "${item}" has more than one "/"`;
    const [base, stepText] = parts;
    let step = 1;
    if (stepText !== undefined) {
      if (!/^\d+$/.test(stepText)) return `${spec.name} step "/${stepText}" must be a whole number`;
      step = Number(stepText);
      if (step < 1 || step > spec.max - spec.min) {
        return `${spec.name} step /${stepText} is out of range 1-${spec.max - spec.min}`;
      }
    }
    let low: number;
    let high: number;
    if (base === '*') {
      low = spec.min;
      high = spec.max;
    } else if (base.includes('-')) {
      const ends = base.split('-');
      if (ends.length !== 2 || ends[0] === '' || ends[1] === '') return `${spec.name} "${item}" is not a range a-b`;
      const from = parseAtom(ends[0], spec);
      if (typeof from === 'string') return from;
      const to = parseAtom(ends[1], spec);
      if (typeof to === 'string') return to;
      if (from > to) return `${spec.name} range ${base} must go from low to high`;
      low = from;
      high = to;
    } else {
      if (base === '') return `${spec.name} "${item}" has a step but nothing to step through`;
      const value = parseAtom(base, spec);
      if (typeof value === 'string') return value;
      low = value;
      // `a/n` steps from a to the end of the field's range.
      high = stepText === undefined ? value : spec.max;
    }
    for (let value = low; value <= high; value += step) matched.add(spec.name === 'day-of-week' ? value % 7 : value);
  }
  const values = [...matched].sort((a, b) => a - b);
  return { values, star: text.startsWith('*'), full: values.length === spec.size };
}

/** Whether the day fields are combined with AND (either is `*`-prefixed) rather than cron's OR. */
const daysAreAnded = (cron: ParsedCron): boolean => cron.dayOfMonth.star || cron.dayOfWeek.star;

function parseCron(value: string): Parse {
  if (value.trim() === '') return { problem: 'the schedule is empty' };
  if (value !== value.trim()) return { problem: 'remove the leading or trailing spaces' };
  if (value.startsWith('@')) {
    const equivalent = MACROS[value.toLowerCase()];
    return {
      problem: equivalent
        ? `macros such as ${value} are not supported; use "${equivalent}" instead`
        : `macros such as ${value} are not supported`,
    };
  }
  if (/^every\b/i.test(value)) return { problem: 'the English-like App Engine format is not supported; write the 5 cron fields' };
  const texts = value.split(/\s+/);
  if (texts.length === 6) return { problem: 'found 6 fields; a seconds or year field is not supported' };
  if (texts.length !== 5) return { problem: `found ${texts.length} field${texts.length === 1 ? '' : 's'}` };
  const fields: ParsedField[] = [];
  for (let i = 0; i < 5; i++) {
    const field = parseField(texts[i], FIELDS[i]);
    if (typeof field === 'string') return { problem: field };
    fields.push(field);
  }
  const [minute, hour, dayOfMonth, month, dayOfWeek] = fields;
  const cron: ParsedCron = { minute, hour, dayOfMonth, month, dayOfWeek };
  // With the day fields ANDed, a day of the month that no chosen month has means the job never runs.
  if (daysAreAnded(cron) && month.values.every((m) => dayOfMonth.values.every((d) => d > MONTH_DAYS[m - 1]))) {
    const days = dayOfMonth.values.length === 1 ? `day-of-month ${dayOfMonth.values[0]} never occurs` : 'none of the days of the month occur';
    return { problem: `${days} in ${joinAnd(month.values.map((m) => MONTH_NAMES[m - 1]))}, so the job would never run` };
  }
  return { cron };
}

/**
 * A Cloud Scheduler schedule in unix-cron format: `minute hour day-of-month month day-of-week`,
 * each field `*`, a number, a range `a-b` or one of those with a step `/n`, or a comma list of those.
 */
export function cronSchedule(value: string): RuleResult {
  const parsed = parseCron(value);
  return 'problem' in parsed ? `${FORMAT} (${parsed.problem})` : undefined;
}

/**
 * A schedule's fields expanded for the launcher, which finds the slot a firing belongs to at run
 * time (`lib/launch/definition/schedule-slot.ts`): for every minute 0-59 the latest matching minute
 * at or before it (-1 for none), and the matching hours, days of the month, months (1-12) and days
 * of the week (0-6, Sunday 0). `days` says how the two day fields combine: `all` when either field
 * starts with `*` (both must match, the other matching every day), `any` otherwise (cron's OR).
 */
export interface CronSlotTable {
  readonly minuteAtOrBefore: number[];
  readonly hours: number[];
  readonly daysOfMonth: number[];
  readonly months: number[];
  readonly daysOfWeek: number[];
  readonly days: 'all' | 'any';
}

/** The slot table of a valid unix-cron schedule; undefined for an invalid one. */
export function cronSlotTable(value: string): CronSlotTable | undefined {
  const parsed = parseCron(value);
  if ('problem' in parsed) return undefined;
  const { cron } = parsed;
  const minutes = new Set(cron.minute.values);
  const minuteAtOrBefore: number[] = [];
  let latest = -1;
  for (let minute = 0; minute < 60; minute++) {
    if (minutes.has(minute)) latest = minute;
    minuteAtOrBefore.push(latest);
  }
  return {
    minuteAtOrBefore,
    hours: cron.hour.values,
    daysOfMonth: cron.dayOfMonth.values,
    months: cron.month.values,
    daysOfWeek: cron.dayOfWeek.values,
    days: daysAreAnded(cron) ? 'all' : 'any',
  };
}

// --- Time zones ---------------------------------------------------------------------------------

/**
 * The IANA names Node's ICU lists. ICU lists CLDR's canonical spellings, which keep some renamed
 * zones under their old names (`Asia/Calcutta`, `Europe/Kiev`) and leave out every alias, including
 * the current IANA names (`Asia/Kolkata`, `Europe/Kyiv`) and all of `UTC`, `Etc/UTC` and `Etc/GMT`.
 */
let listedZones: { exact: Set<string>; lowercase: Set<string> } | undefined;
/** ICU's list, read on first use: building it costs milliseconds that a synth without schedules need not pay. */
function listed(): { exact: Set<string>; lowercase: Set<string> } {
  if (!listedZones) {
    const exact = new Set(Intl.supportedValuesOf('timeZone'));
    listedZones = { exact, lowercase: new Set([...exact].map((zone) => zone.toLowerCase())) };
  }
  return listedZones;
}
const UTC_NAMES = new Set(['UTC', 'Etc/UTC', 'Etc/GMT']);
const FIXED_OFFSET = /^Etc\/GMT[+-]\d{1,2}$/;
const GEOGRAPHIC = /^(Africa|America|Antarctica|Arctic|Asia|Atlantic|Australia|Europe|Indian|Pacific)(\/[A-Za-z_-]+){1,2}$/;
/** How each word of an IANA location is spelled: `Sao`, `ComodRivadavia`, or short capitals (`NSW`, `IN`). */
const LOCATION_WORD = /^(?:[A-Z][a-z]+)+$|^[A-Z]{1,3}$/;

/** Whether ICU knows the zone (it matches names case-insensitively, so spelling is checked apart). */
function icuKnows(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/**
 * An IANA time zone name: one ICU lists, `UTC`, `Etc/UTC`, `Etc/GMT`, a fixed offset `Etc/GMT+5`, or
 * a correctly spelled continent/location alias that ICU knows (`Asia/Kolkata`, `Europe/Kyiv`).
 * Legacy names outside the continents (`EST`, `EST5EDT`, `US/Eastern`, `GMT`) are rejected: tzdata
 * keeps them only for backward compatibility, and since 2024b `EST` means America/Panama and
 * `EST5EDT` America/New_York.
 */
export function timeZone(value: string): RuleResult {
  if (listed().exact.has(value) || UTC_NAMES.has(value)) return undefined;
  if (FIXED_OFFSET.test(value) && icuKnows(value)) return undefined;
  if (
    GEOGRAPHIC.test(value) &&
    !listed().lowercase.has(value.toLowerCase()) &&
    value.split('/').slice(1).every((segment) => segment.split(/[_-]/).every((word) => LOCATION_WORD.test(word))) &&
    icuKnows(value)
  ) {
    return undefined;
  }
  const hint = timeZoneHint(value);
  return `must be an IANA time zone such as "Etc/UTC" or "Europe/Lisbon"${hint ? `: ${hint}` : ''}`;
}

/** Current IANA names that ICU lists under their former name (`Asia/Calcutta`), offered as suggestions too. */
const MODERN_NAMES = ['Asia/Kolkata', 'Europe/Kyiv', 'Asia/Ho_Chi_Minh', 'Asia/Kathmandu', 'Asia/Yangon', 'America/Nuuk', 'Pacific/Kanton', 'Atlantic/Faroe'];

/** Legacy fixed-offset names: what they meant once, and the zone with daylight saving people usually mean. */
const FIXED_LEGACY: { readonly [name: string]: readonly [withDaylightSaving: string, fixed: string] } = {
  EST: ['America/New_York', 'Etc/GMT+5'],
  MST: ['America/Denver', 'Etc/GMT+7'],
  HST: ['Pacific/Honolulu', 'Etc/GMT+10'],
};

/**
 * The POSIX-rule zones, links to these cities since tzdata 2024b. Named here because ICU versions
 * disagree: Node 20's resolves `PST8PDT` to `America/Los_Angeles`, Node 22's keeps `PST8PDT`.
 */
const POSIX_RULE_ZONES: { readonly [name: string]: string } = {
  EST5EDT: 'America/New_York',
  CST6CDT: 'America/Chicago',
  MST7MDT: 'America/Denver',
  PST8PDT: 'America/Los_Angeles',
};

/**
 * The zone the user probably meant: the canonical name of a legacy alias (`US/Eastern` →
 * `America/New_York`), the same name in another case, a near spelling (`Europe/Pari`), or the
 * zone of a city (`Paris`, `new york`).
 */
export function timeZoneHint(value: string): string | undefined {
  if (typeof value !== 'string' || value.trim() === '') return undefined;
  const fixed = FIXED_LEGACY[value.trim().toUpperCase()];
  if (fixed) return `for the time with daylight saving use "${fixed[0]}"; a fixed offset is "${fixed[1]}"`;
  const linked = POSIX_RULE_ZONES[value.trim().toUpperCase()];
  if (linked) return `did you mean "${linked}"?`;
  const zones = [...listed().exact, ...MODERN_NAMES.filter(icuKnows)];
  const canonical = canonicalZone(value.trim());
  if (canonical !== undefined && canonical !== value && listed().exact.has(canonical)) return `did you mean "${canonical}"?`;
  if (canonical === 'UTC') return 'did you mean "Etc/UTC"?';
  const near = closest(value.trim().replace(/ /g, '_'), zones);
  if (near) return `did you mean "${near}"?`;
  const cityName = value.trim().toLowerCase().replace(/[ -]/g, '_');
  const byCity = zones.filter((zone) => zone.toLowerCase().split('/').pop() === cityName);
  if (byCity.length === 1) return `did you mean "${byCity[0]}"?`;
  const cityNear = closest(cityName, zones.map((zone) => zone.split('/').pop()!));
  const zone = cityNear === undefined ? undefined : zones.find((z) => z.split('/').pop() === cityNear);
  return zone ? `did you mean "${zone}"?` : undefined;
}

/** ICU's canonical name of a zone it knows (aliases resolve), or undefined. */
function canonicalZone(zone: string): string | undefined {
  try {
    return new Intl.DateTimeFormat('en-US', { timeZone: zone }).resolvedOptions().timeZone;
  } catch {
    return undefined;
  }
}

// --- Descriptions -------------------------------------------------------------------------------

const pad = (n: number): string => String(n).padStart(2, '0');
const clock = (hour: number, minute: number): string => `${pad(hour)}:${pad(minute)}`;

/** `a`, `a and b`, `a, b and c`. */
function joinAnd(items: readonly string[]): string {
  return items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/** Sorted keys as labels, with runs of 3 or more consecutive keys shown as `first${join}last`. */
function runs(keys: readonly number[], label: (key: number) => string, join = '-'): string[] {
  const out: string[] = [];
  for (let i = 0; i < keys.length; ) {
    let j = i;
    while (j + 1 < keys.length && keys[j + 1] === keys[j] + 1) j++;
    if (j - i >= 2) out.push(`${label(keys[i])}${join}${label(keys[j])}`);
    else for (let k = i; k <= j; k++) out.push(label(keys[k]));
    i = j + 1;
  }
  return out;
}

const numbers = (values: readonly number[]): string[] => runs(values, String);
const months = (values: readonly number[], join = '-'): string[] => runs(values, (m) => MONTH_NAMES[m - 1], join);
/** Day names, Monday first (sorting keys 0 = Monday ... 6 = Sunday); `s` makes them plural. */
const weekdays = (values: readonly number[], join = '-', s = ''): string[] =>
  runs(values.map((d) => (d + 6) % 7).sort((a, b) => a - b), (k) => `${DAY_NAMES[(k + 1) % 7]}${s}`, join);

const isWorkweek = (values: readonly number[]): boolean => values.join(',') === '1,2,3,4,5';

/** `n` when the values are 0, n, 2n, ... filling a cycle of `size` (n > 1), else undefined. */
function evenStep(values: readonly number[], size: number): number | undefined {
  if (values.length < 2 || values[0] !== 0) return undefined;
  const step = values[1];
  if (size % step !== 0 || values.length !== size / step) return undefined;
  return values.every((v, i) => v === i * step) ? step : undefined;
}

/** How the two day fields combine: not at all, one of them alone, or both (OR / AND). */
type Days = 'every' | 'dom' | 'dow' | 'or' | 'and';

function days(cron: ParsedCron): Days {
  const { dayOfMonth: dom, dayOfWeek: dow } = cron;
  if (daysAreAnded(cron)) {
    if (dom.full && dow.full) return 'every';
    if (dow.full) return 'dom';
    if (dom.full) return 'dow';
    return 'and';
  }
  return dom.full || dow.full ? 'every' : 'or';
}

/** The time of day: `at` lists clock times, `recurring` repeats through the day. */
type Time = { readonly kind: 'at' | 'recurring'; readonly text: string };

function time(cron: ParsedCron): Time | undefined {
  const minutes = cron.minute.values;
  const hours = cron.hour.values;
  const minuteStep = cron.minute.full ? 1 : evenStep(minutes, 60);
  if (cron.hour.full) {
    if (minuteStep === 1) return { kind: 'recurring', text: 'every minute' };
    if (minuteStep !== undefined) return { kind: 'recurring', text: `every ${minuteStep} minutes` };
    if (minutes.length === 1) return { kind: 'recurring', text: `every hour at minute ${minutes[0]}` };
    return undefined;
  }
  if (minutes.length * hours.length <= 4) {
    const times = hours.flatMap((h) => minutes.map((m) => clock(h, m)));
    return { kind: 'at', text: `at ${joinAnd(times)}` };
  }
  const first = hours[0];
  const last = hours[hours.length - 1];
  if (last - first === hours.length - 1) {
    if (minuteStep === 1) return { kind: 'recurring', text: `every minute from ${clock(first, 0)} to ${clock(last, 59)}` };
    if (minuteStep !== undefined) {
      return { kind: 'recurring', text: `every ${minuteStep} minutes from ${clock(first, 0)} to ${clock(last, 60 - minuteStep)}` };
    }
    if (minutes.length === 1) {
      return { kind: 'recurring', text: `every hour from ${clock(first, minutes[0])} to ${clock(last, minutes[0])}` };
    }
  }
  const hourStep = evenStep(hours, 24);
  if (minutes.length === 1 && hourStep !== undefined) {
    return { kind: 'recurring', text: `every ${hourStep} hours at minute ${minutes[0]}` };
  }
  return undefined;
}

/** `day 1`, `days 1 and 15`, `days 1-7`. */
function dayNumbers(values: readonly number[]): string {
  return `${values.length === 1 ? 'day' : 'days'} ${joinAnd(numbers(values))}`;
}

/** A literal, field-by-field sentence for schedules without a shorter phrasing. */
function generic(cron: ParsedCron): string {
  const { minute, hour, dayOfMonth: dom, dayOfWeek: dow, month } = cron;
  let text = minute.full
    ? 'every minute'
    : `at ${minute.values.length === 1 ? 'minute' : 'minutes'} ${numbers(minute.values).join(', ')}`;
  if (!hour.full) {
    text += ` ${minute.full ? 'during' : 'past'} ${hour.values.length === 1 ? 'hour' : 'hours'} ${numbers(hour.values).join(', ')}`;
  } else if (!minute.full) {
    text += ' past every hour';
  }
  const domText = `${dom.values.length === 1 ? 'day' : 'days'} ${numbers(dom.values).join(', ')} of the month`;
  const dowText = weekdays(dow.values).join(', ');
  switch (days(cron)) {
    case 'dom':
      text += ` on ${domText}`;
      break;
    case 'dow':
      text += ` on ${dowText}`;
      break;
    case 'or':
      text += ` on ${domText} or on ${dowText}`;
      break;
    case 'and':
      text += ` on ${domText} that fall on ${dowText}`;
      break;
    default:
      break;
  }
  if (!month.full) text += ` in ${months(month.values).join(', ')}`;
  return text;
}

/**
 * Plain English for a valid schedule, for reports: "every day at 03:00", "every weekday (Mon–Fri) at
 * 06:00", "every 15 minutes", "on day 1 of every month at 00:00". Schedules without a short phrasing
 * get a literal field-by-field sentence. Day-of-month and day-of-week are combined as cron does: OR
 * when both are restricted, AND when either starts with `*`. Invalid schedules are described as such.
 */
export function describeCron(value: string): string {
  const parsed = parseCron(value);
  if ('problem' in parsed) return `an invalid schedule ${JSON.stringify(value)}`;
  const { cron } = parsed;
  const when = time(cron);
  const dayKind = days(cron);
  if (when === undefined || dayKind === 'and') return generic(cron);

  const dom = cron.dayOfMonth.values;
  const dow = cron.dayOfWeek.values;
  const inMonths = cron.month.full ? '' : ` in ${joinAnd(months(cron.month.values, ' to '))}`;
  const everyDow = isWorkweek(dow) ? 'every weekday (Mon–Fri)' : `every ${joinAnd(weekdays(dow, ' to '))}`;
  const onDows = isWorkweek(dow) ? 'weekdays (Mon–Fri)' : joinAnd(weekdays(dow, ' to ', 's'));
  const ofMonths = cron.month.full ? 'every month' : joinAnd(months(cron.month.values, ' to '));

  if (when.kind === 'at') {
    switch (dayKind) {
      case 'every':
        return `every day ${when.text}${inMonths}`;
      case 'dow':
        return `${everyDow} ${when.text}${inMonths}`;
      case 'dom':
        return `on ${dayNumbers(dom)} of ${ofMonths} ${when.text}`;
      default:
        return `on ${dayNumbers(dom)} of the month and ${everyDow} ${when.text}${inMonths}`;
    }
  }
  switch (dayKind) {
    case 'every':
      return `${when.text}${inMonths}`;
    case 'dow':
      return `${when.text} on ${onDows}${inMonths}`;
    case 'dom':
      return `${when.text} on ${dayNumbers(dom)} of ${ofMonths}`;
    default:
      return `${when.text} on ${dayNumbers(dom)} of the month and on ${onDows}${inMonths}`;
  }
}
