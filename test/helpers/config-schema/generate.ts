/**
 * Generates lib/config/schema-generated.ts, the JSON Schema (draft-07) of training config files, from
 * lib/config/types.ts, the one statement of the file's shape. The published
 * schema/training-config.schema.json is that module's object written out (lib/config/schema.ts,
 * `schemaText`). test/config/schema.test.ts fails when either is stale and rewrites both with
 * `UPDATE_CONFIG_SCHEMA=1 npx jest test/config/schema`.
 *
 * How types.ts reads as a schema:
 * - The interface `RawConfig` is the document; every other exported interface or type alias is a
 *   definition, named without its `Raw` prefix (`RawWorkerPools` → `#/definitions/workerPools`), in the
 *   order of the file. A property of a definition's type is a `$ref` to it; a non-exported type alias is
 *   written out where it is used (its constraints with it, not its description).
 * - `string`, `number`, `boolean`, `unknown` (no constraint), `T[]`, `{ [key: K]: T }` (a mapping; K an
 *   alias of string gives `propertyNames`), `{ ... }` (an object), string literals and their unions
 *   (`enum`; a library string enum in a union adds its values), `true` (`const`).
 * - Every object refuses properties it does not declare (`additionalProperties: false`); properties
 *   without `?` are `required`.
 * - The TSDoc text is the `description`. Tags, for what a type cannot state:
 *   `@default <JSON>` the `default` (any other text is appended as `Default: <text>.`),
 *   `@integer`, `@minimum N`, `@maximum N`, `@minItems N`, `@pattern REGEX`, `@examples <JSON list>`,
 *   and on an interface `@oneOf a b c` (exactly one of these properties) and
 *   `@when <condition>: <effects>[; otherwise <effects>]` (an `if`/`then`/`else`), where the condition is
 *   `p is given`, `p is v` or `p is v or w`, and the effects, separated by `;`, are `requires a, b`,
 *   `forbids a, b` and `p: <type>` (p has that type in this case).
 */
import { readFileSync } from 'fs';
import { join } from 'path';
import * as ts from 'typescript';
import { Declarations } from '../input-types/declarations';

/** The library's sources. */
export const LIB = join(__dirname, '..', '..', '..', 'lib');
/** The statement of the config file's shape. */
export const TYPES_FILE = join(LIB, 'config', 'types.ts');
/** The generated module. */
export const SCHEMA_MODULE = join(LIB, 'config', 'schema-generated.ts');

/** The interface that is the whole document. */
export const ROOT = 'RawConfig';

type Json = { [key: string]: unknown };

/** Where the schema is published, and what it is called, written at its top. */
const DOCUMENT = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  $id: 'https://raw.githubusercontent.com/cdktf-vertex-training/cdktf-vertex-training/main/schema/training-config.schema.json',
  title: 'cdktf-vertex-training config',
};

const TAGS = ['default', 'integer', 'minimum', 'maximum', 'minItems', 'pattern', 'examples', 'oneOf', 'when'] as const;
type Tag = typeof TAGS[number];

/** A TSDoc comment: its text, whitespace collapsed, and its tags in order. */
interface Doc {
  readonly text?: string;
  readonly tags: readonly { readonly name: Tag; readonly value: string }[];
}

/** The schema of the config files declared in `file` (text given by tests), as a JSON-able object. */
export function generateSchema(file: string = TYPES_FILE, text: string = readFileSync(file, 'utf8')): Json {
  return new Generator(file, text).run();
}

/** The text of lib/config/schema-generated.ts. */
export function generateSchemaModule(schema: Json = generateSchema()): string {
  return `${HEADER}export const TRAINING_CONFIG_SCHEMA: { readonly [key: string]: any } = ${JSON.stringify(schema, null, 2)};\n`;
}

const HEADER = `// Generated from lib/config/types.ts by test/helpers/config-schema/generate.ts; do not edit.
// After changing lib/config/types.ts, regenerate with UPDATE_CONFIG_SCHEMA=1 npx jest test/config/schema

/**
 * The JSON Schema (draft-07) of training config files. The loader validates with it (ajv), and
 * \`schema/training-config.schema.json\`, the file editors use, is this object written out.
 * Kept in TypeScript rather than imported from JSON: the jsii build does not resolve JSON modules.
 */
`;

