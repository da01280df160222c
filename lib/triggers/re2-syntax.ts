/**
 * Whether a regular expression is one RE2 accepts (the syntax of github.com/google/re2/wiki/Syntax,
 * which Cloud Workflows' `text.match_regex` runs), for patterns the launcher matches object names
 * with. JavaScript's `RegExp` is no judge: it accepts lookarounds, backreferences and escapes RE2
 * refuses (`(?=x)`, `\1`, `\cJ`, `\u00e9`, `\q`), reads `[]` and `[^]` otherwise than RE2, and
 * refuses RE2's flag groups (`(?i)`). Pure, one pass over the pattern. No cdktf import.
 *
 * The pattern is matched as a whole (the launcher anchors it), so anchors are refused too.
 */
import { RuleResult } from '../rules/result';

/** RE2's limit on a counted repetition (`x{n,m}`), and on nested counts multiplied. */
const MAX_REPEAT = 1000;
const ASCII_CLASSES = ['alnum', 'alpha', 'ascii', 'blank', 'cntrl', 'digit', 'graph', 'lower', 'print', 'punct', 'space', 'upper', 'word', 'xdigit'];
/** Why an anchor is refused, after `has "^"`. */
const ANCHORED = 'an anchor, but the pattern is already anchored to the whole name after the prefix: leave it out';

/** Escapes RE2 does not have, with what to write instead. */
const UNSUPPORTED_ESCAPES: { readonly [letter: string]: string } = {
  Z: '\\Z is not RE2 (and no anchor is needed: the pattern is anchored for you)',
  G: '\\G is not RE2',
  K: '\\K is not RE2',
  R: '\\R is not RE2 (write (?:\\r\\n|\\n))',
  X: '\\X is not RE2',
  h: '\\h is not RE2 (write [\\t ])',
  H: '\\H is not RE2 (write [^\\t ])',
  V: '\\V is not RE2',
  N: '\\N is not RE2',
  g: 'backreferences (\\g) are not RE2',
  k: 'backreferences (\\k) are not RE2',
  c: 'control escapes (\\cX) are not RE2 (write an octal or hex code, e.g. \\x0A)',
  e: '\\e is not RE2 (write \\x1B)',
  u: '\\u escapes are not RE2 (write \\x{00E9})',
  U: '\\U is not RE2 (write \\x{0001F600})',
  l: '\\l is not RE2',
  L: '\\L is not RE2',
};

/** The match of the sticky `expression` at `index` of `text`: no copy of the rest of the text, so one pass stays linear. */
function matchAt(expression: RegExp, text: string, index: number): RegExpExecArray | null {
  expression.lastIndex = index;
  return expression.exec(text);
}

const COUNTED = /\{(\d+)(,(\d*))?\}/y;
const OCTAL = /0[0-7]{0,2}/y;
const HEX_BRACED = /x\{([0-9A-Fa-f]{1,8})\}/y;
const HEX_PAIR = /x([0-9A-Fa-f]{2})/y;
const PROPERTY = /[pP](?:\{\^?[A-Za-z_]+\}|[A-Za-z])/y;
const ASCII_CLASS = /\[:(\^?)([a-z]+):\]/y;
const NAMED_GROUP = /P<([A-Za-z0-9_]+)>/y;
const RECURSION = /R|[+-]?[0-9]/y;
const FLAGS = /([imsU]*)(?:-([imsU]*))?([:)])/y;
const GROUP_HEAD = /[^:)]*[:)]?/y;

/** One level of grouping: how deep its counted repetitions nest. */
interface Frame {
  /** The largest product of nested counted repetitions inside the group so far. */
  inner: number;
}

/**
 * What is wrong with `pattern` as an RE2 expression matched as a whole, or undefined: the first
 * problem found, said as what to write instead where there is a close RE2 equivalent.
 */
