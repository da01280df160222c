/**
 * Generates lib/core/input-types.ts, the runtime input types of the public props, from the props
 * interfaces: each interface becomes a `struct` of its properties (inherited ones first), each string
 * enum an `enumeration` of its members' values, each class an `instance` recognised by its name, so
 * that the generated module imports nothing but lib/core/field-types.ts (no import cycle with the
 * classes that check their inputs against it). test/core/input-types.test.ts fails when the file is
 * stale and rewrites it with `UPDATE_INPUT_TYPES=1 npx jest test/core/input-types`.
 */
import { join } from 'path';
import * as ts from 'typescript';
import { Declaration, DeclaredClass, DeclaredEnum, DeclaredInterface, Declarations, sourceFiles } from './declarations';
import { PROPERTY_OVERRIDES, PropertyOverride, ROOTS, TYPE_OVERRIDES, TypeOverride } from './overrides';

/** The library's sources. */
export const LIB = join(__dirname, '..', '..', '..', 'lib');
/** The generated module. */
export const INPUT_TYPES_FILE = join(LIB, 'core', 'input-types.ts');

/** What to generate from what. */
export interface GeneratorInput {
  readonly declarations: Declarations;
  /** The sources whose exported declarations the roots name. */
  readonly files: readonly string[];
  readonly roots: readonly string[];
  readonly propertyOverrides: { readonly [field: string]: PropertyOverride };
  readonly typeOverrides: { readonly [type: string]: TypeOverride };
}

/** The library's own input. */
export function libraryInput(): GeneratorInput {
  return {
    declarations: new Declarations(LIB),
    files: sourceFiles(LIB, [INPUT_TYPES_FILE]),
    roots: ROOTS,
    propertyOverrides: PROPERTY_OVERRIDES,
    typeOverrides: TYPE_OVERRIDES,
  };
}

/** The generated module's text, and which overrides it used (an unused one is stale). */
export interface Generated {
  readonly text: string;
  readonly usedOverrides: readonly string[];
}

/** The text of lib/core/input-types.ts. */
export function generateInputTypes(input: GeneratorInput = libraryInput()): Generated {
  return new Generator(input).run();
}

/** `GpuWorkerPoolOptions` → `GPU_WORKER_POOL_OPTIONS`. */
export function constantName(typeName: string): string {
  return typeName.replace(/([a-z0-9])([A-Z])/g, '$1_$2').replace(/([A-Z])([A-Z][a-z])/g, '$1_$2').toUpperCase();
}

/** A type as written, without spaces and `readonly` (`string[]`, `{[key:string]:string}`): the `signature` of its runtime type. */
export function signatureOf(type: ts.TypeNode): string {
  return type.getText().replace(/\breadonly\s+/g, '').replace(/\s+/g, '').replace(/;}/g, '}').replace(/\[\w+:string\]/g, '[key:string]');
}

interface Constant {
  readonly name: string;
  readonly section: 'enum' | 'class' | 'interface';
  readonly text: string;
}

const HEADER = `// Generated from the props interfaces by test/helpers/input-types/generate.ts; do not edit.
// After changing a props interface (or test/helpers/input-types/overrides.ts), regenerate with
// UPDATE_INPUT_TYPES=1 npx jest test/core/input-types

/**
 * The runtime input types of the public props and factory arguments (see lib/core/field-types.ts),
 * one per interface, enum and class, named after it. Pure data: classes are recognised by name and
 * enum members are written out, so this module imports no class and no class's module imports a
 * cycle through it.
 */
`;

class Generator {
  private readonly constants = new Map<string, Constant & { readonly file: string }>();
  private readonly visiting = new Set<string>();
  private readonly used = new Set<string>();
  /** What the generated module imports from field-types. */
  private readonly imports = new Set<string>();

  constructor(private readonly input: GeneratorInput) {}

  public run(): Generated {
    for (const root of [...this.input.roots].sort()) this.constantOf(this.input.declarations.exported(root, this.input.files));
    const all = [...this.constants.values()];
    const text = (section: Constant['section']) => all.filter((c) => c.section === section).map((c) => c.text);
    const interfaces = text('interface'); // in dependency order: what a struct contains comes before it
    const body = [...text('enum').sort(), ...text('class').sort(), ...interfaces].join('\n\n');
    const imports = [...this.imports].sort(byName);
    return {
      text: `${HEADER}import { ${imports.join(', ')} } from './field-types';\n\n${body}\n`,
      usedOverrides: [...this.used].sort(),
    };
  }

  /** The name of the constant of `declaration`, generated with what it contains when first met. */
  private constantOf(declaration: Declaration): string {
    const name = constantName(declaration.name);
    const existing = this.constants.get(declaration.name);
    if (existing) {
      if (existing.file !== declaration.file) throw new Error(`${declaration.name}: two types of this name (${this.shown(existing.file)} and ${this.shown(declaration.file)})`);
      return name;
    }
    if (this.visiting.has(declaration.name)) throw new Error(`${declaration.name} (${this.shown(declaration.file)}): contains itself; a recursive interface has no generated runtime type`);
    this.visiting.add(declaration.name);
    const text = this.render(declaration, name);
    this.visiting.delete(declaration.name);
    const section = declaration.kind === 'enum' ? 'enum' : declaration.kind === 'class' || this.input.typeOverrides[declaration.name] ? 'class' : 'interface';
    this.constants.set(declaration.name, { name, section, text, file: declaration.file });
    return name;
  }

