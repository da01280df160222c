import { typeError, valueError } from './errors';
import { fn, LibraryFunction, opt, wantNumber, wantString } from './library';
import { LogEntry } from './types';
import { toJs, typeOf, WfValue } from './values';

/** The sys and time modules. */

const SEVERITIES = ['DEFAULT', 'DEBUG', 'INFO', 'NOTICE', 'WARNING', 'ERROR', 'CRITICAL', 'ALERT', 'EMERGENCY'];

/** The largest sleep: "a maximum of 31536000 (one year)" (https://cloud.google.com/workflows/docs/sleeping). */
const MAX_SLEEP_SECONDS = 31_536_000;

function loggable(value: WfValue): boolean {
  return ['int', 'double', 'bool', 'string', 'list', 'map'].includes(typeOf(value));
}

/** The implemented sys and time functions. */
export const sysFunctions: LibraryFunction[] = [
  // "If the specified variable is not set, returns the default value instead"; TypeError "If either
  // name or default is not a string" (https://cloud.google.com/workflows/docs/reference/stdlib/sys/get_env).
  // Without a default, an unset variable gives null.
  fn('sys.get_env', ['name', opt('default')], ([name, fallback], services) => {
    const key = wantString('sys.get_env', 'name', name);
    if (fallback !== undefined) wantString('sys.get_env', 'default', fallback);
    return services.env(key) ?? fallback ?? null;
  }),

  // Seconds since the epoch as a double (https://cloud.google.com/workflows/docs/reference/stdlib/overview:
  // "The function returns a floating point number").
  fn('sys.now', [], (_, services) => services.now()),

  fn('sys.sleep', ['seconds'], ([seconds], services) => {
    const s = wantNumber('sys.sleep', 'seconds', seconds);
    if (s < 0 || s > MAX_SLEEP_SECONDS) throw valueError(`sys.sleep: seconds must be between 0 and ${MAX_SLEEP_SECONDS}, got ${s}`);
    services.sleep(s, 'sys.sleep');
    return null;
  }, { blocking: true }),

  // Exactly one of data, text, json; data/text of type integer|float|bool|string|list|dict, json a
  // dict; severity one of the listed values, default DEFAULT
  // (https://cloud.google.com/workflows/docs/reference/stdlib/sys/log). The positional form is
  // `[data, severity, text, json, timeout]`, with null for an absent one (same page's examples).
  fn('sys.log', [opt('data'), opt('severity'), opt('text'), opt('json'), opt('timeout')], (args, services) => {
    const [data, severity, text, json, timeout] = args.map((a) => (a === null ? undefined : a));
    const given = [['data', data], ['text', text], ['json', json]].filter(([, v]) => v !== undefined) as [string, WfValue][];
    if (given.length !== 1) throw typeError(`sys.log: exactly one of data, text or json is required, got ${given.length}`);
    const [kind, payload] = given[0];
    if (kind === 'json' ? !(payload instanceof Map) : !loggable(payload)) {
      throw typeError(`sys.log: ${kind} cannot be of type ${typeOf(payload)}`);
    }
    const level = severity === undefined ? 'DEFAULT' : wantString('sys.log', 'severity', severity);
    if (!SEVERITIES.includes(level)) throw typeError(`sys.log: severity must be one of ${SEVERITIES.join(', ')}, got ${level}`);
    if (timeout !== undefined) wantNumber('sys.log', 'timeout', timeout);
    const entry: LogEntry = { severity: level };
    entry[kind as 'data' | 'text' | 'json'] = toJs(payload);
    services.log(entry);
    return null;
  }, { blocking: true }),

  // "Formats the given timestamp as a human-readable string": ISO 8601 "up to a microsecond
  // precision", timezone from the tz database, UTC when absent or empty
  // (https://cloud.google.com/workflows/docs/reference/stdlib/time/format). Trailing zeros of the
  // fraction are dropped (the docs' example has six digits; other cases are not shown).
  fn('time.format', ['seconds', opt('timezone')], ([seconds, timezone]) => {
    const zone = timezone === undefined ? '' : wantString('time.format', 'timezone', timezone);
    return formatTime(wantNumber('time.format', 'seconds', seconds), zone || 'UTC');
  }),

  // Not verified in Google's pages: an RFC 3339 timestamp (a zone designator required) to seconds
  // since the epoch as a double; anything else is a ValueError.
  fn('time.parse', ['value'], ([value]) => parseTime(wantString('time.parse', 'value', value))),
];

/** Formatters by time zone: building one costs about a millisecond, formatting microseconds. */
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterOf(zone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(zone);
  if (!formatter) {
    try {
      formatter = new Intl.DateTimeFormat('en-US', {
        timeZone: zone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit',
        hour: '2-digit', minute: '2-digit', second: '2-digit', timeZoneName: 'longOffset',
      });
    } catch {
      throw valueError(`time.format: unknown timezone ${zone}`);
    }
    formatters.set(zone, formatter);
  }
  return formatter;
}

function formatTime(seconds: number, zone: string): string {
  let whole = Math.floor(seconds);
  let micros = Math.round((seconds - whole) * 1e6);
  if (micros === 1_000_000) {
    whole += 1;
    micros = 0;
  }
  const parts = formatterOf(zone).formatToParts(new Date(whole * 1000));
  const part = (type: string) => parts.find((p) => p.type === type)!.value;
  const fraction = micros === 0 ? '' : `.${String(micros).padStart(6, '0').replace(/0+$/, '')}`;
  const offset = part('timeZoneName').replace(/^GMT/, '');
  // A zero offset is written Z (RFC 3339), as in the docs' examples.
  return `${part('year')}-${part('month')}-${part('day')}T${part('hour')}:${part('minute')}:${part('second')}${fraction}${offset === '' || offset === '+00:00' ? 'Z' : offset}`;
}

function parseTime(text: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(\.\d{1,9})?([Zz]|[+-]\d{2}:\d{2})$/.exec(text);
  if (!m) throw valueError(`time.parse: ${JSON.stringify(text)} is not an RFC 3339 timestamp`);
  const [, y, mo, d, h, mi, s, fraction, zone] = m;
  const utc = Date.UTC(+y, +mo - 1, +d, +h, +mi, +s);
  const check = new Date(utc);
  if (check.getUTCMonth() !== +mo - 1 || check.getUTCDate() !== +d || +h > 23 || +mi > 59 || +s > 59) {
    throw valueError(`time.parse: ${JSON.stringify(text)} is not a valid date`);
  }
  const offsetMinutes = /^[Zz]$/.test(zone) ? 0 : (zone[0] === '-' ? -1 : 1) * (+zone.slice(1, 3) * 60 + +zone.slice(4, 6));
  return utc / 1000 - offsetMinutes * 60 + (fraction ? Number(`0${fraction}`) : 0);
}
