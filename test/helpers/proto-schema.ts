/**
 * Strict validation of Vertex AI v1 REST request bodies (proto3 JSON mapping) against the official
 * protobuf descriptors shipped by the `@google-cloud/aiplatform` dev dependency.
 *
 * The schema is `build/protos/protos.json` (a protobufjs JSON descriptor), read once with
 * `JSON.parse` — protobufjs / google-gax are deliberately not loaded (too slow for tests).
 *
 * protos.json is lossy in two ways that matter here, so the `.proto` sources shipped next to it
 * (`build/protos/google/cloud/aiplatform/v1/*.proto`) are scanned as a supplement when present:
 * - a field with several `(google.api.field_behavior)` annotations keeps only the LAST one in
 *   protos.json (e.g. `ModelContainerSpec.image_uri` is `REQUIRED, IMMUTABLE` in the .proto but
 *   just `"IMMUTABLE"` in protos.json; `Model.checkpoints` is `OUTPUT_ONLY, OPTIONAL` but just
 *   `"OPTIONAL"`). The supplement restores the full set, matched by field number.
 * - protos.json field keys are protobufjs' camelCase of the proto name, which can differ from the
 *   proto3 JSON name (protoc's `ToJsonName`, or an explicit `json_name`) for names like `foo_2bar`.
 *   With the supplement, the JSON name is computed the protoc way from the proto field name.
 *
 * Rules (every violation is one problem string `path: message`):
 * - keys must be JSON names of fields of the message; unknown keys are errors;
 * - properties whose value is `undefined` are treated as absent (JSON.stringify drops them);
 * - `null` is only accepted where the type is `google.protobuf.Value` / `NullValue` (proto3 JSON
 *   would also read it as "default" elsewhere, but our bodies should simply omit the field);
 * - scalars: string; bool; 32-bit integers as integral numbers in range (or decimal strings);
 *   64-bit integers as safe integral numbers or decimal strings, in range; double/float as finite
 *   numbers (or "NaN" / "Infinity" / "-Infinity"); bytes as base64 (standard or URL-safe);
 * - enums: a value name; a number is reported too (bodies must use names);
 * - repeated → array; map → object (keys checked against the key type) of value-type values;
 * - well-known types: Duration, Timestamp (RFC 3339), Struct, Value, ListValue, wrappers, Any
 *   (object with "@type"; validated further when the type is known), FieldMask, Empty;
 * - at most one member of each oneof;
 * - OUTPUT_ONLY fields must not be sent;
 * - REQUIRED fields must be present in every message object that is present; a present required
 *   string must not be "" and a required repeated/map field must not be empty (both are the same
 *   as unset in proto3). Required numbers/bools/enums are accepted with any value once present.
 */
import { existsSync, readdirSync, readFileSync } from 'fs';
import { dirname, join } from 'path';

/** Package of the types `validateAgainstProto` accepts by short name. */
const V1 = 'google.cloud.aiplatform.v1';

// ---------------------------------------------------------------------------------------------
// Raw protobufjs JSON descriptor shapes.

interface RawField {
  type: string;
  id: number;
  rule?: string;
  keyType?: string;
  options?: { [option: string]: unknown };
}

interface RawNode {
  nested?: { [name: string]: RawNode };
  fields?: { [name: string]: RawField };
  oneofs?: { [name: string]: { oneof: string[] } };
  values?: { [name: string]: number };
  methods?: unknown;
  extend?: string;
}

type NodeKind = 'namespace' | 'message' | 'enum' | 'service' | 'extension';

function kindOf(node: RawNode): NodeKind {
  if (node.extend !== undefined) return 'extension';
  if (node.fields !== undefined) return 'message';
  if (node.values !== undefined) return 'enum';
  if (node.methods !== undefined) return 'service';
  return 'namespace';
}

// ---------------------------------------------------------------------------------------------
// Compiled schema.

const SCALARS = new Set([
  'double', 'float', 'int32', 'int64', 'uint32', 'uint64', 'sint32', 'sint64',
  'fixed32', 'fixed64', 'sfixed32', 'sfixed64', 'bool', 'string', 'bytes',
]);

