/**
 * A scanner for Terraform template strings and the native-syntax expressions inside them.
 *
 * Every string in a Terraform JSON configuration is a template: `${ expr }` interpolates, `%{ if }`,
 * `%{ for }` are directives, and `$${` / `%%{` are escapes for the literal `${` / `%{`. Expressions
 * may nest braces, strings with backslash escapes, and strings that are templates again
 * (`"${format("%s-${x}", y)}"`). This scanner keeps absolute offsets into the source string so
 * that callers can rewrite spans and leave every other character, escapes included, untouched.
 */

/** `json`: a whole JSON string value, no backslash escapes. `quoted`: a `"..."` literal inside an expression. */
export type TemplateMode = 'json' | 'quoted';

/** Literal text (escapes such as `$${` not collapsed). */
export interface LiteralPart { kind: 'literal'; start: number; end: number }

/** `${ expression }`; `start`/`end` cover the braces, `expression` the tokens inside. */
export interface InterpolationPart { kind: 'interpolation'; start: number; end: number; expression: Expression }

/** `%{ keyword ... }`: `if`, `else`, `endif`, `for`, `endfor`. */
export interface DirectivePart {
  kind: 'directive';
  start: number;
  end: number;
  keyword: 'if' | 'else' | 'endif' | 'for' | 'endfor';
  expression: Expression;
  /** For `%{ for k, v in xs }`: the iteration variables (`k`, `v`). */
  bound: string[];
}

/** One part of a template, in source order. */
export type TemplatePart = LiteralPart | InterpolationPart | DirectivePart;

/** A scanned template: the parts between `start` and `end` (the closing quote, for quoted templates). */
export interface Template { start: number; end: number; parts: TemplatePart[] }

/** One token of a native-syntax expression. String literals carry their scanned template. */
export type Token =
  | { kind: 'ident'; start: number; end: number; text: string }
  | { kind: 'number'; start: number; end: number; text: string }
  | { kind: 'string'; start: number; end: number; template: Template }
  | { kind: 'punct'; start: number; end: number; text: string }
  | { kind: 'newline'; start: number; end: number };

/** The tokens of one expression, from `start` to `end` (exclusive; before any `~` strip marker). */
export interface Expression { start: number; end: number; tokens: Token[] }

const PUNCTUATION = ['...', '==', '!=', '<=', '>=', '&&', '||', '=>', '::', '+', '-', '*', '/', '%', '<', '>', '!', '?', ':', '=', ',', '.', '(', ')', '[', ']', '{', '}'];
const CLOSERS: { [closer: string]: string } = { ')': '(', ']': '[', '}': '{' };

/** Scans a whole JSON string value as a template. Throws on unterminated interpolations. */
export function parseTemplate(source: string): Template {
  return scanTemplate(source, 0, 'json');
}

/**
 * Scans a template from `pos`. In `quoted` mode the template ends at the first unescaped `"` (its
 * offset is `end`) and backslash escapes are skipped; in `json` mode it ends with the string.
 */
export function scanTemplate(source: string, pos: number, mode: TemplateMode): Template {
  const parts: TemplatePart[] = [];
  let literalStart = pos;
  let i = pos;
  const flush = (to: number): void => {
    if (to > literalStart) parts.push({ kind: 'literal', start: literalStart, end: to });
  };
  for (;;) {
    if (i >= source.length) {
      if (mode === 'quoted') throw new ScanError('unterminated string literal', source, pos - 1);
      break;
    }
    const c = source[i];
    if (mode === 'quoted') {
      if (c === '"') break;
      if (c === '\\') {
        i += 2;
        continue;
      }
      if (c === '\n') throw new ScanError('newline inside a quoted string literal', source, i);
    }
    if (source.startsWith('$${', i) || source.startsWith('%%{', i)) {
      i += 3;
      continue;
    }
    if (source.startsWith('${', i) || source.startsWith('%{', i)) {
      flush(i);
      const isDirective = c === '%';
      let j = i + 2;
      if (source[j] === '~') j++;
      const { expression, close } = scanExpression(source, j);
      if (isDirective) parts.push(directive(source, i, close, expression));
      else parts.push({ kind: 'interpolation', start: i, end: close, expression });
      i = close;
      literalStart = i;
      continue;
    }
    i++;
  }
  flush(i);
  return { start: pos, end: i, parts };
}

