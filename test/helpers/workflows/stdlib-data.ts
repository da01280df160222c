import { createHash } from 'crypto';
import { typeError, valueError } from './errors';
import { encodeJson, JsonIndent, parseJson } from './json';
import { badType, fn, LibraryFunction, opt, wantBool, wantBytes, wantList, wantMap, wantNumber, wantString } from './library';
import { decodeUtf8 } from './stdlib-text';
import { clone, WfMap, WfValue } from './values';

/** The map, list, json, base64, hash and math modules. */

function mergeNested(first: WfMap, second: WfMap): WfMap {
  const merged = clone(first) as WfMap;
  for (const [key, value] of second) {
    const existing = merged.get(key);
    merged.set(key, existing instanceof Map && value instanceof Map ? mergeNested(existing, value) : clone(value));
  }
  return merged;
}

function jsonIndent(f: string, indent: WfValue | undefined): JsonIndent | undefined {
  if (indent === undefined || indent === false) return undefined;
  if (indent === true) return { prefix: '', indent: '    ' };
  const options = wantMap(f, 'indent', indent);
  for (const key of options.keys()) if (key !== 'prefix' && key !== 'indent') throw typeError(`${f}: unknown indent option "${key}"`);
  return {
    prefix: options.has('prefix') ? wantString(f, 'indent.prefix', options.get('prefix')) : '',
    indent: options.has('indent') ? wantString(f, 'indent.indent', options.get('indent')) : '    ',
  };
}

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

const HASHES: { [algorithm: string]: string } = { MD5: 'md5', SHA1: 'sha1', SHA224: 'sha224', SHA256: 'sha256', SHA384: 'sha384', SHA512: 'sha512' };