type TypeRef = { kind: 'scalar'; name: string } | { kind: 'enum'; name: string } | { kind: 'message'; name: string };

interface CompiledField {
  /** proto3 JSON name (the key in a request body). */
  readonly jsonName: string;
  /** Field name as written in the .proto (snake_case), when the .proto source was available. */
  readonly protoName?: string;
  readonly type: TypeRef;
  readonly repeated: boolean;
  /** Key type of a map field. */
  readonly keyType?: string;
  /** All `(google.api.field_behavior)` annotations. */
  readonly behaviors: ReadonlySet<string>;
  /** Name of the real (non-synthetic) oneof the field belongs to. */
  readonly oneof?: string;
}

interface CompiledMessage {
  readonly fullName: string;
  readonly label: string;
  /** Fields by JSON name. */
  readonly fields: ReadonlyMap<string, CompiledField>;
  /** Real oneofs (proto3 `optional` synthetic oneofs, named `_field`, are left out). */
  readonly oneofs: ReadonlyArray<{ name: string; members: string[] }>;
}

interface CompiledEnum {
  readonly fullName: string;
  readonly label: string;
  readonly names: ReadonlySet<string>;
  readonly byNumber: ReadonlyMap<number, string>;
}

interface Schema {
  readonly protosDir: string;
  readonly index: Map<string, { kind: NodeKind; node: RawNode }>;
  readonly messages: Map<string, CompiledMessage>;
  readonly enums: Map<string, CompiledEnum>;
  /** Per package: message full name → field number → facts scanned from the .proto sources. */
  readonly protoSources: Map<string, Map<string, Map<number, ProtoSourceField>>>;
}

let cached: Schema | undefined;

/** The descriptor, loaded and indexed on first use. */
function schema(): Schema {
  if (cached) return cached;
  const pkgJson = require.resolve('@google-cloud/aiplatform/package.json');
  const protosDir = join(dirname(pkgJson), 'build', 'protos');
  const root = JSON.parse(readFileSync(join(protosDir, 'protos.json'), 'utf8')) as RawNode;
  const index = new Map<string, { kind: NodeKind; node: RawNode }>();
  const walk = (node: RawNode, prefix: string): void => {
    for (const [name, child] of Object.entries(node.nested ?? {})) {
      const full = prefix ? `${prefix}.${name}` : name;
      index.set(full, { kind: kindOf(child), node: child });
      walk(child, full);
    }
  };
  walk(root, '');
  cached = { protosDir, index, messages: new Map(), enums: new Map(), protoSources: new Map() };
  return cached;
}

const parentScope = (scope: string): string => scope.slice(0, Math.max(0, scope.lastIndexOf('.')));

/** Short label of a type: relative to the v1 package when inside it. */
const labelOf = (fullName: string): string => (fullName.startsWith(`${V1}.`) ? fullName.slice(V1.length + 1) : fullName);

/**
 * Resolves a type reference from a field of message `scope` with protobuf scoping rules: the first
 * component is looked up in the message itself, then in each enclosing scope outward; the rest of
 * a dotted reference is resolved inside what the first component bound to.
 */
function resolveType(ref: string, scope: string): TypeRef {
  if (SCALARS.has(ref)) return { kind: 'scalar', name: ref };
  const { index } = schema();
  const asType = (full: string): TypeRef | undefined => {
    const entry = index.get(full);
    if (entry?.kind === 'message') return { kind: 'message', name: full };
    if (entry?.kind === 'enum') return { kind: 'enum', name: full };
    return undefined;
  };
  if (ref.startsWith('.')) {
    const found = asType(ref.slice(1));
    if (found) return found;
    throw new Error(`proto-schema: cannot resolve type ${ref}`);
  }
  const dot = ref.indexOf('.');
  const first = dot < 0 ? ref : ref.slice(0, dot);
  const rest = dot < 0 ? '' : ref.slice(dot);
  for (let s = scope; ; s = parentScope(s)) {
    const candidate = s ? `${s}.${first}` : first;
    const bound = index.get(candidate);
    if (bound) {
      const found = asType(candidate + rest);
      if (found) return found;
      // protoc: once the first component binds to a scope-like symbol, the reference is final.
      if (bound.kind === 'namespace' || bound.kind === 'message') {
        throw new Error(`proto-schema: cannot resolve type ${ref} from ${scope}`);
      }
    }
    if (!s) break;
  }
  throw new Error(`proto-schema: cannot resolve type ${ref} from ${scope}`);
}

