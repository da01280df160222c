import { typeError, valueError } from './errors';
import { badType, fn, LibraryFunction } from './library';
import { codePoints, INT64_MAX, INT64_MIN, typeOf, WfValue } from './values';

/**
 * Expression helpers (https://cloud.google.com/workflows/docs/reference/stdlib/expression-helpers):
 * conversions, `keys`, `len`, `default`, `if`, `get_type`. Where the page lists the accepted types
 * ("int(): Accepts an attribute of type string or double"), any other type is a TypeError, even
 * the target type itself (`int(3)`): the stricter reading of that list.
 */
export const helperFunctions: LibraryFunction[] = [
  fn('default', ['val', 'defaultVal'], ([val, fallback]) => (val === null ? fallback! : val!)),

  // "If condition evaluates to true, ifTrue is returned. If condition evaluates to false or null,
  // ifFalse is returned." All three arguments are evaluated before the call (see expressions.ts).
  fn('if', ['condition', 'ifTrue', 'ifFalse'], ([condition, ifTrue, ifFalse]) => {
    if (condition !== null && typeof condition !== 'boolean') throw badType('if', 'condition', 'a boolean or null', condition);
    return condition === true ? ifTrue! : ifFalse!;
  }),

  // "A list returns the number of elements … A map returns the number of key-value entries …
  // A string returns the number of characters in the string."
  fn('len', ['value'], ([value]) => {
    if (typeof value === 'string') return BigInt(codePoints(value).length);
    if (Array.isArray(value)) return BigInt(value.length);
    if (value instanceof Map) return BigInt(value.size);
    throw badType('len', 'value', 'a list, map or string', value);
  }),

  // Key order is not documented; insertion order (as decoded from JSON) is kept.
  fn('keys', ['map'], ([map]) => {
    if (!(map instanceof Map)) throw badType('keys', 'map', 'a map', map);
    return [...map.keys()];
  }),

  fn('int', ['value'], ([value]) => {
    if (typeof value === 'number') {
      // Truncation toward zero: `int(2.7)` is the docs' example; its result is not shown.
      const truncated = BigInt(Math.trunc(value));
      if (truncated < INT64_MIN || truncated > INT64_MAX) throw valueError(`int(): ${value} is outside 64 bits`);
      return truncated;
    }
    if (typeof value === 'string') {
      if (!/^-?\d+$/.test(value)) throw valueError(`int(): cannot convert ${JSON.stringify(value)} to an integer`);
      const parsed = BigInt(value);
      if (parsed < INT64_MIN || parsed > INT64_MAX) throw valueError(`int(): ${value} is outside 64 bits`);
      return parsed;
    }
    throw badType('int', 'value', 'a string or a double', value);
  }),

  fn('double', ['value'], ([value]) => {
    if (typeof value === 'bigint') return Number(value);
    if (typeof value === 'string') {
      if (!/^-?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/.test(value)) throw valueError(`double(): cannot convert ${JSON.stringify(value)} to a double`);
      const parsed = Number(value);
      if (!Number.isFinite(parsed)) throw valueError(`double(): ${value} is out of range`);
      return parsed;
    }
    throw badType('double', 'value', 'a string or an integer', value);
  }),

  // How a double is written is not documented: JS's shortest round-trip form (`string(2.0)` is "2").
  fn('string', ['value'], ([value]) => {
    if (typeof value === 'bigint' || typeof value === 'number' || typeof value === 'boolean') return String(value);
    throw badType('string', 'value', 'an integer, double or boolean', value);
  }),

  // Listed among the expression helpers; the exact names it returns could not be read in Google's
  // pages, so these are the data-types page's terms, lower-cased ("Integer", "Double", "String",
  // "Boolean", "Bytes", "Null"; https://cloud.google.com/workflows/docs/reference/syntax/datatypes).
  fn('get_type', ['value'], ([value]) => TYPE_NAMES[typeOf(value!)] ?? failType(value!)),
];

const TYPE_NAMES: { [type: string]: string } = {
  null: 'null', bool: 'boolean', string: 'string', int: 'integer', double: 'double', list: 'list', map: 'map', bytes: 'bytes',
};

function failType(value: WfValue): never {
  throw typeError(`get_type(): ${typeOf(value)} has no Workflows type name`);
}