/** The implemented map, list, json, base64, hash and math functions. */
export const dataFunctions: LibraryFunction[] = [
  // "Performs a safe lookup on a map, returning null if the key is not found … If the input is not
  // a map … returns null", keys a string or a list of strings, else TypeError
  // (https://cloud.google.com/workflows/docs/reference/stdlib/map/get).
  fn('map.get', ['map', 'keys'], ([map, keys]) => {
    const path = typeof keys === 'string' ? [keys] : Array.isArray(keys) && keys.every((k) => typeof k === 'string') ? keys as string[] : undefined;
    if (!path) throw badType('map.get', 'keys', 'a string or a list of strings', keys);
    let current: WfValue = map!;
    for (const key of path) {
      if (!(current instanceof Map) || !current.has(key)) return null;
      current = current.get(key)!;
    }
    return current;
  }),

  // A shallow merge, values of the second map winning (the merge_nested page describes
  // map.merge's non-recursive counterpart).
  fn('map.merge', ['first', 'second'], ([first, second]) => {
    const merged = clone(wantMap('map.merge', 'first', first)) as WfMap;
    for (const [key, value] of wantMap('map.merge', 'second', second)) merged.set(key, clone(value));
    return merged;
  }),

  // https://cloud.google.com/workflows/docs/reference/stdlib/map/merge_nested
  fn('map.merge_nested', ['first', 'second'], ([first, second]) => mergeNested(wantMap('map.merge_nested', 'first', first), wantMap('map.merge_nested', 'second', second))),

  // A copy without the key; a missing key is not an error (not verified).
  fn('map.delete', ['map', 'key'], ([map, key]) => {
    const copy = clone(wantMap('map.delete', 'map', map)) as WfMap;
    copy.delete(wantString('map.delete', 'key', key));
    return copy;
  }),

  // "Creates a copy of a list with a new element concatenated at the end"; TypeError if objs is not
  // a list (https://cloud.google.com/workflows/docs/reference/stdlib/list/concat).
  fn('list.concat', ['objs', 'val'], ([objs, val]) => [...clone(wantList('list.concat', 'objs', objs)) as WfValue[], clone(val!)]),
  fn('list.prepend', ['objs', 'val'], ([objs, val]) => [clone(val!), ...clone(wantList('list.prepend', 'objs', objs)) as WfValue[]]),

  // "Decodes given JSON bytes (assuming UTF-8), or a string"; ValueError if not valid JSON
  // (https://cloud.google.com/workflows/docs/reference/stdlib/json/decode).
  fn('json.decode', ['data'], ([data]) => {
    if (data instanceof Uint8Array) return parseJson(decodeUtf8('json.decode', data));
    return parseJson(wantString('json.decode', 'data', data));
  }),

  // "Encodes given input object to JSON bytes, using UTF-8 charset"
  // (https://cloud.google.com/workflows/docs/reference/stdlib/json/encode).
  fn('json.encode', ['data', opt('indent')], ([data, indent]) => new Uint8Array(Buffer.from(encodeJson(data!, jsonIndent('json.encode', indent)), 'utf8'))),
  fn('json.encode_to_string', ['data', opt('indent')], ([data, indent]) => encodeJson(data!, jsonIndent('json.encode_to_string', indent))),

  // "The carriage return (\r) and newline (\n) characters in the input are ignored"; ValueError
  // outside the alphabet or, with padding (default true), when not aligned to 4
  // (https://cloud.google.com/workflows/docs/reference/stdlib/base64/decode). Without padding,
  // `=` is refused too (stricter reading).
  fn('base64.decode', ['data', opt('padding')], ([data, padding]) => {
    const text = wantString('base64.decode', 'data', data).replace(/[\r\n]/g, '');
    const padded = padding === undefined ? true : wantBool('base64.decode', 'padding', padding);
    if (!BASE64.test(text)) throw valueError('base64.decode: characters outside the Base64 alphabet');
    if (padded && text.length % 4 !== 0) throw valueError('base64.decode: input not aligned to a multiple of 4 bytes');
    if (!padded && text.includes('=')) throw valueError('base64.decode: padding found with padding == false');
    if (text.length % 4 === 1) throw valueError('base64.decode: truncated input');
    return new Uint8Array(Buffer.from(text, 'base64'));
  }),

  // Bytes only (the stricter reading of "Encodes given bytes").
  fn('base64.encode', ['data', opt('padding')], ([data, padding]) => {
    const text = Buffer.from(wantBytes('base64.encode', 'data', data)).toString('base64');
    return padding === undefined || wantBool('base64.encode', 'padding', padding) ? text : text.replace(/=+$/, '');
  }),

  // "Supported algorithms: MD5, SHA1, SHA224, SHA256, SHA384, SHA512"; returns "The computed
  // checksum in bytes"; TypeError "If data is not in bytes, or if algorithm is not a string",
  // ValueError "If the provided hashing algorithm is not supported"
  // (https://cloud.google.com/workflows/docs/reference/stdlib/hash/compute_checksum). Whether the
  // names are case-insensitive is not said: only the documented spelling is accepted. There is no
  // hex module (hex digits are derived from base64.encode of the digest).
  fn('hash.compute_checksum', ['data', 'algorithm'], ([data, algorithm]) => {
    const bytes = wantBytes('hash.compute_checksum', 'data', data);
    const name = HASHES[wantString('hash.compute_checksum', 'algorithm', algorithm)];
    if (!name) throw valueError(`hash.compute_checksum: unknown algorithm ${algorithm}`);
    return new Uint8Array(createHash(name).update(bytes).digest());
  }),

  // Not verified: numbers in, the same type out (floor gives an int).
  fn('math.abs', ['x'], ([x]) => {
    wantNumber('math.abs', 'x', x);
    return typeof x === 'bigint' ? (x < 0n ? -x : x) : Math.abs(x as number);
  }),
  fn('math.floor', ['x'], ([x]) => (typeof x === 'bigint' ? x : BigInt(Math.floor(wantNumber('math.floor', 'x', x))))),
  fn('math.max', ['x', 'y'], ([x, y]) => (wantNumber('math.max', 'x', x) >= wantNumber('math.max', 'y', y) ? x! : y!)),
  fn('math.min', ['x', 'y'], ([x, y]) => (wantNumber('math.min', 'x', x) <= wantNumber('math.min', 'y', y) ? x! : y!)),
];