/** protoc's `ToJsonName`: drop underscores, upper-casing the character after each one. */
function toJsonName(protoName: string): string {
  let out = '';
  let upper = false;
  for (const c of protoName) {
    if (c === '_') upper = true;
    else {
      out += upper ? c.toUpperCase() : c;
      upper = false;
    }
  }
  return out;
}

function packageOf(fullName: string): string {
  const { index } = schema();
  let s = parentScope(fullName);
  while (s && index.get(s)?.kind !== 'namespace') s = parentScope(s);
  return s;
}

function behaviorsFromOptions(options: RawField['options']): string[] {
  const raw = options?.['(google.api.field_behavior)'];
  if (raw === undefined) return [];
  return (Array.isArray(raw) ? raw : [raw]).map(String);
}

function compileMessage(fullName: string): CompiledMessage {
  const s = schema();
  const hit = s.messages.get(fullName);
  if (hit) return hit;
  const entry = s.index.get(fullName);
  if (entry?.kind !== 'message') throw new Error(`proto-schema: ${fullName} is not a message`);
  const node = entry.node;
  const source = protoSourceFields(packageOf(fullName)).get(fullName);
  const oneofOf = new Map<string, string>();
  const oneofs: Array<{ name: string; members: string[] }> = [];
  for (const [name, { oneof }] of Object.entries(node.oneofs ?? {})) {
    const synthetic = oneof.length === 1 && node.fields?.[oneof[0]]?.options?.proto3_optional === true;
    if (synthetic) continue;
    oneofs.push({ name, members: [] });
    for (const member of oneof) oneofOf.set(member, name);
  }
  const fields = new Map<string, CompiledField>();
  for (const [key, raw] of Object.entries(node.fields ?? {})) {
    const src = source?.get(raw.id);
    const jsonName = src ? (src.jsonName ?? toJsonName(src.name)) : key;
    const behaviors = new Set([...behaviorsFromOptions(raw.options), ...(src?.behaviors ?? [])]);
    const oneof = oneofOf.get(key);
    fields.set(jsonName, {
      jsonName,
      protoName: src?.name,
      type: resolveType(raw.type, fullName),
      repeated: raw.rule === 'repeated',
      keyType: raw.keyType,
      behaviors,
      oneof,
    });
    if (oneof) oneofs.find((o) => o.name === oneof)!.members.push(jsonName);
  }
  const compiled: CompiledMessage = { fullName, label: labelOf(fullName), fields, oneofs };
  s.messages.set(fullName, compiled);
  return compiled;
}

function compileEnum(fullName: string): CompiledEnum {
  const s = schema();
  const hit = s.enums.get(fullName);
  if (hit) return hit;
  const values = s.index.get(fullName)!.node.values ?? {};
  const byNumber = new Map<number, string>();
  for (const [name, n] of Object.entries(values)) if (!byNumber.has(n)) byNumber.set(n, name);
  const compiled: CompiledEnum = { fullName, label: labelOf(fullName), names: new Set(Object.keys(values)), byNumber };
  s.enums.set(fullName, compiled);
  return compiled;
}

// ---------------------------------------------------------------------------------------------
// Supplement: field names and all field_behavior annotations from the shipped .proto sources.

interface ProtoSourceField {
  readonly name: string;
  readonly jsonName?: string;
  readonly behaviors: readonly string[];
}

