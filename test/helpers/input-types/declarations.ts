/**
 * The declarations the runtime input types are generated from, read with the TypeScript parser (no
 * type checking, so that it takes a second, not the provider's declarations): exported interfaces
 * with the properties of the interfaces they extend, string enums with their values, and classes
 * with the public factories that make their instances. A name is resolved the way the compiler does
 * it: a declaration of the file, else what the file imports (following `export ... from`), in the
 * library or in a package's declarations.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'fs';
import { dirname, join, relative, resolve as resolvePath } from 'path';
import * as ts from 'typescript';

/** One property of an interface, with the file it is declared in (to resolve the names of its type). */
export interface DeclaredProperty {
  readonly name: string;
  readonly optional: boolean;
  readonly type: ts.TypeNode;
  /** The interface that declares it (`WorkerPoolOptions` for a `GpuWorkerPoolOptions` property). */
  readonly owner: string;
  readonly file: string;
}

/** An exported interface, with the properties it inherits first. */
export interface DeclaredInterface {
  readonly kind: 'interface';
  readonly name: string;
  readonly file: string;
  readonly properties: readonly DeclaredProperty[];
}

/** A string enum. */
export interface DeclaredEnum {
  readonly kind: 'enum';
  readonly name: string;
  readonly file: string;
  /** `[member, value]` in declaration order. */
  readonly members: readonly (readonly [string, string])[];
}

/** A class. */
export interface DeclaredClass {
  readonly kind: 'class';
  readonly name: string;
  readonly file: string;
  /** Its public static methods that return an instance of it (`gpu`, `tpu`, `cpu` of `WorkerPool`). */
  readonly factories: readonly string[];
}

export type Declaration = DeclaredInterface | DeclaredEnum | DeclaredClass;

/** A public method of a class that returns an instance of another (`TrainingEnvironment.addTeam`). */
export interface Producer {
  readonly owner: string;
  readonly method: string;
}

/** The declarations of a source tree (the library's `lib/`), read on demand. */
export class Declarations {
  private readonly sources = new Map<string, ts.SourceFile>();
  private readonly resolved = new Map<string, Declaration>();

  /**
   * @param root the directory of the library's sources
   * @param read the text of a file, or undefined when it does not exist (tests give their own)
   */
  constructor(public readonly root: string, private readonly read: (file: string) => string | undefined = readIfExists) {}

  /** The exported declaration named `name` in the library (names of the public API are unique: jsii needs it). */
  public exported(name: string, files: readonly string[]): Declaration {
    const found = files.filter((file) => this.topLevel(file, name, true) !== undefined);
    if (found.length !== 1) {
      throw new Error(`${name}: ${found.length === 0 ? 'no exported declaration of that name' : `declared in ${found.map((f) => this.shown(f)).join(' and ')}`}`);
    }
    return this.declaration(this.topLevel(found[0], name, true)!, found[0]);
  }

  /** What `name`, written in `file`, refers to. */
  public resolve(name: string, file: string): Declaration {
    const key = `${file}#${name}`;
    const cached = this.resolved.get(key);
    if (cached) return cached;
    const found = this.find(name, file, new Set());
    if (!found) throw new Error(`${name} (in ${this.shown(file)}): not an interface, an enum or a class the generator can find`);
    const declaration = this.declaration(found.node, found.file);
    this.resolved.set(key, declaration);
    return declaration;
  }

  /** The public instance methods of the exported classes of `files` that return a `name`. */
  public producers(name: string, files: readonly string[]): Producer[] {
    const found: Producer[] = [];
    for (const file of files) {
      for (const statement of this.source(file)!.statements) {
        if (!ts.isClassDeclaration(statement) || !statement.name || !isExported(statement)) continue;
        for (const member of statement.members) {
          if (!ts.isMethodDeclaration(member) || isStatic(member) || !isPublic(member) || !member.type) continue;
          if (member.type.getText() === name) found.push({ owner: statement.name.text, method: member.name.getText() });
        }
      }
    }
    return found;
  }

  /** `file` relative to the project (the parent of `root`), for messages and comments. */
  public shown(file: string): string {
    return relative(dirname(this.root), file).split('\\').join('/');
  }

  private source(file: string): ts.SourceFile | undefined {
    let source = this.sources.get(file);
    if (!source) {
      const text = this.read(file);
      if (text === undefined) return undefined;
      source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
      this.sources.set(file, source);
    }
    return source;
  }

  private topLevel(file: string, name: string, exportedOnly: boolean): TypeDeclaration | undefined {
    for (const statement of this.source(file)?.statements ?? []) {
      if ((ts.isInterfaceDeclaration(statement) || ts.isEnumDeclaration(statement) || ts.isClassDeclaration(statement))
        && statement.name?.text === name && (!exportedOnly || isExported(statement))) return statement;
    }
    return undefined;
  }