type Declared = ts.InterfaceDeclaration | ts.TypeAliasDeclaration;

class Generator {
  private readonly source: ts.SourceFile;
  private readonly declared = new Map<string, Declared>();
  private readonly declarations: Declarations;

  constructor(private readonly file: string, text: string) {
    this.source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
    this.declarations = new Declarations(LIB, (f) => (f === file ? text : readIfExists(f)));
    for (const statement of this.source.statements) {
      if (ts.isInterfaceDeclaration(statement) || ts.isTypeAliasDeclaration(statement)) {
        if (this.declared.has(statement.name.text)) throw this.error(statement, `${statement.name.text} is declared twice`);
        this.declared.set(statement.name.text, statement);
      }
    }
  }

  public run(): Json {
    const root = this.declared.get(ROOT);
    if (!root || !ts.isInterfaceDeclaration(root)) throw new Error(`${this.file}: no interface ${ROOT}, the document`);
    const definitions: Json = {};
    for (const [name, node] of this.declared) {
      if (name === ROOT || !isExported(node)) continue;
      definitions[definitionName(name)] = this.definition(node);
    }
    const document = this.definition(root);
    const { description, ...rest } = document;
    return { ...DOCUMENT, description, ...rest, definitions };
  }

  private definition(node: Declared): Json {
    const doc = this.doc(node);
    const schema = ts.isInterfaceDeclaration(node) ? this.object(node.members, node) : this.type(node.type);
    return this.described(this.constrained(schema, doc, node, ts.isInterfaceDeclaration(node) ? node.members : undefined), doc);
  }

  /** The schema of a type as written. */
  private type(type: ts.TypeNode): Json {
    if (ts.isParenthesizedTypeNode(type)) return this.type(type.type);
    if (ts.isTypeOperatorNode(type) && type.operator === ts.SyntaxKind.ReadonlyKeyword) return this.type(type.type);
    switch (type.kind) {
      case ts.SyntaxKind.StringKeyword: return { type: 'string' };
      case ts.SyntaxKind.NumberKeyword: return { type: 'number' };
      case ts.SyntaxKind.BooleanKeyword: return { type: 'boolean' };
      case ts.SyntaxKind.UnknownKeyword: return {};
    }
    if (ts.isArrayTypeNode(type)) {
      const items = this.type(type.elementType);
      return Object.keys(items).length === 0 ? { type: 'array' } : { type: 'array', items };
    }
    if (ts.isLiteralTypeNode(type)) {
      if (ts.isStringLiteral(type.literal)) return { enum: [type.literal.text] };
      if (type.literal.kind === ts.SyntaxKind.TrueKeyword) return { const: true };
      if (type.literal.kind === ts.SyntaxKind.FalseKeyword) return { const: false };
    }
    if (ts.isUnionTypeNode(type)) return { enum: type.types.flatMap((member) => this.enumValues(member)) };
    if (ts.isTypeLiteralNode(type)) {
      const index = type.members.length === 1 && ts.isIndexSignatureDeclaration(type.members[0]) ? type.members[0] : undefined;
      if (!index) return this.object(type.members, type);
      const key = index.parameters[0]?.type;
      const map: Json = { type: 'object' };
      if (key && key.kind !== ts.SyntaxKind.StringKeyword) {
        const names = this.type(key);
        if (names.type !== 'string' && !names.$ref) throw this.error(key, 'the keys of a mapping are strings');
        map.propertyNames = names;
      }
      map.additionalProperties = this.type(index.type);
      return map;
    }
    if (ts.isTypeReferenceNode(type) && ts.isIdentifier(type.typeName) && !type.typeArguments) {
      const name = type.typeName.text;
      const local = this.declared.get(name);
      if (local && isExported(local)) return { $ref: `#/definitions/${definitionName(name)}` };
      if (local && ts.isTypeAliasDeclaration(local)) return this.constrained(this.type(local.type), this.doc(local), local);
      if (!local) return { enum: this.enumValues(type) };
    }
    throw this.error(type, `the type ${type.getText()} has no schema (see test/helpers/config-schema/generate.ts for the types it knows)`);
  }