/** Fields declared in the .proto files of one package (empty when the sources are not shipped). */
function protoSourceFields(pkg: string): Map<string, Map<number, ProtoSourceField>> {
  const s = schema();
  const hit = s.protoSources.get(pkg);
  if (hit) return hit;
  const result = new Map<string, Map<number, ProtoSourceField>>();
  const dir = join(s.protosDir, ...pkg.split('.'));
  if (pkg && existsSync(dir)) {
    for (const file of readdirSync(dir)) {
      if (file.endsWith('.proto')) scanProto(readFileSync(join(dir, file), 'utf8'), pkg, result);
    }
  }
  s.protoSources.set(pkg, result);
  return result;
}

/**
 * A small scanner for the parts of proto syntax needed here: package, (nested) message / oneof
 * scopes and field declarations with their `[...]` options. Comments are dropped and string
 * literals replaced by `"<n>"` placeholders first, so braces inside strings and text-format option
 * values do not disturb scope tracking.
 */
function scanProto(text: string, pkg: string, into: Map<string, Map<number, ProtoSourceField>>): void {
  const strings: string[] = [];
  const src = text.replace(/\/\/[^\n]*|\/\*[\s\S]*?\*\/|"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'/g, (m) => {
    if (m.startsWith('/')) return ' ';
    strings.push(m.slice(1, -1));
    return `"${strings.length - 1}"`;
  });
  const filePkg = /(?:^|[;}\s])package\s+([\w.]+)\s*;/.exec(src)?.[1];
  if (filePkg !== pkg) return;
  const stack: Array<{ kind: string; name: string }> = [];
  let buffer = '';
  let brackets = 0;
  const fieldRe = /^(?:(?:repeated|optional|required)\s+)?(?:map\s*<[^>]*>|[\w.]+)\s+(\w+)\s*=\s*(\d+)\s*(?:\[([\s\S]*)\])?$/;
  for (const token of src.match(/[{}[\];]|[^{}[\];]+/g) ?? []) {
    if (token === '[') brackets++;
    else if (token === ']') brackets--;
    if (brackets > 0 || token === ']' || token === '[') {
      buffer += token;
      continue;
    }
    if (token === '{') {
      const m = /^(message|enum|oneof|service|extend)\s+([\w.]+)$/.exec(buffer.trim());
      stack.push(m ? { kind: m[1], name: m[2] } : { kind: 'other', name: '' });
      buffer = '';
    } else if (token === '}') {
      stack.pop();
      buffer = '';
    } else if (token === ';') {
      const statement = buffer.trim();
      buffer = '';
      const top = stack[stack.length - 1];
      if (!top || (top.kind !== 'message' && top.kind !== 'oneof')) continue;
      const m = fieldRe.exec(statement);
      if (!m) continue;
      const options = m[3] ?? '';
      const behaviors = [...options.matchAll(/\(\s*google\.api\.field_behavior\s*\)\s*=\s*([A-Z_]+)/g)].map((b) => b[1]);
      const jsonOpt = /(?:^|[\s,])json_name\s*=\s*"(\d+)"/.exec(options);
      const path = stack.filter((f) => f.kind === 'message').map((f) => f.name);
      const message = `${pkg}.${path.join('.')}`;
      if (!into.has(message)) into.set(message, new Map());
      into.get(message)!.set(Number(m[2]), {
        name: m[1],
        jsonName: jsonOpt ? strings[Number(jsonOpt[1])] : undefined,
        behaviors,
      });
    } else {
      buffer += token;
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Validation.

const INT_RANGES: { [type: string]: [bigint, bigint, boolean] } = {
  int32: [-(2n ** 31n), 2n ** 31n - 1n, false],
  sint32: [-(2n ** 31n), 2n ** 31n - 1n, false],
  sfixed32: [-(2n ** 31n), 2n ** 31n - 1n, false],
  uint32: [0n, 2n ** 32n - 1n, false],
  fixed32: [0n, 2n ** 32n - 1n, false],
  int64: [-(2n ** 63n), 2n ** 63n - 1n, true],
  sint64: [-(2n ** 63n), 2n ** 63n - 1n, true],
  sfixed64: [-(2n ** 63n), 2n ** 63n - 1n, true],
  uint64: [0n, 2n ** 64n - 1n, true],
  fixed64: [0n, 2n ** 64n - 1n, true],
};

const WRAPPERS: { [fullName: string]: string } = {
  'google.protobuf.DoubleValue': 'double',
  'google.protobuf.FloatValue': 'float',
  'google.protobuf.Int64Value': 'int64',
  'google.protobuf.UInt64Value': 'uint64',
  'google.protobuf.Int32Value': 'int32',
  'google.protobuf.UInt32Value': 'uint32',
  'google.protobuf.BoolValue': 'bool',
  'google.protobuf.StringValue': 'string',
  'google.protobuf.BytesValue': 'bytes',
};

const FLOAT_MAX = 3.4028234663852886e38;
const DURATION_RE = /^-?(\d+)(\.\d{1,9})?s$/;
const DURATION_MAX_SECONDS = 315_576_000_000;
const TIMESTAMP_RE = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d{1,9})?(Z|([+-])(\d{2}):(\d{2}))$/;
const BASE64_RE = /^[A-Za-z0-9+/_-]*={0,2}$/;
const IDENTIFIER_RE = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

type Problems = string[];

const at = (path: string): string => path || '(root)';
const child = (path: string, key: string): string => (path ? `${path}.${key}` : key);
const mapChild = (path: string, key: string): string =>
  IDENTIFIER_RE.test(key) ? child(path, key) : `${path}[${JSON.stringify(key)}]`;

function show(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return `string ${JSON.stringify(value.length > 60 ? `${value.slice(0, 57)}...` : value)}`;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return `${typeof value} ${String(value)}`;
  return typeof value === 'object' ? 'an object' : typeof value;
}

function isPlainObject(value: unknown): value is { [key: string]: unknown } {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/** Own keys whose value is not `undefined` (what JSON.stringify would emit). */
const presentKeys = (obj: { [key: string]: unknown }): string[] => Object.keys(obj).filter((k) => obj[k] !== undefined);

function checkInteger(type: string, value: unknown, path: string, out: Problems): void {
  const [min, max, is64] = INT_RANGES[type];
  let n: bigint;
  if (typeof value === 'number') {
    if (!Number.isInteger(value)) {
      out.push(`${at(path)}: expected ${type} (an integer), got ${show(value)}`);
      return;
    }
    if (is64 && !Number.isSafeInteger(value)) {
      out.push(`${at(path)}: ${type} ${value} is beyond 2^53 as a JSON number; send it as a decimal string`);
      return;
    }
    n = BigInt(value);
  } else if (typeof value === 'string' && /^-?\d+$/.test(value)) {
    n = BigInt(value);
  } else {
    out.push(`${at(path)}: expected ${type} (an integer number or decimal string), got ${show(value)}`);
    return;
  }
  if (n < min || n > max) out.push(`${at(path)}: ${type} value ${String(value)} is out of range [${min}, ${max}]`);
}

function checkScalar(type: string, value: unknown, path: string, out: Problems): void {
  switch (type) {
    case 'string':
      if (typeof value !== 'string') out.push(`${at(path)}: expected string, got ${show(value)}`);
      return;
    case 'bool':
      if (typeof value !== 'boolean') out.push(`${at(path)}: expected bool (true/false), got ${show(value)}`);
      return;
    case 'double':
    case 'float':
      if (typeof value === 'string' && (value === 'NaN' || value === 'Infinity' || value === '-Infinity')) return;
      if (typeof value !== 'number' || !Number.isFinite(value)) {
        out.push(`${at(path)}: expected ${type} (a finite number), got ${show(value)}`);
      } else if (type === 'float' && Math.abs(value) > FLOAT_MAX) {
        out.push(`${at(path)}: float value ${value} is out of range`);
      }
      return;
    case 'bytes': {
      const ok =
        typeof value === 'string' &&
        BASE64_RE.test(value) &&
        (value.includes('=') ? value.length % 4 === 0 : value.length % 4 !== 1);
      if (!ok) out.push(`${at(path)}: expected bytes (a base64 string), got ${show(value)}`);
      return;
    }
    default:
      checkInteger(type, value, path, out);
  }
}

function checkEnum(fullName: string, value: unknown, path: string, out: Problems): void {
  if (fullName === 'google.protobuf.NullValue') {
    if (value !== null && value !== 'NULL_VALUE') out.push(`${at(path)}: expected null (google.protobuf.NullValue), got ${show(value)}`);
    return;
  }
  const e = compileEnum(fullName);
  if (typeof value === 'string') {
    if (!e.names.has(value)) out.push(`${at(path)}: ${JSON.stringify(value)} is not a value of enum ${e.label}`);
  } else if (typeof value === 'number' && Number.isInteger(value)) {
    const name = e.byNumber.get(value);
    out.push(
      name === undefined
        ? `${at(path)}: ${value} is not a value of enum ${e.label}`
        : `${at(path)}: enum ${e.label} given as number ${value}; send the value name ${JSON.stringify(name)}`,
    );
  } else {
    out.push(`${at(path)}: expected a value name of enum ${e.label}, got ${show(value)}`);
  }
}

/** Any JSON value (google.protobuf.Value). */
function checkJson(value: unknown, path: string, out: Problems): void {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) out.push(`${at(path)}: ${value} is not representable in JSON`);
  } else if (Array.isArray(value)) {
    value.forEach((item, i) => {
      if (item === undefined) out.push(`${path}[${i}]: undefined is not a JSON value`);
      else checkJson(item, `${path}[${i}]`, out);
    });
  } else if (isPlainObject(value)) {
    for (const key of presentKeys(value)) checkJson(value[key], mapChild(path, key), out);
  } else {
    out.push(`${at(path)}: expected a JSON value, got ${show(value)}`);
  }
}

