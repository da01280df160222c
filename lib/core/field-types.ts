import { Token, Tokenization } from 'cdktf';
import type { IConstruct } from 'constructs';
import { FieldProblem, throwProblems } from './validation';
import { closest, listAnd } from './words';

/**
 * Runtime types of the public inputs. TypeScript checks them at compile time, but JavaScript, the
 * config front end and a careless `as any` do not: a number where a string belongs, a missing
 * object or a plain object where a `WorkerPool` belongs would otherwise surface as a `TypeError`
 * deep inside the library, or be coerced silently. Each construct checks its props against its
 * input type first and throws every type problem at once, in the one-line form of every other
 * problem (`stack/job: workerPools.primary.gpusPerReplica "2" is not valid: must be a number (write 2, not "2")`).
 *
 * Strings are also checked for what a program turns into text by mistake: `[object Object]`, the
 * path of a construct (a construct used in a template string), a Terraform expression written as
 * text (`${google_storage_bucket.data.name}`, which would reach Vertex AI as these characters), and
 * cdktf tokens that no longer resolve. Shell-style `${AIP_MODEL_DIR}` stays allowed: it reaches
 * Vertex AI unchanged, for the training program to expand.
 *
 * Value factories (`WorkerPool.gpu`, `Trigger.schedule`, `Duration.hours`, ...) have no construct to
 * report to: they record their input with {@link withInput}, and the construct that receives the
 * value checks it under its own field (`triggers[0].cron`).
 *
 * The types of the public props are not written by hand: lib/core/input-types.ts is generated from
 * the props interfaces (test/helpers/input-types/generate.ts).
 */

/** What the checks know about where the input goes. */
export interface InputContext {
  /** The root of the construct tree, to recognise construct paths in strings. */
  readonly root?: IConstruct;
}

/** The runtime type of one input field. */
export interface FieldType {
  /** What the field holds, in words, after "must be": `a string`, `a list of strings`. */
  readonly expected: string;
  /** The TypeScript spelling of the type (`string[]`), compared with the declared props in the tests. */
  readonly signature: string;
  /** The problems of `value` at `field`. */
  problems(field: string, value: unknown, context: InputContext): FieldProblem[];
}

/** An object type: the fields of a props interface. */
export interface StructType extends FieldType {
  /** The interface it mirrors (`TrainingEnvironmentProps`). */
  readonly name: string;
  readonly fields: { readonly [name: string]: FieldType };
}

/** A field that may be left out. */
export interface OptionalType extends FieldType {
  readonly optional: true;
  readonly inner: FieldType;
}

/** A list, or an object of values by name. */
export interface CollectionType extends FieldType {
  readonly item: FieldType;
}

/** `prefix.name`, `prefix[0]`, or `name` alone. */
export function joinField(prefix: string, name: string): string {
  if (prefix === '') return name;
  if (name === '') return prefix;
  return name.startsWith('[') ? `${prefix}${name}` : `${prefix}.${name}`;
}

const problem = (field: string, value: unknown, allowed: string): FieldProblem[] => [{ field, value, allowed }];

/** Options of {@link text}. */
export interface TextOptions {
  /**
   * Whether the value must be known at synth: a cdktf token (a Terraform reference) is refused.
   * @default false
   */
  readonly literal?: boolean;
}

/** A string: also checked for objects, constructs and expressions turned into text (see above). */
export function text(options: TextOptions = {}): FieldType {
  return {
    expected: 'a string',
    signature: 'string',
    problems(field, value, context) {
      if (typeof value !== 'string') return problem(field, value, `must be a string${notAString(value)}`);
      const found = textProblem(value, context, options.literal ?? false);
      return found === undefined ? [] : problem(field, value, found);
    },
  };
}

/** A string that may hold cdktf tokens. */
export const STRING: FieldType = text();
/** A string known at synth (no cdktf token). */
export const LITERAL: FieldType = text({ literal: true });

