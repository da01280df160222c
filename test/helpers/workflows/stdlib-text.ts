import { UnsupportedFeature, valueError } from './errors';
import { fn, LibraryFunction, opt, wantBytes, wantInt, wantString } from './library';
import { compileRegex } from './regex';
import { codePoints, WfMap, WfValue } from './values';

/**
 * The text module (https://cloud.google.com/workflows/docs/reference/stdlib/overview#module:-text).
 * Indexes count characters (code points), like `len` on strings.
 */

/** A code-point index of a UTF-16 offset. */
function codePointIndex(text: string, offset: number): number {
  return codePoints(text.slice(0, offset)).length;
}

function matches(source: string, pattern: RegExp): WfMap[] {
  const found: WfMap[] = [];
  for (const m of source.matchAll(pattern)) {
    found.push(new Map<string, WfValue>([['index', BigInt(codePointIndex(source, m.index!))], ['match', m[0]]]));
  }
  return found;
}

/** Strict UTF-8 decoding: invalid bytes are a ValueError. */
export function decodeUtf8(f: string, bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw valueError(`${f}: the bytes are not valid UTF-8`);
  }
}

function charset(f: string, value: WfValue | undefined): void {
  // Only UTF-8 is implemented; other charsets would need a table of encodings.
  if (value !== undefined && !/^utf-?8$/i.test(wantString(f, 'charset', value))) {
    throw new UnsupportedFeature(`${f} with charset ${value}`);
  }
}

/** Percent-encoding: "Letters, digits, and the characters .-_ are not escaped" (text.url_encode). */
function percentEncode(source: string, spaceAsPlus: boolean): string {
  let out = '';
  for (const byte of Buffer.from(source, 'utf8')) {
    const c = String.fromCharCode(byte);
    if (/[A-Za-z0-9._-]/.test(c)) out += c;
    else if (c === ' ' && spaceAsPlus) out += '+';
    else out += `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

/** The implemented text functions. */
export const textFunctions: LibraryFunction[] = [
  // "A negative index is considered an offset from the end of the string. If an index is outside
  // of the source string's range, it is clamped to the bounds of the range."
  // (https://cloud.google.com/workflows/docs/reference/stdlib/text/substring). A start past the
  // end gives "" (not documented; the Python-slice reading those rules describe).
  fn('text.substring', ['source', 'start', 'end'], ([source, start, end]) => {
    const chars = codePoints(wantString('text.substring', 'source', source));
    const at = (i: bigint) => {
      const n = Number(i);
      const offset = n < 0 ? chars.length + n : n;
      return Math.min(Math.max(offset, 0), chars.length);
    };
    const from = at(wantInt('text.substring', 'start', start));
    const to = at(wantInt('text.substring', 'end', end));
    return from >= to ? '' : chars.slice(from, to).join('');
  }),

  // Not verified in Google's pages: split on every occurrence of the separator; an empty
  // separator is refused rather than guessed.
  fn('text.split', ['source', 'separator'], ([source, separator]) => {
    const text = wantString('text.split', 'source', source);
    const sep = wantString('text.split', 'separator', separator);
    if (sep === '') throw new UnsupportedFeature('text.split with an empty separator');
    return text.split(sep);
  }),

  fn('text.replace_all', ['source', 'substr', 'repl'], ([source, substr, repl]) => {
    const text = wantString('text.replace_all', 'source', source);
    const find = wantString('text.replace_all', 'substr', substr);
    const replacement = wantString('text.replace_all', 'repl', repl);
    if (find === '') throw new UnsupportedFeature('text.replace_all with an empty substring');
    return text.split(find).join(replacement);
  }),

  // "backreferences are not supported": the replacement is literal, so JS's `$&`/`$1` must not
  // be interpreted (a replacer function keeps it literal).
  // (https://cloud.google.com/workflows/docs/reference/stdlib/text/replace_all_regex)
  fn('text.replace_all_regex', ['source', 'regexp', 'repl'], ([source, regexp, repl]) => {
    const text = wantString('text.replace_all_regex', 'source', source);
    const pattern = compileRegex(wantString('text.replace_all_regex', 'regexp', regexp), 'gu');
    const replacement = wantString('text.replace_all_regex', 'repl', repl);
    return text.replace(pattern, () => replacement);
  }),

  // True when the pattern matches anywhere in the source (RE2 partial match; anchor with ^…$).
  fn('text.match_regex', ['source', 'regexp'], ([source, regexp]) => {
    const text = wantString('text.match_regex', 'source', source);
    return compileRegex(wantString('text.match_regex', 'regexp', regexp), 'u').test(text);
  }),

  // Each match as {index, match}, sorted by index, empty list when none
  // (https://cloud.google.com/workflows/docs/reference/stdlib/text/find_all_regex).
  fn('text.find_all_regex', ['source', 'regexp'], ([source, regexp]) => {
    const text = wantString('text.find_all_regex', 'source', source);
    return matches(text, compileRegex(wantString('text.find_all_regex', 'regexp', regexp), 'gu'));
  }),

  // Same shape as find_all_regex for a literal substring; non-overlapping (not verified).
  fn('text.find_all', ['source', 'substr'], ([source, substr]) => {
    const text = wantString('text.find_all', 'source', source);
    const find = wantString('text.find_all', 'substr', substr);
    if (find === '') throw new UnsupportedFeature('text.find_all with an empty substring');
    return matches(text, new RegExp(find.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'gu'));
  }),

  fn('text.to_lower', ['source'], ([source]) => wantString('text.to_lower', 'source', source).toLowerCase()),
  fn('text.to_upper', ['source'], ([source]) => wantString('text.to_upper', 'source', source).toUpperCase()),

  // https://cloud.google.com/workflows/docs/reference/stdlib/text/url_encode: "a/b/c?item=d+e f"
  // → "a%2Fb%2Fc%3Fitem%3Dd%2Be%20f"; url_encode_plus writes the space as "+".
  fn('text.url_encode', ['source'], ([source]) => percentEncode(wantString('text.url_encode', 'source', source), false)),
  fn('text.url_encode_plus', ['source'], ([source]) => percentEncode(wantString('text.url_encode_plus', 'source', source), true)),

  fn('text.encode', ['text', opt('charset')], ([text, cs]) => {
    charset('text.encode', cs);
    return new Uint8Array(Buffer.from(wantString('text.encode', 'text', text), 'utf8'));
  }),

  fn('text.decode', ['data', opt('charset')], ([data, cs]) => {
    charset('text.decode', cs);
    return decodeUtf8('text.decode', wantBytes('text.decode', 'data', data));
  }),
];