export function re2PatternProblem(pattern: string): RuleResult {
  const frames: Frame[] = [{ inner: 1 }];
  /** Whether something repeatable precedes (nothing at the start of a group or an alternative). */
  let atom = false;
  /** The operator that just repeated the last atom, if one did (a second would repeat a repetition). */
  let repeated: string | undefined;
  /** The nested count product of the last atom (a group's inner product, 1 for a single character). */
  let atomProduct = 1;
  let i = 0;
  const setAtom = (product = 1): void => {
    atom = true;
    repeated = undefined;
    atomProduct = product;
  };
  while (i < pattern.length) {
    const c = pattern[i];
    if (c === '\\') {
      const escape = escapeAt(pattern, i, false);
      if (escape.problem) return escape.problem;
      i = escape.end;
      setAtom();
      continue;
    }
    if (c === '[') {
      const end = classEnd(pattern, i);
      if (typeof end === 'string') return end;
      i = end;
      setAtom();
      continue;
    }
    if (c === '(') {
      const open = groupOpening(pattern, i);
      if (open.problem) return open.problem;
      i = open.end;
      if (open.flagsOnly) continue;
      frames.push({ inner: 1 });
      atom = false;
      repeated = undefined;
      continue;
    }
    if (c === ')') {
      if (frames.length === 1) return `has an unmatched ")" at position ${i + 1} (write \\) for a literal parenthesis)`;
      const frame = frames.pop()!;
      i++;
      setAtom(frame.inner);
      continue;
    }
    if (c === '|') {
      atom = false;
      repeated = undefined;
      i++;
      continue;
    }
    if (c === '^' || c === '$') return `has "${c}" at position ${i + 1}, ${ANCHORED} (write \\${c} for a literal ${c})`;
    const counted = c === '{' ? matchAt(COUNTED, pattern, i) : null;
    if (c === '*' || c === '+' || c === '?' || counted) {
      const operator = counted ? counted[0] : c;
      if (repeated) {
        if (c === '+') return `has a possessive quantifier "${repeated}+" at position ${i + 1 - repeated.length}, which RE2 does not have (write ${repeated} without "+")`;
        return `repeats a repetition ("${operator}" at position ${i + 1}), which RE2 refuses: group it first, e.g. (?:x*)${operator}`;
      }
      if (!atom) return `has "${operator}" at position ${i + 1} with nothing to repeat (write \\${c} for a literal ${c})`;
      let product = 1;
      if (counted) {
        const min = Number(counted[1]);
        const max = counted[2] === undefined ? min : counted[3] === '' ? undefined : Number(counted[3]);
        if (min > MAX_REPEAT || (max ?? 0) > MAX_REPEAT) return `repeats more than ${MAX_REPEAT} times ("${operator}"), over RE2's limit`;
        if (max !== undefined && max < min) return `has "${operator}", whose maximum is below its minimum`;
        product = max ?? min;
      }
      const total = atomProduct * product;
      if (total > MAX_REPEAT) return `nests counted repetitions to more than ${MAX_REPEAT} ("${operator}" at position ${i + 1}), over RE2's limit`;
      const frame = frames[frames.length - 1];
      frame.inner = Math.max(frame.inner, total);
      i += operator.length;
      // One "?" after a quantifier makes it lazy (prefer fewer), which RE2 has.
      const lazy = pattern[i] === '?';
      if (lazy) i++;
      repeated = lazy ? `${operator}?` : operator;
      continue;
    }
    // Any other character, "{" and "}" and "]" not part of a repetition or class included, is itself.
    i += c.length;
    setAtom();
  }
  if (frames.length > 1) return 'has a "(" without its ")"';
  return undefined;
}