/** A number (a cdktf number token is a number too). */
export const NUMBER: FieldType = {
  expected: 'a number',
  signature: 'number',
  problems(field, value) {
    if (typeof value === 'number') return [];
    const hint = typeof value === 'string' && value.trim() !== '' && !Number.isNaN(Number(value)) ? ` (write ${Number(value)}, not "${value}")` : '';
    return problem(field, value, `must be a number${hint}`);
  },
};

/** `true` or `false`. */
export const BOOLEAN: FieldType = {
  expected: 'true or false',
  signature: 'boolean',
  problems(field, value) {
    if (typeof value === 'boolean') return [];
    const hint = value === 'true' || value === 'false' ? ` (write ${value}, not "${value}")` : '';
    return problem(field, value, `must be true or false${hint}`);
  },
};

/** Any value: for fields the library passes on without reading (e.g. a provider construct). */
export function anything(signature: string): FieldType {
  return { expected: signature, signature, problems: () => [] };
}

/** A field that may be left out (`undefined`). */
export function optional(inner: FieldType): OptionalType {
  return {
    optional: true,
    inner,
    expected: inner.expected,
    get signature() {
      return inner.signature;
    },
    problems: (field, value, context) => (value === undefined ? [] : inner.problems(field, value, context)),
  };
}

/** A list of `item`s; each item is checked under `field[i]`. */
export function list(item: FieldType): CollectionType {
  return {
    item,
    expected: `a list of ${plural(item.expected)}`,
    get signature() {
      return `${item.signature}[]`;
    },
    problems(field, value, context) {
      if (!Array.isArray(value)) return problem(field, value, `must be a list of ${plural(item.expected)}${typeof value === 'string' ? ` (write [${JSON.stringify(value)}])` : ''}`);
      return value.flatMap((v, i) => item.problems(`${field}[${i}]`, v, context));
    },
  };
}

/** An object of `item` values by string keys (labels, environment variables); values are checked under `field["key"]`. */
export function map(item: FieldType): CollectionType {
  return {
    item,
    expected: `an object of ${plural(item.expected)} by name`,
    get signature() {
      return `{[key:string]:${item.signature}}`;
    },
    problems(field, value, context) {
      if (!isPlainObject(value)) return problem(field, value, `must be an object of ${plural(item.expected)} by name`);
      if (Token.isUnresolved(value)) return [];
      return Object.entries(value).flatMap(([key, v]) => item.problems(`${field}[${JSON.stringify(key)}]`, v, context));
    },
  };
}

/**
 * An object with the given fields (unknown ones are left alone: a later version of the library may
 * know them).
 * @param name the props interface it mirrors
 */
export function struct(name: string, fields: { readonly [name: string]: FieldType }): StructType {
  const required = Object.entries(fields).filter(([, t]) => !(t as Partial<OptionalType>).optional).map(([key]) => key);
  const what = required.length > 0 ? `an object (${name}) with ${listAnd(required)}` : `an object (${name})`;
  return {
    name,
    fields,
    expected: what,
    signature: name,
    problems(field, value, context) {
      if (!isPlainObject(value)) return problem(field === '' ? 'props' : field, value, `must be ${what}`);
      return Object.entries(fields).flatMap(([key, type]) => {
        const v = (value as { [key: string]: unknown })[key];
        if (v === undefined && !(type as Partial<OptionalType>).optional) return problem(joinField(field, key), v, `required (${type.expected})`);
        return type.problems(joinField(field, key), v, context);
      });
    },
  };
}

/**
 * Whether `value` is an instance of the class named `className`: a constructor of that name on its
 * prototype chain (a subclass's instance is one). By name, not `instanceof`, so that the generated
 * types (lib/core/input-types.ts) import no class, and the classes that check their inputs against
 * them no import cycle. Names are what tsc and jsii emit; an app bundled with renamed classes
 * (esbuild `--minify` without `--keep-names`) would have its values refused.
 */
