import { UnsupportedFeature } from './errors';
import { INT64_MAX, WfValue } from './values';

/**
 * Tokenizer and parser of the expression language inside `${...}`
 * (https://cloud.google.com/workflows/docs/reference/syntax/expressions), producing an AST.
 *
 * Precedence, from https://cloud.google.com/workflows/docs/reference/syntax/datatypes#order-of-operations
 * (most binding first): `()`, `.`, `[]`, `not`, unary `-`, `* / // %`, `+ -`,
 * `< <= >= > == != in`, `and`, `or`. Note that `not` binds tighter than every binary operator:
 * `not a == b` is `(not a) == b`, and `not "x" in list` is `(not "x") in list`.
 * Logical operators "can be lower-case or upper-case (but not mixed-case)" (same page).
 */

/** A binary operator. */
export type BinaryOp = 'or' | 'and' | '==' | '!=' | '<' | '<=' | '>' | '>=' | 'in' | '+' | '-' | '*' | '/' | '//' | '%';

/** An expression's syntax tree. */
export type Expr =
  | { kind: 'literal'; value: WfValue }
  | { kind: 'ident'; name: string }
  | { kind: 'member'; object: Expr; name: string }
  | { kind: 'index'; object: Expr; index: Expr }
  | { kind: 'call'; callee: string; args: Expr[] }
  | { kind: 'unary'; op: '-' | 'not'; operand: Expr }
  | { kind: 'binary'; op: BinaryOp; left: Expr; right: Expr }
  | { kind: 'list'; items: Expr[] }
  | { kind: 'map'; entries: [string, Expr][] };

type Token =
  | { type: 'int'; text: string }
  | { type: 'double'; text: string }
  | { type: 'string'; value: string }
  | { type: 'word'; text: string }
  | { type: 'punct'; text: string }
  | { type: 'end' };

const PUNCTUATION = ['//', '==', '!=', '<=', '>=', '<', '>', '+', '-', '*', '/', '%', '(', ')', '[', ']', '{', '}', ',', ':', '.'];

const ESCAPES: { [c: string]: string } = { '"': '"', "'": "'", '\\': '\\', '/': '/', n: '\n', t: '\t', r: '\r', b: '\b', f: '\f' };

function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  let at = 0;
  const fail = (why: string) => new UnsupportedFeature(`expression syntax not understood (${why} at offset ${at}): ${source}`);
  while (at < source.length) {
    const c = source[at];
    if (/\s/.test(c)) {
      at++;
      continue;
    }
    const number = /^(?:\d+\.\d*(?:[eE][+-]?\d+)?|\.\d+(?:[eE][+-]?\d+)?|\d+[eE][+-]?\d+|\d+)/.exec(source.slice(at));
    // A `.` right after a value is member access, never the start of a number (`a.5` is invalid anyway).
    if (number && !(c === '.' && tokens.length > 0 && endsOperand(tokens[tokens.length - 1]))) {
      const text = number[0];
      tokens.push(/[.eE]/.test(text) ? { type: 'double', text } : { type: 'int', text });
      at += text.length;
      if (/^[A-Za-z_]/.test(source.slice(at))) throw fail('a number runs into a name');
      continue;
    }
    if (c === '"' || c === "'") {
      let value = '';
      at++;
      for (;;) {
        if (at >= source.length) throw fail('unterminated string');
        const d = source[at];
        if (d === c) {
          at++;
          break;
        }
        if (d === '\\') {
          const e = source[at + 1];
          if (e === 'u' && /^[0-9a-fA-F]{4}$/.test(source.slice(at + 2, at + 6))) {
            value += String.fromCharCode(parseInt(source.slice(at + 2, at + 6), 16));
            at += 6;
            continue;
          }
          if (e === undefined || !(e in ESCAPES)) throw fail(`escape \\${e ?? ''}`);
          value += ESCAPES[e];
          at += 2;
          continue;
        }
        value += d;
        at++;
      }
      tokens.push({ type: 'string', value });
      continue;
    }
    const word = /^[A-Za-z_][A-Za-z0-9_]*/.exec(source.slice(at));
    if (word) {
      tokens.push({ type: 'word', text: word[0] });
      at += word[0].length;
      continue;
    }
    const punct = PUNCTUATION.find((p) => source.startsWith(p, at));
    if (!punct) throw fail(`character ${JSON.stringify(c)}`);
    tokens.push({ type: 'punct', text: punct });
    at += punct.length;
  }
  tokens.push({ type: 'end' });
  return tokens;
}