  /** The string values a member of an enum union stands for: a string literal, or a library string enum's values. */
  private enumValues(type: ts.TypeNode): string[] {
    if (ts.isLiteralTypeNode(type) && ts.isStringLiteral(type.literal)) return [type.literal.text];
    if (ts.isTypeReferenceNode(type) && ts.isIdentifier(type.typeName) && !this.declared.has(type.typeName.text)) {
      const declaration = this.declarations.resolve(type.typeName.text, this.file);
      if (declaration.kind === 'enum') return declaration.members.map(([, value]) => value);
    }
    throw this.error(type, `${type.getText()} in a union: only string literals and string enums make an enum`);
  }

  private object(members: ts.NodeArray<ts.TypeElement>, owner: ts.Node): Json {
    const required: string[] = [];
    const properties: Json = {};
    for (const member of members) {
      if (!ts.isPropertySignature(member) || !member.type) throw this.error(member, `${member.getText().split('\n')[0]} is not a typed property`);
      const name = member.name.getText().replace(/^['"]|['"]$/g, '');
      if (!member.questionToken) required.push(name);
      const doc = this.doc(member);
      properties[name] = this.described(this.constrained(this.type(member.type), doc, member), doc);
    }
    if (members.length === 0) throw this.error(owner, 'an object without properties');
    return { type: 'object', additionalProperties: false, ...(required.length > 0 ? { required } : {}), properties };
  }

  /** `schema` with the constraints of `doc`'s tags (object tags when `members` are given). */
  private constrained(schema: Json, doc: Doc, node: ts.Node, members?: ts.NodeArray<ts.TypeElement>): Json {
    const result: Json = { ...schema };
    const conditions: Json[] = [];
    let defaultValue: { ok: true; value: unknown } | { ok: false } = { ok: false };
    for (const { name, value } of doc.tags) {
      switch (name) {
        case 'default':
          defaultValue = parseJson(value);
          break;
        case 'integer':
          if (result.type !== 'number') throw this.error(node, '@integer is for numbers');
          result.type = 'integer';
          break;
        case 'minimum':
        case 'maximum':
        case 'minItems': {
          const n = Number(value);
          if (value.trim() === '' || !Number.isFinite(n)) throw this.error(node, `@${name} takes a number, not "${value}"`);
          result[name] = n;
          break;
        }
        case 'pattern':
          new RegExp(value);
          result.pattern = value;
          break;
        case 'examples': {
          const parsed = parseJson(value);
          if (!parsed.ok || !Array.isArray(parsed.value)) throw this.error(node, `@examples takes a JSON list, not ${value}`);
          result.examples = parsed.value;
          break;
        }
        case 'oneOf': {
          const keys = value.split(/[\s,]+/).filter((k) => k !== '');
          keys.forEach((key) => this.property(key, members, node, '@oneOf'));
          result.oneOf = keys.map((key) => ({ properties: { [key]: true }, required: [key] }));
          break;
        }
        case 'when':
          conditions.push(this.condition(value, members, node));
          break;
      }
    }
    if (defaultValue.ok) result.default = defaultValue.value;
    if (conditions.length > 0) result.allOf = conditions;
    return result;
  }

  /** `kind is tuning: requires study; otherwise forbids study` as `{ if, then, else }`. */
  private condition(text: string, members: ts.NodeArray<ts.TypeElement> | undefined, node: ts.Node): Json {
    const match = /^(\S+) is (.+?):\s*(.+)$/.exec(text);
    if (!match) throw this.error(node, `@when ${text}: write "@when <property> is <value>[ or <value>]: <effects>" or "@when <property> is given: <effects>"`);
    const [, property, values, body] = match;
    this.property(property, members, node, '@when');
    const tested = values === 'given' ? true : values.includes(' or ') ? { enum: values.split(' or ') } : { const: values };
    const result: Json = { if: { properties: { [property]: tested }, required: [property] } };
    let branch = 'then';
    const effects: { [branch: string]: { required: string[]; properties: Json } } = {};
    for (let part of body.split(';').map((p) => p.trim())) {
      if (part.startsWith('otherwise ')) {
        branch = 'else';
        part = part.slice('otherwise '.length);
      }
      const effect = (effects[branch] ??= { required: [], properties: {} });
      const verb = /^(requires|forbids) (.+)$/.exec(part);
      if (verb) {
        for (const key of verb[2].split(',').map((k) => k.trim())) {
          this.property(key, members, node, '@when');
          if (verb[1] === 'requires') effect.required.push(key);
          effect.properties[key] = verb[1] === 'requires';
        }
        continue;
      }
      const typed = /^(\w+): (.+)$/.exec(part);
      if (!typed) throw this.error(node, `@when ... ${part}: an effect is "requires a, b", "forbids a, b" or "<property>: <type>"`);
      this.property(typed[1], members, node, '@when');
      effect.properties[typed[1]] = this.type(parseType(typed[2]));
    }
    for (const [name, effect] of Object.entries(effects)) {
      result[name] = { ...(effect.required.length > 0 ? { required: effect.required } : {}), properties: effect.properties };
    }
    return result;
  }

  private property(name: string, members: ts.NodeArray<ts.TypeElement> | undefined, node: ts.Node, tag: string): void {
    const names = (members ?? []).map((m) => m.name?.getText());
    if (!names.includes(name)) throw this.error(node, `${tag} names ${name}, which is not a property of this interface (${names.join(', ')})`);
  }

  /** `schema` with `doc`'s description (and a default that is not JSON appended to it), `$ref` first. */
  private described(schema: Json, doc: Doc): Json {
    const prose = doc.tags.filter((t) => t.name === 'default' && !parseJson(t.value).ok).map((t) => `Default: ${sentence(t.value)}`);
    const description = [doc.text, ...prose].filter((t) => t !== undefined && t !== '').join(' ');
    const { $ref, ...rest } = schema;
    return { ...($ref !== undefined ? { $ref } : {}), ...(description !== '' ? { description } : {}), ...rest };
  }

  /** The TSDoc comment of a node, read from its text: tags start a line (an `@` inside a sentence is text). */
  private doc(node: ts.Node): Doc {
    const comment = ts.getJSDocCommentsAndTags(node).filter(ts.isJSDoc).pop();
    if (!comment) return { tags: [] };
    const lines = comment.getText().replace(/^\/\*\*/, '').replace(/\*\/$/, '').split('\n').map((l) => l.replace(/^\s*\* ?/, ''));
    const text: string[] = [];
    const tags: { name: Tag; value: string[] }[] = [];
    for (const line of lines) {
      const tag = /^\s*@(\w+)\s*(.*)$/.exec(line);
      if (tag) {
        if (!(TAGS as readonly string[]).includes(tag[1])) throw this.error(node, `@${tag[1]} is not a tag the schema generator knows (${TAGS.map((t) => `@${t}`).join(', ')})`);
        tags.push({ name: tag[1] as Tag, value: [tag[2]] });
      } else {
        (tags.length > 0 ? tags[tags.length - 1].value : text).push(line);
      }
    }
    const collapse = (parts: string[]) => parts.join(' ').replace(/\s+/g, ' ').trim();
    const description = collapse(text);
    return { text: description === '' ? undefined : description, tags: tags.map((t) => ({ name: t.name, value: collapse(t.value) })) };
  }

  private error(node: ts.Node, message: string): Error {
    const { line } = this.source.getLineAndCharacterOfPosition(node.getStart(this.source));
    return new Error(`${this.declarations.shown(this.file)}:${line + 1}: ${message}`);
  }
}

/** `RawWorkerPools` → `workerPools`. */
export function definitionName(typeName: string): string {
  const bare = typeName.replace(/^Raw/, '');
  return bare[0].toLowerCase() + bare.slice(1);
}

/** A type written in a tag (`string[]`), parsed. */
function parseType(text: string): ts.TypeNode {
  const source = ts.createSourceFile('tag.ts', `type T = ${text};`, ts.ScriptTarget.Latest, true);
  return (source.statements[0] as ts.TypeAliasDeclaration).type;
}

function parseJson(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
}

function sentence(text: string): string {
  return /[.!?]$/.test(text) ? text : `${text}.`;
}

function isExported(node: ts.Node): boolean {
  return ts.canHaveModifiers(node) && (ts.getModifiers(node) ?? []).some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
}

function readIfExists(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}