  private render(declaration: Declaration, name: string): string {
    const doc = `/** \`${declaration.name}\` (${this.shown(declaration.file)}). */`;
    const override = this.input.typeOverrides[declaration.name];
    if (override) {
      this.used.add(declaration.name);
      return `/**\n * \`${declaration.name}\` (${this.shown(declaration.file)}), recognised by its \`${override.readBy}\`: ${override.why}.\n * Override: test/helpers/input-types/overrides.ts\n */\n`
        + `export const ${name}: ${this.use('FieldType')} = ${this.use('readBy')}(${quote(declaration.name)}, ${quote(override.readBy)}, ${quote(override.expected)});`;
    }
    switch (declaration.kind) {
      case 'enum': return `${doc}\nexport const ${name}: ${this.use('FieldType')} = ${this.enumeration(declaration)};`;
      case 'class': return `${doc}\nexport const ${name}: ${this.use('FieldType')} = ${this.use('instance')}(${quote(declaration.name)}, ${quote(this.expected(declaration))});`;
      case 'interface': return `${doc}\nexport const ${name}: ${this.use('StructType')} = ${this.struct(declaration)};`;
    }
  }

  private enumeration(declaration: DeclaredEnum): string {
    const members = declaration.members.map(([key, value]) => `  ${key}: ${quote(value)},`);
    return `${this.use('enumeration')}({\n${members.join('\n')}\n}, ${quote(declaration.name)})`;
  }

  /** `a WorkerPool (WorkerPool.gpu, tpu or cpu)`, `a TrainingTeam (made by a TrainingEnvironment's addTeam)`. */
  private expected(declaration: DeclaredClass): string {
    const what = `${article(declaration.name)} ${declaration.name}`;
    const factories = declaration.factories;
    if (factories.length > 0) return `${what} (${declaration.name}.${orList(factories)})`;
    const producers = this.input.declarations.producers(declaration.name, this.input.files);
    if (producers.length > 0) return `${what} (made by ${orList(producers.map((p) => `${article(p.owner)} ${p.owner}'s ${p.method}`))})`;
    return what;
  }

  private struct(declaration: DeclaredInterface): string {
    const fields = declaration.properties.flatMap((property) => {
      const key = `${property.owner}.${property.name}`;
      const override = this.input.propertyOverrides[key];
      if (override) this.used.add(key);
      const type = override ? this.overridden(override, property.type, property.file, key) : this.expression(property.type, property.file, key);
      const field = `  ${property.name}: ${property.optional ? `${this.use('optional')}(${type})` : type},`;
      return override ? [`  // Override (test/helpers/input-types/overrides.ts): ${override.why}.`, field] : [field];
    });
    return `${this.use('struct')}(${quote(declaration.name)}, {\n${fields.join('\n')}\n})`;
  }

  private overridden(override: PropertyOverride, type: ts.TypeNode, file: string, key: string): string {
    if (override.kind === 'unchecked') return `${this.use('anything')}(${quote(signatureOf(type))})`;
    const declared = ts.isTypeReferenceNode(type) ? this.input.declarations.resolve(type.typeName.getText(), file) : undefined;
    if (declared?.kind !== 'class') throw new Error(`${key}: the override ${override.kind} is for fields of a class type, not ${type.getText()}`);
    return `${this.use('inputsOf')}(${quote(declared.name)})`;
  }

  /** The runtime type of a property's declared type. */
  private expression(type: ts.TypeNode, file: string, key: string): string {
    if (ts.isParenthesizedTypeNode(type)) return this.expression(type.type, file, key);
    if (ts.isTypeOperatorNode(type) && type.operator === ts.SyntaxKind.ReadonlyKeyword) return this.expression(type.type, file, key);
    switch (type.kind) {
      case ts.SyntaxKind.StringKeyword: return this.use('STRING');
      case ts.SyntaxKind.NumberKeyword: return this.use('NUMBER');
      case ts.SyntaxKind.BooleanKeyword: return this.use('BOOLEAN');
    }
    if (ts.isArrayTypeNode(type)) return `${this.use('list')}(${this.expression(type.elementType, file, key)})`;
    if (ts.isTypeLiteralNode(type) && type.members.length === 1) {
      const index = type.members[0];
      if (ts.isIndexSignatureDeclaration(index) && index.parameters[0]?.type?.kind === ts.SyntaxKind.StringKeyword) {
        return `${this.use('map')}(${this.expression(index.type, file, key)})`;
      }
    }
    if (ts.isTypeReferenceNode(type) && ts.isIdentifier(type.typeName) && !type.typeArguments) {
      return this.constantOf(this.input.declarations.resolve(type.typeName.text, file));
    }
    throw new Error(`${key} (${this.shown(file)}): the type ${type.getText()} has no runtime type (the generator knows string, number, boolean, `
      + 'lists (T[]), objects by name ({ [key: string]: T }), interfaces, string enums and classes)');
  }

  private use(name: string): string {
    this.imports.add(name);
    return name;
  }

  private shown(file: string): string {
    return this.input.declarations.shown(file);
  }
}

function quote(text: string): string {
  return `'${text.replace(/\\/g, '\\\\').replace(/'/g, '\\\'')}'`;
}

function article(name: string): string {
  return /^[AEIOU]/.test(name) ? 'an' : 'a';
}

/** `a`, `a or b`, `a, b or c`. */
function orList(items: readonly string[]): string {
  return items.length === 1 ? items[0] : `${items.slice(0, -1).join(', ')} or ${items[items.length - 1]}`;
}

function byName(a: string, b: string): number {
  return a.toLowerCase() < b.toLowerCase() ? -1 : a.toLowerCase() > b.toLowerCase() ? 1 : 0;
}
