import { join } from 'path';
import Ajv from 'ajv';
import { definitionName, generateSchema, LIB } from '../helpers/config-schema/generate';

/**
 * The generator of the config files' JSON Schema (test/helpers/config-schema/generate.ts): how the
 * types and TSDoc tags of lib/config/types.ts read as a schema, on small virtual sources.
 */

/** A virtual types file in lib/config, so that its imports resolve to the library's modules. */
const FILE = join(LIB, 'config', 'virtual-types.ts');
const generate = (text: string) => generateSchema(FILE, text) as { [key: string]: any };

describe('the config schema generator', () => {
  test('RawConfig is the document, every other exported type a definition named without Raw, referenced by $ref', () => {
    const schema = generate(`
/** The document. */
export interface RawConfig {
  /** The pools. */
  readonly workerPools: RawWorkerPools;
  readonly labels?: RawLabels;
}
export interface RawWorkerPools {
  /** Replicas. */
  readonly count?: number;
  readonly name: string;
}
/** Labels. */
export type RawLabels = { readonly [key: string]: string };
`);
    expect(schema).toMatchObject({ $schema: 'http://json-schema.org/draft-07/schema#', description: 'The document.', type: 'object', additionalProperties: false, required: ['workerPools'] });
    expect(schema.properties).toEqual({
      workerPools: { $ref: '#/definitions/workerPools', description: 'The pools.' },
      labels: { $ref: '#/definitions/labels' },
    });
    expect(schema.definitions).toEqual({
      workerPools: {
        type: 'object', additionalProperties: false, required: ['name'],
        properties: { count: { description: 'Replicas.', type: 'number' }, name: { type: 'string' } },
      },
      labels: { description: 'Labels.', type: 'object', additionalProperties: { type: 'string' } },
    });
    expect(definitionName('RawTpuSlicePool')).toBe('tpuSlicePool');
  });

  test('reads lists, mappings with named keys, literals, string unions and library enums', () => {
    const schema = generate(`import { TpuVersion } from '../compute/enums';
export interface RawConfig {
  readonly names?: readonly string[];
  readonly anything?: readonly unknown[];
  readonly groups?: readonly (readonly string[])[];
  readonly env?: { readonly [name: RawVarName]: string };
  readonly on?: true;
  readonly kind?: 'a' | 'b';
  readonly version?: 'seven' | TpuVersion;
  readonly inline?: { readonly a: boolean };
}
/** @pattern ^[A-Z]+$ */
export type RawVarName = string;
`);
    expect(schema.properties).toEqual({
      names: { type: 'array', items: { type: 'string' } },
      anything: { type: 'array' },
      groups: { type: 'array', items: { type: 'array', items: { type: 'string' } } },
      env: { type: 'object', propertyNames: { $ref: '#/definitions/varName' }, additionalProperties: { type: 'string' } },
      on: { const: true },
      kind: { enum: ['a', 'b'] },
      // A library enum adds its values (TpuVersion.V2 = 'v2', ...).
      version: { enum: ['seven', 'v2', 'v3', 'v5e', 'v6e', '7x'] },
      inline: { type: 'object', additionalProperties: false, required: ['a'], properties: { a: { type: 'boolean' } } },
    });
    expect(schema.definitions.varName).toEqual({ type: 'string', pattern: '^[A-Z]+$' });
  });

  test('a non-exported alias is written out where it is used, with its constraints and without its description', () => {
    const schema = generate(`
/**
 * A whole number.
 * @integer
 */
type Integer = number;
/**
 * Names together.
 * @minItems 2
 */
type Group = readonly string[];
export interface RawConfig {
  /**
   * Replicas.
   * @minimum 1
   */
  readonly replicas: Integer;
  readonly groups?: readonly Group[];
}
`);
    expect(schema.properties).toEqual({
      replicas: { description: 'Replicas.', type: 'integer', minimum: 1 },
      groups: { type: 'array', items: { type: 'array', items: { type: 'string' }, minItems: 2 } },
    });
    expect(schema.definitions).toEqual({});
  });

  test('descriptions: whitespace collapsed, a JSON @default is the default, any other is a sentence, an @ inside a sentence is text', () => {
    const schema = generate(`
export interface RawConfig {
  /**
   * Account ID (the part of the email before @) of the
   *   service account.
   * @default "trainer"
   */
  readonly accountId?: string;
  /**
   * Display name.
   * @default the job's
   *   name
   */
  readonly displayName?: string;
  /**
   * Timeout.
   * @default 7 days.
   */
  readonly timeout?: string;
  /**
   * @maximum 100
   * @examples [1, 2]
   * @default 3
   */
  readonly count?: number;
}
`);
    expect(schema.properties).toEqual({
      accountId: { description: 'Account ID (the part of the email before @) of the service account.', type: 'string', default: 'trainer' },
      displayName: { description: "Display name. Default: the job's name.", type: 'string' },
      timeout: { description: 'Timeout. Default: 7 days.', type: 'string' },
      count: { type: 'number', maximum: 100, examples: [1, 2], default: 3 },
    });
  });

  test('@oneOf and @when make the choices and conditions the error messages read', () => {
    const schema = generate(`
/**
 * A pool.
 * @oneOf gpu cpu
 * @when kind is tuning: requires study; otherwise forbids study, trials
 * @when type is double or integer: requires min; forbids values
 * @when type is categorical: requires values; forbids min; values: string[]
 * @when uri is given: forbids tag
 */
export interface RawConfig {
  readonly gpu?: string;
  readonly cpu?: string;
  readonly kind?: 'custom' | 'tuning';
  readonly study?: string;
  readonly trials?: number;
  readonly type?: 'double' | 'integer' | 'categorical';
  readonly min?: number;
  readonly values?: readonly unknown[];
  readonly uri?: string;
  readonly tag?: string;
}
`);
    expect(schema.oneOf).toEqual([{ properties: { gpu: true }, required: ['gpu'] }, { properties: { cpu: true }, required: ['cpu'] }]);
    expect(schema.allOf).toEqual([
      {
        if: { properties: { kind: { const: 'tuning' } }, required: ['kind'] },
        then: { required: ['study'], properties: { study: true } },
        else: { properties: { study: false, trials: false } },
      },
      { if: { properties: { type: { enum: ['double', 'integer'] } }, required: ['type'] }, then: { required: ['min'], properties: { min: true, values: false } } },
      {
        if: { properties: { type: { const: 'categorical' } }, required: ['type'] },
        then: { required: ['values'], properties: { values: { type: 'array', items: { type: 'string' } }, min: false } },
      },
      { if: { properties: { uri: true }, required: ['uri'] }, then: { properties: { tag: false } } },
    ]);
    // What it generates compiles in ajv's strict mode, strictRequired included.
    const ajv = new Ajv({ strict: true, strictRequired: true, allErrors: true });
    const validate = ajv.compile(schema);
    expect(validate({ gpu: 'l4', kind: 'tuning', study: 's' })).toBe(true);
    expect(validate({ gpu: 'l4', cpu: 'n2' })).toBe(false);
    expect(validate({ gpu: 'l4', trials: 3 })).toBe(false);
    expect(validate({ gpu: 'l4', type: 'categorical', values: [1] })).toBe(false);
    expect(validate({ gpu: 'l4', uri: 'u', tag: 't' })).toBe(false);
  });

  test.each([
    ['an unknown tag', '/** @minLength 2 */\nexport interface RawConfig { readonly a: string }', 'lib/config/virtual-types.ts:2: @minLength is not a tag the schema generator knows'],
    ['a union that is not an enum', 'export interface RawConfig { readonly a: string | number }', 'string in a union: only string literals and string enums make an enum'],
    ['a type without a schema', 'export interface RawConfig { readonly a: Map<string, string> }', 'the type Map<string, string> has no schema'],
    ['@when naming another property', '/** @when kind is a: requires b */\nexport interface RawConfig { readonly kind: string }', '@when names b, which is not a property of this interface (kind)'],
    ['@when without a condition', '/** @when kind: requires kind */\nexport interface RawConfig { readonly kind: string }', '@when kind: requires kind: write "@when <property> is <value>'],
    ['@oneOf naming another property', '/** @oneOf a b */\nexport interface RawConfig { readonly a?: string }', '@oneOf names b, which is not a property'],
    ['@integer on a string', 'export interface RawConfig {\n  /** @integer */\n  readonly a: string;\n}', 'lib/config/virtual-types.ts:3: @integer is for numbers'],
    ['a method', 'export interface RawConfig { f(): void }', 'f(): void is not a typed property'],
    ['no document', 'export interface RawJob { readonly a: string }', 'no interface RawConfig, the document'],
  ])('refuses %s, naming the line', (_, text, message) => {
    expect(() => generate(text)).toThrow(message);
  });
});