/** The end of an escape at `i`, or what is wrong with it. */
function escapeAt(pattern: string, i: number, inClass: boolean): { end: number; problem?: string; single?: number } {
  const next = pattern[i + 1];
  const at = `at position ${i + 1}`;
  if (next === undefined) return { end: i + 1, problem: 'ends in a lone "\\" (write \\\\ for a backslash)' };
  if (/[1-9]/.test(next)) {
    return { end: i + 2, problem: `has "\\${next}" ${at}: backreferences are not RE2 (for a character code write \\x${next.charCodeAt(0).toString(16)} or octal \\0${next})` };
  }
  if (next === '0') {
    const octal = matchAt(OCTAL, pattern, i + 1)![0];
    return { end: i + 1 + octal.length, single: parseInt(octal, 8) };
  }
  if (next === 'x') {
    const braced = matchAt(HEX_BRACED, pattern, i + 1);
    if (braced) {
      const code = parseInt(braced[1], 16);
      if (code > 0x10ffff) return { end: i + 1, problem: `has "\\${braced[0]}" ${at}, beyond Unicode (at most \\x{10FFFF})` };
      return { end: i + 1 + braced[0].length, single: code };
    }
    const pair = matchAt(HEX_PAIR, pattern, i + 1);
    if (pair) return { end: i + 1 + pair[0].length, single: parseInt(pair[1], 16) };
    return { end: i + 2, problem: `has "\\x" ${at} without two hex digits or {hex} (write \\x0A or \\x{0A})` };
  }
  if (next === 'p' || next === 'P') {
    const property = matchAt(PROPERTY, pattern, i + 1);
    if (!property) return { end: i + 2, problem: `has "\\${next}" ${at} without a Unicode class name (write \\pL or \\p{Greek})` };
    return { end: i + 1 + property[0].length };
  }
  if (next === 'Q') {
    if (inClass) return { end: i + 2, problem: `has \\Q inside a character class ${at}, which RE2 does not read as quoting` };
    const close = pattern.indexOf('\\E', i + 2);
    return { end: close < 0 ? pattern.length : close + 2 };
  }
  if ('dDsSwW'.includes(next)) return { end: i + 2 };
  const control: { readonly [letter: string]: number } = { a: 7, f: 12, t: 9, n: 10, r: 13, v: 11 };
  if (next in control) return { end: i + 2, single: control[next] };
  if (next === 'C') return inClass ? { end: i + 2, problem: `has \\C inside a character class ${at}, which RE2 refuses` } : { end: i + 2 };
  if (next === 'b' || next === 'B') {
    if (inClass) return { end: i + 2, problem: `has "\\${next}" inside a character class ${at}: RE2 has no backspace escape (write \\x08)` };
    return { end: i + 2 };
  }
  if (next === 'A' || next === 'z') {
    return { end: i + 2, problem: `has "\\${next}" ${at}, ${ANCHORED}` };
  }
  if (next in UNSUPPORTED_ESCAPES) return { end: i + 2, problem: `has "\\${next}" ${at}: ${UNSUPPORTED_ESCAPES[next]}` };
  if (/[A-Za-z0-9]/.test(next)) return { end: i + 2, problem: `has "\\${next}" ${at}, which is not an RE2 escape (write ${next} alone for the letter)` };
  const code = pattern.codePointAt(i + 1)!;
  if (code > 0x7f) return { end: i + 2, problem: `escapes "${String.fromCodePoint(code)}" ${at}: RE2 escapes punctuation only (write the character alone)` };
  // Escaped ASCII punctuation (and space) is itself.
  return { end: i + 2, single: code };
}

