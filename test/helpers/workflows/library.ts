import { typeError } from './errors';
import { HttpCallRecord, HttpRequest, HttpResponse, Limits, LogEntry } from './types';
import { describe, typeOf, WfMap, WfValue } from './values';

/**
 * The shape of standard-library functions and the checks every one of them applies to its
 * arguments. Functions are called with positional arguments from an expression, or with a map
 * (named) or a list (positional) of `args` from a call step
 * (https://cloud.google.com/workflows/docs/reference/stdlib/sys/log shows both forms).
 */

/** What a function may use besides its arguments. */
export interface Services {
  now(): number;
  sleep(seconds: number, reason: 'sys.sleep' | 'retry'): void;
  env(name: string): string | undefined;
  log(entry: LogEntry): void;
  /** Sends a request to the fake and records the call; network failures are thrown as-is. */
  http(request: HttpRequest, record: HttpCallRecord): HttpResponse;
  limits: Limits;
}

/** One parameter. */
export interface Param {
  name: string;
  optional?: boolean;
}

/** A standard-library function. */
export interface LibraryFunction {
  name: string;
  params: Param[];
  /** Blocking functions (HTTP, sys.sleep, sys.log) can only be called by call steps. */
  blocking?: boolean;
  /** Arguments by position, `undefined` for an omitted optional one. */
  impl(args: (WfValue | undefined)[], services: Services): WfValue;
}

/** Defines a function. */
export function fn(
  name: string,
  params: (string | Param)[],
  impl: LibraryFunction['impl'],
  options: { blocking?: boolean } = {},
): LibraryFunction {
  return { name, params: params.map((p) => (typeof p === 'string' ? { name: p } : p)), impl, blocking: options.blocking };
}

/** An optional parameter. */
export const opt = (name: string): Param => ({ name, optional: true });

/** Binds positional arguments, raising TypeError for a wrong count. */
export function bindPositional(f: LibraryFunction, args: WfValue[]): (WfValue | undefined)[] {
  const required = f.params.filter((p) => !p.optional).length;
  if (args.length < required || args.length > f.params.length) {
    const expected = required === f.params.length ? `${required}` : `${required} to ${f.params.length}`;
    throw typeError(`${f.name}() takes ${expected} argument(s), got ${args.length}`);
  }
  return f.params.map((_, i) => args[i]);
}

/** Binds a call step's `args` map by parameter name, raising TypeError for unknown or missing ones. */
export function bindNamed(f: LibraryFunction, args: WfMap): (WfValue | undefined)[] {
  for (const key of args.keys()) {
    if (!f.params.some((p) => p.name === key)) throw typeError(`${f.name}() got an unexpected argument "${key}"`);
  }
  return f.params.map((p) => {
    if (!args.has(p.name) && !p.optional) throw typeError(`${f.name}() is missing the argument "${p.name}"`);
    return args.get(p.name);
  });
}

/** A TypeError naming the function and the argument. */
export function badType(f: string, param: string, expected: string, got: WfValue | undefined): Error {
  return typeError(`${f}: "${param}" must be ${expected}, got ${got === undefined ? 'nothing' : `${typeOf(got)} ${describe(got)}`}`);
}

/** Argument checks: the value if it has the type, a TypeError naming function and argument otherwise. */
export function wantString(f: string, param: string, v: WfValue | undefined): string {
  if (typeof v !== 'string') throw badType(f, param, 'a string', v);
  return v;
}

export function wantInt(f: string, param: string, v: WfValue | undefined): bigint {
  if (typeof v !== 'bigint') throw badType(f, param, 'an integer', v);
  return v;
}

export function wantNumber(f: string, param: string, v: WfValue | undefined): number {
  if (typeof v !== 'bigint' && typeof v !== 'number') throw badType(f, param, 'a number', v);
  return Number(v);
}

export function wantBool(f: string, param: string, v: WfValue | undefined): boolean {
  if (typeof v !== 'boolean') throw badType(f, param, 'a boolean', v);
  return v;
}

export function wantMap(f: string, param: string, v: WfValue | undefined): WfMap {
  if (!(v instanceof Map)) throw badType(f, param, 'a map', v);
  return v;
}

export function wantList(f: string, param: string, v: WfValue | undefined): WfValue[] {
  if (!Array.isArray(v)) throw badType(f, param, 'a list', v);
  return v;
}

export function wantBytes(f: string, param: string, v: WfValue | undefined): Uint8Array {
  if (!(v instanceof Uint8Array)) throw badType(f, param, 'bytes', v);
  return v;
}