/**
 * Scans native-syntax tokens from `pos` up to the `}` that closes the enclosing interpolation or
 * directive. `close` is the offset just after that `}` (and after a `~` strip marker before it).
 */
export function scanExpression(source: string, pos: number): { expression: Expression; close: number } {
  const tokens: Token[] = [];
  const open: string[] = [];
  let i = pos;
  for (;;) {
    if (i >= source.length) throw new ScanError('unterminated interpolation', source, pos);
    const c = source[i];
    if (c === ' ' || c === '\t' || c === '\r') {
      i++;
      continue;
    }
    if (c === '\n') {
      tokens.push({ kind: 'newline', start: i, end: i + 1 });
      i++;
      continue;
    }
    if (c === '#' || source.startsWith('//', i)) {
      while (i < source.length && source[i] !== '\n') i++;
      continue;
    }
    if (source.startsWith('/*', i)) {
      const close = source.indexOf('*/', i + 2);
      if (close < 0) throw new ScanError('unterminated comment', source, i);
      i = close + 2;
      continue;
    }
    if (c === '"') {
      const template = scanTemplate(source, i + 1, 'quoted');
      tokens.push({ kind: 'string', start: i, end: template.end + 1, template });
      i = template.end + 1;
      continue;
    }
    if (source.startsWith('<<', i)) throw new ScanError('heredoc templates are not supported', source, i);
    if (c >= '0' && c <= '9') {
      const match = /^[0-9]+(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/.exec(source.slice(i))!;
      tokens.push({ kind: 'number', start: i, end: i + match[0].length, text: match[0] });
      i += match[0].length;
      continue;
    }
    if (/[A-Za-z_]/.test(c)) {
      const match = /^[A-Za-z_][A-Za-z0-9_-]*/.exec(source.slice(i))!;
      tokens.push({ kind: 'ident', start: i, end: i + match[0].length, text: match[0] });
      i += match[0].length;
      continue;
    }
    if (open.length === 0 && (c === '}' || (c === '~' && source[i + 1] === '}'))) {
      return { expression: { start: pos, end: i, tokens }, close: c === '}' ? i + 1 : i + 2 };
    }
    const punct = PUNCTUATION.find((p) => source.startsWith(p, i));
    if (!punct) throw new ScanError(`unexpected character ${JSON.stringify(c)}`, source, i);
    if (punct === '(' || punct === '[' || punct === '{') open.push(punct);
    else if (CLOSERS[punct]) {
      if (open.pop() !== CLOSERS[punct]) throw new ScanError(`unbalanced ${JSON.stringify(punct)}`, source, i);
    }
    tokens.push({ kind: 'punct', start: i, end: i + punct.length, text: punct });
    i += punct.length;
  }
}

function directive(source: string, start: number, end: number, expression: Expression): DirectivePart {
  const first = expression.tokens.find((t) => t.kind !== 'newline');
  const keyword = first?.kind === 'ident' ? first.text : '';
  if (keyword !== 'if' && keyword !== 'else' && keyword !== 'endif' && keyword !== 'for' && keyword !== 'endfor') {
    throw new ScanError(`unknown template directive %{${source.slice(expression.start, expression.end)}}`, source, start);
  }
  const bound: string[] = [];
  if (keyword === 'for') {
    const significant = expression.tokens.filter((t) => t.kind !== 'newline');
    for (const t of significant.slice(1)) {
      if (t.kind === 'ident' && t.text === 'in') break;
      if (t.kind === 'ident') bound.push(t.text);
    }
  }
  return { kind: 'directive', start, end, keyword, expression, bound };
}

/** A scan failure, naming the offset and the string. */
export class ScanError extends Error {
  constructor(message: string, source: string, offset: number) {
    super(`${message} at offset ${offset} in ${JSON.stringify(source.length > 200 ? source.slice(0, 200) + '…' : source)}`);
    this.name = 'ScanError';
  }
}