export function isInstanceNamed(value: unknown, className: string): boolean {
  if (value === null || typeof value !== 'object') return false;
  for (let proto = Object.getPrototypeOf(value); proto !== null && proto !== Object.prototype; proto = Object.getPrototypeOf(proto)) {
    if (Object.prototype.hasOwnProperty.call(proto, 'constructor') && (proto.constructor as Function).name === className) return true;
  }
  return false;
}

/**
 * An instance of a class (`WorkerPool`, `Duration`), recognised by its name (see {@link isInstanceNamed});
 * the input its factory recorded is checked under `field`.
 */
export function instance(className: string, expected: string): FieldType {
  return {
    expected,
    signature: className,
    problems(field, value, context) {
      if (!isInstanceNamed(value, className)) {
        const hint = isPlainObject(value) && Object.getPrototypeOf(value) === Object.prototype ? ' (a plain object is not one: use the factory)' : '';
        return problem(field, value, `must be ${expected}${hint}`);
      }
      return recordedProblems(field, value as object, context);
    },
  };
}

/**
 * The recorded input of an instance of a class, when the value is one; anything else is left to the
 * construct, which reports it with its other problems (e.g. a pool's `code`).
 */
export function inputsOf(className: string): FieldType {
  return {
    expected: className,
    signature: className,
    problems: (field, value, context) => (isInstanceNamed(value, className) ? recordedProblems(field, value as object, context) : []),
  };
}

/**
 * An object read by one string property only (a repository by its `url`): duck-typed, so that any
 * object of that shape serves.
 * @param signature the type it stands for, for messages and tests
 */
export function readBy(signature: string, property: string, expected: string): FieldType {
  return {
    expected,
    signature,
    problems: (field, value) => (isPlainObject(value) && typeof (value as { [key: string]: unknown })[property] === 'string'
      ? [] : problem(field, value, `must be ${expected}`)),
  };
}

/**
 * A member of a TypeScript enum (`GpuType`), given as its value; a misspelling is answered with the
 * nearest member.
 * @param members the enum's members and their values (the enum object itself, or its members written out)
 * @param name the enum's name, for messages
 */
export function enumeration(members: { readonly [key: string]: string }, name: string): FieldType {
  const values = Object.values(members);
  return {
    expected: `a ${name}`,
    signature: name,
    problems(field, value) {
      if (typeof value === 'string' && values.includes(value)) return [];
      const guess = typeof value === 'string' ? nearestMember(value, values) : undefined;
      return problem(field, value, `must be a ${name} (${values.join(', ')})${guess ? `: did you mean ${name}.${keyOf(members, guess)}?` : ''}`);
    },
  };
}

/** The problems of `value` against `type`, for the construct `scope` (which gives the construct tree). */
export function inputProblems(scope: IConstruct | undefined, field: string, value: unknown, type: FieldType): FieldProblem[] {
  return type.problems(field, value, { root: scope?.node.root });
}

/**
 * Throws every type problem of a construct's props at once, before anything reads them. Called
 * first in a constructor: the other validations may then rely on the types.
 */
export function checkInput(scope: IConstruct, props: unknown, type: FieldType): void {
  throwProblems(scope, inputProblems(scope, '', props, type));
}

/** Throws the type problems of one argument of a method (`grantDataRead(member)`). */
export function checkArgument(scope: IConstruct, field: string, value: unknown, type: FieldType): void {
  throwProblems(scope, inputProblems(scope, field, value, type));
}

// ---------------------------------------------------------------------------------------------
// Inputs recorded by value factories

interface RecordedInput {
  readonly field: string;
  readonly value: unknown;
  readonly type: FieldType;
}

const recorded = new WeakMap<object, RecordedInput[]>();

/**
 * Records the input a factory built `value` from, to be checked by the construct that receives it
 * (a factory has no construct to report to).
 * @param field the input's name below the receiving field: `cron` for `triggers[0].cron`, '' for the value itself
 */
export function withInput<T extends object>(value: T, field: string, input: unknown, type: FieldType): T {
  const list = recorded.get(value) ?? [];
  list.push({ field, value: input, type });
  recorded.set(value, list);
  return value;
}