function checkTimestamp(value: unknown, path: string, out: Problems): void {
  const m = typeof value === 'string' ? TIMESTAMP_RE.exec(value) : null;
  if (m) {
    const [year, month, day, hour, minute, second] = m.slice(1, 7).map(Number);
    const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
    const offsetOk = m[8] === 'Z' || (Number(m[10]) <= 23 && Number(m[11]) <= 59);
    if (year >= 1 && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth && hour <= 23 && minute <= 59 && second <= 59 && offsetOk) {
      return;
    }
  }
  out.push(`${at(path)}: expected google.protobuf.Timestamp (RFC 3339, e.g. "2025-01-31T12:00:00Z"), got ${show(value)}`);
}

/** Checks a well-known type with a special JSON form; false when `fullName` is not one. */
function checkWellKnown(fullName: string, value: unknown, path: string, out: Problems): boolean {
  const wrapped = WRAPPERS[fullName];
  if (wrapped) {
    checkScalar(wrapped, value, path, out);
    return true;
  }
  switch (fullName) {
    case 'google.protobuf.Duration': {
      const m = typeof value === 'string' ? DURATION_RE.exec(value) : null;
      if (!m) out.push(`${at(path)}: expected google.protobuf.Duration (e.g. "3600s" or "1.5s"), got ${show(value)}`);
      else if (Number(m[1]) > DURATION_MAX_SECONDS) out.push(`${at(path)}: google.protobuf.Duration ${String(value)} is out of range`);
      return true;
    }
    case 'google.protobuf.Timestamp':
      checkTimestamp(value, path, out);
      return true;
    case 'google.protobuf.Struct':
      if (!isPlainObject(value)) out.push(`${at(path)}: expected google.protobuf.Struct (a JSON object), got ${show(value)}`);
      else checkJson(value, path, out);
      return true;
    case 'google.protobuf.Value':
      checkJson(value, path, out);
      return true;
    case 'google.protobuf.ListValue':
      if (!Array.isArray(value)) out.push(`${at(path)}: expected google.protobuf.ListValue (a JSON array), got ${show(value)}`);
      else checkJson(value, path, out);
      return true;
    case 'google.protobuf.FieldMask':
      if (typeof value !== 'string' || (value !== '' && !value.split(',').every((p) => /^[A-Za-z][A-Za-z0-9]*(\.[A-Za-z][A-Za-z0-9]*)*$/.test(p)))) {
        out.push(`${at(path)}: expected google.protobuf.FieldMask (comma-separated lowerCamelCase paths), got ${show(value)}`);
      }
      return true;
    case 'google.protobuf.Empty':
      if (!isPlainObject(value) || presentKeys(value).length > 0) out.push(`${at(path)}: expected google.protobuf.Empty ({}), got ${show(value)}`);
      return true;
    case 'google.protobuf.Any':
      checkAny(value, path, out);
      return true;
    default:
      return false;
  }
}

