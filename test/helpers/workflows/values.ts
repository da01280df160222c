/**
 * The value model of the interpreter: Workflows' data types mapped onto JS values so that
 * integers and doubles stay distinct (https://cloud.google.com/workflows/docs/reference/syntax/datatypes:
 * "Integer (64 bit, signed)", "Double (64 bit, signed floating point number)", String, Boolean,
 * Bytes, Null, plus lists and maps).
 *
 * - int    → `bigint` (range-checked to 64 bits)
 * - double → `number`
 * - string → `string`, bool → `boolean`, null → `null`
 * - list   → `WfValue[]`, map → `Map<string, WfValue>` (insertion-ordered, no prototype keys)
 * - bytes  → `Uint8Array`
 * - a reference to a function or subworkflow (`${http.default_retry_predicate}`, `${my_predicate}`)
 *   → `Callable`
 */

/** A map value. */
export type WfMap = Map<string, WfValue>;

/** Any value a workflow can hold. */
export type WfValue = null | boolean | string | bigint | number | WfValue[] | WfMap | Uint8Array | Callable;

/** A reference to a standard-library function or a subworkflow, used as a retry predicate. */
export class Callable {
  constructor(readonly kind: 'stdlib' | 'subworkflow', readonly name: string) {}
}

/** Workflows' name for each data type, used in messages and by `get_type`. */
export type TypeName = 'null' | 'bool' | 'string' | 'int' | 'double' | 'list' | 'map' | 'bytes' | 'function';

/** The range of Workflows integers (64-bit signed). */
export const INT64_MIN = -(2n ** 63n);
/** See INT64_MIN. */
export const INT64_MAX = 2n ** 63n - 1n;

/** The type of a value. */
export function typeOf(value: WfValue): TypeName {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'boolean': return 'bool';
    case 'string': return 'string';
    case 'bigint': return 'int';
    case 'number': return 'double';
    default: break;
  }
  if (Array.isArray(value)) return 'list';
  if (value instanceof Map) return 'map';
  if (value instanceof Uint8Array) return 'bytes';
  return 'function';
}

/** Whether a value is an int or a double. */
export const isNumber = (v: WfValue): v is bigint | number => typeof v === 'bigint' || typeof v === 'number';

/**
 * Converts plain JS data (a parsed definition, a runtime argument, a fake's response) to a value.
 * An integral JS number becomes an int: JSON text cannot be seen any more once parsed, so `1.0`
 * in a JSON argument is read as the int 1 (the interpreter's own JSON decoder keeps the
 * difference).
 */
export function fromJs(data: unknown, where = 'value'): WfValue {
  if (data === null) return null;
  if (data instanceof Callable) return data;
  switch (typeof data) {
    case 'boolean':
    case 'string':
      return data;
    case 'bigint':
      return data;
    case 'number':
      if (!Number.isFinite(data)) throw new Error(`${where}: ${data} is not a Workflows number`);
      return Number.isInteger(data) && Math.abs(data) < 2 ** 63 ? BigInt(data) : data;
    case 'object':
      break;
    default:
      throw new Error(`${where}: a ${typeof data} is not a Workflows value`);
  }
  if (data instanceof Uint8Array) return new Uint8Array(data);
  if (Array.isArray(data)) return data.map((item, i) => fromJs(item, `${where}[${i}]`));
  if (data instanceof Map) return new Map([...data].map(([k, v]) => [String(k), fromJs(v, `${where}.${k}`)]));
  const map: WfMap = new Map();
  for (const [key, item] of Object.entries(data as object)) map.set(key, fromJs(item, `${where}.${key}`));
  return map;
}

/** Converts a value to plain JS data (ints become numbers, maps plain objects, bytes Buffers). */
export function toJs(value: WfValue): unknown {
  if (value === null || typeof value !== 'object') return typeof value === 'bigint' ? Number(value) : value;
  if (Array.isArray(value)) return value.map(toJs);
  if (value instanceof Map) {
    const out: { [key: string]: unknown } = {};
    for (const [key, item] of value) out[key] = toJs(item);
    return out;
  }
  if (value instanceof Uint8Array) return Buffer.from(value);
  return value;
}

/** A deep copy: Workflows assigns by value (https://cloud.google.com/workflows/docs/reference/syntax/variables#passing-by-value). */
export function clone(value: WfValue): WfValue {
  if (Array.isArray(value)) return value.map(clone);
  if (value instanceof Map) return new Map([...value].map(([k, v]) => [k, clone(v)]));
  if (value instanceof Uint8Array) return new Uint8Array(value);
  return value;
}

/** Deep equality as used by `==`, `!=` and `in`: numbers compare by value across int and double. */
export function deepEqual(a: WfValue, b: WfValue): boolean {
  if (isNumber(a) && isNumber(b)) return typeof a === typeof b ? a === b : Number(a) === Number(b);
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return a === b;
  if (Array.isArray(a)) return Array.isArray(b) && a.length === b.length && a.every((item, i) => deepEqual(item, b[i]));
  if (a instanceof Map) {
    if (!(b instanceof Map) || a.size !== b.size) return false;
    for (const [key, item] of a) if (!b.has(key) || !deepEqual(item, b.get(key)!)) return false;
    return true;
  }
  if (a instanceof Uint8Array) return b instanceof Uint8Array && Buffer.from(a).equals(Buffer.from(b));
  return a === b;
}

/** A short rendering of a value for error messages. */
export function describe(value: WfValue): string {
  const type = typeOf(value);
  if (type === 'string') return JSON.stringify(value);
  if (type === 'int' || type === 'double' || type === 'bool' || type === 'null') return String(value);
  if (type === 'function') return `function ${(value as Callable).name}`;
  return type;
}

/** Unicode code points of a string: Workflows strings are UTF-8, so indexes and lengths count characters, not UTF-16 units. */
export function codePoints(text: string): string[] {
  return Array.from(text);
}
