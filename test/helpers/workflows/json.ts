import { UnsupportedFeature, valueError } from './errors';
import { INT64_MAX, INT64_MIN, WfMap, WfValue } from './values';

/**
 * JSON text ⇄ values, keeping ints and doubles apart (`JSON.parse` cannot): a number without a
 * fraction or exponent is an int, any other a double. Used by `json.decode`, `json.encode*` and
 * for HTTP bodies.
 */

/** Parses JSON text; invalid text raises ValueError (https://cloud.google.com/workflows/docs/reference/stdlib/json/decode). */
export function parseJson(text: string): WfValue {
  const parser = new JsonParser(text);
  parser.space();
  const value = parser.value();
  parser.space();
  if (!parser.done()) throw parser.fail('unexpected trailing text');
  return value;
}

class JsonParser {
  private at = 0;

  constructor(private readonly text: string) {}

  done(): boolean {
    return this.at >= this.text.length;
  }

  fail(why: string) {
    return valueError(`invalid JSON at offset ${this.at}: ${why}`);
  }

  space(): void {
    while (!this.done() && ' \t\n\r'.includes(this.text[this.at])) this.at++;
  }

  value(): WfValue {
    const c = this.text[this.at];
    if (c === '{') return this.object();
    if (c === '[') return this.array();
    if (c === '"') return this.string();
    if (c === '-' || (c >= '0' && c <= '9')) return this.number();
    for (const [word, value] of [['true', true], ['false', false], ['null', null]] as const) {
      if (this.text.startsWith(word, this.at)) {
        this.at += word.length;
        return value;
      }
    }
    throw this.fail(this.done() ? 'unexpected end' : `unexpected ${JSON.stringify(c)}`);
  }

  private object(): WfMap {
    const map: WfMap = new Map();
    this.at++;
    this.space();
    if (this.text[this.at] === '}') {
      this.at++;
      return map;
    }
    for (;;) {
      this.space();
      if (this.text[this.at] !== '"') throw this.fail('expected a key');
      const key = this.string();
      this.space();
      if (this.text[this.at++] !== ':') throw this.fail('expected ":"');
      this.space();
      map.set(key, this.value());
      this.space();
      const next = this.text[this.at++];
      if (next === '}') return map;
      if (next !== ',') throw this.fail('expected "," or "}"');
    }
  }

  private array(): WfValue[] {
    const list: WfValue[] = [];
    this.at++;
    this.space();
    if (this.text[this.at] === ']') {
      this.at++;
      return list;
    }
    for (;;) {
      this.space();
      list.push(this.value());
      this.space();
      const next = this.text[this.at++];
      if (next === ']') return list;
      if (next !== ',') throw this.fail('expected "," or "]"');
    }
  }

  private string(): string {
    const match = /^"(?:[^"\\\u0000-\u001f]|\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4}))*"/.exec(this.text.slice(this.at));
    if (!match) throw this.fail('bad string');
    this.at += match[0].length;
    return JSON.parse(match[0]);
  }

  private number(): WfValue {
    const match = /^-?(?:0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(this.text.slice(this.at));
    if (!match) throw this.fail('bad number');
    this.at += match[0].length;
    if (match[1] === undefined && match[2] === undefined) {
      const int = BigInt(match[0]);
      // Out-of-range integers: what Workflows does is not documented, so refuse rather than guess.
      if (int < INT64_MIN || int > INT64_MAX) throw new UnsupportedFeature(`JSON integer ${match[0]} outside 64 bits`);
      return int;
    }
    const double = Number(match[0]);
    if (!Number.isFinite(double)) throw new UnsupportedFeature(`JSON number ${match[0]} outside double range`);
    return double;
  }
}

/** Indentation options of json.encode (https://cloud.google.com/workflows/docs/reference/stdlib/json/encode). */
export interface JsonIndent {
  prefix: string;
  indent: string;
}

/**
 * Encodes a value as JSON text, maps in insertion order; bytes (and function references) raise
 * ValueError (https://cloud.google.com/workflows/docs/reference/stdlib/json/encode). Without
 * indentation the output is compact; Google does not document separators or how a double is
 * written, so doubles use JS's shortest round-trip form (`2.0` is written `2`).
 */
export function encodeJson(value: WfValue, indent?: JsonIndent): string {
  return encode(value, indent, 0);
}

function encode(value: WfValue, indent: JsonIndent | undefined, depth: number): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'boolean': return String(value);
    case 'bigint': return value.toString();
    case 'number': return JSON.stringify(value);
    case 'string': return JSON.stringify(value);
    default: break;
  }
  const items: string[] = [];
  let open: string;
  let close: string;
  if (Array.isArray(value)) {
    [open, close] = ['[', ']'];
    for (const item of value) items.push(encode(item, indent, depth + 1));
  } else if (value instanceof Map) {
    [open, close] = ['{', '}'];
    for (const [key, item] of value) items.push(`${JSON.stringify(key)}:${indent ? ' ' : ''}${encode(item, indent, depth + 1)}`);
  } else {
    throw valueError(`${value instanceof Uint8Array ? 'bytes' : 'a function reference'} cannot be JSON-encoded`);
  }
  if (!indent || items.length === 0) return `${open}${items.join(',')}${close}`;
  const line = (level: number) => `\n${indent.prefix}${indent.indent.repeat(level)}`;
  return `${open}${items.map((item) => `${line(depth + 1)}${item}`).join(',')}${line(depth)}${close}`;
}
