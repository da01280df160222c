/**
 * The graph of runtime imports between the library's modules, and its cycles. Pure: it is given the
 * sources, reads them with the TypeScript parser (so that an `import` in a comment or a string is no
 * edge) and reports what loads what when the compiled code runs: `import ... from`, `export ... from`,
 * `import x = require(...)`, `require(...)` and `import(...)` anywhere (a lazy `require` inside a
 * function is still a dependency); `import type`, `export type` and imports whose every name is
 * `type` are left out, as the compiler leaves them out of the JavaScript. An import whose names are
 * only used as types is counted (the compiler would drop it too, but only it can tell): write
 * `import type` for those.
 */
import { posix } from 'path';
import * as ts from 'typescript';

/** The module specifiers a source loads at run time, in order of appearance. */
export function runtimeImports(text: string): string[] {
  const source = ts.createSourceFile('module.ts', text, ts.ScriptTarget.Latest, false);
  const found: string[] = [];
  const literal = (node: ts.Node | undefined) => {
    if (node && ts.isStringLiteralLike(node)) found.push(node.text);
  };
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node)) {
      if (!isTypeOnlyImport(node)) literal(node.moduleSpecifier);
      return;
    }
    if (ts.isExportDeclaration(node)) {
      if (!node.isTypeOnly && !(node.exportClause && ts.isNamedExports(node.exportClause) && node.exportClause.elements.length > 0
        && node.exportClause.elements.every((e) => e.isTypeOnly))) literal(node.moduleSpecifier);
      return;
    }
    if (ts.isImportEqualsDeclaration(node)) {
      if (!node.isTypeOnly && ts.isExternalModuleReference(node.moduleReference)) literal(node.moduleReference.expression);
      return;
    }
    if (ts.isCallExpression(node)) {
      const isRequire = ts.isIdentifier(node.expression) && node.expression.text === 'require';
      if ((isRequire || node.expression.kind === ts.SyntaxKind.ImportKeyword) && node.arguments.length === 1) literal(node.arguments[0]);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

function isTypeOnlyImport(node: ts.ImportDeclaration): boolean {
  const clause = node.importClause;
  if (!clause) return false; // `import './side-effect'`
  if (clause.isTypeOnly) return true;
  const bindings = clause.namedBindings;
  return clause.name === undefined && bindings !== undefined && ts.isNamedImports(bindings)
    && bindings.elements.length > 0 && bindings.elements.every((e) => e.isTypeOnly);
}

/**
 * The modules each module loads, among `sources` (relative imports only; packages are not ours).
 * @param sources module texts by path (`/`-separated, with the `.ts` extension)
 */
export function importGraph(sources: ReadonlyMap<string, string>): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const [file, text] of sources) {
    const targets = runtimeImports(text).filter((s) => s.startsWith('.')).map((specifier) => {
      const base = posix.join(posix.dirname(file), specifier);
      return [`${base}.ts`, `${base}/index.ts`, base].find((candidate) => sources.has(candidate));
    });
    graph.set(file, [...new Set(targets.filter((t): t is string => t !== undefined))]);
  }
  return graph;
}

/**
 * The import cycles: strongly connected components of two or more modules, or one that imports
 * itself (Tarjan's algorithm, linear in the graph). Each is sorted, and the list by first module.
 */
export function importCycles(graph: ReadonlyMap<string, readonly string[]>): string[][] {
  let counter = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const cycles: string[][] = [];
  const connect = (module: string): void => {
    index.set(module, counter);
    low.set(module, counter);
    counter++;
    stack.push(module);
    onStack.add(module);
    for (const target of graph.get(module) ?? []) {
      if (!index.has(target)) {
        connect(target);
        low.set(module, Math.min(low.get(module)!, low.get(target)!));
      } else if (onStack.has(target)) {
        low.set(module, Math.min(low.get(module)!, index.get(target)!));
      }
    }
    if (low.get(module) !== index.get(module)) return;
    const component: string[] = [];
    let member: string;
    do {
      member = stack.pop()!;
      onStack.delete(member);
      component.push(member);
    } while (member !== module);
    if (component.length > 1 || (graph.get(module) ?? []).includes(module)) cycles.push(component.sort());
  };
  for (const module of [...graph.keys()].sort()) if (!index.has(module)) connect(module);
  return cycles.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
}