function endsOperand(token: Token): boolean {
  return token.type === 'word' || token.type === 'string' || token.type === 'int' || token.type === 'double'
    || (token.type === 'punct' && (token.text === ')' || token.text === ']' || token.text === '}'));
}

const KEYWORDS: { [word: string]: string } = {
  and: 'and', AND: 'and', or: 'or', OR: 'or', not: 'not', NOT: 'not', in: 'in',
  true: 'true', True: 'true', TRUE: 'true', false: 'false', False: 'false', FALSE: 'false', null: 'null',
};

/** Parses the text between `${` and `}`. Anything not understood throws UnsupportedFeature. */
export function parseExpression(source: string): Expr {
  const parser = new Parser(tokenize(source), source);
  const expr = parser.expression();
  parser.expectEnd();
  return expr;
}

class Parser {
  private at = 0;

  constructor(private readonly tokens: Token[], private readonly source: string) {}

  private peek(): Token {
    return this.tokens[this.at];
  }

  private fail(why: string): UnsupportedFeature {
    return new UnsupportedFeature(`expression syntax not understood (${why}): ${this.source}`);
  }

  private keyword(token: Token): string | undefined {
    return token.type === 'word' ? KEYWORDS[token.text] : undefined;
  }

  private isPunct(text: string): boolean {
    const t = this.peek();
    return t.type === 'punct' && t.text === text;
  }

  private expect(text: string): void {
    if (!this.isPunct(text)) throw this.fail(`expected "${text}"`);
    this.at++;
  }

  expectEnd(): void {
    if (this.peek().type !== 'end') throw this.fail('unexpected text after the expression');
  }

  expression(): Expr {
    return this.or();
  }

  private or(): Expr {
    let left = this.and();
    while (this.keyword(this.peek()) === 'or') {
      this.at++;
      left = { kind: 'binary', op: 'or', left, right: this.and() };
    }
    return left;
  }

  private and(): Expr {
    let left = this.comparison();
    while (this.keyword(this.peek()) === 'and') {
      this.at++;
      left = { kind: 'binary', op: 'and', left, right: this.comparison() };
    }
    return left;
  }

  private comparison(): Expr {
    let left = this.additive();
    for (;;) {
      const t = this.peek();
      let op: BinaryOp | undefined;
      if (t.type === 'punct' && ['==', '!=', '<', '<=', '>', '>='].includes(t.text)) op = t.text as BinaryOp;
      else if (this.keyword(t) === 'in') op = 'in';
      if (!op) return left;
      this.at++;
      left = { kind: 'binary', op, left, right: this.additive() };
    }
  }

  private additive(): Expr {
    let left = this.multiplicative();
    while (this.isPunct('+') || this.isPunct('-')) {
      const op = (this.tokens[this.at++] as { text: string }).text as BinaryOp;
      left = { kind: 'binary', op, left, right: this.multiplicative() };
    }
    return left;
  }

  private multiplicative(): Expr {
    let left = this.unary();
    while (['*', '/', '//', '%'].some((p) => this.isPunct(p))) {
      const op = (this.tokens[this.at++] as { text: string }).text as BinaryOp;
      left = { kind: 'binary', op, left, right: this.unary() };
    }
    return left;
  }

  private unary(): Expr {
    if (this.isPunct('-')) {
      this.at++;
      const operand = this.unary();
      // `-9223372036854775808` is the only way to write INT64_MIN.
      if (operand.kind === 'literal' && typeof operand.value === 'bigint') return { kind: 'literal', value: -operand.value };
      return { kind: 'unary', op: '-', operand };
    }
    if (this.keyword(this.peek()) === 'not') {
      this.at++;
      return { kind: 'unary', op: 'not', operand: this.unary() };
    }
    return this.postfix();
  }