const SPECIAL_JSON = new Set([
  ...Object.keys(WRAPPERS),
  'google.protobuf.Duration', 'google.protobuf.Timestamp', 'google.protobuf.Struct', 'google.protobuf.Value',
  'google.protobuf.ListValue', 'google.protobuf.FieldMask', 'google.protobuf.Any',
]);

function checkAny(value: unknown, path: string, out: Problems): void {
  if (!isPlainObject(value) || typeof value['@type'] !== 'string') {
    out.push(`${at(path)}: expected google.protobuf.Any (an object with a string "@type"), got ${show(value)}`);
    return;
  }
  const url = value['@type'];
  const target = url.slice(url.lastIndexOf('/') + 1);
  if (schema().index.get(target)?.kind !== 'message') return; // a type we cannot see: nothing more to check
  if (SPECIAL_JSON.has(target)) {
    for (const key of presentKeys(value)) {
      if (key !== '@type' && key !== 'value') out.push(`${child(path, key)}: unknown field of google.protobuf.Any`);
    }
    if (value.value === undefined) out.push(`${child(path, 'value')}: google.protobuf.Any of ${target} needs "value"`);
    else checkWellKnown(target, value.value, child(path, 'value'), out);
    return;
  }
  checkMessage(compileMessage(target), value, path, out, '@type');
}