/** Gives `target` the inputs recorded for `source`, below `field` (a parameter's children). */
export function inheritInputs<T extends object>(target: T, source: object, field: string): T {
  for (const input of recorded.get(source) ?? []) withInput(target, joinField(field, input.field), input.value, input.type);
  return target;
}

function recordedProblems(field: string, value: object, context: InputContext): FieldProblem[] {
  return (recorded.get(value) ?? []).flatMap((input) => input.type.problems(joinField(field, input.field), input.value, context));
}

/** A copy of a list, or what was given when it is not one (for the receiving construct to report). */
export function listInput<T>(value: T[] | undefined): T[] | undefined {
  return Array.isArray(value) ? [...value] : value;
}

/** `value` when it is an object, else an empty one: a factory reads its options without throwing a TypeError. */
export function objectInput<T>(value: T): T {
  return (value !== null && typeof value === 'object' ? value : {}) as T;
}

// ---------------------------------------------------------------------------------------------
// Strings

/**
 * An object turned into text, as each jsii language prints one: JavaScript's `[object Object]`,
 * Python's `<cdktf_vertex_training.TrainingEnvironment object at 0x7f…>`, Java's
 * `io.github.cdktfvertextraining.TrainingEnvironment@1b6d3586`, and .NET's type name
 * (`CdktfVertexTraining.TrainingEnvironment`, `HashiCorp.Cdktf.TerraformStack`).
 */
const STRINGIFIED_OBJECT = /\[object [A-Z][A-Za-z]*\]|<[\w.]+ object at 0x[0-9a-fA-F]+>|\b[a-z]\w*(?:\.[a-z]\w*)+\.[A-Z]\w*@[0-9a-f]{4,}\b|\b(?:CdktfVertexTraining|HashiCorp\.Cdktf)(?:\.[A-Z]\w*)+/;
/**
 * `${{` (a config-file reference), or what only Terraform means: `${var.x}`, `${local.x}`,
 * `${module.m.x}`, `${TYPE.NAME.ATTRIBUTE}` with a resource type of a provider this library's stacks
 * use (`google_storage_bucket`, optionally after `data.`), or a function call `${upper(...)}`. Shell
 * (`${HOME}`, `${EPOCHS:-10}`) and OmegaConf/Hydra interpolations (`${optimizer.lr}`,
 * `${model_cfg.optim.lr}`, `${oc.env:HOME}`) are the program's and pass.
 */
