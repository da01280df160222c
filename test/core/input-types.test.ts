import { readFileSync, writeFileSync } from 'fs';
import * as ts from 'typescript';
import { GpuType } from '../../lib/compute/enums';
import { FieldType, inputProblems, OptionalType, StructType } from '../../lib/core/field-types';
import * as generated from '../../lib/core/input-types';
import { DeclaredInterface, Declarations, sourceFiles } from '../helpers/input-types/declarations';
import { constantName, generateInputTypes, GeneratorInput, INPUT_TYPES_FILE, LIB, signatureOf } from '../helpers/input-types/generate';
import { PROPERTY_OVERRIDES, TYPE_OVERRIDES } from '../helpers/input-types/overrides';
import { ScaleType } from '../../lib/tuning/study';

/**
 * The runtime input types are generated from the props interfaces (one statement of each shape):
 * the generated module is up to date, mirrors the interfaces, and imports no class.
 */

const library = generateInputTypes();

describe('lib/core/input-types.ts', () => {
  test('is generated from the props interfaces (UPDATE_INPUT_TYPES=1 rewrites it)', () => {
    // UPDATE_INPUT_TYPES=1 writes the file after a change of a props interface or of the overrides.
    if (process.env.UPDATE_INPUT_TYPES) writeFileSync(INPUT_TYPES_FILE, library.text);
    expect(readFileSync(INPUT_TYPES_FILE, 'utf8')).toBe(library.text);
  });

  test('imports nothing but lib/core/field-types.ts: no class, so no import cycle with the classes', () => {
    const source = ts.createSourceFile(INPUT_TYPES_FILE, library.text, ts.ScriptTarget.Latest);
    const modules = source.statements.filter(ts.isImportDeclaration).map((s) => (s.moduleSpecifier as ts.StringLiteral).text);
    expect(modules).toEqual(['./field-types']);
    expect(library.text).not.toMatch(/require\(/);
  });

  test('every override is used: one for a property that no longer exists fails', () => {
    expect(library.usedOverrides).toEqual([...Object.keys(PROPERTY_OVERRIDES), ...Object.keys(TYPE_OVERRIDES)].sort());
  });
});

/** Every generated struct, by the interface it mirrors. */
const structs = new Map((Object.values(generated) as FieldType[]).filter((t): t is StructType => 'fields' in t).map((t) => [t.name, t]));

describe('the generated types mirror the interfaces', () => {
  const declarations = new Declarations(LIB);
  const files = sourceFiles(LIB, [INPUT_TYPES_FILE]);

  test('cover the props of the public constructors and factories, and the interfaces they contain', () => {
    expect([...structs.keys()].sort()).toEqual(expect.arrayContaining([
      'AlertOptions', 'BucketOptions', 'ContainerCodeOptions', 'ContainerImageOptions', 'ConvexStoppingOptions', 'CpuWorkerPoolOptions',
      'EncryptionOptions', 'GpuWorkerPoolOptions', 'HyperparameterTuningJobProps', 'ManagedDatasetOptions', 'ModelUploadOptions',
      'NetworkOptions', 'ParameterRangeOptions', 'PerimeterOptions', 'PrebuiltCodeOptions', 'QuotaIncreaseRequest', 'QuotaLimit',
      'QuotaOptions', 'ReductionServerOptions', 'RepositoryOptions', 'SchedulingOptions', 'ServiceAccountOptions', 'ServingContainerOptions',
      'StoppingOptions', 'StudyOptions', 'TeamOptions', 'TensorboardOptions', 'TpuWorkerPoolOptions', 'TrainingEnvironmentProps',
      'TrainingJobOptions', 'TrainingPipelineProps', 'TuningOptions', 'WorkerPoolsProps',
    ]));
    // A custom job is checked against the options every job takes: it must take exactly those.
    const keys = (name: string) => (declarations.exported(name, files) as DeclaredInterface).properties.map((p) => p.name);
    expect(keys('CustomTrainingJobProps')).toEqual(keys('TrainingJobOptions'));
  });

  test.each([...structs.keys()].sort())('%s: the same properties, optionality and types as the interface', (name) => {
    const declared = declarations.exported(name, files);
    if (declared.kind !== 'interface') throw new Error(`${name} is a ${declared.kind}`);
    const mirrored = Object.entries(structs.get(name)!.fields).map(([key, field]) =>
      `${key}${(field as Partial<OptionalType>).optional ? '?' : ''}: ${field.signature}`);
    expect(mirrored).toEqual(declared.properties.map((p) => `${p.name}${p.optional ? '?' : ''}: ${signatureOf(p.type)}`));
  });

  test('enum members are the enums\' values, written out', () => {
    const messageOf = (type: FieldType, value: unknown) => inputProblems(undefined, 'f', value, type)[0]?.allowed;
    expect(messageOf(generated.GPU_TYPE, GpuType.NVIDIA_L4)).toBeUndefined();
    expect(messageOf(generated.GPU_TYPE, 'l4')).toBe(`must be a GpuType (${Object.values(GpuType).join(', ')}): did you mean GpuType.NVIDIA_L4?`);
    expect(messageOf(generated.SCALE_TYPE, ScaleType.LOG)).toBeUndefined();
    expect(messageOf(generated.SCALE_TYPE, 'unit_log_scale')).toContain('did you mean ScaleType.LOG?');
  });
});

describe('the generator', () => {
  const ROOT = '/virtual/lib';
  const input = (files: { [path: string]: string }, roots: string[], over: Partial<GeneratorInput> = {}): GeneratorInput => ({
    declarations: new Declarations(ROOT, (file) => files[file.slice(ROOT.length + 1)]),
    files: Object.keys(files).map((f) => `${ROOT}/${f}`),
    roots,
    propertyOverrides: {},
    typeOverrides: {},
    ...over,
  });
  const generate = (files: { [path: string]: string }, roots: string[], over: Partial<GeneratorInput> = {}) => generateInputTypes(input(files, roots, over)).text;

  test('flattens what an interface extends, resolves names through imports and re-exports, and writes enums and classes out', () => {
    const text = generate({
      'a/options.ts': `import { Size } from '../b';\nimport { Pool as P } from '../c/pool';\n`
        + 'export interface BaseOptions { readonly labels?: { [key: string]: string }; readonly size: Size }\n'
        + 'export interface PoolOptions extends BaseOptions { readonly pools: P[]; readonly on?: boolean }\n',
      'b/index.ts': `export * from './size';\n`,
      'b/size.ts': `export enum Size { SMALL = 's', LARGE = 'l' }\n`,
      'c/pool.ts': 'export class Pool { public static of(n: number): Pool { return new Pool(); } public static _hidden(): Pool { return new Pool(); } private constructor() {} }\n',
    }, ['PoolOptions']);
    expect(text).toContain(`export const SIZE: FieldType = enumeration({\n  SMALL: 's',\n  LARGE: 'l',\n}, 'Size');`);
    expect(text).toContain(`export const POOL: FieldType = instance('Pool', 'a Pool (Pool.of)');`);
    expect(text).toContain(`export const POOL_OPTIONS: StructType = struct('PoolOptions', {\n  labels: optional(map(STRING)),\n  size: SIZE,\n  pools: list(POOL),\n  on: optional(BOOLEAN),\n});`);
    expect(text).toMatch(/^import \{ BOOLEAN, enumeration, FieldType, instance, list, map, optional, STRING, struct, StructType \} from '.\/field-types';$/m);
  });

  test('applies overrides by the interface that declares the property, and names them in a comment', () => {
    const text = generate({
      'a.ts': 'export class Code { public static of(): Code { return new Code(); } }\n'
        + 'export interface Base { readonly code?: Code; readonly id?: string }\nexport interface Derived extends Base {}\n',
    }, ['Derived'], {
      propertyOverrides: { 'Base.code': { kind: 'recordedInputsOnly', why: 'the job reports it' }, 'Base.id': { kind: 'unchecked', why: 'checked later' } },
    });
    expect(text).toContain(`  // Override (test/helpers/input-types/overrides.ts): the job reports it.\n  code: optional(inputsOf('Code')),`);
    expect(text).toContain(`  id: optional(anything('string')),`);
  });

  test('a class without factories is described by the methods that make it', () => {
    const text = generate({
      'a.ts': 'export class Team {}\nexport class Env { public addTeam(name: string): Team { return new Team(); } }\nexport interface Props { readonly team: Team }\n',
    }, ['Props']);
    expect(text).toContain(`instance('Team', 'a Team (made by an Env\\'s addTeam)')`);
  });

  test.each([
    ['a union', 'export interface Props { readonly size: string | number }', 'Props.size (lib/a.ts): the type string | number has no runtime type'],
    ['a function', 'export interface Props { readonly f: () => void }', 'Props.f (lib/a.ts): the type () => void has no runtime type'],
    ['a numeric enum', 'export enum Size { SMALL }\nexport interface Props { readonly size: Size }', 'Size.SMALL (lib/a.ts): only string enums have a runtime type'],
    ['an unknown name', 'export interface Props { readonly size: Size }', 'Size (in lib/a.ts): not an interface, an enum or a class the generator can find'],
    ['a recursive interface', 'export interface Props { readonly child?: Props }', 'Props (lib/a.ts): contains itself'],
    ['a method in a props interface', 'export interface Props { grant(): void }', 'Props (lib/a.ts): grant(): void is not a property'],
  ])('refuses %s, naming the property', (_, source, message) => {
    expect(() => generate({ 'a.ts': source }, ['Props'])).toThrow(message);
  });

  test('constant names', () => {
    expect(['GpuWorkerPoolOptions', 'TpuVersion', 'HTTPRoute', 'Goal'].map(constantName)).toEqual(['GPU_WORKER_POOL_OPTIONS', 'TPU_VERSION', 'HTTP_ROUTE', 'GOAL']);
  });
});