function checkElement(type: TypeRef, value: unknown, path: string, out: Problems): void {
  if (value === null && type.name !== 'google.protobuf.Value' && type.name !== 'google.protobuf.NullValue') {
    out.push(`${at(path)}: null is not allowed here (omit the field instead)`);
    return;
  }
  if (type.kind === 'scalar') checkScalar(type.name, value, path, out);
  else if (type.kind === 'enum') checkEnum(type.name, value, path, out);
  else if (!checkWellKnown(type.name, value, path, out)) checkMessage(compileMessage(type.name), value, path, out);
}

function checkMapKey(keyType: string, key: string, path: string, out: Problems): void {
  if (keyType === 'string') return;
  if (keyType === 'bool') {
    if (key !== 'true' && key !== 'false') out.push(`${at(path)}: map key ${JSON.stringify(key)} is not a bool`);
    return;
  }
  const problems: Problems = [];
  checkInteger(keyType, key, path, problems);
  if (problems.length > 0) out.push(`${at(path)}: map key ${JSON.stringify(key)} is not a ${keyType}`);
}

function checkField(field: CompiledField, value: unknown, path: string, out: Problems): void {
  if (field.keyType !== undefined) {
    if (!isPlainObject(value)) {
      out.push(`${at(path)}: expected map<${field.keyType}, ${labelOfType(field.type)}> (a JSON object), got ${show(value)}`);
      return;
    }
    for (const key of presentKeys(value)) {
      const p = mapChild(path, key);
      checkMapKey(field.keyType, key, p, out);
      checkElement(field.type, value[key], p, out);
    }
  } else if (field.repeated) {
    if (!Array.isArray(value)) {
      out.push(`${at(path)}: expected repeated ${labelOfType(field.type)} (a JSON array), got ${show(value)}`);
      return;
    }
    value.forEach((item, i) => {
      if (item === undefined) out.push(`${path}[${i}]: undefined array element (serialized as null)`);
      else checkElement(field.type, item, `${path}[${i}]`, out);
    });
  } else {
    checkElement(field.type, value, path, out);
  }
}

const labelOfType = (type: TypeRef): string => (type.kind === 'scalar' ? type.name : labelOf(type.name));