const TERRAFORM_EXPRESSION = /\$\{\s*(?:\{|(?:var|local)\.[A-Za-z_]|module\.[\w-]+\.|(?:data\.)?(?:google|time|terraform|kubernetes|helm)_[a-z0-9_]+\.[\w-]+\.[A-Za-z_]|[a-z][a-z0-9_]*\s*\()/;
const STRING_TOKEN = /\$\{TfToken\[[a-zA-Z0-9:._-]+\]\}/g;
const PATH_RUN = /[^\s/"'=:,;()[\]{}]+(?:\/[^\s/"'=:,;()[\]{}]+)+/g;

/** What is wrong with a user string, or undefined. */
export function textProblem(value: string, context: InputContext, literal: boolean): string | undefined {
  const stringified = STRINGIFIED_OBJECT.exec(value);
  if (stringified) return `contains "${stringified[0]}": an object was turned into text (pass a string; for a resource, one of its attributes)`;
  if (/tftoken\[/i.test(value)) {
    if (literal) return 'must be known at synth, not a Terraform reference (a cdktf token)';
    try {
      Tokenization.reverseString(value);
    } catch {
      return 'contains a cdktf token that does not resolve (a token of another process, or copied as text)';
    }
    if (/tftoken\[/i.test(value.replace(STRING_TOKEN, ''))) return 'contains a cdktf token that was cut or changed as text (tokens must be kept whole, e.g. with Fn.join or a template string)';
  }
  const untokenized = value.replace(STRING_TOKEN, '');
  const expression = TERRAFORM_EXPRESSION.exec(untokenized);
  if (expression) {
    const shown = untokenized.slice(expression.index).match(/^\$\{[^}]*\}?\}?/)![0];
    return shown.startsWith('${{') || /^\$\{\s*\{/.test(shown)
      ? `contains "${shown}", a reference of config files (TrainingConfig), which is not replaced here: pass the value itself`
      : `contains "${shown}", a Terraform expression written as text: it would reach the API as these characters (user strings are sent as written); pass the value itself, e.g. bucket.bucketName`;
  }
  const path = context.root ? constructPathIn(value, context.root) : undefined;
  if (path !== undefined) return `contains "${path}", the path of a construct: a construct was turned into text (pass one of its attributes, e.g. bucket.bucketName)`;
  return undefined;
}

/**
 * The path of a construct (2 or more levels from the root) that a run of `/`-separated segments of
 * `value` starts with: what a construct in a template string becomes (`String(construct)` is its
 * path), e.g. `gs://${bucket}/data`. A run must start at its first segment, which may be glued to
 * text before it (`x-${construct}`), and a run inside a file path of the program's own
 * (`/workspace/training/ml/cache`, after a `/` that is not `://`) is never one.
 */
function constructPathIn(value: string, root: IConstruct): string | undefined {
  if (!value.includes('/')) return undefined;
  for (const run of value.matchAll(PATH_RUN)) {
    if (value[run.index - 1] === '/' && !value.slice(0, run.index).endsWith('://')) continue;
    const segments = run[0].split('/');
    for (const first of [...segments[0]].map((_, k) => segments[0].slice(k))) {
      const found = pathFrom(root, [first, ...segments.slice(1)]);
      if (found !== undefined) return found;
    }
  }
  return undefined;
}

/** The leading segments that name a construct 2 or more levels below the root, joined; else undefined. */
function pathFrom(root: IConstruct, segments: readonly string[]): string | undefined {
  let node: IConstruct = root;
  let depth = 0;
  for (const segment of segments) {
    const child = node.node.tryFindChild(segment);
    if (!child) break;
    node = child;
    depth++;
  }
  return depth >= 2 ? segments.slice(0, depth).join('/') : undefined;
}

// ---------------------------------------------------------------------------------------------

function isPlainObject(value: unknown): value is object {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function isConstruct(value: unknown): value is IConstruct {
  return isPlainObject(value) && typeof (value as { node?: { path?: unknown } }).node?.path === 'string';
}

/** Why a non-string is not one, when it helps: a construct, or a number that should be quoted. */
function notAString(value: unknown): string {
  if (isConstruct(value)) return ' (a construct is not: pass one of its attributes, e.g. bucket.bucketName)';
  if (typeof value === 'number' || typeof value === 'boolean') return ` (write "${value}")`;
  return '';
}

/** `a string` → `strings`, `a WorkerPool (...)` → `WorkerPools (...)`. */
function plural(expected: string): string {
  if (expected === 'true or false') return 'true or false values';
  return expected.replace(/^an? /, '').replace(/^(\w+)/, '$1s');
}

/** The member nearest to `value`: the same letters in another case, a short name (`l4` → `NVIDIA_L4`), or a near spelling. */
function nearestMember(value: string, values: readonly string[]): string | undefined {
  const near = closest(value, values);
  if (near) return near;
  const words = value.toLowerCase().split(/[^a-z0-9]+/).filter((w) => w !== '');
  if (words.length === 0) return undefined;
  const matches = values.filter((v) => {
    const parts = v.toLowerCase().split(/[^a-z0-9]+/);
    return words.every((w) => parts.includes(w));
  });
  return matches.length === 1 ? matches[0] : undefined;
}

function keyOf(enumObject: { readonly [key: string]: string }, value: string): string {
  return Object.keys(enumObject).find((key) => enumObject[key] === value) ?? value;
}