  private find(name: string, file: string, seen: Set<string>): { node: TypeDeclaration; file: string } | undefined {
    if (seen.has(`${file}#${name}`)) return undefined;
    seen.add(`${file}#${name}`);
    const own = this.topLevel(file, name, false);
    if (own) return { node: own, file };
    for (const statement of this.source(file)?.statements ?? []) {
      if (!ts.isImportDeclaration(statement) && !ts.isExportDeclaration(statement)) continue;
      const specifier = statement.moduleSpecifier;
      if (!specifier || !ts.isStringLiteral(specifier)) continue;
      if (ts.isImportDeclaration(statement)) {
        const bindings = statement.importClause?.namedBindings;
        const element = bindings && ts.isNamedImports(bindings) ? bindings.elements.find((e) => e.name.text === name) : undefined;
        if (!element) continue;
        const target = this.module(specifier.text, file);
        return target ? this.find(element.propertyName?.text ?? name, target, seen) : undefined;
      }
      const clause = statement.exportClause;
      const element = clause && ts.isNamedExports(clause) ? clause.elements.find((e) => e.name.text === name) : undefined;
      if (clause && !element) continue;
      const target = this.module(specifier.text, file);
      const found = target ? this.find(element?.propertyName?.text ?? name, target, seen) : undefined;
      if (found) return found;
    }
    return undefined;
  }

  /** The file a module specifier of `from` names: a library source, or a package's declarations. */
  private module(specifier: string, from: string): string | undefined {
    if (specifier.startsWith('.')) {
      const base = resolvePath(dirname(from), specifier);
      return [`${base}.ts`, join(base, 'index.ts')].find((candidate) => this.source(candidate) !== undefined);
    }
    let script: string;
    try {
      script = require.resolve(specifier, { paths: [dirname(from)] });
    } catch {
      return undefined;
    }
    const declarations = script.replace(/\.js$/, '.d.ts');
    return this.source(declarations) ? declarations : undefined;
  }

  private declaration(node: TypeDeclaration, file: string): Declaration {
    const name = node.name!.text;
    if (ts.isEnumDeclaration(node)) {
      return {
        kind: 'enum',
        name,
        file,
        members: node.members.map((member) => {
          if (!member.initializer || !ts.isStringLiteral(member.initializer)) {
            throw new Error(`${name}.${member.name.getText()} (${this.shown(file)}): only string enums have a runtime type (give the member a string value)`);
          }
          return [member.name.getText(), member.initializer.text] as const;
        }),
      };
    }
    if (ts.isClassDeclaration(node)) {
      const factories = node.members.filter((m): m is ts.MethodDeclaration => ts.isMethodDeclaration(m) && isStatic(m) && isPublic(m)
        && m.type !== undefined && m.type.getText() === name).map((m) => m.name.getText());
      return { kind: 'class', name, file, factories };
    }
    return { kind: 'interface', name, file, properties: this.properties(node, file) };
  }

  private properties(node: ts.InterfaceDeclaration, file: string): DeclaredProperty[] {
    const properties = new Map<string, DeclaredProperty>();
    for (const clause of node.heritageClauses ?? []) {
      for (const base of clause.types) {
        const declared = this.resolve(base.expression.getText(), file);
        if (declared.kind !== 'interface') throw new Error(`${node.name.text} (${this.shown(file)}): extends ${declared.name}, which is not an interface`);
        for (const property of declared.properties) properties.set(property.name, property);
      }
    }
    for (const member of node.members) {
      if (!ts.isPropertySignature(member)) {
        throw new Error(`${node.name.text} (${this.shown(file)}): ${member.getText().split('\n')[0]} is not a property (props interfaces hold data only)`);
      }
      if (!member.type) throw new Error(`${node.name.text}.${member.name.getText()} (${this.shown(file)}): a property without a type`);
      properties.set(member.name.getText(), {
        name: member.name.getText(), optional: member.questionToken !== undefined, type: member.type, owner: node.name.text, file,
      });
    }
    return [...properties.values()];
  }
}

type TypeDeclaration = ts.InterfaceDeclaration | ts.EnumDeclaration | ts.ClassDeclaration;

/** The `.ts` sources under `dir` (declarations and the files `skip` names left out), sorted. */
export function sourceFiles(dir: string, skip: readonly string[] = []): string[] {
  return readdirSync(dir).sort().flatMap((entry) => {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) return sourceFiles(path, skip);
    return path.endsWith('.ts') && !path.endsWith('.d.ts') && !skip.includes(path) ? [path] : [];
  });
}

function readIfExists(file: string): string | undefined {
  return existsSync(file) ? readFileSync(file, 'utf8') : undefined;
}

function isExported(node: ts.Node): boolean {
  return ts.canHaveModifiers(node) && (ts.getModifiers(node) ?? []).some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
}

function isStatic(node: ts.ClassElement): boolean {
  return (ts.getModifiers(node as ts.MethodDeclaration) ?? []).some((m) => m.kind === ts.SyntaxKind.StaticKeyword);
}

/** Public, and not internal (`_name` or `@internal`). */
function isPublic(node: ts.MethodDeclaration): boolean {
  const hidden = (ts.getModifiers(node) ?? []).some((m) => m.kind === ts.SyntaxKind.PrivateKeyword || m.kind === ts.SyntaxKind.ProtectedKeyword);
  return !hidden && !node.name.getText().startsWith('_') && !ts.getJSDocTags(node).some((tag) => tag.tagName.text === 'internal');
}