function checkMessage(msg: CompiledMessage, value: unknown, path: string, out: Problems, skipKey?: string): void {
  if (!isPlainObject(value)) {
    out.push(`${at(path)}: expected ${msg.label} (a JSON object), got ${show(value)}`);
    return;
  }
  const present = new Set(presentKeys(value));
  for (const key of present) {
    if (key === skipKey) continue;
    const p = child(path, key);
    const field = msg.fields.get(key);
    if (!field) {
      const camel = toJsonName(key);
      const hint = camel !== key && msg.fields.has(camel) ? ` (proto3 JSON name is ${JSON.stringify(camel)})` : '';
      out.push(`${p}: unknown field of ${msg.label}${hint}`);
    } else if (field.behaviors.has('OUTPUT_ONLY')) {
      out.push(`${p}: OUTPUT_ONLY field of ${msg.label} must not be sent`);
    } else {
      checkField(field, value[key], p, out);
    }
  }
  for (const oneof of msg.oneofs) {
    const set = oneof.members.filter((m) => present.has(m));
    if (set.length > 1) {
      out.push(`${at(path)}: oneof ${oneof.name} of ${msg.label} has ${set.length} members set (${set.join(', ')}); at most one is allowed`);
    }
  }
  for (const field of msg.fields.values()) {
    if (!field.behaviors.has('REQUIRED') || field.behaviors.has('OUTPUT_ONLY')) continue;
    const p = child(path, field.jsonName);
    const v = value[field.jsonName];
    if (v === undefined) {
      const group = field.oneof ? msg.oneofs.find((o) => o.name === field.oneof) : undefined;
      if (group && group.members.some((m) => present.has(m))) continue; // another member of its oneof is set
      out.push(`${p}: REQUIRED field of ${msg.label} is missing`);
    } else if ((field.repeated || field.keyType !== undefined) && (Array.isArray(v) ? v.length === 0 : isPlainObject(v) && presentKeys(v).length === 0)) {
      out.push(`${p}: REQUIRED field of ${msg.label} is empty (same as unset in proto3)`);
    } else if (!field.repeated && field.type.kind === 'scalar' && (field.type.name === 'string' || field.type.name === 'bytes') && v === '') {
      out.push(`${p}: REQUIRED field of ${msg.label} is an empty string (same as unset in proto3)`);
    }
  }
}

function messageFullName(typeName: string): string {
  const { index } = schema();
  const name = typeName.startsWith('.') ? typeName.slice(1) : typeName;
  for (const candidate of [`${V1}.${name}`, name]) {
    if (index.get(candidate)?.kind === 'message') return candidate;
  }
  throw new Error(`proto-schema: no message ${typeName} (in ${V1} or fully qualified)`);
}

/**
 * Problems of a JSON request body (proto3 JSON mapping) against a Vertex AI v1 message; `[]` when
 * valid. `typeName` is a v1 name like `'CustomJob'`, `'WorkerPoolSpec'` or
 * `'StudySpec.ParameterSpec'`, or a fully qualified name (`'google.protobuf.Duration'` works too).
 * Throws when the type does not exist.
 */
export function validateAgainstProto(typeName: string, body: unknown): string[] {
  const full = messageFullName(typeName);
  const out: Problems = [];
  checkElement({ kind: 'message', name: full }, body, '', out);
  return out;
}

/** Schema facts about one field (JSON name), for tests that pin what the proto says. */
export interface ProtoFieldFacts {
  readonly jsonName: string;
  readonly protoName?: string;
  /** Scalar name, or the fully qualified message / enum name. */
  readonly type: string;
  readonly repeated: boolean;
  readonly keyType?: string;
  readonly behaviors: string[];
  readonly oneof?: string;
}

/** Facts about every field of a message, by JSON name. */
export function protoFields(typeName: string): { [jsonName: string]: ProtoFieldFacts } {
  const msg = compileMessage(messageFullName(typeName));
  const result: { [jsonName: string]: ProtoFieldFacts } = {};
  for (const f of msg.fields.values()) {
    result[f.jsonName] = {
      jsonName: f.jsonName,
      protoName: f.protoName,
      type: f.type.name,
      repeated: f.repeated,
      keyType: f.keyType,
      behaviors: [...f.behaviors].sort(),
      oneof: f.oneof,
    };
  }
  return result;
}
