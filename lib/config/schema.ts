import { existsSync } from 'fs';
import { join } from 'path';
import type { ErrorObject, ValidateFunction } from 'ajv';
import { ConfigPath, ConfigProblem } from './errors';
import { TRAINING_CONFIG_SCHEMA } from './schema-generated';
import { ConfigSource, valueAt } from './source';
import { closest, listAnd, listOr } from '../core/words';

/** Where editors find the schema, relative to the package's root. */
export const SCHEMA_FILE_IN_PACKAGE = join('schema', 'training-config.schema.json');

/**
 * The schema file of the package: `<package>/schema/training-config.schema.json`, found from this
 * module in the sources (`lib/config`) and compiled (`dist/lib/config`); undefined when missing.
 */
export function schemaFilePath(): string | undefined {
  return [join(__dirname, '..', '..'), join(__dirname, '..', '..', '..')]
    .map((root) => join(root, SCHEMA_FILE_IN_PACKAGE))
    .find((path) => existsSync(path));
}

/** The schema as editors read it: indented JSON, ending with a newline. */
export function schemaText(): string {
  return `${JSON.stringify(TRAINING_CONFIG_SCHEMA, null, 2)}\n`;
}

type Json = { [key: string]: any };
const definitions = TRAINING_CONFIG_SCHEMA.definitions as Json;

/** Messages of the schema's patterns, which ajv would report as the bare regular expression. */
const PATTERN_MESSAGES: { [pattern: string]: string } = {
  [definitions.duration.pattern]: 'must be a duration: a whole number followed by s, m, h or d (e.g. 90m, 12h, 2d)',
  [definitions.jobName.pattern]: 'must be 2-40 lowercase letters, digits or hyphens, starting with a letter and ending with a letter or digit',
  [definitions.teamName.pattern]: 'must be 2-16 lowercase letters, digits or hyphens, starting with a letter and ending with a letter or digit',
  [definitions.envVarName.pattern]: 'is not a valid environment variable name: letters, digits and underscores, not starting with a digit',
};

let validator: ValidateFunction | undefined;

/** The compiled schema (compiled once per process). */
export function schemaValidator(): ValidateFunction {
  // ajv is loaded on first use: stacks that read no config file never pay for it.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const Ajv: typeof import('ajv').default = require('ajv').default;
  validator ??= new Ajv({ allErrors: true, verbose: true, strict: true }).compile(TRAINING_CONFIG_SCHEMA);
  return validator;
}

/**
 * Validates the file's data against the schema. Each problem names the file, the line and column of
 * the offending value (or key), the field path and what is allowed.
 */
export function schemaProblems(source: ConfigSource): ConfigProblem[] {
  const validate = schemaValidator();
  if (validate(source.data)) return [];
  return explain(validate.errors ?? [], source);
}

interface Condition {
  readonly instancePath: string;
  /** Schema path of the `allOf` entry holding the `if` (`#/allOf/0`). */
  readonly base: string;
  readonly ifSchema: Json;
}

function explain(errors: readonly ErrorObject[], source: ConfigSource): ConfigProblem[] {
  const conditions: Condition[] = [];
  const variantChoices: { instancePath: string; prefix: string }[] = [];
  for (const error of errors) {
    if (error.keyword === 'if') {
      conditions.push({ instancePath: error.instancePath, base: error.schemaPath.replace(/\/if$/, ''), ifSchema: (error.parentSchema as Json).if });
    }
    if (error.keyword === 'oneOf' && variantKeys(error.parentSchema as Json)) variantChoices.push({ instancePath: error.instancePath, prefix: `${error.schemaPath}/` });
  }
  const problems: ConfigProblem[] = [];
  const seen = new Set<string>();
  for (const error of errors) {
    if (error.keyword === 'if' || (error as { propertyName?: string }).propertyName !== undefined) continue;
    // The branches of a choice (`must have required property 'gpu'`, `... 'tpu'`) are told as one problem.
    if (variantChoices.some((c) => c.instancePath === error.instancePath && error.schemaPath.startsWith(c.prefix))) continue;
    const problem = explainOne(error, source, conditions);
    const id = `${problem.path}|${problem.message}`;
    if (seen.has(id)) continue;
    seen.add(id);
    problems.push(problem);
  }
  return problems;
}