  private postfix(): Expr {
    let expr = this.primary();
    for (;;) {
      if (this.isPunct('.')) {
        this.at++;
        const name = this.peek();
        if (name.type !== 'word') throw this.fail('expected a name after "."');
        this.at++;
        expr = { kind: 'member', object: expr, name: name.text };
      } else if (this.isPunct('[')) {
        this.at++;
        const index = this.expression();
        this.expect(']');
        expr = { kind: 'index', object: expr, index };
      } else if (this.isPunct('(')) {
        const callee = dottedName(expr);
        if (!callee) throw this.fail('only a function name can be called');
        this.at++;
        const args: Expr[] = [];
        if (!this.isPunct(')')) {
          for (;;) {
            args.push(this.expression());
            if (this.isPunct(')')) break;
            this.expect(',');
          }
        }
        this.expect(')');
        expr = { kind: 'call', callee, args };
      } else {
        return expr;
      }
    }
  }

  private primary(): Expr {
    const t = this.peek();
    this.at++;
    switch (t.type) {
      case 'int': {
        const value = BigInt(t.text);
        // 2^63 is allowed only right after a unary minus; checked by the evaluator's range check.
        if (value > INT64_MAX + 1n) throw new UnsupportedFeature(`integer literal ${t.text} outside 64 bits`);
        return { kind: 'literal', value };
      }
      case 'double':
        return { kind: 'literal', value: Number(t.text) };
      case 'string':
        return { kind: 'literal', value: t.value };
      case 'word': {
        const keyword = KEYWORDS[t.text];
        if (keyword === 'true' || keyword === 'false') return { kind: 'literal', value: keyword === 'true' };
        if (keyword === 'null') return { kind: 'literal', value: null };
        if (keyword) throw this.fail(`unexpected "${t.text}"`);
        return { kind: 'ident', name: t.text };
      }
      case 'punct':
        if (t.text === '(') {
          const inner = this.expression();
          this.expect(')');
          return inner;
        }
        if (t.text === '[') return this.list();
        if (t.text === '{') return this.map();
        throw this.fail(`unexpected "${t.text}"`);
      default:
        throw this.fail('unexpected end');
    }
  }

  private list(): Expr {
    const items: Expr[] = [];
    if (!this.isPunct(']')) {
      for (;;) {
        items.push(this.expression());
        if (this.isPunct(']')) break;
        this.expect(',');
      }
    }
    this.expect(']');
    return { kind: 'list', items };
  }

  private map(): Expr {
    const entries: [string, Expr][] = [];
    if (!this.isPunct('}')) {
      for (;;) {
        const key = this.peek();
        // Map literal keys inside expressions: only string literals are documented
        // (https://cloud.google.com/workflows/docs/reference/syntax/maps).
        if (key.type !== 'string') throw this.fail('a map key inside an expression must be a string literal');
        this.at++;
        this.expect(':');
        entries.push([key.value, this.expression()]);
        if (this.isPunct('}')) break;
        this.expect(',');
      }
    }
    this.expect('}');
    return { kind: 'map', entries };
  }
}

/** `a.b.c` as a name when the expression is a chain of plain names, otherwise undefined. */
function dottedName(expr: Expr): string | undefined {
  if (expr.kind === 'ident') return expr.name;
  if (expr.kind === 'member') {
    const base = dottedName(expr.object);
    return base === undefined ? undefined : `${base}.${expr.name}`;
  }
  return undefined;
}

const cache = new Map<string, Expr>();

/**
 * The expression of a definition string, or undefined for a plain string. A string is an
 * expression when it is exactly `${...}`
 * (https://cloud.google.com/workflows/docs/reference/syntax/expressions: "All expressions must
 * begin with a $ and be enclosed in curly brackets"). A string that contains `${` anywhere else
 * (text around an expression, two expressions) is refused: Workflows does not interpolate
 * strings, and guessing would let a test pass on a literal the author meant as an expression.
 */
export function expressionOf(text: string): Expr | undefined {
  if (!text.includes('${')) return undefined;
  if (!text.startsWith('${') || !text.endsWith('}')) {
    throw new UnsupportedFeature(`a string mixing text and \${...} (Workflows does not interpolate): ${text}`);
  }
  let expr = cache.get(text);
  if (!expr) {
    expr = parseExpression(text.slice(2, -1));
    cache.set(text, expr);
  }
  return expr;
}