/** The index after the class opened at `i`, or what is wrong with it. */
function classEnd(pattern: string, i: number): number | string {
  let j = i + 1;
  if (pattern[j] === '^') j++;
  if (pattern[j] === ']') {
    return `has "${pattern.slice(i, j + 1)}" at position ${i + 1}, which RE2 and JavaScript read differently (write \\] for a literal ], or (?s:.) for any character)`;
  }
  /** The last single character of the class, the start of a possible range. */
  let previous: number | undefined;
  /** Whether the last item was a class (`\d`, `[:alpha:]`), which cannot start a range. */
  let previousIsClass = false;
  while (j < pattern.length && pattern[j] !== ']') {
    if (pattern[j] === '-' && pattern[j + 1] !== ']' && (previous !== undefined || previousIsClass)) {
      if (previousIsClass) return `has a range from a character class at position ${j + 1} (write \\- for a literal -)`;
      const hi = classCharAt(pattern, j + 1);
      if (typeof hi === 'string') return hi;
      if (hi.single === undefined) return `has a range to a character class at position ${j + 2} (write \\- for a literal -)`;
      if (hi.single < previous!) return `has the range "${pattern.slice(j - 1, hi.end)}" at position ${j}, whose end is before its start`;
      j = hi.end;
      previous = undefined;
      previousIsClass = false;
      continue;
    }
    const item = classCharAt(pattern, j);
    if (typeof item === 'string') return item;
    previous = item.single;
    previousIsClass = item.single === undefined;
    j = item.end;
  }
  if (j >= pattern.length) return `has a "[" at position ${i + 1} without its "]" (write \\[ for a literal [)`;
  return j + 1;
}

/** One item of a class at `j`: a character (with its code) or a class, or what is wrong with it. */
function classCharAt(pattern: string, j: number): { end: number; single?: number } | string {
  if (pattern.startsWith('[:', j)) {
    const named = matchAt(ASCII_CLASS, pattern, j);
    if (named) {
      if (!ASCII_CLASSES.includes(named[2])) return `has the ASCII class "${named[0]}", which RE2 does not have (${ASCII_CLASSES.map((n) => `[:${n}:]`).join(', ')})`;
      return { end: j + named[0].length };
    }
  }
  if (pattern[j] === '\\') {
    const escape = escapeAt(pattern, j, true);
    if (escape.problem) return escape.problem;
    return { end: escape.end, single: escape.single };
  }
  const code = pattern.codePointAt(j)!;
  return { end: j + String.fromCodePoint(code).length, single: code };
}

/** What opens at `(` at `i`: a group, a flag setting, or something RE2 does not have. */
function groupOpening(pattern: string, i: number): { end: number; flagsOnly?: boolean; problem?: string } {
  if (pattern[i + 1] !== '?') return { end: i + 1 };
  const from = i + 2;
  const at = `at position ${i + 1}`;
  const starts = (text: string): boolean => pattern.startsWith(text, from);
  const problem = (shown: string, why: string): { end: number; problem: string } => ({ end: from, problem: `has "(?${shown}" ${at}: ${why}` });
  if (starts(':')) return { end: from + 1 };
  if (starts('=') || starts('!')) return problem(pattern[from], 'lookaheads are not RE2 (match the text itself, or use two filters of two triggers)');
  if (starts('<=') || starts('<!')) return problem(pattern.slice(from, from + 2), 'lookbehinds are not RE2');
  if (starts('>')) return problem('>', 'atomic groups are not RE2 (write (?:...))');
  if (starts('#')) return problem('#', 'comments are not RE2');
  if (starts('P=')) return problem('P=', 'backreferences are not RE2');
  if (starts('P>') || starts('&') || matchAt(RECURSION, pattern, from)) return problem(pattern.slice(from, from + 2), 'recursion is not RE2');
  if (starts('(')) return problem('(', 'conditionals are not RE2');
  if (starts('|')) return problem('|', 'branch reset groups are not RE2');
  const named = matchAt(NAMED_GROUP, pattern, from);
  if (named) return { end: from + named[0].length };
  if (starts('<') || starts("'") || starts('P<')) {
    return problem(pattern[from], 'write a named group as (?P<name>...), which every RE2 version reads, or (?:...): the name is not used');
  }
  const flags = matchAt(FLAGS, pattern, from);
  if (flags && (flags[1] !== '' || (flags[2] ?? '') !== '') && flags[2] !== '') {
    return { end: from + flags[0].length, flagsOnly: flags[3] === ')' };
  }
  return problem(matchAt(GROUP_HEAD, pattern, from)![0], 'not an RE2 group (groups are (...), (?:...), (?P<name>...) and flags (?i), (?s:...), with flags i, m, s and U)');
}