function explainOne(error: ErrorObject, source: ConfigSource, conditions: readonly Condition[]): ConfigProblem {
  const path = pointerPath(error.instancePath, source.data);
  const params = error.params as Json;
  const parentSchema = (error.parentSchema ?? {}) as Json;
  switch (error.keyword) {
    case 'required': {
      const condition = conditionOf(error, conditions);
      const suffix = condition ? ` with ${describeActual(condition, source)}` : '';
      // Positioned at the object that lacks the property.
      return source.problem([...path, params.missingProperty], `is required${suffix}`);
    }
    case 'additionalProperties': {
      const allowed = Object.keys(parentSchema.properties ?? {});
      const property = params.additionalProperty as string;
      const guess = closest(property, allowed);
      const hint = guess ? ` (did you mean "${guess}"?)` : allowed.length > 0 ? ` (allowed: ${allowed.join(', ')})` : '';
      return source.problem([...path, property], `is not allowed${hint}`, true);
    }
    case 'false schema': {
      const condition = conditionOf(error, conditions);
      const branch = condition ? error.schemaPath.slice(condition.base.length + 1).split('/')[0] : undefined;
      const message = !condition ? 'is not allowed here'
        : branch === 'then' ? `is not allowed with ${describeActual(condition, source)}`
          : `is only allowed with ${describeCondition(condition.ifSchema)}`;
      return source.problem(path, message, true);
    }
    case 'type': {
      const expected = String(params.type);
      const value = valueAt(source.data, path);
      let hint = '';
      if (expected === 'string' && (typeof value === 'number' || typeof value === 'boolean')) {
        hint = ` (write it in quotes: "${source.sourceText(path) ?? String(value)}")`;
      }
      if (path.length === 0) return source.problem(path, 'the file must be a mapping with an `environment` and its `jobs`');
      return source.problem(path, `must be ${TYPE_NAMES[expected] ?? expected}${hint}`);
    }
    case 'enum': {
      const allowed = (params.allowedValues as unknown[]).map(String);
      const value = valueAt(source.data, path);
      const guess = typeof value === 'string' ? closest(value, allowed) : undefined;
      return source.problem(path, `must be one of: ${allowed.join(', ')}${guess ? ` (did you mean "${guess}"?)` : ''}`);
    }
    case 'const':
      return source.problem(path, `must be ${JSON.stringify(params.allowedValue)}`);
    case 'pattern':
      return source.problem(path, PATTERN_MESSAGES[params.pattern] ?? `must match the pattern ${params.pattern}`);
    case 'minimum':
      return source.problem(path, `must be at least ${params.limit}`);
    case 'maximum':
      return source.problem(path, `must be at most ${params.limit}`);
    case 'minItems':
      return source.problem(path, `must have at least ${params.limit} item${params.limit === 1 ? '' : 's'}`);
    case 'propertyNames': {
      const name = params.propertyName as string;
      const pattern = resolveRef(parentSchema.propertyNames)?.pattern;
      return source.problem([...path, name], PATTERN_MESSAGES[pattern] ?? 'is not a valid name', true);
    }
    case 'oneOf': {
      const keys = variantKeys(parentSchema);
      if (!keys) return source.problem(path, 'must match exactly one of its forms');
      const data = valueAt(source.data, path) as Json;
      const present = keys.filter((key) => data !== null && typeof data === 'object' && key in data);
      if (present.length === 0) return source.problem(path, `must have one of ${listOr(keys)}`);
      return source.problem([...path, present[1]], `cannot be combined with ${present[0]}: give only one of ${listOr(keys)}`, true);
    }
    default:
      return source.problem(path, error.message ?? `is not valid (${error.keyword})`);
  }
}

const TYPE_NAMES: { [type: string]: string } = {
  integer: 'an integer',
  number: 'a number',
  string: 'a string',
  boolean: 'true or false',
  array: 'a list',
  object: 'a mapping (key: value pairs)',
  null: 'empty',
};

/**
 * The keys of a `oneOf` whose branches each require one key: the variants of a choice (`gpu`, `tpu`,
 * `cpu`). A branch also declares its key (`"properties": { "gpu": true }`), as ajv's strict mode asks.
 */
function variantKeys(schema: Json | undefined): string[] | undefined {
  const branches = schema?.oneOf;
  if (!Array.isArray(branches)) return undefined;
  const keys: string[] = [];
  for (const branch of branches) {
    if (typeof branch !== 'object' || !Array.isArray(branch.required) || branch.required.length !== 1) return undefined;
    const key = branch.required[0];
    const declared = Object.entries(branch.properties ?? {});
    if (Object.keys(branch).some((k) => k !== 'required' && k !== 'properties') || declared.some(([k, v]) => k !== key || v !== true)) return undefined;
    keys.push(key);
  }
  return keys;
}

/** The properties a condition tests the value of; `"uri": true` only declares a required key. */
function testedProperties(ifSchema: Json): [string, Json][] {
  return (Object.entries(ifSchema.properties ?? {}) as [string, Json | boolean][]).filter((e): e is [string, Json] => e[1] !== true);
}

/** The `if` whose `then` or `else` produced `error`, if any (the innermost one). */
function conditionOf(error: ErrorObject, conditions: readonly Condition[]): Condition | undefined {
  return conditions
    .filter((c) => (error.schemaPath.startsWith(`${c.base}/then/`) || error.schemaPath.startsWith(`${c.base}/else/`))
      && (error.instancePath === c.instancePath || error.instancePath.startsWith(`${c.instancePath}/`)))
    .sort((a, b) => b.instancePath.length - a.instancePath.length)[0];
}

/** What the object has that made the condition hold: `kind: tuning`, `type: categorical`, `uri`. */
function describeActual(condition: Condition, source: ConfigSource): string {
  const properties = testedProperties(condition.ifSchema).map(([p]) => p);
  if (properties.length === 0) return listAnd(condition.ifSchema.required ?? []);
  const object = valueAt(source.data, pointerPath(condition.instancePath, source.data)) as Json;
  return properties.map((p) => `${p}: ${object?.[p]}`).join(', ');
}

/** What the condition asks for: `kind: tuning`, `type: double or integer`. */
function describeCondition(ifSchema: Json): string {
  const properties = testedProperties(ifSchema);
  if (properties.length === 0) return listAnd(ifSchema.required ?? []);
  return properties.map(([p, s]) => `${p}: ${s.const !== undefined ? s.const : listOr((s.enum ?? []).map(String))}`).join(', ');
}

function resolveRef(schema: Json | undefined): Json | undefined {
  const ref = schema?.$ref;
  if (typeof ref !== 'string') return schema;
  return definitions[ref.replace('#/definitions/', '')];
}

/** A JSON pointer as a config path; indexes of lists become numbers. */
function pointerPath(pointer: string, data: unknown): ConfigPath {
  if (pointer === '') return [];
  const path: (string | number)[] = [];
  let current = data;
  for (const raw of pointer.slice(1).split('/')) {
    const segment = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    const key: string | number = Array.isArray(current) ? Number(segment) : segment;
    path.push(key);
    current = current !== null && typeof current === 'object' ? (current as Json)[key] : undefined;
  }
  return path;
}
