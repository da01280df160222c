import { extname } from 'path';
import type { Document, Node, YAMLError } from 'yaml';
import { ConfigPath, ConfigProblem, displayPath } from './errors';

/** The YAML parser, loaded on first use: stacks that read no config file never pay for it. */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const yaml = (): typeof import('yaml') => require('yaml');

/** Where a node of the file starts (line and column from 1). */
export interface Position {
  readonly line: number;
  readonly column: number;
}

/**
 * A parsed config file: its data, and the position of every value and key in it. YAML and JSON
 * (a subset of YAML) are parsed by one parser, so both report the same positions.
 */
export class ConfigSource {
  /**
   * Parses `text`, a `.json` file strictly as JSON, anything else as YAML 1.2 (anchors, aliases
   * and `<<` merge keys allowed). Syntax errors are returned as problems, with their positions.
   */
  public static parse(text: string, file: string): { source?: ConfigSource; problems: ConfigProblem[] } {
    const lineCounter = new (yaml().LineCounter)();
    const doc = yaml().parseDocument(text, { lineCounter, merge: true, uniqueKeys: true, prettyErrors: false });
    const at = (offset: number): Position => {
      const { line, col } = lineCounter.linePos(Math.max(0, Math.min(offset, text.length)));
      return { line, column: col };
    };
    const problems: ConfigProblem[] = [];
    const syntax = (position: Position, message: string) => problems.push({ file, ...position, path: '', message });
    const isJson = extname(file).toLowerCase() === '.json';
    for (const error of [...doc.errors, ...doc.warnings]) {
      syntax(at(error.pos[0]), `${isJson ? 'JSON' : 'YAML'} syntax error: ${yamlMessage(error)}`);
    }
    if (problems.length === 0 && isJson) {
      // YAML accepts what JSON does not (comments, trailing commas, single quotes): JSON must be JSON.
      try {
        JSON.parse(text);
      } catch (e) {
        const message = (e as Error).message;
        const offset = /at position (\d+)/.exec(message);
        syntax(offset ? at(Number(offset[1])) : { line: 1, column: 1 }, `JSON syntax error: ${message.replace(/ in JSON at position \d+.*$/, '')}`);
      }
    }
    if (problems.length > 0) return { problems };
    if (doc.contents === null || (yaml().isScalar(doc.contents) && doc.contents.value === null)) {
      syntax({ line: 1, column: 1 }, 'the file is empty: expected an `environment` and its `jobs`');
      return { problems };
    }
    return { source: new ConfigSource(file, doc, at), problems };
  }

  /** The document as plain data. */
  public readonly data: unknown;

  private constructor(public readonly file: string, private readonly doc: Document, private readonly at: (offset: number) => Position) {
    this.data = doc.toJS({ maxAliasCount: 1000 });
  }

  /**
   * The position of the value at `path`, or of its key when `key` is set. When the path does not
   * exist in the file (a default, a missing field), the position of its deepest existing ancestor,
   * with `exact: false`.
   */
  public locate(path: ConfigPath, key = false): Position & { readonly exact: boolean } {
    let node: Node | null = this.resolve(this.doc.contents as Node | null);
    let position: Position = node?.range ? this.at(node.range[0]) : { line: 1, column: 1 };
    for (let i = 0; i < path.length; i++) {
      const found = node ? this.child(node, path[i]) : undefined;
      if (!found) return { ...position, exact: false };
      const last = i === path.length - 1;
      if (last && key && found.key?.range) return { ...this.at(found.key.range[0]), exact: true };
      node = found.value;
      const range = node?.range ?? found.key?.range;
      if (range) position = this.at(range[0]);
    }
    return { ...position, exact: true };
  }

  /** A problem at `path` (its key with `key`), e.g. `jobs[0].code must have ...`. */
  public problem(path: ConfigPath, message: string, key = false): ConfigProblem {
    const { line, column } = this.locate(path, key);
    return { file: this.file, line, column, path: displayPath(path), message };
  }

  /**
   * Config paths of the scalars under `path` whose value is `value` (as text), for pointing at a
   * value a construct rejected when its field cannot be mapped exactly.
   */
  public findScalar(path: ConfigPath, value: string): ConfigPath[] {
    const found: ConfigPath[] = [];
    const visit = (data: unknown, at: ConfigPath) => {
      if (Array.isArray(data)) data.forEach((item, i) => visit(item, [...at, i]));
      else if (data !== null && typeof data === 'object') for (const [k, v] of Object.entries(data)) visit(v, [...at, k]);
      else if (data !== undefined && data !== null && String(data) === value) found.push(at);
    };
    visit(valueAt(this.data, path), path);
    return found;
  }

  /** The YAML source text of the scalar at `path` (`1.10` for a version YAML read as 1.1). */
  public sourceText(path: ConfigPath): string | undefined {
    let node: Node | null = this.resolve(this.doc.contents as Node | null);
    for (const segment of path) {
      const found = node ? this.child(node, segment) : undefined;
      if (!found) return undefined;
      node = found.value;
    }
    return yaml().isScalar(node) ? node.source : undefined;
  }

  private resolve(node: Node | null | undefined): Node | null {
    let current = node ?? null;
    for (let depth = 0; current && yaml().isAlias(current) && depth < 100; depth++) current = (current.resolve(this.doc) as Node | undefined) ?? null;
    return current;
  }

  /** The key and value of `segment` in a mapping (merge keys included) or sequence. */
  private child(node: Node, segment: string | number): { key?: Node; value: Node | null } | undefined {
    if (yaml().isSeq(node)) {
      const item = typeof segment === 'number' ? node.items[segment] : undefined;
      return item === undefined ? undefined : { value: this.resolve(item as Node) };
    }
    if (!yaml().isMap(node)) return undefined;
    const merges: Node[] = [];
    for (const pair of node.items) {
      const key = pair.key as Node | null;
      const keyValue = yaml().isScalar(key) ? key.value : key;
      if (keyValue === '<<') {
        const source = this.resolve(pair.value as Node | null);
        if (yaml().isSeq(source)) merges.push(...source.items.map((item) => this.resolve(item as Node)).filter((n): n is Node => n !== null));
        else if (source) merges.push(source);
        continue;
      }
      if (String(keyValue) === String(segment)) return { key: key ?? undefined, value: this.resolve(pair.value as Node | null) };
    }
    for (const merged of merges) {
      const found = this.child(merged, segment);
      if (found) return found;
    }
    return undefined;
  }
}

/** The plain data at `path`, or undefined. */
export function valueAt(data: unknown, path: ConfigPath): unknown {
  let current = data;
  for (const segment of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as { [key: string]: unknown })[segment as string];
  }
  return current;
}

/** The parser's message without its position and context (which the problem carries). */
function yamlMessage(error: YAMLError): string {
  return error.message.replace(/ at line \d+, column \d+:?[\s\S]*$/, '').trim();
}
